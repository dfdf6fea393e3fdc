"""turnover totals: a balance register's monthly totals keep each resource's receipts

Revision ID: 0029
Revises: 0024
Create Date: 2026-11-30

Beside the net change of a month, ``<resource>_in`` holds the sum of its positive movements
(the month's expenses are receipts − net), so a report over many months reads the totals of
its whole months instead of their movements (AccumulationRegister.receipt_columns). Posting
keeps them from now on; here they are computed once from the movements.
"""

import sqlalchemy as sa
from alembic import op

revision = "0029"
down_revision = "0024"
branch_labels = None
depends_on = None

S = "kontora"
# register -> (dimension columns, resource columns): the balance registers at this revision
REGISTERS = {
    "stock": (("warehouse_id", "product_id"), ("quantity", "cost")),
    "goods_expected": (("order_id", "product_id"), ("quantity",)),
    "supplier_settlements": (("partner_id", "counterparty_id", "order_id"), ("amount",)),
    "customer_orders": (("order_id", "product_id"), ("quantity", "amount")),
    "reserves": (("warehouse_id", "product_id", "order_id"), ("quantity",)),
    "free_stock": (("warehouse_id", "product_id"), ("quantity",)),
    "customer_settlements": (("partner_id", "counterparty_id", "order_id"), ("amount",)),
    "employee_settlements": (("employee_id",), ("amount",)),
}


def _present() -> list[str]:
    """The registers whose tables exist (a later revision may have dropped one)."""
    tables = set(sa.inspect(op.get_bind()).get_table_names(schema=S))
    return [n for n in REGISTERS if f"reg_{n}_totals" in tables and f"reg_{n}" in tables]


def upgrade() -> None:
    for name in _present():
        dims, res = REGISTERS[name]
        table = f"{S}.reg_{name}_totals"
        for c in res:  # (still there after a downgrade: see below)
            op.execute(
                f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {c}_in numeric NOT NULL DEFAULT 0"
            )
        keys = ", ".join(dims)
        sums = ", ".join(f"sum(greatest({c}, 0)) AS {c}_in" for c in res)
        sets = ", ".join(f"{c}_in = x.{c}_in" for c in res)
        got = ", ".join(f"coalesce(m.{c}_in, 0) AS {c}_in" for c in res)
        match = " AND ".join(f"t.{d} = x.{d}" for d in (*dims, "month"))
        op.execute(
            f"UPDATE {table} t SET {sets} FROM (SELECT {keys}, month, {got} FROM {table} "
            f"LEFT JOIN (SELECT {keys}, date_trunc('month', period)::date AS month, {sums} "
            f"FROM {S}.reg_{name} GROUP BY {keys}, month) m USING ({keys}, month)) x "
            f"WHERE {match}"
        )
        for c in res:
            op.execute(f"ALTER TABLE {table} ALTER COLUMN {c}_in DROP DEFAULT")


def downgrade() -> None:
    """The receipts stay, with DEFAULT 0, so that the routines the infobase has (those of a
    later code: migration 0008 calls them) and an earlier code's posting can write the totals;
    the next upgrade computes them again from the movements."""
    for name in _present():
        for c in REGISTERS[name][1]:
            op.execute(f"ALTER TABLE {S}.reg_{name}_totals ALTER COLUMN {c}_in SET DEFAULT 0")
