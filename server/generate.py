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
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from psycopg import errors
from sqlalchemy import Engine, text

import server.config  # noqa: F401 - fills the registry
from server.api import Session, new_document
from server.api.documents import validate
from server.api.session import to_json
from server.demo import EXPENSE_ITEMS, Product, _catalogs, deal_terms
from server.demo_sales import wholesale
from server.generate_people import Payroll, calendar_years, interaction, people, pipeline, walk
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


class Saved:
    """A document handed to the poster: its id once its batch is sent (:meth:`Poster.flush`)."""

    __slots__ = ("id",)

    def __init__(self) -> None:
        self.id: int | None = None


class Poster:
    """Saves and posts documents in the order given, a batch per transaction, pipelined. A
    batch that meets a deadlock or a lock timeout of another generating thread is sent again."""

    RETRIES = 30

    def __init__(self, engine: Engine, totals: Totals, progress: Callable[[], None]) -> None:
        self.raw = engine.raw_connection()
        self.conn = self.raw.driver_connection
        self.conn.autocommit = False
        # A bulk load: a commit does not wait for its WAL to reach the disk (a crash loses at
        # most the last batches, never half of one; the generator is run again anyway).
        self.conn.execute("SET synchronous_commit = off")
        self.conn.commit()
        self.totals = totals
        self.progress = progress
        self.pending: list[tuple[str, str, str, Saved]] = []
        self.added = 0  # documents handed to this poster so far

    def add(self, name: str, payload: dict[str, Any]) -> Saved:
        d = registry.document(name)
        saved = Saved()
        self.pending.append((name, d.table, to_json(validate(d, payload)), saved))
        self.added += 1
        if len(self.pending) >= BATCH:
            self.flush()
        return saved

    def flush(self) -> None:
        if not self.pending:
            return
        for attempt in range(self.RETRIES + 1):
            try:
                with self.conn.pipeline():
                    cursors = [
                        self.conn.execute(f"SELECT kontora.{table}_save(%s::jsonb, true)", (body,))
                        for _name, table, body, _saved in self.pending
                    ]
                self.conn.commit()
                break
            except (errors.DeadlockDetected, errors.LockNotAvailable):
                self.conn.rollback()
                if attempt == self.RETRIES:
                    raise
                # Parallel histories share only purchase prices of a product and day: the
                # other batch is under way; let it finish before sending this one again.
                time.sleep(random.uniform(0.05, 0.2) * (attempt + 1))
        for cur, (_name, _table, _body, saved) in zip(cursors, self.pending, strict=True):
            saved.id = int(cur.fetchone()[0]["id"])  # type: ignore[index]
        self.totals.count([name for name, _table, _body, _saved in self.pending])
        self.pending.clear()
        self.progress()

    def close(self) -> None:
        self.flush()
        self.raw.close()


def _total(lines: list[dict[str, Any]]) -> Decimal:
    return sum((Decimal(ln["price"]) * Decimal(ln["quantity"]) for ln in lines), Decimal(0))


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
        self.share = share
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
        self.unlimited = [c for c in self.customers if c not in catalogs["limited"]]
        self.won: dict[int, int] = catalogs["won"]
        self.deals = [
            (self.terms[c]["partner"], catalogs["deals"][self.terms[c]["partner"]])
            for c in self.customers
            if self.terms[c]["partner"] in catalogs["deals"]
        ]
        self.crm_from: dt.datetime = catalogs["crm_from"]
        #: orders to ship and purchase orders to receive: (when, the saved order, its payload)
        self.to_ship: deque[tuple[dt.datetime, Saved, dict[str, Any]]] = deque()
        self.to_receive: deque[tuple[dt.datetime, Saved, dict[str, Any]]] = deque()
        self.payroll: Payroll | None = None
        self.salaries: dict[str, Any] | None = None

    def save(self, name: str, at: dt.datetime, **header: Any) -> Saved:
        payload = new_document(organization=self.org, date=at.isoformat(timespec="seconds"))
        return self.poster.add(name, {**payload, **header})

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

    def sold(self, wh: int, terms: dict[str, Any], low: int = 8, high: int = 20) -> list[dict]:
        """Lines of what is in stock at ``wh`` at the customer's prices (taken off the stock)."""
        lines = []
        for p in self.rnd.sample(
            self.products, min(len(self.products), self.rnd.randint(low, high))
        ):
            q = min(self.rnd.randint(1, 12), self.stock[wh, p.id])
            if q <= 0:
                continue
            price = p.price if terms["vat_included"] else wholesale(p.price)
            lines.append(
                {"product": p.id, "quantity": str(q), "price": str(price), "vat_rate": VAT}
            )
            self.stock[wh, p.id] -= q
        return lines

    def shipment(self, at: dt.datetime, wh: int) -> None:
        customer = self.rnd.choice(self.customers)
        terms = self.terms[customer]
        lines = self.sold(wh, terms)
        if lines:
            self.owed[customer] += _total(lines)
            self.save("sales_shipment", at, warehouse=wh, customer=customer, **terms, lines=lines)

    def order(self, at: dt.datetime, wh: int) -> None:
        """A sales order (a customer without a credit limit): most shipped in 1–3 days (one in
        eight still waits), two in three reserving their goods, one in ten not approved yet
        (moves nothing)."""
        if not self.unlimited:
            return self.shipment(at, wh)
        customer = self.rnd.choice(self.unlimited)
        terms = self.terms[customer]
        if self.rnd.random() < 0.1:
            lines = self.sold(wh, terms, 2, 6)
            for ln in lines:  # not taken after all
                self.stock[wh, ln["product"]] += int(ln["quantity"])
            status = "not_approved"
        else:
            lines, status = self.sold(wh, terms, 3, 10), "to_ship"
        reserve = status == "to_ship" and self.rnd.random() < 2 / 3
        for ln in lines:
            ln["reserve"] = ln["quantity"] if reserve else "0"
        if not lines:
            return None
        deal = self.won.get(terms["partner"])
        header = {"counterparty": customer, "warehouse": wh, **terms, "status": status}
        header |= {"deal": deal} if deal else {}
        saved = self.save("sales_order", at, **header, lines=lines)
        if status == "to_ship" and self.rnd.random() < 0.875:  # the rest waits (reserved)
            when = at + dt.timedelta(days=self.rnd.randint(1, 3))
            self.to_ship.append((when, saved, {**header, "lines": lines}))
        return None

    def ship_order(self, at: dt.datetime) -> None:
        """The shipment of an order, filled from it as "create based on" fills it (the declared
        field map; every line with what is left to ship: all of it)."""
        _when, saved, order = self.to_ship.popleft()
        self.owed[order["counterparty"]] += _total(order["lines"])
        self.save("sales_shipment", at, **self.based("sales_shipment", "sales_order", saved, order))

    def based(self, target: str, basis: str, saved: Saved, src: dict[str, Any]) -> dict:
        """A ``target`` payload based on the ``basis`` document ``saved`` (payload ``src``) by
        the declared field maps, with the basis as its order and link."""
        if saved.id is None:
            self.poster.flush()
        rule = registry.document(target).basis(basis)
        assert rule is not None
        out = {new: src[old] for new, old in rule.header.items() if old in src}
        out["lines"] = [
            {f: ln.get(f) for f in ("product", "quantity", "price", "discount", "vat_rate")}
            for ln in src["lines"]
        ]
        return out | {"order": saved.id, "based_on": {"type": basis, "id": saved.id}}

    def restock(self, at: dt.datetime, wh: int) -> None:
        self.receipt(at, wh, self.rnd.sample(self.products, min(len(self.products), 14)))

    def purchase_order(self, at: dt.datetime, wh: int) -> None:
        """A confirmed order to a supplier, received in full by a receipt based on it 1–4 days
        later (the goods count as stock from then)."""
        supplier = self.rnd.choice(self.suppliers)
        lines = []
        for p in self.rnd.sample(self.products, min(len(self.products), 12)):
            cost = (p.price * Decimal("0.62")).quantize(CENT, ROUND_HALF_UP)
            q = self.rnd.randint(40, 160)
            lines.append({"product": p.id, "quantity": str(q), "price": str(cost), "vat_rate": VAT})
        when = at + dt.timedelta(days=self.rnd.randint(1, 4))
        header = {
            "partner": self.terms[supplier]["partner"],
            "counterparty": supplier,
            "warehouse": wh,
            "status": "confirmed",
            "expected_date": when.date().isoformat(),
        }
        saved = self.save("purchase_order", at, **header, lines=lines)
        self.to_receive.append((when, saved, {**header, "lines": lines}))

    def receive_order(self, at: dt.datetime) -> None:
        _when, saved, order = self.to_receive.popleft()
        for ln in order["lines"]:
            self.stock[order["warehouse"], ln["product"]] += int(ln["quantity"])
        self.due[order["counterparty"]] += _total(order["lines"])
        self.save(
            "goods_receipt", at, **self.based("goods_receipt", "purchase_order", saved, order)
        )

    def talk(self, at: dt.datetime) -> None:
        """An interaction with the partner of one of this history's deals."""
        partner, deal = self.rnd.choice(self.deals)
        self.poster.add("interaction", interaction(self.rnd, self.org, at, partner, deal))

    def month_start(self, day: dt.date) -> None:
        """Payroll (one history's job): on the 1st the sheet of the month before, dated its
        last day; on the 5th the salary payment of that sheet."""
        if self.payroll is None:
            return
        if day.day == 5 and self.salaries:
            self.poster.add("salary_payment", self.salaries)
            self.salaries = None
        if day.day == 1:
            month = (day - dt.timedelta(days=1)).replace(day=1)
            self.poster.flush()  # the sheet fills from what is committed
            sheet, self.salaries = self.payroll.sheet(month)
            if sheet.get("accruals"):
                self.poster.add("payroll_sheet", sheet)

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
        if self.to_ship and self.to_ship[0][0] <= at:
            self.ship_order(at)
        elif self.to_receive and self.to_receive[0][0] <= at:
            self.receive_order(at)
        elif n % 53 == 0 and self.deals and at >= self.crm_from:
            self.talk(at)
        elif n % 97 == 0:
            self.write_off(at, wh)
        elif n % 89 == 0 and len(self.whs) > 1:
            self.transfer(at, self.whs[0], self.rnd.choice(self.whs[1:]))
        else:
            kind = PATTERN[n % len(PATTERN)]
            if n % 20 in (1, 6) and (n // 20) % 3 != 2:
                kind = kind.lower()  # an order: to a supplier (R) or of a customer (S)
            {
                "r": lambda: self.purchase_order(at, wh),
                "s": lambda: self.order(at, wh),
                "R": lambda: self.restock(at, wh),
                "S": lambda: self.shipment(at, wh),
                "C": lambda: self.customer_payment(at),
                "P": lambda: self.supplier_payment(at),
            }[kind]()


def _load_catalogs(engine: Engine, scale: int, first: dt.date, today: dt.date) -> dict[str, Any]:
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
        limited = set(
            c.execute(
                text(
                    "SELECT c.id FROM kontora.cat_counterparties c JOIN kontora.cat_partners p "
                    "ON p.id = c.partner_id WHERE p.credit_limit IS NOT NULL"
                )
            ).scalars()
        )
        people(c, org, first, today, min(8 + scale // 2, 200))
        deals = pipeline(c, today, customers, 3)
    calendar_years(Session(engine), first, today)
    won = walk(engine, deals)
    return {
        "limited": limited,
        "deals": deals,
        "won": won,
        "crm_from": dt.datetime.combine(today - dt.timedelta(days=120), dt.time(0)),
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
    last = today or dt.date.today()
    first = last - dt.timedelta(days=365 * years - 1)
    catalogs = _load_catalogs(engine, scale, first, last)
    workers = max(1, min(workers, len(catalogs["whs"]), len(catalogs["suppliers"])))
    failures: list[BaseException] = []

    def run(share: int) -> None:
        poster = Poster(engine, totals, lambda: progress and progress(totals.documents, target))
        try:
            history = History(poster, seed, catalogs, share, workers)
            if share == 0:
                history.payroll = Payroll(engine, catalogs["org"])
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
    # Each parallel history's opening receipts on a day of their own: every product's
    # purchase price of a day is one row, which two 500-line receipts would write at once.
    opening = first - dt.timedelta(days=history.share)
    history.opening(dt.datetime.combine(opening, dt.time(7, 0)))
    n = written = 0
    for day in range(days):
        # What is left over the days left: a slot that wrote nothing (a payment when nothing is
        # owed, a sale with nothing in stock) is made up later, so ``target`` documents are
        # written (the last day's own empty slots aside).
        todays = max(0, (target * (day + 1)) // days - written)
        history.month_start(first + dt.timedelta(days=day))
        start = dt.datetime.combine(first + dt.timedelta(days=day), dt.time(8, 0))
        step = dt.timedelta(seconds=36_000 // max(todays, 1))  # spread over 08:00–18:00
        for k in range(todays):
            n += 1
            before = history.poster.added
            history.document(n, start + step * k)
            written += history.poster.added - before
