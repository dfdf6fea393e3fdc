"""The change history in readable form: declared titles, item names, line-by-line changes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from server.api.history import FieldChange, catalog_history, document_history
from server.api.lists import document_for_form
from server.api.related import based_on_payload
from server.metadata import registry
from tests.helpers import receipt


def changes(entry) -> dict[str, tuple]:
    return {c.label: (c.old, c.new) for c in entry.changes}


def test_document_history_shows_an_edited_quantity_from_old_to_new(world):
    gr = receipt(world, 2, (world.products[0], "12"), (world.products[1], "3"), post=False)
    data = document_for_form(world.session, registry, "goods_receipt", gr["id"])
    lines = data["lines"]
    lines[1]["quantity"] = Decimal("5")
    world.docs.save(
        "goods_receipt",
        {
            "id": gr["id"],
            "version": gr["version"],
            "comment": "Recounted",
            "warehouse": world.wh2,
            "lines": lines,
        },
        post=True,
    )
    entries = document_history(world.session, registry, "goods_receipt", gr["id"])
    # newest first: the posting flag set by the save, then the create
    assert [e.op for e in entries] == ["UPDATE", "INSERT"]
    edit, created = entries
    assert edit.user and isinstance(edit.at, dt.datetime)
    got = changes(edit)
    assert got["Goods, line 2: Quantity"] == (Decimal("3"), Decimal("5"))
    assert got["Goods, line 2: Amount"] == (Decimal("3.00"), Decimal("5.00"))
    assert got["Comment"] == (None, "Recounted")
    assert got["Warehouse"] == ("Main warehouse", "Shop")  # names, not ids
    assert got["Posted"] == (False, True)
    assert not any(label.startswith("Goods, line 1") for label in got)  # unchanged line
    assert not any("Version" in label or "Client key" in label for label in got)
    born = changes(created)
    assert born["Goods, line 1 (added): Product"] == (None, "Bolt M4")
    assert born["Goods, line 1 (added): Quantity"] == (None, Decimal("12"))
    assert born["Number"] == (None, gr["number"])
    assert born["Organization"] == (None, "Acme LLC")
    date = next(c for c in created.changes if c.field == "date")
    assert date.kind == "datetime" and date.new == dt.datetime(2026, 3, 2, 9, 0)


def test_history_names_the_basis_and_the_deletion_mark(world):
    gr = receipt(world, 2, (world.products[0], "12"))
    p = based_on_payload(world.session, registry, "write_off", "goods_receipt", gr["id"])
    wo = world.docs.save("write_off", p | {"expense_item": world.expense_item})
    world.docs.mark("write_off", wo["id"])
    entries = document_history(world.session, registry, "write_off", wo["id"])
    assert changes(entries[0]) == {"Deletion mark": (False, True)}
    assert FieldChange("based_on", "Based on", "text", None, f"Goods receipt {gr['number']}") in (
        entries[1].changes
    )


def test_catalog_history_is_generic_by_table_and_id(world):
    s = world.session
    s.execute("UPDATE cat_products SET name = 'Bolt M4 zinc', unit_id = :u WHERE id = :i",
              u=world.kg, i=world.products[0])  # fmt: skip
    entries = catalog_history(s, registry, "products", world.products[0])
    assert [e.op for e in entries] == ["UPDATE", "INSERT"]
    assert changes(entries[0]) == {"Name": ("Bolt M4", "Bolt M4 zinc"), "Unit": ("pcs", "kg")}
    assert changes(entries[1])["Unit"] == (None, "pcs")


def test_restore_an_earlier_version_of_a_catalog_item(world):
    from server.api import Catalogs
    from server.api.history_restore import restore_version

    s, api = world.session, Catalogs(world.session, registry)
    pid = world.products[0]
    item = api.read("products", pid)
    api.save("products", {"id": pid, "version": item["version"], "name": "Bolt M4 zinc",
                          "unit": world.kg})  # fmt: skip
    item = api.read("products", pid)
    api.save("products", {"id": pid, "version": item["version"], "name": "Bolt M4 steel"})
    entries = catalog_history(s, registry, "products", pid)
    assert [e.op for e in entries] == ["UPDATE", "UPDATE", "INSERT"]
    state = restore_version(s, registry, "products", pid, entries[2].at)  # as created
    item = api.read("products", pid)
    assert item["name"] == "Bolt M4" and item["unit"]["name"] == "pcs"
    assert state["version"] == item["version"]
    restored = catalog_history(s, registry, "products", pid)[0]  # a new entry, by the save
    assert changes(restored) == {"Name": ("Bolt M4 steel", "Bolt M4"), "Unit": ("kg", "pcs")}


def test_restore_is_refused_when_a_referenced_item_is_gone(world):
    import pytest

    from server.api import Catalogs
    from server.api.history_restore import restore_version
    from server.errors import KontoraError

    s, api = world.session, Catalogs(world.session, registry)
    unit = s.scalar(
        "INSERT INTO cat_units (code, name, precision) VALUES ('box', 'box', 0) RETURNING id"
    )
    pid = world.products[1]
    item = api.read("products", pid)
    api.save("products", {"id": pid, "version": item["version"], "unit": unit})
    item = api.read("products", pid)
    api.save("products", {"id": pid, "version": item["version"], "unit": world.pcs})
    s.execute("DELETE FROM cat_units WHERE id = :u", u=unit)
    at = catalog_history(s, registry, "products", pid)[1].at  # the box version
    with pytest.raises(KontoraError, match=r"Unit refers to a Units item \(#\d+\) that no longer"):
        restore_version(s, registry, "products", pid, at)
    assert api.read("products", pid)["unit"]["id"] == world.pcs  # nothing changed
