"""The start page's key figures and the favorites/history menus, driven as a user would."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from forms.formatting import decimal_text
from server.api import new_document
from tests.gui_support import WAIT, make_window

pytestmark = pytest.mark.usefixtures("gui_isolation")


def _at(minutes: int) -> str:
    """Today, ``minutes`` after midnight (the start page sums today's sales)."""
    when = dt.datetime.combine(dt.date.today(), dt.time()) + dt.timedelta(minutes=minutes)
    return when.isoformat(timespec="seconds")


def _save(world, name: str, minutes: int, lines: list[dict], **header) -> dict:
    payload = new_document(
        organization=world.org, warehouse=world.wh, date=_at(minutes), lines=lines, **header
    )
    return world.docs.save(name, payload, post=True)


@pytest.fixture
def shop(world):
    """Stock received and two shipments posted today; one product below its minimum."""
    p0, p1 = world.products[:2]
    lines = [{"product": p, "quantity": "10", "price": "1.00"} for p in (p0, p1)]
    _save(world, "goods_receipt", 1, lines)
    ship = {"customer": world.customer}
    _save(world, "sales_shipment", 2, [{"product": p0, "quantity": "3", "price": "2.50"}], **ship)
    _save(world, "sales_shipment", 3, [{"product": p1, "quantity": "1", "price": "0.35"}], **ship)
    world.session.execute("UPDATE kontora.cat_products SET min_stock = 8 WHERE id = :p", p=p0)
    world.session.execute("UPDATE kontora.cat_products SET min_stock = 9 WHERE id = :p", p=p1)
    return world


def test_start_page_shows_key_figures_and_lists_items_below_minimum(qtbot, shop):
    w = make_window(qtbot, shop.db.engine)
    page = w.start_page
    assert w.tabs.widget(0) is page and w.tabs.currentWidget() is page
    qtbot.waitUntil(lambda: page.value_text("sales_today") is not None, timeout=WAIT)
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT)
    assert page.value_text("sales_today") == decimal_text(Decimal("7.85"), 2)  # 7.50 + 0.35
    assert page.value_text("below_minimum") == "1"  # p0: 7 < 8; p1: 9 is not below 9
    assert page.value_text("open_deals") == "0"
    assert page.value_text("customers_owe") == decimal_text(Decimal("7.85"), 2)  # not paid
    assert page.value_text("orders_to_ship") == "0"

    opener = page.findChild(QPushButton, "open_customers_owe")  # the report behind the figure
    assert opener.text() == "Open the report…"
    qtbot.mouseClick(opener, Qt.MouseButton.LeftButton)
    assert w.tabs.currentWidget() is w.forms["report:customer_aging"]
    w.tabs.setCurrentWidget(page)

    w.close_tab(0)
    assert w.tabs.widget(0) is page  # the start page cannot be closed

    button = page.findChild(QPushButton, "show_below_minimum")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=WAIT)
    assert dialog.cell_texts() == [["", "Bolt M4", "7", "8", "1"]]
    dialog.close()
    with qtbot.waitActive(w):
        w.activateWindow()

    # Another shipment today, then F5 on the page: the figures follow.
    _save(
        shop,
        "sales_shipment",
        4,
        [{"product": shop.products[1], "quantity": "1", "price": "1.00"}],
        customer=shop.customer,
    )
    page.setFocus()
    qtbot.keyClick(page, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: page.value_text("below_minimum") == "2", timeout=WAIT)
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT)
    assert page.value_text("sales_today") == decimal_text(Decimal("8.85"), 2)

    shop.session.execute("UPDATE kontora.subsystems SET enabled = false WHERE name = 'sales'")
    w.rebuild()
    qtbot.waitUntil(lambda: page.value_text("sales_today") is None, timeout=WAIT)
    assert page.value_text("below_minimum") == "2"


def test_favorites_and_history_persist_per_user(qtbot, shop):
    doc = _save(
        shop,
        "write_off",
        5,
        [{"product": shop.products[0], "quantity": "1"}],
        reason="spoilage",
        expense_item=shop.expense_item,
    )
    w = make_window(qtbot, shop.db.engine)
    fav = w.favorites
    qtbot.waitUntil(lambda: fav.loaded, timeout=WAIT)
    assert fav.entry_titles(fav.favorites_menu) == []
    w.open("catalog", "products")
    qtbot.keyClick(w.tabs.currentWidget(), Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert fav.toggle_action.isChecked() and fav.star.accessibleName() == "Remove from favorites"
    form = w.open_document("write_off", doc["id"])
    qtbot.waitUntil(lambda: form.number == doc["number"], timeout=WAIT)
    w.tabs.setCurrentWidget(w.start_page)
    w.tabs.setCurrentWidget(form)  # the history and the star follow the current tab
    assert not fav.toggle_action.isChecked()
    qtbot.mouseClick(fav.star, Qt.MouseButton.LeftButton)
    assert fav.toggle_action.isChecked()
    w.open("document", "goods_receipt")
    w.tabs.setCurrentWidget(w.forms["catalog:products"])
    qtbot.keyClick(w.tabs.currentWidget(), Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    w.tabs.setCurrentWidget(form)
    w.close()

    again = make_window(qtbot, shop.db.engine)
    fav = again.favorites
    qtbot.waitUntil(lambda: fav.loaded, timeout=WAIT)
    number = f"Write-off {doc['number']}"
    assert fav.entry_titles(fav.favorites_menu) == [number]  # products was toggled off again
    history = fav.entry_titles(fav.history_menu)
    assert history[:3] == [number, "Products", "Goods receipt"]
    action = next(a for a in fav.favorites_menu.actions() if a.text() == number)
    action.trigger()
    opened = again.tabs.currentWidget()
    assert opened is again.objects[f"write_off:{doc['id']}"]
    again.close()

    # One row per key and login, written once however often the favorites changed.
    assert (
        shop.session.scalar("SELECT count(*) FROM kontora.user_settings WHERE key = 'favorites'")
        == 1
    )


def test_a_catalog_item_can_be_a_favorite(qtbot, shop):
    w = make_window(qtbot, shop.db.engine)
    fav = w.favorites
    qtbot.waitUntil(lambda: fav.loaded, timeout=WAIT)
    item = w.open_catalog_item("products", shop.products[0])
    qtbot.waitUntil(lambda: not item.busy and bool(item.item_name), timeout=WAIT)
    w.tabs.setCurrentWidget(w.start_page)
    w.tabs.setCurrentWidget(item)
    qtbot.keyClick(item, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    title = f"Products: {item.item_name}"
    assert fav.entry_titles(fav.favorites_menu) == [title]
    assert fav.entry_titles(fav.history_menu)[0] == title
    w.close_tab(w.tabs.indexOf(item))
    next(a for a in fav.favorites_menu.actions() if a.text() == title).trigger()
    opened = w.tabs.currentWidget()
    assert type(opened).__name__ == "CatalogForm" and opened.item_id == shop.products[0]
