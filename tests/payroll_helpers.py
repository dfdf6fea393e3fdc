"""A small company's payroll for November 2026, computed by hand in tests/test_payroll.py.

November 2026 has 21 weekdays; 4 November (Unity Day) is a holiday: 20 working days of 8 hours.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from server.api import new_document
from server.api.payroll import as_payload, fill_calendar, kinds, payroll_sections
from server.config.documents.payroll_rules import recalculate, summary
from tests.conftest import World

NOV = dt.date(2026, 11, 1)


@dataclass
class Staff:
    dept: int
    other_dept: int
    salary: int
    hourly: int
    fixed: int
    percent: int
    tax: int
    anna: int  # salary 33 333, raised to 40 001 from 16 November, a 10 % bonus
    boris: int  # hired on Sunday 15 November, salary 31 000
    clara: int  # hourly 500.50, terminated 10 November, a fixed bonus of 1 000
    dan: int  # terminated in October: not on the sheet
    eve: int  # of another department


def ins(w: World, sql: str, **p: Any) -> int:
    return int(w.session.scalar(sql + " RETURNING id", **p))


def employee(w: World, name: str, dept: int, hired: str, fired: str | None = None) -> int:
    person = ins(w, "INSERT INTO cat_individuals(name) VALUES (:n)", n=name)
    return ins(
        w,
        "INSERT INTO cat_employees(name, individual_id, organization_id, department_id, "
        "hire_date, termination_date) VALUES (:n, :p, :o, :d, :h, :f)",
        n=name,
        p=person,
        o=w.org,
        d=dept,
        h=hired,
        f=fired,
    )


def term(w: World, emp: int, kind: int, since: str, amount=None, percent=None) -> None:
    w.session.execute(
        "INSERT INTO inf_employee_terms(period, employee_id, accrual_type_id, amount, percent) "
        "VALUES (:s, :e, :k, :a, :p)",
        s=since,
        e=emp,
        k=kind,
        a=amount,
        p=percent,
    )


def staff(w: World) -> Staff:
    """The company's people, their terms and the 2026 calendar."""
    w.session.execute("UPDATE subsystems SET enabled = true WHERE name = 'payroll'")
    fill_calendar(w.session, 2026, holidays=(dt.date(2026, 11, 4),))
    dept = ins(
        w, "INSERT INTO cat_departments(name, organization_id) VALUES ('Office', :o)", o=w.org
    )
    other = ins(w, "INSERT INTO cat_departments(name) VALUES ('Workshop')")
    kinds = {
        k: ins(w, "INSERT INTO cat_accrual_types(name, kind) VALUES (:n, :k)", n=n, k=k)
        for k, n in (
            ("salary", "Salary"),
            ("hourly", "Hourly pay"),
            ("fixed_bonus", "Bonus"),
            ("percent_bonus", "Performance bonus"),
        )
    }
    tax = ins(
        w,
        "INSERT INTO cat_deduction_types(name, kind, rate, rounding) "
        "VALUES ('NDFL', 'income_tax', 13, 'rouble')",
    )
    s = Staff(
        dept,
        other,
        kinds["salary"],
        kinds["hourly"],
        kinds["fixed_bonus"],
        kinds["percent_bonus"],
        tax,
        employee(w, "Anna Ivanova", dept, "2025-01-10"),
        employee(w, "Boris Petrov", dept, "2026-11-15"),
        employee(w, "Clara Smirnova", dept, "2024-05-01", "2026-11-10"),
        employee(w, "Dan Orlov", dept, "2024-05-01", "2026-10-31"),
        employee(w, "Eve Kuznetsova", other, "2024-05-01"),
    )
    term(w, s.anna, s.salary, "2025-01-10", "33333")
    term(w, s.anna, s.salary, "2026-11-16", "40001")
    term(w, s.anna, s.percent, "2026-01-01", percent="10")
    term(w, s.boris, s.salary, "2026-11-15", "31000")
    term(w, s.clara, s.hourly, "2024-05-01", "500.50")
    term(w, s.clara, s.fixed, "2026-11-01", "1000")
    term(w, s.dan, s.salary, "2024-05-01", "50000")
    term(w, s.eve, s.salary, "2024-05-01", "45000")
    return s


def sheet(
    w: World, s: Staff, post: bool = True, edits: dict | None = None, month: dt.date = NOV
) -> dict:
    """The month's sheet as filled (November by default), with ``edits`` ((employee id,
    accrual type id) -> typed values of that accrual row; the computed rows follow), posted."""
    header = {"organization": w.org, "department": s.dept, "month": month.isoformat()}
    last = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    sections = as_payload(payroll_sections(w.session, None, header))  # type: ignore[arg-type]
    for row in sections["accruals"]:
        row.update((edits or {}).get((row["employee"], row["accrual_type"]), {}))
    if edits:  # the computed rows and the summary follow the typed ones, as in the form
        recalculate(sections["accruals"], sections["deductions"], kinds(w.session))
        sections["employees"] = summary(sections["accruals"], sections["deductions"])
    return w.docs.save(
        "payroll_sheet",
        new_document(
            organization=w.org,
            department=s.dept,
            month=month.isoformat(),
            date=f"{last.isoformat()}T18:00:00",
            **sections,
        ),
        post=post,
    )


def payment(w: World, *lines: tuple[int, str], day: int = 5) -> dict:
    return w.docs.save(
        "salary_payment",
        new_document(
            organization=w.org,
            kind="bank",
            date=f"2026-12-{day:02d}T10:00:00",
            lines=[{"employee": e, "amount": a} for e, a in lines],
        ),
        post=True,
    )


D = Decimal
