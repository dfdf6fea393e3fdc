"""purchasing: purchase orders, supplier payments, goods expected, supplier settlements, purchases

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30

New documents: purchase order, supplier payment. New registers: goods expected (by purchase
order), supplier settlements (partner, counterparty, order; order 0 = none), purchases (turnover).
Goods receipts get a purchase order, a partner, "prices include VAT" and line discount, VAT rate,
VAT (existing lines: no VAT). Receipts posted before this revision
have no supplier settlements or purchases until they are posted again.
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

S = "kontora"
LINES = "doc_goods_receipt_lines"
_LINE_CHECKS = {
    "discount": ("discount >= 0", "discount <= 100", 3),
    "vat_rate": ("vat_rate >= 0", "vat_rate <= 100", 3),
    "vat_amount": ("vat_amount >= 0", None, 2),
}


def upgrade() -> None:
    for doc in ("purchase_order", "supplier_payment"):
        op.execute(f"CREATE SEQUENCE {S}.doc_{doc}_number_seq")
    op.create_table(
        "reg_goods_expected",
        sa.Column("recorder_type", sa.Text(), nullable=False),
        sa.Column("recorder_id", sa.BigInteger(), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("period", sa.DateTime(), nullable=False),
        sa.Column("order_id", sa.BigInteger(), nullable=False),
        sa.Column("product_id", sa.BigInteger(), nullable=False),
        sa.Column("quantity", sa.Numeric(), nullable=False),
        sa.CheckConstraint(
            "abs(quantity) < 1000000000000000 AND quantity = trunc(quantity, 3)",
            name="ck_reg_goods_expected_quantity_exact",
        ),
        sa.PrimaryKeyConstraint(
            "recorder_type", "recorder_id", "line_no", name="pk_reg_goods_expected"
        ),
        schema="kontora",
    )
    op.create_index(
        "ix_reg_goods_expected_key_period",
        "reg_goods_expected",
        ["order_id", "product_id", "period"],
        unique=False,
        schema="kontora",
    )
    op.create_table(
        "reg_goods_expected_balance",
        sa.Column("order_id", sa.BigInteger(), nullable=False),
        sa.Column("product_id", sa.BigInteger(), nullable=False),
        sa.Column("quantity", sa.Numeric(), nullable=False),
        sa.CheckConstraint(
            "abs(quantity) < 1000000000000000 AND quantity = trunc(quantity, 3)",
            name="ck_reg_goods_expected_balance_quantity_exact",
        ),
        sa.CheckConstraint(
            "quantity >= 0", name="ck_reg_goods_expected_balance_quantity_nonnegative"
        ),
        sa.PrimaryKeyConstraint("order_id", "product_id", name="pk_reg_goods_expected_balance"),
        schema="kontora",
    )
    op.create_table(
        "reg_goods_expected_totals",
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("order_id", sa.BigInteger(), nullable=False),
        sa.Column("product_id", sa.BigInteger(), nullable=False),
        sa.Column("quantity", sa.Numeric(), nullable=False),
        sa.CheckConstraint(
            "abs(quantity) < 1000000000000000 AND quantity = trunc(quantity, 3)",
            name="ck_reg_goods_expected_totals_quantity_exact",
        ),
        sa.PrimaryKeyConstraint(
            "order_id", "product_id", "month", name="pk_reg_goods_expected_totals"
        ),
        schema="kontora",
    )
    op.create_table(
        "reg_purchases",
        sa.Column("recorder_type", sa.Text(), nullable=False),
        sa.Column("recorder_id", sa.BigInteger(), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("period", sa.DateTime(), nullable=False),
        sa.Column("partner_id", sa.BigInteger(), nullable=False),
        sa.Column("counterparty_id", sa.BigInteger(), nullable=False),
        sa.Column("product_id", sa.BigInteger(), nullable=False),
        sa.Column("quantity", sa.Numeric(), nullable=False),
        sa.Column("amount", sa.Numeric(), nullable=False),
        sa.Column("vat_amount", sa.Numeric(), nullable=False),
        sa.CheckConstraint(
            "abs(amount) < 10000000000000000 AND amount = trunc(amount, 2)",
            name="ck_reg_purchases_amount_exact",
        ),
        sa.CheckConstraint(
            "abs(quantity) < 1000000000000000 AND quantity = trunc(quantity, 3)",
            name="ck_reg_purchases_quantity_exact",
        ),
        sa.CheckConstraint(
            "abs(vat_amount) < 10000000000000000 AND vat_amount = trunc(vat_amount, 2)",
            name="ck_reg_purchases_vat_amount_exact",
        ),
        sa.PrimaryKeyConstraint("recorder_type", "recorder_id", "line_no", name="pk_reg_purchases"),
        schema="kontora",
    )
    op.create_index(
        "ix_reg_purchases_key_period",
        "reg_purchases",
        ["partner_id", "counterparty_id", "product_id", "period"],
        unique=False,
        schema="kontora",
    )
    op.create_table(
        "reg_purchases_totals",
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("partner_id", sa.BigInteger(), nullable=False),
        sa.Column("counterparty_id", sa.BigInteger(), nullable=False),
        sa.Column("product_id", sa.BigInteger(), nullable=False),
        sa.Column("quantity", sa.Numeric(), nullable=False),
        sa.Column("amount", sa.Numeric(), nullable=False),
        sa.Column("vat_amount", sa.Numeric(), nullable=False),
        sa.CheckConstraint(
            "abs(amount) < 10000000000000000 AND amount = trunc(amount, 2)",
            name="ck_reg_purchases_totals_amount_exact",
        ),
        sa.CheckConstraint(
            "abs(quantity) < 1000000000000000 AND quantity = trunc(quantity, 3)",
            name="ck_reg_purchases_totals_quantity_exact",
        ),
        sa.CheckConstraint(
            "abs(vat_amount) < 10000000000000000 AND vat_amount = trunc(vat_amount, 2)",
            name="ck_reg_purchases_totals_vat_amount_exact",
        ),
        sa.PrimaryKeyConstraint(
            "partner_id", "counterparty_id", "product_id", "month", name="pk_reg_purchases_totals"
        ),
        schema="kontora",
    )
    op.create_table(
        "reg_supplier_settlements",
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
            name="ck_reg_supplier_settlements_amount_exact",
        ),
        sa.PrimaryKeyConstraint(
            "recorder_type", "recorder_id", "line_no", name="pk_reg_supplier_settlements"
        ),
        schema="kontora",
    )
    op.create_index(
        "ix_reg_supplier_settlements_key_period",
        "reg_supplier_settlements",
        ["partner_id", "counterparty_id", "order_id", "period"],
        unique=False,
        schema="kontora",
    )
    op.create_table(
        "reg_supplier_settlements_balance",
        sa.Column("partner_id", sa.BigInteger(), nullable=False),
        sa.Column("counterparty_id", sa.BigInteger(), nullable=False),
        sa.Column("order_id", sa.BigInteger(), nullable=False),
        sa.Column("amount", sa.Numeric(), nullable=False),
        sa.CheckConstraint(
            "abs(amount) < 10000000000000000 AND amount = trunc(amount, 2)",
            name="ck_reg_supplier_settlements_balance_amount_exact",
        ),
        sa.PrimaryKeyConstraint(
            "partner_id", "counterparty_id", "order_id", name="pk_reg_supplier_settlements_balance"
        ),
        schema="kontora",
    )
    op.create_table(
        "reg_supplier_settlements_totals",
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("partner_id", sa.BigInteger(), nullable=False),
        sa.Column("counterparty_id", sa.BigInteger(), nullable=False),
        sa.Column("order_id", sa.BigInteger(), nullable=False),
        sa.Column("amount", sa.Numeric(), nullable=False),
        sa.CheckConstraint(
            "abs(amount) < 10000000000000000 AND amount = trunc(amount, 2)",
            name="ck_reg_supplier_settlements_totals_amount_exact",
        ),
        sa.PrimaryKeyConstraint(
            "partner_id",
            "counterparty_id",
            "order_id",
            "month",
            name="pk_reg_supplier_settlements_totals",
        ),
        schema="kontora",
    )
    op.create_table(
        "doc_purchase_order",
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
        sa.Column("expected_date", sa.Date(), nullable=True),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("vat_included", sa.Boolean(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "status IN ('draft', 'confirmed', 'closed')", name="ck_doc_purchase_order_status_choice"
        ),
        sa.CheckConstraint(
            "char_length(comment) <= 2000", name="ck_doc_purchase_order_comment_len"
        ),
        sa.CheckConstraint(
            "char_length(number) BETWEEN 1 AND 30", name="ck_doc_purchase_order_number_len"
        ),
        sa.ForeignKeyConstraint(
            ["counterparty_id"], ["kontora.cat_counterparties.id"], ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"], ["kontora.cat_organizations.id"], ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(["partner_id"], ["kontora.cat_partners.id"], ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(
            ["warehouse_id"], ["kontora.cat_warehouses.id"], ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("client_key", name="uq_doc_purchase_order_client_key"),
        sa.UniqueConstraint(
            "organization_id", "number_year", "number", name="uq_doc_purchase_order_number"
        ),
        schema="kontora",
    )
    op.create_index(
        "ix_doc_purchase_order_date",
        "doc_purchase_order",
        ["date", "id"],
        unique=False,
        schema="kontora",
    )
    op.create_table(
        "doc_supplier_payment",
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
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("amount", sa.Numeric(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.CheckConstraint("kind IN ('bank', 'cash')", name="ck_doc_supplier_payment_kind_choice"),
        sa.CheckConstraint(
            "abs(amount) < 10000000000000 AND amount = trunc(amount, 2)",
            name="ck_doc_supplier_payment_amount_exact",
        ),
        sa.CheckConstraint("amount > 0", name="ck_doc_supplier_payment_amount_positive"),
        sa.CheckConstraint(
            "char_length(comment) <= 2000", name="ck_doc_supplier_payment_comment_len"
        ),
        sa.CheckConstraint(
            "char_length(number) BETWEEN 1 AND 30", name="ck_doc_supplier_payment_number_len"
        ),
        sa.ForeignKeyConstraint(
            ["counterparty_id"], ["kontora.cat_counterparties.id"], ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"], ["kontora.cat_organizations.id"], ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(["partner_id"], ["kontora.cat_partners.id"], ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("client_key", name="uq_doc_supplier_payment_client_key"),
        sa.UniqueConstraint(
            "organization_id", "number_year", "number", name="uq_doc_supplier_payment_number"
        ),
        schema="kontora",
    )
    op.create_index(
        "ix_doc_supplier_payment_date",
        "doc_supplier_payment",
        ["date", "id"],
        unique=False,
        schema="kontora",
    )
    op.create_table(
        "doc_purchase_order_lines",
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
            name="ck_doc_purchase_order_lines_amount_exact",
        ),
        sa.CheckConstraint(
            "abs(discount) < 1000000000000 AND discount = trunc(discount, 3)",
            name="ck_doc_purchase_order_lines_discount_exact",
        ),
        sa.CheckConstraint(
            "abs(price) < 10000000000000 AND price = trunc(price, 2)",
            name="ck_doc_purchase_order_lines_price_exact",
        ),
        sa.CheckConstraint(
            "abs(quantity) < 1000000000000 AND quantity = trunc(quantity, 3)",
            name="ck_doc_purchase_order_lines_quantity_exact",
        ),
        sa.CheckConstraint(
            "abs(vat_amount) < 10000000000000 AND vat_amount = trunc(vat_amount, 2)",
            name="ck_doc_purchase_order_lines_vat_amount_exact",
        ),
        sa.CheckConstraint(
            "abs(vat_rate) < 1000000000000 AND vat_rate = trunc(vat_rate, 3)",
            name="ck_doc_purchase_order_lines_vat_rate_exact",
        ),
        sa.CheckConstraint("amount >= 0", name="ck_doc_purchase_order_lines_amount_nonnegative"),
        sa.CheckConstraint("discount <= 100", name="ck_doc_purchase_order_lines_discount_maximum"),
        sa.CheckConstraint(
            "discount >= 0", name="ck_doc_purchase_order_lines_discount_nonnegative"
        ),
        sa.CheckConstraint("price >= 0", name="ck_doc_purchase_order_lines_price_nonnegative"),
        sa.CheckConstraint("quantity > 0", name="ck_doc_purchase_order_lines_quantity_positive"),
        sa.CheckConstraint(
            "vat_amount >= 0", name="ck_doc_purchase_order_lines_vat_amount_nonnegative"
        ),
        sa.CheckConstraint("vat_rate <= 100", name="ck_doc_purchase_order_lines_vat_rate_maximum"),
        sa.CheckConstraint(
            "vat_rate >= 0", name="ck_doc_purchase_order_lines_vat_rate_nonnegative"
        ),
        sa.ForeignKeyConstraint(["doc_id"], ["kontora.doc_purchase_order.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["product_id"], ["kontora.cat_products.id"], ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("doc_id", "line_no", name="pk_doc_purchase_order_lines"),
        schema="kontora",
    )
    op.create_table(
        "doc_supplier_payment_orders",
        sa.Column("doc_id", sa.BigInteger(), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.BigInteger(), nullable=False),
        sa.Column("amount", sa.Numeric(), nullable=False),
        sa.CheckConstraint(
            "abs(amount) < 10000000000000 AND amount = trunc(amount, 2)",
            name="ck_doc_supplier_payment_orders_amount_exact",
        ),
        sa.CheckConstraint("amount > 0", name="ck_doc_supplier_payment_orders_amount_positive"),
        sa.ForeignKeyConstraint(
            ["doc_id"], ["kontora.doc_supplier_payment.id"], ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["order_id"], ["kontora.doc_purchase_order.id"], ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("doc_id", "line_no", name="pk_doc_supplier_payment_orders"),
        schema="kontora",
    )
    _receipt_columns()
    _receipt_movements()


def _receipt_columns() -> None:
    op.add_column("doc_goods_receipt", sa.Column("order_id", sa.BigInteger()), schema=S)
    op.add_column("doc_goods_receipt", sa.Column("partner_id", sa.BigInteger()), schema=S)
    op.add_column("doc_goods_receipt", sa.Column("vat_included", sa.Boolean()), schema=S)
    for col, target in (("partner_id", "cat_partners"), ("order_id", "doc_purchase_order")):
        op.create_foreign_key(
            f"doc_goods_receipt_{col}_fkey",
            "doc_goods_receipt",
            target,
            [col],
            ["id"],
            source_schema=S,
            referent_schema=S,
            ondelete="RESTRICT",
        )
    for col, (low, high, scale) in _LINE_CHECKS.items():
        op.add_column(LINES, sa.Column(col, sa.Numeric()), schema=S)
        limit = "10000000000000" if scale == 2 else "1000000000000"
        op.create_check_constraint(
            f"ck_{LINES}_{col}_exact",
            LINES,
            f"abs({col}) < {limit} AND {col} = trunc({col}, {scale})",
            schema=S,
        )
        op.create_check_constraint(f"ck_{LINES}_{col}_nonnegative", LINES, low, schema=S)
        if high:
            op.create_check_constraint(f"ck_{LINES}_{col}_maximum", LINES, high, schema=S)
    op.execute(f"UPDATE {S}.doc_goods_receipt SET vat_included = false")


def _receipt_movements() -> None:
    """Receipts posted before: what we owe the supplier and what we bought, line by line, as
    their posting now writes it (no VAT was recorded, no order)."""
    lines = f"""
        FROM {S}.doc_goods_receipt h JOIN {S}.cat_counterparties c ON c.id = h.supplier_id
        JOIN {S}.{LINES} l ON l.doc_id = h.id WHERE h.posted"""
    op.execute(f"""
        INSERT INTO {S}.reg_supplier_settlements
            (recorder_type, recorder_id, line_no, period, partner_id, counterparty_id, order_id,
             amount)
        SELECT 'goods_receipt', h.id, l.line_no, h.date, c.partner_id, h.supplier_id, 0,
               coalesce(l.amount, 0){lines}""")
    op.execute(f"""
        INSERT INTO {S}.reg_purchases
            (recorder_type, recorder_id, line_no, period, partner_id, counterparty_id,
             product_id, quantity, amount, vat_amount)
        SELECT 'goods_receipt', h.id, l.line_no, h.date, c.partner_id, h.supplier_id,
               l.product_id, l.quantity, coalesce(l.amount, 0), 0{lines}""")
    for reg, dims, res in (
        ("supplier_settlements", "partner_id, counterparty_id, order_id", "sum(amount)"),
        (
            "purchases",
            "partner_id, counterparty_id, product_id",
            "sum(quantity), sum(amount), sum(vat_amount)",
        ),
    ):
        op.execute(f"""
            INSERT INTO {S}.reg_{reg}_totals (month, {dims}, {res.replace("sum(", "").replace(")", "")})
            SELECT date_trunc('month', period)::date, {dims}, {res}
            FROM {S}.reg_{reg} GROUP BY 1, {dims}""")
    op.execute(f"""
        INSERT INTO {S}.reg_supplier_settlements_balance (partner_id, counterparty_id, order_id, amount)
        SELECT partner_id, counterparty_id, order_id, sum(amount)
        FROM {S}.reg_supplier_settlements GROUP BY 1, 2, 3""")


def downgrade() -> None:
    for doc in ("purchase_order", "supplier_payment"):
        op.execute(f"DROP SEQUENCE {S}.doc_{doc}_number_seq")
    for col in _LINE_CHECKS:
        op.drop_column(LINES, col, schema=S)
    for col in ("vat_included", "partner_id", "order_id"):
        op.drop_column("doc_goods_receipt", col, schema=S)
    op.drop_table("doc_supplier_payment_orders", schema="kontora")
    op.drop_table("doc_purchase_order_lines", schema="kontora")
    op.drop_index(
        "ix_doc_supplier_payment_date", table_name="doc_supplier_payment", schema="kontora"
    )
    op.drop_table("doc_supplier_payment", schema="kontora")
    op.drop_index("ix_doc_purchase_order_date", table_name="doc_purchase_order", schema="kontora")
    op.drop_table("doc_purchase_order", schema="kontora")
    op.drop_table("reg_supplier_settlements_totals", schema="kontora")
    op.drop_table("reg_supplier_settlements_balance", schema="kontora")
    op.drop_index(
        "ix_reg_supplier_settlements_key_period",
        table_name="reg_supplier_settlements",
        schema="kontora",
    )
    op.drop_table("reg_supplier_settlements", schema="kontora")
    op.drop_table("reg_purchases_totals", schema="kontora")
    op.drop_index("ix_reg_purchases_key_period", table_name="reg_purchases", schema="kontora")
    op.drop_table("reg_purchases", schema="kontora")
    op.drop_table("reg_goods_expected_totals", schema="kontora")
    op.drop_table("reg_goods_expected_balance", schema="kontora")
    op.drop_index(
        "ix_reg_goods_expected_key_period", table_name="reg_goods_expected", schema="kontora"
    )
    op.drop_table("reg_goods_expected", schema="kontora")
