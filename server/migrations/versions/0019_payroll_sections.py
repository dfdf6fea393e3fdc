"""payroll sheet sections: accruals and deductions per employee instead of one line each

Revision ID: 0019
Revises: 0015
Create Date: 2026-11-30

The payroll sheet (server/config/documents/payroll_sheet.py) gets two tabular sections —
accruals (employee × accrual type) and deductions (employee × deduction type) — in place of
its one line per employee. Existing sheets are carried over row by row: the base accrual and the
bonus of a line become accrual rows, its income tax and other deduction deduction rows (a tax
keeps its rate only where the rate and the type's rounding give the tax the line holds; else it
stays a typed amount), so every posted amount stays; each line's employee, total and net become a row of the
"Employees" summary. The movements of posted sheets are already those the new posting writes
(payroll: each accrual and deduction by employee, department and type; settlements: +net per
employee), so re-posting changes nothing (``kontora-admin check``).
"""

from alembic import op

revision = "0019"
down_revision = "0023"
branch_labels = None
depends_on = None

S = "kontora"
ACCRUALS = """
CREATE TABLE kontora.doc_payroll_sheet_accruals (
    doc_id BIGINT NOT NULL,
    line_no INTEGER NOT NULL,
    employee_id BIGINT NOT NULL,
    department_id BIGINT,
    accrual_type_id BIGINT NOT NULL,
    days INTEGER,
    hours NUMERIC,
    rate NUMERIC,
    base NUMERIC,
    percent NUMERIC,
    amount NUMERIC NOT NULL,
    CONSTRAINT pk_doc_payroll_sheet_accruals PRIMARY KEY (doc_id, line_no),
    CONSTRAINT ck_doc_payroll_sheet_accruals_days_range CHECK (days BETWEEN 0 AND 31),
    CONSTRAINT ck_doc_payroll_sheet_accruals_hours_exact CHECK (abs(hours) < 1000000000000 AND hours = trunc(hours, 3)),
    CONSTRAINT ck_doc_payroll_sheet_accruals_hours_nonnegative CHECK (hours >= 0),
    CONSTRAINT ck_doc_payroll_sheet_accruals_rate_exact CHECK (abs(rate) < 10000000000000 AND rate = trunc(rate, 2)),
    CONSTRAINT ck_doc_payroll_sheet_accruals_rate_nonnegative CHECK (rate >= 0),
    CONSTRAINT ck_doc_payroll_sheet_accruals_base_exact CHECK (abs(base) < 10000000000000 AND base = trunc(base, 2)),
    CONSTRAINT ck_doc_payroll_sheet_accruals_percent_exact CHECK (abs(percent) < 1000000000000 AND percent = trunc(percent, 3)),
    CONSTRAINT ck_doc_payroll_sheet_accruals_percent_nonnegative CHECK (percent >= 0),
    CONSTRAINT ck_doc_payroll_sheet_accruals_percent_maximum CHECK (percent <= 100),
    CONSTRAINT ck_doc_payroll_sheet_accruals_amount_exact CHECK (abs(amount) < 10000000000000 AND amount = trunc(amount, 2)),
    FOREIGN KEY(doc_id) REFERENCES kontora.doc_payroll_sheet (id) ON DELETE CASCADE,
    FOREIGN KEY(employee_id) REFERENCES kontora.cat_employees (id) ON DELETE RESTRICT,
    FOREIGN KEY(department_id) REFERENCES kontora.cat_departments (id) ON DELETE RESTRICT,
    FOREIGN KEY(accrual_type_id) REFERENCES kontora.cat_accrual_types (id) ON DELETE RESTRICT
)
"""
DEDUCTIONS = """
CREATE TABLE kontora.doc_payroll_sheet_deductions (
    doc_id BIGINT NOT NULL,
    line_no INTEGER NOT NULL,
    employee_id BIGINT NOT NULL,
    department_id BIGINT,
    deduction_type_id BIGINT NOT NULL,
    base NUMERIC,
    rate NUMERIC,
    amount NUMERIC NOT NULL,
    CONSTRAINT pk_doc_payroll_sheet_deductions PRIMARY KEY (doc_id, line_no),
    CONSTRAINT ck_doc_payroll_sheet_deductions_base_exact CHECK (abs(base) < 10000000000000 AND base = trunc(base, 2)),
    CONSTRAINT ck_doc_payroll_sheet_deductions_rate_exact CHECK (abs(rate) < 1000000000000 AND rate = trunc(rate, 3)),
    CONSTRAINT ck_doc_payroll_sheet_deductions_rate_nonnegative CHECK (rate >= 0),
    CONSTRAINT ck_doc_payroll_sheet_deductions_rate_maximum CHECK (rate <= 100),
    CONSTRAINT ck_doc_payroll_sheet_deductions_amount_exact CHECK (abs(amount) < 10000000000000 AND amount = trunc(amount, 2)),
    FOREIGN KEY(doc_id) REFERENCES kontora.doc_payroll_sheet (id) ON DELETE CASCADE,
    FOREIGN KEY(employee_id) REFERENCES kontora.cat_employees (id) ON DELETE RESTRICT,
    FOREIGN KEY(department_id) REFERENCES kontora.cat_departments (id) ON DELETE RESTRICT,
    FOREIGN KEY(deduction_type_id) REFERENCES kontora.cat_deduction_types (id) ON DELETE RESTRICT
)
"""
EMPLOYEES = """
CREATE TABLE kontora.doc_payroll_sheet_employees (
    doc_id BIGINT NOT NULL,
    line_no INTEGER NOT NULL,
    employee_id BIGINT NOT NULL,
    accrued NUMERIC NOT NULL,
    deducted NUMERIC NOT NULL,
    net NUMERIC,
    CONSTRAINT pk_doc_payroll_sheet_employees PRIMARY KEY (doc_id, line_no),
    CONSTRAINT ck_doc_payroll_sheet_employees_accrued_exact CHECK (abs(accrued) < 10000000000000 AND accrued = trunc(accrued, 2)),
    CONSTRAINT ck_doc_payroll_sheet_employees_deducted_exact CHECK (abs(deducted) < 10000000000000 AND deducted = trunc(deducted, 2)),
    CONSTRAINT ck_doc_payroll_sheet_employees_net_exact CHECK (abs(net) < 10000000000000 AND net = trunc(net, 2)),
    FOREIGN KEY(doc_id) REFERENCES kontora.doc_payroll_sheet (id) ON DELETE CASCADE,
    FOREIGN KEY(employee_id) REFERENCES kontora.cat_employees (id) ON DELETE RESTRICT
)
"""
OLD_LINES = """
CREATE TABLE kontora.doc_payroll_sheet_lines (
    doc_id BIGINT NOT NULL,
    line_no INTEGER NOT NULL,
    employee_id BIGINT NOT NULL,
    department_id BIGINT,
    accrual_type_id BIGINT NOT NULL,
    days INTEGER,
    hours NUMERIC,
    rate NUMERIC,
    accrued NUMERIC NOT NULL,
    bonus_type_id BIGINT,
    bonus NUMERIC,
    total NUMERIC,
    deduction_type_id BIGINT,
    tax_rate NUMERIC,
    whole_roubles BOOLEAN,
    tax NUMERIC,
    other_type_id BIGINT,
    other NUMERIC,
    net NUMERIC,
    CONSTRAINT pk_doc_payroll_sheet_lines PRIMARY KEY (doc_id, line_no),
    CONSTRAINT ck_doc_payroll_sheet_lines_days_range CHECK (days BETWEEN 0 AND 31),
    CONSTRAINT ck_doc_payroll_sheet_lines_hours_exact CHECK (abs(hours) < 1000000000000 AND hours = trunc(hours, 3)),
    CONSTRAINT ck_doc_payroll_sheet_lines_hours_nonnegative CHECK (hours >= 0),
    CONSTRAINT ck_doc_payroll_sheet_lines_rate_exact CHECK (abs(rate) < 10000000000000 AND rate = trunc(rate, 2)),
    CONSTRAINT ck_doc_payroll_sheet_lines_rate_nonnegative CHECK (rate >= 0),
    CONSTRAINT ck_doc_payroll_sheet_lines_accrued_exact CHECK (abs(accrued) < 10000000000000 AND accrued = trunc(accrued, 2)),
    CONSTRAINT ck_doc_payroll_sheet_lines_bonus_exact CHECK (abs(bonus) < 10000000000000 AND bonus = trunc(bonus, 2)),
    CONSTRAINT ck_doc_payroll_sheet_lines_total_exact CHECK (abs(total) < 10000000000000 AND total = trunc(total, 2)),
    CONSTRAINT ck_doc_payroll_sheet_lines_tax_rate_exact CHECK (abs(tax_rate) < 1000000000000 AND tax_rate = trunc(tax_rate, 3)),
    CONSTRAINT ck_doc_payroll_sheet_lines_tax_rate_nonnegative CHECK (tax_rate >= 0),
    CONSTRAINT ck_doc_payroll_sheet_lines_tax_rate_maximum CHECK (tax_rate <= 100),
    CONSTRAINT ck_doc_payroll_sheet_lines_tax_exact CHECK (abs(tax) < 10000000000000 AND tax = trunc(tax, 2)),
    CONSTRAINT ck_doc_payroll_sheet_lines_other_exact CHECK (abs(other) < 10000000000000 AND other = trunc(other, 2)),
    CONSTRAINT ck_doc_payroll_sheet_lines_net_exact CHECK (abs(net) < 10000000000000 AND net = trunc(net, 2)),
    FOREIGN KEY(doc_id) REFERENCES kontora.doc_payroll_sheet (id) ON DELETE CASCADE,
    FOREIGN KEY(employee_id) REFERENCES kontora.cat_employees (id) ON DELETE RESTRICT,
    FOREIGN KEY(department_id) REFERENCES kontora.cat_departments (id) ON DELETE RESTRICT,
    FOREIGN KEY(accrual_type_id) REFERENCES kontora.cat_accrual_types (id) ON DELETE RESTRICT,
    FOREIGN KEY(bonus_type_id) REFERENCES kontora.cat_accrual_types (id) ON DELETE RESTRICT,
    FOREIGN KEY(deduction_type_id) REFERENCES kontora.cat_deduction_types (id) ON DELETE RESTRICT,
    FOREIGN KEY(other_type_id) REFERENCES kontora.cat_deduction_types (id) ON DELETE RESTRICT
)
"""
# The old line's department, else its employee's (as both postings write it).
DEP = "coalesce(l.department_id, e.department_id)"

UP = f"""
WITH r AS (
  SELECT l.doc_id, l.line_no, 0 AS sub, l.employee_id, l.department_id, l.accrual_type_id,
         l.days, l.hours, l.rate, l.accrued AS amount
  FROM {S}.doc_payroll_sheet_lines l
  UNION ALL
  SELECT l.doc_id, l.line_no, 1, l.employee_id, l.department_id, l.bonus_type_id,
         NULL, NULL, NULL, l.bonus
  FROM {S}.doc_payroll_sheet_lines l
  WHERE coalesce(l.bonus, 0) <> 0 AND l.bonus_type_id IS NOT NULL)
INSERT INTO {S}.doc_payroll_sheet_accruals
  (doc_id, line_no, employee_id, department_id, accrual_type_id, days, hours, rate, amount)
SELECT doc_id, row_number() OVER (PARTITION BY doc_id ORDER BY line_no, sub), employee_id,
       department_id, accrual_type_id, days, hours, rate, amount
FROM r;
WITH r AS (
  SELECT l.doc_id, l.line_no, 0 AS sub, l.employee_id, l.department_id, l.deduction_type_id,
         l.total AS base,
         CASE WHEN round(coalesce(l.total, 0) * l.tax_rate / 100,
                         CASE WHEN t.rounding = 'rouble' THEN 0 ELSE 2 END) = l.tax
              THEN l.tax_rate END AS rate,
         coalesce(l.tax, 0) AS amount
  FROM {S}.doc_payroll_sheet_lines l
  JOIN {S}.cat_deduction_types t ON t.id = l.deduction_type_id
  WHERE coalesce(l.tax, 0) <> 0 OR l.tax_rate IS NOT NULL
  UNION ALL
  SELECT l.doc_id, l.line_no, 1, l.employee_id, l.department_id, l.other_type_id, NULL, NULL,
         l.other
  FROM {S}.doc_payroll_sheet_lines l
  WHERE coalesce(l.other, 0) <> 0 AND l.other_type_id IS NOT NULL)
INSERT INTO {S}.doc_payroll_sheet_deductions
  (doc_id, line_no, employee_id, department_id, deduction_type_id, base, rate, amount)
SELECT doc_id, row_number() OVER (PARTITION BY doc_id ORDER BY line_no, sub), employee_id,
       department_id, deduction_type_id, base, rate, amount
FROM r;
INSERT INTO {S}.doc_payroll_sheet_employees (doc_id, line_no, employee_id, accrued, deducted,
                                             net)
SELECT l.doc_id, l.line_no, l.employee_id, coalesce(l.total, 0),
       coalesce(l.total, 0) - coalesce(l.net, 0), coalesce(l.net, 0)
FROM {S}.doc_payroll_sheet_lines l;
"""

# Back to one line per employee: the first accrual row's type, days, hours and rate; the rest
# of the accruals as the bonus (under the first other type); the first income tax; the rest of
# the deductions as the other deduction (the settlements' +net per employee stay as they are).
DOWN = f"""
INSERT INTO {S}.doc_payroll_sheet_lines
  (doc_id, line_no, employee_id, department_id, accrual_type_id, days, hours, rate, accrued,
   bonus_type_id, bonus, total, deduction_type_id, tax_rate, whole_roubles, tax,
   other_type_id, other, net)
SELECT a.doc_id, row_number() OVER (PARTITION BY a.doc_id ORDER BY a.first_no), a.employee_id,
       a.department_id, a.accrual_type_id, a.days, a.hours, a.rate, a.accrued, a.bonus_type_id,
       a.bonus, a.total, t.deduction_type_id, t.rate, t.rounding = 'rouble', t.amount,
       o.deduction_type_id, o.amount,
       a.total - coalesce(t.amount, 0) - coalesce(o.amount, 0)
FROM (SELECT doc_id, employee_id, min(line_no) AS first_no,
             (array_agg(department_id ORDER BY line_no))[1] AS department_id,
             (array_agg(accrual_type_id ORDER BY line_no))[1] AS accrual_type_id,
             (array_agg(days ORDER BY line_no))[1] AS days,
             (array_agg(hours ORDER BY line_no))[1] AS hours,
             (array_agg(rate ORDER BY line_no))[1] AS rate,
             (array_agg(amount ORDER BY line_no))[1] AS accrued,
             (array_agg(accrual_type_id ORDER BY line_no))[2] AS bonus_type_id,
             sum(amount) - (array_agg(amount ORDER BY line_no))[1] AS bonus,
             sum(amount) AS total
      FROM {S}.doc_payroll_sheet_accruals GROUP BY doc_id, employee_id) a
LEFT JOIN LATERAL (
  SELECT d.deduction_type_id, d.rate, d.amount, dt.rounding
  FROM {S}.doc_payroll_sheet_deductions d
  JOIN {S}.cat_deduction_types dt ON dt.id = d.deduction_type_id
  WHERE d.doc_id = a.doc_id AND d.employee_id = a.employee_id AND dt.kind = 'income_tax'
  ORDER BY d.line_no LIMIT 1) t ON true
LEFT JOIN LATERAL (
  SELECT (array_agg(d.deduction_type_id ORDER BY d.line_no))[1] AS deduction_type_id,
         sum(d.amount) AS amount
  FROM {S}.doc_payroll_sheet_deductions d
  JOIN {S}.cat_deduction_types dt ON dt.id = d.deduction_type_id
  WHERE d.doc_id = a.doc_id AND d.employee_id = a.employee_id AND dt.kind <> 'income_tax'
  HAVING count(*) > 0) o ON true;
"""


def upgrade() -> None:
    op.execute(ACCRUALS)
    op.execute(DEDUCTIONS)
    op.execute(EMPLOYEES)
    op.execute(UP)
    op.drop_table("doc_payroll_sheet_lines", schema=S)


def downgrade() -> None:
    op.execute(f"DROP FUNCTION IF EXISTS {S}.payroll_sheet_expected(bigint)")
    op.execute(OLD_LINES)
    op.execute(DOWN)
    op.drop_table("doc_payroll_sheet_employees", schema=S)
    op.drop_table("doc_payroll_sheet_deductions", schema=S)
    op.drop_table("doc_payroll_sheet_accruals", schema=S)
