"""payroll: people, employment, work calendar, accrual and deduction types, employee terms,
payroll sheets and salary payments with their registers

Revision ID: 0015
Revises: 0018
Create Date: 2026-11-30

Payroll and HR (server/config/payroll.py, server/config/documents/payroll_sheet.py and
salary_payment.py). Generated from the declarations (tests/test_metadata.py compares them).
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0018"
branch_labels = None
depends_on = None

S = "kontora"
TABLES = (
    "doc_salary_payment_lines",
    "doc_salary_payment",
    "doc_payroll_sheet_lines",
    "doc_payroll_sheet",
    "reg_employee_settlements_balance",
    "reg_employee_settlements_totals",
    "reg_employee_settlements",
    "reg_payroll_totals",
    "reg_payroll",
    "inf_employee_terms",
    "inf_work_calendar",
    "cat_deduction_types",
    "cat_accrual_types",
    "cat_employees",
    "cat_positions",
    "cat_departments",
    "cat_individuals",
)


def upgrade() -> None:
    op.create_table(
        "cat_individuals",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("code", sa.Text(), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("deletion_mark", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.Column("client_key", sa.UUID(), nullable=True),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("tax_id", sa.Text(), nullable=True),
        sa.Column("phone", sa.Text(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.CheckConstraint("btrim(name) <> ''", name="ck_cat_individuals_name_nonempty"),
        sa.CheckConstraint("char_length(code) <= 20", name="ck_cat_individuals_code_len"),
        sa.CheckConstraint("char_length(comment) <= 2000", name="ck_cat_individuals_comment_len"),
        sa.CheckConstraint("char_length(name) <= 150", name="ck_cat_individuals_name_len"),
        sa.CheckConstraint("char_length(phone) <= 50", name="ck_cat_individuals_phone_len"),
        sa.CheckConstraint("char_length(tax_id) <= 12", name="ck_cat_individuals_tax_id_len"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("client_key", name="uq_cat_individuals_client_key"),
        schema="kontora",
    )
    op.create_index(
        "ix_cat_individuals_name", "cat_individuals", ["name"], unique=False, schema="kontora"
    )
    op.create_index(
        "ix_cat_individuals_tax_id", "cat_individuals", ["tax_id"], unique=False, schema="kontora"
    )
    op.create_table(
        "cat_departments",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("code", sa.Text(), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("deletion_mark", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.Column("client_key", sa.UUID(), nullable=True),
        sa.Column("organization_id", sa.BigInteger(), nullable=True),
        sa.CheckConstraint("btrim(name) <> ''", name="ck_cat_departments_name_nonempty"),
        sa.CheckConstraint("char_length(code) <= 20", name="ck_cat_departments_code_len"),
        sa.CheckConstraint("char_length(name) <= 150", name="ck_cat_departments_name_len"),
        sa.ForeignKeyConstraint(
            ["organization_id"], ["kontora.cat_organizations.id"], ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("client_key", name="uq_cat_departments_client_key"),
        schema="kontora",
    )
    op.create_index(
        "ix_cat_departments_name", "cat_departments", ["name"], unique=False, schema="kontora"
    )
    op.create_table(
        "cat_positions",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("code", sa.Text(), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("deletion_mark", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.Column("client_key", sa.UUID(), nullable=True),
        sa.CheckConstraint("btrim(name) <> ''", name="ck_cat_positions_name_nonempty"),
        sa.CheckConstraint("char_length(code) <= 20", name="ck_cat_positions_code_len"),
        sa.CheckConstraint("char_length(name) <= 150", name="ck_cat_positions_name_len"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("client_key", name="uq_cat_positions_client_key"),
        schema="kontora",
    )
    op.create_index(
        "ix_cat_positions_name", "cat_positions", ["name"], unique=False, schema="kontora"
    )
    op.create_table(
        "cat_employees",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("code", sa.Text(), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("deletion_mark", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.Column("client_key", sa.UUID(), nullable=True),
        sa.Column("individual_id", sa.BigInteger(), nullable=False),
        sa.Column("organization_id", sa.BigInteger(), nullable=False),
        sa.Column("department_id", sa.BigInteger(), nullable=False),
        sa.Column("position_id", sa.BigInteger(), nullable=True),
        sa.Column("hire_date", sa.Date(), nullable=False),
        sa.Column("termination_date", sa.Date(), nullable=True),
        sa.CheckConstraint("btrim(name) <> ''", name="ck_cat_employees_name_nonempty"),
        sa.CheckConstraint("char_length(code) <= 20", name="ck_cat_employees_code_len"),
        sa.CheckConstraint("char_length(name) <= 150", name="ck_cat_employees_name_len"),
        sa.ForeignKeyConstraint(
            ["department_id"], ["kontora.cat_departments.id"], ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["individual_id"], ["kontora.cat_individuals.id"], ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"], ["kontora.cat_organizations.id"], ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(["position_id"], ["kontora.cat_positions.id"], ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("client_key", name="uq_cat_employees_client_key"),
        schema="kontora",
    )
    op.create_index(
        "ix_cat_employees_name", "cat_employees", ["name"], unique=False, schema="kontora"
    )
    op.create_table(
        "cat_accrual_types",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("code", sa.Text(), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("deletion_mark", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.Column("client_key", sa.UUID(), nullable=True),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.CheckConstraint("btrim(name) <> ''", name="ck_cat_accrual_types_name_nonempty"),
        sa.CheckConstraint(
            "kind IN ('salary', 'hourly', 'fixed_bonus', 'percent_bonus')",
            name="ck_cat_accrual_types_kind_choice",
        ),
        sa.CheckConstraint("char_length(code) <= 20", name="ck_cat_accrual_types_code_len"),
        sa.CheckConstraint("char_length(name) <= 150", name="ck_cat_accrual_types_name_len"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("client_key", name="uq_cat_accrual_types_client_key"),
        schema="kontora",
    )
    op.create_index(
        "ix_cat_accrual_types_name", "cat_accrual_types", ["name"], unique=False, schema="kontora"
    )
    op.create_table(
        "cat_deduction_types",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("code", sa.Text(), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("deletion_mark", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.Column("client_key", sa.UUID(), nullable=True),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("rate", sa.Numeric(), nullable=True),
        sa.Column("rounding", sa.Text(), nullable=False),
        sa.CheckConstraint("btrim(name) <> ''", name="ck_cat_deduction_types_name_nonempty"),
        sa.CheckConstraint(
            "kind IN ('income_tax', 'other')", name="ck_cat_deduction_types_kind_choice"
        ),
        sa.CheckConstraint(
            "rounding IN ('rouble', 'kopeck')", name="ck_cat_deduction_types_rounding_choice"
        ),
        sa.CheckConstraint(
            "abs(rate) < 1000000000000 AND rate = trunc(rate, 3)",
            name="ck_cat_deduction_types_rate_exact",
        ),
        sa.CheckConstraint("char_length(code) <= 20", name="ck_cat_deduction_types_code_len"),
        sa.CheckConstraint("char_length(name) <= 150", name="ck_cat_deduction_types_name_len"),
        sa.CheckConstraint("rate <= 100", name="ck_cat_deduction_types_rate_maximum"),
        sa.CheckConstraint("rate >= 0", name="ck_cat_deduction_types_rate_nonnegative"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("client_key", name="uq_cat_deduction_types_client_key"),
        schema="kontora",
    )
    op.create_index(
        "ix_cat_deduction_types_name",
        "cat_deduction_types",
        ["name"],
        unique=False,
        schema="kontora",
    )
    op.create_table(
        "inf_work_calendar",
        sa.Column("period", sa.Date(), nullable=False),
        sa.Column("working", sa.Boolean(), nullable=True),
        sa.Column("hours", sa.Numeric(), nullable=True),
        sa.CheckConstraint(
            "abs(hours) < 1000000000000 AND hours = trunc(hours, 3)",
            name="ck_inf_work_calendar_hours_exact",
        ),
        sa.CheckConstraint("hours <= 24", name="ck_inf_work_calendar_hours_maximum"),
        sa.CheckConstraint("hours >= 0", name="ck_inf_work_calendar_hours_nonnegative"),
        sa.PrimaryKeyConstraint("period", name="pk_inf_work_calendar"),
        schema="kontora",
    )
    op.create_table(
        "inf_employee_terms",
        sa.Column("period", sa.Date(), nullable=False),
        sa.Column("employee_id", sa.BigInteger(), nullable=False),
        sa.Column("accrual_type_id", sa.BigInteger(), nullable=False),
        sa.Column("amount", sa.Numeric(), nullable=True),
        sa.Column("percent", sa.Numeric(), nullable=True),
        sa.CheckConstraint(
            "abs(amount) < 10000000000000 AND amount = trunc(amount, 2)",
            name="ck_inf_employee_terms_amount_exact",
        ),
        sa.CheckConstraint(
            "abs(percent) < 1000000000000 AND percent = trunc(percent, 3)",
            name="ck_inf_employee_terms_percent_exact",
        ),
        sa.CheckConstraint("amount >= 0", name="ck_inf_employee_terms_amount_nonnegative"),
        sa.CheckConstraint("percent <= 100", name="ck_inf_employee_terms_percent_maximum"),
        sa.CheckConstraint("percent >= 0", name="ck_inf_employee_terms_percent_nonnegative"),
        sa.ForeignKeyConstraint(
            ["accrual_type_id"], ["kontora.cat_accrual_types.id"], ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(["employee_id"], ["kontora.cat_employees.id"], ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint(
            "employee_id", "accrual_type_id", "period", name="pk_inf_employee_terms"
        ),
        schema="kontora",
    )
    op.create_table(
        "reg_payroll",
        sa.Column("recorder_type", sa.Text(), nullable=False),
        sa.Column("recorder_id", sa.BigInteger(), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("period", sa.DateTime(), nullable=False),
        sa.Column("employee_id", sa.BigInteger(), nullable=False),
        sa.Column("department_id", sa.BigInteger(), nullable=False),
        sa.Column("accrual_type_id", sa.BigInteger(), nullable=False),
        sa.Column("deduction_type_id", sa.BigInteger(), nullable=False),
        sa.Column("accrued", sa.Numeric(), nullable=False),
        sa.Column("deducted", sa.Numeric(), nullable=False),
        sa.CheckConstraint(
            "abs(accrued) < 10000000000000000 AND accrued = trunc(accrued, 2)",
            name="ck_reg_payroll_accrued_exact",
        ),
        sa.CheckConstraint(
            "abs(deducted) < 10000000000000000 AND deducted = trunc(deducted, 2)",
            name="ck_reg_payroll_deducted_exact",
        ),
        sa.PrimaryKeyConstraint("recorder_type", "recorder_id", "line_no", name="pk_reg_payroll"),
        schema="kontora",
    )
    op.create_index(
        "ix_reg_payroll_key_period",
        "reg_payroll",
        ["employee_id", "department_id", "accrual_type_id", "deduction_type_id", "period"],
        unique=False,
        schema="kontora",
    )
    op.create_index(
        "ix_reg_payroll_period", "reg_payroll", ["period"], unique=False, schema="kontora"
    )
    op.create_table(
        "reg_payroll_totals",
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("employee_id", sa.BigInteger(), nullable=False),
        sa.Column("department_id", sa.BigInteger(), nullable=False),
        sa.Column("accrual_type_id", sa.BigInteger(), nullable=False),
        sa.Column("deduction_type_id", sa.BigInteger(), nullable=False),
        sa.Column("accrued", sa.Numeric(), nullable=False),
        sa.Column("deducted", sa.Numeric(), nullable=False),
        sa.CheckConstraint(
            "abs(accrued) < 10000000000000000 AND accrued = trunc(accrued, 2)",
            name="ck_reg_payroll_totals_accrued_exact",
        ),
        sa.CheckConstraint(
            "abs(deducted) < 10000000000000000 AND deducted = trunc(deducted, 2)",
            name="ck_reg_payroll_totals_deducted_exact",
        ),
        sa.PrimaryKeyConstraint(
            "employee_id",
            "department_id",
            "accrual_type_id",
            "deduction_type_id",
            "month",
            name="pk_reg_payroll_totals",
        ),
        schema="kontora",
    )
    op.create_index(
        "ix_reg_payroll_totals_month",
        "reg_payroll_totals",
        ["month"],
        unique=False,
        schema="kontora",
    )
    op.create_table(
        "reg_employee_settlements",
        sa.Column("recorder_type", sa.Text(), nullable=False),
        sa.Column("recorder_id", sa.BigInteger(), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("period", sa.DateTime(), nullable=False),
        sa.Column("employee_id", sa.BigInteger(), nullable=False),
        sa.Column("amount", sa.Numeric(), nullable=False),
        sa.CheckConstraint(
            "abs(amount) < 10000000000000000 AND amount = trunc(amount, 2)",
            name="ck_reg_employee_settlements_amount_exact",
        ),
        sa.PrimaryKeyConstraint(
            "recorder_type", "recorder_id", "line_no", name="pk_reg_employee_settlements"
        ),
        schema="kontora",
    )
    op.create_index(
        "ix_reg_employee_settlements_key_period",
        "reg_employee_settlements",
        ["employee_id", "period"],
        unique=False,
        schema="kontora",
    )
    op.create_index(
        "ix_reg_employee_settlements_period",
        "reg_employee_settlements",
        ["period"],
        unique=False,
        schema="kontora",
    )
    op.create_table(
        "reg_employee_settlements_totals",
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("employee_id", sa.BigInteger(), nullable=False),
        sa.Column("amount", sa.Numeric(), nullable=False),
        sa.CheckConstraint(
            "abs(amount) < 10000000000000000 AND amount = trunc(amount, 2)",
            name="ck_reg_employee_settlements_totals_amount_exact",
        ),
        sa.PrimaryKeyConstraint("employee_id", "month", name="pk_reg_employee_settlements_totals"),
        schema="kontora",
    )
    op.create_index(
        "ix_reg_employee_settlements_totals_month",
        "reg_employee_settlements_totals",
        ["month"],
        unique=False,
        schema="kontora",
    )
    op.create_table(
        "reg_employee_settlements_balance",
        sa.Column("employee_id", sa.BigInteger(), nullable=False),
        sa.Column("amount", sa.Numeric(), nullable=False),
        sa.CheckConstraint(
            "abs(amount) < 10000000000000000 AND amount = trunc(amount, 2)",
            name="ck_reg_employee_settlements_balance_amount_exact",
        ),
        sa.CheckConstraint(
            "amount >= 0", name="ck_reg_employee_settlements_balance_amount_nonnegative"
        ),
        sa.PrimaryKeyConstraint("employee_id", name="pk_reg_employee_settlements_balance"),
        schema="kontora",
    )
    op.create_table(
        "doc_payroll_sheet",
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
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("department_id", sa.BigInteger(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.CheckConstraint("char_length(comment) <= 2000", name="ck_doc_payroll_sheet_comment_len"),
        sa.CheckConstraint(
            "char_length(number) BETWEEN 1 AND 30", name="ck_doc_payroll_sheet_number_len"
        ),
        sa.ForeignKeyConstraint(
            ["department_id"], ["kontora.cat_departments.id"], ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"], ["kontora.cat_organizations.id"], ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("client_key", name="uq_doc_payroll_sheet_client_key"),
        sa.UniqueConstraint(
            "organization_id", "number_year", "number", name="uq_doc_payroll_sheet_number"
        ),
        schema="kontora",
    )
    op.create_index(
        "ix_doc_payroll_sheet_date",
        "doc_payroll_sheet",
        ["date", "id"],
        unique=False,
        schema="kontora",
    )
    op.create_table(
        "doc_payroll_sheet_lines",
        sa.Column("doc_id", sa.BigInteger(), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("employee_id", sa.BigInteger(), nullable=False),
        sa.Column("department_id", sa.BigInteger(), nullable=True),
        sa.Column("accrual_type_id", sa.BigInteger(), nullable=False),
        sa.Column("days", sa.Integer(), nullable=True),
        sa.Column("hours", sa.Numeric(), nullable=True),
        sa.Column("rate", sa.Numeric(), nullable=True),
        sa.Column("accrued", sa.Numeric(), nullable=False),
        sa.Column("bonus_type_id", sa.BigInteger(), nullable=True),
        sa.Column("bonus", sa.Numeric(), nullable=True),
        sa.Column("total", sa.Numeric(), nullable=True),
        sa.Column("deduction_type_id", sa.BigInteger(), nullable=True),
        sa.Column("tax_rate", sa.Numeric(), nullable=True),
        sa.Column("whole_roubles", sa.Boolean(), nullable=True),
        sa.Column("tax", sa.Numeric(), nullable=True),
        sa.Column("other_type_id", sa.BigInteger(), nullable=True),
        sa.Column("other", sa.Numeric(), nullable=True),
        sa.Column("net", sa.Numeric(), nullable=True),
        sa.CheckConstraint(
            "abs(accrued) < 10000000000000 AND accrued = trunc(accrued, 2)",
            name="ck_doc_payroll_sheet_lines_accrued_exact",
        ),
        sa.CheckConstraint(
            "abs(bonus) < 10000000000000 AND bonus = trunc(bonus, 2)",
            name="ck_doc_payroll_sheet_lines_bonus_exact",
        ),
        sa.CheckConstraint(
            "abs(hours) < 1000000000000 AND hours = trunc(hours, 3)",
            name="ck_doc_payroll_sheet_lines_hours_exact",
        ),
        sa.CheckConstraint(
            "abs(net) < 10000000000000 AND net = trunc(net, 2)",
            name="ck_doc_payroll_sheet_lines_net_exact",
        ),
        sa.CheckConstraint(
            "abs(other) < 10000000000000 AND other = trunc(other, 2)",
            name="ck_doc_payroll_sheet_lines_other_exact",
        ),
        sa.CheckConstraint(
            "abs(rate) < 10000000000000 AND rate = trunc(rate, 2)",
            name="ck_doc_payroll_sheet_lines_rate_exact",
        ),
        sa.CheckConstraint(
            "abs(tax) < 10000000000000 AND tax = trunc(tax, 2)",
            name="ck_doc_payroll_sheet_lines_tax_exact",
        ),
        sa.CheckConstraint(
            "abs(tax_rate) < 1000000000000 AND tax_rate = trunc(tax_rate, 3)",
            name="ck_doc_payroll_sheet_lines_tax_rate_exact",
        ),
        sa.CheckConstraint(
            "abs(total) < 10000000000000 AND total = trunc(total, 2)",
            name="ck_doc_payroll_sheet_lines_total_exact",
        ),
        sa.CheckConstraint("days BETWEEN 0 AND 31", name="ck_doc_payroll_sheet_lines_days_range"),
        sa.CheckConstraint("hours >= 0", name="ck_doc_payroll_sheet_lines_hours_nonnegative"),
        sa.CheckConstraint("rate >= 0", name="ck_doc_payroll_sheet_lines_rate_nonnegative"),
        sa.CheckConstraint("tax_rate <= 100", name="ck_doc_payroll_sheet_lines_tax_rate_maximum"),
        sa.CheckConstraint("tax_rate >= 0", name="ck_doc_payroll_sheet_lines_tax_rate_nonnegative"),
        sa.ForeignKeyConstraint(
            ["accrual_type_id"], ["kontora.cat_accrual_types.id"], ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["bonus_type_id"], ["kontora.cat_accrual_types.id"], ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["deduction_type_id"], ["kontora.cat_deduction_types.id"], ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["department_id"], ["kontora.cat_departments.id"], ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(["doc_id"], ["kontora.doc_payroll_sheet.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["employee_id"], ["kontora.cat_employees.id"], ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(
            ["other_type_id"], ["kontora.cat_deduction_types.id"], ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("doc_id", "line_no", name="pk_doc_payroll_sheet_lines"),
        schema="kontora",
    )
    op.create_table(
        "doc_salary_payment",
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
        sa.Column("department_id", sa.BigInteger(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.CheckConstraint("kind IN ('bank', 'cash')", name="ck_doc_salary_payment_kind_choice"),
        sa.CheckConstraint(
            "char_length(comment) <= 2000", name="ck_doc_salary_payment_comment_len"
        ),
        sa.CheckConstraint(
            "char_length(number) BETWEEN 1 AND 30", name="ck_doc_salary_payment_number_len"
        ),
        sa.ForeignKeyConstraint(
            ["department_id"], ["kontora.cat_departments.id"], ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"], ["kontora.cat_organizations.id"], ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("client_key", name="uq_doc_salary_payment_client_key"),
        sa.UniqueConstraint(
            "organization_id", "number_year", "number", name="uq_doc_salary_payment_number"
        ),
        schema="kontora",
    )
    op.create_index(
        "ix_doc_salary_payment_date",
        "doc_salary_payment",
        ["date", "id"],
        unique=False,
        schema="kontora",
    )
    op.create_table(
        "doc_salary_payment_lines",
        sa.Column("doc_id", sa.BigInteger(), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("employee_id", sa.BigInteger(), nullable=False),
        sa.Column("amount", sa.Numeric(), nullable=False),
        sa.CheckConstraint(
            "abs(amount) < 10000000000000 AND amount = trunc(amount, 2)",
            name="ck_doc_salary_payment_lines_amount_exact",
        ),
        sa.CheckConstraint("amount > 0", name="ck_doc_salary_payment_lines_amount_positive"),
        sa.ForeignKeyConstraint(["doc_id"], ["kontora.doc_salary_payment.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["employee_id"], ["kontora.cat_employees.id"], ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("doc_id", "line_no", name="pk_doc_salary_payment_lines"),
        schema="kontora",
    )
    for d in ("doc_payroll_sheet", "doc_salary_payment"):
        op.execute(f"CREATE SEQUENCE {S}.{d}_number_seq")


def downgrade() -> None:
    for fn in ("payroll_sheet_check", "salary_payment_check"):
        op.execute(f"DROP FUNCTION IF EXISTS {S}.{fn}(bigint, boolean)")
    for d in ("doc_payroll_sheet", "doc_salary_payment"):
        op.execute(f"DROP SEQUENCE IF EXISTS {S}.{d}_number_seq")
    for t in TABLES:
        op.drop_table(t, schema=S)
