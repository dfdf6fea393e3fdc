"""Catalog items through the API and as raw SQL: versions, group trees, subsystem switches,
validation by the declared fields, and the list filtered by group with exact keyset pages."""

from __future__ import annotations

import dataclasses
import json
import uuid
from decimal import Decimal

import psycopg
import pytest
from sqlalchemy import create_engine

from server.api import Catalogs, Session, new_document, new_item
from server.api.list_query import ROOT
from server.api.lists import ListFilter, catalog_query, lookup
from server.errors import (
    ConflictError,
    DatabaseInvalidValue,
    InvalidValue,
    KontoraError,
    SubsystemOffError,
)
from server.metadata import registry
from server.users import add_user


@pytest.fixture
def cats(world) -> Catalogs:
    return Catalogs(world.session, registry)


@pytest.fixture
def tree(world, cats) -> dict[str, int]:
    """Tools ⊃ Hand tools ⊃ (Hammer); Tools ⊃ Drill; Paint (empty)."""
    tools = cats.save("products", {"name": "Tools", "is_group": True})["id"]
    hand = cats.save("products", {"name": "Hand tools", "is_group": True, "parent": tools})["id"]
    paint = cats.save("products", {"name": "Paint", "is_group": True})["id"]
    hammer = cats.save(
        "products", {"name": "Hammer", "unit": world.pcs, "parent": hand, "price": "9.90"}
    )["id"]
    drill = cats.save("products", {"name": "Drill", "unit": world.pcs, "parent": tools})["id"]
    return {"tools": tools, "hand": hand, "paint": paint, "hammer": hammer, "drill": drill}


def test_item_is_read_with_its_group_path_and_saved_with_a_version(world, cats, tree):
    item = cats.read("products", tree["hammer"])
    assert item["name"] == "Hammer" and item["price"] == Decimal("9.90")
    assert item["unit"] == {"id": world.pcs, "name": "pcs"}
    assert item["parent"] == {"id": tree["hand"], "name": "Hand tools"}
    assert [g["name"] for g in item["path"]] == ["Tools", "Hand tools"]
    state = cats.save(
        "products", {"id": tree["hammer"], "version": item["version"], "price": "10.50"}
    )
    assert state["version"] == item["version"] + 1
    assert cats.read("products", tree["hammer"])["price"] == Decimal("10.50")
    # A group carries no item fields: no unit is invented for it.
    group = cats.read("products", tree["hand"])
    assert group["is_group"] is True and group["unit"] is None


def test_a_stale_version_is_a_conflict_for_the_second_session(world, tree):
    first = Catalogs(Session(world.db.engine), registry)
    second = Catalogs(Session(world.db.engine), registry)
    a = first.read("products", tree["drill"])
    b = second.read("products", tree["drill"])
    first.save("products", {"id": a["id"], "version": a["version"], "name": "Drill 600 W"})
    with pytest.raises(ConflictError, match="changed by another user") as e:
        second.save("products", {"id": b["id"], "version": b["version"], "name": "Drill X"})
    assert e.value.detail["version"] == a["version"] + 1
    assert first.read("products", tree["drill"])["name"] == "Drill 600 W"


def test_group_cycles_and_items_as_parents_are_refused(world, cats, tree):
    tools = cats.read("products", tree["tools"])
    with pytest.raises(KontoraError, match="its own subgroup") as e:
        cats.save(
            "products", {"id": tree["tools"], "version": tools["version"], "parent": tree["hand"]}
        )
    assert e.value.detail["field"] == "Group"
    with pytest.raises(KontoraError, match="into itself"):
        cats.save(
            "products", {"id": tree["tools"], "version": tools["version"], "parent": tree["tools"]}
        )
    with pytest.raises(KontoraError, match="is an item, not a group"):
        cats.save("products", {"name": "Saw", "unit": world.pcs, "parent": tree["hammer"]})
    hand = cats.read("products", tree["hand"])  # a legal move still works
    cats.save("products", {"id": hand["id"], "version": hand["version"], "parent": tree["paint"]})
    assert [g["name"] for g in cats.read("products", tree["hammer"])["path"]] == [
        "Paint",
        "Hand tools",
    ]


def test_values_are_checked_by_the_declared_fields(world, cats):
    with pytest.raises(InvalidValue) as e:
        cats.save("products", {"name": "Glue", "unit": world.pcs, "price": "1.005"})
    assert e.value.detail["field"] == "Price" and "Glue" in e.value.message
    with pytest.raises(InvalidValue) as e:
        cats.save("products", {"name": "Glue"})
    assert e.value.detail["field"] == "Unit"
    with pytest.raises(InvalidValue) as e:
        cats.save("products", {"name": "  ", "unit": world.pcs})
    assert e.value.detail["field"] == "Name"


def test_deletion_mark_and_switched_off_subsystem(world, cats):
    state = cats.mark("warehouses", world.wh2)
    assert state["deletion_mark"] and state["version"] == 2
    assert all(
        r["id"] != world.wh2 for r in lookup(world.session, registry.catalogs["warehouses"], "")
    )
    world.session.execute("UPDATE subsystems SET enabled = false WHERE name = 'inventory'")
    with pytest.raises(SubsystemOffError, match="Warehouses"):
        cats.save("warehouses", {"name": "Depot"})
    with pytest.raises(SubsystemOffError):
        cats.mark("warehouses", world.wh2, False)


def test_groups_load_lazily_and_lookup_finds_groups_for_the_parent_picker(world, cats, tree):
    top = cats.groups("products", None)
    assert [(g["name"], g["has_subgroups"]) for g in top] == [("Paint", False), ("Tools", True)]
    assert [g["name"] for g in cats.groups("products", tree["tools"])] == ["Hand tools"]
    c = registry.catalogs["products"]
    assert [r["name"] for r in lookup(world.session, c, "T", groups=True)] == [
        "Tools",  # a prefix match comes first (an empty code does not push others ahead)
        "Hand tools",
        "Paint",
    ]
    assert "Tools" not in [r["name"] for r in lookup(world.session, c, "T")]


def test_list_filtered_by_group_pages_exactly(world, cats, tree):
    q = catalog_query(registry.catalogs["products"])
    s = world.session

    def names(flt: ListFilter, page_size: int = 200) -> list[str]:
        return [r["name"] for r in dataclasses.replace(q, page_size=page_size).all_rows(s, flt=flt)]

    assert names(ListFilter(parent=tree["tools"])) == ["Hand tools", "Drill"]  # groups first
    assert names(ListFilter(parent=tree["tools"], subgroups=True)) == [
        "Hand tools",
        "Drill",
        "Hammer",
    ]
    top = names(ListFilter(parent=ROOT))
    assert top[:2] == ["Paint", "Tools"] and "Hammer" not in top and "Bolt M4" in top
    assert len(names(ListFilter(parent=ROOT, subgroups=True))) == len(names(ListFilter()))
    for i in range(10):
        cats.save(
            "products", {"name": f"Chisel {i:02d}", "unit": world.pcs, "parent": tree["hand"]}
        )
    whole = names(ListFilter(parent=tree["tools"], subgroups=True))
    assert len(whole) == 13  # Hand tools, Drill, Hammer, 10 chisels
    assert names(ListFilter(parent=tree["tools"], subgroups=True), page_size=3) == whole
    assert q.count(s, flt=ListFilter(parent=tree["hand"])) == 11


def connect(db, user: str) -> psycopg.Connection:
    u = db.engine.url.set(drivername="postgresql", username=user, password="secret-pw")
    return psycopg.connect(u.render_as_string(hide_password=False), autocommit=True)


@pytest.fixture
def clerk(db):
    name = f"clerk_{uuid.uuid4().hex[:6]}"
    eng = create_engine(db.url, isolation_level="AUTOCOMMIT")
    with eng.connect() as c:
        add_user(c, name, "storekeeper", "secret-pw")
    yield name
    with eng.connect() as c:
        c.exec_driver_sql(f'DROP OWNED BY "{name}"; DROP ROLE "{name}"')
    eng.dispose()


def test_raw_sql_by_a_clerk_meets_the_same_refusals(world, tree, clerk):
    with connect(world.db, clerk) as c:
        with pytest.raises(psycopg.Error) as e:
            c.execute(
                "UPDATE cat_products SET parent_id = %s WHERE id = %s",
                [tree["hand"], tree["tools"]],
            )
        assert e.value.sqlstate == "KN005" and "own subgroup" in str(e.value)
        with pytest.raises(psycopg.Error) as e:
            c.execute("UPDATE cat_products SET is_group = true WHERE id = %s", [tree["drill"]])
        assert e.value.sqlstate == "KN005"
        version = c.execute(
            "SELECT version FROM cat_products WHERE id = %s", [tree["drill"]]
        ).fetchone()[0]
        c.execute(  # the version read: accepted and bumped
            "UPDATE cat_products SET name = 'Drill 2', version = %s WHERE id = %s",
            [version, tree["drill"]],
        )
        with pytest.raises(psycopg.Error) as e:  # the same (now stale) version again
            c.execute(
                "UPDATE cat_products SET name = 'Drill 3', version = %s WHERE id = %s",
                [version, tree["drill"]],
            )
        assert e.value.sqlstate == "KN007"
        c.execute("INSERT INTO cat_warehouses(name) VALUES ('Depot')")  # inventory is on
    world.session.execute("UPDATE subsystems SET enabled = false WHERE name = 'inventory'")
    with connect(world.db, clerk) as c:
        with pytest.raises(psycopg.Error) as e:
            c.execute("INSERT INTO cat_warehouses(name) VALUES ('Depot 2')")
        assert e.value.sqlstate == "KN003"
        with pytest.raises(psycopg.Error) as e:
            c.execute("UPDATE cat_warehouses SET name = 'X' WHERE id = %s", [world.wh])
        assert e.value.sqlstate == "KN003"
    assert world.session.scalar("SELECT name FROM cat_products WHERE id = :i", i=tree["drill"]) == (
        "Drill 2"
    )


def test_a_group_has_no_unit_and_an_item_without_one_is_refused(world, cats, tree, clerk):
    assert (
        world.session.scalar("SELECT unit_id FROM cat_products WHERE id = :i", i=tree["tools"])
        is None
    )
    with pytest.raises(InvalidValue) as e:  # the declared field, before anything is sent
        cats.save("products", {"name": "Rasp", "parent": tree["tools"]})
    assert e.value.detail["field"] == "Unit" and "Rasp" in e.value.message
    with pytest.raises(InvalidValue) as e:  # cleared on an existing item
        drill = cats.read("products", tree["drill"])
        cats.save("products", {"id": drill["id"], "version": drill["version"], "unit": None})
    assert e.value.detail["field"] == "Unit"
    # A group's form has no item fields: a unit sent with a group is not stored.
    g = cats.save("products", {"name": "Glue", "is_group": True, "unit": world.pcs})
    assert cats.read("products", g["id"])["unit"] is None
    with connect(world.db, clerk) as c:  # raw SQL by a storekeeper meets the same rule
        c.execute("INSERT INTO cat_products(name, is_group) VALUES ('Fasteners', true)")
        with pytest.raises(psycopg.Error) as e:
            c.execute("INSERT INTO cat_products(name) VALUES ('Nail')")
        assert e.value.sqlstate == "KN005" and "Unit is required" in str(e.value)
        assert "Nail" in str(e.value)
        with pytest.raises(psycopg.Error) as e:
            c.execute("UPDATE cat_products SET unit_id = NULL WHERE id = %s", [tree["drill"]])
        assert e.value.sqlstate == "KN005"
    # The owner bypasses no trigger, and the table's CHECK backs the guard up.
    with pytest.raises(KontoraError, match="Unit is required"):
        world.session.execute("INSERT INTO cat_products(name) VALUES ('Nail')")
    world.session.execute("ALTER TABLE cat_products DISABLE TRIGGER guard")
    try:
        with pytest.raises(DatabaseInvalidValue, match="unit id is required for an item"):
            world.session.execute("INSERT INTO cat_products(name) VALUES ('Nail')")
    finally:
        world.session.execute("ALTER TABLE cat_products ENABLE TRIGGER guard")


def test_a_document_line_or_header_naming_a_group_is_refused(world, cats, tree, clerk):
    docs = world.docs
    with pytest.raises(KontoraError) as e:
        docs.save(
            "goods_receipt",
            new_document(
                organization=world.org,
                warehouse=world.wh,
                lines=[
                    {"product": world.products[0], "quantity": "1"},
                    {"product": tree["tools"], "quantity": "1"},
                ],
            ),
        )
    assert e.value.code == "KN005"
    assert "line 2" in e.value.message and "Tools" in e.value.message
    assert e.value.detail["field"] == "Product" and e.value.detail["line"] == 2
    assert e.value.detail["object"].endswith("Goods line 2")
    assert world.session.scalar("SELECT count(*) FROM doc_goods_receipt") == 0
    customers = cats.save("counterparties", {"name": "Customers", "is_group": True})["id"]
    with pytest.raises(KontoraError) as e:
        docs.save(
            "sales_shipment",
            new_document(organization=world.org, warehouse=world.wh, customer=customers, lines=[]),
        )
    assert e.value.detail["field"] == "Customer" and "Customers" in e.value.message
    # Raw SQL by a storekeeper: the lines guard refuses a group as well.
    doc = docs.save(
        "goods_receipt",
        new_document(
            organization=world.org,
            warehouse=world.wh,
            lines=[{"product": world.products[0], "quantity": "1"}],
        ),
    )
    with connect(world.db, clerk) as c:
        with pytest.raises(psycopg.Error) as e:
            c.execute(
                "SELECT kontora.doc_goods_receipt_save(%s::jsonb, false)",
                [
                    json.dumps(
                        {
                            "client_key": str(uuid.uuid4()),
                            "organization_id": world.org,
                            "warehouse_id": world.wh,
                            "lines": [{"product_id": tree["hand"], "quantity": "2"}],
                        }
                    )
                ],
            )
        assert e.value.sqlstate == "KN005" and "Hand tools" in str(e.value)
    with pytest.raises(KontoraError, match="is a group"):  # the owner's own writes too
        world.session.execute(
            "UPDATE doc_goods_receipt_lines SET product_id = :g WHERE doc_id = :d",
            g=tree["tools"],
            d=doc["id"],
        )


def test_document_line_pickers_offer_items_only(world, tree):
    c = registry.catalogs["products"]
    names = [r["name"] for r in lookup(world.session, c, "")]
    assert "Hammer" in names and "Drill" in names
    assert not {"Tools", "Hand tools", "Paint"} & set(names)
    assert [r["name"] for r in lookup(world.session, c, "too")] == []  # "Tools", "Hand tools"


def test_the_same_create_sent_twice_makes_one_item(world, cats, tree):
    payload = new_item(name="Spanner 10", unit=world.pcs, parent=tree["hand"], price="3.20")
    first = cats.save("products", payload)
    again = cats.save("products", dict(payload))  # the acknowledgement was lost: resent
    assert again["id"] == first["id"] and again["replayed"] and not first["replayed"]
    assert again["version"] == first["version"]
    count = "SELECT count(*) FROM cat_products WHERE name = 'Spanner 10'"
    assert world.session.scalar(count) == 1
    # Edited in the form before the resend: the same item gets the new values.
    edited = cats.save("products", {**payload, "name": "Spanner 10 mm"})
    assert edited["id"] == first["id"] and edited["name"] == "Spanner 10 mm"
    assert world.session.scalar(count) == 0
    group = new_item(name="Spanners", is_group=True)
    assert cats.save("products", group)["id"] == cats.save("products", group)["id"]
    w = new_item(name="Depot")  # non-hierarchical catalogs alike
    assert cats.save("warehouses", w)["id"] == cats.save("warehouses", w)["id"]
    assert world.session.scalar("SELECT count(*) FROM cat_warehouses WHERE name = 'Depot'") == 1
