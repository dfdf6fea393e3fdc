"""The generated infobase's people and pipeline (``kontora-admin generate``): employees with
positions and pay rates paid by monthly payroll sheets and salary payments, and CRM deals of
the customers walked through their stages, with interactions over the history.

Catalog items are inserted set-based (their triggers still run: a deal's stage changes are
recorded by its stage statistics rules); the sheets and payments are filled by the payroll
sheet's own "Fill" (:func:`server.api.payroll.payroll_sections`) and go through the generated
save-and-post routines with the other documents (:class:`server.generate.Poster`).
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from sqlalchemy import Connection, Engine, text

from server.api import Session, new_document
from server.api.payroll import as_payload, fill_calendar, net_pay, payroll_sections
from server.demo_crm import LOSS_REASONS, PIPELINES
from server.demo_payroll import HOLIDAYS
from server.metadata import registry

S = "kontora"
POSITIONS = ("Storekeeper", "Sales manager", "Driver", "Accountant", "Loader")
#: (path of stage indexes a deal went through) of the "Sale of goods" pipeline, in turn
PATHS = ((0, 1, 2, 3, 4), (0, 1, 2), (0, 1, 5), (0, 1, 2, 3), (0, 1, 2, 1, 2, 3, 4), (0,))
#: deals at most (each stage change asks the stage statistics of all deals: quadratic)
MAX_DEALS = 600
KINDS = ("call_out", "call_in", "meeting", "email", "sms")


def people(c: Connection, org: int, first: dt.date, today: dt.date, count: int) -> None:
    """``count`` employees in two departments, hired over the first year (every seventh later),
    each with a monthly salary and a raise a year after hiring; NDFL."""
    for sql in (
        f"INSERT INTO {S}.cat_departments(name, organization_id) "
        "SELECT n, :o FROM unnest(ARRAY['Office', 'Warehouse']) n",
        f"INSERT INTO {S}.cat_positions(name) SELECT unnest(CAST(:p AS text[]))",
        f"INSERT INTO {S}.cat_accrual_types(name, kind) VALUES ('Salary', 'salary')",
        f"INSERT INTO {S}.cat_deduction_types(name, kind, rate, rounding) "
        "VALUES ('NDFL', 'income_tax', 13, 'rouble')",
        f"INSERT INTO {S}.cat_individuals(name) "
        "SELECT 'Employee ' || to_char(g, 'FM0000') FROM generate_series(1, :n) g",
        # hired on the first day, or (every seventh) in a later month of the first year
        f"INSERT INTO {S}.cat_employees(name, individual_id, organization_id, department_id, "
        "position_id, hire_date) SELECT i.name, i.id, :o, "
        f"(SELECT id FROM {S}.cat_departments WHERE name = "
        "CASE WHEN i.id % 3 = 0 THEN 'Office' ELSE 'Warehouse' END), "
        f"(SELECT id FROM {S}.cat_positions WHERE name = (CAST(:p AS text[]))[1 + i.id % 5]), "
        "CASE WHEN i.id % 7 = 0 THEN CAST(:first AS date) + CAST(i.id % 11 AS int) * 30 "
        "ELSE :first END "
        f"FROM {S}.cat_individuals i WHERE i.name LIKE 'Employee ____'",
        f"INSERT INTO {S}.inf_employee_terms(period, employee_id, accrual_type_id, amount) "
        "SELECT p.since, e.id, t.id, 40000 + (e.id % 9) * 5000 + p.raise "
        f"FROM {S}.cat_employees e CROSS JOIN {S}.cat_accrual_types t "
        "CROSS JOIN LATERAL (VALUES (e.hire_date, 0), (e.hire_date + 365, 4000)) p(since, raise) "
        "WHERE t.kind = 'salary' AND p.since <= :today",
    ):
        c.execute(
            text(sql),
            {"o": org, "p": list(POSITIONS), "n": count, "first": first, "today": today},
        )


def pipeline(c: Connection, today: dt.date, customers: list[int], share: int) -> dict[int, int]:
    """Deal types, stages and loss reasons; a deal for every ``share``-th customer's partner
    (at most :data:`MAX_DEALS`) walked through a path of stages (each step a transaction,
    backdated as if over weeks); returns partner -> its deal."""
    stages: list[list[int]] = []
    for title, steps in PIPELINES:
        kind = c.execute(
            text(f"INSERT INTO {S}.cat_deal_types(name) VALUES (:n) RETURNING id"), {"n": title}
        ).scalar_one()
        stages.append(
            [
                c.execute(
                    text(
                        f"INSERT INTO {S}.cat_deal_stages(name, deal_type_id, sequence, "
                        "probability, outcome) VALUES (:n, :t, :s, :p, :o) RETURNING id"
                    ),
                    {"n": n, "t": kind, "s": s, "p": p, "o": o},
                ).scalar_one()
                for n, s, p, o in steps
            ]
        )
    c.execute(
        text(f"INSERT INTO {S}.cat_loss_reasons(name) SELECT unnest(CAST(:r AS text[]))"),
        {"r": list(LOSS_REASONS)},
    )
    sale = stages[0]
    c.execute(
        text(
            f"INSERT INTO {S}.cat_deals(name, partner_id, deal_type_id, stage_id, amount, "
            "close_date, demand, manager) SELECT 'Supply for ' || p.name, p.id, s.deal_type_id, "
            "s.id, 10000 + (p.id % 50) * 2500, CAST(:today AS date) + CAST(15 + p.id % 60 AS int), "
            "'Regular supply of goods', p.manager "
            f"FROM {S}.cat_counterparties k JOIN {S}.cat_partners p ON p.id = k.partner_id "
            f"CROSS JOIN {S}.cat_deal_stages s WHERE s.id = :first AND k.id = ANY(:ids)"
        ),
        {"today": today, "first": sale[0], "ids": customers[::share][:MAX_DEALS]},
    )
    deals = dict(c.execute(text(f"SELECT partner_id, id FROM {S}.cat_deals")).all())
    return deals


def walk(engine: Engine, deals: dict[int, int]) -> dict[int, int]:
    """Each deal along its path (:data:`PATHS`, by the deal's id), a step a transaction; before
    each step the current stage is backdated (entered some weeks ago, the latest step days
    ago); returns the won deals by partner."""
    with engine.connect() as c:
        sale = list(
            c.execute(
                text(
                    f"SELECT s.id FROM {S}.cat_deal_stages s JOIN {S}.cat_deal_types t "
                    "ON t.id = s.deal_type_id WHERE t.name = :n ORDER BY s.sequence"
                ),
                {"n": PIPELINES[0][0]},
            ).scalars()
        )
    longest = max(len(p) for p in PATHS)
    for step in range(1, longest):
        moves = {
            deal: sale[PATHS[deal % len(PATHS)][step]]
            for deal in deals.values()
            if deal and step < len(PATHS[deal % len(PATHS)])
        }
        with engine.begin() as c:
            c.execute(
                text(
                    f"UPDATE {S}.inf_deal_stage_stats SET since = t.at, entered = CASE "
                    "WHEN visits = 1 THEN t.at ELSE entered END FROM (SELECT localtimestamp(0) "
                    "- make_interval(days => CAST(:d AS int)) AS at) t "
                    "WHERE result = 'current' AND deal_id = ANY(:ids)"
                ),
                {"d": 7 * (longest - step), "ids": list(moves)},
            )
            c.execute(
                text(
                    f"UPDATE {S}.cat_deals d SET stage_id = m.stage, loss_reason_id = CASE "
                    f"WHEN m.stage = :lost THEN (SELECT min(id) FROM {S}.cat_loss_reasons) END "
                    "FROM unnest(CAST(:ids AS bigint[]), CAST(:stages AS bigint[])) m(id, stage) "
                    "WHERE d.id = m.id"
                ),
                {"lost": sale[-1], "ids": list(moves), "stages": list(moves.values())},
            )
    return {p: d for p, d in deals.items() if d and PATHS[d % len(PATHS)][-1] == 4}


class Payroll:
    """Monthly payroll sheets (filled by the sheet's own Fill) and their salary payments on
    the 5th of the next month, handed to a history's poster in date order."""

    def __init__(self, engine: Engine, org: int) -> None:
        self.session = Session(engine)
        self.org = org

    def sheet(self, month: dt.date) -> tuple[dict[str, Any], dict[str, Any] | None]:
        """The payroll sheet of ``month`` (dated its last day, 18:00) and the payment of its
        net pay (dated the 5th of the next month), if anybody is to be paid."""
        last = (month + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        header = {"organization": self.org, "month": month.isoformat()}
        sections = as_payload(payroll_sections(self.session, registry, header))
        sheet = new_document(
            organization=self.org, month=month.isoformat(), date=f"{last}T18:00:00", **sections
        )
        paid = net_pay(sections)
        if not paid:
            return sheet, None
        pay_day = last + dt.timedelta(days=5)
        payment = new_document(
            organization=self.org, kind="bank", date=f"{pay_day}T07:30:00", lines=paid
        )
        return sheet, payment


def interaction(rnd: random.Random, org: int, at: dt.datetime, partner: int, deal: int) -> dict:
    """A call, meeting, SMS or e-mail with a deal's partner about the deal (a saved document:
    interactions are never posted)."""
    kind = rnd.choice(KINDS)
    return new_document(
        organization=org,
        date=at.isoformat(timespec="seconds"),
        kind=kind,
        subject=rnd.choice(("Price list", "Delivery terms", "Next order", "Payment reminder")),
        partner=partner,
        deal=deal,
        result="Agreed to talk again",
    )


def calendar_years(session: Session, first: dt.date, today: dt.date) -> None:
    """The work calendar of every year of the history (as the payroll demo fills it)."""
    for year in range(first.year, today.year + 1):
        fill_calendar(session, year, holidays=tuple(dt.date(year, m, d) for m, d in HOLIDAYS))
