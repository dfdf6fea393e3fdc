"""Demo sales orders in every status: one shipped partly and paid with an advance, one shipped
and partly returned, one shipped partly and closed, one to supply, one not approved yet, and one
waiting for approval because it would take its partner over the credit limit.

Dated today after every other demo document (16:00 on), so reserves always find free stock.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import Engine

from server.api import Documents, Session, new_document
from server.api.related import based_on_payload
from server.metadata import registry


def wholesale(retail: Decimal) -> Decimal:
    """The Wholesale price (VAT on top) of a Retail price: 10 % below, half-up to the cent."""
    return (retail * Decimal("0.9")).quantize(Decimal("0.01"), ROUND_HALF_UP)


class _Sales:
    def __init__(self, engine: Engine, org: int, warehouse: int, terms: dict, today: dt.date):
        self.session = Session(engine)
        self.docs = Documents(self.session, registry)
        self.org, self.wh, self.terms, self.today = org, warehouse, terms, today

    def at(self, minute: int) -> str:
        moment = dt.datetime.combine(self.today, dt.time(16, 0)) + dt.timedelta(minutes=minute)
        return moment.isoformat(timespec="seconds")

    def order(self, minute: int, customer: int, status: str, lines: list[dict]) -> dict:
        """An order at the customer's price type (lines carry Retail prices) and manager."""
        terms = self.terms[customer]
        if not terms["vat_included"]:
            lines = [{**ln, "price": str(wholesale(Decimal(ln["price"])))} for ln in lines]
        payload = new_document(
            organization=self.org,
            date=self.at(minute),
            counterparty=customer,
            warehouse=self.wh,
            status=status,
            lines=lines,
            **terms,
        )
        return self.docs.save("sales_order", payload, post=True)

    def based(self, target: str, basis: str, basis_id: int, minute: int) -> dict[str, Any]:
        p = based_on_payload(self.session, registry, target, basis, basis_id)
        p["date"] = self.at(minute)
        return p

    def ship(self, order: dict, minute: int, share: Decimal) -> dict:
        """A shipment of ``share`` of what is left to ship of each line (at least 1)."""
        p = self.based("sales_shipment", "sales_order", order["id"], minute)
        for ln in p["lines"]:
            q = (Decimal(ln["quantity"]) * share).to_integral_value(ROUND_CEILING)
            ln["quantity"] = str(max(q, Decimal(1)))
        return self.docs.save("sales_shipment", p, post=True)


def _goods(session: Session, warehouse: int) -> list[dict[str, Any]]:
    """Products counted in pieces with at least 12 free at the warehouse, dearest first."""
    return session.rows(
        "SELECT b.product_id AS id, p.price FROM kontora.reg_free_stock_balance b "
        "JOIN kontora.cat_products p ON p.id = b.product_id "
        "JOIN kontora.cat_units u ON u.id = p.unit_id "
        "WHERE b.warehouse_id = :w AND b.quantity >= 12 AND u.precision = 0 "
        "ORDER BY p.price DESC, b.product_id",
        w=warehouse,
    )


def _headroom(session: Session, customers: list[int]) -> list[tuple[Decimal | None, int]]:
    """(credit limit − debt, or None without a limit; counterparty), most room first."""
    rows = session.rows(
        "SELECT c.id, p.credit_limit - coalesce((SELECT sum(b.amount) "
        "FROM kontora.reg_customer_settlements_balance b WHERE b.partner_id = p.id), 0) AS room "
        "FROM kontora.cat_counterparties c JOIN kontora.cat_partners p ON p.id = c.partner_id "
        "WHERE c.id = ANY(:ids)",
        ids=customers,
    )
    big = Decimal(10) ** 12
    # companies with the most room first, then customers without a limit (retail)
    return sorted(((r["room"], r["id"]) for r in rows), key=lambda x: -(x[0] or -big))


def _line(g: dict[str, Any], qty: int, reserve: int | None = None) -> dict[str, Any]:
    ln = {"product": g["id"], "quantity": str(qty), "price": str(g["price"]), "vat_rate": "20"}
    ln["reserve"] = str(qty if reserve is None else reserve)
    return ln


def load_sales(
    engine: Engine,
    org: int,
    warehouse: int,
    terms: dict[int, dict[str, Any]],
    customers: list[int],
    today: dt.date,
) -> None:
    """Six orders of the statuses a sales desk sees, their shipments, a payment with an advance
    and a return; the infobase asks for approval when a credit limit is exceeded. ``terms``:
    each customer's partner, manager, price type and whether its prices include VAT."""
    s = _Sales(engine, org, warehouse, terms, today)
    goods = _goods(s.session, warehouse)
    if len(goods) < 8 or len(customers) < 3:
        return
    s.session.execute("UPDATE kontora.constants SET credit_limit_action = 'approval'")
    roomy = [c for room, c in _headroom(s.session, customers) if room is None or room >= 3000]
    first, second = roomy[0], roomy[min(1, len(roomy) - 1)]
    # 1. to ship, shipped half, paid in full plus an advance
    a = s.order(0, first, "to_ship", [_line(goods[0], 6), _line(goods[1], 4), _line(goods[2], 2)])
    s.ship(a, 30, Decimal("0.5"))
    pay = s.based("customer_payment", "sales_order", a["id"], 60)
    pay["amount"] = str(Decimal(pay["amount"]) + Decimal("250.00"))
    pay["comment"] = "The order in full and an advance for the next one"
    s.docs.save("customer_payment", pay, post=True)
    # 2. shipped in full, one unit of its first line returned
    b = s.order(5, second, "to_ship", [_line(goods[3], 5), _line(goods[4], 3)])
    sh = s.ship(b, 35, Decimal(1))
    ret = s.based("sales_return", "sales_shipment", sh["id"], 70)
    ret["lines"] = [{**ret["lines"][0], "quantity": "1"}]
    ret["comment"] = "Damaged in transit"
    s.docs.save("sales_return", ret, post=True)
    # 3. shipped partly, then closed: the rest is not wanted any more
    c = s.order(10, first, "to_ship", [_line(goods[5], 4), _line(goods[6], 6)])
    s.ship(c, 40, Decimal("0.5"))
    doc = s.docs.read("sales_order", c["id"])
    s.docs.save("sales_order", {"id": c["id"], "version": doc["version"], "status": "closed"},
                post=True)  # fmt: skip
    # 4. to supply: half of it reserved; 5. not approved yet
    s.order(15, second, "to_supply", [_line(goods[7], 10, 5)])
    s.order(20, first, "not_approved", [_line(goods[0], 2, 0)])
    # 6. over the smallest credit limit: kept waiting for approval
    limited = s.session.rows(
        "SELECT c.id, p.credit_limit FROM kontora.cat_counterparties c "
        "JOIN kontora.cat_partners p ON p.id = c.partner_id "
        "WHERE c.id = ANY(:ids) AND p.credit_limit IS NOT NULL ORDER BY p.credit_limit, c.id",
        ids=customers,
    )
    if limited:
        dear = max(goods, key=lambda g: g["price"])
        qty = int((limited[0]["credit_limit"] + 1000) / dear["price"]) + 1
        s.order(25, limited[0]["id"], "to_ship", [_line(dear, qty, 0)])
