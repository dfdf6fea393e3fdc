"""user settings, document links, product barcode and minimum stock

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23

Per-user settings roam with the user (favorites, history, list columns; row-level security
lets each login see only its own rows, installed by env.py). Document links record "created
based on" for related documents. Products get a barcode (searched) and a minimum stock.
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "user_settings",
        sa.Column("username", sa.Text(), server_default=sa.text("SESSION_USER"), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("value", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint("char_length(key) BETWEEN 1 AND 200", name="ck_user_settings_key_len"),
        sa.PrimaryKeyConstraint("username", "key", name="pk_user_settings"),
        schema="kontora",
    )
    op.create_table(
        "doc_links",
        sa.Column("doc_type", sa.Text(), nullable=False),
        sa.Column("doc_id", sa.BigInteger(), nullable=False),
        sa.Column("basis_type", sa.Text(), nullable=False),
        sa.Column("basis_id", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint(
            "doc_type", "doc_id", "basis_type", "basis_id", name="pk_doc_links"
        ),
        schema="kontora",
    )
    op.create_index(
        "ix_doc_links_basis",
        "doc_links",
        ["basis_type", "basis_id"],
        unique=False,
        schema="kontora",
    )
    op.add_column("cat_products", sa.Column("barcode", sa.Text(), nullable=True), schema="kontora")
    op.add_column(
        "cat_products", sa.Column("min_stock", sa.Numeric(), nullable=True), schema="kontora"
    )
    op.create_check_constraint(
        "ck_cat_products_barcode_len",
        "cat_products",
        "char_length(barcode) <= 64",
        schema="kontora",
    )
    op.create_check_constraint(
        "ck_cat_products_min_stock_exact",
        "cat_products",
        "abs(min_stock) < 1000000000000 AND min_stock = trunc(min_stock, 3)",
        schema="kontora",
    )
    op.create_check_constraint(
        "ck_cat_products_min_stock_nonnegative", "cat_products", "min_stock >= 0", schema="kontora"
    )
    op.create_index(
        "ix_cat_products_barcode", "cat_products", ["barcode"], unique=False, schema="kontora"
    )


def downgrade() -> None:
    op.drop_index("ix_cat_products_barcode", table_name="cat_products", schema="kontora")
    for ck in ("barcode_len", "min_stock_exact", "min_stock_nonnegative"):
        op.drop_constraint(f"ck_cat_products_{ck}", "cat_products", schema="kontora")
    op.drop_column("cat_products", "min_stock", schema="kontora")
    op.drop_column("cat_products", "barcode", schema="kontora")
    op.drop_index("ix_doc_links_basis", table_name="doc_links", schema="kontora")
    op.drop_table("doc_links")
    op.drop_table("user_settings")
