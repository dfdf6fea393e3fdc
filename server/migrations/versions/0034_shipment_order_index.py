"""a sales shipment's order is indexed

Revision ID: 0034
Revises: 0033
Create Date: 2026-12-02

A sales order's posting looks up the shipments made against it (an order kept waiting for
approval must have none posted; a closed order's movements count what they shipped): by
``doc_sales_shipment.order_id``, which had no index — every shipment read, on every such
posting (the field is declared ``indexed`` since).
"""

from alembic import op

revision = "0034"
down_revision = "0033"
branch_labels = None
depends_on = None

S = "kontora"
INDEX = "ix_doc_sales_shipment_order_id"


def upgrade() -> None:
    op.execute(f"CREATE INDEX {INDEX} ON {S}.doc_sales_shipment (order_id)")


def downgrade() -> None:
    op.execute(f"DROP INDEX {S}.{INDEX}")
