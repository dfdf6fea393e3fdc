"""Tabular sections of catalog items (a deal's participants and competitors, a partner's tags):
saved with the item in one transaction, checked by their declared fields, guarded and granted
like the item, recorded in its history."""

from __future__ import annotations

import uuid
from decimal import Decimal as D

import pytest
from sqlalchemy import create_engine

from server.api import Catalogs, Session
from server.api.history import catalog_history
from server.errors import (
    ConflictError,
    DatabaseInvalidValue,
    ForbiddenError,
    InvalidValue,
    SubsystemOffError,
)
from server.metadata import registry
from server.users import add_user
from tests.conftest import sql


@pytest.fixture
def deal(world):
    """A deal with a contact person and a competitor to name in its sections."""
    cats = Catalogs(world.session, registry)

    def item(catalog: str, **fields) -> int:
        return cats.save(catalog, fields)["id"]

    deal_type = item("deal_types", name="Sale of goods")
    stage = item("deal_stages", name="Lead", deal_type=deal_type, sequence=1)
    contact = item("contact_persons", name="Ivan Petrov", partner=world.partner)
    rival = item("competitors", name="Metiz-Trade")
    state = cats.save(
        "deals",
        {"name": "Bolts", "partner": world.partner, "deal_type": deal_type, "stage": stage},
    )
    return {"cats": cats, "state": state, "contact": contact, "rival": rival}


def test_sections_round_trip_with_the_item(world, deal):
    cats, state = deal["cats"], deal["state"]
    saved = cats.save(
        "deals",
        {
            "id": state["id"],
            "version": state["version"],
            "participants": [
                {"contact": {"id": deal["contact"], "name": "Ivan Petrov"}, "role": "Buyer"},
                {"login": "anna", "role": "Engineer"},
            ],
            "competitors": [{"competitor": deal["rival"], "price": "99.50", "offer": "M8 bolts"}],
        },
    )
    assert saved["version"] == state["version"] + 1  # one version step for item and lines
    read = cats.read("deals", state["id"])
    assert [(p["contact"], p["login"], p["role"]) for p in read["participants"]] == [
        ({"id": deal["contact"], "name": "Ivan Petrov"}, None, "Buyer"),
        (None, "anna", "Engineer"),
    ]
    assert read["competitors"][0]["competitor"]["name"] == "Metiz-Trade"
    assert read["competitors"][0]["price"] == D("99.50")
    # A save without a section keeps it; a shorter one drops the lines past its end.
    cats.save("deals", {"id": state["id"], "version": saved["version"], "comment": "Call back"})
    assert len(cats.read("deals", state["id"])["participants"]) == 2
    again = cats.read("deals", state["id"])
    cats.save(
        "deals",
        {"id": state["id"], "version": again["version"], "participants": [{"login": "boris"}]},
    )
    assert [p["login"] for p in cats.read("deals", state["id"])["participants"]] == ["boris"]
    # A stale version refuses the lines with the item.
    with pytest.raises(ConflictError):
        cats.save("deals", {"id": state["id"], "version": saved["version"], "participants": []})
    assert len(cats.read("deals", state["id"])["participants"]) == 1


def test_a_bad_line_value_is_refused_naming_the_line(world, deal):
    cats, state = deal["cats"], deal["state"]
    lines = [{"competitor": deal["rival"], "price": "10"}, {"competitor": deal["rival"]}]
    lines[1]["price"] = "-5"
    with pytest.raises(InvalidValue) as refused:
        cats.save("deals", {"id": state["id"], "version": state["version"], "competitors": lines})
    assert "Competitors line 2" in str(refused.value)
    assert refused.value.detail["field"] == "Their price"
    with pytest.raises(InvalidValue, match=r"line 1.*Competitor.*required"):
        cats.save("deals", {"id": state["id"], "version": state["version"], "competitors": [{}]})
    assert cats.read("deals", state["id"])["competitors"] == []  # nothing was written


def test_a_new_item_with_lines_is_one_transaction(world, deal):
    cats = deal["cats"]
    tag = cats.save("tags", {"name": "VIP"})["id"]
    p = cats.save("partners", {"name": "Northwind", "region": "North", "tags": [{"tag": tag}]})
    assert [t["tag"]["name"] for t in cats.read("partners", p["id"])["tags"]] == ["VIP"]
    # A refused line leaves no partner behind.
    with pytest.raises(InvalidValue):
        cats.save("partners", {"name": "Southwind", "tags": [{"tag": tag}, {"tag": None}]})
    assert not sql(world.db.engine, "SELECT 1 FROM cat_partners WHERE name = 'Southwind'")


def test_history_records_the_lines_in_the_items_entry(world, deal):
    cats, state = deal["cats"], deal["state"]
    s = cats.save(
        "deals",
        {"id": state["id"], "version": state["version"], "participants": [{"login": "anna"}]},
    )
    cats.save(
        "deals",
        {
            "id": state["id"],
            "version": s["version"],
            "participants": [{"login": "anna", "role": "Buyer"}],
        },
    )
    entries = catalog_history(world.session, registry, "deals", state["id"])
    newest = entries[0]
    assert [(c.label, c.old, c.new) for c in newest.changes] == [
        ("Participants, line 1: Role", None, "Buyer")
    ]
    assert [(c.label, c.new) for c in entries[1].changes] == [
        ("Participants, line 1 (added): User", "anna")
    ]


def test_lines_are_guarded_and_granted_like_the_item(world, deal):
    state = deal["state"]
    # The database refuses a raw line that breaks a declared CHECK.
    with pytest.raises(DatabaseInvalidValue, match="price must not be negative"):
        world.session.execute(
            "INSERT INTO cat_deals_competitors (item_id, line_no, competitor_id, price) "
            "VALUES (:i, 1, :c, -1)",
            i=state["id"],
            c=deal["rival"],
        )
    name = f"u_store_{uuid.uuid4().hex[:6]}"
    eng = create_engine(world.db.url, isolation_level="AUTOCOMMIT")
    with eng.connect() as c:
        add_user(c, name, "storekeeper", "secret-pw")  # does not write CRM
    user = world.db.engine_as(name, "secret-pw")
    try:
        for stmt in (
            "INSERT INTO cat_deals_participants (item_id, line_no, login) VALUES (:i, 1, 'x')",
            "DELETE FROM cat_deals_participants WHERE item_id = :i",
        ):
            with pytest.raises(ForbiddenError, match="permission denied"):
                Session(user).execute(stmt, i=state["id"])
        with pytest.raises(ForbiddenError):
            Catalogs(Session(user), registry).save(
                "deals",
                {"id": state["id"], "version": state["version"], "participants": [{"login": "x"}]},
            )
    finally:
        user.dispose()
        with eng.connect() as c:
            c.exec_driver_sql(f'DROP OWNED BY "{name}"; DROP ROLE "{name}"')
        eng.dispose()
    # A switched-off subsystem refuses the lines too (raw SQL included).
    world.session.execute("UPDATE subsystems SET enabled = false WHERE name = 'crm'")
    with pytest.raises(SubsystemOffError, match="Deals"):
        world.session.execute(
            "INSERT INTO cat_deals_participants (item_id, line_no, login) VALUES (:i, 1, 'x')",
            i=state["id"],
        )
