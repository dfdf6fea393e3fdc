"""Payroll: proration by working days across a raise, a mid-month hire and a termination,
NDFL rounded to whole roubles (half-up), hand edits recalculated, posting to the payroll
register and settlements, and salary payments never paying more than is owed.

Hand computation (November 2026: 20 working days, 4 November a holiday):
- Anna: 33 333 for 2–13 Nov (9 working days) + 40 001 for 16–30 Nov (11):
  round(33333 × 9 / 20, 2) = 14 999.85; round(40001 × 11 / 20, 2) = 22 000.55 → 37 000.40;
  bonus 10 % = 3 700.04; total 40 700.44; tax 13 % = 5 291.0572 → 5 291; net 35 409.44.
- Boris (hired Sunday 15 Nov): 31000 × 11 / 20 = 17 050.00; tax 2 216.50 → 2 217 (half-up);
  net 14 833.00.
- Clara (hourly 500.50, terminated 10 Nov): 2,3,5,6,9,10 Nov = 6 days × 8 h = 48 h → 24 024.00;
  fixed bonus 1 000; total 25 024.00; tax 3 253.12 → 3 253; net 21 771.00.
- Dan (terminated in October) and Eve (another department) are not on the sheet.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from server.api.payroll import Calendar, base_pay, owed_lines, payroll_sections, segments
from server.config.documents.payroll_rules import by_employee
from server.errors import KontoraError
from tests.payroll_helpers import NOV, payment, sheet, staff


def _filled(world, s, **extra):
    header = {"organization": world.org, "department": s.dept, "month": "2026-11-01", **extra}
    return payroll_sections(world.session, None, header)


def _rows(rows):
    """{(first name, type name): row}"""
    return {
        (
            r["employee"]["name"].split()[0],
            r.get("accrual_type", r.get("deduction_type"))["name"],
        ): r
        for r in rows
    }


def test_fill_prorates_a_raise_a_hire_and_a_termination(world):
    s = staff(world)
    got = _filled(world, s)
    acc, ded = _rows(got["accruals"]), _rows(got["deductions"])
    assert sorted(acc) == [
        ("Anna", "Performance bonus"),
        ("Anna", "Salary"),
        ("Boris", "Salary"),
        ("Clara", "Bonus"),
        ("Clara", "Hourly pay"),
    ]
    a = acc[("Anna", "Salary")]
    assert (a["days"], a["amount"], a["rate"]) == (20, D("37000.40"), D("40001"))
    bonus = acc[("Anna", "Performance bonus")]
    assert (bonus["base"], bonus["percent"], bonus["amount"]) == (
        D("37000.40"),
        D("10"),
        D("3700.04"),
    )
    b, c = acc[("Boris", "Salary")], acc[("Clara", "Hourly pay")]
    assert (b["days"], b["amount"]) == (11, D("17050.00"))
    assert (c["days"], c["hours"], c["amount"]) == (6, D("48"), D("24024.00"))
    assert acc[("Clara", "Bonus")]["amount"] == D("1000")
    tax = {k[0]: (r["base"], r["rate"], r["amount"]) for k, r in ded.items()}
    assert tax == {
        "Anna": (D("40700.44"), D("13"), D("5291")),
        "Boris": (D("17050.00"), D("13"), D("2217")),
        "Clara": (D("25024.00"), D("13"), D("3253")),
    }
    net = {
        p.employee["name"].split()[0]: p.net
        for p in by_employee(got["accruals"], got["deductions"])
    }
    assert net == {"Anna": D("35409.44"), "Boris": D("14833.00"), "Clara": D("21771.00")}
    assert all(r["deduction_type"]["id"] == s.tax for r in got["deductions"])


def test_segments_and_rounding_per_segment():
    """Each segment is rounded on its own (half-up), then summed."""
    cal = Calendar({dt.date(2026, 11, d): D(8) for d in (2, 3, 5)})
    terms = [(dt.date(2026, 1, 1), D("100.01"), D(0)), (dt.date(2026, 11, 3), D("100.03"), D(0))]
    segs = segments(terms, NOV, dt.date(2026, 11, 30))
    assert [(g.start.day, g.end.day, g.amount) for g in segs] == [
        (1, 2, D("100.01")),
        (3, 30, D("100.03")),
    ]
    # 100.01 × 1/3 = 33.336… → 33.34; 100.03 × 2/3 = 66.686… → 66.69
    assert base_pay("salary", segs, cal, 3) == D("100.03")
    assert base_pay("hourly", segs, cal, 3) == D("800.08") + D("1600.48")


def test_posting_payroll_register_and_settlements(world):
    s = staff(world)
    doc = sheet(world, s)
    assert doc["posted"]
    rows = world.session.rows(
        "SELECT sum(accrued) AS a, sum(deducted) AS d FROM reg_payroll "
        "WHERE recorder_type = 'payroll_sheet' AND recorder_id = :i",
        i=doc["id"],
    )[0]
    assert (rows["a"], rows["d"]) == (D("82774.44"), D("10761"))
    by_type = world.session.rows(
        "SELECT accrual_type_id AS t, sum(accrued) AS a FROM reg_payroll "
        "WHERE accrued <> 0 GROUP BY 1 ORDER BY 1"
    )
    assert {r["t"]: r["a"] for r in by_type} == {
        s.salary: D("54050.40"),
        s.hourly: D("24024.00"),
        s.fixed: D("1000"),
        s.percent: D("3700.04"),
    }
    owed = {
        r["employee_id"]: r["amount"]
        for r in world.session.rows("SELECT * FROM reg_employee_settlements_balance")
    }
    assert owed == {s.anna: D("35409.44"), s.boris: D("14833.00"), s.clara: D("21771.00")}


def test_hand_edit_follows_and_a_stale_sheet_is_refused(world):
    """Anna's salary typed as 30 000: her 10 % bonus (3 000), tax (13 % of 33 000 = 4 290) and
    net (28 710) follow; her row left without a department posts under her own. Her bonus
    left stale through the API is refused, naming her and the numbers."""
    s = staff(world)
    typed = {"amount": "30000", "department": None}
    doc = sheet(world, s, edits={(s.anna, s.salary): typed})
    rows = world.session.rows(
        "SELECT base, amount FROM doc_payroll_sheet_accruals "
        "WHERE doc_id = :i AND employee_id = :e "
        "AND accrual_type_id = :t",
        i=doc["id"],
        e=s.anna,
        t=s.percent,
    )
    assert [(r["base"], r["amount"]) for r in rows] == [(D("30000"), D("3000.00"))]
    assert world.regs.balance("employee_settlements", employee=s.anna)["amount"] == D("28710")
    deps = world.session.rows(
        "SELECT DISTINCT department_id AS d FROM reg_payroll WHERE employee_id = :e", e=s.anna
    )
    assert [r["d"] for r in deps] == [s.dept]
    payload = world.docs.read("payroll_sheet", doc["id"])
    row = next(
        r
        for r in payload["accruals"]
        if r["accrual_type_id"] == s.salary and r["employee_id"] == s.anna
    )
    row["amount"] = D("31000")  # the bonus and the tax left as they were
    with pytest.raises(KontoraError) as e:
        world.docs.save("payroll_sheet", payload, post=True)
    text = str(e.value)
    assert "Anna Ivanova" in text and "Performance bonus" in text
    assert "10% of 31000.00 is 3100.00, not 3000.00 of 30000.00" in text
    assert world.regs.balance("employee_settlements", employee=s.anna)["amount"] == D("28710")


def test_kopeck_rounding_when_the_deduction_type_says_so(world):
    s = staff(world)
    world.session.execute(
        "UPDATE cat_deduction_types SET rounding = 'kopeck' WHERE id = :t", t=s.tax
    )
    tax = {k[0]: r["amount"] for k, r in _rows(_filled(world, s)["deductions"]).items()}
    assert tax["Anna"] == D("5291.06")  # 5 291.0572
    assert tax["Boris"] == D("2216.50")


def test_salary_payment_pays_what_is_owed_and_refuses_more(world):
    s = staff(world)
    sheet(world, s)
    owed = {
        x["employee"]["id"]: x["amount"]
        for x in owed_lines(world.session, None, {"organization": world.org})
    }
    assert owed == {s.anna: D("35409.44"), s.boris: D("14833.00"), s.clara: D("21771.00")}
    payment(world, (s.anna, "35409.44"), (s.boris, "10000"))
    assert world.regs.balance("employee_settlements", employee=s.boris)["amount"] == D("4833")
    with pytest.raises(KontoraError) as e:
        payment(world, (s.boris, "5000.00"), day=6)
    text = str(e.value)
    assert "Boris Petrov" in text and "5000" in text.replace(" ", "").replace(",", "")
    assert "4833.00" in text and "167.00" in text  # available, short by
    assert world.regs.balance("employee_settlements", employee=s.boris)["amount"] == D("4833")


def test_sheet_checks_month_and_department(world):
    s = staff(world)
    doc = sheet(world, s, post=False)
    payload = world.docs.read("payroll_sheet", doc["id"])
    payload["date"] = "2026-12-01T10:00:00"
    with pytest.raises(KontoraError, match="outside its month"):
        world.docs.save("payroll_sheet", payload, post=True)
    payload["date"] = "2026-11-30T18:00:00"
    eve = {**payload["accruals"][0], "employee_id": s.eve, "department_id": None}  # Workshop
    payload["accruals"] = [*payload["accruals"], eve]
    with pytest.raises(KontoraError, match="accruals line 6: employee «Eve Kuznetsova» is not"):
        world.docs.save("payroll_sheet", payload, post=True)
    with pytest.raises(KontoraError, match="Work calendar"):
        payroll_sections(world.session, None, {"organization": world.org, "month": "2027-02-01"})


def test_statement_and_payslips_print(world, tmp_path):
    from pypdf import PdfReader

    from reports.print_form import print_documents, print_forms
    from server.metadata import registry

    s = staff(world)
    world.session.execute(
        "UPDATE cat_organizations SET director = 'Olga Belova', chief_accountant = 'Ivan Sokolov'"
    )
    doc = sheet(world, s)
    assert [f.name for f in print_forms("payroll_sheet")] == ["statement", "payslips"]
    path = print_documents(
        world.session, registry, "payroll_sheet", [doc["id"]], tmp_path / "st.pdf", "statement"
    )
    text = "\n".join(p.extract_text() for p in PdfReader(str(path)).pages).replace("\u00a0", " ")
    assert f"Payroll statement No. {doc['number']} for 11.2026" in text
    assert "Anna Ivanova" in text and "35 409.44" in text
    assert "82 774.44" in text and "10 761.00" in text and "72 013.44" in text  # totals
    assert "Director\nOlga Belova" in text and "Chief accountant\nIvan Sokolov" in text
    assert "Signature" in text
    path = print_documents(
        world.session, registry, "payroll_sheet", [doc["id"]], tmp_path / "ps.pdf", "payslips"
    )
    text = "\n".join(p.extract_text() for p in PdfReader(str(path)).pages).replace("\u00a0", " ")
    assert text.count("Payslip for 11.2026") == 3
    default = print_documents(  # Print (Ctrl+P) without a choice: the statement
        world.session, registry, "payroll_sheet", [doc["id"]], tmp_path / "d.pdf"
    )
    assert "Payroll statement No." in PdfReader(str(default)).pages[0].extract_text()
    assert "Clara Smirnova" in text and "24 024.00" in text and "NDFL 13%" in text
    assert "−3 253.00" in text and "21 771.00" in text
