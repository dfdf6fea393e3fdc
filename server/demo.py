"""Demo data: a small trading company with three months of receipts, shipments and write-offs,
then purchasing (server/demo_purchasing.py), sales orders (server/demo_sales.py), CRM and
payroll (server/demo_payroll.py: three months of sheets and payments).

The last day is today (so the start page shows today's sales); products have EAN-13 barcodes,
and some have a minimum stock, a few of them above what is left (items below minimum stock).

Deterministic for a given ``today`` (seeded random). Catalog items are inserted directly;
documents go through :class:`server.api.Documents` and are posted, so the database checks
every one of them. Stock is tracked here so that no document is ever refused.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import Connection, Engine, text

import server.config  # noqa: F401 - fills the registry
from server.api import Documents, Session, new_document
from server.demo_crm import load_crm
from server.demo_payroll import load_payroll
from server.demo_purchasing import load_purchasing
from server.demo_sales import load_sales, wholesale
from server.metadata import registry

DAYS = 90
SEED = 2026
CENT = Decimal("0.01")
VAT = "20"  # every demo product's VAT rate, %

#: group -> (name, unit, sell price); kg items are sold by weight
PRODUCTS: dict[str, list[tuple[str, str, str]]] = {
    "Fasteners": [
        ("Hex bolt M8x40", "pcs", "0.45"),
        ("Hex bolt M10x60", "pcs", "0.80"),
        ("Nut M8", "pcs", "0.10"),
        ("Nut M10", "pcs", "0.15"),
        ("Washer 8 mm", "pcs", "0.05"),
        ("Wood screw 4x40 (box of 200)", "pcs", "6.90"),
        ("Anchor bolt 10x100", "pcs", "1.95"),
        ("Nails 3x70", "kg", "4.20"),
    ],
    "Hand tools": [
        ("Claw hammer 500 g", "pcs", "14.90"),
        ("Screwdriver set, 6 pcs", "pcs", "19.50"),
        ("Adjustable wrench 250 mm", "pcs", "16.80"),
        ("Tape measure 5 m", "pcs", "7.40"),
        ("Utility knife", "pcs", "4.90"),
        ("Spirit level 60 cm", "pcs", "12.30"),
    ],
    "Paint": [
        ("Interior paint white 10 l", "pcs", "39.00"),
        ("Wood varnish 2.5 l", "pcs", "24.50"),
        ("Paint roller 180 mm", "pcs", "5.60"),
        ("Brush set, 5 pcs", "pcs", "8.90"),
        ("Putty, dry mix", "kg", "1.35"),
    ],
    "Garden": [
        ("Garden hose 20 m", "pcs", "21.00"),
        ("Lawn seed mix", "kg", "9.80"),
        ("Fertilizer NPK", "kg", "2.40"),
        ("Pruning shears", "pcs", "15.70"),
        ("Watering can 10 l", "pcs", "9.90"),
    ],
    "Building materials": [
        ("Cement M500", "kg", "0.28"),
        ("Tile adhesive", "kg", "0.55"),
        ("Plasterboard 12.5 mm", "pcs", "8.40"),
        ("Mounting foam 750 ml", "pcs", "6.20"),
        ("Sand, washed", "kg", "0.09"),
    ],
}
WAREHOUSES = ["Main warehouse", "Retail shop", "Outlet store"]
SUPPLIERS = [
    ("Baltic Hardware Supply", "7801100201"),
    ("Nordic Tools Ltd", "7802200302"),
    ("ColorLine Paints", "7803300403"),
    ("GreenField Agro", "7804400504"),
    ("StoneBase Materials", "7805500605"),
]
CUSTOMERS = [
    ("Oakwood Construction", "7706600706"),
    ("Riverside Property Management", "7707700807"),
    ("Brightstone Renovations", "7708800908"),
    ("Maple Street Builders", "7709900109"),
    ("Harbor Facilities Service", "7701010210"),
    ("Retail customers", ""),
]
#: the logins of the managers responsible for the partners: customers by turns, suppliers
SALES_MANAGERS = ("a.volkova", "d.orlov")
BUYER = "i.kuznetsova"
#: expense item -> the write-off reasons booked to it
EXPENSE_ITEMS = {
    "Inventory losses": ("shortage", "spoilage"),
    "Own needs": ("internal_use",),
}


@dataclass(frozen=True)
class Product:
    id: int
    name: str
    kg: bool
    price: Decimal


def _ins(conn: Connection, sql: str, **params: Any) -> int:
    return int(conn.execute(text(sql), params).scalar_one())


def _catalogs(c: Connection) -> tuple[int, list[int], list[int], list[int], list[Product]]:
    """Insert the catalog items; returns organization, warehouses, suppliers, customers,
    products."""
    org = _ins(
        c,
        "INSERT INTO kontora.cat_organizations(code, name, full_name, tax_id, kpp, address, "
        "bank_name, bank_bic, bank_account, corr_account, phone, director, chief_accountant) "
        "VALUES ('ORG1', 'Northwind Trading LLC', 'Northwind Trading Limited Liability Company', "
        "'7700112233', '770001001', '12 Harbour Street, Moscow, 101000', 'First City Bank', "
        "'044525225', '40702810900000012345', '30101810400000000225', '+7 495 123-45-67', "
        "'A. N. Petrov', 'M. I. Sokolova') RETURNING id",
    )
    whs = [
        _ins(
            c,
            "INSERT INTO kontora.cat_warehouses(code, name) VALUES (:code, :n) RETURNING id",
            code=f"WH{i}",
            n=n,
        )
        for i, n in enumerate(WAREHOUSES, 1)
    ]
    units = {
        name: _ins(
            c,
            "INSERT INTO kontora.cat_units(code, name, precision) VALUES (:n, :n, :p) RETURNING id",
            n=name,
            p=p,
        )
        for name, p in (("pcs", 0), ("kg", 3))
    }

    terms = _payment_terms(c)

    def counterparties(group: str, items: list[tuple[str, str]]) -> list[int]:
        """A group of partners, and a counterparty (legal entity) of each partner."""
        client = group == "Customers"
        gid = _ins(
            c,
            "INSERT INTO kontora.cat_partners(name, is_group) VALUES (:n, true) RETURNING id",
            n=group,
        )
        out = []
        for i, (n, t) in enumerate(items):
            partner = _ins(
                c,
                "INSERT INTO kontora.cat_partners(name, parent_id, is_client, is_supplier, "
                "credit_limit, payment_terms_id, manager) "
                "VALUES (:n, :g, :cl, :su, :lim, :terms, :m) RETURNING id",
                n=n,
                g=gid,
                cl=client,
                su=not client,
                lim=Decimal(5000 * (i + 1)) if client and t else None,
                terms=terms[i % len(terms)],
                m=SALES_MANAGERS[i % len(SALES_MANAGERS)] if client else BUYER,
            )
            out.append(
                _ins(
                    c,
                    "INSERT INTO kontora.cat_counterparties(name, full_name, tax_id, partner_id, "
                    "legal_form) VALUES (:n, :f, nullif(:t, ''), :p, :lf) RETURNING id",
                    n=n,
                    f=n if not t else f"{n} LLC",
                    t=t,
                    p=partner,
                    lf="company" if t else "person",
                )
            )
        return out

    suppliers = counterparties("Suppliers", SUPPLIERS)
    customers = counterparties("Customers", CUSTOMERS)
    products: list[Product] = []
    for group, items in PRODUCTS.items():
        gid = _ins(
            c,
            "INSERT INTO kontora.cat_products(name, is_group) VALUES (:n, true) RETURNING id",
            n=group,
        )
        for name, unit, price in items:
            n = len(products) + 1
            pid = _ins(
                c,
                "INSERT INTO kontora.cat_products"
                "(code, name, article, unit_id, price, parent_id, barcode, vat_rate_id) "
                "VALUES (:code, :n, :a, :u, :p, :g, :b, "
                "(SELECT min(id) FROM kontora.cat_vat_rates)) RETURNING id",
                code=f"{n:05d}",
                b=ean13(f"460{n:09d}"),
                n=name,
                a=f"A-{1000 + n}",
                u=units[unit],
                p=Decimal(price),
                g=gid,
            )
            products.append(Product(pid, name, unit == "kg", Decimal(price)))
    # Prices by type: retail is the catalog price, wholesale 10 % below (rounded half-up).
    c.execute(
        text(
            "INSERT INTO kontora.inf_prices(period, price_type_id, product_id, price) "
            "SELECT current_date - 365, t.id, p.id, CASE t.name WHEN 'Retail' THEN p.price "
            "ELSE round(p.price * 0.9, 2) END FROM kontora.cat_products p "  # as wholesale()
            "CROSS JOIN kontora.cat_price_types t "
            "WHERE NOT p.is_group AND t.name IN ('Retail', 'Wholesale')"
        )
    )
    return org, whs, suppliers, customers, products


def _payment_terms(c: Connection) -> list[int]:
    """Payment terms, VAT rates and price types every trading company starts with."""
    for name, rate, no_vat in (
        ("20%", "20", False),
        ("10%", "10", False),
        ("Without VAT", None, True),
    ):
        c.execute(
            text("INSERT INTO kontora.cat_vat_rates(name, rate, no_vat) VALUES (:n, :r, :nv)"),
            {"n": name, "r": rate, "nv": no_vat},
        )
    # Purchase prices are recorded by the goods receipts (server/sqlgen/hooks).
    for name, incl in (("Retail", True), ("Wholesale", False), ("Purchase", False)):
        c.execute(
            text(
                "INSERT INTO kontora.cat_price_types(name, vat_included, from_purchases) "
                "VALUES (:n, :i, :n = 'Purchase')"
            ),
            {"n": name, "i": incl},
        )
    return [
        _ins(
            c,
            "INSERT INTO kontora.cat_payment_terms(name, prepayment_percent, days_due) "
            "VALUES (:n, :p, :d) RETURNING id",
            n=name,
            p=Decimal(p),
            d=d,
        )
        for name, p, d in (("Net 14 days", 0, 14), ("Prepayment 100%", 100, 0), ("50/50", 50, 30))
    ]


def deal_terms(c: Connection) -> dict[int, dict[str, Any]]:
    """What a document with each counterparty carries in its header: the partner and, for a
    customer, its manager and the price type it buys at — retail customers (no tax id) at
    Retail prices including VAT, companies at Wholesale prices with VAT on top."""
    types = dict(c.execute(text("SELECT name, id FROM kontora.cat_price_types")).all())
    rows = c.execute(
        text(
            "SELECT c.id, c.partner_id, p.manager, p.is_client, c.tax_id IS NULL AS retail "
            "FROM kontora.cat_counterparties c JOIN kontora.cat_partners p ON p.id = c.partner_id"
        )
    ).mappings()
    out: dict[int, dict[str, Any]] = {}
    for r in rows:
        out[r["id"]] = {"partner": r["partner_id"]}
        if r["is_client"]:
            out[r["id"]] |= {
                "manager": r["manager"],
                "price_type": types["Retail" if r["retail"] else "Wholesale"],
                "vat_included": bool(r["retail"]),
            }
    return out


def ean13(first12: str) -> str:
    """``first12`` digits plus the EAN-13 check digit."""
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    return first12 + str((10 - total % 10) % 10)


def _minimum_stock(c: Connection, products: list[Product], stock: dict) -> None:
    """Every third product gets a minimum stock; every sixth is left below it."""
    totals: dict[int, Decimal] = defaultdict(Decimal)
    for (_wh, pid), q in stock.items():
        totals[pid] += q
    for i, p in enumerate(products):
        if i % 3:
            continue
        left = totals[p.id].to_integral_value()
        minimum = left + 10 if i % 6 == 0 else max(left // 2, Decimal(1))
        c.execute(
            text("UPDATE kontora.cat_products SET min_stock = :m WHERE id = :p"),
            {"m": minimum, "p": p.id},
        )


class _Generator:
    """Chronological documents that keep every stock balance non-negative."""

    def __init__(
        self,
        docs: Documents,
        org: int,
        whs: list[int],
        products: list[Product],
        terms: dict[int, dict[str, Any]],
    ):
        self.docs = docs
        self.terms = terms
        self.org = org
        self.whs = whs
        self.products = products
        self.rnd = random.Random(SEED)
        self.stock: dict[tuple[int, int], Decimal] = defaultdict(Decimal)
        self.count = 0

    def qty(self, p: Product, low: int, high: int) -> Decimal:
        if p.kg:
            return Decimal(self.rnd.randint(low * 1000, high * 1000)) / 1000 * 5
        return Decimal(self.rnd.randint(low, high))

    def receipt(self, at: dt.datetime, wh: int, supplier: int, items: list[Product]) -> None:
        lines = []
        for p in items:
            q = self.qty(p, 20, 80)
            cost = (p.price * Decimal("0.62")).quantize(CENT, ROUND_HALF_UP)
            lines.append({"product": p.id, "quantity": str(q), "price": str(cost), "vat_rate": VAT})
            self.stock[wh, p.id] += q
        partner = self.terms[supplier]["partner"]
        self._save("goods_receipt", at, lines, warehouse=wh, supplier=supplier, partner=partner)

    def shipment(self, at: dt.datetime, wh: int, customer: int) -> None:
        available = [p for p in self.products if self.stock[wh, p.id] > 0]
        if not available:
            return
        terms = self.terms[customer]
        lines = []
        for p in self.rnd.sample(available, min(len(available), self.rnd.randint(1, 4))):
            q = min(self.qty(p, 1, 12), self.stock[wh, p.id])
            price = p.price if terms["vat_included"] else wholesale(p.price)
            line = {"product": p.id, "quantity": str(q), "price": str(price), "vat_rate": VAT}
            lines.append(line)
            self.stock[wh, p.id] -= q
        self._save("sales_shipment", at, lines, warehouse=wh, customer=customer, **terms)

    def write_off(self, at: dt.datetime, wh: int, items: dict[str, int]) -> None:
        available = [p for p in self.products if self.stock[wh, p.id] >= 1]
        if not available:
            return
        p = self.rnd.choice(available)
        q = min(Decimal(self.rnd.randint(1, 3)), self.stock[wh, p.id])
        self.stock[wh, p.id] -= q
        lines = [{"product": p.id, "quantity": str(q)}]
        item = self.rnd.choice(sorted(items))
        reason = self.rnd.choice(EXPENSE_ITEMS[item])
        self._save("write_off", at, lines, warehouse=wh, reason=reason, expense_item=items[item])

    def transfer(self, at: dt.datetime, src: int, dst: int) -> None:
        """Restock a shop from the main warehouse: a few of what it has most of."""
        most = sorted(self.products, key=lambda p: -self.stock[src, p.id])[:10]
        lines = []
        for p in self.rnd.sample(most, 4):
            q = min(self.qty(p, 5, 15), self.stock[src, p.id])
            if q > 0:
                lines.append({"product": p.id, "quantity": str(q)})
                self.stock[src, p.id] -= q
                self.stock[dst, p.id] += q
        if lines:
            self._save("stock_transfer", at, lines, warehouse=src, to_warehouse=dst)

    def stock_count(self, at: dt.datetime, wh: int) -> None:
        """A stock count: the book balances, a few found short or over by a unit."""
        lines = []
        for p in self.products:
            book = self.stock[wh, p.id]
            if book <= 0:
                continue
            counted = book + (self.rnd.choice((-1, 1)) if self.rnd.random() < 0.15 else 0)
            counted = max(counted, Decimal(0))
            lines.append(
                {"product": p.id, "book_quantity": str(book), "counted_quantity": str(counted)}
            )
            self.stock[wh, p.id] = counted
        self._save("stock_count", at, lines, warehouse=wh)

    def _save(self, name: str, at: dt.datetime, lines: list[dict], **header: Any) -> None:
        payload = new_document(
            organization=self.org, date=at.isoformat(timespec="seconds"), lines=lines, **header
        )
        self.docs.save(name, payload, post=True)
        self.count += 1


def load_demo(engine: Engine, today: dt.date | None = None) -> None:
    """Fill an empty infobase with demo data; does nothing if it has an organization."""
    with engine.begin() as c:
        if c.scalar(text("SELECT EXISTS (SELECT 1 FROM kontora.cat_organizations)")):
            return
        org, whs, suppliers, customers, products = _catalogs(c)
        items = {
            name: _ins(
                c, "INSERT INTO kontora.cat_expense_items(name) VALUES (:n) RETURNING id", n=name
            )
            for name in EXPENSE_ITEMS
        }
        terms = deal_terms(c)
    gen = _Generator(Documents(Session(engine), registry), org, whs, products, terms)
    rnd = gen.rnd
    start = (today or dt.date.today()) - dt.timedelta(days=DAYS - 1)  # the last day is today
    for day in range(DAYS):
        date = start + dt.timedelta(days=day)
        at = dt.datetime.combine(date, dt.time(8, 0))
        if day == 0:  # opening stock: everything into the main warehouse, some into the shops
            gen.receipt(at, whs[0], suppliers[0], products)
            for wh in whs[1:]:
                gen.receipt(at, wh, suppliers[1], rnd.sample(products, 12))
            continue
        if day % 7 == 0:
            for wh in whs:
                low = sorted(products, key=lambda p: gen.stock[wh, p.id])[:8]
                gen.receipt(at, wh, rnd.choice(suppliers), low)
        for n in range(rnd.randint(1, 3)):
            at = dt.datetime.combine(date, dt.time(10 + 2 * n, rnd.randint(0, 59)))
            gen.shipment(at, rnd.choice(whs), rnd.choice(customers))
        if day % 10 == 5:
            gen.write_off(dt.datetime.combine(date, dt.time(18, 30)), rnd.choice(whs), items)
        if day % 9 == 4:
            dst = rnd.choice(whs[1:])
            gen.transfer(dt.datetime.combine(date, dt.time(9, 15)), whs[0], dst)
        if day == DAYS - 2:
            gen.stock_count(dt.datetime.combine(date, dt.time(19, 0)), whs[-1])
    with engine.begin() as c:
        _minimum_stock(c, products, gen.stock)
    load_purchasing(engine, org, whs[0], suppliers, start + dt.timedelta(days=DAYS - 1))
    load_sales(engine, org, whs[0], terms, customers, start + dt.timedelta(days=DAYS - 1))
    load_crm(engine, start + dt.timedelta(days=DAYS - 1))
    load_payroll(engine, org, start + dt.timedelta(days=DAYS - 1))
