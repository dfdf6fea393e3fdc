"""The payroll sheet's form: "Fill" computes the month's accruals, deductions and summary, a
typed amount is followed live (percentage bonus, tax, net), and posting writes what is owed."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtGui import QAction

from forms.formatting import decimal_text
from tests.gui_support import WAIT, make_window
from tests.payroll_helpers import staff
from tests.test_gui_object_form import new_form, wait_idle

pytestmark = pytest.mark.usefixtures("gui_isolation")


def _money(model, row: int, name: str) -> str:
    col = [f.name for f in model.table.fields].index(name)
    return model.data(model.index(row, col)).replace(" ", "").replace(",", "").replace("\u00a0", "")


def _no_amount_elided(qtbot, w, form) -> None:
    """In a 1200 px window every amount of every section shows whole."""
    from server.metadata import Number

    w.resize(1200, 700)
    for i, (name, grid) in enumerate(form.grids.items()):
        form.section_tabs.setCurrentIndex(i)
        qtbot.waitUntil(grid.isVisible, timeout=WAIT)
        grid.columns.fit()
        model, fm = form.models[name], grid.fontMetrics()
        for c, f in enumerate(model.table.fields):
            if not isinstance(f, Number):
                continue
            for r in range(model.rowCount()):
                text = model.data(model.index(r, c)) or ""
                assert fm.horizontalAdvance(text) < grid.columnWidth(c), (name, f.name, text)
    form.section_tabs.setCurrentIndex(0)


def test_payroll_sheet_fills_recalculates_and_posts(qtbot, world):
    """Fill gives each accrual and deduction of an employee a row; Anna's salary typed as
    30 000 by hand: her 10 % bonus, her tax and her net follow while typing; posting writes
    what is owed."""
    s = staff(world)
    w = make_window(qtbot, world.db.engine)
    form = new_form(qtbot, w, "payroll_sheet")
    form.header.editors["department"].set_value({"id": s.dept, "name": "Office"})
    form.header.editors["month"].setDate(QDate(2026, 11, 1))
    form.header.editors["date"].setDateTime(QDateTime(QDate(2026, 11, 30), QTime(18, 0)))
    form.findChild(QAction, "command_fill_payroll").trigger()
    acc, ded, emp = (form.models[n] for n in ("accruals", "deductions", "employees"))
    qtbot.waitUntil(lambda: len(acc.rows) == 5 and not form.busy, timeout=WAIT)
    rows = [(r["employee"]["name"], r["accrual_type"]["name"]) for r in acc.rows]
    assert rows == [
        ("Anna Ivanova", "Salary"),
        ("Anna Ivanova", "Performance bonus"),
        ("Boris Petrov", "Salary"),
        ("Clara Smirnova", "Hourly pay"),
        ("Clara Smirnova", "Bonus"),
    ]
    assert [r["employee"]["name"] for r in ded.rows] == [
        "Anna Ivanova",
        "Boris Petrov",
        "Clara Smirnova",
    ]
    assert len(ded.rows) == 3 and len(emp.rows) == 3
    assert _money(emp, 1, "net") == "14833.00"
    assert not emp.flags(emp.index(0, 1)) & Qt.ItemFlag.ItemIsEditable  # the summary is computed
    col = [f.name for f in acc.table.fields].index("amount")
    acc.setData(acc.index(0, col), "30000")  # Anna's salary, typed by hand
    assert _money(acc, 1, "base") == "30000.00" and _money(acc, 1, "amount") == "3000.00"
    assert _money(ded, 0, "base") == "33000.00" and _money(ded, 0, "amount") == "4290.00"
    assert _money(emp, 0, "accrued") == "33000.00" and _money(emp, 0, "net") == "28710.00"
    assert form.totals.text().startswith("Lines: 5")  # the totals line sums the section shown
    form.section_tabs.setCurrentIndex(1)
    assert form.totals.text().startswith("Lines: 3")
    assert f"Amount: {decimal_text(ded.totals()['amount'], 2)}" in form.totals.text()
    form.section_tabs.setCurrentIndex(0)
    acc.setData(acc.index(2, col), "1234567.89")  # Boris: wider than any sample
    assert _money(emp, 1, "net") == "1074073.89"  # − 160 493.83 → 160 494 NDFL (13 %)
    _no_amount_elided(qtbot, w, form)
    acc.setData(acc.index(2, col), "17050.00")
    form.post()
    qtbot.waitUntil(lambda: form.doc_id is not None and form.posted, timeout=WAIT)
    wait_idle(qtbot, w)
    owed = world.regs.balance("employee_settlements", employee=s.anna)["amount"]
    assert owed == Decimal("28710")
    assert world.regs.balance("employee_settlements", employee=s.boris)["amount"] == Decimal(
        "14833"
    )


def test_pay_rates_form_shows_terms_and_sets_a_raise(qtbot, world):
    from forms.pay_rates_form import VALUE, PayRatesForm

    s = staff(world)
    w = make_window(qtbot, world.db.engine)
    w.select_section("payroll")
    assert "Pay rates" in w.nav_titles()
    form = w.open_admin("pay_rates")
    assert isinstance(form, PayRatesForm)
    qtbot.waitUntil(lambda: form.kind.count() == 4, timeout=WAIT)
    form.kind.setCurrentIndex(form.kind.findData(s.salary))
    form.date.setDate(QDate(2026, 12, 1))

    def anna() -> str:
        cell = form.table.item(0, VALUE) if form.rows else None
        return cell.text().replace(" ", "").replace(",", "") if cell else ""

    qtbot.waitUntil(lambda: anna() == "40001.00", timeout=WAIT)
    assert [r["name"] for r in form.rows] == ["Anna Ivanova", "Boris Petrov", "Eve Kuznetsova"]
    assert form.table.item(0, 3).text() == "2026-11-16"
    form.table.item(1, VALUE).setText("35000")  # Boris: a raise from 1 December
    qtbot.waitUntil(lambda: not form.busy and form.isEnabled(), timeout=WAIT)
    qtbot.waitUntil(lambda: form.rows and form.rows[1]["amount"] == Decimal("35000"), timeout=WAIT)
    hist = world.session.rows(
        "SELECT period, amount FROM inf_employee_terms WHERE employee_id = :e ORDER BY period",
        e=s.boris,
    )
    assert [(str(r["period"]), r["amount"]) for r in hist] == [
        ("2026-11-15", Decimal("31000.00")),
        ("2026-12-01", Decimal("35000.00")),
    ]


def test_work_calendar_form_fills_a_year_and_marks_a_holiday(qtbot, world):
    from PySide6.QtCore import Qt

    from forms.work_calendar_form import HOURS, WORKING, WorkCalendarForm

    w = make_window(qtbot, world.db.engine)
    form = w.open_admin("work_calendar")
    assert isinstance(form, WorkCalendarForm)
    form.month.setDate(QDate(2027, 5, 1))
    qtbot.waitUntil(lambda: not form.busy, timeout=WAIT)
    assert form.table.rowCount() == 0
    form.fill.click()
    qtbot.waitUntil(lambda: form.table.rowCount() == 31, timeout=WAIT)
    s = world.session
    assert s.scalar("SELECT count(*) FROM inf_work_calendar WHERE working") == 261  # 2027
    # 3 May 2027 (a Monday) becomes a holiday; 8 May (a Saturday) a working 7-hour day
    form.table.item(2, WORKING).setCheckState(Qt.CheckState.Unchecked)
    qtbot.waitUntil(
        lambda: not s.scalar("SELECT working FROM inf_work_calendar WHERE period = '2027-05-03'"),
        timeout=WAIT,
    )
    qtbot.waitUntil(lambda: form.isEnabled() and not form.busy, timeout=WAIT)
    form.table.item(7, WORKING).setCheckState(Qt.CheckState.Checked)
    qtbot.waitUntil(lambda: form.isEnabled() and not form.busy, timeout=WAIT)
    qtbot.waitUntil(lambda: form.table.item(7, HOURS).text() == "8", timeout=WAIT)
    form.table.item(7, HOURS).setText("7")
    qtbot.waitUntil(
        lambda: s.scalar("SELECT hours FROM inf_work_calendar WHERE period = '2027-05-08'") == 7,
        timeout=WAIT,
    )
    assert s.scalar("SELECT hours FROM inf_work_calendar WHERE period = '2027-05-03'") == 0


def test_a_sales_manager_sees_no_payroll_in_the_client(qtbot, world):
    import uuid

    from sqlalchemy import create_engine

    from server.users import add_user

    staff(world)
    name = f"sm_{uuid.uuid4().hex[:6]}"
    admin = create_engine(world.db.url, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        add_user(c, name, "sales_manager", "secret-pw")
    engine = world.db.engine_as(name, "secret-pw")
    try:
        w = make_window(qtbot, engine)
        titles = w.section_titles()
        assert "Sales" in titles and "Payroll" not in titles
        w.select_section("reports")
        assert "Payroll: turnover" not in w.nav_titles()
        assert "Sales: turnover" in w.nav_titles()
        w.close()
    finally:
        engine.dispose()
        with admin.connect() as c:
            c.exec_driver_sql(f'DROP OWNED BY "{name}"; DROP ROLE "{name}"')
        admin.dispose()
