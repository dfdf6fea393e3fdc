"""The document form driven from the keyboard on a real database (pytest-qt, offscreen)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.main_window import MainWindow
from forms.object_form import DocumentForm
from forms.ref_edit import RefEdit
from tests.gui_support import WAIT, focus, make_window, type_ahead
from tests.helpers import receipt

pytestmark = pytest.mark.usefixtures("gui_isolation")


def wait_idle(qtbot, w: MainWindow) -> None:
    qtbot.waitUntil(w.is_idle, timeout=WAIT)


def type_ref(qtbot, edit: RefEdit, text: str) -> None:
    """Focus a reference field, type, and take the highlighted completion with Enter."""
    focus(qtbot, edit)
    popup = type_ahead(qtbot, edit, text)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not edit.unresolved, timeout=WAIT)


def cell_editor(qtbot, form: DocumentForm):
    qtbot.waitUntil(lambda: form.grid.delegate.editor is not None, timeout=WAIT)
    return form.grid.delegate.editor


def new_form(qtbot, w: MainWindow, name: str) -> DocumentForm:
    """Ins in the document list opens a new empty form."""
    lst = w.open("document", name)
    wait_idle(qtbot, w)
    qtbot.keyClick(lst.view, Qt.Key.Key_Insert)
    form = w.tabs.currentWidget()
    assert isinstance(form, DocumentForm) and form.doc_id is None
    wait_idle(qtbot, w)
    return form


def enter_line(qtbot, form: DocumentForm, product: str, qty: str, price: str) -> None:
    """Ins, product (type-ahead), Tab, quantity, Tab, price, Enter: all from the keyboard."""
    form.grid.setFocus()
    qtbot.keyClick(form.grid, Qt.Key.Key_Insert)
    editor = cell_editor(qtbot, form)
    assert isinstance(editor, RefEdit)
    popup = type_ahead(qtbot, editor, product)
    qtbot.keyClick(popup, Qt.Key.Key_Tab)  # takes the completion and moves to Quantity
    qtbot.waitUntil(lambda: form.grid.currentIndex().column() == 1, timeout=WAIT)
    qtbot.keyClicks(cell_editor(qtbot, form), qty)
    qtbot.keyClick(form.grid.delegate.editor, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: form.grid.currentIndex().column() == 2, timeout=WAIT)
    qtbot.keyClicks(cell_editor(qtbot, form), price)
    qtbot.keyClick(form.grid.delegate.editor, Qt.Key.Key_Return)


def test_goods_receipt_entered_with_the_keyboard_is_posted_and_listed(qtbot, world):
    w = make_window(qtbot, world.db.engine)
    form = new_form(qtbot, w, "goods_receipt")
    assert form.header.editors["organization"].text() == "Acme LLC"  # the default
    warehouse = form.header.editors["warehouse"]
    assert isinstance(warehouse, RefEdit)
    type_ref(qtbot, warehouse, "Main")
    assert warehouse.value() == {"id": world.wh, "name": "Main warehouse"}

    enter_line(qtbot, form, "Bolt M5", "12", "2.5")
    assert form.lines.rows[0]["product"] == {"id": world.products[1], "name": "Bolt M5"}
    assert form.dirty and form.title().endswith("*")

    qtbot.keyClick(form.grid, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: form not in w.objects.values(), timeout=WAIT)  # posted and closed

    rows = world.session.rows(
        "SELECT id, posted FROM kontora.doc_goods_receipt WHERE warehouse_id = :w", w=world.wh
    )
    assert len(rows) == 1 and rows[0]["posted"]
    doc = world.docs.read("goods_receipt", rows[0]["id"])
    assert [(x["product_id"], x["quantity"], x["price"], x["amount"]) for x in doc["lines"]] == [
        (world.products[1], Decimal("12"), Decimal("2.50"), Decimal("30.00"))
    ]
    assert world.stock(world.products[1]) == 12
    lst = w.forms["document:goods_receipt"]
    qtbot.waitUntil(lambda: lst.model.rowCount() == 1 and not lst.busy, timeout=WAIT)
    assert lst.model.row(0)["id"] == rows[0]["id"] and lst.model.row(0)["posted"]


def test_shipment_beyond_stock_is_refused_with_its_shortfall_and_keeps_the_lines(qtbot, world):
    receipt(world, 1, (world.products[0], "5"))
    w = make_window(qtbot, world.db.engine)
    form = new_form(qtbot, w, "sales_shipment")
    for name, text in (("warehouse", "Main"), ("customer", "Customer")):
        edit = form.header.editors[name]
        assert isinstance(edit, RefEdit)
        type_ref(qtbot, edit, text)
    enter_line(qtbot, form, "Bolt M4", "8", "3")

    form.post_action.trigger()
    qtbot.waitUntil(lambda: form.shortfall.isVisible(), timeout=WAIT)
    qtbot.waitUntil(lambda: not form.busy, timeout=WAIT)
    [row] = form.shortfall.rows()
    assert row[0] == "Bolt M4" and row[1] == "Main warehouse"
    assert row[3:] == ["8", "5", "3"]  # asked, available, short by
    assert form.message_bar.isVisible()
    assert form.dirty and form.doc_id is None
    assert form.lines.rows == [
        {
            "product": {"id": world.products[0], "name": "Bolt M4"},
            "quantity": "8",
            "price": "3",
            "discount": None,
            "amount": None,
            "vat_rate": None,
            "vat_amount": None,
        }
    ]
    assert world.session.scalar("SELECT count(*) FROM kontora.doc_sales_shipment") == 0


def test_amount_and_totals_follow_quantity_and_price(qtbot, world):
    w = make_window(qtbot, world.db.engine)
    form = new_form(qtbot, w, "goods_receipt")
    enter_line(qtbot, form, "Bolt M4", "3", "1.005")  # 3.015 → 3.02 (half-up)
    enter_line(qtbot, form, "Flour", "0.5", "10")
    amount = form.lines.index(0, 4)  # after the discount
    assert amount.data() == "3.02"
    assert not amount.flags() & Qt.ItemFlag.ItemIsEditable  # computed, read-only
    assert form.total("quantity") == Decimal("3.5") and form.total("amount") == Decimal("8.02")
    assert "Amount: 8.02" in form.totals.text() and "Quantity: 3.5" in form.totals.text()
    assert "Price" not in form.totals.text()

    form.grid.setCurrentIndex(form.lines.index(1, 1))
    qtbot.keyClick(form.grid, Qt.Key.Key_Return)  # Enter edits the cell
    editor = cell_editor(qtbot, form)
    editor.selectAll()
    qtbot.keyClicks(editor, "2")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: form.grid.delegate.editor is None, timeout=WAIT)
    assert form.lines.index(1, 4).data() == "20.00"
    assert form.total("amount") == Decimal("23.02") and "Amount: 23.02" in form.totals.text()


def test_del_removes_a_line_and_f9_copies_one(qtbot, world):
    w = make_window(qtbot, world.db.engine)
    form = new_form(qtbot, w, "goods_receipt")
    enter_line(qtbot, form, "Bolt M4", "1", "1")
    enter_line(qtbot, form, "Bolt M5", "2", "1")
    assert [r["product"]["name"] for r in form.lines.rows] == ["Bolt M4", "Bolt M5"]

    form.grid.setCurrentIndex(form.lines.index(0, 1))
    qtbot.keyClick(form.grid, Qt.Key.Key_F9)
    assert [r["product"]["name"] for r in form.lines.rows] == ["Bolt M4", "Bolt M4", "Bolt M5"]
    assert form.lines.rows[1]["quantity"] == "1" and form.grid.currentIndex().row() == 1
    form.lines.rows[1]["product"]["name"] = "changed"  # a copy, not the same dict
    assert form.lines.rows[0]["product"]["name"] == "Bolt M4"

    form.grid.setCurrentIndex(form.lines.index(2, 0))
    qtbot.keyClick(form.grid, Qt.Key.Key_Delete)
    assert [r["product"]["name"] for r in form.lines.rows] == ["Bolt M4", "changed"]
    assert form.total("quantity") == 2


def test_closing_a_dirty_form_with_cancel_keeps_it_open(qtbot, world, monkeypatch):
    gr = receipt(world, 1, (world.products[0], "5"))
    w = make_window(qtbot, world.db.engine)
    lst = w.open("document", "goods_receipt")
    qtbot.waitUntil(lambda: lst.model.rowCount() == 1, timeout=WAIT)
    lst.view.setCurrentIndex(lst.model.index(0, 0))
    qtbot.keyClick(lst.view, Qt.Key.Key_Return)  # Enter opens the document
    form = w.tabs.currentWidget()
    assert isinstance(form, DocumentForm) and form.doc_id == gr["id"]
    qtbot.waitUntil(lambda: not form.busy and form.lines.rowCount() == 1, timeout=WAIT)
    assert form.title() == f"Goods receipt {gr['number']} (posted)"
    assert not form.dirty
    form.movements_action.trigger()
    qtbot.waitUntil(lambda: "stock" in form.movements.tables, timeout=WAIT)
    stock = form.movements.tables["stock"]
    assert stock.rowCount() == 1 and stock.item(0, 2).text() == "Bolt M4"
    assert stock.item(0, 3).text() == "5"
    form.tabs.setCurrentIndex(0)

    comment = form.header.editors["comment"]
    comment.setFocus()
    qtbot.keyClicks(comment, "checked")
    assert form.dirty and w.tabs.tabText(w.tabs.indexOf(form)).endswith("*")
    asked = []

    def cancel(*args, **kw):
        asked.append(args)
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", cancel)
    w.close_tab(w.tabs.indexOf(form))
    assert asked and w.tabs.indexOf(form) >= 0 and form.dirty
    assert comment.text() == "checked"

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Save)
    w.close_tab(w.tabs.indexOf(form))  # Save: written, then closed
    qtbot.waitUntil(lambda: not w.objects, timeout=WAIT)
    assert world.docs.read("goods_receipt", gr["id"])["comment"] == "checked"


@pytest.mark.parametrize(
    ("kind", "name", "form_type"),
    [("document", "goods_receipt", "DocumentForm"), ("catalog", "warehouses", "CatalogForm")],
)
def test_the_lists_create_button_opens_a_new_form(qtbot, world, kind, name, form_type):
    """Create is the first command of a document's or catalog's list (and of its context menu),
    for those who use the mouse: it does what Ins does."""
    w = make_window(qtbot, world.db.engine)
    lst = w.open(kind, name)
    wait_idle(qtbot, w)
    toolbar = lst.commands.toolbar
    create = lst.commands.create_action
    assert toolbar.actions()[0] is create and create.text() == "&Create"
    assert lst.view.actions()[0] is create
    qtbot.mouseClick(toolbar.widgetForAction(create), Qt.MouseButton.LeftButton)
    form = w.tabs.currentWidget()
    assert type(form).__name__ == form_type and form is not lst
    assert (form.doc_id if kind == "document" else form.item_id) is None
