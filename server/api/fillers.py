""" "Create based on" fillers: what a declared basis copies is adjusted by the state of the
registers (:attr:`server.metadata.BasedOn.filler` names one of :data:`FILLERS`).

A filler takes the session, the basis document as its form shows it and the new document's
data, and changes the data in place.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from server.api.session import Session

S = "kontora"
Filler = Callable[[Session, dict[str, Any], dict[str, Any]], None]


def still_to_receive(session: Session, order: dict[str, Any], out: dict[str, Any]) -> None:
    """Purchase order → goods receipt: each line the quantity still expected (the balance of
    goods expected, shared among the lines of a product in their order); lines with nothing
    left are dropped."""
    rows = session.rows(
        f"SELECT product_id, quantity FROM {S}.reg_goods_expected_balance WHERE order_id = :o",
        o=order["id"],
    )
    left = {r["product_id"]: r["quantity"] for r in rows}
    lines = []
    for line in out.get("lines", []):
        pid = (line.get("product") or {}).get("id")
        take = min(Decimal(line["quantity"]), left.get(pid, Decimal(0)))
        if take > 0:
            left[pid] -= take
            lines.append({**line, "quantity": take})
    out["lines"] = lines


def still_to_pay(session: Session, order: dict[str, Any], out: dict[str, Any]) -> None:
    """Purchase order → supplier payment: the order's total less what was paid against it,
    allocated to the order."""
    total = sum((line["total"] or Decimal(0) for line in order["lines"]), Decimal(0))
    paid = session.scalar(
        f"SELECT coalesce(-sum(amount), 0) FROM {S}.reg_supplier_settlements "
        "WHERE order_id = :o AND recorder_type = 'supplier_payment'",
        o=order["id"],
    )
    due = max(total - Decimal(paid), Decimal(0))
    out["amount"] = due
    ref = {"id": order["id"], "name": order["number"]}
    out["lines"] = [{"order": ref, "amount": due}] if due > 0 else []


FILLERS: dict[str, Filler] = {"still_to_receive": still_to_receive, "still_to_pay": still_to_pay}
