"""Catalog correctness from the keyboard: groups without item fields, an item without its
required unit refused beside the field, a retried first save creating one item, Del marking
selected catalog rows for deletion, and line pickers offering items only (pytest-qt)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.main_window import MainWindow
from forms.catalog_form import CatalogForm
from forms.catalog_list import CatalogList
from forms.icons import icon
from forms.object_form import DocumentForm
from forms.ref_edit import RefEdit
from server.api import Catalogs
from server.errors import ConnectionLostError
from server.metadata import registry
from tests.gui_support import WAIT, make_window, type_ahead

pytestmark = pytest.mark.usefixtures("gui_isolation")
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
DECORATION = Qt.ItemDataRole.DecorationRole


@pytest.fixture
def groups(world) -> dict[str, int]:
    cats = Catalogs(world.session, registry)
    tools = cats.save("products", {"name": "Tools", "is_group": True})["id"]
    bolts = cats.save("products", {"name": "Bolts", "is_group": True})["id"]
    cats.save("products", {"name": "Hammer", "unit": world.pcs, "parent": tools})
    return {"tools": tools, "bolts": bolts}


def open_products(qtbot, w: MainWindow) -> CatalogList:
    lst = w.open("catalog", "products")
    assert isinstance(lst, CatalogList)
    qtbot.waitUntil(lambda: lst.root.rowCount() == 2 and not lst.busy, timeout=WAIT)
    return lst


def row_of(lst: CatalogList, name: str) -> int:
    model = lst.list.model
    return next(i for i in range(model.rowCount()) if model.row(i)["name"] == name)


def crossed(lst: CatalogList, name: str) -> bool:
    """The row shows the deletion mark icon (a cross) in its first column."""
    model = lst.list.model
    shown = model.data(model.index(row_of(lst, name), 0), DECORATION)
    return shown is not None and shown.cacheKey() == icon("deleted").cacheKey()


def test_a_group_has_no_unit_and_an_item_without_one_is_refused_beside_the_field(
    qtbot, world, groups
):
    w = make_window(qtbot, world.db.engine)
    lst = open_products(qtbot, w)
    lst.tree.setFocus()
    qtbot.keyClick(lst.tree, Qt.Key.Key_F9, CTRL)  # a group: code, name and parent only
    form = w.tabs.currentWidget()
    assert isinstance(form, CatalogForm) and form.group
    assert "unit" not in form.fields.editors
    qtbot.keyClicks(form.fields.editors["name"], "Paint")
    qtbot.keyClick(form.fields.editors["name"], Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: form not in w.objects.values(), timeout=WAIT)
    assert world.session.rows(
        "SELECT is_group, unit_id FROM cat_products WHERE name = 'Paint'"
    ) == [{"is_group": True, "unit_id": None}]

    lst.tree.setFocus()
    qtbot.keyClick(lst.tree, Qt.Key.Key_Insert)  # an item: its unit is required
    form = w.tabs.currentWidget()
    assert isinstance(form, CatalogForm) and not form.group
    name = form.fields.editors["name"]
    qtbot.keyClicks(name, "Roller")
    qtbot.keyClick(name, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: form.fields.errors["unit"].isVisible(), timeout=WAIT)
    assert "Unit is required" in form.fields.errors["unit"].text()
    assert form.item_id is None and name.text() == "Roller" and form.dirty
    assert world.session.scalar("SELECT count(*) FROM cat_products WHERE name = 'Roller'") == 0


def test_a_first_save_retried_after_a_lost_acknowledgement_creates_one_item(
    qtbot, world, monkeypatch
):
    real_save = Catalogs.save
    calls: list[str] = []

    def lossy(self, name, payload):  # the first save commits, then the connection drops
        state = real_save(self, name, payload)
        calls.append(payload.get("client_key"))
        if len(calls) == 1:
            raise ConnectionLostError("The connection to the server was lost")
        return state

    monkeypatch.setattr(Catalogs, "save", lossy)
    w = make_window(qtbot, world.db.engine)
    form = w.open_catalog_item("warehouses")
    assert isinstance(form, CatalogForm)
    name = form.fields.editors["name"]
    name.setFocus()
    qtbot.keyClicks(name, "Depot")
    qtbot.keyClick(name, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: "connection" in form.message_bar.message(), timeout=WAIT)
    assert form.item_id is None and form.dirty  # not confirmed: the form keeps it new
    qtbot.waitUntil(lambda: not w.connected, timeout=WAIT)
    w.monitor.ping_now()  # "Retry now": the server answers again
    qtbot.waitUntil(lambda: w.connected, timeout=WAIT)
    qtbot.keyClick(name, Qt.Key.Key_S, CTRL)  # the user tries again
    qtbot.waitUntil(lambda: form.item_id is not None and not form.busy, timeout=WAIT)
    assert len(calls) == 2 and calls[0] == calls[1] is not None
    rows = world.session.rows("SELECT id FROM cat_warehouses WHERE name = 'Depot'")
    assert rows == [{"id": form.item_id}]


def test_del_marks_the_selected_items_and_the_list_shows_the_cross(
    qtbot, world, groups, monkeypatch
):
    asked: list[str] = []

    def yes(_parent, _title, text, *a, **k):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", yes)
    w = make_window(qtbot, world.db.engine)
    lst = open_products(qtbot, w)
    view = lst.list.view
    view.setFocus()
    view.setCurrentIndex(lst.list.model.index(row_of(lst, "Bolt M4"), 0))
    qtbot.keyClick(view, Qt.Key.Key_Down, SHIFT)  # Bolt M4 and Bolt M5
    assert [r["name"] for r in lst.list.selected_rows()] == ["Bolt M4", "Bolt M5"]
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert asked == ["Mark 2 items for deletion?"]
    marked = "SELECT name FROM cat_products WHERE deletion_mark ORDER BY name"
    qtbot.waitUntil(
        lambda: world.session.scalar("SELECT count(*) FROM cat_products WHERE deletion_mark") == 2,
        timeout=WAIT,
    )
    assert [r["name"] for r in world.session.rows(marked)] == ["Bolt M4", "Bolt M5"]
    qtbot.waitUntil(
        lambda: not lst.busy and crossed(lst, "Bolt M4") and crossed(lst, "Bolt M5"),
        timeout=WAIT,
    )
    assert not crossed(lst, "Bolt M6") and lst.list.message_bar.message() == ""

    # Del again on the same rows clears the marks; one vanished meanwhile and is named.
    view.setCurrentIndex(lst.list.model.index(row_of(lst, "Bolt M4"), 0))
    qtbot.keyClick(view, Qt.Key.Key_Down, SHIFT)
    world.session.execute("DELETE FROM cat_products WHERE name = 'Bolt M5'")
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert asked[-1] == "Clear the deletion mark of 2 items?"
    qtbot.waitUntil(lambda: "Bolt M5" in lst.list.message_bar.message(), timeout=WAIT)
    message = lst.list.message_bar.message()
    assert "1 of 2 item(s) unmarked; refused:" in message and "does not exist" in message
    assert [r["name"] for r in world.session.rows(marked)] == []
    qtbot.waitUntil(lambda: not lst.busy and not crossed(lst, "Bolt M4"), timeout=WAIT)

    # In the group tree, Del marks the chosen group and the tree shows the cross.
    assert lst.select_group(groups["bolts"])
    lst.tree.setFocus()
    qtbot.keyClick(lst.tree, Qt.Key.Key_Delete)
    assert asked[-1] == "Mark «Bolts» for deletion?"
    node = lst._find(groups["bolts"])
    assert node is not None
    qtbot.waitUntil(
        lambda: node.icon().cacheKey() == icon("deleted").cacheKey() and not lst.busy,
        timeout=WAIT,
    )
    assert world.session.scalar(
        "SELECT deletion_mark FROM cat_products WHERE id = :i", i=groups["bolts"]
    )


def test_goods_receipt_line_type_ahead_offers_items_not_groups(qtbot, world, groups):
    w = make_window(qtbot, world.db.engine)
    lst = w.open("document", "goods_receipt")
    qtbot.waitUntil(w.is_idle, timeout=WAIT)
    qtbot.keyClick(lst.view, Qt.Key.Key_Insert)
    form = w.tabs.currentWidget()
    assert isinstance(form, DocumentForm)
    qtbot.waitUntil(w.is_idle, timeout=WAIT)
    form.grid.setFocus()
    qtbot.keyClick(form.grid, Qt.Key.Key_Insert)
    qtbot.waitUntil(lambda: form.grid.delegate.editor is not None, timeout=WAIT)
    editor = form.grid.delegate.editor
    assert isinstance(editor, RefEdit)
    type_ahead(qtbot, editor, "Bol")
    offered = editor.completer().model().stringList()
    assert [n for n in offered if n.startswith("Bolt M")] == [f"Bolt M{i}" for i in range(4, 9)]
    assert "Bolts" not in offered  # the group
