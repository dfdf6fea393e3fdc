"""The CRM path in real widgets (issue 5's GUI test): a call is registered, a deal is created
from the partner, moved through its stages (the statistics record each move), and a sales order
is created from the deal carrying it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from forms.catalog_form import CatalogForm
from forms.object_form import DocumentForm
from forms.ref_edit import RefEdit
from server.api import Catalogs
from server.metadata import registry
from tests.gui_support import WAIT, focus, make_window, type_ahead

pytestmark = pytest.mark.usefixtures("gui_isolation")
CTRL = Qt.KeyboardModifier.ControlModifier


def _pick(qtbot, edit: RefEdit, text: str) -> None:
    focus(qtbot, edit)
    popup = type_ahead(qtbot, edit, text)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not edit.unresolved, timeout=WAIT)


def test_call_then_deal_through_stages_then_order(qtbot, world):
    cats = Catalogs(world.session, registry)
    kind = cats.save("deal_types", {"name": "Sale of goods"})["id"]
    for name, seq, prob in (("Lead", 1, "10"), ("Offer", 2, "50"), ("Agreed", 3, "90")):
        cats.save("deal_stages", {"name": name, "deal_type": kind, "sequence": seq,
                                  "probability": prob})  # fmt: skip
    w = make_window(qtbot, world.db.engine)

    # 1. A call registered (an interaction is only saved).
    call = w.open_document("interaction", None)
    qtbot.waitUntil(w.is_idle, timeout=WAIT)
    assert isinstance(call, DocumentForm)
    call.header.editors["subject"].setText("Asked for a price list")
    call.header.changed.emit()
    _pick(qtbot, call.header.editors["partner"], "Customer O")
    call.post_close_action.trigger()
    qtbot.waitUntil(lambda: call not in w.objects.values(), timeout=WAIT)
    assert world.session.scalar("SELECT count(*) FROM doc_interaction WHERE partner_id = :p",
                                p=world.partner) == 1  # fmt: skip

    # 2. A deal created from the partner's form ("Create" → Deals), partner filled in.
    partner = w.open_catalog_item("partners", world.partner)
    qtbot.waitUntil(lambda: not partner.busy and partner.item_name == "Customer One",
                    timeout=WAIT)  # fmt: skip
    partner.create.create("deals")
    qtbot.waitUntil(lambda: isinstance(w.tabs.currentWidget(), CatalogForm)
                    and w.tabs.currentWidget() is not partner, timeout=WAIT)  # fmt: skip
    deal = w.tabs.currentWidget()
    assert deal.fields.editors["partner"].value()["id"] == world.partner
    qtbot.keyClicks(deal.fields.editors["name"], "Bolts for the plant")
    _pick(qtbot, deal.fields.editors["deal_type"], "Sale")
    _pick(qtbot, deal.fields.editors["stage"], "Lead")
    deal.save()
    qtbot.waitUntil(lambda: deal.item_id is not None and not deal.busy, timeout=WAIT)
    deal_id = deal.item_id

    # 3. Through its stages: Offer, then Agreed; the statistics record every move.
    for stage in ("Offer", "Agreed"):
        edit = deal.fields.editors["stage"]
        edit.clear_value()
        edit.clear()
        _pick(qtbot, edit, stage)
        deal.save()
        qtbot.waitUntil(lambda: not deal.dirty and not deal.busy, timeout=WAIT)
    rows = world.session.rows(
        "SELECT s.name, t.result FROM inf_deal_stage_stats t "
        "JOIN cat_deal_stages s ON s.id = t.stage_id WHERE t.deal_id = :d ORDER BY s.sequence",
        d=deal_id,
    )
    assert [(r["name"], r["result"]) for r in rows] == [
        ("Lead", "forward"), ("Offer", "forward"), ("Agreed", "current")
    ]  # fmt: skip
    assert world.session.scalar("SELECT probability FROM cat_deals WHERE id = :d",
                                d=deal_id) == 90  # fmt: skip

    # 4. A sales order from the deal: partner, counterparty and the deal filled in.
    deal.create.create("sales_order")
    qtbot.waitUntil(lambda: isinstance(w.tabs.currentWidget(), DocumentForm), timeout=WAIT)
    order = w.tabs.currentWidget()
    assert order.doc.name == "sales_order"
    assert order.header.editors["deal"].value()["id"] == deal_id
    assert order.header.editors["counterparty"].value()["id"] == world.customer
