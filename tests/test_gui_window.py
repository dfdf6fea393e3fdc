"""Window behaviour: the sections panel follows the open tab, and a document's lines grid fits
its columns to the width of the window (pytest-qt, offscreen)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from forms.object_form import DocumentForm
from server.api import new_document
from tests.gui_support import WAIT, make_window
from tests.helpers import receipt
from tests.sales_helpers import order

pytestmark = pytest.mark.usefixtures("gui_isolation")

LONG = "Interior paint, white, matt, for walls and ceilings, 10 litres"


def _purchase_order(world) -> dict:
    payload = new_document(
        organization=world.org,
        date="2026-03-01T09:00:00",
        partner=world.partner,
        counterparty=world.customer,
        warehouse=world.wh,
        lines=[{"product": world.products[1], "quantity": "5", "price": "2.00"}],
    )
    return world.docs.save("purchase_order", payload, post=True)


def test_the_sections_panel_follows_the_open_tab(qtbot, world):
    po = _purchase_order(world)
    receipt(world, 1, (world.products[0], "10"))
    so = order(world, 2, (world.products[0], "2", "10.00"))
    w = make_window(qtbot, world.db.engine)
    w.select_section("core")
    sales = w.open_document("sales_order", so["id"])
    purchase = w.open_document("purchase_order", po["id"])
    assert w.current_section() == "purchasing"
    w.tabs.setCurrentWidget(sales)
    assert w.current_section() == "sales"
    assert w.navigation.currentItem().text(0) == "Sales order"  # its command is selected
    w.tabs.setCurrentWidget(purchase)
    assert w.current_section() == "purchasing"
    # a report stays in the Reports section when opened there; a list follows its section
    w.select_section("reports")
    w.open_report("stock")
    assert w.current_section() == "reports"
    w.tabs.setCurrentWidget(w.open("catalog", "units"))
    assert w.current_section() == "core"
    w.tabs.setCurrentWidget(w.start_page)  # the start page leaves the section as it is
    assert w.current_section() == "core"
    qtbot.waitUntil(w.is_idle, timeout=WAIT)


def test_sales_order_lines_show_every_column_at_1200_px(qtbot, world):
    world.session.execute("UPDATE cat_products SET name = :n WHERE id = :p", n=LONG,
                          p=world.products[0])  # fmt: skip
    receipt(world, 1, (world.products[0], "10"))
    so = order(world, 2, (world.products[0], "2", "10.00", "1", {"discount": "5"}))
    w = make_window(qtbot, world.db.engine)
    w.resize(1200, 700)
    form = w.open_document("sales_order", so["id"])
    assert isinstance(form, DocumentForm)
    qtbot.waitUntil(lambda: form.lines.rowCount() == 1, timeout=WAIT)
    qtbot.waitUntil(w.is_idle, timeout=WAIT)
    grid = form.grid
    qtbot.waitUntil(lambda: grid.isVisible() and grid.viewport().width() > 0, timeout=WAIT)
    header = grid.horizontalHeader()
    total = sum(grid.columnWidth(i) for i in range(form.lines.columnCount()))
    assert total <= grid.viewport().width()
    assert grid.horizontalScrollBar().maximum() == 0  # no horizontal scroll
    assert header.length() <= grid.viewport().width()
    fm = grid.fontMetrics()
    for i in range(form.lines.columnCount()):
        value = str(form.lines.index(0, i).data(Qt.ItemDataRole.DisplayRole) or "")
        heading = str(form.lines.headerData(i, Qt.Orientation.Horizontal))
        if i:  # every value but the product's shows whole, every heading line too
            assert fm.horizontalAdvance(value) < grid.columnWidth(i), (heading, value)
        widest = max(header.fontMetrics().horizontalAdvance(t) for t in heading.split("\n"))
        assert widest < grid.columnWidth(i), heading
    product = grid.columnWidth(0)
    assert fm.horizontalAdvance("0") * 10 <= product < fm.horizontalAdvance(LONG)  # elided
    assert grid.textElideMode() == Qt.TextElideMode.ElideRight
    # a wider window gives the room to the product
    w.resize(1600, 700)
    qtbot.waitUntil(lambda: grid.columnWidth(0) > product, timeout=WAIT)
    assert grid.horizontalScrollBar().maximum() == 0
