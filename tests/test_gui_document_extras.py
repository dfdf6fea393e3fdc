"""Create based on, related documents, print and history driven in real widgets (offscreen)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QComboBox

import forms.doc_commands
from app.main_window import MainWindow
from forms.object_form import DocumentForm
from tests.gui_support import WAIT, make_window
from tests.helpers import receipt

pytestmark = pytest.mark.usefixtures("gui_isolation")


@pytest.fixture
def opened(monkeypatch) -> list[str]:
    """PDFs the client asked to preview (no preview window opens)."""
    paths: list[str] = []
    monkeypatch.setattr(forms.doc_commands, "open_pdf", lambda path, _t, _p: paths.append(path))
    return paths


def wait_idle(qtbot, w: MainWindow) -> None:
    qtbot.waitUntil(w.is_idle, timeout=WAIT)


def open_form(qtbot, w: MainWindow, name: str, doc_id: int) -> DocumentForm:
    form = w.open_document(name, doc_id)
    wait_idle(qtbot, w)
    return form


def test_write_off_created_based_on_a_receipt_shows_in_its_related_documents(qtbot, world):
    gr = receipt(world, 2, (world.products[0], "12"), (world.flour, "2.5"))
    w = make_window(qtbot, world.db.engine)
    form = open_form(qtbot, w, "goods_receipt", gr["id"])
    menu = form.commands.based_on_menu
    assert [a.text() for a in menu.actions()] == [
        "Write-off",
        "Stock transfer",
        "Sales shipment",
        "Supplier payment",
    ]
    assert form.commands.based_on_action.isEnabled()
    menu.findChild(type(menu.actions()[0]), "based_on_write_off").trigger()
    qtbot.waitUntil(lambda: isinstance(w.tabs.currentWidget(), DocumentForm)
                    and w.tabs.currentWidget() is not form, timeout=WAIT)  # fmt: skip
    wo = w.tabs.currentWidget()
    assert isinstance(wo, DocumentForm) and wo.name == "write_off" and wo.doc_id is None
    assert wo.dirty and wo.title() == "Write-off (new) *"
    assert wo.header.editors["warehouse"].text() == "Main warehouse"
    assert wo.header.editors["organization"].text() == "Acme LLC"
    assert [(r["product"]["name"], r["quantity"]) for r in wo.lines.rows] == [
        ("Bolt M4", "12"),
        ("Flour", "2.5"),
    ]
    reason = wo.header.editors["reason"]
    assert isinstance(reason, QComboBox)
    reason.setCurrentIndex(reason.findData("shortage"))
    wo.header.editors["expense_item"].set_value({"id": world.expense_item, "name": "Losses"})
    qtbot.keyClick(wo, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: wo.doc_id is not None, timeout=WAIT)
    assert wo.number.startswith("WO") and not wo.dirty

    w.tabs.setCurrentWidget(form)
    form.tabs.setCurrentWidget(form.related)
    qtbot.waitUntil(lambda: len(form.related.rows()) == 2, timeout=WAIT)
    assert form.related.rows() == [
        (0, f"Goods receipt {gr['number']}"),
        (1, f"Write-off {wo.number}"),
    ]
    assert form.related.tree.currentItem().font(0).bold()  # this document
    # the write-off's own tab shows its basis above it; activating a row opens the document
    w.tabs.setCurrentWidget(wo)
    wo.tabs.setCurrentWidget(wo.related)
    qtbot.waitUntil(lambda: len(wo.related.rows()) == 2, timeout=WAIT)
    top = wo.related.tree.topLevelItem(0)
    wo.related.tree.itemActivated.emit(top, 0)
    assert w.tabs.currentWidget() is form  # focused, not opened twice


def test_based_on_from_the_list_and_refusal_for_an_unsaved_form(qtbot, world):
    gr = receipt(world, 2, (world.products[0], "4"))
    w = make_window(qtbot, world.db.engine)
    lst = w.open("document", "goods_receipt")
    qtbot.waitUntil(lambda: lst.model.rowCount() == 1, timeout=WAIT)
    lst.view.setCurrentIndex(lst.model.index(0, 0))
    cmds = lst.commands.doc_commands
    assert cmds is not None
    next(
        a for a in cmds.based_on_menu.actions() if a.objectName() == "based_on_sales_shipment"
    ).trigger()
    qtbot.waitUntil(lambda: isinstance(w.tabs.currentWidget(), DocumentForm), timeout=WAIT)
    ss = w.tabs.currentWidget()
    assert ss.name == "sales_shipment" and ss.based_on == {"type": "goods_receipt", "id": gr["id"]}
    assert ss.payload()["based_on"] == {"type": "goods_receipt", "id": gr["id"]}
    # an unsaved form neither prints nor bases anything on itself: it says so
    ss.commands.print()
    assert "Save Sales shipment (new) first" in ss.message_bar.message()
    assert not ss.commands.busy


def test_based_on_offers_only_documents_of_switched_on_subsystems(qtbot, world):
    receipt(world, 2, (world.products[0], "4"))
    w = make_window(qtbot, world.db.engine)
    lst = w.open("document", "goods_receipt")
    cmds = lst.commands.doc_commands
    assert cmds is not None

    def offered() -> set[str]:
        cmds.based_on_menu.aboutToShow.emit()
        return {a.objectName() for a in cmds.based_on_menu.actions() if a.isEnabled()}

    assert offered() == {
        "based_on_write_off",
        "based_on_sales_shipment",
        "based_on_stock_transfer",
        "based_on_supplier_payment",
    }
    world.session.execute(
        "UPDATE kontora.subsystems SET enabled = false WHERE name IN ('sales', 'finance')"
    )
    w.rebuild()
    qtbot.waitUntil(lambda: "sales" not in {s.name for s in w.sections}, timeout=WAIT)
    assert offered() == {"based_on_write_off", "based_on_stock_transfer"}


def test_print_from_the_form_and_from_the_list(qtbot, world, opened):
    first = receipt(world, 2, (world.products[0], "12"))
    second = receipt(world, 3, (world.products[1], "7"))
    w = make_window(qtbot, world.db.engine)
    form = open_form(qtbot, w, "goods_receipt", first["id"])
    titles = [a.text() for a in form.commands.fill_print_menu().actions()]
    assert titles == ["Goods receipt note", "Goods receipt (document)"]
    form.grid.setFocus()
    qtbot.keyClick(form.grid, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(opened) == 1, timeout=WAIT)
    text = PdfReader(opened[0]).pages[0].extract_text()
    assert f"Goods receipt note No. {first['number']}" in text and "Bolt M4" in text
    assert Path(opened[0]).suffix == ".pdf"

    lst = w.open("document", "goods_receipt")
    qtbot.waitUntil(lambda: lst.model.rowCount() == 2, timeout=WAIT)
    sel = lst.view.selectionModel()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in range(2):
        sel.select(lst.model.index(row, 0), flags)
    lst.view.setFocus()
    qtbot.keyClick(lst.view, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(opened) == 2, timeout=WAIT)
    pages = [p.extract_text() for p in PdfReader(opened[1]).pages]
    assert len(pages) == 2
    assert {first["number"], second["number"]} == {
        n for n in (first["number"], second["number"]) for p in pages if n in p
    }


def test_history_tab_lists_an_edited_quantity(qtbot, world):
    gr = receipt(world, 2, (world.products[0], "12"), post=False)
    w = make_window(qtbot, world.db.engine)
    form = open_form(qtbot, w, "goods_receipt", gr["id"])
    form.lines.setData(form.lines.index(0, 1), "15")
    form.save()
    qtbot.waitUntil(lambda: not form.dirty and form._loader.loading is False, timeout=WAIT)
    form.tabs.setCurrentWidget(form.history)
    qtbot.waitUntil(lambda: not form.history.busy and bool(form.history.rows()), timeout=WAIT)
    rows = form.history.rows()
    assert rows[0][2] == "Changed" and rows[0][1]  # who
    assert rows[0][3:] == ["Goods, line 1: Quantity", "12", "15"]
    assert ["Goods, line 1: Quantity", "12", "15"] in [r[3:] for r in rows]
    created = next(i for i, r in enumerate(rows) if r[2] == "Created")
    assert created > 0  # newest first
