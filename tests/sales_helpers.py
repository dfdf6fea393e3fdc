"""Builders for the sales-order stories: orders, shipments based on them, payments."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from server.api import new_document
from server.api.related import based_on_payload
from server.metadata import registry
from tests.helpers import at


def order(w: Any, day: int, *lines: tuple, status: str = "to_ship", **header: Any) -> dict:
    """A sales order; each line is (product, quantity, price[, reserve[, extra dict]])."""
    rows = []
    for ln in lines:
        p, q, price, *rest = ln
        row = {"product": p, "quantity": q, "price": price}
        if rest:
            row["reserve"] = rest[0]
        if len(rest) > 1:
            row.update(rest[1])
        rows.append(row)
    base = {
        "organization": w.org,
        "partner": w.partner,
        "counterparty": w.customer,
        "warehouse": w.wh,
        "status": status,
        "vat_included": True,
        "date": at(day),
        "lines": rows,
    }
    payload = new_document(**{**base, **header})
    return w.docs.save("sales_order", payload, post=True)


def based_on(w: Any, target: str, basis: str, basis_id: int) -> dict[str, Any]:
    return based_on_payload(w.session, registry, target, basis, basis_id)


def ship_order(w: Any, order_id: int, day: int, qty: dict[int, str] | None = None) -> dict:
    """A shipment based on the order (what is left to ship), quantities optionally changed."""
    p = based_on(w, "sales_shipment", "sales_order", order_id)
    p["date"] = at(day)
    if qty is not None:
        p["lines"] = [
            {**ln, "quantity": qty[ln["product"]["id"]]}
            for ln in p["lines"]
            if ln["product"]["id"] in qty
        ]
    return w.docs.save("sales_shipment", p, post=True)


def bal(w: Any, register: str, **key: int) -> dict[str, Decimal]:
    return w.regs.balance(register, **key)


def debt(w: Any, order_id: int = 0) -> Decimal:
    return bal(
        w, "customer_settlements", partner=w.partner, counterparty=w.customer, order=order_id
    )["amount"]
