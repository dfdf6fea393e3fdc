"""Demo payroll: a small company's two departments and five employees (a raise, a hire in the
middle of a month, an hourly worker, bonuses), the work calendar, and three months of payroll
sheets each paid on the 5th of the next month (when that day has come)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import Engine

from server.api import Documents, Session, new_document
from server.api.payroll import as_payload, fill_calendar, net_pay, payroll_sections
from server.metadata import registry

S = "kontora"
#: (name, department, position, months before the first sheet it was hired (0: in the middle
#: of the first month), [(accrual kind, amount, percent)], raise from the second month)
STAFF = (
    ("Olga Belova", "Office", "Director", 24, [("salary", 120000, None)], None),
    ("Ivan Sokolov", "Office", "Accountant", 12, [("salary", 65000, None)], 72000),
    (
        "Maria Volkova",
        "Office",
        "Sales manager",
        6,
        [("salary", 55000, None), ("pct", None, 5)],
        None,
    ),
    (
        "Pavel Egorov",
        "Warehouse",
        "Storekeeper",
        18,
        [("hourly", "310.50", None), ("fixed", 3000, None)],
        None,
    ),
    ("Nina Frolova", "Warehouse", "Storekeeper", 0, [("salary", 48000, None)], None),
)
KINDS = {
    "salary": ("Salary", "salary"),
    "hourly": ("Hourly pay", "hourly"),
    "fixed": ("Monthly bonus", "fixed_bonus"),
    "pct": ("Sales bonus", "percent_bonus"),
}
HOLIDAYS = ((1, 1), (1, 2), (1, 7), (2, 23), (3, 8), (5, 1), (5, 9), (6, 12), (11, 4))


def _ins(session: Session, sql: str, **p: Any) -> int:
    return int(session.scalar(sql + " RETURNING id", **p))


def _months(today: dt.date) -> list[dt.date]:
    """The three whole months before ``today``'s."""
    first = today.replace(day=1)
    out = []
    for _ in range(3):
        first = (first - dt.timedelta(days=1)).replace(day=1)
        out.insert(0, first)
    return out


def _people(session: Session, org: int, first: dt.date) -> None:
    deps = {
        n: _ins(
            session,
            f"INSERT INTO {S}.cat_departments(name, organization_id) VALUES (:n, :o)",
            n=n,
            o=org,
        )
        for n in ("Office", "Warehouse")
    }
    positions: dict[str, int] = {}
    kinds = {
        k: _ins(
            session, f"INSERT INTO {S}.cat_accrual_types(name, kind) VALUES (:n, :k)", n=n, k=kind
        )
        for k, (n, kind) in KINDS.items()
    }
    session.execute(
        f"INSERT INTO {S}.cat_deduction_types(name, kind, rate, rounding) "
        "VALUES ('NDFL', 'income_tax', 13, 'rouble'), "
        "('Writ of execution', 'other', NULL, 'kopeck')"
    )
    for name, dep, pos, ago, terms, raise_to in STAFF:
        if pos not in positions:
            positions[pos] = _ins(
                session, f"INSERT INTO {S}.cat_positions(name) VALUES (:n)", n=pos
            )
        hired = first.replace(day=15) if ago == 0 else _back(first, ago)
        person = _ins(session, f"INSERT INTO {S}.cat_individuals(name) VALUES (:n)", n=name)
        emp = _ins(
            session,
            f"INSERT INTO {S}.cat_employees(name, individual_id, organization_id, department_id, "
            "position_id, hire_date) VALUES (:n, :p, :o, :d, :pos, :h)",
            n=name,
            p=person,
            o=org,
            d=deps[dep],
            pos=positions[pos],
            h=hired,
        )
        rows = [(hired, kinds[k], a, pct) for k, a, pct in terms]
        if raise_to:
            second = (first + dt.timedelta(days=40)).replace(day=10)
            rows.append((second, kinds["salary"], raise_to, None))
        for since, kind, amount, pct in rows:
            session.execute(
                f"INSERT INTO {S}.inf_employee_terms(period, employee_id, accrual_type_id, "
                "amount, percent) VALUES (:s, :e, :k, :a, :p)",
                s=since,
                e=emp,
                k=kind,
                a=None if amount is None else Decimal(str(amount)),
                p=pct,
            )


def _back(first: dt.date, months: int) -> dt.date:
    y, m = divmod(first.year * 12 + first.month - 1 - months, 12)
    return dt.date(y, m + 1, 1)


def load_payroll(engine: Engine, org: int, today: dt.date) -> None:
    """People, terms, the calendar and three months of sheets and payments."""
    session = Session(engine)
    months = _months(today)
    for year in sorted({m.year for m in months} | {today.year}):
        fill_calendar(session, year, holidays=tuple(dt.date(year, m, d) for m, d in HOLIDAYS))
    _people(session, org, months[0])
    docs = Documents(session, registry)
    for month in months:
        last = (month + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        header = {"organization": org, "month": month.isoformat()}
        sections = as_payload(payroll_sections(session, registry, header))
        docs.save(
            "payroll_sheet",
            new_document(organization=org, month=month, date=f"{last}T18:00:00", **sections),
            post=True,
        )
        pay_day = last + dt.timedelta(days=5)
        if pay_day > today:
            continue
        paid = net_pay(sections)
        docs.save(
            "salary_payment",
            new_document(organization=org, kind="bank", date=f"{pay_day}T11:00:00", lines=paid),
            post=True,
        )
