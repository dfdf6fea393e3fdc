"""import: the opening stock balances document (1C "Ввод начальных остатков")

Revision ID: 0021
Revises: 0015
Create Date: 2026-11-30

Opening stock balances (server/config/documents/opening_stock.py), the target the Excel import
of opening balances writes (server/api/importing.py). Generated from the declaration
(tests/test_metadata.py compares them).
"""

import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("CREATE SEQUENCE kontora.doc_opening_stock_number_seq")
    op.create_table(
        "doc_opening_stock",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("number", sa.Text(), nullable=False),
        sa.Column("date", sa.DateTime(), nullable=False),
        sa.Column(
            "number_year",
            sa.Integer(),
            sa.Computed("(EXTRACT(year FROM date))::integer", persisted=True),
            nullable=True,
        ),
        sa.Column("organization_id", sa.BigInteger(), nullable=False),
        sa.Column("posted", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("deletion_mark", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.Column("client_key", sa.UUID(), nullable=False),
        sa.Column("last_request", sa.UUID(), nullable=True),
        sa.Column("author", sa.Text(), server_default=sa.text("SESSION_USER"), nullable=False),
        sa.Column("warehouse_id", sa.BigInteger(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.CheckConstraint("char_length(comment) <= 2000", name="ck_doc_opening_stock_comment_len"),
        sa.CheckConstraint(
            "char_length(number) BETWEEN 1 AND 30", name="ck_doc_opening_stock_number_len"
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"], ["kontora.cat_organizations.id"], ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["warehouse_id"], ["kontora.cat_warehouses.id"], ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("client_key", name="uq_doc_opening_stock_client_key"),
        sa.UniqueConstraint(
            "organization_id", "number_year", "number", name="uq_doc_opening_stock_number"
        ),
        schema="kontora",
    )
    op.create_index(
        "ix_doc_opening_stock_date",
        "doc_opening_stock",
        ["date", "id"],
        unique=False,
        schema="kontora",
    )
    op.create_table(
        "doc_opening_stock_lines",
        sa.Column("doc_id", sa.BigInteger(), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.BigInteger(), nullable=False),
        sa.Column("quantity", sa.Numeric(), nullable=False),
        sa.Column("cost", sa.Numeric(), nullable=True),
        sa.CheckConstraint(
            "abs(cost) < 10000000000000 AND cost = trunc(cost, 2)",
            name="ck_doc_opening_stock_lines_cost_exact",
        ),
        sa.CheckConstraint(
            "abs(quantity) < 1000000000000 AND quantity = trunc(quantity, 3)",
            name="ck_doc_opening_stock_lines_quantity_exact",
        ),
        sa.CheckConstraint("cost >= 0", name="ck_doc_opening_stock_lines_cost_nonnegative"),
        sa.CheckConstraint("quantity > 0", name="ck_doc_opening_stock_lines_quantity_positive"),
        sa.ForeignKeyConstraint(["doc_id"], ["kontora.doc_opening_stock.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["product_id"], ["kontora.cat_products.id"], ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("doc_id", "line_no", name="pk_doc_opening_stock_lines"),
        schema="kontora",
    )


def downgrade() -> None:
    op.drop_table("doc_opening_stock_lines", schema="kontora")
    op.drop_table("doc_opening_stock", schema="kontora")
    op.execute("DROP SEQUENCE kontora.doc_opening_stock_number_seq")
