"""Switching CRM off removes every CRM element from a running client (walking its widgets) and
the database refuses CRM writes; switching it back restores them with their data."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel, QMessageBox, QWidget
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

from forms import switched_on
from server.api import Catalogs, Session
from server.api.admin import set_subsystems
from server.api.key_figures import key_figures
from server.api.search import search
from server.api.switch_impact import impact, object_counts
from server.metadata import registry
from tests.gui_support import WAIT, make_window
from tests.helpers import receipt
from tests.sales_helpers import order

pytestmark = pytest.mark.usefixtures("gui_isolation")
CRM = ("crm", "marketing", "claims", "mailing")  # CRM and what depends on it


def _crm_objects() -> dict[tuple[str, str], str]:
    """(kind, name) -> title of every catalog, document and report of CRM and its dependents."""
    out = {("catalog", c.name): c.title for c in registry.catalogs.values() if c.subsystem in CRM}
    out |= {
        ("document", d.name): d.title for d in registry.documents.values() if d.subsystem in CRM
    }
    return out


def _deal(world) -> int:
    cats = Catalogs(world.session, registry)
    kind = cats.save("deal_types", {"name": "Sale of goods"})["id"]
    stage = cats.save(
        "deal_stages", {"name": "Lead", "deal_type": kind, "sequence": 10, "outcome": "open"}
    )["id"]
    deal = cats.save(
        "deals",
        {"name": "Bolts for the plant", "partner": world.partner, "deal_type": kind,
         "stage": stage, "amount": "1500.00"},
    )  # fmt: skip
    return int(deal["id"])


def _visible_texts(w: QWidget) -> set[str]:
    """Texts of every label and button the user can see in the window."""
    out = set()
    for child in w.findChildren(QWidget):
        if not child.isVisibleTo(w):
            continue
        if isinstance(child, QLabel | QAbstractButton):
            out.add(child.text().rstrip(":* ").replace("&", ""))
    return out


def _crm_seen(w, doc, orders, partners, partner) -> dict[str, object]:
    """Every place a CRM element could show, as the running client shows it."""
    crm_keys = set(_crm_objects())
    return {
        "sections": "CRM" in w.section_titles(),
        "nav": [i.key for s in w.sections for i in s.items if (i.kind, i.name) in crm_keys],
        "deal field": doc.header.editors["deal"].isVisibleTo(doc),
        "deal label": doc.header.labels["deal"].isVisibleTo(doc),
        "partner source fields": [
            n for n in ("channel", "event") if partner.fields.editors[n].isVisibleTo(partner)
        ],
        "deal column": "deal" in orders.columns.shown(),
        "deal filter": orders.filters.refs["deal"].isVisibleTo(orders),
        "partner source columns": {"channel", "event"} & set(partners.list.columns.shown()),
        "texts": {"Deal", "Deals", "Interactions", "Customer claims"} & _visible_texts(doc),
    }


def test_switching_crm_off_and_on_in_a_running_client(qtbot, world, monkeypatch):
    deal = _deal(world)
    p = world.products[0]
    receipt(world, 1, (p, "10"))
    o = order(world, 2, (p, "1", "25.00"), deal=deal)
    w = make_window(qtbot, world.db.engine)
    qtbot.waitUntil(lambda: w.feed.connected and "CRM" in w.section_titles(), timeout=WAIT)
    orders = w.open("document", "sales_order")
    partners = w.open("catalog", "partners")
    doc = w.open_document("sales_order", o["id"])
    qtbot.waitUntil(lambda: not doc.busy and doc.doc_id == o["id"], timeout=WAIT)
    partner = w.open_catalog_item("partners", world.partner)
    w.tabs.setCurrentWidget(doc)
    before = _crm_seen(w, doc, orders, partners, partner)
    assert before["partner source fields"] == ["channel", "event"]
    assert before["sections"] and before["nav"] and before["deal field"] and before["deal label"]
    assert (
        before["deal column"]
        and before["deal filter"]
        and before["partner source columns"] == {"channel", "event"}
    )
    assert doc.header.values()["deal"] == deal or doc.header.values()["deal"]["id"] == deal

    # The impact the administrator sees first: who depends on CRM, what it hides.
    counts = object_counts(world.session, registry)
    imp = impact(registry, counts, "crm")
    assert imp.dependents == ("marketing", "claims", "mailing")
    assert ("catalog", "deals", 1) in {(o.kind, o.name, o.count) for o in imp.objects}

    # Another administrator switches CRM off: the client follows through LISTEN/NOTIFY.
    other = create_engine(world.db.url)
    set_subsystems(Session(other), registry, dict.fromkeys(CRM, False))
    qtbot.waitUntil(lambda: "CRM" not in w.section_titles(), timeout=WAIT)
    qtbot.waitUntil(lambda: not doc.header.editors["deal"].isVisibleTo(doc), timeout=WAIT)
    after = _crm_seen(w, doc, orders, partners, partner)
    assert after == {
        "sections": False,
        "nav": [],
        "deal field": False,
        "deal label": False,
        "partner source fields": [],
        "deal column": False,
        "deal filter": False,
        "partner source columns": set(),
        "texts": set(),
    }
    assert not {"crm", "marketing"} & {f.subsystem for f in key_figures(world.session, registry)}
    assert not [h for h in search(world.session, registry, "Bolts for") if h.name == "deals"]
    assert not {"crm"} & set(switched_on.enabled() or ())
    # The database refuses a deal written by SQL, and the deal of an open form is kept.
    with pytest.raises(DBAPIError, match="switched-off subsystem"), other.begin() as c:
        c.execute(text("UPDATE kontora.cat_deals SET amount = 1 WHERE id = :i"), {"i": deal})
    assert doc.header.values()["deal"] is not None

    set_subsystems(Session(other), registry, dict.fromkeys(CRM, True))
    qtbot.waitUntil(lambda: "CRM" in w.section_titles(), timeout=WAIT)
    qtbot.waitUntil(lambda: doc.header.editors["deal"].isVisibleTo(doc), timeout=WAIT)
    assert _crm_seen(w, doc, orders, partners, partner) == before
    assert [h.id for h in search(world.session, registry, "Bolts for") if h.name == "deals"] == [
        deal
    ]
    assert world.session.scalar("SELECT amount FROM cat_deals WHERE id = :i", i=deal) == 1500
    other.dispose()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)


def test_one_warehouse_while_several_warehouses_is_off(qtbot, world):
    """Off: the warehouses catalog, transfers and every warehouse field are gone; a new receipt
    takes the default warehouse; the database refuses a transfer and the catalog."""
    set_subsystems(world.session, registry, {"warehouses": False})
    w = make_window(qtbot, world.db.engine)
    qtbot.waitUntil(lambda: "Warehouse" in w.section_titles(), timeout=WAIT)
    shown = {i.name for s in w.sections for i in s.items}
    assert "goods_receipt" in shown and "stock_count" in shown
    assert not {"warehouses", "stock_transfer"} & shown
    doc = w.open_document("goods_receipt")
    qtbot.waitUntil(lambda: doc.header.values().get("warehouse") is not None, timeout=WAIT)
    assert not doc.header.editors["warehouse"].isVisibleTo(doc)
    wh = doc.header.values()["warehouse"]
    assert (wh["id"] if isinstance(wh, dict) else wh) == world.wh  # the first warehouse
    receipts = w.open("document", "goods_receipt")
    assert "warehouse" not in receipts.columns.shown()
    with pytest.raises(Exception, match="switched-off subsystem"):
        world.docs.save(
            "stock_transfer",
            {"organization": world.org, "date": "2026-03-02T09:00:00", "warehouse": world.wh,
             "to_warehouse": world.wh2, "client_key": "00000000-0000-0000-0000-000000000001",
             "lines": []},
        )  # fmt: skip
    with pytest.raises(Exception, match="switched-off subsystem"):
        world.session.execute(
            "UPDATE cat_warehouses SET name = 'Renamed' WHERE id = :i", i=world.wh
        )
    set_subsystems(world.session, registry, {"warehouses": True})
    qtbot.waitUntil(lambda: doc.header.editors["warehouse"].isVisibleTo(doc), timeout=WAIT)
    assert "warehouse" in receipts.columns.shown()
