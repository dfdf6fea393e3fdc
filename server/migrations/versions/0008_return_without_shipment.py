"""return without shipment: a sales return may have no shipment (it then takes the average cost)

The returns of a shipment are found by an index (their cost follows the shipment's).

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
    op.create_index(
        "ix_doc_sales_return_shipment_id", "doc_sales_return", ["shipment_id"], schema=S
    )


def downgrade() -> None:
    op.drop_index("ix_doc_sales_return_shipment_id", "doc_sales_return", schema=S)
    op.alter_column("doc_sales_return", "shipment_id", nullable=False, schema=S)
