"""payment allocation: a payment line may name the document that made the debt

Revision ID: 0016
Revises: 0012
Create Date: 2026-11-30

A customer payment's line pays an order or a shipment, a supplier payment's an order or a goods
receipt (server/config/documents/payment_lines.py); the order is no longer required on a line.
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0012"
branch_labels = None
depends_on = None

S = "kontora"
LINES = (
    ("doc_customer_payment_orders", "shipment_id", "doc_sales_shipment"),
    ("doc_supplier_payment_orders", "receipt_id", "doc_goods_receipt"),
)


def upgrade() -> None:
    for table, column, target in LINES:
        op.alter_column(table, "order_id", nullable=True, schema=S)
        op.add_column(table, sa.Column(column, sa.BigInteger(), nullable=True), schema=S)
        op.create_foreign_key(
            None,
            table,
            target,
            [column],
            ["id"],
            source_schema=S,
            referent_schema=S,
            ondelete="RESTRICT",
        )


def downgrade() -> None:
    for table, column, _ in LINES:
        op.execute(f"DELETE FROM {S}.{table} WHERE order_id IS NULL")
        op.drop_column(table, column, schema=S)
        op.alter_column(table, "order_id", nullable=False, schema=S)
