""" "Create…" from a reference field: the popup's last entry and the F4 chooser's Create button open
the catalog's item form as a dialog; the saved item lands in the field."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from forms.catalog_form import CatalogDialog
from forms.ref_edit import UNRESOLVED_COLOR, Chooser, RefEdit
from tests.gui_support import WAIT, focus, make_window, type_ahead
from tests.test_gui_object_form import cell_editor, new_form

pytestmark = pytest.mark.usefixtures("gui_isolation")
CTRL = Qt.KeyboardModifier.ControlModifier


def when_modal(
    qtbot, kind: type, act: Callable, ready: Callable[[Any], bool] = lambda _d: True
) -> list:
    """Run ``act(dialog)`` once a modal dialog of ``kind`` is shown and ``ready`` (from inside
    its loop). If ``act`` fails, the dialog is rejected so that its loop ends and the test
    fails instead of waiting forever; the error is kept in the returned list."""
    seen: list = []

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind) and dialog.isVisible() and ready(dialog):
            seen.append(dialog)
            try:
                act(dialog)
            except BaseException as exc:
                seen.append(exc)
                dialog.reject()
                raise
        else:
            QTimer.singleShot(50, poll)

    QTimer.singleShot(50, poll)
    return seen


def _named(name: str) -> Callable[[Any], bool]:
    """Ready when the new item's form has the name it was created with."""
    return lambda d: d.form.fields.editors["name"].text() == name


def pick(qtbot, edit: RefEdit, text: str) -> None:
    focus(qtbot, edit)
    popup = type_ahead(qtbot, edit, text)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not edit.unresolved, timeout=WAIT)


def fill_unit_and_save(qtbot) -> Callable[[CatalogDialog], None]:
    def act(dialog: CatalogDialog) -> None:
        form = dialog.form
        assert form.fields.editors["name"].text() == "Glue stick 20 g"
        unit = form.fields.editors["unit"]
        assert isinstance(unit, RefEdit)
        pick(qtbot, unit, "pc")
        qtbot.keyClick(unit, Qt.Key.Key_Return, CTRL)  # save and close

    return act


def test_a_new_product_is_created_from_a_goods_receipt_line(qtbot, world):
    w = make_window(qtbot, world.db.engine)
    form = new_form(qtbot, w, "goods_receipt")
    warehouse = form.header.editors["warehouse"]
    assert isinstance(warehouse, RefEdit)
    pick(qtbot, warehouse, "Main")
    form.grid.setFocus()
    qtbot.keyClick(form.grid, Qt.Key.Key_Insert)
    editor = cell_editor(qtbot, form)
    assert isinstance(editor, RefEdit)
    popup = type_ahead(qtbot, editor, "Glue stick 20 g")
    model = editor.completer().completionModel()
    assert model.rowCount() == 1  # nothing matches: only the Create entry
    assert model.index(0, 0).data() == "Create “Glue stick 20 g”…"
    assert popup.currentIndex().row() == -1  # not chosen unless asked for

    seen = when_modal(qtbot, CatalogDialog, fill_unit_and_save(qtbot))
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: editor.text() == "Glue stick 20 g", timeout=WAIT)  # not the label
    qtbot.keyClick(popup, Qt.Key.Key_Return)  # blocks in the dialog until it is saved
    assert seen
    new_id = world.session.scalar("SELECT id FROM cat_products WHERE name = 'Glue stick 20 g'")
    assert new_id and editor.value() == {"id": new_id, "name": "Glue stick 20 g"}
    qtbot.waitUntil(lambda: w.isActiveWindow() and editor.hasFocus(), timeout=WAIT)

    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: form.grid.currentIndex().column() == 1, timeout=WAIT)
    qtbot.keyClicks(cell_editor(qtbot, form), "3")
    qtbot.keyClick(form.grid.delegate.editor, Qt.Key.Key_Tab)
    qtbot.keyClicks(cell_editor(qtbot, form), "1.5")
    qtbot.keyClick(form.grid.delegate.editor, Qt.Key.Key_Return)
    assert form.lines.rows[0]["product"] == {"id": new_id, "name": "Glue stick 20 g"}
    qtbot.keyClick(form.grid, Qt.Key.Key_Return, CTRL)  # post and close
    qtbot.waitUntil(lambda: form not in w.objects.values(), timeout=WAIT)
    doc_id = world.session.scalar("SELECT id FROM doc_goods_receipt WHERE posted")
    doc = world.docs.read("goods_receipt", doc_id)
    assert [line["product_id"] for line in doc["lines"]] == [new_id]


def test_tab_past_the_create_entry_keeps_the_text_unresolved(qtbot, world):
    w = make_window(qtbot, world.db.engine)
    form = new_form(qtbot, w, "goods_receipt")
    warehouse = form.header.editors["warehouse"]
    assert isinstance(warehouse, RefEdit)
    focus(qtbot, warehouse)
    popup = type_ahead(qtbot, warehouse, "Nowhere")
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: warehouse.text() == "Nowhere", timeout=WAIT)
    qtbot.keyClick(popup, Qt.Key.Key_Tab)  # no dialog: Tab only moves on
    assert warehouse.text() == "Nowhere" and warehouse.unresolved
    # marked as a clerk sees it: an error icon, red text, a tooltip naming the catalog
    assert warehouse.mark_action.isVisible() and warehouse.property("unresolved")
    assert warehouse.palette().color(QPalette.ColorRole.Text).name() == UNRESOLVED_COLOR
    assert warehouse.toolTip() == "“Nowhere” matches no item of Warehouses"
    assert world.session.scalar("SELECT count(*) FROM cat_warehouses") == 2
    warehouse.clear_value()  # the mark goes with the text
    assert not warehouse.mark_action.isVisible()
    assert warehouse.palette().color(QPalette.ColorRole.Text).name() != UNRESOLVED_COLOR


def test_the_f4_chooser_creates_and_chooses(qtbot, world):
    w = make_window(qtbot, world.db.engine)
    form = new_form(qtbot, w, "goods_receipt")
    warehouse = form.header.editors["warehouse"]
    assert isinstance(warehouse, RefEdit)

    def in_dialog(dialog: CatalogDialog) -> None:
        name = dialog.form.fields.editors["name"]
        assert name.text() == "Depot"
        qtbot.keyClick(name, Qt.Key.Key_End)  # the name filled in is selected: typing replaces
        qtbot.keyClicks(name, " North")
        qtbot.keyClick(name, Qt.Key.Key_Return, CTRL)

    def in_chooser(chooser: Chooser) -> None:
        chooser.list.search.setText("Depot")
        named = when_modal(qtbot, CatalogDialog, in_dialog, ready=_named("Depot"))
        chooser.create_button.click()
        assert named and not isinstance(named[-1], BaseException), named

    seen = when_modal(qtbot, Chooser, in_chooser)
    warehouse.setFocus()
    qtbot.keyClick(warehouse, Qt.Key.Key_F4)
    assert seen and not isinstance(seen[-1], BaseException), seen
    wid = world.session.scalar("SELECT id FROM cat_warehouses WHERE name = 'Depot North'")
    assert wid and warehouse.value() == {"id": wid, "name": "Depot North"}
