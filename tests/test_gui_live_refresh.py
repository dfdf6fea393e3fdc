"""Live refresh: what another client changes shows up in open lists and forms by itself."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import create_engine

from app.change_feed import ChangeFeed, listen_url, watches
from app.live_refresh import CHANGE_DELAY_MS
from server.api import Documents, Session, new_document
from server.api.lists import balance_query, catalog_query, document_query
from server.metadata import registry
from tests.gui_support import WAIT, make_window

pytestmark = pytest.mark.usefixtures("gui_isolation")


def receipt_payload(world, day: int, qty: str = "10") -> dict:
    return new_document(
        organization=world.org,
        warehouse=world.wh,
        date=f"2026-03-{day:02d}T09:00:00",
        lines=[{"product": world.products[0], "quantity": qty, "price": "2.50"}],
    )


@pytest.fixture
def other(world):
    """Another client: its own engine (its own connections) on the same infobase."""
    eng = create_engine(world.db.url)
    yield Documents(Session(eng), registry)
    eng.dispose()


def test_a_receipt_saved_by_another_client_appears_in_the_open_list(qtbot, world, other):
    first = world.docs.save("goods_receipt", receipt_payload(world, 1), post=True)
    second = world.docs.save("goods_receipt", receipt_payload(world, 2), post=True)
    w = make_window(qtbot, world.db.engine)
    w.select_section("inventory")
    form = w.open("document", "goods_receipt")
    qtbot.waitUntil(lambda: form.model.rowCount() == 2, timeout=WAIT)
    qtbot.waitUntil(lambda: w.feed.connected, timeout=WAIT)
    form.view.setCurrentIndex(form.model.index(1, 0))  # the older one (newest come first)
    assert form.current_row()["id"] == first["id"]

    new = other.save("goods_receipt", receipt_payload(world, 3), post=True)

    # No refresh by the user: the list learns of it from the server.
    qtbot.waitUntil(lambda: form.model.rowCount() == 3, timeout=WAIT)
    assert [r["id"] for r in form.model.rows()] == [new["id"], second["id"], first["id"]]
    assert form.current_row()["id"] == first["id"]  # the cursor stayed on its document


def test_an_open_report_keeps_its_figures_until_generated_again(qtbot, world, other):
    w = make_window(qtbot, world.db.engine)
    w.select_section("inventory")
    form = w.open_report("stock")
    qtbot.waitUntil(lambda: form.settings_loaded and w.feed.connected, timeout=WAIT)
    form.panel.set_period(dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    with qtbot.waitSignal(form.generated, timeout=WAIT):
        form.generate()
    assert form.model.rowCount() == 1  # the total alone
    with qtbot.waitSignal(w.feed.changed, timeout=WAIT):
        other.save("goods_receipt", receipt_payload(world, 3, qty="12"), post=True)
    qtbot.wait(CHANGE_DELAY_MS + 200)  # the changes are applied (to lists; a report waits)
    assert form.model.rowCount() == 1
    with qtbot.waitSignal(form.generated, timeout=WAIT):
        form.generate()
    assert form.model.text(form.model.rowCount() - 1, 2) == "12"


def test_a_subsystem_switched_off_elsewhere_disappears_from_the_sections(qtbot, db):
    w = make_window(qtbot, db.engine)
    qtbot.waitUntil(lambda: w.feed.connected, timeout=WAIT)
    assert "Sales" in w.section_titles()
    eng = create_engine(db.url)
    try:
        Session(eng).execute("UPDATE kontora.subsystems SET enabled = false WHERE name = 'sales'")
        qtbot.waitUntil(lambda: "Sales" not in w.section_titles(), timeout=WAIT)
        Session(eng).execute("UPDATE kontora.subsystems SET enabled = true WHERE name = 'sales'")
        qtbot.waitUntil(lambda: "Sales" in w.section_titles(), timeout=WAIT)
    finally:
        eng.dispose()


def test_an_open_document_changed_elsewhere_offers_reload_and_keeps_edits(qtbot, world, other):
    saved = world.docs.save("goods_receipt", receipt_payload(world, 1), post=False)
    w = make_window(qtbot, world.db.engine)
    qtbot.waitUntil(lambda: w.feed.connected, timeout=WAIT)
    doc = w.open_document("goods_receipt", saved["id"])
    qtbot.waitUntil(lambda: doc.version == saved["version"] and not doc.busy, timeout=WAIT)

    theirs = other.save(
        "goods_receipt",
        {"id": saved["id"], "version": saved["version"], "comment": "changed by them"},
    )
    qtbot.waitUntil(lambda: "another user" in doc.message_bar.message(), timeout=WAIT)
    assert doc.message_bar.action_button.isVisible()  # nothing to lose: Reload is offered
    doc.message_bar.action_button.click()
    qtbot.waitUntil(lambda: doc.version == theirs["version"], timeout=WAIT)

    qty = [f.name for f in doc.lines.fields].index("quantity")
    doc.lines.setData(doc.lines.index(0, qty), "7")  # an edit
    assert doc.dirty
    other.save("goods_receipt", {"id": saved["id"], "version": theirs["version"]}, post=True)
    qtbot.waitUntil(lambda: "unsaved changes are kept" in doc.message_bar.message(), timeout=WAIT)
    assert not doc.message_bar.action_button.isVisible()
    assert doc.dirty and doc.lines.payload()[0]["quantity"] == "7"


def test_the_feed_reconnects_quietly_and_asks_for_one_resync(qtbot, db):
    feed = ChangeFeed(listen_url(db.engine), backoff_s=(0.2,))
    changes: list[str] = []
    feed.changed.connect(changes.append)
    feed.start()
    try:
        qtbot.waitUntil(lambda: feed.connected, timeout=WAIT)
        with qtbot.waitSignal(feed.resync, timeout=WAIT):
            db.session().scalar(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE application_name = 'Kontora change feed' AND datname = current_database()"
            )
        qtbot.waitUntil(lambda: feed.connected, timeout=WAIT)
        db.session().execute("UPDATE kontora.constants SET lock_timeout_ms = lock_timeout_ms")
        qtbot.waitUntil(lambda: "constants" in changes, timeout=WAIT)
    finally:
        feed.stop()
    assert not feed.running


def test_which_lists_a_change_touches():
    receipts = document_query(registry.documents["goods_receipt"])
    assert watches(registry, receipts, "document:goods_receipt")
    assert watches(registry, receipts, "catalog:warehouses")  # names shown in the journal
    assert not watches(registry, receipts, "document:write_off")
    assert not watches(registry, receipts, "register:stock")
    stock = balance_query(registry.registers["stock"])
    for posting_to_stock in ("document:goods_receipt", "document:sales_shipment"):
        assert watches(registry, stock, posting_to_stock)  # a posting moves the balances
    assert not watches(registry, balance_query(registry.registers["sales"]), "document:write_off")
    assert not watches(registry, catalog_query(registry.catalogs["units"]), "catalog:products")
    assert not watches(registry, receipts, "subsystems")


def test_closing_the_window_stops_the_feed(qtbot, db):
    w = make_window(qtbot, db.engine)
    qtbot.waitUntil(lambda: w.feed.connected, timeout=WAIT)
    w.close()
    assert not w.feed.running
