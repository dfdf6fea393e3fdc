"""Payroll sheet: a month's pay of an organization's (or one department's) employees, shaped
like 1C:ZUP's "Начисление зарплаты".

- **Accruals** — one row per employee × accrual type: the monthly salary prorated by working
  days (a mid-month raise is ONE row with the prorated sum of its term segments; ``rate`` is the
  salary in force on the last day worked), hourly pay (hours × rate), a fixed bonus, a
  percentage bonus (``base`` = the employee's other accruals, ``amount`` = base × percent / 100).
  Several bonus types of an employee give several rows.
- **Deductions** — one row per employee × deduction type: the income tax on the employee's
  taxable accrued total (every accrual is taxable) at the row's rate, rounded as its type says
  (NDFL: whole roubles), and other deductions typed by hand.
- **Employees** — the per-employee summary a ZUP user reads the sheet by: accrued (the sum of
  the employee's accruals), deducted (of the deductions) and the net to pay (accrued −
  deducted). Read-only in the form: it follows the two sections.

Recalculation (:mod:`server.config.documents.payroll_rules`, one rule per side): a
percentage-bonus row with a percent and an income-tax row with a rate follow the employee's
other rows and the summary follows both sections — the client recomputes them while typing;
PostgreSQL refuses to post a sheet that disagrees (KN005 naming the employee, the row and the
numbers; hook ``payroll_sheet_check``) — it refuses, never corrects: what is posted is what the
user saw. A sheet saved without posting is a draft and may disagree until it is posted. A
percentage bonus without a percent and a tax without a rate are amounts typed by hand (sheets
migrated from the one-line layout keep their amounts so).

Posting: the payroll register (each accrual and deduction by employee, department, type; the
month is the period's) and settlements with employees (+the net of each employee). "Fill"
(server/api/payroll.py) fills all three sections.
"""

from server.config.payroll import PERCENT
from server.metadata import (
    DateField,
    Document,
    DocumentCommand,
    Int,
    Money,
    Movements,
    Number,
    Ref,
    Table,
    Text,
)

ACCRUALS = Table(
    "accruals",
    (
        Ref("employee", "Employee", required=True, target="employees"),
        # Empty: the employee's department (a row added by hand).
        Ref("department", "Department", target="departments"),
        Ref("accrual_type", "Accrual type", required=True, target="accrual_types"),
        Int("days", "Days", minimum=0, maximum=31),
        Number("hours", "Hours", nonnegative=True),
        Money("rate", "Salary or rate", nonnegative=True),
        Money("base", "Base"),
        Number("percent", "Percent", nonnegative=True, maximum=PERCENT),
        Money("amount", "Amount", required=True, summed=True),
    ),
    title="Accruals",
)
DEDUCTIONS = Table(
    "deductions",
    (
        Ref("employee", "Employee", required=True, target="employees"),
        Ref("department", "Department", target="departments"),
        Ref("deduction_type", "Deduction type", required=True, target="deduction_types"),
        Money("base", "Base"),
        Number("rate", "Rate, %", nonnegative=True, maximum=PERCENT),
        Money("amount", "Amount", required=True, summed=True),
    ),
    title="Deductions",
)
EMPLOYEES = Table(
    "employees",
    (
        Ref("employee", "Employee", required=True, target="employees"),
        Money("accrued", "Accrued", required=True, summed=True),
        Money("deducted", "Deducted", required=True, summed=True),
        Money("net", "Net to pay", formula="accrued - deducted"),
    ),
    title="Employees",
)

# The row's department, else the employee's (the header has a department too, which a bare
# field name would take).
DEPARTMENT = (
    "=coalesce(l.department_id, "
    "(SELECT e.department_id FROM kontora.cat_employees e WHERE e.id = l.employee_id))"
)
_BY = {"employee": "employee", "department": DEPARTMENT}

PAYROLL_SHEET = Document(
    "payroll_sheet",
    "Payroll sheet",
    "payroll",
    number_prefix="PS",
    header=(
        DateField("month", "Month", required=True),
        Ref("department", "Department", target="departments"),
        Text("comment", "Comment"),
    ),
    tables=(ACCRUALS, DEDUCTIONS, EMPLOYEES),
    posting=(
        Movements(
            "payroll",
            table="accruals",
            where="l.amount <> 0",
            values={
                **_BY,
                "accrual_type": "accrual_type",
                "deduction_type": "=0",
                "accrued": "amount",
                "deducted": "=0",
            },
        ),
        Movements(
            "payroll",
            table="deductions",
            where="l.amount <> 0",
            values={
                **_BY,
                "accrual_type": "=0",
                "deduction_type": "deduction_type",
                "accrued": "=0",
                "deducted": "amount",
            },
        ),
        Movements(
            "employee_settlements",
            table="employees",
            where="l.net <> 0",
            values={"employee": "employee", "amount": "net"},
        ),
    ),
    hooks=("payroll_sheet_check",),
    commands=(
        DocumentCommand(
            "fill_payroll",
            "Fill",
            "Compute every employee's accruals and deductions for the month from the terms "
            "and the work calendar",
        ),
    ),
)

DECLARED = (PAYROLL_SHEET,)
