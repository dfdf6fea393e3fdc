"""trade catalogs: partners, contact persons, VAT rates, payment terms, price types, requisites

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30

New catalogs: partners (the business relationship, hierarchical), contact persons, VAT rates,
payment terms, price types. Organizations and counterparties get the requisites print forms need;
every counterparty belongs to a partner (existing ones each get a partner of the same name and
group); products get a VAT rate and an indexed SKU; warehouses an address. Prices are kept per
price type (existing prices go to a price type "Retail").
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

S = "kontora"


def upgrade() -> None:
    op.create_table(
        "cat_vat_rates",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("code", sa.Text(), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("deletion_mark", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.Column("client_key", sa.UUID(), nullable=True),
        sa.Column("rate", sa.Numeric(), nullable=True),
        sa.Column("no_vat", sa.Boolean(), nullable=True),
        sa.CheckConstraint("btrim(name) <> ''", name="ck_cat_vat_rates_name_nonempty"),
        sa.CheckConstraint(
            "abs(rate) < 1000000000000 AND rate = trunc(rate, 3)",
            name="ck_cat_vat_rates_rate_exact",
        ),
        sa.CheckConstraint("char_length(code) <= 20", name="ck_cat_vat_rates_code_len"),
        sa.CheckConstraint("char_length(name) <= 150", name="ck_cat_vat_rates_name_len"),
        sa.CheckConstraint("rate <= 100", name="ck_cat_vat_rates_rate_maximum"),
        sa.CheckConstraint("rate >= 0", name="ck_cat_vat_rates_rate_nonnegative"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("client_key", name="uq_cat_vat_rates_client_key"),
        schema="kontora",
    )
    op.create_index(
        "ix_cat_vat_rates_name", "cat_vat_rates", ["name"], unique=False, schema="kontora"
    )
    op.create_table(
        "cat_payment_terms",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("code", sa.Text(), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("deletion_mark", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.Column("client_key", sa.UUID(), nullable=True),
        sa.Column("prepayment_percent", sa.Numeric(), nullable=True),
        sa.Column("days_due", sa.Integer(), nullable=True),
        sa.CheckConstraint("btrim(name) <> ''", name="ck_cat_payment_terms_name_nonempty"),
        sa.CheckConstraint(
            "abs(prepayment_percent) < 1000000000000 AND prepayment_percent = trunc(prepayment_percent, 3)",
            name="ck_cat_payment_terms_prepayment_percent_exact",
        ),
        sa.CheckConstraint("char_length(code) <= 20", name="ck_cat_payment_terms_code_len"),
        sa.CheckConstraint("char_length(name) <= 150", name="ck_cat_payment_terms_name_len"),
        sa.CheckConstraint(
            "days_due BETWEEN 0 AND 3650", name="ck_cat_payment_terms_days_due_range"
        ),
        sa.CheckConstraint(
            "prepayment_percent <= 100", name="ck_cat_payment_terms_prepayment_percent_maximum"
        ),
        sa.CheckConstraint(
            "prepayment_percent >= 0", name="ck_cat_payment_terms_prepayment_percent_nonnegative"
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("client_key", name="uq_cat_payment_terms_client_key"),
        schema="kontora",
    )
    op.create_index(
        "ix_cat_payment_terms_name", "cat_payment_terms", ["name"], unique=False, schema="kontora"
    )
    op.create_table(
        "cat_price_types",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("code", sa.Text(), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("deletion_mark", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.Column("client_key", sa.UUID(), nullable=True),
        sa.Column("vat_included", sa.Boolean(), nullable=True),
        sa.CheckConstraint("btrim(name) <> ''", name="ck_cat_price_types_name_nonempty"),
        sa.CheckConstraint("char_length(code) <= 20", name="ck_cat_price_types_code_len"),
        sa.CheckConstraint("char_length(name) <= 150", name="ck_cat_price_types_name_len"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("client_key", name="uq_cat_price_types_client_key"),
        schema="kontora",
    )
    op.create_index(
        "ix_cat_price_types_name", "cat_price_types", ["name"], unique=False, schema="kontora"
    )
    op.create_table(
        "cat_partners",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("code", sa.Text(), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("deletion_mark", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.Column("client_key", sa.UUID(), nullable=True),
        sa.Column("is_group", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("parent_id", sa.BigInteger(), nullable=True),
        sa.Column("is_client", sa.Boolean(), nullable=True),
        sa.Column("is_supplier", sa.Boolean(), nullable=True),
        sa.Column("manager", sa.Text(), nullable=True),
        sa.Column("credit_limit", sa.Numeric(), nullable=True),
        sa.Column("payment_terms_id", sa.BigInteger(), nullable=True),
        sa.Column("phone", sa.Text(), nullable=True),
        sa.Column("email", sa.Text(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.CheckConstraint("btrim(name) <> ''", name="ck_cat_partners_name_nonempty"),
        sa.CheckConstraint(
            "abs(credit_limit) < 10000000000000 AND credit_limit = trunc(credit_limit, 2)",
            name="ck_cat_partners_credit_limit_exact",
        ),
        sa.CheckConstraint("char_length(code) <= 20", name="ck_cat_partners_code_len"),
        sa.CheckConstraint("char_length(comment) <= 2000", name="ck_cat_partners_comment_len"),
        sa.CheckConstraint("char_length(email) <= 150", name="ck_cat_partners_email_len"),
        sa.CheckConstraint("char_length(manager) <= 63", name="ck_cat_partners_manager_len"),
        sa.CheckConstraint("char_length(name) <= 150", name="ck_cat_partners_name_len"),
        sa.CheckConstraint("char_length(phone) <= 50", name="ck_cat_partners_phone_len"),
        sa.CheckConstraint("credit_limit >= 0", name="ck_cat_partners_credit_limit_nonnegative"),
        sa.ForeignKeyConstraint(["parent_id"], ["kontora.cat_partners.id"], ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(
            ["payment_terms_id"], ["kontora.cat_payment_terms.id"], ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("client_key", name="uq_cat_partners_client_key"),
        schema="kontora",
    )
    op.create_index(
        "ix_cat_partners_name", "cat_partners", ["name"], unique=False, schema="kontora"
    )
    op.create_table(
        "cat_contact_persons",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("code", sa.Text(), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("deletion_mark", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.Column("client_key", sa.UUID(), nullable=True),
        sa.Column("partner_id", sa.BigInteger(), nullable=False),
        sa.Column("position", sa.Text(), nullable=True),
        sa.Column("phone", sa.Text(), nullable=True),
        sa.Column("email", sa.Text(), nullable=True),
        sa.CheckConstraint("btrim(name) <> ''", name="ck_cat_contact_persons_name_nonempty"),
        sa.CheckConstraint("char_length(code) <= 20", name="ck_cat_contact_persons_code_len"),
        sa.CheckConstraint("char_length(email) <= 150", name="ck_cat_contact_persons_email_len"),
        sa.CheckConstraint("char_length(name) <= 150", name="ck_cat_contact_persons_name_len"),
        sa.CheckConstraint("char_length(phone) <= 50", name="ck_cat_contact_persons_phone_len"),
        sa.CheckConstraint(
            "char_length(position) <= 150", name="ck_cat_contact_persons_position_len"
        ),
        sa.ForeignKeyConstraint(["partner_id"], ["kontora.cat_partners.id"], ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("client_key", name="uq_cat_contact_persons_client_key"),
        schema="kontora",
    )
    op.create_index(
        "ix_cat_contact_persons_name",
        "cat_contact_persons",
        ["name"],
        unique=False,
        schema="kontora",
    )
    op.add_column(
        "cat_organizations", sa.Column("full_name", sa.Text(), nullable=True), schema="kontora"
    )
    op.add_column("cat_organizations", sa.Column("kpp", sa.Text(), nullable=True), schema="kontora")
    op.add_column(
        "cat_organizations", sa.Column("address", sa.Text(), nullable=True), schema="kontora"
    )
    op.add_column(
        "cat_organizations", sa.Column("bank_name", sa.Text(), nullable=True), schema="kontora"
    )
    op.add_column(
        "cat_organizations", sa.Column("bank_bic", sa.Text(), nullable=True), schema="kontora"
    )
    op.add_column(
        "cat_organizations", sa.Column("bank_account", sa.Text(), nullable=True), schema="kontora"
    )
    op.add_column(
        "cat_organizations", sa.Column("corr_account", sa.Text(), nullable=True), schema="kontora"
    )
    op.add_column(
        "cat_organizations", sa.Column("phone", sa.Text(), nullable=True), schema="kontora"
    )
    op.add_column(
        "cat_organizations", sa.Column("director", sa.Text(), nullable=True), schema="kontora"
    )
    op.add_column(
        "cat_organizations",
        sa.Column("chief_accountant", sa.Text(), nullable=True),
        schema="kontora",
    )
    op.create_check_constraint(
        "ck_cat_organizations_address_len",
        "cat_organizations",
        "char_length(address) <= 300",
        schema="kontora",
    )
    op.create_check_constraint(
        "ck_cat_organizations_bank_account_len",
        "cat_organizations",
        "char_length(bank_account) <= 20",
        schema="kontora",
    )
    op.create_check_constraint(
        "ck_cat_organizations_bank_bic_len",
        "cat_organizations",
        "char_length(bank_bic) <= 9",
        schema="kontora",
    )
    op.create_check_constraint(
        "ck_cat_organizations_bank_name_len",
        "cat_organizations",
        "char_length(bank_name) <= 150",
        schema="kontora",
    )
    op.create_check_constraint(
        "ck_cat_organizations_chief_accountant_len",
        "cat_organizations",
        "char_length(chief_accountant) <= 150",
        schema="kontora",
    )
    op.create_check_constraint(
        "ck_cat_organizations_corr_account_len",
        "cat_organizations",
        "char_length(corr_account) <= 20",
        schema="kontora",
    )
    op.create_check_constraint(
        "ck_cat_organizations_director_len",
        "cat_organizations",
        "char_length(director) <= 150",
        schema="kontora",
    )
    op.create_check_constraint(
        "ck_cat_organizations_full_name_len",
        "cat_organizations",
        "char_length(full_name) <= 300",
        schema="kontora",
    )
    op.create_check_constraint(
        "ck_cat_organizations_kpp_len",
        "cat_organizations",
        "char_length(kpp) <= 9",
        schema="kontora",
    )
    op.create_check_constraint(
        "ck_cat_organizations_phone_len",
        "cat_organizations",
        "char_length(phone) <= 50",
        schema="kontora",
    )
    op.add_column(
        "cat_counterparties",
        sa.Column("partner_id", sa.BigInteger(), nullable=True),
        schema="kontora",
    )
    op.add_column(
        "cat_counterparties", sa.Column("legal_form", sa.Text(), nullable=True), schema="kontora"
    )
    op.add_column(
        "cat_counterparties", sa.Column("full_name", sa.Text(), nullable=True), schema="kontora"
    )
    op.add_column(
        "cat_counterparties", sa.Column("kpp", sa.Text(), nullable=True), schema="kontora"
    )
    op.add_column(
        "cat_counterparties", sa.Column("address", sa.Text(), nullable=True), schema="kontora"
    )
    op.add_column(
        "cat_counterparties", sa.Column("bank_name", sa.Text(), nullable=True), schema="kontora"
    )
    op.add_column(
        "cat_counterparties", sa.Column("bank_bic", sa.Text(), nullable=True), schema="kontora"
    )
    op.add_column(
        "cat_counterparties", sa.Column("bank_account", sa.Text(), nullable=True), schema="kontora"
    )
    op.add_column(
        "cat_counterparties", sa.Column("corr_account", sa.Text(), nullable=True), schema="kontora"
    )
    op.add_column(
        "cat_counterparties", sa.Column("phone", sa.Text(), nullable=True), schema="kontora"
    )
    op.create_check_constraint(
        "ck_cat_counterparties_legal_form_choice",
        "cat_counterparties",
        "legal_form IN ('company', 'entrepreneur', 'person')",
        schema="kontora",
    )
    op.create_check_constraint(
        "ck_cat_counterparties_address_len",
        "cat_counterparties",
        "char_length(address) <= 300",
        schema="kontora",
    )
    op.create_check_constraint(
        "ck_cat_counterparties_bank_account_len",
        "cat_counterparties",
        "char_length(bank_account) <= 20",
        schema="kontora",
    )
    op.create_check_constraint(
        "ck_cat_counterparties_bank_bic_len",
        "cat_counterparties",
        "char_length(bank_bic) <= 9",
        schema="kontora",
    )
    op.create_check_constraint(
        "ck_cat_counterparties_bank_name_len",
        "cat_counterparties",
        "char_length(bank_name) <= 150",
        schema="kontora",
    )
    op.create_check_constraint(
        "ck_cat_counterparties_corr_account_len",
        "cat_counterparties",
        "char_length(corr_account) <= 20",
        schema="kontora",
    )
    op.create_check_constraint(
        "ck_cat_counterparties_full_name_len",
        "cat_counterparties",
        "char_length(full_name) <= 300",
        schema="kontora",
    )
    op.create_check_constraint(
        "ck_cat_counterparties_kpp_len",
        "cat_counterparties",
        "char_length(kpp) <= 9",
        schema="kontora",
    )
    op.create_check_constraint(
        "ck_cat_counterparties_phone_len",
        "cat_counterparties",
        "char_length(phone) <= 50",
        schema="kontora",
    )
    op.add_column(
        "cat_products", sa.Column("vat_rate_id", sa.BigInteger(), nullable=True), schema="kontora"
    )
    op.add_column(
        "cat_warehouses", sa.Column("address", sa.Text(), nullable=True), schema="kontora"
    )
    op.create_check_constraint(
        "ck_cat_warehouses_address_len",
        "cat_warehouses",
        "char_length(address) <= 300",
        schema="kontora",
    )
    op.create_foreign_key(
        "cat_counterparties_partner_id_fkey",
        "cat_counterparties",
        "cat_partners",
        ["partner_id"],
        ["id"],
        source_schema=S,
        referent_schema=S,
        ondelete="RESTRICT",
    )
    op.create_foreign_key(
        "cat_products_vat_rate_id_fkey",
        "cat_products",
        "cat_vat_rates",
        ["vat_rate_id"],
        ["id"],
        source_schema=S,
        referent_schema=S,
        ondelete="RESTRICT",
    )
    op.create_index("ix_cat_products_article", "cat_products", ["article"], schema=S)
    op.create_index("ix_cat_organizations_tax_id", "cat_organizations", ["tax_id"], schema=S)
    op.create_index("ix_cat_counterparties_tax_id", "cat_counterparties", ["tax_id"], schema=S)
    _partners_for_counterparties()
    op.create_check_constraint(
        "ck_cat_counterparties_partner_id_required",
        "cat_counterparties",
        "is_group OR partner_id IS NOT NULL",
        schema="kontora",
    )
    _prices_by_type()


def _partners_for_counterparties() -> None:
    """Each existing counterparty item gets a partner of its name, in a group of its group's name."""
    op.execute(f"""
        INSERT INTO {S}.cat_partners (name, is_group)
        SELECT DISTINCT g.name, true FROM {S}.cat_counterparties g WHERE g.is_group""")
    op.execute(f"""
        WITH p AS (
            INSERT INTO {S}.cat_partners (code, name, parent_id)
            SELECT c.code, c.name,
                   (SELECT min(pg.id) FROM {S}.cat_partners pg JOIN {S}.cat_counterparties g
                      ON g.name = pg.name AND pg.is_group WHERE g.id = c.parent_id)
            FROM {S}.cat_counterparties c WHERE NOT c.is_group ORDER BY c.id
            RETURNING id, name)
        UPDATE {S}.cat_counterparties c SET partner_id = (
            SELECT min(p.id) FROM p WHERE p.name = c.name)
        WHERE NOT c.is_group""")


def _prices_by_type() -> None:
    op.add_column(
        "inf_prices", sa.Column("price_type_id", sa.BigInteger(), nullable=True), schema=S
    )
    op.execute(f"""
        DO $$ BEGIN
          IF EXISTS (SELECT 1 FROM {S}.inf_prices) THEN
            INSERT INTO {S}.cat_price_types (name, vat_included) VALUES ('Retail', true);
            UPDATE {S}.inf_prices SET price_type_id = (SELECT max(id) FROM {S}.cat_price_types);
          END IF;
        END $$""")
    op.alter_column("inf_prices", "price_type_id", nullable=False, schema=S)
    op.create_foreign_key(
        "inf_prices_price_type_id_fkey",
        "inf_prices",
        "cat_price_types",
        ["price_type_id"],
        ["id"],
        source_schema=S,
        referent_schema=S,
        ondelete="RESTRICT",
    )
    op.drop_constraint("pk_inf_prices", "inf_prices", schema=S)
    op.create_primary_key(
        "pk_inf_prices", "inf_prices", ["price_type_id", "product_id", "period"], schema=S
    )


def downgrade() -> None:
    op.drop_constraint("pk_inf_prices", "inf_prices", schema=S)
    op.execute(f"""
        DELETE FROM {S}.inf_prices p WHERE price_type_id <> (
            SELECT min(price_type_id) FROM {S}.inf_prices q
            WHERE q.product_id = p.product_id AND q.period = p.period)""")
    op.drop_column("inf_prices", "price_type_id", schema=S)
    op.create_primary_key("pk_inf_prices", "inf_prices", ["product_id", "period"], schema=S)
    op.drop_index("ix_cat_products_article", "cat_products", schema=S)
    op.drop_index("ix_cat_organizations_tax_id", "cat_organizations", schema=S)
    op.drop_index("ix_cat_counterparties_tax_id", "cat_counterparties", schema=S)
    op.drop_column("cat_warehouses", "address", schema=S)
    op.drop_column("cat_products", "vat_rate_id", schema=S)
    for c in ("partner_id", "legal_form", *LEGAL):
        op.drop_column("cat_counterparties", c, schema=S)
    for c in (*LEGAL, "director", "chief_accountant"):
        op.drop_column("cat_organizations", c, schema=S)
    for t in (
        "cat_contact_persons",
        "cat_partners",
        "cat_price_types",
        "cat_payment_terms",
        "cat_vat_rates",
    ):
        op.drop_table(t, schema=S)


LEGAL = (
    "full_name",
    "kpp",
    "address",
    "bank_name",
    "bank_bic",
    "bank_account",
    "corr_account",
    "phone",
)
