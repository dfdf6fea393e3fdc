""" "Create" on a catalog item's form (real widgets, offscreen): a sales order from a deal opens
filled with the deal, its partner and the partner's counterparty."""

from __future__ import annotations

import pytest

from forms.object_form import DocumentForm
from server.api import Catalogs
from server.metadata import registry
from tests.gui_support import WAIT, make_window

pytestmark = pytest.mark.usefixtures("gui_isolation")


def test_sales_order_created_from_a_deal(qtbot, world):
    cats = Catalogs(world.session, registry)
    kind = cats.save("deal_types", {"name": "Sale"})["id"]
    stage = cats.save("deal_stages", {"name": "Lead", "deal_type": kind, "sequence": 1})["id"]
    deal = cats.save(
        "deals",
        {"name": "Bolts", "partner": world.partner, "deal_type": kind, "stage": stage},
    )["id"]
    w = make_window(qtbot, world.db.engine)
    form = w.open_catalog_item("deals", deal)
    qtbot.waitUntil(lambda: not form.busy and form.item_name == "Bolts", timeout=WAIT)
    assert form.create.action.isVisible()
    form.create.menu.aboutToShow.emit()
    titles = [a.text() for a in form.create.menu.actions()]
    assert "Sales order" in titles and "Sales shipment" in titles
    form.create.create("sales_order")
    qtbot.waitUntil(lambda: isinstance(w.workspace.tabs.currentWidget(), DocumentForm),
                    timeout=WAIT)  # fmt: skip
    order = w.workspace.tabs.currentWidget()
    assert order.doc.name == "sales_order" and order.doc_id is None and order.dirty
    editors = order.header.editors
    assert editors["deal"].value()["id"] == deal
    assert editors["partner"].value()["id"] == world.partner
    assert editors["counterparty"].value()["id"] == world.customer
