"""interactions: CRM interactions, e-mail templates, tasks and claims

Revision ID: 0013
Revises: 0016
Create Date: 2026-11-30

Interactions and claims are documents that are only saved (never posted); tasks are a catalog.
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0016"
branch_labels = None
depends_on = None
S = "kontora"
DOCS = ("interaction", "claim")
TABLES = (
    "cat_email_templates",
    "mail_settings",
    "doc_interaction",
    "cat_tasks",
    "doc_interaction_participants",
    "doc_claim",
    "doc_claim_goods",
)


def upgrade() -> None:
    op.create_table(
        "cat_email_templates",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("code", sa.Text(), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("deletion_mark", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.Column("client_key", sa.UUID(), nullable=True),
        sa.Column("subject", sa.Text(), nullable=True),
        sa.Column("body", sa.Text(), nullable=True),
        sa.CheckConstraint("btrim(name) <> ''", name="ck_cat_email_templates_name_nonempty"),
        sa.CheckConstraint("char_length(body) <= 20000", name="ck_cat_email_templates_body_len"),
        sa.CheckConstraint("char_length(code) <= 20", name="ck_cat_email_templates_code_len"),
        sa.CheckConstraint("char_length(name) <= 150", name="ck_cat_email_templates_name_len"),
        sa.CheckConstraint(
            "char_length(subject) <= 250", name="ck_cat_email_templates_subject_len"
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("client_key", name="uq_cat_email_templates_client_key"),
        schema="kontora",
    )
    op.create_index(
        "ix_cat_email_templates_name",
        "cat_email_templates",
        ["name"],
        unique=False,
        schema="kontora",
    )
    op.create_table(
        "mail_settings",
        sa.Column("id", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.Column("host", sa.Text(), nullable=False),
        sa.Column("port", sa.Integer(), server_default=sa.text("25"), nullable=False),
        sa.Column("security", sa.Text(), server_default=sa.text("'none'"), nullable=False),
        sa.Column("login", sa.Text(), nullable=True),
        sa.Column("password", sa.Text(), nullable=True),
        sa.Column("sender", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "security IN ('none', 'starttls', 'ssl')", name="ck_mail_settings_security"
        ),
        sa.CheckConstraint("id", name="ck_mail_settings_single_row"),
        sa.CheckConstraint("port BETWEEN 1 AND 65535", name="ck_mail_settings_port"),
        sa.PrimaryKeyConstraint("id"),
        schema="kontora",
    )
    op.create_table(
        "doc_interaction",
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
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("partner_id", sa.BigInteger(), nullable=True),
        sa.Column("contact_id", sa.BigInteger(), nullable=True),
        sa.Column("deal_id", sa.BigInteger(), nullable=True),
        sa.Column("manager", sa.Text(), nullable=True),
        sa.Column("result", sa.Text(), nullable=True),
        sa.Column("next_step", sa.Text(), nullable=True),
        sa.Column("remind_at", sa.DateTime(), nullable=True),
        sa.Column("email_to", sa.Text(), nullable=True),
        sa.Column("template_id", sa.BigInteger(), nullable=True),
        sa.Column("body", sa.Text(), nullable=True),
        sa.Column("mail_status", sa.Text(), nullable=True),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("mail_error", sa.Text(), nullable=True),
        sa.CheckConstraint("btrim(subject) <> ''", name="ck_doc_interaction_subject_nonempty"),
        sa.CheckConstraint(
            "kind IN ('meeting', 'call_in', 'call_out', 'sms', 'email')",
            name="ck_doc_interaction_kind_choice",
        ),
        sa.CheckConstraint(
            "mail_status IN ('draft', 'sent', 'failed')",
            name="ck_doc_interaction_mail_status_choice",
        ),
        sa.CheckConstraint("char_length(body) <= 20000", name="ck_doc_interaction_body_len"),
        sa.CheckConstraint("char_length(email_to) <= 250", name="ck_doc_interaction_email_to_len"),
        sa.CheckConstraint(
            "char_length(mail_error) <= 2000", name="ck_doc_interaction_mail_error_len"
        ),
        sa.CheckConstraint("char_length(manager) <= 63", name="ck_doc_interaction_manager_len"),
        sa.CheckConstraint(
            "char_length(next_step) <= 2000", name="ck_doc_interaction_next_step_len"
        ),
        sa.CheckConstraint(
            "char_length(number) BETWEEN 1 AND 30", name="ck_doc_interaction_number_len"
        ),
        sa.CheckConstraint("char_length(result) <= 2000", name="ck_doc_interaction_result_len"),
        sa.CheckConstraint("char_length(subject) <= 250", name="ck_doc_interaction_subject_len"),
        sa.ForeignKeyConstraint(
            ["contact_id"], ["kontora.cat_contact_persons.id"], ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(["deal_id"], ["kontora.cat_deals.id"], ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(
            ["organization_id"], ["kontora.cat_organizations.id"], ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(["partner_id"], ["kontora.cat_partners.id"], ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(
            ["template_id"], ["kontora.cat_email_templates.id"], ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("client_key", name="uq_doc_interaction_client_key"),
        sa.UniqueConstraint(
            "organization_id", "number_year", "number", name="uq_doc_interaction_number"
        ),
        schema="kontora",
    )
    op.create_index(
        "ix_doc_interaction_date", "doc_interaction", ["date", "id"], unique=False, schema="kontora"
    )
    op.create_table(
        "cat_tasks",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("code", sa.Text(), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("deletion_mark", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.Column("client_key", sa.UUID(), nullable=True),
        sa.Column("assignee", sa.Text(), nullable=False),
        sa.Column("due", sa.DateTime(), nullable=True),
        sa.Column("partner_id", sa.BigInteger(), nullable=True),
        sa.Column("deal_id", sa.BigInteger(), nullable=True),
        sa.Column("interaction_id", sa.BigInteger(), nullable=True),
        sa.Column("done", sa.Boolean(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.CheckConstraint("btrim(assignee) <> ''", name="ck_cat_tasks_assignee_nonempty"),
        sa.CheckConstraint("btrim(name) <> ''", name="ck_cat_tasks_name_nonempty"),
        sa.CheckConstraint("char_length(assignee) <= 63", name="ck_cat_tasks_assignee_len"),
        sa.CheckConstraint("char_length(code) <= 20", name="ck_cat_tasks_code_len"),
        sa.CheckConstraint("char_length(comment) <= 2000", name="ck_cat_tasks_comment_len"),
        sa.CheckConstraint("char_length(name) <= 150", name="ck_cat_tasks_name_len"),
        sa.ForeignKeyConstraint(["deal_id"], ["kontora.cat_deals.id"], ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(
            ["interaction_id"], ["kontora.doc_interaction.id"], ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(["partner_id"], ["kontora.cat_partners.id"], ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("client_key", name="uq_cat_tasks_client_key"),
        schema="kontora",
    )
    op.create_index(
        "ix_cat_tasks_interaction_id",
        "cat_tasks",
        ["interaction_id"],
        unique=False,
        schema="kontora",
    )
    op.create_index("ix_cat_tasks_name", "cat_tasks", ["name"], unique=False, schema="kontora")
    op.create_table(
        "doc_interaction_participants",
        sa.Column("doc_id", sa.BigInteger(), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("login", sa.Text(), nullable=True),
        sa.Column("contact_id", sa.BigInteger(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "char_length(login) <= 63", name="ck_doc_interaction_participants_login_len"
        ),
        sa.CheckConstraint(
            "char_length(note) <= 150", name="ck_doc_interaction_participants_note_len"
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"], ["kontora.cat_contact_persons.id"], ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(["doc_id"], ["kontora.doc_interaction.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("doc_id", "line_no", name="pk_doc_interaction_participants"),
        schema="kontora",
    )
    op.create_table(
        "doc_claim",
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
        sa.Column("customer_id", sa.BigInteger(), nullable=True),
        sa.Column("shipment_id", sa.BigInteger(), nullable=True),
        sa.Column("order_id", sa.BigInteger(), nullable=True),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("responsible", sa.Text(), nullable=True),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("resolution", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "status IN ('new', 'in_progress', 'resolved', 'rejected')",
            name="ck_doc_claim_status_choice",
        ),
        sa.CheckConstraint("char_length(description) <= 2000", name="ck_doc_claim_description_len"),
        sa.CheckConstraint("char_length(number) BETWEEN 1 AND 30", name="ck_doc_claim_number_len"),
        sa.CheckConstraint("char_length(resolution) <= 2000", name="ck_doc_claim_resolution_len"),
        sa.CheckConstraint("char_length(responsible) <= 63", name="ck_doc_claim_responsible_len"),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["kontora.cat_counterparties.id"], ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(["order_id"], ["kontora.doc_sales_order.id"], ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(
            ["organization_id"], ["kontora.cat_organizations.id"], ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(["partner_id"], ["kontora.cat_partners.id"], ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(
            ["shipment_id"], ["kontora.doc_sales_shipment.id"], ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("client_key", name="uq_doc_claim_client_key"),
        sa.UniqueConstraint("organization_id", "number_year", "number", name="uq_doc_claim_number"),
        schema="kontora",
    )
    op.create_index(
        "ix_doc_claim_date", "doc_claim", ["date", "id"], unique=False, schema="kontora"
    )
    op.create_index(
        "ix_doc_claim_order_id", "doc_claim", ["order_id"], unique=False, schema="kontora"
    )
    op.create_index(
        "ix_doc_claim_shipment_id", "doc_claim", ["shipment_id"], unique=False, schema="kontora"
    )
    op.create_table(
        "doc_claim_goods",
        sa.Column("doc_id", sa.BigInteger(), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.BigInteger(), nullable=True),
        sa.Column("quantity", sa.Numeric(), nullable=True),
        sa.Column("problem", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "abs(quantity) < 1000000000000 AND quantity = trunc(quantity, 3)",
            name="ck_doc_claim_goods_quantity_exact",
        ),
        sa.CheckConstraint("char_length(problem) <= 150", name="ck_doc_claim_goods_problem_len"),
        sa.CheckConstraint("quantity >= 0", name="ck_doc_claim_goods_quantity_nonnegative"),
        sa.ForeignKeyConstraint(["doc_id"], ["kontora.doc_claim.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["product_id"], ["kontora.cat_products.id"], ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("doc_id", "line_no", name="pk_doc_claim_goods"),
        schema="kontora",
    )

    for doc in DOCS:
        op.execute(f"CREATE SEQUENCE {S}.doc_{doc}_number_seq")


def downgrade() -> None:
    for doc in DOCS:
        op.execute(f"DROP FUNCTION IF EXISTS {S}.tg_{doc}_rules() CASCADE")
    for table in reversed(TABLES):
        op.drop_table(table, schema=S)
    for doc in DOCS:
        op.execute(f"DROP SEQUENCE {S}.doc_{doc}_number_seq")
