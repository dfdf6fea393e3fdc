"""commercial offer: goods and prices offered to a partner (for a deal), saved, never posted

Revision ID: 0017
Revises: 0013
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0013"
branch_labels = None
depends_on = None

S = "kontora"


def upgrade() -> None:
    op.create_table(
        "doc_commercial_offer",
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
        sa.Column("partner_id", sa.BigInteger(), nullable=False),
        sa.Column("counterparty_id", sa.BigInteger(), nullable=True),
        sa.Column("deal_id", sa.BigInteger(), nullable=True),
        sa.Column("price_type_id", sa.BigInteger(), nullable=True),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column("manager", sa.Text(), nullable=True),
        sa.Column("vat_included", sa.Boolean(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "char_length(comment) <= 2000", name="ck_doc_commercial_offer_comment_len"
        ),
        sa.CheckConstraint(
            "char_length(manager) <= 63", name="ck_doc_commercial_offer_manager_len"
        ),
        sa.CheckConstraint(
            "char_length(number) BETWEEN 1 AND 30", name="ck_doc_commercial_offer_number_len"
        ),
        sa.ForeignKeyConstraint(
            ["counterparty_id"], ["kontora.cat_counterparties.id"], ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(["deal_id"], ["kontora.cat_deals.id"], ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(
            ["organization_id"], ["kontora.cat_organizations.id"], ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(["partner_id"], ["kontora.cat_partners.id"], ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(
            ["price_type_id"], ["kontora.cat_price_types.id"], ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("client_key", name="uq_doc_commercial_offer_client_key"),
        sa.UniqueConstraint(
            "organization_id", "number_year", "number", name="uq_doc_commercial_offer_number"
        ),
        schema="kontora",
    )
    op.create_index(
        "ix_doc_commercial_offer_date",
        "doc_commercial_offer",
        ["date", "id"],
        unique=False,
        schema="kontora",
    )
    op.create_table(
        "doc_commercial_offer_lines",
        sa.Column("doc_id", sa.BigInteger(), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.BigInteger(), nullable=False),
        sa.Column("quantity", sa.Numeric(), nullable=False),
        sa.Column("price", sa.Numeric(), nullable=True),
        sa.Column("discount", sa.Numeric(), nullable=True),
        sa.Column("amount", sa.Numeric(), nullable=True),
        sa.Column("vat_rate", sa.Numeric(), nullable=True),
        sa.Column("vat_amount", sa.Numeric(), nullable=True),
        sa.CheckConstraint(
            "abs(amount) < 10000000000000 AND amount = trunc(amount, 2)",
            name="ck_doc_commercial_offer_lines_amount_exact",
        ),
        sa.CheckConstraint(
            "abs(discount) < 1000000000000 AND discount = trunc(discount, 3)",
            name="ck_doc_commercial_offer_lines_discount_exact",
        ),
        sa.CheckConstraint(
            "abs(price) < 10000000000000 AND price = trunc(price, 2)",
            name="ck_doc_commercial_offer_lines_price_exact",
        ),
        sa.CheckConstraint(
            "abs(quantity) < 1000000000000 AND quantity = trunc(quantity, 3)",
            name="ck_doc_commercial_offer_lines_quantity_exact",
        ),
        sa.CheckConstraint(
            "abs(vat_amount) < 10000000000000 AND vat_amount = trunc(vat_amount, 2)",
            name="ck_doc_commercial_offer_lines_vat_amount_exact",
        ),
        sa.CheckConstraint(
            "abs(vat_rate) < 1000000000000 AND vat_rate = trunc(vat_rate, 3)",
            name="ck_doc_commercial_offer_lines_vat_rate_exact",
        ),
        sa.CheckConstraint("amount >= 0", name="ck_doc_commercial_offer_lines_amount_nonnegative"),
        sa.CheckConstraint(
            "discount <= 100", name="ck_doc_commercial_offer_lines_discount_maximum"
        ),
        sa.CheckConstraint(
            "discount >= 0", name="ck_doc_commercial_offer_lines_discount_nonnegative"
        ),
        sa.CheckConstraint("price >= 0", name="ck_doc_commercial_offer_lines_price_nonnegative"),
        sa.CheckConstraint("quantity > 0", name="ck_doc_commercial_offer_lines_quantity_positive"),
        sa.CheckConstraint(
            "vat_amount >= 0", name="ck_doc_commercial_offer_lines_vat_amount_nonnegative"
        ),
        sa.CheckConstraint(
            "vat_rate <= 100", name="ck_doc_commercial_offer_lines_vat_rate_maximum"
        ),
        sa.CheckConstraint(
            "vat_rate >= 0", name="ck_doc_commercial_offer_lines_vat_rate_nonnegative"
        ),
        sa.ForeignKeyConstraint(
            ["doc_id"], ["kontora.doc_commercial_offer.id"], ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["product_id"], ["kontora.cat_products.id"], ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("doc_id", "line_no", name="pk_doc_commercial_offer_lines"),
        schema="kontora",
    )
    op.execute(f"CREATE SEQUENCE {S}.doc_commercial_offer_number_seq")


def downgrade() -> None:
    op.drop_table("doc_commercial_offer_lines", schema=S)
    op.drop_table("doc_commercial_offer", schema=S)
    op.execute(f"DROP SEQUENCE {S}.doc_commercial_offer_number_seq")
    for fn in ("post(bigint, boolean)", "mark(bigint, boolean)", "save(jsonb, boolean)"):
        op.execute(f"DROP FUNCTION IF EXISTS {S}.doc_commercial_offer_{fn}")
