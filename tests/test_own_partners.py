"""The option "sales managers see only their own partners' deals and interactions" holds for
writes through the owner's save/post/mark routines too (SECURITY DEFINER, which row-level
security does not restrict), and the history, search and partner timeline do not show another
manager's rows."""

from __future__ import annotations

import json
import uuid

import pytest
from sqlalchemy import text

from server.api import Catalogs, Documents, Session
from server.api.admin import set_own_partners_only
from server.api.history import catalog_history, document_history
from server.api.search import search
from server.api.timeline import partner_timeline
from server.errors import ForbiddenError, from_db
from server.metadata import registry
from tests.helpers import Managers, at, manager_call, two_managers


@pytest.fixture
def managers(world, login) -> Managers:
    """Ann and Bob, sales managers, each with a partner, a deal and a call; the option on."""
    m = two_managers(world, login)
    set_own_partners_only(world.session, True)
    return m


def _refused(m: Managers, exc: BaseException, obj: str) -> None:
    """A KN009 naming the object, Ann's partner, Ann (its manager) and Bob."""
    err = exc if isinstance(exc, ForbiddenError) else from_db(exc)
    assert isinstance(err, ForbiddenError), exc
    assert err.detail["rule"] == "own_partners"
    assert err.detail["partner"] == f"Client of {m.ann}" and err.detail["manager"] == m.ann
    for part in (obj, f"«Client of {m.ann}»", f"managed by {m.ann}", f"sales manager {m.bob}"):
        assert part in err.message, (part, err.message)


def test_the_save_routine_refuses_another_managers_partner(world, managers):
    m = managers
    payload = json.dumps(
        {
            "client_key": str(uuid.uuid4()),
            "organization_id": world.org,
            "date": at(3),
            "kind": "call_out",
            "subject": "Poaching",
            "partner_id": m.partners[m.ann],
        }
    )
    sql = text("SELECT kontora.doc_interaction_save(CAST(:p AS jsonb))")
    with m.bob_eng.connect() as c, pytest.raises(Exception) as got:
        c.execute(sql, {"p": payload})
    _refused(m, got.value, "Interaction")
    # Through the API, and updating Ann's call by its id (Bob does not even see it).
    bob_docs = Documents(Session(m.bob_eng), registry)
    with pytest.raises(ForbiddenError) as got:
        bob_docs.save("interaction", manager_call(world, m.partners[m.ann], "again"))
    _refused(m, got.value, "Interaction")
    version = world.docs.read("interaction", m.calls[m.ann])["version"]
    for payload_ in (
        {"id": m.calls[m.ann], "version": version, "subject": "Mine now"},
        {"id": m.calls[m.ann], "version": version, "partner": m.partners[m.bob]},
    ):
        with pytest.raises(ForbiddenError):
            bob_docs.save("interaction", payload_)
    with pytest.raises(ForbiddenError):
        bob_docs.mark("interaction", m.calls[m.ann])
    # Moving his own call to Ann's partner is refused too; his own partner is fine.
    own = bob_docs.read("interaction", m.calls[m.bob])
    with pytest.raises(ForbiddenError):
        bob_docs.save(
            "interaction",
            {"id": own["id"], "version": own["version"], "partner": m.partners[m.ann]},
        )
    assert bob_docs.save("interaction", manager_call(world, m.partners[m.bob], "fine"))["id"]
    # An administrator may; with the option off Bob may too.
    assert Documents(Session(m.adm_eng), registry).save(
        "interaction", manager_call(world, m.partners[m.ann], "by admin")
    )["id"]
    assert world.docs.read("interaction", m.calls[m.ann])["subject"] == f"Call {m.ann}"
    set_own_partners_only(world.session, False)
    assert bob_docs.save("interaction", manager_call(world, m.partners[m.ann], "allowed"))["id"]


def test_a_deal_for_another_managers_partner_names_partner_and_manager(world, managers):
    m = managers
    bob_cats = Catalogs(Session(m.bob_eng), registry)
    deal = {"name": "Poached", "partner": m.partners[m.ann], "deal_type": m.deal_type}
    with pytest.raises(ForbiddenError) as got:
        bob_cats.save("deals", {**deal, "stage": m.stage})
    _refused(m, got.value, "Deals «Poached»")
    assert Catalogs(Session(m.adm_eng), registry).save("deals", {**deal, "stage": m.stage})["id"]


def test_history_search_and_timeline_hide_another_managers_rows(world, managers):
    m = managers
    bob = Session(m.bob_eng)
    assert document_history(bob, registry, "interaction", m.calls[m.ann]) == []
    assert catalog_history(bob, registry, "deals", m.deals[m.ann]) == []
    assert document_history(bob, registry, "interaction", m.calls[m.bob])
    assert catalog_history(bob, registry, "deals", m.deals[m.bob])
    assert document_history(Session(m.adm_eng), registry, "interaction", m.calls[m.ann])
    hits = {(h.name, h.id) for h in search(bob, registry, "Deal of")}
    assert ("deals", m.deals[m.bob]) in hits and ("deals", m.deals[m.ann]) not in hits
    number = world.docs.read("interaction", m.calls[m.ann])["number"]
    assert ("interaction", m.calls[m.ann]) not in {
        (h.name, h.id) for h in search(bob, registry, number)
    }
    seen = {(r["type"], r["id"]) for r in partner_timeline(bob, registry, m.partners[m.ann])}
    assert ("interaction", m.calls[m.ann]) not in seen and ("deals", m.deals[m.ann]) not in seen
    mine = {(r["type"], r["id"]) for r in partner_timeline(bob, registry, m.partners[m.bob])}
    assert ("interaction", m.calls[m.bob]) in mine


@pytest.mark.usefixtures("gui_isolation")
def test_the_client_shows_the_refusal_and_keeps_what_was_typed(qtbot, world, managers):
    from forms.object_form import DocumentForm
    from tests.gui_support import WAIT, make_window

    m = managers
    w = make_window(qtbot, m.bob_eng)
    call = w.open_document("interaction", None)
    qtbot.waitUntil(w.is_idle, timeout=WAIT)
    assert isinstance(call, DocumentForm)
    call.header.editors["subject"].setText("Poaching")
    call.header.changed.emit()
    theirs = {"id": m.partners[m.ann], "name": f"Client of {m.ann}"}
    call.header.editors["partner"].set_value(theirs, notify=True)
    call.save()
    qtbot.waitUntil(lambda: "managed by" in call.message_bar.message(), timeout=WAIT)
    qtbot.waitUntil(lambda: not call.busy, timeout=WAIT)
    shown = call.message_bar.message()
    assert f"«Client of {m.ann}»" in shown and m.bob in shown
    assert call.doc_id is None and call.dirty
    assert call.header.editors["subject"].text() == "Poaching"
    assert call.header.editors["partner"].value()["id"] == m.partners[m.ann]
    assert (
        world.session.scalar(
            "SELECT count(*) FROM kontora.doc_interaction WHERE subject = 'Poaching'"
        )
        == 0
    )


def test_a_mailing_writes_letters_only_to_the_managers_own_partners(world, managers):
    from server.api.segments import mailing_list

    m = managers
    cats = Catalogs(world.session, registry)
    seg = cats.save("segments", {"name": "Everyone"})["id"]
    for who in (m.ann, m.bob):
        cats.save(
            "contact_persons",
            {"name": f"Contact {who}", "partner": m.partners[who], "email": f"{who}@x.example"},
        )
        world.session.execute(
            "INSERT INTO inf_segment_members (segment_id, partner_id) VALUES (:s, :p)",
            s=seg,
            p=m.partners[who],
        )
    bob = Session(m.bob_eng)
    assert len(mailing_list(bob, seg)) == 2  # the list itself (partners are not private)
    assert [r["partner"] for r in mailing_list(bob, seg, writable=True)] == [f"Client of {m.bob}"]
    admin = Session(m.adm_eng)
    assert len(mailing_list(admin, seg, writable=True)) == 2


def test_a_manager_cannot_take_over_another_managers_partner(world, managers):
    """Setting oneself as the manager of Ann's partner would bring her deals into sight."""
    m = managers
    bob_cats = Catalogs(Session(m.bob_eng), registry)
    ann_partner = bob_cats.read("partners", m.partners[m.ann])
    with pytest.raises(ForbiddenError) as got:
        bob_cats.save(
            "partners",
            {"id": ann_partner["id"], "version": ann_partner["version"], "manager": m.bob},
        )
    err = got.value
    assert err.detail["rule"] == "own_partner_manager" and err.detail["manager"] == m.ann
    for part in (f"«Client of {m.ann}»", f"managed by {m.ann}", f"sales manager {m.bob}"):
        assert part in err.message, (part, err.message)
    assert (
        world.session.scalar(
            "SELECT manager FROM kontora.cat_partners WHERE id = :id", id=m.partners[m.ann]
        )
        == m.ann
    )
    # A partner nobody manages may be claimed; his own may be handed over; an admin may move any.
    free = Catalogs(world.session, registry).save("partners", {"name": "Walk-in"})
    assert bob_cats.save("partners", {**_version(bob_cats, free["id"]), "manager": m.bob})
    assert bob_cats.save("partners", {**_version(bob_cats, m.partners[m.bob]), "manager": m.ann})
    adm_cats = Catalogs(Session(m.adm_eng), registry)
    assert adm_cats.save("partners", {**_version(adm_cats, m.partners[m.ann]), "manager": m.bob})
    set_own_partners_only(world.session, False)


def _version(cats: Catalogs, item: int) -> dict:
    row = cats.read("partners", item)
    return {"id": row["id"], "version": row["version"]}
