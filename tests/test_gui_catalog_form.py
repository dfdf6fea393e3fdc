"""Catalog lists with group trees and item forms, driven from the keyboard (pytest-qt)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.main_window import MainWindow
from forms.catalog_form import CatalogForm
from forms.catalog_list import CatalogList
from forms.list_form import ListForm
from forms.ref_edit import RefEdit
from server.api import Catalogs
from server.metadata import registry
from tests.gui_support import WAIT, make_window, type_ahead

pytestmark = pytest.mark.usefixtures("gui_isolation")
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def groups(world) -> dict[str, int]:
    cats = Catalogs(world.session, registry)
    tools = cats.save("products", {"name": "Tools", "is_group": True})["id"]
    paint = cats.save("products", {"name": "Paint", "is_group": True})["id"]
    cats.save("products", {"name": "Hammer", "unit": world.pcs, "parent": tools})
    return {"tools": tools, "paint": paint}


def wait_idle(qtbot, w: MainWindow) -> None:
    qtbot.waitUntil(w.is_idle, timeout=WAIT)


def list_names(form: ListForm) -> list[str]:
    return [form.model.row(i)["name"] for i in range(form.model.rowCount())]


def open_products(qtbot, w: MainWindow) -> CatalogList:
    lst = w.open("catalog", "products")
    assert isinstance(lst, CatalogList)
    qtbot.waitUntil(lambda: lst.root.rowCount() == 2 and not lst.busy, timeout=WAIT)
    return lst


def test_new_item_is_created_in_the_chosen_group_from_the_keyboard(qtbot, world, groups):
    w = make_window(qtbot, world.db.engine)
    lst = open_products(qtbot, w)
    assert [lst.root.child(i).text() for i in range(2)] == ["Paint", "Tools"]
    assert list_names(lst.list)[:2] == ["Paint", "Tools"]  # top level: groups first
    assert "Hammer" not in list_names(lst.list)

    lst.tree.setFocus()
    qtbot.keyClick(lst.tree, Qt.Key.Key_Down)  # All items -> Paint
    qtbot.keyClick(lst.tree, Qt.Key.Key_Down)  # -> Tools
    assert lst.current_group() == {"id": groups["tools"], "name": "Tools"}
    qtbot.waitUntil(lambda: list_names(lst.list) == ["Hammer"] and not lst.busy, timeout=WAIT)

    qtbot.keyClick(lst.tree, Qt.Key.Key_Insert)
    form = w.tabs.currentWidget()
    assert isinstance(form, CatalogForm) and form.item_id is None
    parent = form.fields.editors["parent"]
    assert isinstance(parent, RefEdit) and parent.value() == {
        "id": groups["tools"],
        "name": "Tools",
    }
    name = form.fields.editors["name"]
    assert name.hasFocus()
    qtbot.keyClicks(name, "Saw 500 mm")
    qtbot.keyClick(name, Qt.Key.Key_Tab)
    assert parent.hasFocus()
    qtbot.keyClick(parent, Qt.Key.Key_Tab)
    unit = form.fields.editors["unit"]
    assert isinstance(unit, RefEdit) and unit.hasFocus()
    popup = type_ahead(qtbot, unit, "pc")
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not unit.unresolved, timeout=WAIT)
    assert unit.value() == {"id": world.pcs, "name": "pcs"}
    assert form.dirty and form.title().endswith("*")
    qtbot.keyClick(unit, Qt.Key.Key_Return, CTRL)  # save and close
    qtbot.waitUntil(lambda: form not in w.objects.values(), timeout=WAIT)

    row = world.session.rows(
        "SELECT parent_id, unit_id FROM cat_products WHERE name = 'Saw 500 mm'"
    )
    assert row == [{"parent_id": groups["tools"], "unit_id": world.pcs}]
    assert w.tabs.currentWidget() is lst
    qtbot.wait(1500)
    print("NAMES", list_names(lst.list), lst.list.model.filter, lst.current_group())
    qtbot.waitUntil(lambda: list_names(lst.list) == ["Hammer", "Saw 500 mm"], timeout=WAIT)


def test_ctrl_f9_creates_a_subgroup_and_the_tree_shows_it(qtbot, world, groups):
    w = make_window(qtbot, world.db.engine)
    lst = open_products(qtbot, w)
    assert lst.select_group(groups["tools"])
    lst.tree.setFocus()
    qtbot.keyClick(lst.tree, Qt.Key.Key_F9, CTRL)
    form = w.tabs.currentWidget()
    assert isinstance(form, CatalogForm) and form.group
    assert set(form.fields.editors) == {"code", "name", "parent"}  # a group: no item fields
    qtbot.keyClicks(form.fields.editors["name"], "Saws")
    qtbot.keyClick(form.fields.editors["name"], Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: form not in w.objects.values(), timeout=WAIT)
    tools = lst._find(groups["tools"])
    assert tools is not None
    lst.tree.expand(tools.index())
    qtbot.waitUntil(lambda: tools.rowCount() == 1 and tools.child(0).text() == "Saws", timeout=WAIT)
    assert world.session.scalar(
        "SELECT is_group AND parent_id = :t FROM cat_products WHERE name = 'Saws'",
        t=groups["tools"],
    )
    lst.subgroups.setChecked(True)  # Tools with its subgroups: Hammer and the new group
    qtbot.waitUntil(lambda: list_names(lst.list) == ["Saws", "Hammer"], timeout=WAIT)


def test_refused_value_is_shown_beside_its_field_and_a_conflict_offers_reload(
    qtbot, world, monkeypatch
):
    w = make_window(qtbot, world.db.engine)
    lst = w.open("catalog", "warehouses")  # a flat catalog: the plain list
    assert isinstance(lst, ListForm)
    qtbot.waitUntil(lambda: lst.model.rowCount() == 2 and not lst.busy, timeout=WAIT)
    lst.view.setCurrentIndex(lst.model.index(0, 0))  # Main warehouse
    qtbot.keyClick(lst.view, Qt.Key.Key_Return)
    form = w.tabs.currentWidget()
    assert isinstance(form, CatalogForm) and form.item_id == world.wh
    qtbot.waitUntil(lambda: form.version == 1 and not form.busy, timeout=WAIT)
    name = form.fields.editors["name"]
    assert name.text() == "Main warehouse" and not form.dirty

    name.setFocus()
    name.selectAll()
    qtbot.keyClick(name, Qt.Key.Key_Delete)
    qtbot.keyClick(name, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: form.fields.errors["name"].isVisible(), timeout=WAIT)
    assert "Name is required" in form.fields.errors["name"].text()

    # Someone else renames it meanwhile; our save is refused, our text stays.
    cats = Catalogs(world.session, registry)
    cats.save("warehouses", {"id": world.wh, "version": 1, "name": "Central warehouse"})
    qtbot.keyClicks(name, "Main store")
    qtbot.keyClick(name, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: "another user" in form.message_bar.message(), timeout=WAIT)
    assert form.message_bar.action_button.text() == "Reload"
    assert name.text() == "Main store" and form.dirty and form.version == 1

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    form.message_bar.action_button.click()
    qtbot.waitUntil(lambda: name.text() == "Central warehouse" and not form.busy, timeout=WAIT)
    assert form.version == 2 and not form.dirty

    form.mark_action.trigger()
    qtbot.waitUntil(lambda: form.deletion_mark and not form.busy, timeout=WAIT)
    assert "marked for deletion" in w.tabs.tabText(w.tabs.indexOf(form))
    qtbot.waitUntil(lambda: lst.model.rowCount() == 2 and not lst.busy, timeout=WAIT)
    assert world.session.scalar(
        "SELECT deletion_mark FROM cat_warehouses WHERE id = :i", i=world.wh
    )


def test_closing_a_changed_item_asks_and_cancel_keeps_it(qtbot, world, monkeypatch):
    w = make_window(qtbot, world.db.engine)
    form = w.open_catalog_item("units", world.kg)
    qtbot.waitUntil(lambda: form.version == 1 and not form.busy, timeout=WAIT)
    precision = form.fields.editors["precision"]
    precision.setFocus()
    precision.selectAll()
    qtbot.keyClicks(precision, "2")
    asked = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda *a, **k: asked.append(a) or QMessageBox.StandardButton.Cancel,
    )
    w.close_tab(w.tabs.indexOf(form))
    assert asked and w.tabs.indexOf(form) >= 0
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Save)
    w.close_tab(w.tabs.indexOf(form))
    qtbot.waitUntil(lambda: form not in w.objects.values(), timeout=WAIT)
    assert world.session.scalar("SELECT precision FROM cat_units WHERE id = :i", i=world.kg) == 2
