"""Employee terms (the periodic register ``employee_terms``) as the Pay rates form edits them:
every employee employed on a date with the amount (or percent) of one accrual type in force,
its history, and a new value from a date on. PostgreSQL refuses the write to anyone but the
payroll officer and the administrator (and the read, too: the payroll subsystem is private)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from server.api.session import Session
from server.errors import Meta, Template
from server.metadata import DateField, Registry

S = "kontora"
PERIOD = DateField("period", "Valid from", required=True)


def accrual_types(session: Session) -> list[dict[str, Any]]:
    """Accrual types (id, name, kind) by name."""
    return session.rows(
        f"SELECT id, name, kind FROM {S}.cat_accrual_types WHERE NOT deletion_mark ORDER BY name"
    )


def terms_on(session: Session, accrual_type: int, on: dt.date) -> list[dict[str, Any]]:
    """Employees employed on ``on`` with the type's amount and percent in force and since when
    (None: no term yet)."""
    return session.rows(
        f"""SELECT e.id, e.name, d.name AS department, t.amount, t.percent, t.period
            FROM {S}.cat_employees e
            LEFT JOIN {S}.cat_departments d ON d.id = e.department_id
            LEFT JOIN LATERAL (
              SELECT amount, percent, period FROM {S}.inf_employee_terms
              WHERE employee_id = e.id AND accrual_type_id = :t AND period <= :on
              ORDER BY period DESC LIMIT 1) t ON true
            WHERE NOT e.deletion_mark AND e.hire_date <= :on
              AND (e.termination_date IS NULL OR e.termination_date >= :on)
            ORDER BY e.name, e.id""",
        t=accrual_type,
        on=on,
    )


def term_history(session: Session, accrual_type: int, employee: int) -> list[dict[str, Any]]:
    """Every row of the employee's terms of the type, latest first."""
    return session.rows(
        f"SELECT period, amount, percent FROM {S}.inf_employee_terms "
        "WHERE employee_id = :e AND accrual_type_id = :t ORDER BY period DESC",
        e=employee,
        t=accrual_type,
    )


def set_term(
    session: Session,
    reg: Registry,
    accrual_type: int,
    employee: int,
    period: dt.date | str,
    value: Any,
    *,
    percent: bool = False,
) -> None:
    """Set the employee's amount (or ``percent``) of the type from ``period`` on; a row of that
    very date is replaced. The value is checked as declared (not negative; percent ≤ 100)."""
    r = reg.info_registers["employee_terms"]
    field = next(f for f in r.resources if f.name == ("percent" if percent else "amount"))
    owner = Template("{object}", {"object": Meta(r.title)})
    day = PERIOD.validate(period, owner)
    checked = field.validate(value, owner)
    col = field.column
    session.execute(
        f"INSERT INTO {S}.inf_employee_terms (employee_id, accrual_type_id, period, {col}) "
        "VALUES (:e, :t, :d, :v) ON CONFLICT (employee_id, accrual_type_id, period) "
        f"DO UPDATE SET {col} = excluded.{col}",
        e=employee,
        t=accrual_type,
        d=day,
        v=checked,
    )
