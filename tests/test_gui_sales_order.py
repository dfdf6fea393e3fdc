"""The order → shipment path in real widgets (offscreen): an order typed from the keyboard with
its defaults, approved and posted, a shipment created based on it and posted, both seen in the
lists and in the order's related documents."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit

from forms.doc_ref_edit import DocRefEdit
from forms.object_form import DocumentForm
from forms.ref_edit import RefEdit
from tests.gui_support import WAIT, make_window, type_ahead
from tests.helpers import receipt
from tests.sales_helpers import bal
from tests.test_gui_object_form import cell_editor, new_form, type_ref, wait_idle

pytestmark = pytest.mark.usefixtures("gui_isolation")


def _prices(world) -> None:
    s = world.session
    s.execute("UPDATE cat_partners SET manager = 'anna' WHERE id = :p", p=world.partner)
    vat = s.scalar("INSERT INTO cat_vat_rates(name, rate) VALUES ('20%', 20) RETURNING id")
    s.execute("UPDATE cat_products SET vat_rate_id = :v WHERE id = :p", v=vat, p=world.products[0])
    t = s.scalar(
        "INSERT INTO cat_price_types(name, vat_included) VALUES ('Wholesale', true) RETURNING id"
    )
    for period, price in (("2026-01-01", "100.00"), ("2026-02-01", "120.00")):
        s.execute(
            "INSERT INTO inf_prices(period, price_type_id, product_id, price) "
            "VALUES (:d, :t, :p, :v)",
            d=period,
            t=t,
            p=world.products[0],
            v=price,
        )


def _type_line(qtbot, form: DocumentForm, product: str, qty: str) -> None:
    """Ins, product (type-ahead), Tab, quantity, Enter: the rest comes from the defaults."""
    form.grid.setFocus()
    qtbot.keyClick(form.grid, Qt.Key.Key_Insert)
    editor = cell_editor(qtbot, form)
    assert isinstance(editor, RefEdit)
    popup = type_ahead(qtbot, editor, product)
    qtbot.keyClick(popup, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: form.grid.currentIndex().column() == 1, timeout=WAIT)
    qtbot.keyClicks(cell_editor(qtbot, form), qty)
    qtbot.keyClick(form.grid.delegate.editor, Qt.Key.Key_Return)


def test_order_typed_approved_posted_then_shipped_based_on_it(qtbot, world):
    _prices(world)
    a = world.products[0]
    receipt(world, 1, (a, "10"))
    w = make_window(qtbot, world.db.engine)
    form = new_form(qtbot, w, "sales_order")
    ed = form.header.editors
    for name, text in (("partner", "Customer"), ("warehouse", "Main"), ("price_type", "Whole")):
        edit = ed[name]
        assert isinstance(edit, RefEdit)
        type_ref(qtbot, edit, text)
        qtbot.waitUntil(lambda: not form.busy, timeout=WAIT)
    assert ed["counterparty"].text() == "Customer One"  # the partner's only counterparty
    manager, vat = ed["manager"], ed["vat_included"]
    assert isinstance(manager, QLineEdit) and manager.text() == "anna"
    assert isinstance(vat, QCheckBox) and vat.isChecked()  # the price type's prices include VAT
    status = ed["status"]
    assert isinstance(status, QComboBox) and status.currentData() == "not_approved"
    status.setFocus()
    qtbot.keyClick(status, Qt.Key.Key_Down)
    qtbot.keyClick(status, Qt.Key.Key_Down)
    assert status.currentData() == "to_ship"  # approved

    _type_line(qtbot, form, "Bolt M4", "4")
    qtbot.waitUntil(lambda: form.lines.rows[0].get("reserve") is not None, timeout=WAIT)
    row = form.lines.rows[0]
    assert (row["price"], row["vat_rate"], row["reserve"]) == (Decimal("120.00"), 20, 4)
    assert form.total("amount") == Decimal("480.00") and form.total("vat_amount") == 80

    form.post_action.trigger()
    qtbot.waitUntil(lambda: form.posted and not form.busy, timeout=WAIT)
    order_id, number = form.doc_id, form.number
    assert number.startswith("SO")
    assert bal(world, "reserves", warehouse=world.wh, product=a, order=order_id)["quantity"] == 4

    menu = form.commands.based_on_menu
    menu.aboutToShow.emit()
    [act] = [x for x in menu.actions() if x.objectName() == "based_on_sales_shipment"]
    act.trigger()
    qtbot.waitUntil(
        lambda: (
            isinstance(w.tabs.currentWidget(), DocumentForm) and w.tabs.currentWidget() is not form
        ),
        timeout=WAIT,
    )
    ss = w.tabs.currentWidget()
    assert isinstance(ss, DocumentForm) and ss.name == "sales_shipment"
    order_edit = ss.header.editors["order"]
    assert isinstance(order_edit, DocRefEdit) and order_edit.text().startswith(number)
    assert [(r["product"]["name"], r["quantity"], r["price"]) for r in ss.lines.rows] == [
        ("Bolt M4", "4", "120.00")
    ]
    ss.post_action.trigger()
    qtbot.waitUntil(lambda: ss.posted and not ss.busy, timeout=WAIT)
    assert world.stock(a) == 6
    assert bal(world, "customer_orders", order=order_id, product=a)["quantity"] == 0

    lst = w.open("document", "sales_shipment")
    wait_idle(qtbot, w)
    qtbot.waitUntil(lambda: lst.model.rowCount() == 1, timeout=WAIT)
    assert lst.model.row(0)["number"] == ss.number and lst.model.row(0)["order"] == number
    orders = w.open("document", "sales_order")
    wait_idle(qtbot, w)
    qtbot.waitUntil(lambda: orders.model.rowCount() == 1, timeout=WAIT)
    assert orders.model.row(0)["status"] == "To ship"

    w.tabs.setCurrentWidget(form)
    form.tabs.setCurrentWidget(form.related)
    qtbot.waitUntil(lambda: len(form.related.rows()) == 2, timeout=WAIT)
    assert form.related.rows() == [(0, f"Sales order {number}"), (1, f"Sales shipment {ss.number}")]


def test_payment_form_shows_what_its_lines_leave_unallocated_as_an_advance(qtbot, world):
    from server.metadata import registry
    from tests.sales_helpers import based_on, order

    so = order(world, 2, (world.products[0], "2", "400.00"))
    payload = based_on(world, "customer_payment", "sales_order", so["id"])
    form = DocumentForm(world.db.engine, registry, "customer_payment", initial=payload)
    qtbot.addWidget(form)
    qtbot.waitUntil(lambda: not form.busy, timeout=WAIT)
    assert "Advance" not in form.totals.text()  # all 800 go to the order
    amount = form.header.editors["amount"]
    assert isinstance(amount, QLineEdit)
    amount.setText("1000")
    amount.textEdited.emit("1000")
    assert "Advance: 200.00" in form.totals.text()
    assert form.lines.rows[0]["order"]["name"] == so["number"]


def test_an_order_over_the_credit_limit_is_kept_for_approval_and_says_so(qtbot, world):
    from tests.sales_helpers import order

    s = world.session
    s.execute("UPDATE cat_partners SET credit_limit = 100 WHERE id = :p", p=world.partner)
    s.execute("UPDATE constants SET credit_limit_action = 'approval'")
    so = order(world, 2, (world.products[0], "3", "50.00"), status="not_approved")
    w = make_window(qtbot, world.db.engine)
    form = w.open_document("sales_order", so["id"])
    wait_idle(qtbot, w)
    status = form.header.editors["status"]
    assert isinstance(status, QComboBox)
    status.setCurrentIndex(status.findData("to_ship"))
    form.post_action.trigger()
    qtbot.waitUntil(lambda: "waits for approval" in form.message_bar.message(), timeout=WAIT)
    qtbot.waitUntil(lambda: not form.busy, timeout=WAIT)
    assert status.currentData() == "not_approved" and not form.dirty
    assert "plus the order 150.00 exceeds its credit limit 100 by 50.00" in (
        form.message_bar.message()
    )


def test_my_warehouse_from_the_settings_starts_new_trade_documents(qtbot, world):
    from PySide6.QtWidgets import QDialogButtonBox

    from app.settings_dialog import open_settings

    w = make_window(qtbot, world.db.engine)
    dlg = open_settings(w)
    qtbot.addWidget(dlg)
    assert dlg.warehouse is not None and dlg.warehouse.value() is None
    dlg.warehouse.set_value({"id": world.wh2, "name": "Shop"})
    dlg.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    form = new_form(qtbot, w, "sales_order")
    qtbot.waitUntil(lambda: form.header.editors["warehouse"].text() == "Shop", timeout=WAIT)
    assert not form.dirty  # a default, not an edit
