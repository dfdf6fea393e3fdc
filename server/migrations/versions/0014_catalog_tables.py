"""catalog tables: tabular sections of catalog items; deal participants and competitors,
partner tags and regions, segments and their members, contact persons' opt-out

Revision ID: 0014
Revises: 0017 (written against 0012; chained after the revisions that landed on main meanwhile)
Create Date: 2026-11-30

Catalogs may have tabular sections (``cat_<catalog>_<section>``, keyed by item and line, like a
document's lines). CRM uses them: a deal's participants and competitors, a partner's tags.
Segments select partners by rules; their members are kept in ``inf_segment_members``.
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cat_competitors",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("code", sa.Text(), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("deletion_mark", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.Column("client_key", sa.UUID(), nullable=True),
        sa.Column("website", sa.Text(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.CheckConstraint("btrim(name) <> ''", name="ck_cat_competitors_name_nonempty"),
        sa.CheckConstraint("char_length(code) <= 20", name="ck_cat_competitors_code_len"),
        sa.CheckConstraint("char_length(comment) <= 2000", name="ck_cat_competitors_comment_len"),
        sa.CheckConstraint("char_length(name) <= 150", name="ck_cat_competitors_name_len"),
        sa.CheckConstraint("char_length(website) <= 200", name="ck_cat_competitors_website_len"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("client_key", name="uq_cat_competitors_client_key"),
        schema="kontora",
    )
    op.create_index(
        "ix_cat_competitors_name", "cat_competitors", ["name"], unique=False, schema="kontora"
    )
    op.create_table(
        "cat_tags",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("code", sa.Text(), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("deletion_mark", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.Column("client_key", sa.UUID(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.CheckConstraint("btrim(name) <> ''", name="ck_cat_tags_name_nonempty"),
        sa.CheckConstraint("char_length(code) <= 20", name="ck_cat_tags_code_len"),
        sa.CheckConstraint("char_length(comment) <= 2000", name="ck_cat_tags_comment_len"),
        sa.CheckConstraint("char_length(name) <= 150", name="ck_cat_tags_name_len"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("client_key", name="uq_cat_tags_client_key"),
        schema="kontora",
    )
    op.create_index("ix_cat_tags_name", "cat_tags", ["name"], unique=False, schema="kontora")
    op.create_table(
        "cat_segments",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("code", sa.Text(), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("deletion_mark", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.Column("client_key", sa.UUID(), nullable=True),
        sa.Column("period_start", sa.Date(), nullable=True),
        sa.Column("period_end", sa.Date(), nullable=True),
        sa.Column("revenue_min", sa.Numeric(), nullable=True),
        sa.Column("revenue_max", sa.Numeric(), nullable=True),
        sa.Column("abc_class", sa.Text(), nullable=True),
        sa.Column("region", sa.Text(), nullable=True),
        sa.Column("manager", sa.Text(), nullable=True),
        sa.Column("tag_id", sa.BigInteger(), nullable=True),
        sa.Column("bought_after", sa.Date(), nullable=True),
        sa.Column("bought_before", sa.Date(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.CheckConstraint("abc_class IN ('A', 'B', 'C')", name="ck_cat_segments_abc_class_choice"),
        sa.CheckConstraint("btrim(name) <> ''", name="ck_cat_segments_name_nonempty"),
        sa.CheckConstraint(
            "abs(revenue_max) < 10000000000000 AND revenue_max = trunc(revenue_max, 2)",
            name="ck_cat_segments_revenue_max_exact",
        ),
        sa.CheckConstraint(
            "abs(revenue_min) < 10000000000000 AND revenue_min = trunc(revenue_min, 2)",
            name="ck_cat_segments_revenue_min_exact",
        ),
        sa.CheckConstraint("char_length(code) <= 20", name="ck_cat_segments_code_len"),
        sa.CheckConstraint("char_length(comment) <= 2000", name="ck_cat_segments_comment_len"),
        sa.CheckConstraint("char_length(manager) <= 63", name="ck_cat_segments_manager_len"),
        sa.CheckConstraint("char_length(name) <= 150", name="ck_cat_segments_name_len"),
        sa.CheckConstraint("char_length(region) <= 100", name="ck_cat_segments_region_len"),
        sa.CheckConstraint("revenue_max >= 0", name="ck_cat_segments_revenue_max_nonnegative"),
        sa.CheckConstraint("revenue_min >= 0", name="ck_cat_segments_revenue_min_nonnegative"),
        sa.ForeignKeyConstraint(["tag_id"], ["kontora.cat_tags.id"], ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("client_key", name="uq_cat_segments_client_key"),
        schema="kontora",
    )
    op.create_index(
        "ix_cat_segments_name", "cat_segments", ["name"], unique=False, schema="kontora"
    )
    op.create_table(
        "cat_partners_tags",
        sa.Column("item_id", sa.BigInteger(), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("tag_id", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(["item_id"], ["kontora.cat_partners.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["tag_id"], ["kontora.cat_tags.id"], ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("item_id", "line_no", name="pk_cat_partners_tags"),
        schema="kontora",
    )
    op.create_table(
        "inf_segment_members",
        sa.Column("segment_id", sa.BigInteger(), nullable=False),
        sa.Column("partner_id", sa.BigInteger(), nullable=False),
        sa.Column("revenue", sa.Numeric(), nullable=True),
        sa.Column("last_purchase", sa.Date(), nullable=True),
        sa.CheckConstraint(
            "abs(revenue) < 10000000000000 AND revenue = trunc(revenue, 2)",
            name="ck_inf_segment_members_revenue_exact",
        ),
        sa.ForeignKeyConstraint(["partner_id"], ["kontora.cat_partners.id"], ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["segment_id"], ["kontora.cat_segments.id"], ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("segment_id", "partner_id", name="pk_inf_segment_members"),
        schema="kontora",
    )
    op.create_table(
        "cat_deals_competitors",
        sa.Column("item_id", sa.BigInteger(), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("competitor_id", sa.BigInteger(), nullable=False),
        sa.Column("offer", sa.Text(), nullable=True),
        sa.Column("price", sa.Numeric(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "abs(price) < 10000000000000 AND price = trunc(price, 2)",
            name="ck_cat_deals_competitors_price_exact",
        ),
        sa.CheckConstraint("char_length(notes) <= 2000", name="ck_cat_deals_competitors_notes_len"),
        sa.CheckConstraint("char_length(offer) <= 500", name="ck_cat_deals_competitors_offer_len"),
        sa.CheckConstraint("price >= 0", name="ck_cat_deals_competitors_price_nonnegative"),
        sa.ForeignKeyConstraint(
            ["competitor_id"], ["kontora.cat_competitors.id"], ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(["item_id"], ["kontora.cat_deals.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("item_id", "line_no", name="pk_cat_deals_competitors"),
        schema="kontora",
    )
    op.create_table(
        "cat_deals_participants",
        sa.Column("item_id", sa.BigInteger(), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("login", sa.Text(), nullable=True),
        sa.Column("contact_id", sa.BigInteger(), nullable=True),
        sa.Column("role", sa.Text(), nullable=True),
        sa.CheckConstraint("char_length(role) <= 100", name="ck_cat_deals_participants_role_len"),
        sa.CheckConstraint("char_length(login) <= 63", name="ck_cat_deals_participants_login_len"),
        sa.ForeignKeyConstraint(
            ["contact_id"], ["kontora.cat_contact_persons.id"], ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(["item_id"], ["kontora.cat_deals.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("item_id", "line_no", name="pk_cat_deals_participants"),
        schema="kontora",
    )
    op.add_column(
        "cat_contact_persons", sa.Column("opt_out", sa.Boolean(), nullable=True), schema="kontora"
    )
    op.add_column("cat_partners", sa.Column("region", sa.Text(), nullable=True), schema="kontora")
    op.create_check_constraint(
        "ck_cat_partners_region_len", "cat_partners", "char_length(region) <= 100", schema="kontora"
    )


def downgrade() -> None:
    op.drop_column("cat_contact_persons", "opt_out", schema="kontora")
    op.drop_column("cat_partners", "region", schema="kontora")
    for table in (
        "cat_deals_participants",
        "cat_deals_competitors",
        "inf_segment_members",
        "cat_partners_tags",
        "cat_segments",
        "cat_tags",
        "cat_competitors",
    ):
        op.drop_table(table, schema="kontora")
