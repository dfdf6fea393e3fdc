"""The partner's timeline: every document and catalog item that references the partner (or one
of its counterparties), newest first, whatever legal entity it went through; the partner's
form shows it and opens each row's form."""

from __future__ import annotations

import pytest

from server.api import Catalogs
from server.api.documents import new_document
from server.api.timeline import partner_timeline, timeline_sql
from server.metadata import Ref, registry
from tests.conftest import sql
from tests.helpers import receipt
from tests.sales_helpers import at, based_on, order


@pytest.fixture
def story(world):
    """Customer One: an order, a shipment through a second legal entity, a payment, a call,
    a deal, a claim; Other Ltd: an order of its own (must not show)."""
    cats = Catalogs(world.session, registry)
    second = cats.save("counterparties", {"name": "Customer One Trading", "partner": world.partner})
    receipt(world, 1, (world.products[0], "50"))
    o = order(world, 2, (world.products[0], "5", "10.00"))
    p = based_on(world, "sales_shipment", "sales_order", o["id"])
    s = world.docs.save("sales_shipment", {**p, "date": at(4), "customer": second["id"]}, post=True)
    pay = based_on(world, "customer_payment", "sales_order", o["id"])
    world.docs.save("customer_payment", {**pay, "date": at(5)}, post=True)
    world.docs.save(
        "interaction",
        new_document(organization=world.org, date=at(6), subject="Asked about delivery",
                     kind="call_in", partner=world.partner),
    )  # fmt: skip
    world.docs.save(
        "claim",
        new_document(organization=world.org, date=at(7), partner=world.partner,
                     shipment=s["id"], description="One box damaged"),
    )  # fmt: skip
    kind = cats.save("deal_types", {"name": "Sale"})["id"]
    stage = cats.save("deal_stages", {"name": "Lead", "deal_type": kind})["id"]
    cats.save("deals", {"name": "Spring bolts", "partner": world.partner, "deal_type": kind,
                        "stage": stage})  # fmt: skip
    other = cats.save("partners", {"name": "Other Ltd", "is_client": True})["id"]
    other_cp = cats.save("counterparties", {"name": "Other Ltd", "partner": other})["id"]
    order(world, 8, (world.products[0], "1", "10.00"), partner=other, counterparty=other_cp)
    return {"order": o, "shipment": s}


def test_everything_of_the_partner_newest_first(world, story):
    rows = partner_timeline(world.session, registry, world.partner)
    docs = [(r["type"], r["states"], r["about"]) for r in rows if r["kind"] == "document"]
    assert [t for t, _, _ in docs] == [
        "claim", "interaction", "customer_payment", "sales_shipment", "sales_order",
    ]  # fmt: skip
    assert docs[0][1:] == (["New"], "One box damaged")
    assert docs[1][1:] == (["Incoming call"], "Asked about delivery")
    shipment = next(r for r in rows if r["type"] == "sales_shipment")
    assert shipment["id"] == story["shipment"]["id"] and shipment["posted"] is True
    items = {(r["type"], r["title"]) for r in rows if r["kind"] == "catalog"}
    assert {("deals", "Spring bolts"), ("counterparties", "Customer One Trading")} <= items
    assert all(r["at"] is not None for r in rows if r["type"] == "deals")
    assert "Other Ltd" not in {r["title"] for r in rows}
    other = sql(world.db.engine, "SELECT id FROM cat_partners WHERE name = 'Other Ltd'")[0][0]
    assert [r["type"] for r in partner_timeline(world.session, registry, other)] == [
        "counterparties", "sales_order",  # the legal entity was added today, after the order
    ]  # fmt: skip


def test_every_object_referencing_partners_takes_part():
    """No list of types: a declaration with a partner or counterparty reference is in."""
    text = timeline_sql(registry)
    for obj in (*registry.documents.values(), *registry.catalogs.values()):
        fields = getattr(obj, "header", None) or getattr(obj, "fields", ())
        refs = {f.target for f in fields if isinstance(f, Ref)}
        assert (f"'{obj.name}' AS type" in text) == bool(refs & {"partners", "counterparties"})


@pytest.mark.usefixtures("gui_isolation")
def test_the_partners_form_shows_the_timeline_and_opens_rows(qtbot, world, story):
    from forms.catalog_form import CatalogForm
    from forms.object_form import DocumentForm
    from tests.gui_support import WAIT, make_window

    w = make_window(qtbot, world.db.engine)
    form = w.open_catalog_item("partners", world.partner)
    assert isinstance(form, CatalogForm) and form.timeline is not None
    table = form.timeline.table
    qtbot.waitUntil(lambda: table.rowCount() > 6 and not form.busy, timeout=WAIT)
    first_doc = next(n for n, r in enumerate(form.timeline.rows) if r["kind"] == "document")
    assert table.item(first_doc, 1).text() == "Customer claims"
    assert table.item(first_doc, 3).text() == "New · One box damaged"
    row = next(n for n, r in enumerate(form.timeline.rows) if r["type"] == "sales_shipment")
    table.setCurrentCell(row, 0)
    qtbot.keyClick(table, "\r")
    opened = w.tabs.currentWidget()
    assert isinstance(opened, DocumentForm) and opened.name == "sales_shipment"
    assert opened.doc_id == story["shipment"]["id"]
    w.tabs.setCurrentWidget(form)
    row = next(n for n, r in enumerate(form.timeline.rows) if r["type"] == "deals")
    table.setCurrentCell(row, 0)
    form.timeline.open_current()
    deal = w.tabs.currentWidget()
    assert isinstance(deal, CatalogForm) and deal.name == "deals"


def test_demo_has_crm_activity(db):
    """The demo: interactions of every kind, reminder tasks (one due for the demo login), an
    e-mail drafted from a template, claims in progress and resolved — on partners' timelines."""
    from server.api.tasks import due_tasks
    from server.demo import load_demo

    load_demo(db.engine)
    s = db.session()
    kinds = {r["kind"] for r in s.rows("SELECT DISTINCT kind FROM kontora.doc_interaction")}
    assert kinds == {"meeting", "call_in", "call_out", "sms", "email"}
    mail = s.rows("SELECT body FROM kontora.doc_interaction WHERE kind = 'email' LIMIT 1")[0]
    assert mail["body"].startswith("Dear ") and "{" not in mail["body"]
    assert {t["name"] for t in due_tasks(s)} >= {"Send the volume price list"}
    statuses = [r["status"] for r in s.rows("SELECT status FROM kontora.doc_claim ORDER BY id")]
    assert statuses == ["in_progress", "resolved"]
    partner = s.scalar("SELECT partner_id FROM kontora.doc_interaction ORDER BY id LIMIT 1")
    types = {r["type"] for r in partner_timeline(s, registry, partner)}
    assert {"interaction", "deals", "sales_order", "tasks", "contact_persons"} <= types
