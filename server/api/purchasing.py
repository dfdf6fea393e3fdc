"""Purchasing queries: reorder suggestions from minimum stock, goods expected and reserves."""

from __future__ import annotations

from typing import Any

from server.api.session import Session
from server.metadata import Registry

S = "kontora"

#: Extension point: the balance register of stock reserved for customers (warehouse, product →
#: quantity). Until a register of this name is declared, nothing counts as reserved.
RESERVES_REGISTER = "reserves"


def _reserved_sql(reg: Registry) -> str:
    """Rows (product_id, quantity) reserved at warehouse ``:w`` (none without reserves)."""
    r = reg.registers.get(RESERVES_REGISTER)
    if r is None or not {"warehouse", "product"} <= {d.name for d in r.dimensions}:
        return "SELECT NULL::bigint AS product_id, 0::numeric AS quantity WHERE false"
    return (
        f"SELECT product_id, sum({r.res_columns[0]}) AS quantity FROM {S}.{r.balance_table} "
        "WHERE warehouse_id = :w GROUP BY product_id"
    )


def reorder_suggestions(session: Session, reg: Registry, warehouse: int) -> list[dict[str, Any]]:
    """Products whose free stock to come at ``warehouse`` — on hand + expected by confirmed
    purchase orders to it − reserved — is below their minimum stock, with the quantity to
    order (the difference, rounded up to the unit's decimals), the last purchase price and
    the product's VAT rate. Rows: product {id, name}, min_stock, on_hand, expected, reserved,
    quantity, price, vat_rate."""
    rows = session.rows(
        f"""
WITH on_hand AS (
  SELECT product_id, quantity FROM {S}.reg_stock_balance WHERE warehouse_id = :w
), expected AS (
  SELECT b.product_id, sum(b.quantity) AS quantity
  FROM {S}.reg_goods_expected_balance b JOIN {S}.doc_purchase_order o ON o.id = b.order_id
  WHERE o.warehouse_id = :w GROUP BY b.product_id
), reserved AS ({_reserved_sql(reg)}),
s AS (
  SELECT p.id, p.name, p.min_stock, u.precision, p.vat_rate_id,
         coalesce(h.quantity, 0) AS on_hand, coalesce(e.quantity, 0) AS expected,
         coalesce(r.quantity, 0) AS reserved
  FROM {S}.cat_products p JOIN {S}.cat_units u ON u.id = p.unit_id
  LEFT JOIN on_hand h ON h.product_id = p.id
  LEFT JOIN expected e ON e.product_id = p.id
  LEFT JOIN reserved r ON r.product_id = p.id
  WHERE NOT p.is_group AND NOT p.deletion_mark AND p.min_stock > 0
), short AS (
  SELECT * FROM s WHERE s.on_hand + s.expected - s.reserved < s.min_stock
), last_price AS (  -- the price of the latest posted receipt of each product (one pass)
  SELECT DISTINCT ON (l.product_id) l.product_id, l.price
  FROM {S}.doc_goods_receipt_lines l JOIN {S}.doc_goods_receipt g ON g.id = l.doc_id
  WHERE g.posted AND l.price IS NOT NULL AND l.product_id IN (SELECT id FROM short)
  ORDER BY l.product_id, g.date DESC, g.id DESC
)
SELECT s.id, s.name, s.min_stock, s.on_hand, s.expected, s.reserved,
       round(ceil((s.min_stock - (s.on_hand + s.expected - s.reserved))
                  * power(10::numeric, s.precision)) / power(10::numeric, s.precision),
             s.precision) AS quantity,
       lp.price, v.rate AS vat_rate
FROM short s LEFT JOIN last_price lp ON lp.product_id = s.id
LEFT JOIN {S}.cat_vat_rates v ON v.id = s.vat_rate_id AND NOT coalesce(v.no_vat, false)
ORDER BY s.name, s.id""",
        w=warehouse,
    )
    for r in rows:
        r["product"] = {"id": r.pop("id"), "name": r.pop("name")}
    return rows
