"""crm: deals with their pipelines, loss reasons, stage statistics; marketing sources

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30

CRM's deals (server/config/crm.py): deal types with their stages, deals, loss reasons and the
statistics of stage changes; advertising channels and marketing events, the source a partner
and its deals came from. Sales orders and shipments may name the deal they came from.
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cat_ad_channels",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("code", sa.Text(), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("deletion_mark", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.Column("client_key", sa.UUID(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.CheckConstraint("btrim(name) <> ''", name="ck_cat_ad_channels_name_nonempty"),
        sa.CheckConstraint("char_length(code) <= 20", name="ck_cat_ad_channels_code_len"),
        sa.CheckConstraint("char_length(comment) <= 2000", name="ck_cat_ad_channels_comment_len"),
        sa.CheckConstraint("char_length(name) <= 150", name="ck_cat_ad_channels_name_len"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("client_key", name="uq_cat_ad_channels_client_key"),
        schema="kontora",
    )
    op.create_index(
        "ix_cat_ad_channels_name", "cat_ad_channels", ["name"], unique=False, schema="kontora"
    )
    op.create_table(
        "cat_marketing_events",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("code", sa.Text(), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("deletion_mark", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.Column("client_key", sa.UUID(), nullable=True),
        sa.Column("channel_id", sa.BigInteger(), nullable=True),
        sa.Column("starts", sa.Date(), nullable=True),
        sa.Column("ends", sa.Date(), nullable=True),
        sa.Column("budget", sa.Numeric(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.CheckConstraint("btrim(name) <> ''", name="ck_cat_marketing_events_name_nonempty"),
        sa.CheckConstraint(
            "abs(budget) < 10000000000000 AND budget = trunc(budget, 2)",
            name="ck_cat_marketing_events_budget_exact",
        ),
        sa.CheckConstraint("budget >= 0", name="ck_cat_marketing_events_budget_nonnegative"),
        sa.CheckConstraint("char_length(code) <= 20", name="ck_cat_marketing_events_code_len"),
        sa.CheckConstraint(
            "char_length(comment) <= 2000", name="ck_cat_marketing_events_comment_len"
        ),
        sa.CheckConstraint("char_length(name) <= 150", name="ck_cat_marketing_events_name_len"),
        sa.ForeignKeyConstraint(
            ["channel_id"], ["kontora.cat_ad_channels.id"], ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("client_key", name="uq_cat_marketing_events_client_key"),
        schema="kontora",
    )
    op.create_index(
        "ix_cat_marketing_events_name",
        "cat_marketing_events",
        ["name"],
        unique=False,
        schema="kontora",
    )
    op.create_table(
        "cat_deal_types",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("code", sa.Text(), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("deletion_mark", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.Column("client_key", sa.UUID(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.CheckConstraint("btrim(name) <> ''", name="ck_cat_deal_types_name_nonempty"),
        sa.CheckConstraint("char_length(code) <= 20", name="ck_cat_deal_types_code_len"),
        sa.CheckConstraint("char_length(comment) <= 2000", name="ck_cat_deal_types_comment_len"),
        sa.CheckConstraint("char_length(name) <= 150", name="ck_cat_deal_types_name_len"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("client_key", name="uq_cat_deal_types_client_key"),
        schema="kontora",
    )
    op.create_index(
        "ix_cat_deal_types_name", "cat_deal_types", ["name"], unique=False, schema="kontora"
    )
    op.create_table(
        "cat_loss_reasons",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("code", sa.Text(), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("deletion_mark", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.Column("client_key", sa.UUID(), nullable=True),
        sa.CheckConstraint("btrim(name) <> ''", name="ck_cat_loss_reasons_name_nonempty"),
        sa.CheckConstraint("char_length(code) <= 20", name="ck_cat_loss_reasons_code_len"),
        sa.CheckConstraint("char_length(name) <= 150", name="ck_cat_loss_reasons_name_len"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("client_key", name="uq_cat_loss_reasons_client_key"),
        schema="kontora",
    )
    op.create_index(
        "ix_cat_loss_reasons_name", "cat_loss_reasons", ["name"], unique=False, schema="kontora"
    )
    op.create_table(
        "cat_deal_stages",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("code", sa.Text(), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("deletion_mark", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.Column("client_key", sa.UUID(), nullable=True),
        sa.Column("deal_type_id", sa.BigInteger(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=True),
        sa.Column("probability", sa.Numeric(), nullable=True),
        sa.Column("outcome", sa.Text(), nullable=False),
        sa.CheckConstraint("btrim(name) <> ''", name="ck_cat_deal_stages_name_nonempty"),
        sa.CheckConstraint(
            "outcome IN ('open', 'won', 'lost')", name="ck_cat_deal_stages_outcome_choice"
        ),
        sa.CheckConstraint(
            "abs(probability) < 1000000000000 AND probability = trunc(probability, 3)",
            name="ck_cat_deal_stages_probability_exact",
        ),
        sa.CheckConstraint("char_length(code) <= 20", name="ck_cat_deal_stages_code_len"),
        sa.CheckConstraint("char_length(name) <= 150", name="ck_cat_deal_stages_name_len"),
        sa.CheckConstraint("probability <= 100", name="ck_cat_deal_stages_probability_maximum"),
        sa.CheckConstraint("probability >= 0", name="ck_cat_deal_stages_probability_nonnegative"),
        sa.CheckConstraint("sequence BETWEEN 0 AND 1000", name="ck_cat_deal_stages_sequence_range"),
        sa.ForeignKeyConstraint(
            ["deal_type_id"], ["kontora.cat_deal_types.id"], ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("client_key", name="uq_cat_deal_stages_client_key"),
        schema="kontora",
    )
    op.create_index(
        "ix_cat_deal_stages_name", "cat_deal_stages", ["name"], unique=False, schema="kontora"
    )
    op.create_table(
        "cat_deals",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("code", sa.Text(), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("deletion_mark", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.Column("client_key", sa.UUID(), nullable=True),
        sa.Column("partner_id", sa.BigInteger(), nullable=False),
        sa.Column("deal_type_id", sa.BigInteger(), nullable=False),
        sa.Column("stage_id", sa.BigInteger(), nullable=False),
        sa.Column("probability", sa.Numeric(), nullable=True),
        sa.Column("amount", sa.Numeric(), nullable=True),
        sa.Column("close_date", sa.Date(), nullable=True),
        sa.Column("demand", sa.Text(), nullable=True),
        sa.Column("manager", sa.Text(), nullable=True),
        sa.Column("loss_reason_id", sa.BigInteger(), nullable=True),
        sa.Column("channel_id", sa.BigInteger(), nullable=True),
        sa.Column("event_id", sa.BigInteger(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.CheckConstraint("btrim(name) <> ''", name="ck_cat_deals_name_nonempty"),
        sa.CheckConstraint(
            "abs(amount) < 10000000000000 AND amount = trunc(amount, 2)",
            name="ck_cat_deals_amount_exact",
        ),
        sa.CheckConstraint(
            "abs(probability) < 1000000000000 AND probability = trunc(probability, 3)",
            name="ck_cat_deals_probability_exact",
        ),
        sa.CheckConstraint("amount >= 0", name="ck_cat_deals_amount_nonnegative"),
        sa.CheckConstraint("char_length(code) <= 20", name="ck_cat_deals_code_len"),
        sa.CheckConstraint("char_length(comment) <= 2000", name="ck_cat_deals_comment_len"),
        sa.CheckConstraint("char_length(demand) <= 2000", name="ck_cat_deals_demand_len"),
        sa.CheckConstraint("char_length(manager) <= 63", name="ck_cat_deals_manager_len"),
        sa.CheckConstraint("char_length(name) <= 150", name="ck_cat_deals_name_len"),
        sa.CheckConstraint("probability <= 100", name="ck_cat_deals_probability_maximum"),
        sa.CheckConstraint("probability >= 0", name="ck_cat_deals_probability_nonnegative"),
        sa.ForeignKeyConstraint(
            ["channel_id"], ["kontora.cat_ad_channels.id"], ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["deal_type_id"], ["kontora.cat_deal_types.id"], ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["event_id"], ["kontora.cat_marketing_events.id"], ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["loss_reason_id"], ["kontora.cat_loss_reasons.id"], ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(["partner_id"], ["kontora.cat_partners.id"], ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["stage_id"], ["kontora.cat_deal_stages.id"], ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("client_key", name="uq_cat_deals_client_key"),
        schema="kontora",
    )
    op.create_index("ix_cat_deals_name", "cat_deals", ["name"], unique=False, schema="kontora")
    op.create_table(
        "inf_deal_stage_stats",
        sa.Column("deal_id", sa.BigInteger(), nullable=False),
        sa.Column("stage_id", sa.BigInteger(), nullable=False),
        sa.Column("entered", sa.DateTime(), nullable=True),
        sa.Column("since", sa.DateTime(), nullable=True),
        sa.Column("left_at", sa.DateTime(), nullable=True),
        sa.Column("days", sa.Numeric(), nullable=True),
        sa.Column("visits", sa.Integer(), nullable=True),
        sa.Column("result", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "result IN ('current', 'forward', 'back', 'won', 'lost')",
            name="ck_inf_deal_stage_stats_result_choice",
        ),
        sa.CheckConstraint(
            "abs(days) < 1000000000000 AND days = trunc(days, 3)",
            name="ck_inf_deal_stage_stats_days_exact",
        ),
        sa.CheckConstraint("days >= 0", name="ck_inf_deal_stage_stats_days_nonnegative"),
        sa.CheckConstraint(
            "visits BETWEEN 1 AND 2147483647", name="ck_inf_deal_stage_stats_visits_range"
        ),
        sa.ForeignKeyConstraint(["deal_id"], ["kontora.cat_deals.id"], ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["stage_id"], ["kontora.cat_deal_stages.id"], ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("deal_id", "stage_id", name="pk_inf_deal_stage_stats"),
        schema="kontora",
    )
    op.add_column(
        "cat_partners", sa.Column("channel_id", sa.BigInteger(), nullable=True), schema="kontora"
    )
    op.create_foreign_key(
        None,
        "cat_partners",
        "cat_ad_channels",
        ["channel_id"],
        ["id"],
        source_schema="kontora",
        referent_schema="kontora",
        ondelete="RESTRICT",
    )
    op.add_column(
        "cat_partners", sa.Column("event_id", sa.BigInteger(), nullable=True), schema="kontora"
    )
    op.create_foreign_key(
        None,
        "cat_partners",
        "cat_marketing_events",
        ["event_id"],
        ["id"],
        source_schema="kontora",
        referent_schema="kontora",
        ondelete="RESTRICT",
    )
    op.add_column(
        "doc_sales_order", sa.Column("deal_id", sa.BigInteger(), nullable=True), schema="kontora"
    )
    op.create_foreign_key(
        None,
        "doc_sales_order",
        "cat_deals",
        ["deal_id"],
        ["id"],
        source_schema="kontora",
        referent_schema="kontora",
        ondelete="RESTRICT",
    )
    op.add_column(
        "doc_sales_shipment", sa.Column("deal_id", sa.BigInteger(), nullable=True), schema="kontora"
    )
    op.create_foreign_key(
        None,
        "doc_sales_shipment",
        "cat_deals",
        ["deal_id"],
        ["id"],
        source_schema="kontora",
        referent_schema="kontora",
        ondelete="RESTRICT",
    )


def downgrade() -> None:
    for t in ("doc_sales_shipment", "doc_sales_order"):
        op.drop_column(t, "deal_id", schema="kontora")
    op.drop_column("cat_partners", "event_id", schema="kontora")
    op.drop_column("cat_partners", "channel_id", schema="kontora")
    op.execute("DROP FUNCTION IF EXISTS kontora.tg_deal_rules() CASCADE")
    op.execute("DROP FUNCTION IF EXISTS kontora.tg_deal_stats() CASCADE")
    op.execute("DROP FUNCTION IF EXISTS kontora.deal_probability(bigint)")
    op.execute("DROP FUNCTION IF EXISTS kontora.tg_partner_source() CASCADE")
    for t in (
        "inf_deal_stage_stats",
        "cat_deals",
        "cat_deal_stages",
        "cat_loss_reasons",
        "cat_deal_types",
        "cat_marketing_events",
        "cat_ad_channels",
    ):
        op.drop_table(t, schema="kontora")
