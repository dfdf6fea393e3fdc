"""Payroll and HR: people, their employment, the work calendar, what is accrued and deducted,
employee terms over time, and the two registers the payroll documents post to.

Everything here belongs to the ``payroll`` subsystem, which is private
(``server.config.roles.PRIVATE_READERS``): only the payroll officer and the administrator may
read its tables, registers, documents and their history.

Income tax: a deduction type of kind ``income_tax`` has a rate (%) and a rounding rule. The
Russian NDFL rule is the default: the month's tax of an employee is computed on the employee's
total accrued for the sheet and rounded half-up to whole roubles (Tax Code art. 52 §6: under 50
kopecks dropped, 50 kopecks and more counted as a rouble); ``kopeck`` rounds half-up to kopecks.
"""

from decimal import Decimal

from server.metadata import (
    AccumulationRegister,
    Bool,
    Catalog,
    Choice,
    DateField,
    InformationRegister,
    Money,
    Number,
    Ref,
    RegisterKind,
    String,
    Text,
)

PERCENT = Decimal(100)

ACCRUAL_KINDS = (
    ("salary", "Monthly salary (prorated by days worked)"),
    ("hourly", "Hourly pay"),
    ("fixed_bonus", "Fixed bonus"),
    ("percent_bonus", "Percentage bonus"),
)
DEDUCTION_KINDS = (("income_tax", "Income tax"), ("other", "Other deduction"))
TAX_ROUNDING = (("rouble", "To whole roubles"), ("kopeck", "To kopecks"))

INDIVIDUALS = Catalog(
    "individuals",
    "Individuals",
    "payroll",
    fields=(
        DateField("birth_date", "Date of birth"),
        String("tax_id", "Tax ID", max_len=12, indexed=True),
        String("phone", "Phone", max_len=50),
        Text("comment", "Comment"),
    ),
)
DEPARTMENTS = Catalog(
    "departments",
    "Departments",
    "payroll",
    fields=(Ref("organization", "Organization", target="organizations"),),
)
POSITIONS = Catalog("positions", "Positions", "payroll")
EMPLOYEES = Catalog(
    "employees",
    "Employees",
    "payroll",
    fields=(
        Ref("individual", "Individual", required=True, target="individuals"),
        Ref("organization", "Organization", required=True, target="organizations"),
        Ref("department", "Department", required=True, target="departments"),
        Ref("position", "Position", target="positions"),
        DateField("hire_date", "Hire date", required=True),
        DateField("termination_date", "Termination date"),
    ),
)
ACCRUAL_TYPES = Catalog(
    "accrual_types",
    "Accrual types",
    "payroll",
    fields=(Choice("kind", "Kind", required=True, options=ACCRUAL_KINDS, default="salary"),),
)
DEDUCTION_TYPES = Catalog(
    "deduction_types",
    "Deduction types",
    "payroll",
    fields=(
        Choice("kind", "Kind", required=True, options=DEDUCTION_KINDS, default="income_tax"),
        Number("rate", "Rate, %", nonnegative=True, maximum=PERCENT),
        Choice("rounding", "Tax rounding", required=True, options=TAX_ROUNDING, default="rouble"),
    ),
)
#: One row per day: working or not, and its working hours (server/api/payroll.py fills a
#: year's weekdays as working 8-hour days; holidays are then marked by hand).
WORK_CALENDAR = InformationRegister(
    "work_calendar",
    "Work calendar",
    "payroll",
    dimensions=(),
    resources=(
        Bool("working", "Working day"),
        Number("hours", "Working hours", nonnegative=True, maximum=Decimal(24)),
    ),
    periodic=True,
)
#: An employee's pay for an accrual type from a date until the next row: the monthly salary,
#: the hourly rate or the fixed bonus (``amount``), or the percentage of a percentage bonus.
#: A later row with nothing stops the accrual.
EMPLOYEE_TERMS = InformationRegister(
    "employee_terms",
    "Employee terms",
    "payroll",
    dimensions=(
        Ref("employee", "Employee", target="employees"),
        Ref("accrual_type", "Accrual type", target="accrual_types"),
    ),
    resources=(
        Money("amount", "Salary, rate or amount", nonnegative=True),
        Number("percent", "Percent", nonnegative=True, maximum=PERCENT),
    ),
    periodic=True,
)
#: Accrued and deducted by employee, department and type; the month is the period's month.
#: A movement is either an accrual (deduction type 0) or a deduction (accrual type 0).
PAYROLL = AccumulationRegister(
    "payroll",
    "Payroll",
    "payroll",
    RegisterKind.TURNOVER,
    dimensions=(
        Ref("employee", "Employee", target="employees"),
        Ref("department", "Department", target="departments"),
        Ref("accrual_type", "Accrual type", target="accrual_types"),
        Ref("deduction_type", "Deduction type", target="deduction_types"),
    ),
    resources=(Money("accrued", "Accrued"), Money("deducted", "Deducted")),
)
#: What the company owes each employee: +net of a posted payroll sheet, −a salary payment.
EMPLOYEE_SETTLEMENTS = AccumulationRegister(
    "employee_settlements",
    "Settlements with employees",
    "payroll",
    RegisterKind.BALANCE,
    dimensions=(Ref("employee", "Employee", target="employees"),),
    resources=(Money("amount", "Owed"),),
    non_negative=("amount",),
)

DECLARED = (
    INDIVIDUALS,
    DEPARTMENTS,
    POSITIONS,
    EMPLOYEES,
    ACCRUAL_TYPES,
    DEDUCTION_TYPES,
    WORK_CALENDAR,
    EMPLOYEE_TERMS,
    PAYROLL,
    EMPLOYEE_SETTLEMENTS,
)
