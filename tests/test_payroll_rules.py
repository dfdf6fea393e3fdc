"""The payroll sheet's recalculation rule across rows: the client's side (Python,
server/config/documents/payroll_rules.py) and PostgreSQL's (kontora.payroll_sheet_expected,
which the posting checks) give every computed row the same base and amount."""

from __future__ import annotations

import re
from decimal import Decimal as D

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from server.api import new_document
from server.config.documents.payroll_rules import Kinds, expected, recalculate, summary
from server.errors import KontoraError
from tests.payroll_helpers import ins, sheet, staff

KINDS = Kinds(
    {1: "salary", 2: "fixed_bonus", 3: "percent_bonus", 4: "percent_bonus"},
    {7: "rouble", 8: "kopeck"},
)


def test_hand_computed_examples():
    """Salary 30 000 + fixed bonus 2 000.50; a 10 % and a 2.5 % bonus on those 32 000.50
    (3 200.05 and 800.0125 → 800.01); NDFL 13 % of 36 000.56 = 4 680.0728 → 4 680 (whole
    roubles), a kopeck tax of 1.5 % = 540.0084 → 540.01; another deduction typed: 100."""
    acc = [
        {"employee": 5, "accrual_type": 1, "amount": "30000"},
        {"employee": 5, "accrual_type": 3, "percent": "10", "amount": "1"},
        {"employee": 5, "accrual_type": 2, "amount": D("2000.50")},
        {"employee": 5, "accrual_type": 4, "percent": "2.5", "amount": None},
        {"employee": 6, "accrual_type": 4, "amount": "77"},  # no percent: typed by hand
    ]
    ded = [
        {"employee": 5, "deduction_type": 7, "rate": "13", "amount": "0"},
        {"employee": 5, "deduction_type": 8, "rate": "1.5", "amount": "0"},
        {"employee": 5, "deduction_type": 9, "amount": "100"},  # another deduction
        {"employee": 6, "deduction_type": 7, "rate": "13", "amount": "0"},
    ]
    changed = recalculate(acc, ded, KINDS)
    assert (acc[1]["base"], acc[1]["amount"]) == (D("32000.50"), D("3200.05"))
    assert acc[3]["amount"] == D("800.01") and acc[4]["amount"] == "77"
    assert [r["amount"] for r in ded] == [D("4680"), D("540.01"), "100", D("10")]  # 13 % of 77
    assert ("accruals", 4) not in changed and ("deductions", 2) not in changed
    assert summary(acc, ded) == [
        {"employee": 5, "accrued": D("36000.56"), "deducted": D("5320.01"), "net": D("30680.55")},
        {"employee": 6, "accrued": D("77"), "deducted": D("10"), "net": D("67")},
    ]
    assert recalculate(acc, ded, KINDS) == []  # stable


@pytest.fixture
def types(world):
    s = staff(world)
    kopeck = ins(
        world,
        "INSERT INTO cat_deduction_types(name, kind, rate, rounding) "
        "VALUES ('Tax in kopecks', 'income_tax', 15, 'kopeck')",
    )
    other = ins(
        world,
        "INSERT INTO cat_deduction_types(name, kind, rounding) "
        "VALUES ('Alimony', 'other', 'rouble')",
    )
    return s, kopeck, other


money = st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False)
percent = st.one_of(st.none(), st.decimals(min_value=0, max_value=100, places=3))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_postgres_and_python_agree(world, types, data):
    s, kopeck, other = types
    people = (s.anna, s.boris, s.clara)
    acc = data.draw(
        st.lists(
            st.fixed_dictionaries(
                {
                    "employee": st.sampled_from(people),
                    "accrual_type": st.sampled_from((s.salary, s.hourly, s.fixed, s.percent)),
                    "percent": percent,
                    "amount": money,
                }
            ),
            min_size=1,
            max_size=6,
        )
    )
    ded = data.draw(
        st.lists(
            st.fixed_dictionaries(
                {
                    "employee": st.sampled_from(people),
                    "deduction_type": st.sampled_from((s.tax, kopeck, other)),
                    "rate": percent,
                    "amount": money,
                }
            ),
            max_size=4,
        )
    )
    doc = world.docs.save(
        "payroll_sheet",
        new_document(
            organization=world.org,
            month="2026-11-01",
            date="2026-11-30T18:00:00",
            accruals=acc,
            deductions=ded,
            employees=[],
        ),
    )
    rows = world.session.rows(
        "SELECT section, line_no, base, amount FROM payroll_sheet_expected(:i)", i=doc["id"]
    )
    got = {(r["section"], r["line_no"] - 1): (r["base"], r["amount"]) for r in rows}
    kinds = Kinds(
        {
            s.salary: "salary",
            s.hourly: "hourly",
            s.fixed: "fixed_bonus",
            s.percent: "percent_bonus",
        },
        {s.tax: "rouble", kopeck: "kopeck"},
    )
    want_acc, want_ded = expected(acc, ded, kinds)
    want = {**{("accruals", i): v for i, v in want_acc.items()}}
    want.update({("deductions", i): v for i, v in want_ded.items()})
    assert got == want


def test_posting_refuses_a_stale_summary(world):
    s = staff(world)
    doc = sheet(world, s, post=False)
    payload = world.docs.read("payroll_sheet", doc["id"])
    boris = next(r for r in payload["employees"] if r["employee_id"] == s.boris)
    boris["accrued"] = D("20000")
    with pytest.raises(KontoraError) as e:
        world.docs.save("payroll_sheet", payload, post=True)
    assert (
        "employee «Boris Petrov» accrued 20000.00 and deducted 2217.00, but the sheet's "
        "accruals sum to 17050.00 and its deductions to 2217.00" in str(e.value)
    )
    payload["employees"] = [r for r in payload["employees"] if r["employee_id"] != s.boris]
    with pytest.raises(
        KontoraError, match=re.escape("employees line 0: employee «Boris Petrov» accrued 0.00")
    ):
        world.docs.save("payroll_sheet", payload, post=True)
