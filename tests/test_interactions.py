"""Interactions: documents that are only saved, never posted; contact and deal within the
partner — held by PostgreSQL; their forms and lists have no posting commands."""

from __future__ import annotations

import pytest

from server.api import Catalogs
from server.api.documents import new_document
from server.api.lists import document_query
from server.errors import DatabaseInvalidValue, ReadOnlyError
from server.metadata import registry
from tests.conftest import sql


@pytest.fixture
def crm_items(world):
    """A contact and a deal of the world's partner; a contact of another partner."""
    cats = Catalogs(world.session, registry)

    def item(name: str, **fields) -> int:
        return cats.save(name, {"name": fields.pop("title"), **fields})["id"]

    other = item("partners", title="Someone else", is_client=True)
    kind = item("deal_types", title="Sale")
    stage = item("deal_stages", title="Lead", deal_type=kind, sequence=1)
    return {
        "contact": item("contact_persons", title="Anna Petrova", partner=world.partner),
        "stranger": item("contact_persons", title="Ivan Other", partner=other),
        "deal": item("deals", title="Bolts", partner=world.partner, deal_type=kind, stage=stage),
        "other": other,
    }


def _call(world, crm_items, **fields) -> dict:
    header = {
        "organization": world.org,
        "kind": "call_in",
        "subject": "Asks for a discount",
        "partner": world.partner,
        "contact": crm_items["contact"],
        "deal": crm_items["deal"],
        "participants": [{"login": "tester"}, {"contact": crm_items["contact"], "note": "buyer"}],
    }
    return new_document(**{**header, **fields})


def test_an_interaction_is_saved_and_never_posted(world, crm_items):
    docs = world.docs
    state = docs.save("interaction", _call(world, crm_items), post=True)
    assert state["posted"] is False  # the save never posts, even when asked to
    doc = docs.read("interaction", state["id"])
    assert doc["kind"] == "call_in" and doc["contact_id"] == crm_items["contact"]
    assert [p["login"] for p in doc["participants"]] == ["tester", None]
    with pytest.raises(ReadOnlyError, match="never posted"):
        docs.post("interaction", state["id"])
    docs.post("interaction", state["id"], post=False)  # unposting is harmless
    again = docs.save(
        "interaction",
        {"id": state["id"], "version": state["version"], "result": "Offered 3 %"},
        post=True,
    )
    assert again["posted"] is False and again["version"] == state["version"] + 1
    assert not sql(world.db.engine, "SELECT 1 FROM doc_interaction WHERE posted")


def test_contact_and_deal_belong_to_the_partner(world, crm_items):
    docs = world.docs
    with pytest.raises(DatabaseInvalidValue, match="Ivan Other"):
        docs.save("interaction", _call(world, crm_items, contact=crm_items["stranger"]))
    with pytest.raises(DatabaseInvalidValue, match="Bolts"):
        docs.save("interaction", _call(world, crm_items, partner=crm_items["other"], contact=None))


def test_the_list_has_no_posted_state():
    q = document_query(registry.documents["interaction"])
    assert "posted" not in [c.key for c in q.columns] and q.posted_column is None
    assert "posted" in [c.key for c in document_query(registry.documents["sales_order"]).columns]


@pytest.mark.usefixtures("gui_isolation")
def test_forms_offer_no_posting(qtbot, world, crm_items):
    from PySide6.QtCore import Qt

    from forms.object_form import DocumentForm
    from tests.gui_support import WAIT, make_window

    w = make_window(qtbot, world.db.engine)
    lst = w.open("document", "interaction")
    qtbot.waitUntil(w.is_idle, timeout=WAIT)
    assert lst.commands.post_action not in lst.commands.toolbar.actions()
    assert lst.commands.mark_action in lst.commands.toolbar.actions()
    qtbot.keyClick(lst.view, Qt.Key.Key_Insert)
    form = w.tabs.currentWidget()
    assert isinstance(form, DocumentForm)
    qtbot.waitUntil(w.is_idle, timeout=WAIT)
    assert not form.post_action.isVisible() and not form.unpost_action.isVisible()
    assert not form.movements.isVisible()  # no Movements tab, nor its panel over the toolbar
    assert form.post_close_action.text() == "Save and close"
    form.header.editors["subject"].setText("Call about delivery")
    form.header.changed.emit()
    form.post_close_action.trigger()
    qtbot.waitUntil(
        lambda: bool(sql(world.db.engine, "SELECT 1 FROM doc_interaction")), timeout=WAIT
    )
    row = sql(world.db.engine, "SELECT subject, posted, kind FROM doc_interaction")[0]
    assert tuple(row) == ("Call about delivery", False, "call_out")


def test_0013_goes_back_and_up_again(world, crm_items):
    """The downgrade drops interactions, templates, tasks, claims and the mail settings (with
    their rules); upgrading again restores everything, rules included."""
    from alembic.script import ScriptDirectory

    from server.infobase import alembic_config
    from tests.test_metadata import _migrate

    world.docs.save("interaction", _call(world, crm_items, next_step="Call", remind_at=None))
    before = ScriptDirectory.from_config(alembic_config()).get_revision("0013").down_revision
    _migrate(world.db, str(before), down=True)
    s = world.session
    for table in ("doc_interaction", "cat_tasks", "doc_claim", "mail_settings"):
        assert s.scalar(f"SELECT to_regclass('kontora.{table}')") is None
    assert s.scalar("SELECT to_regprocedure('kontora.tg_interaction_rules()')") is None
    _migrate(world.db, "head")
    state = world.docs.save(
        "interaction", _call(world, crm_items, next_step="Call", remind_at="2026-12-01T10:00:00")
    )
    assert sql(world.db.engine, "SELECT interaction_id FROM cat_tasks") == [(state["id"],)]
