"""purchase prices: price types recorded by goods receipts; shipment's price type and manager

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30

A price type may be recorded by goods receipts (``from_purchases``): posting a receipt writes
its prices into the prices register, marked with the receipt (``inf_prices.receipt_id``; empty
for a price set by hand). A purchase order has a price type (the supplier's prices). A sales
shipment records the price type of its prices and the manager (as its order does).
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

S = "kontora"

#: (table, column, referenced table)
REFS = (
    ("doc_sales_shipment", "price_type_id", "cat_price_types"),
    ("doc_purchase_order", "price_type_id", "cat_price_types"),
    ("inf_prices", "receipt_id", "doc_goods_receipt"),
)


def upgrade() -> None:
    for table, col, target in REFS:
        op.add_column(table, sa.Column(col, sa.BigInteger()), schema=S)
        op.create_foreign_key(
            f"{table}_{col}_fkey",
            table,
            target,
            [col],
            ["id"],
            source_schema=S,
            referent_schema=S,
            ondelete="RESTRICT",
        )
    op.create_index("ix_inf_prices_receipt_id", "inf_prices", ["receipt_id"], schema=S)
    op.add_column("cat_price_types", sa.Column("from_purchases", sa.Boolean()), schema=S)
    op.add_column("doc_sales_shipment", sa.Column("manager", sa.Text()), schema=S)
    op.create_check_constraint(
        "ck_doc_sales_shipment_manager_len",
        "doc_sales_shipment",
        "char_length(manager) <= 63",
        schema=S,
    )


def downgrade() -> None:
    op.drop_constraint(
        "ck_doc_sales_shipment_manager_len", "doc_sales_shipment", type_="check", schema=S
    )
    op.drop_column("doc_sales_shipment", "manager", schema=S)
    op.drop_column("cat_price_types", "from_purchases", schema=S)
    op.drop_index("ix_inf_prices_receipt_id", "inf_prices", schema=S)
    for table, col, _target in reversed(REFS):
        op.drop_constraint(f"{table}_{col}_fkey", table, type_="foreignkey", schema=S)
        op.drop_column(table, col, schema=S)
