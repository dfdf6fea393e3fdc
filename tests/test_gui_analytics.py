"""CRM → Analytics in real widgets (offscreen): the ABC of customers shown as a table and a
chart, exported to Excel with a native chart; the funnel asks for nothing it cannot have."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate

from server.api import new_document
from tests.gui_support import WAIT, make_window
from tests.helpers import sale

pytestmark = pytest.mark.usefixtures("gui_isolation")


def test_abc_of_customers_as_table_chart_and_workbook(qtbot, world, tmp_path):
    from forms.analytics_form import AnalyticsForm

    s = world.session
    world.docs.save(
        "goods_receipt",
        new_document(organization=world.org, warehouse=world.wh, date="2026-03-01T08:00:00",
                     lines=[{"product": world.products[0], "quantity": "10", "price": "1"}]),
        post=True,
    )  # fmt: skip
    second = s.scalar(
        "INSERT INTO cat_partners(name) VALUES ('Second') RETURNING id",
    )
    c2 = s.scalar(
        "INSERT INTO cat_counterparties(name, partner_id) VALUES ('Second LLC', :p) RETURNING id",
        p=second,
    )
    sale(world, "2026-03-10T10:00:00", world.customer, world.products[0], "1", "900")
    sale(world, "2026-03-10T10:00:00", c2, world.products[0], "1", "100")
    w = make_window(qtbot, world.db.engine)
    w.select_section("crm")
    assert "Analytics" in w.nav_titles()
    form = w.open_admin("analytics")
    assert isinstance(form, AnalyticsForm)
    form.kind.setCurrentIndex(form.kind.findData("abc_customers"))
    assert form.t1.isVisible() and form.t1.value() == 80
    form.start.setDate(QDate(2026, 3, 1))
    form.end.setDate(QDate(2026, 3, 31))
    with qtbot.waitSignal(form.shown, timeout=WAIT):
        form.generate.click()
    table = form.table
    assert table.rowCount() == 2
    cells = [[table.item(i, j).text() for j in range(table.columnCount())] for i in range(2)]
    assert cells[0][0] == "Customer One" and cells[0][-1] == "A"
    assert cells[1][0] == "Second" and cells[1][-1] == "B"  # 90 % before it: B (< 95 %)
    axes = form.chart.figure.axes
    assert axes and len(axes[0].patches) == 2  # two bars, plus the cumulative line
    target = tmp_path / "abc.xlsx"
    with qtbot.waitSignal(form.exported, timeout=WAIT):
        form.export_to_excel(str(target))
    ws = load_workbook(target).active
    assert ws.cell(4, 1).value == "Customer One"
    assert ws.cell(4, 2).value == Decimal("900") or ws.cell(4, 2).value == 900
    assert ws.cell(5, 5).value == "B"
    assert ws.freeze_panes == "A4" and ws.auto_filter.ref == "A3:E5"
    assert len(ws._charts) == 1


def test_funnel_without_deal_types_says_so(qtbot, world):
    w = make_window(qtbot, world.db.engine)
    w.select_section("crm")
    form = w.open_admin("analytics")
    qtbot.waitUntil(lambda: not form.busy, timeout=WAIT)
    form.kind.setCurrentIndex(form.kind.findData("funnel"))
    form.generate.click()
    assert "Choose a deal type" in form.message_bar.message()
    form.kind.setCurrentIndex(form.kind.findData("kpis"))
    form.end.setDate(QDate(2020, 1, 1))
    form.generate.click()
    assert "ends" in form.message_bar.message() and "before it starts" in form.message_bar.message()
    today = dt.date.today()
    form.start.setDate(QDate(today.year, 1, 1))
    form.end.setDate(QDate(today.year, today.month, today.day))
    with qtbot.waitSignal(form.shown, timeout=WAIT):
        form.generate.click()
    assert "No data" in form.message_bar.message()
