"""Payroll computations: the work calendar's filler and the document commands "Fill" of a
payroll sheet and "Fill owed" of a salary payment (server/api/commands.py runs them).

Proration (README "Payroll"): an employee's month is cut into term segments — each row of
their terms holds from its date until the next row's, within the month and their employment
(hire date to termination date). A monthly salary pays, per segment,
``round(salary × working days worked in the segment / working days of the month, 2)``
(half-up), summed; hourly pay is ``round(rate × working hours in the segment, 2)``. A fixed
bonus is its amount in force on the last day worked; a percentage bonus takes the percent in
force then. The percentage bonuses' and the income tax's amounts and the per-employee summary
come from the sheet's recalculation rule (``server/config/documents/payroll_rules.py``): a
bonus on the employee's other accruals, the tax on their total × rate, rounded half-up to
whole roubles (NDFL) or to kopecks as the deduction type says.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from server.api.session import Session
from server.config.documents.payroll_rules import Kinds, recalculate, summary
from server.config.payroll import WORK_CALENDAR as _CALENDAR
from server.errors import QT_TRANSLATE_NOOP, InvalidValue, Meta, Template
from server.metadata import Registry

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


def _types(session: Session) -> tuple[dict[int, dict], list[dict]]:
    """Accrual types by id; the income-tax deduction types (the first one is filled in)."""
    accruals = {
        r["id"]: r
        for r in session.rows(
            f"SELECT id, name, kind FROM {S}.cat_accrual_types WHERE NOT deletion_mark"
        )
    }
    taxes = session.rows(
        f"SELECT id, name, rate, rounding FROM {S}.cat_deduction_types "
        "WHERE NOT deletion_mark AND kind = 'income_tax' ORDER BY id"
    )
    return accruals, taxes


def kinds(session: Session) -> Kinds:
    """What the recalculation rule needs of every accrual and income-tax type."""
    return Kinds(
        {r["id"]: r["kind"] for r in session.rows(f"SELECT id, kind FROM {S}.cat_accrual_types")},
        {
            r["id"]: r["rounding"]
            for r in session.rows(
                f"SELECT id, rounding FROM {S}.cat_deduction_types WHERE kind = 'income_tax'"
            )
        },
    )


def _accrual(t: dict, segs: list[Segment], amount: Decimal, **extra: Any) -> dict[str, Any]:
    return {
        "accrual_type": {"id": t["id"], "name": t["name"]},
        "rate": segs[-1].amount if t["kind"] != "percent_bonus" else None,
        "amount": amount,
        **extra,
    }


def employee_accruals(
    emp: dict, terms: dict, accruals: dict, cal: Calendar, start: dt.date, end: dt.date
) -> list[dict[str, Any]]:
    """One employee's accrual rows for the month: salary or hourly pay (one row per accrual
    type, the prorated sum of its term segments), fixed bonuses (the amount in force on the
    last day worked), percentage bonuses (percent in force on the last day worked; base and
    amount are left to the recalculation rule). Empty: no base pay in force this month."""
    lo = max(start, emp["hire_date"])
    hi = min(end, emp["termination_date"] or end)
    month_days = cal.days(start, end)
    mine = [t for t in accruals.values() if (emp["id"], t["id"]) in terms]
    rows = []
    for t in sorted(mine, key=lambda t: (t["kind"] not in BASE_KINDS, t["name"], t["id"])):
        segs = segments(terms[(emp["id"], t["id"])], lo, hi)
        if not segs:
            continue
        if t["kind"] in BASE_KINDS:
            pay = base_pay(t["kind"], segs, cal, month_days)
            paid = [g for g in segs if g.amount]
            if paid:
                days = sum(cal.days(g.start, g.end) for g in paid)
                hours = sum((cal.hours_in(g.start, g.end) for g in paid), Decimal(0))
                rows.append(_accrual(t, paid, pay, days=days, hours=hours))
        elif not (segs[-1].amount or segs[-1].percent):
            continue
        elif t["kind"] == "fixed_bonus":
            rows.append(_accrual(t, segs, segs[-1].amount))
        else:
            rows.append(_accrual(t, segs, Decimal(0), percent=segs[-1].percent))
    if not any(accruals[r["accrual_type"]["id"]]["kind"] in BASE_KINDS for r in rows):
        return []
    who = {
        "employee": {"id": emp["id"], "name": emp["name"]},
        "department": _ref(emp, "department"),
    }
    return [{**who, **r} for r in rows]


def payroll_sections(session: Session, reg: Registry, header: dict[str, Any]) -> dict[str, list]:
    """Payroll sheet "Fill": the accruals of every employee of the organization (and
    department) employed in the month, from their terms and the work calendar, and the income
    tax of each; percentage bonuses and taxes computed by the recalculation rule
    (:mod:`server.config.documents.payroll_rules`)."""
    if not header.get("organization"):
        owner = Template("{object}", {"object": Meta("Payroll sheet")})
        raise InvalidValue(owner, "Organization", None, QT_TRANSLATE_NOOP("errors", "is required"))
    start = _month(header)
    end = _month_end(start)
    cal = _calendar(session, start, end)
    emps = _employees(session, header, start, end)
    terms = _terms(session, [e["id"] for e in emps], end)
    types, taxes = _types(session)
    acc: list[dict[str, Any]] = []
    ded: list[dict[str, Any]] = []
    for e in emps:
        rows = employee_accruals(e, terms, types, cal, start, end)
        acc += rows
        if rows and taxes:
            tax = taxes[0]
            ref = {"id": tax["id"], "name": tax["name"]}
            ded.append(
                {
                    **{k: rows[0][k] for k in ("employee", "department")},
                    "deduction_type": ref,
                    "rate": tax["rate"],
                    "amount": Decimal(0),
                }
            )
    recalculate(acc, ded, kinds(session))
    return {"accruals": acc, "deductions": ded, "employees": summary(acc, ded)}


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


def as_payload(sections: dict[str, list]) -> dict[str, list]:
    """Filled sections as a document payload (references as ids)."""
    return {
        name: [{k: (v["id"] if isinstance(v, dict) else v) for k, v in r.items()} for r in rows]
        for name, rows in sections.items()
    }


def net_pay(sections: dict[str, list]) -> list[dict[str, Any]]:
    """Salary payment lines paying each employee's positive net (payload sections)."""
    return [
        {"employee": r["employee"], "amount": r["net"]}
        for r in sections["employees"]
        if r["net"] > 0
    ]
