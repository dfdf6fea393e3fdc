"""Payroll reports from the universal register report: the payroll summary by department and
month, and settlements with employees (owed at the start, accrued, paid, owed at the end).

December 2026 has 23 working days; Clara left in November. December: Anna 40 001 + 10 % =
44 001.10, tax 5 720.143 → 5 720; Boris 31 000, tax 4 030: accrued 75 001.10, deducted 9 750.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from server.api.reports import Reports, ReportSettings
from server.metadata import registry
from tests.payroll_helpers import payment, sheet, staff

DEC = dt.date(2026, 12, 1)


def test_payroll_summary_by_department_and_month(world):
    s = staff(world)
    sheet(world, s)
    sheet(world, s, month=DEC)
    rep = Reports(world.session, registry).run(
        ReportSettings(
            "payroll",
            dt.date(2026, 11, 1),
            DEC.replace(day=31),
            ("department",),
            periodicity="month",
        )
    )
    got = [(r.kind, r.label, r.values["accrued"], r.values["deducted"]) for r in rep.rows]
    assert got == [
        ("group", "Office", D("157775.54"), D("20511")),
        ("item", dt.date(2026, 11, 1), D("82774.44"), D("10761")),
        ("item", DEC, D("75001.10"), D("9750")),
    ]


def test_employee_settlements_owed_accrued_paid(world):
    s = staff(world)
    sheet(world, s)
    payment(world, (s.anna, "35409.44"), (s.boris, "10000"), (s.clara, "21771.00"))
    sheet(world, s, month=DEC)
    rep = Reports(world.session, registry).run(
        ReportSettings("employee_settlements", DEC, DEC.replace(day=31), ("employee",))
    )
    got = {
        r.label: tuple(r.values[f"amount_{p}"] for p in ("open", "in", "out", "close"))
        for r in rep.rows
    }
    # Boris: owed 14 833 from November, paid 10 000 on 5 December; December net
    # 31 000 − 4 030 = 26 970
    assert got["Boris Petrov"] == (D("14833"), D("26970"), D("10000"), D("31803"))
    assert got["Anna Ivanova"] == (D("35409.44"), D("38281.10"), D("35409.44"), D("38281.10"))
    assert got["Clara Smirnova"] == (D("21771"), D(0), D("21771"), D(0))
