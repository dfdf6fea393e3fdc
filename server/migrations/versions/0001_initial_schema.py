"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-23

Tables of the first declarations (platform, catalogs, goods receipt, write-off,
sales shipment, stock and sales registers, prices). Routines are installed by env.py.
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    for doc in ("goods_receipt", "write_off", "sales_shipment"):
        op.execute(f"CREATE SEQUENCE kontora.doc_{doc}_number_seq")
    op.create_table(
        "cat_counterparties",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("code", sa.Text(), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("deletion_mark", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.Column("is_group", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("parent_id", sa.BigInteger(), nullable=True),
        sa.Column("tax_id", sa.Text(), nullable=True),
        sa.CheckConstraint("btrim(name) <> ''", name="ck_cat_counterparties_name_nonempty"),
        sa.CheckConstraint("char_length(code) <= 20", name="ck_cat_counterparties_code_len"),
        sa.CheckConstraint("char_length(name) <= 150", name="ck_cat_counterparties_name_len"),
        sa.CheckConstraint("char_length(tax_id) <= 12", name="ck_cat_counterparties_tax_id_len"),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["kontora.cat_counterparties.id"], ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id"),
        schema="kontora",
    )
    op.create_index(
        "ix_cat_counterparties_name", "cat_counterparties", ["name"], unique=False, schema="kontora"
    )
    op.create_table(
        "cat_organizations",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("code", sa.Text(), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("deletion_mark", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.Column("tax_id", sa.Text(), nullable=True),
        sa.CheckConstraint("btrim(name) <> ''", name="ck_cat_organizations_name_nonempty"),
        sa.CheckConstraint("char_length(code) <= 20", name="ck_cat_organizations_code_len"),
        sa.CheckConstraint("char_length(name) <= 150", name="ck_cat_organizations_name_len"),
        sa.CheckConstraint("char_length(tax_id) <= 12", name="ck_cat_organizations_tax_id_len"),
        sa.PrimaryKeyConstraint("id"),
        schema="kontora",
    )
    op.create_index(
        "ix_cat_organizations_name", "cat_organizations", ["name"], unique=False, schema="kontora"
    )
    op.create_table(
        "cat_units",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("code", sa.Text(), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("deletion_mark", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.Column("precision", sa.Integer(), nullable=False),
        sa.CheckConstraint("btrim(name) <> ''", name="ck_cat_units_name_nonempty"),
        sa.CheckConstraint("char_length(code) <= 20", name="ck_cat_units_code_len"),
        sa.CheckConstraint("char_length(name) <= 150", name="ck_cat_units_name_len"),
        sa.CheckConstraint("precision BETWEEN 0 AND 3", name="ck_cat_units_precision_range"),
        sa.PrimaryKeyConstraint("id"),
        schema="kontora",
    )
    op.create_index("ix_cat_units_name", "cat_units", ["name"], unique=False, schema="kontora")
    op.create_table(
        "cat_warehouses",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("code", sa.Text(), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("deletion_mark", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.CheckConstraint("btrim(name) <> ''", name="ck_cat_warehouses_name_nonempty"),
        sa.CheckConstraint("char_length(code) <= 20", name="ck_cat_warehouses_code_len"),
        sa.CheckConstraint("char_length(name) <= 150", name="ck_cat_warehouses_name_len"),
        sa.PrimaryKeyConstraint("id"),
        schema="kontora",
    )
    op.create_index(
        "ix_cat_warehouses_name", "cat_warehouses", ["name"], unique=False, schema="kontora"
    )
    op.create_table(
        "constants",
        sa.Column("id", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.Column("period_lock_date", sa.Date(), nullable=True),
        sa.Column("lock_timeout_ms", sa.Integer(), server_default=sa.text("5000"), nullable=False),
        sa.CheckConstraint("id", name="ck_constants_single_row"),
        sa.CheckConstraint(
            "lock_timeout_ms BETWEEN 100 AND 600000", name="ck_constants_lock_timeout"
        ),
        sa.PrimaryKeyConstraint("id"),
        schema="kontora",
    )
    op.create_table(
        "history",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column(
            "at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False
        ),
        sa.Column("username", sa.Text(), server_default=sa.text("SESSION_USER"), nullable=False),
        sa.Column("table_name", sa.Text(), nullable=False),
        sa.Column("row_id", sa.BigInteger(), nullable=True),
        sa.Column("op", sa.Text(), nullable=False),
        sa.Column("changes", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        schema="kontora",
    )
    op.create_index(
        "ix_history_row", "history", ["table_name", "row_id", "at"], unique=False, schema="kontora"
    )
    op.create_table(
        "subsystems",
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("enabled", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.PrimaryKeyConstraint("name"),
        schema="kontora",
    )
    op.create_table(
        "cat_products",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("code", sa.Text(), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("deletion_mark", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.Column("is_group", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("parent_id", sa.BigInteger(), nullable=True),
        sa.Column("unit_id", sa.BigInteger(), nullable=False),
        sa.Column("article", sa.Text(), nullable=True),
        sa.Column("price", sa.Numeric(), nullable=True),
        sa.CheckConstraint("btrim(name) <> ''", name="ck_cat_products_name_nonempty"),
        sa.CheckConstraint(
            "abs(price) < 10000000000000 AND price = trunc(price, 2)",
            name="ck_cat_products_price_exact",
        ),
        sa.CheckConstraint("char_length(article) <= 50", name="ck_cat_products_article_len"),
        sa.CheckConstraint("char_length(code) <= 20", name="ck_cat_products_code_len"),
        sa.CheckConstraint("char_length(name) <= 150", name="ck_cat_products_name_len"),
        sa.CheckConstraint("price >= 0", name="ck_cat_products_price_nonnegative"),
        sa.ForeignKeyConstraint(["parent_id"], ["kontora.cat_products.id"], ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["unit_id"], ["kontora.cat_units.id"], ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id"),
        schema="kontora",
    )
    op.create_index(
        "ix_cat_products_name", "cat_products", ["name"], unique=False, schema="kontora"
    )
    op.create_table(
        "doc_goods_receipt",
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
        sa.Column("supplier_id", sa.BigInteger(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.CheckConstraint("char_length(comment) <= 2000", name="ck_doc_goods_receipt_comment_len"),
        sa.CheckConstraint(
            "char_length(number) BETWEEN 1 AND 30", name="ck_doc_goods_receipt_number_len"
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"], ["kontora.cat_organizations.id"], ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["supplier_id"], ["kontora.cat_counterparties.id"], ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["warehouse_id"], ["kontora.cat_warehouses.id"], ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("client_key", name="uq_doc_goods_receipt_client_key"),
        sa.UniqueConstraint(
            "organization_id", "number_year", "number", name="uq_doc_goods_receipt_number"
        ),
        schema="kontora",
    )
    op.create_index(
        "ix_doc_goods_receipt_date",
        "doc_goods_receipt",
        ["date", "id"],
        unique=False,
        schema="kontora",
    )
    op.create_table(
        "doc_sales_shipment",
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
        sa.Column("customer_id", sa.BigInteger(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "char_length(comment) <= 2000", name="ck_doc_sales_shipment_comment_len"
        ),
        sa.CheckConstraint(
            "char_length(number) BETWEEN 1 AND 30", name="ck_doc_sales_shipment_number_len"
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["kontora.cat_counterparties.id"], ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"], ["kontora.cat_organizations.id"], ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["warehouse_id"], ["kontora.cat_warehouses.id"], ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("client_key", name="uq_doc_sales_shipment_client_key"),
        sa.UniqueConstraint(
            "organization_id", "number_year", "number", name="uq_doc_sales_shipment_number"
        ),
        schema="kontora",
    )
    op.create_index(
        "ix_doc_sales_shipment_date",
        "doc_sales_shipment",
        ["date", "id"],
        unique=False,
        schema="kontora",
    )
    op.create_table(
        "doc_write_off",
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
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.CheckConstraint("char_length(comment) <= 2000", name="ck_doc_write_off_comment_len"),
        sa.CheckConstraint(
            "char_length(number) BETWEEN 1 AND 30", name="ck_doc_write_off_number_len"
        ),
        sa.CheckConstraint("char_length(reason) <= 100", name="ck_doc_write_off_reason_len"),
        sa.ForeignKeyConstraint(
            ["organization_id"], ["kontora.cat_organizations.id"], ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["warehouse_id"], ["kontora.cat_warehouses.id"], ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("client_key", name="uq_doc_write_off_client_key"),
        sa.UniqueConstraint(
            "organization_id", "number_year", "number", name="uq_doc_write_off_number"
        ),
        schema="kontora",
    )
    op.create_index(
        "ix_doc_write_off_date", "doc_write_off", ["date", "id"], unique=False, schema="kontora"
    )
    op.create_table(
        "doc_goods_receipt_lines",
        sa.Column("doc_id", sa.BigInteger(), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.BigInteger(), nullable=False),
        sa.Column("quantity", sa.Numeric(), nullable=False),
        sa.Column("price", sa.Numeric(), nullable=True),
        sa.Column("amount", sa.Numeric(), nullable=True),
        sa.CheckConstraint(
            "abs(amount) < 10000000000000 AND amount = trunc(amount, 2)",
            name="ck_doc_goods_receipt_lines_amount_exact",
        ),
        sa.CheckConstraint(
            "abs(price) < 10000000000000 AND price = trunc(price, 2)",
            name="ck_doc_goods_receipt_lines_price_exact",
        ),
        sa.CheckConstraint(
            "abs(quantity) < 1000000000000 AND quantity = trunc(quantity, 3)",
            name="ck_doc_goods_receipt_lines_quantity_exact",
        ),
        sa.CheckConstraint("amount >= 0", name="ck_doc_goods_receipt_lines_amount_nonnegative"),
        sa.CheckConstraint("price >= 0", name="ck_doc_goods_receipt_lines_price_nonnegative"),
        sa.CheckConstraint("quantity > 0", name="ck_doc_goods_receipt_lines_quantity_positive"),
        sa.ForeignKeyConstraint(["doc_id"], ["kontora.doc_goods_receipt.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["product_id"], ["kontora.cat_products.id"], ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("doc_id", "line_no", name="pk_doc_goods_receipt_lines"),
        schema="kontora",
    )
    op.create_table(
        "doc_sales_shipment_lines",
        sa.Column("doc_id", sa.BigInteger(), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.BigInteger(), nullable=False),
        sa.Column("quantity", sa.Numeric(), nullable=False),
        sa.Column("price", sa.Numeric(), nullable=True),
        sa.Column("amount", sa.Numeric(), nullable=True),
        sa.CheckConstraint(
            "abs(amount) < 10000000000000 AND amount = trunc(amount, 2)",
            name="ck_doc_sales_shipment_lines_amount_exact",
        ),
        sa.CheckConstraint(
            "abs(price) < 10000000000000 AND price = trunc(price, 2)",
            name="ck_doc_sales_shipment_lines_price_exact",
        ),
        sa.CheckConstraint(
            "abs(quantity) < 1000000000000 AND quantity = trunc(quantity, 3)",
            name="ck_doc_sales_shipment_lines_quantity_exact",
        ),
        sa.CheckConstraint("amount >= 0", name="ck_doc_sales_shipment_lines_amount_nonnegative"),
        sa.CheckConstraint("price >= 0", name="ck_doc_sales_shipment_lines_price_nonnegative"),
        sa.CheckConstraint("quantity > 0", name="ck_doc_sales_shipment_lines_quantity_positive"),
        sa.ForeignKeyConstraint(["doc_id"], ["kontora.doc_sales_shipment.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["product_id"], ["kontora.cat_products.id"], ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("doc_id", "line_no", name="pk_doc_sales_shipment_lines"),
        schema="kontora",
    )
    op.create_table(
        "doc_write_off_lines",
        sa.Column("doc_id", sa.BigInteger(), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.BigInteger(), nullable=False),
        sa.Column("quantity", sa.Numeric(), nullable=False),
        sa.CheckConstraint(
            "abs(quantity) < 1000000000000 AND quantity = trunc(quantity, 3)",
            name="ck_doc_write_off_lines_quantity_exact",
        ),
        sa.CheckConstraint("quantity > 0", name="ck_doc_write_off_lines_quantity_positive"),
        sa.ForeignKeyConstraint(["doc_id"], ["kontora.doc_write_off.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["product_id"], ["kontora.cat_products.id"], ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("doc_id", "line_no", name="pk_doc_write_off_lines"),
        schema="kontora",
    )
    op.create_table(
        "inf_prices",
        sa.Column("period", sa.Date(), nullable=False),
        sa.Column("product_id", sa.BigInteger(), nullable=False),
        sa.Column("price", sa.Numeric(), nullable=True),
        sa.CheckConstraint(
            "abs(price) < 10000000000000 AND price = trunc(price, 2)",
            name="ck_inf_prices_price_exact",
        ),
        sa.CheckConstraint("price >= 0", name="ck_inf_prices_price_nonnegative"),
        sa.ForeignKeyConstraint(["product_id"], ["kontora.cat_products.id"], ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("product_id", "period", name="pk_inf_prices"),
        schema="kontora",
    )
    op.create_table(
        "reg_sales",
        sa.Column("recorder_type", sa.Text(), nullable=False),
        sa.Column("recorder_id", sa.BigInteger(), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("period", sa.DateTime(), nullable=False),
        sa.Column("customer_id", sa.BigInteger(), nullable=False),
        sa.Column("product_id", sa.BigInteger(), nullable=False),
        sa.Column("quantity", sa.Numeric(), nullable=False),
        sa.Column("amount", sa.Numeric(), nullable=False),
        sa.CheckConstraint(
            "abs(amount) < 10000000000000000 AND amount = trunc(amount, 2)",
            name="ck_reg_sales_amount_exact",
        ),
        sa.CheckConstraint(
            "abs(quantity) < 1000000000000000 AND quantity = trunc(quantity, 3)",
            name="ck_reg_sales_quantity_exact",
        ),
        sa.PrimaryKeyConstraint("recorder_type", "recorder_id", "line_no", name="pk_reg_sales"),
        schema="kontora",
    )
    op.create_index(
        "ix_reg_sales_key_period",
        "reg_sales",
        ["customer_id", "product_id", "period"],
        unique=False,
        schema="kontora",
    )
    op.create_table(
        "reg_sales_totals",
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("customer_id", sa.BigInteger(), nullable=False),
        sa.Column("product_id", sa.BigInteger(), nullable=False),
        sa.Column("quantity", sa.Numeric(), nullable=False),
        sa.Column("amount", sa.Numeric(), nullable=False),
        sa.CheckConstraint(
            "abs(amount) < 10000000000000000 AND amount = trunc(amount, 2)",
            name="ck_reg_sales_totals_amount_exact",
        ),
        sa.CheckConstraint(
            "abs(quantity) < 1000000000000000 AND quantity = trunc(quantity, 3)",
            name="ck_reg_sales_totals_quantity_exact",
        ),
        sa.PrimaryKeyConstraint("customer_id", "product_id", "month", name="pk_reg_sales_totals"),
        schema="kontora",
    )
    op.create_table(
        "reg_stock",
        sa.Column("recorder_type", sa.Text(), nullable=False),
        sa.Column("recorder_id", sa.BigInteger(), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("period", sa.DateTime(), nullable=False),
        sa.Column("warehouse_id", sa.BigInteger(), nullable=False),
        sa.Column("product_id", sa.BigInteger(), nullable=False),
        sa.Column("quantity", sa.Numeric(), nullable=False),
        sa.CheckConstraint(
            "abs(quantity) < 1000000000000000 AND quantity = trunc(quantity, 3)",
            name="ck_reg_stock_quantity_exact",
        ),
        sa.PrimaryKeyConstraint("recorder_type", "recorder_id", "line_no", name="pk_reg_stock"),
        schema="kontora",
    )
    op.create_index(
        "ix_reg_stock_key_period",
        "reg_stock",
        ["warehouse_id", "product_id", "period"],
        unique=False,
        schema="kontora",
    )
    op.create_table(
        "reg_stock_balance",
        sa.Column("warehouse_id", sa.BigInteger(), nullable=False),
        sa.Column("product_id", sa.BigInteger(), nullable=False),
        sa.Column("quantity", sa.Numeric(), nullable=False),
        sa.CheckConstraint(
            "abs(quantity) < 1000000000000000 AND quantity = trunc(quantity, 3)",
            name="ck_reg_stock_balance_quantity_exact",
        ),
        sa.CheckConstraint("quantity >= 0", name="ck_reg_stock_balance_quantity_nonnegative"),
        sa.PrimaryKeyConstraint("warehouse_id", "product_id", name="pk_reg_stock_balance"),
        schema="kontora",
    )
    op.create_table(
        "reg_stock_totals",
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("warehouse_id", sa.BigInteger(), nullable=False),
        sa.Column("product_id", sa.BigInteger(), nullable=False),
        sa.Column("quantity", sa.Numeric(), nullable=False),
        sa.CheckConstraint(
            "abs(quantity) < 1000000000000000 AND quantity = trunc(quantity, 3)",
            name="ck_reg_stock_totals_quantity_exact",
        ),
        sa.PrimaryKeyConstraint("warehouse_id", "product_id", "month", name="pk_reg_stock_totals"),
        schema="kontora",
    )


def downgrade() -> None:
    for doc in ("goods_receipt", "write_off", "sales_shipment"):
        op.execute(f"DROP SEQUENCE kontora.doc_{doc}_number_seq")
    op.drop_table("reg_stock_totals", schema="kontora")
    op.drop_table("reg_stock_balance", schema="kontora")
    op.drop_index("ix_reg_stock_key_period", table_name="reg_stock", schema="kontora")
    op.drop_table("reg_stock", schema="kontora")
    op.drop_table("reg_sales_totals", schema="kontora")
    op.drop_index("ix_reg_sales_key_period", table_name="reg_sales", schema="kontora")
    op.drop_table("reg_sales", schema="kontora")
    op.drop_table("inf_prices", schema="kontora")
    op.drop_table("doc_write_off_lines", schema="kontora")
    op.drop_table("doc_sales_shipment_lines", schema="kontora")
    op.drop_table("doc_goods_receipt_lines", schema="kontora")
    op.drop_index("ix_doc_write_off_date", table_name="doc_write_off", schema="kontora")
    op.drop_table("doc_write_off", schema="kontora")
    op.drop_index("ix_doc_sales_shipment_date", table_name="doc_sales_shipment", schema="kontora")
    op.drop_table("doc_sales_shipment", schema="kontora")
    op.drop_index("ix_doc_goods_receipt_date", table_name="doc_goods_receipt", schema="kontora")
    op.drop_table("doc_goods_receipt", schema="kontora")
    op.drop_index("ix_cat_products_name", table_name="cat_products", schema="kontora")
    op.drop_table("cat_products", schema="kontora")
    op.drop_table("subsystems", schema="kontora")
    op.drop_index("ix_history_row", table_name="history", schema="kontora")
    op.drop_table("history", schema="kontora")
    op.drop_table("constants", schema="kontora")
    op.drop_index("ix_cat_warehouses_name", table_name="cat_warehouses", schema="kontora")
    op.drop_table("cat_warehouses", schema="kontora")
    op.drop_index("ix_cat_units_name", table_name="cat_units", schema="kontora")
    op.drop_table("cat_units", schema="kontora")
    op.drop_index("ix_cat_organizations_name", table_name="cat_organizations", schema="kontora")
    op.drop_table("cat_organizations", schema="kontora")
    op.drop_index("ix_cat_counterparties_name", table_name="cat_counterparties", schema="kontora")
    op.drop_table("cat_counterparties", schema="kontora")
