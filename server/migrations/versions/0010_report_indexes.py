"""report indexes: movements by period, monthly totals by month

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30

A report over all keys of a register reads the movements of its period (and of its edge
months) and the totals of its months; without an index on the period (month) alone PostgreSQL
scanned every movement (total) of the history. The declarations (server/schema.py) give every
register these two indexes; this revision adds them to the registers an infobase has.
"""

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

S = "kontora"
REGISTERS = (
    "stock",
    "sales",
    "expenses",
    "goods_expected",
    "supplier_settlements",
    "purchases",
    "customer_orders",
    "reserves",
    "free_stock",
    "customer_settlements",
)


def upgrade() -> None:
    for r in REGISTERS:
        op.create_index(f"ix_reg_{r}_period", f"reg_{r}", ["period"], schema=S)
        op.create_index(f"ix_reg_{r}_totals_month", f"reg_{r}_totals", ["month"], schema=S)


def downgrade() -> None:
    for r in REGISTERS:
        op.drop_index(f"ix_reg_{r}_totals_month", f"reg_{r}_totals", schema=S)
        op.drop_index(f"ix_reg_{r}_period", f"reg_{r}", schema=S)
