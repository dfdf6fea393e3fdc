"""Migration 0019 (payroll sheet sections): a posted sheet taken back to the one-line layout
(0015) and up again keeps every amount, and its movements are still exactly what its posting
writes (the consistency check finds nothing); it can be re-posted."""

from __future__ import annotations

from server.check import check
from tests.payroll_helpers import sheet, staff
from tests.test_metadata import _migrate


def _amounts(world, doc_id: int) -> dict:
    s = world.session
    acc = s.rows(
        "SELECT employee_id AS e, accrual_type_id AS t, amount FROM doc_payroll_sheet_accruals "
        "WHERE doc_id = :i ORDER BY 1, 2",
        i=doc_id,
    )
    ded = s.rows(
        "SELECT employee_id AS e, deduction_type_id AS t, amount "
        "FROM doc_payroll_sheet_deductions WHERE doc_id = :i ORDER BY 1, 2",
        i=doc_id,
    )
    emp = s.rows(
        "SELECT employee_id AS e, accrued, deducted, net FROM doc_payroll_sheet_employees "
        "WHERE doc_id = :i ORDER BY 1",
        i=doc_id,
    )
    return {"accruals": acc, "deductions": ded, "employees": emp}


def test_sheets_survive_the_way_down_and_up(world):
    s = staff(world)
    doc = sheet(world, s)
    before = _amounts(world, doc["id"])
    _migrate(world.db, "0015", down=True)
    old = world.session.rows(
        "SELECT employee_id, accrued, bonus, tax, net FROM doc_payroll_sheet_lines ORDER BY line_no"
    )
    assert [(r["employee_id"], r["net"]) for r in old] == [
        (e["e"], e["net"]) for e in before["employees"]
    ]
    _migrate(world.db, "head")
    assert _amounts(world, doc["id"]) == before
    assert check(world.db.engine) == []
    payload = world.docs.read("payroll_sheet", doc["id"])
    world.docs.save("payroll_sheet", payload, post=True)  # the carried-over sheet re-posts
    assert check(world.db.engine) == []
