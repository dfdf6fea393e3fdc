"""derived free stock: free stock is computed from the stock and the reserves, not kept

Revision ID: 0030
Revises: 0029
Create Date: 2026-12-01

Free stock is on hand − reserved: per warehouse and product, the stock less the reserves of
all orders. Every document moving the stock or the reserves wrote that difference once more
into a register of its own, so posting kept three more tables (movements, monthly totals,
balances) under the same locks, and their movements were about 28 % of all movements (972 of
3,439 in the demo infobase). The application now computes free stock from the stock and the
reserves, in views named like the tables were; here the three tables go (a movement table
partitioned by ``kontora-admin partition`` with its partitions), and the row type the posting
routines used; the reserves gain the two indexes a posting's free stock check reads them by.

Going back re-creates the tables as they were at 0029 and fills them from the stock and the
reserves as 0029's posting wrote them: each document line's free-stock movement is its stock
movement less its reserve movement (zeros included), the monthly totals (with the receipts)
are summed from those, and the balances are the stock's less the reserves (a key's zero row
kept, as posting keeps it). A month's totals row that posting left at zero (its documents
unposted) is not re-created; a movement table partitioned before comes back unpartitioned.
"""

import sqlalchemy as sa
from alembic import op

revision = "0030"
down_revision = "0029"
branch_labels = None
depends_on = None

S = "kontora"
TABLES = ("reg_free_stock_balance", "reg_free_stock_totals", "reg_free_stock")
QTY_EXACT = "abs(quantity) < 1000000000000000 AND quantity = trunc(quantity, 3)"


def upgrade() -> None:
    # Nothing depends on them (no view, key or trigger; the posting routines, re-installed
    # after the migration, name them only in their bodies). A partitioned movement table
    # goes with its partitions.
    op.execute(f"DROP TABLE IF EXISTS {', '.join(f'{S}.{t}' for t in TABLES)} CASCADE")
    # Only its array type depends on it; no CASCADE: a function taking it would stop us.
    op.execute(f"DROP TYPE IF EXISTS {S}.mv_free_stock")
    # A posting's free stock check reads the reserves by warehouse and product: is anything
    # later, and how much is reserved now (open reserves only, not every order's zero row).
    op.create_index(
        "ix_reg_reserves_free_stock_period",
        "reg_reserves",
        ["warehouse_id", "product_id", "period"],
        schema=S,
    )
    op.create_index(
        "ix_reg_reserves_balance_free_stock",
        "reg_reserves_balance",
        ["warehouse_id", "product_id"],
        schema=S,
        postgresql_where=sa.text("quantity <> 0"),
    )


def downgrade() -> None:
    op.execute(f"DROP VIEW IF EXISTS {', '.join(f'{S}.{t}' for t in TABLES)} CASCADE")
    op.drop_index("ix_reg_reserves_balance_free_stock", "reg_reserves_balance", schema=S)
    op.drop_index("ix_reg_reserves_free_stock_period", "reg_reserves", schema=S)
    _tables()
    _grants()
    _fill()


def _tables() -> None:
    """The tables as 0006 made them, with 0010's indexes, 0022's CHECKs and 0029's receipts."""
    op.create_table(
        "reg_free_stock",
        sa.Column("recorder_type", sa.Text(), nullable=False),
        sa.Column("recorder_id", sa.BigInteger(), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("period", sa.DateTime(), nullable=False),
        sa.Column("warehouse_id", sa.BigInteger(), nullable=False),
        sa.Column("product_id", sa.BigInteger(), nullable=False),
        sa.Column("quantity", sa.Numeric(), nullable=False),
        sa.CheckConstraint(QTY_EXACT, name="ck_reg_free_stock_quantity_exact"),
        sa.PrimaryKeyConstraint(
            "recorder_type", "recorder_id", "line_no", name="pk_reg_free_stock"
        ),
        schema=S,
    )
    op.create_index(
        "ix_reg_free_stock_key_period",
        "reg_free_stock",
        ["warehouse_id", "product_id", "period"],
        schema=S,
    )
    op.create_index("ix_reg_free_stock_period", "reg_free_stock", ["period"], schema=S)
    op.create_table(
        "reg_free_stock_balance",
        sa.Column("warehouse_id", sa.BigInteger(), nullable=False),
        sa.Column("product_id", sa.BigInteger(), nullable=False),
        sa.Column("quantity", sa.Numeric(), nullable=False),
        sa.CheckConstraint("quantity >= 0", name="ck_reg_free_stock_balance_quantity_nonnegative"),
        sa.PrimaryKeyConstraint("warehouse_id", "product_id", name="pk_reg_free_stock_balance"),
        schema=S,
    )
    op.create_table(
        "reg_free_stock_totals",
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("warehouse_id", sa.BigInteger(), nullable=False),
        sa.Column("product_id", sa.BigInteger(), nullable=False),
        sa.Column("quantity", sa.Numeric(), nullable=False),
        sa.Column("quantity_in", sa.Numeric(), nullable=False),
        sa.PrimaryKeyConstraint(
            "warehouse_id", "product_id", "month", name="pk_reg_free_stock_totals"
        ),
        schema=S,
    )
    op.create_index("ix_reg_free_stock_totals_month", "reg_free_stock_totals", ["month"], schema=S)


def _grants() -> None:
    """What the routines install (run at head only, not after a downgrade) granted them at
    0029: the privileges the stock's movements have (SELECT for the group roles), in the
    order of the roles' creation, as one GRANT to them all makes it."""
    grants = op.get_bind().exec_driver_sql(f"""
        SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE a.grantee::regrole::text END,
               string_agg(a.privilege_type, ', ' ORDER BY a.privilege_type)
        FROM pg_class c, aclexplode(c.relacl) a
        WHERE c.oid = '{S}.reg_stock'::regclass AND a.grantee <> c.relowner
        GROUP BY a.grantee ORDER BY a.grantee""")
    tables = ", ".join(f"{S}.{t}" for t in reversed(TABLES))
    for grantee, privileges in grants.all():
        op.execute(f"GRANT {privileges} ON {tables} TO {grantee}")


def _fill() -> None:
    """Free stock = stock − reserves, movement for movement as 0029's posting wrote it: each
    document line moved both by the same amount (a shipment: its stock less what it took from
    the order's reserve; an order: its reserve, negated; anything else: its stock), zeros
    included. A recorder's movements of one moment and key are paired in line order. Then the
    monthly totals with the receipts, and the balances of the stock's keys (zeros kept, as
    posting keeps them) less their reserves over the orders."""
    key = "recorder_type, recorder_id, period, warehouse_id, product_id"
    nth = f"row_number() OVER (PARTITION BY {key} ORDER BY line_no) AS k"
    op.execute(f"""
        INSERT INTO {S}.reg_free_stock
            (recorder_type, recorder_id, line_no, period, warehouse_id, product_id, quantity)
        SELECT recorder_type, recorder_id,
               row_number() OVER (PARTITION BY recorder_type, recorder_id
                                  ORDER BY coalesce(s.line_no, r.line_no), s.line_no),
               period, warehouse_id, product_id, coalesce(s.quantity, 0) - coalesce(r.quantity, 0)
        FROM (SELECT {key}, line_no, quantity, {nth} FROM {S}.reg_stock) s
        FULL JOIN (SELECT {key}, line_no, quantity, {nth} FROM {S}.reg_reserves) r
            USING ({key}, k)""")
    op.execute(f"""
        INSERT INTO {S}.reg_free_stock_totals
            (month, warehouse_id, product_id, quantity, quantity_in)
        SELECT date_trunc('month', period)::date, warehouse_id, product_id, sum(quantity),
               sum(greatest(quantity, 0))
        FROM {S}.reg_free_stock GROUP BY 1, 2, 3
        HAVING sum(quantity) <> 0 OR sum(greatest(quantity, 0)) <> 0""")
    op.execute(f"""
        INSERT INTO {S}.reg_free_stock_balance (warehouse_id, product_id, quantity)
        SELECT warehouse_id, product_id, coalesce(s.quantity, 0) - coalesce(r.quantity, 0)
        FROM {S}.reg_stock_balance s
        FULL JOIN (SELECT warehouse_id, product_id, sum(quantity) AS quantity
                   FROM {S}.reg_reserves_balance GROUP BY 1, 2) r
            USING (warehouse_id, product_id)""")
