"""Salary payment (bank or cash): pays employees what they are owed (−settlements with
employees). Paying more than an employee is owed is refused by PostgreSQL: the owed balance is
non-negative at every moment (the refusal names the employee and the numbers). "Fill owed"
(server/api/payroll.py) lists every employee with something owed and the amount."""

from server.config.documents.payment_lines import PAYMENT_KIND
from server.metadata import Document, DocumentCommand, Money, Movements, Ref, Table, Text

SALARY_PAYMENT = Document(
    "salary_payment",
    "Salary payment",
    "payroll",
    number_prefix="SP",
    header=(
        PAYMENT_KIND,
        Ref("department", "Department", target="departments"),
        Text("comment", "Comment"),
    ),
    tables=(
        Table(
            "lines",
            (
                Ref("employee", "Employee", required=True, target="employees"),
                Money("amount", "Amount", required=True, positive=True, summed=True),
            ),
            title="Employees",
        ),
    ),
    posting=(
        Movements(
            "employee_settlements",
            table="lines",
            sign=-1,
            values={"employee": "employee", "amount": "amount"},
        ),
    ),
    hooks=("salary_payment_check",),
    commands=(
        DocumentCommand(
            "fill_owed", "Fill owed", "List every employee who is owed, with the amount owed"
        ),
    ),
)

DECLARED = (SALARY_PAYMENT,)
