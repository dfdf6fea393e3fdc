"""sales orders, reserves, free stock, customer settlements and payments, sales returns

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30

New documents: sales order, sales return, customer payment. New registers: customer orders
(quantity to ship, amount to pay), reserves, free stock (on hand − reserved, never negative),
customer settlements. Sales shipments get an order, a partner and VAT per line (discount, VAT
rate and amount); the sales register a VAT amount (its amount is net of VAT from now on; old
movements keep theirs, with VAT 0). Constants get the credit-limit action. Free stock starts
equal to the stock (nothing is reserved yet).
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

S = "kontora"
NEW_TABLES = (
    "doc_customer_payment_orders",
    "doc_customer_payment",
    "doc_sales_return_lines",
    "doc_sales_return",
    "doc_sales_order_lines",
    "doc_sales_order",
    *(
        f"reg_{r}{suffix}"
        for r in ("customer_orders", "customer_settlements", "free_stock", "reserves")
        for suffix in ("", "_totals", "_balance")
    ),
)
CHECKS = {
    "doc_sales_shipment_lines": {
        "discount_exact": "abs(discount) < 1000000000000 AND discount = trunc(discount, 3)",
        "discount_nonnegative": "discount >= 0",
        "discount_maximum": "discount <= 100",
        "vat_rate_exact": "abs(vat_rate) < 1000000000000 AND vat_rate = trunc(vat_rate, 3)",
        "vat_rate_nonnegative": "vat_rate >= 0",
        "vat_rate_maximum": "vat_rate <= 100",
        "vat_amount_exact": "abs(vat_amount) < 10000000000000 AND vat_amount = trunc(vat_amount, 2)",
        "vat_amount_nonnegative": "vat_amount >= 0",
    },
    "reg_sales": {
        "vat_amount_exact": "abs(vat_amount) < 10000000000000000 "
        "AND vat_amount = trunc(vat_amount, 2)"
    },
    "reg_sales_totals": {
        "vat_amount_exact": "abs(vat_amount) < 10000000000000000 "
        "AND vat_amount = trunc(vat_amount, 2)"
    },
}


def upgrade() -> None:
    op.create_table(
        "reg_customer_orders",
        sa.Column("recorder_type", sa.Text(), nullable=False),
        sa.Column("recorder_id", sa.BigInteger(), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("period", sa.DateTime(), nullable=False),
        sa.Column("order_id", sa.BigInteger(), nullable=False),
        sa.Column("product_id", sa.BigInteger(), nullable=False),
        sa.Column("quantity", sa.Numeric(), nullable=False),
        sa.Column("amount", sa.Numeric(), nullable=False),
        sa.CheckConstraint(
            "abs(amount) < 10000000000000000 AND amount = trunc(amount, 2)",
            name="ck_reg_customer_orders_amount_exact",
        ),
        sa.CheckConstraint(
            "abs(quantity) < 1000000000000000 AND quantity = trunc(quantity, 3)",
            name="ck_reg_customer_orders_quantity_exact",
        ),
        sa.PrimaryKeyConstraint(
            "recorder_type", "recorder_id", "line_no", name="pk_reg_customer_orders"
        ),
        schema="kontora",
    )
    op.create_index(
        "ix_reg_customer_orders_key_period",
        "reg_customer_orders",
        ["order_id", "product_id", "period"],
        unique=False,
        schema="kontora",
    )
    op.create_table(
        "reg_customer_orders_balance",
        sa.Column("order_id", sa.BigInteger(), nullable=False),
        sa.Column("product_id", sa.BigInteger(), nullable=False),
        sa.Column("quantity", sa.Numeric(), nullable=False),
        sa.Column("amount", sa.Numeric(), nullable=False),
        sa.CheckConstraint(
            "abs(amount) < 10000000000000000 AND amount = trunc(amount, 2)",
            name="ck_reg_customer_orders_balance_amount_exact",
        ),
        sa.CheckConstraint(
            "abs(quantity) < 1000000000000000 AND quantity = trunc(quantity, 3)",
            name="ck_reg_customer_orders_balance_quantity_exact",
        ),
        sa.CheckConstraint(
            "quantity >= 0", name="ck_reg_customer_orders_balance_quantity_nonnegative"
        ),
        sa.PrimaryKeyConstraint("order_id", "product_id", name="pk_reg_customer_orders_balance"),
        schema="kontora",
    )
    op.create_table(
        "reg_customer_orders_totals",
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("order_id", sa.BigInteger(), nullable=False),
        sa.Column("product_id", sa.BigInteger(), nullable=False),
        sa.Column("quantity", sa.Numeric(), nullable=False),
        sa.Column("amount", sa.Numeric(), nullable=False),
        sa.CheckConstraint(
            "abs(amount) < 10000000000000000 AND amount = trunc(amount, 2)",
            name="ck_reg_customer_orders_totals_amount_exact",
        ),
        sa.CheckConstraint(
            "abs(quantity) < 1000000000000000 AND quantity = trunc(quantity, 3)",
            name="ck_reg_customer_orders_totals_quantity_exact",
        ),
        sa.PrimaryKeyConstraint(
            "order_id", "product_id", "month", name="pk_reg_customer_orders_totals"
        ),
        schema="kontora",
    )
    op.create_table(
        "reg_customer_settlements",
        sa.Column("recorder_type", sa.Text(), nullable=False),
        sa.Column("recorder_id", sa.BigInteger(), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("period", sa.DateTime(), nullable=False),
        sa.Column("partner_id", sa.BigInteger(), nullable=False),
        sa.Column("counterparty_id", sa.BigInteger(), nullable=False),
        sa.Column("order_id", sa.BigInteger(), nullable=False),
        sa.Column("amount", sa.Numeric(), nullable=False),
        sa.CheckConstraint(
            "abs(amount) < 10000000000000000 AND amount = trunc(amount, 2)",
            name="ck_reg_customer_settlements_amount_exact",
        ),
        sa.PrimaryKeyConstraint(
            "recorder_type", "recorder_id", "line_no", name="pk_reg_customer_settlements"
        ),
        schema="kontora",
    )
    op.create_index(
        "ix_reg_customer_settlements_key_period",
        "reg_customer_settlements",
        ["partner_id", "counterparty_id", "order_id", "period"],
        unique=False,
        schema="kontora",
    )
    op.create_table(
        "reg_customer_settlements_balance",
        sa.Column("partner_id", sa.BigInteger(), nullable=False),
        sa.Column("counterparty_id", sa.BigInteger(), nullable=False),
        sa.Column("order_id", sa.BigInteger(), nullable=False),
        sa.Column("amount", sa.Numeric(), nullable=False),
        sa.CheckConstraint(
            "abs(amount) < 10000000000000000 AND amount = trunc(amount, 2)",
            name="ck_reg_customer_settlements_balance_amount_exact",
        ),
        sa.PrimaryKeyConstraint(
            "partner_id", "counterparty_id", "order_id", name="pk_reg_customer_settlements_balance"
        ),
        schema="kontora",
    )
    op.create_table(
        "reg_customer_settlements_totals",
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("partner_id", sa.BigInteger(), nullable=False),
        sa.Column("counterparty_id", sa.BigInteger(), nullable=False),
        sa.Column("order_id", sa.BigInteger(), nullable=False),
        sa.Column("amount", sa.Numeric(), nullable=False),
        sa.CheckConstraint(
            "abs(amount) < 10000000000000000 AND amount = trunc(amount, 2)",
            name="ck_reg_customer_settlements_totals_amount_exact",
        ),
        sa.PrimaryKeyConstraint(
            "partner_id",
            "counterparty_id",
            "order_id",
            "month",
            name="pk_reg_customer_settlements_totals",
        ),
        schema="kontora",
    )
    op.create_table(
        "reg_free_stock",
        sa.Column("recorder_type", sa.Text(), nullable=False),
        sa.Column("recorder_id", sa.BigInteger(), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("period", sa.DateTime(), nullable=False),
        sa.Column("warehouse_id", sa.BigInteger(), nullable=False),
        sa.Column("product_id", sa.BigInteger(), nullable=False),
        sa.Column("quantity", sa.Numeric(), nullable=False),
        sa.CheckConstraint(
            "abs(quantity) < 1000000000000000 AND quantity = trunc(quantity, 3)",
            name="ck_reg_free_stock_quantity_exact",
        ),
        sa.PrimaryKeyConstraint(
            "recorder_type", "recorder_id", "line_no", name="pk_reg_free_stock"
        ),
        schema="kontora",
    )
    op.create_index(
        "ix_reg_free_stock_key_period",
        "reg_free_stock",
        ["warehouse_id", "product_id", "period"],
        unique=False,
        schema="kontora",
    )
    op.create_table(
        "reg_free_stock_balance",
        sa.Column("warehouse_id", sa.BigInteger(), nullable=False),
        sa.Column("product_id", sa.BigInteger(), nullable=False),
        sa.Column("quantity", sa.Numeric(), nullable=False),
        sa.CheckConstraint(
            "abs(quantity) < 1000000000000000 AND quantity = trunc(quantity, 3)",
            name="ck_reg_free_stock_balance_quantity_exact",
        ),
        sa.CheckConstraint("quantity >= 0", name="ck_reg_free_stock_balance_quantity_nonnegative"),
        sa.PrimaryKeyConstraint("warehouse_id", "product_id", name="pk_reg_free_stock_balance"),
        schema="kontora",
    )
    op.create_table(
        "reg_free_stock_totals",
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("warehouse_id", sa.BigInteger(), nullable=False),
        sa.Column("product_id", sa.BigInteger(), nullable=False),
        sa.Column("quantity", sa.Numeric(), nullable=False),
        sa.CheckConstraint(
            "abs(quantity) < 1000000000000000 AND quantity = trunc(quantity, 3)",
            name="ck_reg_free_stock_totals_quantity_exact",
        ),
        sa.PrimaryKeyConstraint(
            "warehouse_id", "product_id", "month", name="pk_reg_free_stock_totals"
        ),
        schema="kontora",
    )
    op.create_table(
        "reg_reserves",
        sa.Column("recorder_type", sa.Text(), nullable=False),
        sa.Column("recorder_id", sa.BigInteger(), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("period", sa.DateTime(), nullable=False),
        sa.Column("warehouse_id", sa.BigInteger(), nullable=False),
        sa.Column("product_id", sa.BigInteger(), nullable=False),
        sa.Column("order_id", sa.BigInteger(), nullable=False),
        sa.Column("quantity", sa.Numeric(), nullable=False),
        sa.CheckConstraint(
            "abs(quantity) < 1000000000000000 AND quantity = trunc(quantity, 3)",
            name="ck_reg_reserves_quantity_exact",
        ),
        sa.PrimaryKeyConstraint("recorder_type", "recorder_id", "line_no", name="pk_reg_reserves"),
        schema="kontora",
    )
    op.create_index(
        "ix_reg_reserves_key_period",
        "reg_reserves",
        ["warehouse_id", "product_id", "order_id", "period"],
        unique=False,
        schema="kontora",
    )
    op.create_table(
        "reg_reserves_balance",
        sa.Column("warehouse_id", sa.BigInteger(), nullable=False),
        sa.Column("product_id", sa.BigInteger(), nullable=False),
        sa.Column("order_id", sa.BigInteger(), nullable=False),
        sa.Column("quantity", sa.Numeric(), nullable=False),
        sa.CheckConstraint(
            "abs(quantity) < 1000000000000000 AND quantity = trunc(quantity, 3)",
            name="ck_reg_reserves_balance_quantity_exact",
        ),
        sa.CheckConstraint("quantity >= 0", name="ck_reg_reserves_balance_quantity_nonnegative"),
        sa.PrimaryKeyConstraint(
            "warehouse_id", "product_id", "order_id", name="pk_reg_reserves_balance"
        ),
        schema="kontora",
    )
    op.create_table(
        "reg_reserves_totals",
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("warehouse_id", sa.BigInteger(), nullable=False),
        sa.Column("product_id", sa.BigInteger(), nullable=False),
        sa.Column("order_id", sa.BigInteger(), nullable=False),
        sa.Column("quantity", sa.Numeric(), nullable=False),
        sa.CheckConstraint(
            "abs(quantity) < 1000000000000000 AND quantity = trunc(quantity, 3)",
            name="ck_reg_reserves_totals_quantity_exact",
        ),
        sa.PrimaryKeyConstraint(
            "warehouse_id", "product_id", "order_id", "month", name="pk_reg_reserves_totals"
        ),
        schema="kontora",
    )
    op.create_table(
        "doc_customer_payment",
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
        sa.Column("partner_id", sa.BigInteger(), nullable=False),
        sa.Column("counterparty_id", sa.BigInteger(), nullable=False),
        sa.Column("amount", sa.Numeric(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.CheckConstraint("kind IN ('bank', 'cash')", name="ck_doc_customer_payment_kind_choice"),
        sa.CheckConstraint(
            "abs(amount) < 10000000000000 AND amount = trunc(amount, 2)",
            name="ck_doc_customer_payment_amount_exact",
        ),
        sa.CheckConstraint("amount > 0", name="ck_doc_customer_payment_amount_positive"),
        sa.CheckConstraint(
            "char_length(comment) <= 2000", name="ck_doc_customer_payment_comment_len"
        ),
        sa.CheckConstraint(
            "char_length(number) BETWEEN 1 AND 30", name="ck_doc_customer_payment_number_len"
        ),
        sa.ForeignKeyConstraint(
            ["counterparty_id"], ["kontora.cat_counterparties.id"], ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"], ["kontora.cat_organizations.id"], ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(["partner_id"], ["kontora.cat_partners.id"], ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("client_key", name="uq_doc_customer_payment_client_key"),
        sa.UniqueConstraint(
            "organization_id", "number_year", "number", name="uq_doc_customer_payment_number"
        ),
        schema="kontora",
    )
    op.create_index(
        "ix_doc_customer_payment_date",
        "doc_customer_payment",
        ["date", "id"],
        unique=False,
        schema="kontora",
    )
    op.create_table(
        "doc_sales_order",
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
        sa.Column("counterparty_id", sa.BigInteger(), nullable=False),
        sa.Column("warehouse_id", sa.BigInteger(), nullable=False),
        sa.Column("price_type_id", sa.BigInteger(), nullable=True),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("shipment_date", sa.Date(), nullable=True),
        sa.Column("manager", sa.Text(), nullable=True),
        sa.Column("vat_included", sa.Boolean(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "status IN ('not_approved', 'to_supply', 'to_ship', 'closed')",
            name="ck_doc_sales_order_status_choice",
        ),
        sa.CheckConstraint("char_length(comment) <= 2000", name="ck_doc_sales_order_comment_len"),
        sa.CheckConstraint("char_length(manager) <= 63", name="ck_doc_sales_order_manager_len"),
        sa.CheckConstraint(
            "char_length(number) BETWEEN 1 AND 30", name="ck_doc_sales_order_number_len"
        ),
        sa.ForeignKeyConstraint(
            ["counterparty_id"], ["kontora.cat_counterparties.id"], ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"], ["kontora.cat_organizations.id"], ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(["partner_id"], ["kontora.cat_partners.id"], ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(
            ["price_type_id"], ["kontora.cat_price_types.id"], ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["warehouse_id"], ["kontora.cat_warehouses.id"], ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("client_key", name="uq_doc_sales_order_client_key"),
        sa.UniqueConstraint(
            "organization_id", "number_year", "number", name="uq_doc_sales_order_number"
        ),
        schema="kontora",
    )
    op.create_index(
        "ix_doc_sales_order_date", "doc_sales_order", ["date", "id"], unique=False, schema="kontora"
    )
    op.create_table(
        "doc_customer_payment_orders",
        sa.Column("doc_id", sa.BigInteger(), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.BigInteger(), nullable=False),
        sa.Column("amount", sa.Numeric(), nullable=False),
        sa.CheckConstraint(
            "abs(amount) < 10000000000000 AND amount = trunc(amount, 2)",
            name="ck_doc_customer_payment_orders_amount_exact",
        ),
        sa.CheckConstraint("amount > 0", name="ck_doc_customer_payment_orders_amount_positive"),
        sa.ForeignKeyConstraint(
            ["doc_id"], ["kontora.doc_customer_payment.id"], ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["order_id"], ["kontora.doc_sales_order.id"], ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("doc_id", "line_no", name="pk_doc_customer_payment_orders"),
        schema="kontora",
    )
    op.create_table(
        "doc_sales_order_lines",
        sa.Column("doc_id", sa.BigInteger(), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.BigInteger(), nullable=False),
        sa.Column("quantity", sa.Numeric(), nullable=False),
        sa.Column("price", sa.Numeric(), nullable=True),
        sa.Column("discount", sa.Numeric(), nullable=True),
        sa.Column("amount", sa.Numeric(), nullable=True),
        sa.Column("vat_rate", sa.Numeric(), nullable=True),
        sa.Column("vat_amount", sa.Numeric(), nullable=True),
        sa.Column("reserve", sa.Numeric(), nullable=True),
        sa.Column("cancelled", sa.Boolean(), nullable=True),
        sa.Column("cancel_reason", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "abs(amount) < 10000000000000 AND amount = trunc(amount, 2)",
            name="ck_doc_sales_order_lines_amount_exact",
        ),
        sa.CheckConstraint(
            "abs(discount) < 1000000000000 AND discount = trunc(discount, 3)",
            name="ck_doc_sales_order_lines_discount_exact",
        ),
        sa.CheckConstraint(
            "abs(price) < 10000000000000 AND price = trunc(price, 2)",
            name="ck_doc_sales_order_lines_price_exact",
        ),
        sa.CheckConstraint(
            "abs(quantity) < 1000000000000 AND quantity = trunc(quantity, 3)",
            name="ck_doc_sales_order_lines_quantity_exact",
        ),
        sa.CheckConstraint(
            "abs(reserve) < 1000000000000 AND reserve = trunc(reserve, 3)",
            name="ck_doc_sales_order_lines_reserve_exact",
        ),
        sa.CheckConstraint(
            "abs(vat_amount) < 10000000000000 AND vat_amount = trunc(vat_amount, 2)",
            name="ck_doc_sales_order_lines_vat_amount_exact",
        ),
        sa.CheckConstraint(
            "abs(vat_rate) < 1000000000000 AND vat_rate = trunc(vat_rate, 3)",
            name="ck_doc_sales_order_lines_vat_rate_exact",
        ),
        sa.CheckConstraint("amount >= 0", name="ck_doc_sales_order_lines_amount_nonnegative"),
        sa.CheckConstraint(
            "char_length(cancel_reason) <= 200", name="ck_doc_sales_order_lines_cancel_reason_len"
        ),
        sa.CheckConstraint("discount <= 100", name="ck_doc_sales_order_lines_discount_maximum"),
        sa.CheckConstraint("discount >= 0", name="ck_doc_sales_order_lines_discount_nonnegative"),
        sa.CheckConstraint("price >= 0", name="ck_doc_sales_order_lines_price_nonnegative"),
        sa.CheckConstraint("quantity > 0", name="ck_doc_sales_order_lines_quantity_positive"),
        sa.CheckConstraint("reserve >= 0", name="ck_doc_sales_order_lines_reserve_nonnegative"),
        sa.CheckConstraint(
            "vat_amount >= 0", name="ck_doc_sales_order_lines_vat_amount_nonnegative"
        ),
        sa.CheckConstraint("vat_rate <= 100", name="ck_doc_sales_order_lines_vat_rate_maximum"),
        sa.CheckConstraint("vat_rate >= 0", name="ck_doc_sales_order_lines_vat_rate_nonnegative"),
        sa.ForeignKeyConstraint(["doc_id"], ["kontora.doc_sales_order.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["product_id"], ["kontora.cat_products.id"], ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("doc_id", "line_no", name="pk_doc_sales_order_lines"),
        schema="kontora",
    )
    op.create_table(
        "doc_sales_return",
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
        sa.Column("shipment_id", sa.BigInteger(), nullable=False),
        sa.Column("warehouse_id", sa.BigInteger(), nullable=False),
        sa.Column("partner_id", sa.BigInteger(), nullable=True),
        sa.Column("customer_id", sa.BigInteger(), nullable=False),
        sa.Column("vat_included", sa.Boolean(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.CheckConstraint("char_length(comment) <= 2000", name="ck_doc_sales_return_comment_len"),
        sa.CheckConstraint(
            "char_length(number) BETWEEN 1 AND 30", name="ck_doc_sales_return_number_len"
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["kontora.cat_counterparties.id"], ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"], ["kontora.cat_organizations.id"], ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(["partner_id"], ["kontora.cat_partners.id"], ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(
            ["shipment_id"], ["kontora.doc_sales_shipment.id"], ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["warehouse_id"], ["kontora.cat_warehouses.id"], ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("client_key", name="uq_doc_sales_return_client_key"),
        sa.UniqueConstraint(
            "organization_id", "number_year", "number", name="uq_doc_sales_return_number"
        ),
        schema="kontora",
    )
    op.create_index(
        "ix_doc_sales_return_date",
        "doc_sales_return",
        ["date", "id"],
        unique=False,
        schema="kontora",
    )
    op.create_table(
        "doc_sales_return_lines",
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
            name="ck_doc_sales_return_lines_amount_exact",
        ),
        sa.CheckConstraint(
            "abs(discount) < 1000000000000 AND discount = trunc(discount, 3)",
            name="ck_doc_sales_return_lines_discount_exact",
        ),
        sa.CheckConstraint(
            "abs(price) < 10000000000000 AND price = trunc(price, 2)",
            name="ck_doc_sales_return_lines_price_exact",
        ),
        sa.CheckConstraint(
            "abs(quantity) < 1000000000000 AND quantity = trunc(quantity, 3)",
            name="ck_doc_sales_return_lines_quantity_exact",
        ),
        sa.CheckConstraint(
            "abs(vat_amount) < 10000000000000 AND vat_amount = trunc(vat_amount, 2)",
            name="ck_doc_sales_return_lines_vat_amount_exact",
        ),
        sa.CheckConstraint(
            "abs(vat_rate) < 1000000000000 AND vat_rate = trunc(vat_rate, 3)",
            name="ck_doc_sales_return_lines_vat_rate_exact",
        ),
        sa.CheckConstraint("amount >= 0", name="ck_doc_sales_return_lines_amount_nonnegative"),
        sa.CheckConstraint("discount <= 100", name="ck_doc_sales_return_lines_discount_maximum"),
        sa.CheckConstraint("discount >= 0", name="ck_doc_sales_return_lines_discount_nonnegative"),
        sa.CheckConstraint("price >= 0", name="ck_doc_sales_return_lines_price_nonnegative"),
        sa.CheckConstraint("quantity > 0", name="ck_doc_sales_return_lines_quantity_positive"),
        sa.CheckConstraint(
            "vat_amount >= 0", name="ck_doc_sales_return_lines_vat_amount_nonnegative"
        ),
        sa.CheckConstraint("vat_rate <= 100", name="ck_doc_sales_return_lines_vat_rate_maximum"),
        sa.CheckConstraint("vat_rate >= 0", name="ck_doc_sales_return_lines_vat_rate_nonnegative"),
        sa.ForeignKeyConstraint(["doc_id"], ["kontora.doc_sales_return.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["product_id"], ["kontora.cat_products.id"], ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("doc_id", "line_no", name="pk_doc_sales_return_lines"),
        schema="kontora",
    )
    op.drop_constraint(
        op.f("cat_contact_persons_partner_id_fkey"), "cat_contact_persons", type_="foreignkey"
    )
    op.create_foreign_key(
        None,
        "cat_contact_persons",
        "cat_partners",
        ["partner_id"],
        ["id"],
        source_schema="kontora",
        referent_schema="kontora",
        ondelete="RESTRICT",
    )
    op.drop_constraint(
        op.f("cat_counterparties_parent_id_fkey"), "cat_counterparties", type_="foreignkey"
    )
    op.drop_constraint(
        op.f("cat_counterparties_partner_id_fkey"), "cat_counterparties", type_="foreignkey"
    )
    op.create_foreign_key(
        None,
        "cat_counterparties",
        "cat_partners",
        ["partner_id"],
        ["id"],
        source_schema="kontora",
        referent_schema="kontora",
        ondelete="RESTRICT",
    )
    op.create_foreign_key(
        None,
        "cat_counterparties",
        "cat_counterparties",
        ["parent_id"],
        ["id"],
        source_schema="kontora",
        referent_schema="kontora",
        ondelete="RESTRICT",
    )
    op.drop_constraint(op.f("cat_partners_parent_id_fkey"), "cat_partners", type_="foreignkey")
    op.drop_constraint(
        op.f("cat_partners_payment_terms_id_fkey"), "cat_partners", type_="foreignkey"
    )
    op.create_foreign_key(
        None,
        "cat_partners",
        "cat_partners",
        ["parent_id"],
        ["id"],
        source_schema="kontora",
        referent_schema="kontora",
        ondelete="RESTRICT",
    )
    op.create_foreign_key(
        None,
        "cat_partners",
        "cat_payment_terms",
        ["payment_terms_id"],
        ["id"],
        source_schema="kontora",
        referent_schema="kontora",
        ondelete="RESTRICT",
    )
    op.drop_constraint(op.f("cat_products_vat_rate_id_fkey"), "cat_products", type_="foreignkey")
    op.drop_constraint(op.f("cat_products_parent_id_fkey"), "cat_products", type_="foreignkey")
    op.drop_constraint(op.f("cat_products_unit_id_fkey"), "cat_products", type_="foreignkey")
    op.create_foreign_key(
        None,
        "cat_products",
        "cat_products",
        ["parent_id"],
        ["id"],
        source_schema="kontora",
        referent_schema="kontora",
        ondelete="RESTRICT",
    )
    op.create_foreign_key(
        None,
        "cat_products",
        "cat_vat_rates",
        ["vat_rate_id"],
        ["id"],
        source_schema="kontora",
        referent_schema="kontora",
        ondelete="RESTRICT",
    )
    op.create_foreign_key(
        None,
        "cat_products",
        "cat_units",
        ["unit_id"],
        ["id"],
        source_schema="kontora",
        referent_schema="kontora",
        ondelete="RESTRICT",
    )

    for stmt in (
        "CREATE SEQUENCE kontora.doc_sales_order_number_seq",
        "CREATE SEQUENCE kontora.doc_sales_return_number_seq",
        "CREATE SEQUENCE kontora.doc_customer_payment_number_seq",
    ):
        op.execute(stmt)
    _shipments()
    op.add_column(
        "constants",
        sa.Column(
            "credit_limit_action", sa.Text(), server_default=sa.text("'refuse'"), nullable=False
        ),
        schema=S,
    )
    op.create_check_constraint(
        "ck_constants_credit_limit_action",
        "constants",
        "credit_limit_action IN ('refuse', 'approval')",
        schema=S,
    )
    for table in ("reg_sales", "reg_sales_totals"):
        op.add_column(
            table,
            sa.Column("vat_amount", sa.Numeric(), server_default=sa.text("0"), nullable=False),
            schema=S,
        )
        op.alter_column(table, "vat_amount", server_default=None, schema=S)
    for table, checks in CHECKS.items():
        for rule, expr in checks.items():
            op.create_check_constraint(f"ck_{table}_{rule}", table, expr, schema=S)
    _free_stock()
    _settlements()


def _shipments() -> None:
    op.add_column("doc_sales_shipment", sa.Column("order_id", sa.BigInteger()), schema=S)
    op.add_column("doc_sales_shipment", sa.Column("partner_id", sa.BigInteger()), schema=S)
    op.add_column("doc_sales_shipment", sa.Column("vat_included", sa.Boolean()), schema=S)
    for c in ("discount", "vat_rate", "vat_amount"):
        op.add_column("doc_sales_shipment_lines", sa.Column(c, sa.Numeric()), schema=S)
    for col, target in (("order_id", "doc_sales_order"), ("partner_id", "cat_partners")):
        op.create_foreign_key(
            f"doc_sales_shipment_{col}_fkey",
            "doc_sales_shipment",
            target,
            [col],
            ["id"],
            source_schema=S,
            referent_schema=S,
            ondelete="RESTRICT",
        )


def _settlements() -> None:
    """Shipments posted before: the customer owes their amount (one movement per shipment,
    as their posting now writes it), without an order."""
    op.execute(f"""
        INSERT INTO {S}.reg_customer_settlements
            (recorder_type, recorder_id, line_no, period, partner_id, counterparty_id, order_id,
             amount)
        SELECT 'sales_shipment', h.id, 1, h.date, c.partner_id, h.customer_id, 0,
               (SELECT coalesce(sum(l.amount), 0) FROM {S}.doc_sales_shipment_lines l
                WHERE l.doc_id = h.id)
        FROM {S}.doc_sales_shipment h JOIN {S}.cat_counterparties c ON c.id = h.customer_id
        WHERE h.posted""")
    op.execute(f"""
        INSERT INTO {S}.reg_customer_settlements_totals
        SELECT date_trunc('month', period)::date, partner_id, counterparty_id, order_id,
               sum(amount)
        FROM {S}.reg_customer_settlements GROUP BY 1, 2, 3, 4""")
    op.execute(f"""
        INSERT INTO {S}.reg_customer_settlements_balance
        SELECT partner_id, counterparty_id, order_id, sum(amount)
        FROM {S}.reg_customer_settlements GROUP BY 1, 2, 3""")


def _free_stock() -> None:
    """Nothing is reserved yet: free stock is the stock, movement for movement."""
    op.execute(f"""
        INSERT INTO {S}.reg_free_stock
        SELECT recorder_type, recorder_id, line_no, period, warehouse_id, product_id, quantity
        FROM {S}.reg_stock""")
    op.execute(f"""
        INSERT INTO {S}.reg_free_stock_totals
        SELECT month, warehouse_id, product_id, quantity FROM {S}.reg_stock_totals""")
    op.execute(f"""
        INSERT INTO {S}.reg_free_stock_balance
        SELECT warehouse_id, product_id, quantity FROM {S}.reg_stock_balance""")


def downgrade() -> None:
    for table in ("reg_sales", "reg_sales_totals"):
        op.drop_column(table, "vat_amount", schema=S)
    op.drop_column("constants", "credit_limit_action", schema=S)
    for c in ("discount", "vat_rate", "vat_amount"):
        op.drop_column("doc_sales_shipment_lines", c, schema=S)
    for c in ("order_id", "partner_id", "vat_included"):
        op.drop_column("doc_sales_shipment", c, schema=S)
    for t in NEW_TABLES:
        op.drop_table(t, schema=S)
    for d in ("doc_sales_order", "doc_sales_return", "doc_customer_payment"):
        op.execute(f"DROP SEQUENCE IF EXISTS {S}.{d}_number_seq")
