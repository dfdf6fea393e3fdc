"""Off means gone, in line grids and reports too: a switched-off subsystem takes the columns of
document lines that refer to its objects, its register report dimensions (grouping and
filters) and its analyses away from a running client, and brings them back when it is on."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import create_engine

from forms import switched_on
from forms.object_form import DocumentForm
from forms.settings_store import store_for
from server.api import Session
from server.api.admin import set_subsystems
from server.metadata import registry
from tests.gui_support import WAIT, make_window, march_report
from tests.helpers import receipt

pytestmark = pytest.mark.usefixtures("gui_isolation")


def _switch(qtbot, world, names: dict[str, bool], form=None) -> None:
    """Another administrator switches; the client hears it (and ``form`` generates again)."""
    other = create_engine(world.db.url)
    try:
        if form is None:
            set_subsystems(Session(other), registry, names)
        else:
            with qtbot.waitSignal(form.generated, timeout=WAIT):
                set_subsystems(Session(other), registry, names)
    finally:
        other.dispose()


def _stock(report) -> dict[str, Decimal]:
    """Closing quantity per item row label of the stock report."""
    rows = [r for r in report.rows if r.kind == "item"]
    return {str(r.label): r.values["quantity_close"] for r in rows}


def test_several_warehouses_off_takes_the_warehouse_from_lines_and_the_stock_report(qtbot, world):
    p = world.products[0]
    receipt(world, 2, (p, "5"))
    receipt(world, 3, (p, "7"), wh=world.wh2)
    w = make_window(qtbot, world.db.engine)
    qtbot.waitUntil(lambda: w.feed.connected, timeout=WAIT)
    ship = w.open_document("sales_shipment")
    assert isinstance(ship, DocumentForm)
    form = march_report(qtbot, w, "stock")
    assert form.report is not None and form.report.levels == ("warehouse", "product")
    assert "warehouse" in form.panel.shown_levels()
    assert form.panel.filters["warehouse"].isVisibleTo(form)
    assert form.report.total.values["quantity_close"] == 12

    _switch(qtbot, world, {"warehouses": False}, form)
    assert form.report.levels == ("product",)
    assert "Warehouse" not in form.report.level_titles
    assert _stock(form.report) == {"Bolt M4": 12}  # the warehouses summed
    assert "warehouse" not in form.panel.shown_levels()
    assert "warehouse" not in form.panel.shown_filters()
    assert not form.panel.filters["warehouse"].isVisibleTo(form)
    assert not ship.header.editors["warehouse"].isVisibleTo(ship)
    for grid in ship.grids.values():  # no line column shown refers to a warehouse
        shown = [f for f in grid.lines.fields if f.name in grid.shown_columns()]
        assert shown and all(getattr(f, "target", None) != "warehouses" for f in shown)

    _switch(qtbot, world, {"warehouses": True}, form)
    assert form.report.levels == ("warehouse", "product")
    assert "warehouse" in form.panel.shown_levels()
    assert form.panel.filters["warehouse"].isVisibleTo(form)
    assert ship.header.editors["warehouse"].isVisibleTo(ship)


def test_sales_off_hides_the_order_columns_of_payment_lines_and_the_order_dimension(qtbot, world):
    w = make_window(qtbot, world.db.engine)
    qtbot.waitUntil(lambda: w.feed.connected, timeout=WAIT)
    pay = w.open_document("customer_payment")
    grid = pay.grids["orders"]
    assert grid.shown_columns() == ["order", "shipment", "amount"]
    form = march_report(qtbot, w, "customer_settlements")
    assert "order" in form.report.levels
    _switch(qtbot, world, {"sales": False}, form)
    assert grid.shown_columns() == ["amount"]
    assert grid.isColumnHidden(0) and grid.isColumnHidden(1) and not grid.isColumnHidden(2)
    assert form.report.levels == ("partner", "counterparty")
    assert "order" not in form.panel.shown_filters()
    _switch(qtbot, world, {"sales": True}, form)
    assert grid.shown_columns() == ["order", "shipment", "amount"]
    assert form.report.levels == ("partner", "counterparty", "order")


def test_marketing_off_takes_its_analysis_away(qtbot, world):
    w = make_window(qtbot, world.db.engine)
    qtbot.waitUntil(lambda: w.feed.connected, timeout=WAIT)
    form = w.open_admin("analytics")
    assert "marketing" in form.kinds() and "funnel" in form.kinds()
    _switch(qtbot, world, {"marketing": False})
    qtbot.waitUntil(lambda: "marketing" not in form.kinds(), timeout=WAIT)
    assert "funnel" in form.kinds() and "kpis" in form.kinds()
    _switch(qtbot, world, {"marketing": True})
    qtbot.waitUntil(lambda: "marketing" in form.kinds(), timeout=WAIT)


def test_a_report_opened_while_off_keeps_a_remembered_warehouse_grouping_hidden(qtbot, world):
    p = world.products[0]
    receipt(world, 2, (p, "5"))
    receipt(world, 3, (p, "7"), wh=world.wh2)
    w = make_window(qtbot, world.db.engine)
    qtbot.waitUntil(lambda: w.feed.connected, timeout=WAIT)
    form = march_report(qtbot, w, "stock", ["warehouse", "product"])  # remembered
    assert form.report.levels == ("warehouse", "product")
    qtbot.waitUntil(lambda: not store_for(world.db.engine).pending, timeout=WAIT)
    w.workspace.close_tab(w.tabs.indexOf(form))
    _switch(qtbot, world, {"warehouses": False})
    qtbot.waitUntil(lambda: "warehouses" not in (switched_on.enabled() or ()), timeout=WAIT)
    again = w.open_report("stock")
    qtbot.waitUntil(lambda: again.settings_loaded, timeout=WAIT)
    assert "warehouse" not in again.panel.shown_levels()
    assert again.panel.levels() == ("product",)
    with qtbot.waitSignal(again.generated, timeout=WAIT):
        again.generate()
    assert again.report.levels == ("product",) and _stock(again.report) == {"Bolt M4": 12}
    _switch(qtbot, world, {"warehouses": True}, again)
    assert again.report.levels == ("warehouse", "product")  # the remembered grouping is back
