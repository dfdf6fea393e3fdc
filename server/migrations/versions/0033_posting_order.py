"""posting order: a stock movement's moment ends with the number of the posting that wrote it

Revision ID: 0033
Revises: 0032
Create Date: 2026-12-01

A key's stock movements within one second were ordered by their document (type, id) for the
moving-average cost; a document saved first (lower id) but posted second — two clients at the
same second — then had to recalculate the other's cost. Now they are ordered as posted:
``reg_stock.seq`` is the posting's number (``kontora.reg_stock_seq``, taken under the keys'
locks, one per posting), and the moment is (period, incoming before outgoing, seq, line).
The movements already there get numbers in their old order (by document type and id), so
every cost stays what it was; new postings come after them. The key index follows the moment.
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
    op.execute(f"ALTER TABLE {S}.reg_stock ADD COLUMN seq bigint")
    op.execute(f"""
        UPDATE {S}.reg_stock x SET seq = r.n
        FROM (SELECT recorder_type, recorder_id,
                     row_number() OVER (ORDER BY recorder_type, recorder_id) AS n
              FROM (SELECT DISTINCT recorder_type, recorder_id FROM {S}.reg_stock) d) r
        WHERE x.recorder_type = r.recorder_type AND x.recorder_id = r.recorder_id""")
    op.execute(
        f"SELECT setval('{S}.reg_stock_seq', max(seq)) FROM {S}.reg_stock HAVING count(*) > 0"
    )
    op.execute(
        f"ALTER TABLE {S}.reg_stock ALTER COLUMN seq SET DEFAULT "
        f"nextval('{S}.reg_stock_seq'::regclass), ALTER COLUMN seq SET NOT NULL"
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
