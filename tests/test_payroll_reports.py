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


def test_demo_payroll_three_months(world):
    from server.demo_payroll import load_payroll

    load_payroll(world.db.engine, world.org, dt.date(2026, 11, 30))
    s = world.session
    sheets = s.rows("SELECT month, posted FROM doc_payroll_sheet ORDER BY month")
    assert [(r["month"], r["posted"]) for r in sheets] == [
        (dt.date(2026, 8, 1), True),
        (dt.date(2026, 9, 1), True),
        (dt.date(2026, 10, 1), True),
    ]
    assert s.scalar("SELECT count(*) FROM doc_salary_payment WHERE posted") == 3
    # everything paid: the October sheet was paid on 5 November
    assert s.scalar("SELECT coalesce(sum(amount), 0) FROM reg_employee_settlements_balance") == 0
    # Nina, hired on Saturday 15 August: 48 000 × 11 / 21 working days = 25 142.857… → 25 142.86
    nina = s.rows(
        "SELECT l.amount AS accrued, l.days FROM doc_payroll_sheet_accruals l "
        "JOIN doc_payroll_sheet h ON h.id = l.doc_id JOIN cat_employees e ON e.id = l.employee_id "
        "JOIN cat_accrual_types t ON t.id = l.accrual_type_id "
        "WHERE e.name = 'Nina Frolova' AND t.kind = 'salary' ORDER BY h.month"
    )
    assert (nina[0]["days"], nina[0]["accrued"]) == (11, D("25142.86"))
    assert nina[1]["accrued"] == D("48000.00")
    # a sheet of the whole organization posts each line under its employee's department
    by_dept = s.rows(
        "SELECT d.name, count(DISTINCT r.employee_id) AS n FROM reg_payroll r "
        "JOIN cat_departments d ON d.id = r.department_id GROUP BY d.name ORDER BY d.name"
    )
    assert [(r["name"], r["n"]) for r in by_dept] == [("Office", 3), ("Warehouse", 2)]
