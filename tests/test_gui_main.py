"""The main window on a fresh infobase, driven as a user would (pytest-qt, offscreen)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton

from app.main_window import MainWindow
from app.sections import build_sections
from forms.list_form import ListForm
from server.api import new_document
from server.api.lists import catalog_query, enabled_subsystems, like_escape
from server.errors import KontoraError
from server.metadata import registry
from tests.gui_support import WAIT, make_window, march_report

pytestmark = pytest.mark.usefixtures("gui_isolation")


def wait_idle(qtbot, w: MainWindow) -> None:
    qtbot.waitUntil(w.is_idle, timeout=WAIT)


def receipts(world, n: int, posted: bool = True) -> list[dict]:
    return [
        world.docs.save(
            "goods_receipt",
            new_document(
                organization=world.org,
                warehouse=world.wh,
                date=f"2026-03-{i + 1:02d}T09:00:00",
                lines=[{"product": world.products[0], "quantity": "10", "price": "2.50"}],
            ),
            post=posted,
        )
        for i in range(n)
    ]


def test_sections_are_the_enabled_subsystems_with_objects(qtbot, db):
    w = make_window(qtbot, db.engine)
    enabled = enabled_subsystems(db.session())
    with_objects = {
        o.subsystem for o in (*registry.catalogs.values(), *registry.documents.values())
    }
    options = {n for n, s in registry.subsystems.items() if s.within}  # in their parent's
    expected = {enabled[n] for n in enabled if n in with_objects - options}
    assert set(w.section_titles()) == expected | {"Reports", "Administration"}  # superuser
    assert "Payroll" in w.section_titles()  # private: shown to its readers (a superuser here)
    assert w.windowTitle() == "test infobase"  # the platform appends " — Kontora"
    assert "test infobase" in w.infobase_label.text() and "tester" in w.user_label.text()

    w.select_section("inventory")
    assert w.nav_titles() == [
        "Goods receipt",
        "Opening stock balances",
        "Write-off",
        "Stock transfer",
        "Stock count",
        "Warehouses",
        "Expense items",
        "Stock: balance and turnover",
        "Expenses: turnover",
        "Reserves: balance and turnover",
        "Free stock: balance and turnover",
    ]


def test_switching_off_a_subsystem_hides_its_section(qtbot, db):
    w = make_window(qtbot, db.engine)
    assert "Sales" in w.section_titles()
    w.select_section("sales")
    w.open("document", "sales_shipment")
    db.session().execute("UPDATE kontora.subsystems SET enabled = false WHERE name = 'sales'")
    w.rebuild()
    qtbot.waitUntil(lambda: "Sales" not in w.section_titles(), timeout=WAIT)
    assert "Warehouse" in w.section_titles()
    assert "document:sales_shipment" not in w.forms  # its open list was closed too
    all_items = {i.key for s in w.sections for i in s.items}
    assert "document:sales_shipment" not in all_items


def test_goods_receipts_list_shows_posted_documents_and_filters(qtbot, world):
    docs = receipts(world, 3) + receipts(world, 1, posted=False)
    w = make_window(qtbot, world.db.engine)
    w.select_section("inventory")
    form = w.open("document", "goods_receipt")
    assert w.open("document", "goods_receipt") is form  # re-opening focuses the same tab
    assert w.tabs.count() == 2  # the start page and the list
    model = form.model
    qtbot.waitUntil(lambda: model.rowCount() == 4, timeout=WAIT)

    by_number = {model.row(i)["number"]: i for i in range(model.rowCount())}
    posted_col = [c.key for c in model.query.columns].index("posted")
    first = model.index(by_number[docs[0]["number"]], posted_col)
    draft = model.index(by_number[docs[3]["number"]], posted_col)
    assert model.data(first) == "Posted"
    assert not model.data(first, Qt.ItemDataRole.DecorationRole).isNull()
    assert model.data(first, Qt.ItemDataRole.ToolTipRole) == "Posted"
    assert model.data(draft, Qt.ItemDataRole.ToolTipRole) == "Not posted"
    # newest first, warehouse name joined in
    assert model.row(0)["number"] == docs[2]["number"]  # 2026-03-03, the latest date
    assert model.row(0)["warehouse"] == "Main warehouse"

    qtbot.keyClicks(form.search, docs[1]["number"])
    qtbot.waitUntil(lambda: not form.busy and model.rowCount() == 1, timeout=WAIT)
    assert model.row(0)["number"] == docs[1]["number"]
    form.search.clear()
    qtbot.waitUntil(lambda: not form.busy and model.rowCount() == 4, timeout=WAIT)


def test_deletion_mark_is_an_icon_with_a_tooltip(qtbot, world):
    (doc,) = receipts(world, 1)
    world.docs.mark("goods_receipt", doc["id"])
    w = make_window(qtbot, world.db.engine)
    model = w.open("document", "goods_receipt").model
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=WAIT)
    cell = model.index(0, 0)
    assert model.data(cell, Qt.ItemDataRole.ToolTipRole) == "Marked for deletion"
    assert not model.data(cell, Qt.ItemDataRole.DecorationRole).isNull()


def test_catalog_pages_are_fetched_on_demand(qtbot, db):
    db.session().execute(
        "INSERT INTO kontora.cat_warehouses(name) "
        "SELECT 'Store ' || lpad(i::text, 4, '0') FROM generate_series(1, 450) i"
    )
    form = ListForm(db.engine, catalog_query(registry.catalogs["warehouses"]))
    qtbot.addWidget(form)
    model = form.model
    qtbot.waitUntil(lambda: model.rowCount() == 200 and not model.loading, timeout=WAIT)
    assert model.canFetchMore(model.index(-1, -1))
    while not model.complete:
        model.fetchMore(model.index(-1, -1))
        qtbot.waitUntil(lambda: not model.loading, timeout=WAIT)
    names = [model.row(i)["name"] for i in range(model.rowCount())]
    assert names == sorted(names) and len(set(names)) == 450
    assert form.status.text() == "Rows: 450"


def test_search_text_is_literal(qtbot, db):
    db.session().execute(
        "INSERT INTO kontora.cat_warehouses(name) VALUES ('100% stock'), ('1000 stock')"
    )
    q = catalog_query(registry.catalogs["warehouses"])
    assert [r["name"] for r in q.fetch(db.session(), text="100%").rows] == ["100% stock"]
    assert like_escape("a_b%\\") == "a\\_b\\%\\\\"


def test_stock_report_from_the_reports_section(qtbot, world):
    receipts(world, 2)
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
    model = march_report(qtbot, w, "stock").model
    assert [model.text(i, 0) for i in range(model.rowCount())] == [
        "Main warehouse",
        "    Bolt M4",
        "Total",
    ]
    assert [model.text(1, c) for c in range(1, 5)] == ["", "20", "", "20"]


def test_server_errors_show_in_the_message_bar(qtbot, db, monkeypatch):
    def refuse(*_a, **_k):
        raise KontoraError("Access to Warehouses is not allowed for you")

    monkeypatch.setattr(type(catalog_query(registry.catalogs["units"])), "fetch", refuse)
    w = make_window(qtbot, db.engine)
    w.open("catalog", "warehouses")
    qtbot.waitUntil(w.message_bar.isVisible, timeout=WAIT)
    assert "not allowed" in w.message_bar.text.text()
    qtbot.mouseClick(w.message_bar.close_button, Qt.MouseButton.LeftButton)
    assert not w.message_bar.isVisible()


def test_text_less_buttons_have_accessible_names(qtbot, world):
    w = make_window(qtbot, world.db.engine)
    w.open("document", "goods_receipt")
    w.open("catalog", "warehouses")
    wait_idle(qtbot, w)
    nameless = [
        b
        for b in w.findChildren(QAbstractButton)
        if not b.text() and not b.accessibleName() and b.isVisibleTo(w)
    ]
    assert nameless == [], [b.metaObject().className() for b in nameless]


def test_ctrl_f_focuses_the_search_line(qtbot, world):
    w = make_window(qtbot, world.db.engine)
    form = w.open("document", "goods_receipt")
    w.activateWindow()
    qtbot.waitUntil(lambda: w.isActiveWindow(), timeout=WAIT)
    form.view.setFocus()
    qtbot.waitUntil(form.view.hasFocus, timeout=WAIT)
    qtbot.keyClick(form.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(form.search.hasFocus, timeout=WAIT)


def test_typing_in_a_list_starts_a_search(qtbot, world):
    w = make_window(qtbot, world.db.engine)
    form = w.open("catalog", "warehouses")
    qtbot.waitUntil(lambda: form.model.rowCount() == 2 and not form.busy, timeout=WAIT)
    form.view.setFocus()
    qtbot.keyClicks(form.view, "Sh")
    assert form.search.hasFocus() and form.search.text() == "Sh"
    qtbot.keyClicks(form.search, "op")
    qtbot.waitUntil(lambda: not form.busy and form.model.rowCount() == 1, timeout=WAIT)
    assert form.model.row(0)["name"] == "Shop"


def test_tabs_and_section_are_remembered(qtbot, db):
    w = make_window(qtbot, db.engine)
    w.select_section("core")
    w.open("catalog", "units")
    w.open("catalog", "products")
    wait_idle(qtbot, w)
    w.close()
    again = make_window(qtbot, db.engine)
    qtbot.waitUntil(lambda: len(again.forms) == 3, timeout=WAIT)
    assert set(again.forms) == {"document:goods_receipt", "catalog:units", "catalog:products"}
    assert again.current_section() == "core"
    wait_idle(qtbot, again)


def test_build_sections_puts_reference_data_last():
    enabled = {"core": "Core", "inventory": "Warehouse", "sales": "Sales"}
    names = [s.name for s in build_sections(registry, enabled)]
    assert names == ["inventory", "sales", "core", "reports"]
    assert [s.name for s in build_sections(registry, {"core": "Core"})] == ["core"]
