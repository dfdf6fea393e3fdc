"""A trade report in the client: customer debts by age from the navigation, the document
behind a debt, the advance row, the Excel export; orders to ship open their order."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl
import pytest
from PySide6.QtCore import QDate, Qt

from forms.doc_ref_edit import DocChooser, DocRefEdit
from forms.formatting import date_text
from forms.object_form import DocumentForm
from forms.report_form import settings_key
from forms.trade_report_form import TradeReportForm
from server.api import Session, new_document
from server.api import user_settings as us
from tests.gui_support import WAIT, make_window
from tests.helpers import at, receipt, shipment
from tests.sales_helpers import order, ship_order
from tests.test_gui_ref_create import when_modal

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


def _pick_order(qtbot, dialog: DocChooser, number: str) -> None:
    model = dialog.list.model
    qtbot.waitUntil(lambda: model.rowCount() > 0 and not model.loading, timeout=WAIT)
    row = next(i for i in range(model.rowCount()) if model.row(i)["number"] == number)
    dialog.list.view.setCurrentIndex(model.index(row, 0))
    qtbot.keyClick(dialog.list.view, Qt.Key.Key_Return)


def test_settlements_filtered_by_an_order_chosen_with_f4(qtbot, world):
    """A document reference dimension (the order of customer settlements) gets a picker:
    F4 opens the order list, Enter takes the order; the report shows its settlements only."""
    a = world.products[0]
    receipt(world, 1, (a, "20"))
    first = order(world, 2, (a, "2", "10.00"))
    second = order(world, 3, (a, "3", "10.00"))
    ship_order(world, first["id"], 4)
    ship_order(world, second["id"], 5)
    w = make_window(qtbot, world.db.engine)
    w.select_section("reports")
    form = w.open_report("customer_settlements")
    qtbot.waitUntil(lambda: form.settings_loaded, timeout=WAIT)
    form.panel.set_period(dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    flt = form.panel.filters["order"]
    assert isinstance(flt.item, DocRefEdit)
    seen = when_modal(qtbot, DocChooser, lambda d: _pick_order(qtbot, d, second["number"]))
    flt.item.setFocus()
    qtbot.keyClick(flt.item, Qt.Key.Key_F4)
    assert seen and list(flt.chosen) == [second["id"]]
    assert flt.names()[0].startswith(second["number"])
    with qtbot.waitSignal(form.generated, timeout=WAIT):
        form.generate()
    assert form.report.total.values["amount_in"] == Decimal("30.00")
    assert form.panel.describe()[1].startswith(f"Order: {second['number']}")


def test_aging_settings_remembered_drill_down_and_export(qtbot, world, tmp_path):
    w0, a = world, world.products[0]
    receipt(w0, 1, (a, "10"))
    shipment(w0, 2, (a, "5"))  # 10.00
    w0.session.execute("UPDATE cat_partners SET manager = 'anna' WHERE id = :p", p=w0.partner)
    w = make_window(qtbot, world.db.engine)
    form = _open(qtbot, w, "finance", "Customer debts by age")
    qtbot.waitUntil(lambda: form.settings_loaded, timeout=WAIT)
    panel = form.panel
    assert set(panel.filters) == {"partner", "counterparty", "order"}
    panel.date_to.setDate(QDate(2026, 3, 31))
    panel.filters["counterparty"].set_chosen({w0.customer: "Customer One"})
    panel.texts["partner.manager"].setText("anna, boris")
    with qtbot.waitSignal(form.generated, timeout=WAIT):
        form.generate()
    m = form.model
    assert m.text(m.rowCount() - 1, 0) == "Total" and m.text(m.rowCount() - 1, 1) == "10.00"
    session = Session(world.db.engine)
    key = settings_key("customer_aging")
    qtbot.waitUntil(lambda: bool(us.get(session, key)), timeout=WAIT)
    saved = us.get(session, key)
    assert saved["date_to"] == "2026-03-31"
    assert saved["filters"] == {
        "counterparty": [w0.customer],
        "partner.manager": ["anna", "boris"],
    }

    # The partner's row: its settlement movements up to the date.
    form.view.setCurrentIndex(m.index(0, 0))
    qtbot.keyClick(form.view, Qt.Key.Key_Return)
    drill = form.drills[-1]
    qtbot.waitUntil(lambda: not drill.busy, timeout=WAIT)
    assert drill.table.rowCount() == 1
    assert drill.table.item(0, 1).text().startswith("Sales shipment")
    drill.close()

    path = str(tmp_path / "aging.xlsx")
    with qtbot.waitSignal(form.exported, timeout=WAIT):
        form.export_to_excel(path)
    sheet = openpyxl.load_workbook(path).active
    assert sheet["A1"].value == "Customer debts by age"
    assert sheet["A2"].value == f"On date: {date_text(dt.date(2026, 3, 31))}"
    assert sheet["A3"].value == "Counterparty: Customer One"
    assert sheet["A4"].value == "Manager: anna, boris"
    last = [c.value for c in list(sheet.iter_rows())[-1]]
    assert last[:2] == ["Total", 10]

    # Opened again, the report shows what was chosen.
    w.close_tab(w.tabs.indexOf(form))
    again = _open(qtbot, w, "finance", "Customer debts by age")
    qtbot.waitUntil(lambda: again.settings_loaded, timeout=WAIT)
    assert again.panel.settings().filters == {
        "counterparty": (w0.customer,),
        "partner.manager": ("anna", "boris"),
    }
    assert again.panel.settings().date_to == dt.date(2026, 3, 31)


def test_orders_to_ship_line_drills_to_its_movements(qtbot, world):
    a = world.products[0]
    receipt(world, 1, (a, "10"))
    so = order(world, 2, (a, "5", "10.00"))
    ship_order(world, so["id"], 3, {a: "2"})
    w = make_window(qtbot, world.db.engine)
    form = _open(qtbot, w, "sales", "Orders to ship")
    qtbot.waitUntil(lambda: form.settings_loaded, timeout=WAIT)
    assert set(form.panel.filters) == {"partner", "counterparty", "warehouse", "product"}
    assert form.panel.filters["product"].group is not None  # a group brings its products
    with qtbot.waitSignal(form.generated, timeout=WAIT):
        form.generate()
    dialog = form.drill(1)
    assert dialog is not None
    qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT)
    kinds = [dialog.table.item(i, 1).text().split()[0] for i in range(dialog.table.rowCount())]
    assert kinds == ["Sales", "Sales"]  # the order and its shipment
    assert dialog.movements[1].recorder_type == "sales_shipment"
    dialog.close()
