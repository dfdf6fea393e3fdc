"""Payroll sheet: a month's pay of an organization's (or one department's) employees.

One line per employee: the base accrual (monthly salary prorated by working days, or hourly
pay), a bonus, the income tax and another deduction, and the net owed. "Fill"
(server/api/payroll.py) computes the lines from the employees, their terms and the work
calendar; every amount stays editable, and the total, the tax and the net follow the line's
formulas (the client while typing, PostgreSQL when saving). Posting: the payroll register
(each accrual and deduction by employee, department and type) and +settlements with employees
(the net). The hook ``payroll_sheet_check`` checks the month, the organization and the types.
"""

from server.config.payroll import PERCENT
from server.metadata import (
    Bool,
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

#: Income tax on the line's total: whole roubles (NDFL) or kopecks, half-up.
TAX = (
    "round(total * nz(tax_rate) / 100, 0) if whole_roubles "
    "else round(total * nz(tax_rate) / 100, 2)"
)

LINES = Table(
    "lines",
    (
        Ref("employee", "Employee", required=True, target="employees"),
        # Empty: the employee's department (a line added by hand).
        Ref("department", "Department", target="departments"),
        Ref("accrual_type", "Accrual type", required=True, target="accrual_types"),
        Int("days", "Days worked", minimum=0, maximum=31),
        Number("hours", "Hours worked", nonnegative=True),
        Money("rate", "Salary or rate", nonnegative=True),
        Money("accrued", "Accrued", required=True),
        Ref("bonus_type", "Bonus type", target="accrual_types"),
        Money("bonus", "Bonus"),
        Money("total", "Total accrued", formula="accrued + nz(bonus)"),
        Ref("deduction_type", "Tax", target="deduction_types"),
        Number("tax_rate", "Tax rate, %", nonnegative=True, maximum=PERCENT),
        Bool("whole_roubles", "Tax in whole roubles"),
        Money("tax", "Income tax", formula=TAX),
        Ref("other_type", "Other deduction", target="deduction_types"),
        Money("other", "Other deduction amount"),
        Money("net", "Net", formula="total - tax - nz(other)"),
    ),
    title="Employees",
)

# The line's department, else the employee's (the header has a department too, which a bare
# field name would take).
DEPARTMENT = (
    "=coalesce(l.department_id, "
    "(SELECT e.department_id FROM kontora.cat_employees e WHERE e.id = l.employee_id))"
)
_ACCRUAL = {"employee": "employee", "department": DEPARTMENT, "deducted": "=0"}
_DEDUCTION = {"employee": "employee", "department": DEPARTMENT, "accrued": "=0"}

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
    tables=(LINES,),
    posting=(
        Movements(
            "payroll",
            table="lines",
            where="coalesce(l.accrued, 0) <> 0",
            values={
                **_ACCRUAL,
                "accrual_type": "accrual_type",
                "deduction_type": "=0",
                "accrued": "accrued",
            },
        ),
        Movements(
            "payroll",
            table="lines",
            where="coalesce(l.bonus, 0) <> 0",
            values={
                **_ACCRUAL,
                "accrual_type": "=coalesce(l.bonus_type_id, 0)",
                "deduction_type": "=0",
                "accrued": "bonus",
            },
        ),
        Movements(
            "payroll",
            table="lines",
            where="coalesce(l.tax, 0) <> 0",
            values={
                **_DEDUCTION,
                "accrual_type": "=0",
                "deduction_type": "=coalesce(l.deduction_type_id, 0)",
                "deducted": "tax",
            },
        ),
        Movements(
            "payroll",
            table="lines",
            where="coalesce(l.other, 0) <> 0",
            values={
                **_DEDUCTION,
                "accrual_type": "=0",
                "deduction_type": "=coalesce(l.other_type_id, 0)",
                "deducted": "other",
            },
        ),
        Movements(
            "employee_settlements",
            table="lines",
            where="coalesce(l.net, 0) <> 0",
            values={"employee": "employee", "amount": "net"},
        ),
    ),
    hooks=("payroll_sheet_check",),
    commands=(
        DocumentCommand(
            "fill_payroll",
            "Fill",
            "Compute every employee's pay for the month from the terms and the work calendar",
        ),
    ),
)

DECLARED = (PAYROLL_SHEET,)
