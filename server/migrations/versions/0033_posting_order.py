"""posting order: a stock movement's moment ends with the number of the posting that wrote it

Revision ID: 0033
Revises: 0032
Create Date: 2026-12-01

A key's stock movements within one second were ordered by their document (type, id) for the
moving-average cost; a document saved first (lower id) but posted second — two clients at the
same second — then had to recalculate the other's cost. Now they are ordered as posted:
``reg_stock.seq`` is the posting's number (``kontora.reg_stock_seq``, taken under the keys'
locks, one per posting), and the moment is (period, incoming before outgoing, seq, line).

The movements already there keep their order and every cost: they get 0 (a default kept in
the catalog, no rewrite of the table), which orders them by line as before when one document
is alone at its key and second — nearly always; where several are, their movements are
numbered 1, 2, … in document order. New postings come after all of them. The key index
follows the moment (period, seq).
"""

from alembic import op

revision = "0033"
down_revision = "0032"
branch_labels = None
depends_on = None

S = "kontora"
INDEX = "ix_reg_stock_key_period"


def upgrade() -> None:
    op.execute(f"CREATE SEQUENCE {S}.reg_stock_seq")
    op.execute(f"ALTER TABLE {S}.reg_stock ADD COLUMN seq bigint NOT NULL DEFAULT 0")
    op.execute(f"""
        WITH shared AS (  -- a key's seconds with movements of more than one document
          SELECT warehouse_id, product_id, period FROM {S}.reg_stock
          GROUP BY 1, 2, 3
          HAVING min(recorder_id) <> max(recorder_id) OR min(recorder_type) <> max(recorder_type)
        ), numbered AS (
          SELECT x.recorder_type, x.recorder_id, x.line_no,
                 dense_rank() OVER (PARTITION BY x.warehouse_id, x.product_id, x.period
                                    ORDER BY x.recorder_type, x.recorder_id) AS n
          FROM {S}.reg_stock x JOIN shared USING (warehouse_id, product_id, period)
        ), done AS (
          UPDATE {S}.reg_stock x SET seq = n.n FROM numbered n
          WHERE (x.recorder_type, x.recorder_id, x.line_no)
                = (n.recorder_type, n.recorder_id, n.line_no)
          RETURNING x.seq
        )
        SELECT setval('{S}.reg_stock_seq', max(seq)) FROM done HAVING count(*) > 0""")
    op.execute(
        f"ALTER TABLE {S}.reg_stock ALTER COLUMN seq SET DEFAULT "
        f"nextval('{S}.reg_stock_seq'::regclass)"
    )
    op.execute(f"DROP INDEX {S}.{INDEX}")
    op.execute(f"CREATE INDEX {INDEX} ON {S}.reg_stock (warehouse_id, product_id, period, seq)")


def downgrade() -> None:
    op.execute(f"DROP INDEX {S}.{INDEX}")
    op.execute(
        f"CREATE INDEX {INDEX} ON {S}.reg_stock "
        "(warehouse_id, product_id, period, recorder_type, recorder_id, line_no)"
    )
    op.execute(f"ALTER TABLE {S}.reg_stock DROP COLUMN seq")
    op.execute(f"DROP SEQUENCE {S}.reg_stock_seq")
