"""Demo purchasing: orders to suppliers from the reorder suggestions, a receipt of part of one,
payments (one of them ahead of the goods), and a draft order still being prepared."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import Engine

from server.api import Documents, Session, new_document
from server.api.prices import purchase_price_type
from server.api.purchasing import reorder_suggestions
from server.api.related import based_on_payload
from server.metadata import registry


def _partner(session: Session, counterparty: int) -> int:
    return int(
        session.scalar(
            "SELECT partner_id FROM kontora.cat_counterparties WHERE id = :c", c=counterparty
        )
    )


def load_purchasing(
    engine: Engine, org: int, warehouse: int, suppliers: list[int], today: dt.date
) -> None:
    """Orders for what is below its minimum stock at ``warehouse``, split between two
    suppliers; the first is half received and paid for what arrived plus an advance."""
    session = Session(engine)
    docs = Documents(session, registry)
    rows = reorder_suggestions(session, registry, warehouse)
    if not rows or len(suppliers) < 2:
        return
    halves = (rows[::2], rows[1::2])
    purchase = purchase_price_type(session)
    orders = []
    for n, (supplier, part) in enumerate(zip(suppliers, halves, strict=False)):
        if not part:
            continue
        day = dt.datetime.combine(today - dt.timedelta(days=6 - n), dt.time(9, 30))
        lines = [
            {
                "product": r["product"]["id"],
                "quantity": str(r["quantity"]),
                "price": str(r["price"] or Decimal("1.00")),
                "vat_rate": None if r["vat_rate"] is None else str(r["vat_rate"]),
            }
            for r in part
        ]
        payload = new_document(
            organization=org,
            date=day.isoformat(timespec="seconds"),
            partner=_partner(session, supplier),
            counterparty=supplier,
            warehouse=warehouse,
            price_type=purchase["id"] if purchase else None,
            expected_date=(today + dt.timedelta(days=3)).isoformat(),
            status="confirmed" if n == 0 else "draft",
            comment="Restocking what is below its minimum at the main warehouse"
            if n == 0
            else "Being agreed with the supplier",
            lines=lines,
        )
        orders.append(docs.save("purchase_order", payload, post=True))
    first = orders[0]["id"]
    receipt = based_on_payload(session, registry, "goods_receipt", "purchase_order", first)
    receipt["lines"] = [
        {**ln, "quantity": str(max(Decimal(1), (ln["quantity"] / 2).to_integral_value()))}
        for ln in receipt["lines"]
    ]
    at = dt.datetime.combine(today - dt.timedelta(days=2), dt.time(11, 0))
    receipt["date"] = at.isoformat(timespec="seconds")
    receipt["comment"] = "First half of the order; the rest is expected"
    docs.save("goods_receipt", receipt, post=True)
    pay = based_on_payload(session, registry, "supplier_payment", "purchase_order", first)
    at = dt.datetime.combine(today - dt.timedelta(days=1), dt.time(15, 0))
    pay["date"] = at.isoformat(timespec="seconds")
    pay["comment"] = "Prepayment of the whole order"
    docs.save("supplier_payment", pay, post=True)
