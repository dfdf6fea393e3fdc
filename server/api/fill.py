"""What "create based on" fills beyond the declared field maps: a receipt takes what is still
expected of a purchase order, a supplier payment what is still to pay on it."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from server.api.session import Session

S = "kontora"


def receipt_from_order(session: Session, out: dict[str, Any], src: dict[str, Any]) -> None:
    """The order itself and each line with the quantity still expected of its product (spread
    over the lines of a product in their order); lines with nothing left are dropped."""
    rows = session.rows(
        f"SELECT product_id, quantity FROM {S}.reg_goods_expected_balance WHERE order_id = :o",
        o=src["id"],
    )
    left = {r["product_id"]: r["quantity"] for r in rows}
    out["order"] = {"id": src["id"], "name": src["number"]}
    lines = []
    for line in out.get("lines", []):
        pid = (line.get("product") or {}).get("id")
        take = min(Decimal(line["quantity"]), left.get(pid, Decimal(0)))
        if take > 0:
            left[pid] -= take
            lines.append({**line, "quantity": take})
    out["lines"] = lines


def line_total(line: dict[str, Any], vat_included: bool) -> Decimal:
    """What a line costs with its VAT (added when VAT is on top)."""
    amount, vat = line.get("amount") or Decimal(0), line.get("vat_amount") or Decimal(0)
    return amount if vat_included else amount + vat


def supplier_payment_from_order(session: Session, out: dict[str, Any], src: dict[str, Any]) -> None:
    """The order's total less what was paid against it, allocated to the order."""
    total = sum((line_total(ln, bool(src["vat_included"])) for ln in src["lines"]), Decimal(0))
    paid = session.scalar(
        f"SELECT coalesce(-sum(amount), 0) FROM {S}.reg_supplier_settlements "
        "WHERE order_id = :o AND recorder_type = 'supplier_payment'",
        o=src["id"],
    )
    due = max(total - Decimal(paid), Decimal(0))
    out["kind"] = "bank"
    out["amount"] = due
    ref = {"id": src["id"], "name": src["number"]}
    out["orders"] = [{"order": ref, "amount": due}] if due > 0 else []


#: (new document type, basis type) -> completes the payload from the basis as its form shows it
FILLERS: dict[tuple[str, str], Callable[[Session, dict[str, Any], dict[str, Any]], None]] = {
    ("goods_receipt", "purchase_order"): receipt_from_order,
    ("supplier_payment", "purchase_order"): supplier_payment_from_order,
}
