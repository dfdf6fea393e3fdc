"""``kontora-admin generate --scale N``: a large infobase made by the normal posting rules.

Scale N is about N × 1,000 documents and N × 10,000 stock movements over ``years`` of history
ending today (N = 1000: a million documents, ten million stock movements): goods receipts and
sales shipments of 8–20 lines, customer and supplier payments, write-offs and stock
transfers, for N × 10 more partners and N × 20 more products (up to 20,000 each) than the demo
company's catalogs it starts from.

Catalog items are inserted set-based (INSERT … SELECT, their triggers still run). Every
document goes through its generated ``kontora.<document>_save`` routine and is posted by it,
so the database checks each one exactly as for a clerk; what makes it fast is that documents
come in date order (every posting is "posting now", no recalculation of later movements) and
are sent a batch at a time over one pipelined connection, one transaction a batch (small:
each posting's advisory locks are held until its transaction ends). Stock is
tracked here so that no shipment is ever refused. Deterministic for a seed and ``today``.
"""

from __future__ import annotations

import datetime as dt
import random
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from psycopg import errors
from sqlalchemy import Engine, text

import server.config  # noqa: F401 - fills the registry
from server.api import new_document
from server.api.documents import validate
from server.api.session import to_json
from server.demo import EXPENSE_ITEMS, Product, _catalogs, deal_terms
from server.demo_sales import wholesale
from server.metadata import registry

#: documents per transaction: each posting's advisory locks are held to its end, and a bigger
#: batch ran out of the server's lock table (max_locks_per_transaction) at ~50,000 documents
BATCH = 25
CENT = Decimal("0.01")
VAT = "20"
#: what ten documents in a row are: receipts, shipments, customer and supplier payments
PATTERN = "RSSCSSRSCP"
Progress = Callable[[int, int], None]


@dataclass
class Totals:
    """What was generated, and how long it took."""

    documents: int = 0
    stock_movements: int = 0
    seconds: float = 0.0
    by_kind: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def count(self, kinds: list[str]) -> None:
        with self.lock:
            self.documents += len(kinds)
            for kind in kinds:
                self.by_kind[kind] += 1

    def as_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "stock_movements": self.stock_movements,
            "seconds": round(self.seconds, 1),
            "documents_per_second": round(self.documents / self.seconds, 1) if self.seconds else 0,
            "by_kind": dict(self.by_kind),
        }


class Poster:
    """Saves and posts documents in the order given, a batch per transaction, pipelined. A
    batch that meets a deadlock or a lock timeout of another generating thread is sent again."""

    RETRIES = 5

    def __init__(self, engine: Engine, totals: Totals, progress: Callable[[], None]) -> None:
        self.raw = engine.raw_connection()
        self.conn = self.raw.driver_connection
        self.conn.autocommit = False
        self.totals = totals
        self.progress = progress
        self.pending: list[tuple[str, str, str]] = []

    def add(self, name: str, payload: dict[str, Any]) -> None:
        d = registry.document(name)
        self.pending.append((name, d.table, to_json(validate(d, payload))))
        if len(self.pending) >= BATCH:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        for attempt in range(self.RETRIES + 1):
            try:
                with self.conn.pipeline():
                    for _name, table, body in self.pending:
                        self.conn.execute(f"SELECT kontora.{table}_save(%s::jsonb, true)", (body,))
                self.conn.commit()
                break
            except (errors.DeadlockDetected, errors.LockNotAvailable):
                self.conn.rollback()
                if attempt == self.RETRIES:
                    raise
        self.totals.count([name for name, _table, _body in self.pending])
        self.pending.clear()
        self.progress()

    def close(self) -> None:
        self.flush()
        self.raw.close()


def _more_catalogs(engine: Engine, partners: int, products: int) -> None:
    """``partners`` more customers (each with a counterparty) and ``products`` more products."""
    with engine.begin() as c:
        c.execute(
            text(
                "INSERT INTO kontora.cat_partners(name, is_client, manager) "
                "SELECT 'Customer ' || to_char(g, 'FM00000'), true, "
                "(ARRAY['a.volkova', 'd.orlov'])[1 + g % 2] FROM generate_series(1, :n) g"
            ),
            {"n": partners},
        )
        c.execute(
            text(
                "INSERT INTO kontora.cat_counterparties(name, full_name, tax_id, partner_id, "
                "legal_form) SELECT p.name, p.name || ' LLC', "
                "'77' || to_char(p.id, 'FM00000000'), p.id, 'company' "
                "FROM kontora.cat_partners p WHERE p.name LIKE 'Customer _____'"
            )
        )
        c.execute(
            text(
                "INSERT INTO kontora.cat_products(code, name, article, unit_id, price, "
                "vat_rate_id) SELECT 'G' || to_char(g, 'FM000000'), 'Goods item ' || g, "
                "'G-' || g, (SELECT id FROM kontora.cat_units WHERE name = 'pcs'), "
                "round((1 + (g * 7919) % 9900) / 100.0, 2), "
                "(SELECT min(id) FROM kontora.cat_vat_rates) FROM generate_series(1, :n) g"
            ),
            {"n": products},
        )


class History:
    """Chronological documents that keep every stock balance non-negative."""

    def __init__(
        self, poster: Poster, seed: int, catalogs: dict[str, Any], share: int = 0, of: int = 1
    ) -> None:
        """The ``share``-th of ``of`` parallel histories: its own warehouses, customers and
        suppliers, so that parallel histories never touch the same balance."""
        self.poster = poster
        self.rnd = random.Random(seed + share)
        self.org: int = catalogs["org"]
        self.whs: list[int] = catalogs["whs"][share::of]
        self.suppliers: list[int] = catalogs["suppliers"][share::of]
        self.customers: list[int] = catalogs["customers"][share::of]
        self.products: list[Product] = catalogs["products"]
        self.terms: dict[int, dict[str, Any]] = catalogs["terms"]
        self.items: dict[str, int] = catalogs["items"]
        self.stock: dict[tuple[int, int], int] = defaultdict(int)
        self.owed: dict[int, Decimal] = defaultdict(Decimal)
        self.due: dict[int, Decimal] = defaultdict(Decimal)

    def save(self, name: str, at: dt.datetime, **header: Any) -> None:
        payload = new_document(organization=self.org, date=at.isoformat(timespec="seconds"))
        self.poster.add(name, {**payload, **header})

    def opening(self, at: dt.datetime) -> None:
        """Every product into every warehouse, 500 lines a receipt."""
        for wh in self.whs:
            for i in range(0, len(self.products), 500):
                self.receipt(at, wh, self.products[i : i + 500], low=200, high=400)

    def receipt(
        self, at: dt.datetime, wh: int, items: list[Product], low: int = 40, high: int = 160
    ) -> None:
        supplier = self.rnd.choice(self.suppliers)
        lines, total = [], Decimal(0)
        for p in items:
            q = self.rnd.randint(low, high)
            cost = (p.price * Decimal("0.62")).quantize(CENT, ROUND_HALF_UP)
            lines.append({"product": p.id, "quantity": str(q), "price": str(cost), "vat_rate": VAT})
            self.stock[wh, p.id] += q
            total += cost * q
        self.due[supplier] += total
        partner = self.terms[supplier]["partner"]
        self.save(
            "goods_receipt", at, warehouse=wh, supplier=supplier, partner=partner, lines=lines
        )

    def shipment(self, at: dt.datetime, wh: int) -> None:
        customer = self.rnd.choice(self.customers)
        terms = self.terms[customer]
        lines, total = [], Decimal(0)
        for p in self.rnd.sample(self.products, min(len(self.products), self.rnd.randint(8, 20))):
            q = min(self.rnd.randint(1, 12), self.stock[wh, p.id])
            if q <= 0:
                continue
            price = p.price if terms["vat_included"] else wholesale(p.price)
            line = {"product": p.id, "quantity": str(q), "price": str(price), "vat_rate": VAT}
            lines.append(line)
            self.stock[wh, p.id] -= q
            total += price * q
        if lines:
            self.owed[customer] += total
            self.save("sales_shipment", at, warehouse=wh, customer=customer, **terms, lines=lines)

    def restock(self, at: dt.datetime, wh: int) -> None:
        self.receipt(at, wh, self.rnd.sample(self.products, min(len(self.products), 14)))

    def customer_payment(self, at: dt.datetime) -> None:
        self._pay("customer_payment", at, self.owed, self.customers)

    def supplier_payment(self, at: dt.datetime) -> None:
        self._pay("supplier_payment", at, self.due, self.suppliers)

    def _pay(self, name: str, at: dt.datetime, debts: dict, whom: list[int]) -> None:
        counterparty = self.rnd.choice(whom)
        amount = (debts[counterparty] * Decimal("0.8")).quantize(CENT)
        if amount < 1:
            return
        debts[counterparty] -= amount
        partner = self.terms[counterparty]["partner"]
        self.save(name, at, partner=partner, counterparty=counterparty, amount=str(amount))

    def write_off(self, at: dt.datetime, wh: int) -> None:
        p = self.rnd.choice(self.products)
        q = min(self.rnd.randint(1, 3), self.stock[wh, p.id])
        if q <= 0:
            return
        self.stock[wh, p.id] -= q
        item = self.rnd.choice(sorted(self.items))
        reason = self.rnd.choice(EXPENSE_ITEMS[item])
        lines = [{"product": p.id, "quantity": str(q)}]
        self.save(
            "write_off", at, warehouse=wh, reason=reason, expense_item=self.items[item], lines=lines
        )

    def transfer(self, at: dt.datetime, src: int, dst: int) -> None:
        lines = []
        for p in self.rnd.sample(self.products, min(len(self.products), 6)):
            q = min(self.rnd.randint(5, 15), self.stock[src, p.id])
            if q > 0:
                lines.append({"product": p.id, "quantity": str(q)})
                self.stock[src, p.id] -= q
                self.stock[dst, p.id] += q
        if lines:
            self.save("stock_transfer", at, warehouse=src, to_warehouse=dst, lines=lines)

    def document(self, n: int, at: dt.datetime) -> None:
        """The ``n``-th document of the history, written at ``at``."""
        wh = self.whs[n % len(self.whs)]
        if n % 97 == 0:
            self.write_off(at, wh)
        elif n % 89 == 0 and len(self.whs) > 1:
            self.transfer(at, self.whs[0], self.rnd.choice(self.whs[1:]))
        else:
            kind = PATTERN[n % len(PATTERN)]
            {
                "R": lambda: self.restock(at, wh),
                "S": lambda: self.shipment(at, wh),
                "C": lambda: self.customer_payment(at),
                "P": lambda: self.supplier_payment(at),
            }[kind]()


def _load_catalogs(engine: Engine, scale: int) -> dict[str, Any]:
    with engine.begin() as c:
        if c.scalar(text("SELECT EXISTS (SELECT 1 FROM kontora.cat_organizations)")):
            raise ValueError("generate needs an empty infobase (it has an organization)")
        org, whs, suppliers, _customers, _products = _catalogs(c)
        items = {
            name: int(
                c.execute(
                    text("INSERT INTO kontora.cat_expense_items(name) VALUES (:n) RETURNING id"),
                    {"n": name},
                ).scalar_one()
            )
            for name in EXPENSE_ITEMS
        }
    _more_catalogs(engine, min(scale * 10, 20_000), min(scale * 20, 20_000))
    with engine.begin() as c:
        products = [
            Product(r.id, r.name, r.kg, r.price)
            for r in c.execute(
                text(
                    "SELECT p.id, p.name, u.precision > 0 AS kg, p.price "
                    "FROM kontora.cat_products p JOIN kontora.cat_units u ON u.id = p.unit_id "
                    "WHERE NOT p.is_group AND u.precision = 0 ORDER BY p.id"
                )
            )
        ]
        customers = list(
            c.execute(
                text(
                    "SELECT c.id FROM kontora.cat_counterparties c JOIN kontora.cat_partners p "
                    "ON p.id = c.partner_id WHERE p.is_client ORDER BY c.id"
                )
            ).scalars()
        )
        terms = deal_terms(c)
    return {
        "org": org,
        "whs": whs,
        "suppliers": suppliers,
        "customers": customers,
        "products": products,
        "terms": terms,
        "items": items,
    }


def generate(
    engine: Engine,
    scale: int,
    *,
    years: int = 3,
    seed: int = 2026,
    today: dt.date | None = None,
    documents: int | None = None,
    workers: int = 1,
    progress: Progress | None = None,
) -> Totals:
    """Fill an empty infobase with about ``scale`` × 1,000 posted documents (see the module);
    ``documents`` sets another number of documents for the same catalogs. ``workers``
    parallel histories (at most the number of warehouses) post over their own connections;
    one worker makes the same infobase for the same seed, document numbers included."""
    started = time.monotonic()
    target = documents if documents is not None else scale * 1000
    totals = Totals()
    catalogs = _load_catalogs(engine, scale)
    workers = max(1, min(workers, len(catalogs["whs"]), len(catalogs["suppliers"])))
    first = (today or dt.date.today()) - dt.timedelta(days=365 * years - 1)
    failures: list[BaseException] = []

    def run(share: int) -> None:
        poster = Poster(engine, totals, lambda: progress and progress(totals.documents, target))
        try:
            history = History(poster, seed, catalogs, share, workers)
            _write(history, first, 365 * years, target // workers + (share < target % workers))
            poster.close()
        except BaseException as exc:  # reported by the caller's thread
            failures.append(exc)
            poster.raw.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if failures:
        raise failures[0]
    with engine.connect() as c:
        totals.stock_movements = int(c.scalar(text("SELECT count(*) FROM kontora.reg_stock")))
    totals.seconds = time.monotonic() - started
    return totals


def _write(history: History, first: dt.date, days: int, target: int) -> None:
    """The opening receipts on ``first``, then ``target`` documents spread over ``days``."""
    history.opening(dt.datetime.combine(first, dt.time(7, 0)))
    n = 0
    for day in range(days):
        todays = (target * (day + 1)) // days - (target * day) // days
        start = dt.datetime.combine(first + dt.timedelta(days=day), dt.time(8, 0))
        step = dt.timedelta(seconds=36_000 // max(todays, 1))  # spread over 08:00–18:00
        for k in range(todays):
            n += 1
            history.document(n, start + step * k)
