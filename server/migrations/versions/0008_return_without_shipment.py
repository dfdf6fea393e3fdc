"""return without shipment: a sales return may have no shipment (it then takes the average cost)

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30
"""

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

S = "kontora"


def upgrade() -> None:
    op.alter_column("doc_sales_return", "shipment_id", nullable=True, schema=S)


def downgrade() -> None:
    op.alter_column("doc_sales_return", "shipment_id", nullable=False, schema=S)
