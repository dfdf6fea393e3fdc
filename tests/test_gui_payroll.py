"""The payroll sheet's generic form: "Fill" computes the month's lines, a typed amount is
recalculated live (total, tax, net), and posting writes what is owed."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtGui import QAction

from tests.gui_support import WAIT, make_window
from tests.payroll_helpers import staff
from tests.test_gui_object_form import new_form, wait_idle

pytestmark = pytest.mark.usefixtures("gui_isolation")


def test_payroll_sheet_fills_recalculates_and_posts(qtbot, world):
    s = staff(world)
    w = make_window(qtbot, world.db.engine)
    form = new_form(qtbot, w, "payroll_sheet")
    form.header.editors["department"].set_value({"id": s.dept, "name": "Office"})
    form.header.editors["month"].setDate(QDate(2026, 11, 1))
    form.header.editors["date"].setDateTime(QDateTime(QDate(2026, 11, 30), QTime(18, 0)))
    form.findChild(QAction, "command_fill_payroll").trigger()
    qtbot.waitUntil(lambda: len(form.lines.rows) == 3, timeout=WAIT)
    names = [r["employee"]["name"] for r in form.lines.rows]
    assert names == ["Anna Ivanova", "Boris Petrov", "Clara Smirnova"]
    cols = [f.name for f in form.lines.table.fields]
    accrued, net = cols.index("accrued"), cols.index("net")
    assert form.lines.data(form.lines.index(1, net)) in ("14833.00", "14 833.00", "14,833.00")
    form.lines.setData(form.lines.index(1, accrued), "17000")  # Boris, typed by hand
    shown = form.lines.data(form.lines.index(1, net)).replace(" ", "").replace(",", "")
    assert shown == "14790.00"  # 17 000 − round(2 210.00) NDFL
    form.post()
    qtbot.waitUntil(lambda: form.doc_id is not None and form.posted, timeout=WAIT)
    wait_idle(qtbot, w)
    owed = world.regs.balance("employee_settlements", employee=s.boris)["amount"]
    assert owed == Decimal("14790")
    assert world.regs.balance("employee_settlements", employee=s.anna)["amount"] == Decimal(
        "35409.44"
    )
