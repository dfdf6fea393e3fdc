"""posting: monthly totals and balances carry no exactness CHECKs

Revision ID: 0022
Revises: 0015
Create Date: 2026-11-30

Totals and balances are sums of movements that are checked themselves (NaN, ±Infinity, too
large, too many decimals), and only posting writes them. Their CHECKs were evaluated for every
row a posting changes and prepared anew for every statement that writes them: about a tenth of
a posting's server time (README, Performance). The non-negative CHECKs of balances stay.
"""

from alembic import op

revision = "0022"
down_revision = "0015"
branch_labels = None
depends_on = None

S = "kontora"
# (table, column, the CHECK it had) — server/metadata/fields.py numeric_checks
CHECKS = (
    (
        "reg_stock_totals",
        "quantity",
        "abs(quantity) < 1000000000000000 AND quantity = trunc(quantity, 3)",
    ),
    ("reg_stock_totals", "cost", "abs(cost) < 10000000000000000 AND cost = trunc(cost, 2)"),
    (
        "reg_stock_balance",
        "quantity",
        "abs(quantity) < 1000000000000000 AND quantity = trunc(quantity, 3)",
    ),
    ("reg_stock_balance", "cost", "abs(cost) < 10000000000000000 AND cost = trunc(cost, 2)"),
    (
        "reg_sales_totals",
        "quantity",
        "abs(quantity) < 1000000000000000 AND quantity = trunc(quantity, 3)",
    ),
    ("reg_sales_totals", "amount", "abs(amount) < 10000000000000000 AND amount = trunc(amount, 2)"),
    (
        "reg_sales_totals",
        "vat_amount",
        "abs(vat_amount) < 10000000000000000 AND vat_amount = trunc(vat_amount, 2)",
    ),
    ("reg_sales_totals", "cost", "abs(cost) < 10000000000000000 AND cost = trunc(cost, 2)"),
    (
        "reg_expenses_totals",
        "amount",
        "abs(amount) < 10000000000000000 AND amount = trunc(amount, 2)",
    ),
    (
        "reg_goods_expected_totals",
        "quantity",
        "abs(quantity) < 1000000000000000 AND quantity = trunc(quantity, 3)",
    ),
    (
        "reg_goods_expected_balance",
        "quantity",
        "abs(quantity) < 1000000000000000 AND quantity = trunc(quantity, 3)",
    ),
    (
        "reg_supplier_settlements_totals",
        "amount",
        "abs(amount) < 10000000000000000 AND amount = trunc(amount, 2)",
    ),
    (
        "reg_supplier_settlements_balance",
        "amount",
        "abs(amount) < 10000000000000000 AND amount = trunc(amount, 2)",
    ),
    (
        "reg_purchases_totals",
        "quantity",
        "abs(quantity) < 1000000000000000 AND quantity = trunc(quantity, 3)",
    ),
    (
        "reg_purchases_totals",
        "amount",
        "abs(amount) < 10000000000000000 AND amount = trunc(amount, 2)",
    ),
    (
        "reg_purchases_totals",
        "vat_amount",
        "abs(vat_amount) < 10000000000000000 AND vat_amount = trunc(vat_amount, 2)",
    ),
    (
        "reg_customer_orders_totals",
        "quantity",
        "abs(quantity) < 1000000000000000 AND quantity = trunc(quantity, 3)",
    ),
    (
        "reg_customer_orders_totals",
        "amount",
        "abs(amount) < 10000000000000000 AND amount = trunc(amount, 2)",
    ),
    (
        "reg_customer_orders_balance",
        "quantity",
        "abs(quantity) < 1000000000000000 AND quantity = trunc(quantity, 3)",
    ),
    (
        "reg_customer_orders_balance",
        "amount",
        "abs(amount) < 10000000000000000 AND amount = trunc(amount, 2)",
    ),
    (
        "reg_reserves_totals",
        "quantity",
        "abs(quantity) < 1000000000000000 AND quantity = trunc(quantity, 3)",
    ),
    (
        "reg_reserves_balance",
        "quantity",
        "abs(quantity) < 1000000000000000 AND quantity = trunc(quantity, 3)",
    ),
    (
        "reg_free_stock_totals",
        "quantity",
        "abs(quantity) < 1000000000000000 AND quantity = trunc(quantity, 3)",
    ),
    (
        "reg_free_stock_balance",
        "quantity",
        "abs(quantity) < 1000000000000000 AND quantity = trunc(quantity, 3)",
    ),
    (
        "reg_customer_settlements_totals",
        "amount",
        "abs(amount) < 10000000000000000 AND amount = trunc(amount, 2)",
    ),
    (
        "reg_customer_settlements_balance",
        "amount",
        "abs(amount) < 10000000000000000 AND amount = trunc(amount, 2)",
    ),
    (
        "reg_payroll_totals",
        "accrued",
        "abs(accrued) < 10000000000000000 AND accrued = trunc(accrued, 2)",
    ),
    (
        "reg_payroll_totals",
        "deducted",
        "abs(deducted) < 10000000000000000 AND deducted = trunc(deducted, 2)",
    ),
    (
        "reg_employee_settlements_totals",
        "amount",
        "abs(amount) < 10000000000000000 AND amount = trunc(amount, 2)",
    ),
    (
        "reg_employee_settlements_balance",
        "amount",
        "abs(amount) < 10000000000000000 AND amount = trunc(amount, 2)",
    ),
)


def upgrade() -> None:
    for table, column, _ in CHECKS:
        op.drop_constraint(f"ck_{table}_{column}_exact", table, schema=S, type_="check")


def downgrade() -> None:
    for table, column, expr in CHECKS:
        op.create_check_constraint(f"ck_{table}_{column}_exact", table, expr, schema=S)
