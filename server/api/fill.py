"""What "create based on" fills beyond the declared field maps: a shipment takes what is still
to ship of an order, a payment what is still to pay (on an order, a shipment, a receipt), a
return the shipment it returns; a receipt what is still expected of a purchase order, a
supplier payment what is still to pay on it."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from server.api.session import Session
from server.config.documents.payment_lines import TARGETED, paid_by_name
from server.config.documents.trade_lines import LINE_TOTAL

S = "kontora"
_LINE_FIELDS = ("product", "price", "discount", "vat_rate")


def _to_ship(session: Session, order_id: int) -> dict[int, Decimal]:
    """Product -> quantity still to ship of the order."""
    rows = session.rows(
        f"SELECT product_id, quantity FROM {S}.reg_customer_orders_balance "
        "WHERE order_id = :o AND quantity > 0",
        o=order_id,
    )
    return {r["product_id"]: r["quantity"] for r in rows}


def shipment_from_order(session: Session, out: dict[str, Any], src: dict[str, Any]) -> None:
    """The order's lines not cancelled, each with what is left to ship of its product (spread
    over the lines of a product in their order); lines with nothing left are skipped."""
    left = _to_ship(session, src["id"])
    out["order"] = {"id": src["id"], "name": src["number"]}
    lines = []
    for row in src["lines"]:
        pid = (row["product"] or {}).get("id")
        if row.get("cancelled") or not left.get(pid):
            continue
        qty = min(row["quantity"], left[pid])
        left[pid] -= qty
        lines.append({**{f: row.get(f) for f in _LINE_FIELDS}, "quantity": qty})
    out["lines"] = lines


def payment_from_order(session: Session, out: dict[str, Any], src: dict[str, Any]) -> None:
    """The order's unpaid amount, allocated to it."""
    unpaid = session.scalar(
        f"SELECT coalesce(sum(amount), 0) FROM {S}.reg_customer_orders_balance WHERE order_id = :o",
        o=src["id"],
    )
    order = {"id": src["id"], "name": src["number"]}
    out["kind"] = "bank"
    if unpaid > 0:
        out["amount"] = unpaid
        out["orders"] = [{"order": order, "amount": unpaid}]


def return_from_shipment(session: Session, out: dict[str, Any], src: dict[str, Any]) -> None:
    out["shipment"] = {"id": src["id"], "name": src["number"]}


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


#: What is still to pay on a purchase order: its total (each line by the posting rules'
#: LINE_TOTAL) less what payments settled against it — or, when receipts came at other prices,
#: what we owe on it by its settlements; never below zero. All of it PostgreSQL's arithmetic.
_SUPPLIER_DUE = f"""
SELECT greatest(
  (SELECT coalesce(sum({LINE_TOTAL[1:]}), 0) FROM {S}.doc_purchase_order h
   JOIN {S}.doc_purchase_order_lines l ON l.doc_id = h.id WHERE h.id = :o)
  + (SELECT coalesce(sum(amount), 0) FROM {S}.reg_supplier_settlements
     WHERE order_id = :o AND recorder_type = 'supplier_payment'),
  (SELECT coalesce(sum(amount), 0) FROM {S}.reg_supplier_settlements_balance WHERE order_id = :o),
  0)"""


def supplier_payment_from_order(session: Session, out: dict[str, Any], src: dict[str, Any]) -> None:
    """What is still to pay on the order (:data:`_SUPPLIER_DUE`), allocated to it."""
    due = session.scalar(_SUPPLIER_DUE, o=src["id"])
    out["kind"] = "bank"
    out["amount"] = due
    ref = {"id": src["id"], "name": src["number"]}
    out["orders"] = [{"order": ref, "amount": due}] if due > 0 else []


#: (new document type, basis type) -> completes the payload from the basis as its form shows it
def _payment_for(register: str, field: str) -> Callable[[Session, dict, dict], None]:
    """A payment of a debt document (a shipment, a goods receipt): what it made owed less what
    posted payments already allocated to it by name, allocated to it."""
    target = TARGETED[register][2]

    def fill(session: Session, out: dict[str, Any], src: dict[str, Any]) -> None:
        due = session.scalar(
            f"SELECT coalesce((SELECT sum(amount) FROM {S}.reg_{register} WHERE recorder_type "
            f"= :t AND recorder_id = :i), 0) - {paid_by_name(register, ':i')}",
            t=target,
            i=src["id"],
        )
        out["kind"] = "bank"
        cp = out.get("counterparty")
        if not out.get("partner") and cp:  # the document left it to its counterparty
            out["partner"] = session.rows(
                f"SELECT p.id, p.name FROM {S}.cat_counterparties c "
                f"JOIN {S}.cat_partners p ON p.id = c.partner_id WHERE c.id = :c",
                c=cp["id"],
            )[0]
        if due > 0:
            out["amount"] = due
            out["orders"] = [{field: {"id": src["id"], "name": src["number"]}, "amount": due}]

    return fill


FILLERS: dict[tuple[str, str], Callable[[Session, dict[str, Any], dict[str, Any]], None]] = {
    ("sales_shipment", "sales_order"): shipment_from_order,
    ("customer_payment", "sales_order"): payment_from_order,
    ("sales_return", "sales_shipment"): return_from_shipment,
    ("goods_receipt", "purchase_order"): receipt_from_order,
    ("supplier_payment", "purchase_order"): supplier_payment_from_order,
    ("customer_payment", "sales_shipment"): _payment_for("customer_settlements", "shipment"),
    ("supplier_payment", "goods_receipt"): _payment_for("supplier_settlements", "receipt"),
}
