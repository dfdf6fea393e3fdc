"""document number domains: a document's number columns are checked by domains, not CHECKs

Revision ID: 0032
Revises: 0031
Create Date: 2026-12-01

Each number column of a document's header and lines (quantities, prices, amounts, rates)
refuses NaN, ±Infinity, too large values and too many decimals, and — by its declaration —
zero, negative values or more than 100. As CHECKs on the table, their expressions were read
back from their stored text and planned again by every statement writing the table (a
shipment's 14 line CHECKs: 5 % of its save and post); as checks of a domain of its own
(``<table>__<column>``: a refusal still names the table and column) they are prepared once per
connection. The checks keep their names (``ck_<table>_<column>_<rule>``). The columns change
type without a rewrite (a domain over numeric with no check yet), then the domains get their
checks, which read every row once.
"""

from alembic import op

revision = "0032"
down_revision = "0031"
branch_labels = None
depends_on = None

S = "kontora"
_QTY = "abs(VALUE) < 1000000000000 AND VALUE = trunc(VALUE, 3)"
_MONEY = "abs(VALUE) < 10000000000000 AND VALUE = trunc(VALUE, 2)"
QTY = {"exact": _QTY}
QTY_POSITIVE = {"exact": _QTY, "positive": "VALUE > 0"}
QTY_NONNEGATIVE = {"exact": _QTY, "nonnegative": "VALUE >= 0"}
PERCENT = {"exact": _QTY, "nonnegative": "VALUE >= 0", "maximum": "VALUE <= 100"}
MONEY = {"exact": _MONEY}
MONEY_POSITIVE = {"exact": _MONEY, "positive": "VALUE > 0"}
MONEY_NONNEGATIVE = {"exact": _MONEY, "nonnegative": "VALUE >= 0"}
# a trade document's lines (quantity, price, discount, amount, VAT rate and amount)
TRADE_LINES = {
    "quantity": QTY_POSITIVE,
    "price": MONEY_NONNEGATIVE,
    "discount": PERCENT,
    "amount": MONEY_NONNEGATIVE,
    "vat_rate": PERCENT,
    "vat_amount": MONEY_NONNEGATIVE,
}
# table -> its number columns and their checks, at this revision
TABLES = {
    "doc_claim_goods": {"quantity": QTY_NONNEGATIVE},
    "doc_purchase_order_lines": TRADE_LINES,
    "doc_goods_receipt_lines": TRADE_LINES,
    "doc_opening_stock_lines": {"quantity": QTY_POSITIVE, "cost": MONEY_NONNEGATIVE},
    "doc_write_off_lines": {"quantity": QTY_POSITIVE},
    "doc_stock_transfer_lines": {"quantity": QTY_POSITIVE},
    "doc_stock_count_lines": {
        "book_quantity": QTY_NONNEGATIVE,
        "counted_quantity": QTY_NONNEGATIVE,
        "difference": QTY,
    },
    "doc_commercial_offer_lines": TRADE_LINES,
    "doc_sales_order_lines": {**TRADE_LINES, "reserve": QTY_NONNEGATIVE},
    "doc_sales_shipment_lines": TRADE_LINES,
    "doc_sales_return_lines": TRADE_LINES,
    "doc_customer_payment": {"amount": MONEY_POSITIVE},
    "doc_customer_payment_orders": {"amount": MONEY_POSITIVE},
    "doc_supplier_payment": {"amount": MONEY_POSITIVE},
    "doc_supplier_payment_orders": {"amount": MONEY_POSITIVE},
    "doc_payroll_sheet_accruals": {
        "hours": QTY_NONNEGATIVE,
        "rate": MONEY_NONNEGATIVE,
        "base": MONEY,
        "percent": PERCENT,
        "amount": MONEY,
    },
    "doc_payroll_sheet_deductions": {"base": MONEY, "rate": PERCENT, "amount": MONEY},
    "doc_payroll_sheet_employees": {"accrued": MONEY, "deducted": MONEY, "net": MONEY},
    "doc_salary_payment_lines": {"amount": MONEY_POSITIVE},
}


def _columns():
    for table, columns in TABLES.items():
        for column, checks in columns.items():
            yield table, column, f"{S}.{table}__{column}", checks


def upgrade() -> None:
    for table, column, domain, checks in _columns():
        op.execute(f"CREATE DOMAIN {domain} AS numeric")
        for rule in checks:
            op.execute(f"ALTER TABLE {S}.{table} DROP CONSTRAINT ck_{table}_{column}_{rule}")
        op.execute(f"ALTER TABLE {S}.{table} ALTER COLUMN {column} TYPE {domain}")
    for table, column, domain, checks in _columns():
        for rule, expr in checks.items():
            op.execute(
                f"ALTER DOMAIN {domain} ADD CONSTRAINT ck_{table}_{column}_{rule} CHECK ({expr})"
            )


def downgrade() -> None:
    for table, column, domain, checks in _columns():
        op.execute(f"ALTER TABLE {S}.{table} ALTER COLUMN {column} TYPE numeric")
        for rule, expr in checks.items():
            op.execute(
                f"ALTER TABLE {S}.{table} ADD CONSTRAINT ck_{table}_{column}_{rule} "
                f"CHECK ({expr.replace('VALUE', column)})"
            )
        op.execute(f"DROP DOMAIN {domain}")
