"""The global search box: type, see results in a popup, open them; Ctrl+F routing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from forms.catalog_form import CatalogForm
from forms.object_form import DocumentForm
from tests.gui_support import WAIT, make_window
from tests.helpers import receipt

pytestmark = pytest.mark.usefixtures("gui_isolation")


def _type(qtbot, box, text: str) -> None:
    box.setFocus()
    box.clear()
    qtbot.keyClicks(box, text)
    qtbot.waitUntil(lambda: not box.busy and box.model.rowCount() > 0, timeout=WAIT)


def test_search_by_name_number_and_barcode_opens_the_object(qtbot, world):
    p = world.products[2]  # Bolt M6
    world.session.execute(
        "UPDATE kontora.cat_products SET barcode = '4601234567890' WHERE id = :p", p=p
    )
    doc = receipt(world, 3, (p, "5"))
    w = make_window(qtbot, world.db.engine)
    box = w.global_search
    assert box.placeholderText() == "Search everything (Ctrl+F)"

    _type(qtbot, box, "bolt m6")
    popup = box.completer.popup()
    assert popup.isVisible()
    assert [h.text for h in box.hits] == ["Bolt M6"]
    assert popup.currentIndex().row() == 0
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    item = w.tabs.currentWidget()
    assert isinstance(item, CatalogForm) and item.item_id == p
    qtbot.waitUntil(lambda: not item.busy, timeout=WAIT)
    assert item.payload()["name"] == "Bolt M6"

    _type(qtbot, box, doc["number"].lower())
    assert [(h.kind, h.id) for h in box.hits] == [("document", doc["id"])]
    qtbot.keyClick(box.completer.popup(), Qt.Key.Key_Return)
    current = w.tabs.currentWidget()
    assert isinstance(current, DocumentForm) and current.doc_id == doc["id"]

    _type(qtbot, box, "4601234567890")
    (hit,) = box.hits
    assert (hit.id, hit.match) == (p, "barcode")
    assert "4601234567890" in box.model.item(0).text()

    box.setFocus()
    box.clear()
    qtbot.keyClicks(box, "no such thing")
    qtbot.waitUntil(lambda: not box.busy and box.model.rowCount() == 1, timeout=WAIT)
    assert box.hits == [] and "Nothing found" in box.model.item(0).text()


def test_ctrl_f_goes_to_the_list_search_inside_a_list_else_to_the_global_box(qtbot, world):
    w = make_window(qtbot, world.db.engine)
    box = w.global_search
    form = w.open("document", "goods_receipt")
    qtbot.waitUntil(lambda: not form.busy, timeout=WAIT)
    form.view.setFocus()
    qtbot.waitUntil(form.view.hasFocus, timeout=WAIT)
    qtbot.keyClick(form.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(form.search.hasFocus, timeout=WAIT)
    assert not box.hasFocus()

    w.tabs.setCurrentWidget(w.start_page)
    w.start_page.setFocus()
    qtbot.keyClick(w.start_page, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(box.hasFocus, timeout=WAIT)

    w.tabs.setCurrentWidget(form)
    form.view.setFocus()
    qtbot.waitUntil(form.view.hasFocus, timeout=WAIT)
    focused = QApplication.focusWidget()
    qtbot.keyClick(
        focused,
        Qt.Key.Key_F,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(box.hasFocus, timeout=WAIT)  # Ctrl+Shift+F: global from anywhere
