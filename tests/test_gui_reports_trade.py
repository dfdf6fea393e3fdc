"""A trade report in the client: customer debts by age from the navigation, the document
behind a debt, the advance row, the Excel export; orders to ship open their order."""

from __future__ import annotations

import openpyxl
import pytest
from PySide6.QtCore import QDate, Qt

from forms.object_form import DocumentForm
from forms.trade_report_form import TradeReportForm
from server.api import new_document
from tests.gui_support import WAIT, make_window
from tests.helpers import at, receipt, shipment
from tests.sales_helpers import order

pytestmark = pytest.mark.usefixtures("gui_isolation")


def _open(qtbot, w, section: str, title: str) -> TradeReportForm:
    w.select_section(section)
    assert title in w.nav_titles()
    nav = w.nav.navigation
    item = next(
        nav.topLevelItem(i).child(j)
        for i in range(nav.topLevelItemCount())
        for j in range(nav.topLevelItem(i).childCount())
        if nav.topLevelItem(i).child(j).text(0) == title
    )
    nav.scrollToItem(item)
    qtbot.mouseClick(
        nav.viewport(), Qt.MouseButton.LeftButton, pos=nav.visualItemRect(item).center()
    )
    form = w.tabs.currentWidget()
    assert isinstance(form, TradeReportForm)
    return form


def test_customer_aging_from_navigation_opens_the_debt_and_exports(qtbot, world, tmp_path):
    w0, a = world, world.products[0]
    receipt(w0, 1, (a, "10"))
    s1 = shipment(w0, 2, (a, "5"))  # 10.00, no payment terms: due the same day
    w0.docs.save(
        "customer_payment",
        new_document(
            organization=w0.org,
            partner=w0.partner,
            counterparty=w0.customer,
            date=at(3),
            amount="4.00",
        ),
        post=True,
    )
    w = make_window(qtbot, world.db.engine)
    form = _open(qtbot, w, "finance", "Customer debts by age")
    qtbot.waitUntil(lambda: form.settings_loaded, timeout=WAIT)
    assert form.panel.date_from.isHidden() and not form.panel.date_to.isHidden()
    form.panel.date_to.setDate(QDate(2026, 4, 15))  # 44 days after the shipment
    with qtbot.waitSignal(form.generated, timeout=WAIT):
        qtbot.keyClick(form.view, Qt.Key.Key_F5)
    m = form.model
    heads = [m.heading(c) for c in range(m.columnCount())]
    assert heads == [
        "Partner / Counterparty / Document",
        "Debt",
        "Not due",
        "0–30 days",
        "31–60 days",
        "61–90 days",
        "Over 90 days",
        "Advance",
    ]
    row = next(i for i in range(m.rowCount()) if m.text(i, 0).strip().startswith(s1["number"]))
    assert [m.text(row, c) for c in range(1, 8)] == ["6.00", "", "", "6.00", "", "", ""]
    assert m.text(m.rowCount() - 1, 0) == "Total"

    form.view.setCurrentIndex(m.index(row, 0))
    qtbot.keyClick(form.view, Qt.Key.Key_Return)
    doc = w.tabs.currentWidget()
    assert isinstance(doc, DocumentForm) and doc.name == "sales_shipment"

    path = str(tmp_path / "aging.xlsx")
    with qtbot.waitSignal(form.exported, timeout=WAIT):
        form.export_to_excel(path)
    ws = openpyxl.load_workbook(path).active
    cells = [c for r in ws.iter_rows(values_only=True) for c in r if c is not None]
    assert "Customer debts by age" in cells and 6 in cells


def test_orders_to_ship_in_the_sales_section_open_the_order(qtbot, world):
    a = world.products[0]
    receipt(world, 1, (a, "10"))
    so = order(world, 2, (a, "5", "10.00", "2"))
    w = make_window(qtbot, world.db.engine)
    form = _open(qtbot, w, "sales", "Orders to ship")
    qtbot.waitUntil(lambda: form.settings_loaded, timeout=WAIT)
    with qtbot.waitSignal(form.generated, timeout=WAIT):
        form.generate()
    m = form.model
    assert m.text(1, 0).strip() == "Bolt M4"
    assert [m.text(1, c) for c in range(1, 7)] == ["5", "2", "", "5", "50.00", ""]
    assert form.open_row(0) == ("sales_order", so["id"])
    doc = w.tabs.currentWidget()
    assert isinstance(doc, DocumentForm) and doc.name == "sales_order"
