"""Payroll computations: the work calendar's filler and the document commands "Fill" of a
payroll sheet and "Fill owed" of a salary payment (server/api/commands.py runs them).

Proration (README "Payroll"): an employee's month is cut into term segments — each row of
their terms holds from its date until the next row's, within the month and their employment
(hire date to termination date). A monthly salary pays, per segment,
``round(salary × working days worked in the segment / working days of the month, 2)``
(half-up), summed; hourly pay is ``round(rate × working hours in the segment, 2)``. A fixed
bonus is its amount in force on the last day worked; a percentage bonus is
``round(base pay × percent / 100, 2)``. The income tax follows the line's formula
(``server/config/documents/payroll_sheet.py``): the employee's total × rate, rounded half-up
to whole roubles (NDFL) or to kopecks as the deduction type says.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from server.api.session import Session
from server.config.documents.payroll_sheet import LINES
from server.config.payroll import WORK_CALENDAR as _CALENDAR
from server.errors import QT_TRANSLATE_NOOP, InvalidValue, Meta, Template
from server.metadata import Registry, formula

S = "kontora"
CENT = Decimal("0.01")
DAY = dt.timedelta(days=1)
BASE_KINDS = ("salary", "hourly")


def fill_calendar(
    session: Session, year: int, hours: Decimal = Decimal(8), holidays: tuple = ()
) -> int:
    """Write a year's days into the work calendar: weekdays working with ``hours``, weekends
    and ``holidays`` (dates) not working. Days already there are kept. Returns days added."""
    n = session.scalar(
        f"""
        WITH ins AS (
          INSERT INTO {S}.inf_work_calendar (period, working, hours)
          SELECT d::date, NOT (extract(isodow FROM d) > 5 OR d::date = ANY(:holidays)),
                 CASE WHEN extract(isodow FROM d) > 5 OR d::date = ANY(:holidays) THEN 0
                      ELSE :hours END
          FROM generate_series(make_date(:y, 1, 1), make_date(:y, 12, 31), interval '1 day') d
          ON CONFLICT (period) DO NOTHING RETURNING 1)
        SELECT count(*) FROM ins""",
        y=year,
        hours=hours,
        holidays=list(holidays),
    )
    return int(n)


def _month(header: dict[str, Any]) -> dt.date:
    v = header.get("month") or header.get("date")
    if not v:
        owner = Template("{object}", {"object": Meta("Payroll sheet")})
        raise InvalidValue(owner, "Month", None, QT_TRANSLATE_NOOP("errors", "is required"))
    d = v if isinstance(v, dt.date) else dt.date.fromisoformat(str(v)[:10])
    if isinstance(d, dt.datetime):
        d = d.date()
    return d.replace(day=1)


def _month_end(start: dt.date) -> dt.date:
    return (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - DAY


@dataclass
class Calendar:
    """The working days of a month and their hours."""

    hours: dict[dt.date, Decimal]  # working days only

    def days(self, lo: dt.date, hi: dt.date) -> int:
        return sum(1 for d in self.hours if lo <= d <= hi)

    def hours_in(self, lo: dt.date, hi: dt.date) -> Decimal:
        return sum((h for d, h in self.hours.items() if lo <= d <= hi), Decimal(0))


def _calendar(session: Session, start: dt.date, end: dt.date) -> Calendar:
    rows = session.rows(
        f"SELECT period, working, hours FROM {S}.inf_work_calendar WHERE period BETWEEN :a AND :b",
        a=start,
        b=end,
    )
    if not any(r["working"] for r in rows):
        owner = Template("{object}", {"object": Meta("Work calendar")})
        raise InvalidValue(
            owner,
            "Month",
            start.strftime("%Y-%m"),
            QT_TRANSLATE_NOOP("errors", "has no working days; fill the calendar first"),
        )
    return Calendar({r["period"]: r["hours"] or Decimal(0) for r in rows if r["working"]})


@dataclass
class Segment:
    start: dt.date
    end: dt.date
    amount: Decimal
    percent: Decimal


def segments(
    terms: list[tuple[dt.date, Decimal, Decimal]], lo: dt.date, hi: dt.date
) -> list[Segment]:
    """The parts of [lo, hi] each term row (from its date until the next row's) holds for."""
    out = []
    for i, (since, amount, percent) in enumerate(terms):
        until = terms[i + 1][0] - DAY if i + 1 < len(terms) else hi
        s, e = max(since, lo), min(until, hi)
        if s <= e:
            out.append(Segment(s, e, amount or Decimal(0), percent or Decimal(0)))
    return out


def base_pay(kind: str, segs: list[Segment], cal: Calendar, month_days: int) -> Decimal:
    """Salary prorated by working days per segment, or hourly pay by working hours."""
    total = Decimal(0)
    for g in segs:
        if kind == "salary":
            v = g.amount * cal.days(g.start, g.end) / month_days
        else:
            v = g.amount * cal.hours_in(g.start, g.end)
        total += v.quantize(CENT, ROUND_HALF_UP)
    return total


def _terms(session: Session, ids: list[int], end: dt.date) -> dict[tuple[int, int], list]:
    rows = session.rows(
        f"SELECT employee_id, accrual_type_id, period, amount, percent "
        f"FROM {S}.inf_employee_terms WHERE employee_id = ANY(:ids) AND period <= :end "
        "ORDER BY employee_id, accrual_type_id, period",
        ids=ids,
        end=end,
    )
    out: dict[tuple[int, int], list] = {}
    for r in rows:
        key = (r["employee_id"], r["accrual_type_id"])
        out.setdefault(key, []).append((r["period"], r["amount"], r["percent"]))
    return out


def _ref(row: dict[str, Any], prefix: str) -> dict[str, Any] | None:
    i = row.get(f"{prefix}_id")
    return {"id": i, "name": row[f"{prefix}_name"]} if i else None


def _employees(session: Session, header: dict[str, Any], start: dt.date, end: dt.date) -> list:
    return session.rows(
        f"""SELECT e.id, e.name, e.hire_date, e.termination_date,
                   d.id AS department_id, d.name AS department_name
            FROM {S}.cat_employees e JOIN {S}.cat_departments d ON d.id = e.department_id
            WHERE NOT e.deletion_mark AND e.organization_id = :org
              AND (CAST(:dep AS bigint) IS NULL OR e.department_id = :dep)
              AND e.hire_date <= :end
              AND (e.termination_date IS NULL OR e.termination_date >= :start)
            ORDER BY e.name, e.id""",
        org=int(header["organization"]),
        dep=int(header["department"]) if header.get("department") else None,
        start=start,
        end=end,
    )


def _types(session: Session) -> tuple[dict[int, dict], dict | None]:
    accruals = {
        r["id"]: r
        for r in session.rows(
            f"SELECT id, name, kind FROM {S}.cat_accrual_types WHERE NOT deletion_mark"
        )
    }
    tax = session.rows(
        f"SELECT id, name, rate, rounding FROM {S}.cat_deduction_types "
        "WHERE NOT deletion_mark AND kind = 'income_tax' ORDER BY id LIMIT 1"
    )
    return accruals, (tax[0] if tax else None)


def employee_line(
    emp: dict, terms: dict, accruals: dict, tax: dict | None, cal: Calendar, start, end
) -> dict[str, Any] | None:
    """One employee's sheet line (None: no base pay in force this month)."""
    lo = max(start, emp["hire_date"])
    hi = min(end, emp["termination_date"] or end)
    month_days = cal.days(start, end)
    mine = {t: terms[(emp["id"], t)] for t in accruals if (emp["id"], t) in terms}
    by_kind = sorted(mine, key=lambda t: (accruals[t]["kind"], accruals[t]["name"], t))
    base = [t for t in by_kind if accruals[t]["kind"] in BASE_KINDS and segments(mine[t], lo, hi)]
    if not base:
        return None
    accrued, rate = Decimal(0), Decimal(0)
    for t in base:
        segs = segments(mine[t], lo, hi)
        accrued += base_pay(accruals[t]["kind"], segs, cal, month_days)
        rate = segs[-1].amount if t == base[0] else rate
    bonus, bonus_type = Decimal(0), None
    for t in (t for t in by_kind if accruals[t]["kind"] not in BASE_KINDS):
        segs = segments(mine[t], lo, hi)
        if not segs:
            continue
        last = segs[-1]
        if accruals[t]["kind"] == "fixed_bonus":
            bonus += last.amount
        else:
            bonus += (accrued * last.percent / 100).quantize(CENT, ROUND_HALF_UP)
        bonus_type = bonus_type or {"id": t, "name": accruals[t]["name"]}
    line: dict[str, Any] = {
        "employee": {"id": emp["id"], "name": emp["name"]},
        "department": _ref(emp, "department"),
        "accrual_type": {"id": base[0], "name": accruals[base[0]]["name"]},
        "days": cal.days(lo, hi),
        "hours": cal.hours_in(lo, hi),
        "rate": rate,
        "accrued": accrued,
        "bonus_type": bonus_type,
        "bonus": bonus if bonus_type else None,
        "deduction_type": {"id": tax["id"], "name": tax["name"]} if tax else None,
        "tax_rate": tax["rate"] if tax else None,
        "whole_roubles": bool(tax and tax["rounding"] == "rouble"),
        "other_type": None,
        "other": None,
    }
    for f in LINES.fields:  # total, tax and net by the line's own formulas
        expr = getattr(f, "computed", None)
        if expr:
            line[f.name] = formula.evaluate(expr, line)
    return line


def payroll_lines(session: Session, reg: Registry, header: dict[str, Any]) -> list[dict]:
    """Payroll sheet "Fill": a line per employee of the organization (and department) employed
    in the month, computed from their terms and the work calendar."""
    if not header.get("organization"):
        owner = Template("{object}", {"object": Meta("Payroll sheet")})
        raise InvalidValue(owner, "Organization", None, QT_TRANSLATE_NOOP("errors", "is required"))
    start = _month(header)
    end = _month_end(start)
    cal = _calendar(session, start, end)
    emps = _employees(session, header, start, end)
    terms = _terms(session, [e["id"] for e in emps], end)
    accruals, tax = _types(session)
    lines = [employee_line(e, terms, accruals, tax, cal, start, end) for e in emps]
    return [x for x in lines if x is not None]


def owed_lines(session: Session, reg: Registry, header: dict[str, Any]) -> list[dict]:
    """Salary payment "Fill owed": every employee of the organization (and department) with a
    positive owed balance, and that amount."""
    rows = session.rows(
        f"""SELECT e.id, e.name, b.amount
            FROM {S}.reg_employee_settlements_balance b
            JOIN {S}.cat_employees e ON e.id = b.employee_id
            WHERE b.amount > 0 AND e.organization_id = :org
              AND (CAST(:dep AS bigint) IS NULL OR e.department_id = :dep)
            ORDER BY e.name, e.id""",
        org=int(header.get("organization") or 0),
        dep=int(header["department"]) if header.get("department") else None,
    )
    return [{"employee": {"id": r["id"], "name": r["name"]}, "amount": r["amount"]} for r in rows]


def calendar_month(session: Session, month: dt.date) -> list[dict[str, Any]]:
    """The days of ``month`` in the work calendar (period, working, hours), by date."""
    start = month.replace(day=1)
    return session.rows(
        f"SELECT period, working, hours FROM {S}.inf_work_calendar "
        "WHERE period BETWEEN :a AND :b ORDER BY period",
        a=start,
        b=_month_end(start),
    )


def set_day(session: Session, day: dt.date, working: bool, hours: Decimal | str | None) -> None:
    """Make ``day`` a working day of ``hours`` (or a day off: no hours)."""
    field = next(f for f in _CALENDAR.resources if f.name == "hours")
    owner = Template("{object}", {"object": Meta(_CALENDAR.title)})
    h = field.validate(hours, owner) if working else Decimal(0)
    session.execute(
        f"INSERT INTO {S}.inf_work_calendar (period, working, hours) VALUES (:d, :w, :h) "
        "ON CONFLICT (period) DO UPDATE SET working = excluded.working, hours = excluded.hours",
        d=day,
        w=working,
        h=h if h is not None else Decimal(0),
    )
