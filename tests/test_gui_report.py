"""The register report in the client: from the navigation to a figure, its movements, the
document behind one, and the Excel export read back with openpyxl."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from forms.formatting import date_text
from forms.object_form import DocumentForm
from forms.report_form import ReportForm, settings_key
from server.api import Session
from server.api import user_settings as us
from tests.gui_support import WAIT, make_window
from tests.helpers import receipt, shipment, write_off

pytestmark = pytest.mark.usefixtures("gui_isolation")
CTRL = Qt.KeyboardModifier.ControlModifier


def _nav_item(w, title: str):
    nav = w.nav.navigation
    for i in range(nav.topLevelItemCount()):
        group = nav.topLevelItem(i)
        for j in range(group.childCount()):
            if group.child(j).text(0) == title:
                return group.child(j)
    raise AssertionError(f"{title!r} not in {w.nav_titles()}")


def _open_from_navigation(qtbot, w, title: str) -> ReportForm:
    item = _nav_item(w, title)
    nav = w.nav.navigation
    nav.scrollToItem(item)
    qtbot.mouseClick(
        nav.viewport(), Qt.MouseButton.LeftButton, pos=nav.visualItemRect(item).center()
    )
    form = w.tabs.currentWidget()
    assert isinstance(form, ReportForm)
    qtbot.waitUntil(lambda: form.settings_loaded, timeout=WAIT)
    return form


def _generate(qtbot, form: ReportForm, key=Qt.Key.Key_F5, mods=Qt.KeyboardModifier.NoModifier):
    with qtbot.waitSignal(form.generated, timeout=WAIT):
        qtbot.keyClick(form.view, key, mods)


def _row(form: ReportForm, label: str) -> int:
    m = form.model
    return next(i for i in range(m.rowCount()) if m.text(i, 0).strip() == label)


def _cells(form: ReportForm, row: int) -> list[str]:
    return [form.model.text(row, c) for c in range(1, form.model.columnCount())]


def test_stock_report_figure_drill_down_document_and_excel(qtbot, world, tmp_path):
    p0, p1 = world.products[:2]
    first = receipt(world, 2, (p0, "10"), (p1, "4"))
    write_off(world, 5, (p0, "3"))
    sold = shipment(world, 12, (p0, "2"))
    receipt(world, 20, (p1, "1"), wh=world.wh2)
    w = make_window(qtbot, world.db.engine)
    w.select_section("reports")
    assert w.nav_titles() == [
        "Stock: balance and turnover",
        "Expenses: turnover",
        "Reserves: balance and turnover",
        "Free stock: balance and turnover",
        "Sales: turnover",
        "Customer orders: balance and turnover",
        "Orders to ship",
        "Goods expected: balance and turnover",
        "Purchases: turnover",
        "Payroll: turnover",
        "Settlements with employees: balance and turnover",
        "Supplier settlements: balance and turnover",
        "Customer settlements: balance and turnover",
        "Customer debts by age",
        "Supplier debts by age",
    ]
    form = _open_from_navigation(qtbot, w, "Stock: balance and turnover")
    form.setFocus()
    form.panel.set_period(dt.date(2026, 3, 4), dt.date(2026, 3, 31))
    _generate(qtbot, form)

    m = form.model
    heads = [m.heading(c) for c in range(m.columnCount())]
    assert heads[0] == "Warehouse / Product"
    assert heads[1:] == [
        "Quantity\nOpening balance",
        "Quantity\nReceipts",
        "Quantity\nExpenses",
        "Quantity\nClosing balance",
        "Cost\nOpening balance",
        "Cost\nReceipts",
        "Cost\nExpenses",
        "Cost\nClosing balance",
    ]
    main = _row(form, "Main warehouse")
    bolt = main + 1
    assert m.text(bolt, 0) == "    Bolt M4"  # indented under its warehouse
    # receipts at 1.00 a unit: the cost columns repeat the quantities in money
    assert _cells(form, bolt) == ["10", "", "5", "5", "10.00", "", "5.00", "5.00"]
    assert _cells(form, main) == ["14", "", "5", "9", "14.00", "", "5.00", "9.00"]
    assert _cells(form, m.rowCount() - 1) == [
        "14",
        "1",
        "5",
        "10",
        "14.00",
        "1.00",
        "5.00",
        "10.00",
    ]
    assert m.text(m.rowCount() - 1, 0) == "Total"
    assert m.data(m.index(bolt, 1), Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert m.data(m.index(main, 0), Qt.ItemDataRole.FontRole).bold()

    # Enter on the row: its movements in a window of their own.
    form.view.setCurrentIndex(m.index(bolt, 0))
    qtbot.keyClick(form.view, Qt.Key.Key_Return)
    drill = form.drills[-1]
    qtbot.waitUntil(lambda: not drill.busy, timeout=WAIT)
    assert drill.table.rowCount() == 2  # the write-off and the shipment (the receipt was before)
    docs = [drill.table.item(i, 1).text() for i in range(2)]
    assert docs[1] == f"Sales shipment {sold['number']}"
    last = drill.table.columnCount() - 1
    assert [drill.table.item(1, c).text() for c in (last - 1, last)] == ["-2", "-2.00"]
    drill.table.doubleClicked.emit(drill.table.model().index(1, 0))
    opened = w.tabs.currentWidget()
    assert isinstance(opened, DocumentForm)
    assert (opened.name, opened.doc_id) == ("sales_shipment", sold["id"])
    drill.close()

    # Back to the report, grouped by product alone; the settings are remembered for the user.
    w.tabs.setCurrentWidget(form)
    w.activateWindow()  # the drill-down window had the focus
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=WAIT)
    form.panel.set_levels(["product"])
    _generate(qtbot, form, Qt.Key.Key_Return, CTRL)
    assert [m.text(i, 0) for i in range(m.rowCount())] == ["Bolt M4", "Bolt M5", "Total"]
    session = Session(world.db.engine)
    qtbot.waitUntil(
        lambda: (us.get(session, settings_key("stock")) or {}).get("grouping") == ["product"],
        timeout=WAIT,
    )

    # Export, read back.
    with qtbot.waitSignal(form.exported, timeout=WAIT) as written:
        form.export_to_excel(str(tmp_path / "stock.xlsx"))
    path = written.args[0]
    sheet = openpyxl.load_workbook(path).active
    assert sheet["A1"].value == "Stock: balance and turnover"
    period = f"{date_text(dt.date(2026, 3, 4))} – {date_text(dt.date(2026, 3, 31))}"
    assert sheet["A2"].value == f"Period: {period}"
    header = 4
    assert sheet.freeze_panes == f"B{header + 1}"
    assert sheet.cell(header, 2).value == "Quantity\nOpening balance"
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=header + 1)]
    assert rows[0] == ["Bolt M4", 10, 0, 5, 5, 10, 0, 5, 5]
    assert isinstance(rows[0][1], int | float | Decimal)
    assert rows[-1] == ["Total", 14, 1, 5, 10, 14, 1, 5, 10]
    assert sheet.cell(header + len(rows), 1).font.bold
    assert first["number"]


def test_turnover_report_by_month_with_a_group_filter(qtbot, world):
    s = world.session
    group = s.scalar("INSERT INTO cat_products(name, is_group) VALUES ('Bolts', true) RETURNING id")
    p0, p1 = world.products[:2]
    s.execute("UPDATE cat_products SET parent_id = :g WHERE id = :i", g=group, i=p0)
    receipt(world, 2, (p0, "10"), (p1, "10"))
    shipment(world, 3, (p0, "2"), (p1, "1"))
    shipment(world, 4, (p0, "1"))
    w = make_window(qtbot, world.db.engine)
    w.select_section("reports")
    form = _open_from_navigation(qtbot, w, "Sales: turnover")
    assert form.panel.periodicity is not None
    form.panel.set_period(dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    form.panel.set_levels(["product"])
    form.panel.periodicity.setCurrentIndex(form.panel.periodicity.findData("day"))
    form.panel.filters["product"].set_chosen({group: "Bolts"}, {group})
    form.setFocus()
    _generate(qtbot, form)
    m = form.model
    assert [m.heading(c) for c in range(m.columnCount())] == [
        "Product / Period",
        "Quantity",
        "Amount",
        "VAT",
        "Cost",
        "Margin",
        "Margin, %",
    ]
    texts = [[m.text(i, c) for c in range(3)] for i in range(m.rowCount())]
    assert texts == [
        ["Bolt M4", "3", "6.00"],
        ["    " + date_text(dt.date(2026, 3, 3)), "2", "4.00"],
        ["    " + date_text(dt.date(2026, 3, 4)), "1", "2.00"],
        ["Total", "3", "6.00"],
    ]
    assert form.panel.describe()[1] == "Product: Bolts (group)"

    # A report can be a favorite, and opens from there.
    fav = w.favorites
    qtbot.waitUntil(lambda: fav.loaded, timeout=WAIT)
    fav.toggle_action.trigger()
    assert fav.entry_titles(fav.favorites_menu) == ["Sales: turnover"]
    w.close_tab(w.tabs.indexOf(form))
    next(a for a in fav.favorites_menu.actions() if a.text() == "Sales: turnover").trigger()
    assert isinstance(w.tabs.currentWidget(), ReportForm)


def test_free_stock_report_reads_stock_and_reserves(qtbot, world):
    """Free stock has no movements of its own (stock − reserves, views): its report and a
    figure's movements show the stock's and the reserves' rows, the reserve's negated."""
    from tests.sales_helpers import order, ship_order

    a = world.products[0]
    receipt(world, 2, (a, "10"))
    so = order(world, 3, (a, "6", "1.00", "6"))
    ship_order(world, so["id"], 12, {a: "4"})  # 4 of the 6 reserved: free stock moves ±4
    w = make_window(qtbot, world.db.engine)
    w.select_section("reports")
    form = _open_from_navigation(qtbot, w, "Free stock: balance and turnover")
    form.setFocus()
    form.panel.set_period(dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    _generate(qtbot, form)
    bolt = _row(form, "Main warehouse") + 1
    assert form.model.text(bolt, 0).strip() == "Bolt M4"
    # 10 received + 4 the shipment took off the reserve; 6 reserved + 4 shipped; 10 − 6 left
    assert _cells(form, bolt) == ["", "14", "10", "4"]
    form.view.setCurrentIndex(form.model.index(bolt, 0))
    qtbot.keyClick(form.view, Qt.Key.Key_Return)
    drill = form.drills[-1]
    qtbot.waitUntil(lambda: not drill.busy, timeout=WAIT)
    last = drill.table.columnCount() - 1
    moved = sorted(
        (drill.table.item(i, 1).text().split()[0], drill.table.item(i, last).text())
        for i in range(drill.table.rowCount())
    )
    assert moved == [("Goods", "10"), ("Sales", "-4"), ("Sales", "-6"), ("Sales", "4")]
    drill.close()
