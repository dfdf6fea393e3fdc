"""Customer claims: against a shipment or an order of the claim's partner, status workflow
new → in progress → resolved | rejected with no way back — all held by PostgreSQL."""

from __future__ import annotations

import pytest

from server.api import Catalogs
from server.api.documents import new_document
from server.errors import DatabaseInvalidValue, ReadOnlyError
from server.metadata import registry
from tests.helpers import receipt
from tests.sales_helpers import order, ship_order


@pytest.fixture
def shipped(world):
    receipt(world, 1, (world.products[0], "10"))
    o = order(world, 2, (world.products[0], "4", "100.00"))
    s = ship_order(world, o["id"], 3)
    return {"order": o, "shipment": s}


def _claim(world, **fields) -> dict:
    header = {
        "organization": world.org,
        "partner": world.partner,
        "description": "Two boxes arrived damaged",
        "responsible": "maria",
        "deadline": "2026-12-10",
        "goods": [{"product": world.products[0], "quantity": "2", "problem": "dented"}],
    }
    return world.docs.save("claim", new_document(**{**header, **fields}))


def _move(world, state: dict, **fields) -> dict:
    return world.docs.save("claim", {"id": state["id"], "version": state["version"], **fields})


def test_a_claim_goes_new_in_progress_resolved_and_never_back(world, shipped):
    c = _claim(world, shipment=shipped["shipment"]["id"])
    assert world.docs.read("claim", c["id"])["status"] == "new" and c["posted"] is False
    with pytest.raises(DatabaseInvalidValue, match="say how it was resolved"):
        _move(world, _move(world, c, status="in_progress"), status="resolved")
    c = world.docs.save("claim", {**_doc_state(world, c["id"]), "status": "resolved",
                                  "resolution": "Replaced two boxes"})  # fmt: skip
    for back in ("in_progress", "new", "rejected"):
        with pytest.raises(ReadOnlyError, match="cannot move from «resolved»"):
            _move(world, c, status=back)
    c = _move(world, c, resolution="Replaced two boxes; credit note sent")  # text may change
    assert world.docs.read("claim", c["id"])["status"] == "resolved"


def _doc_state(world, doc_id: int) -> dict:
    d = world.docs.read("claim", doc_id)
    return {"id": doc_id, "version": d["version"]}


def test_no_jumping_over_in_progress_and_a_claim_starts_new(world, shipped):
    c = _claim(world, order=shipped["order"]["id"])
    with pytest.raises(ReadOnlyError, match="from «new» to «rejected»"):
        _move(world, c, status="rejected", resolution="No grounds")
    with pytest.raises(ReadOnlyError, match="from «-» to «in_progress»"):
        _claim(world, order=shipped["order"]["id"], status="in_progress")
    c = _move(world, _move(world, c, status="in_progress"), status="rejected", resolution="Late")
    with pytest.raises(ReadOnlyError, match="from «rejected» to «resolved»"):
        _move(world, c, status="resolved")


def test_the_document_belongs_to_the_claims_partner(world, shipped):
    other = Catalogs(world.session, registry).save("partners", {"name": "Other", "is_client": True})
    with pytest.raises(DatabaseInvalidValue, match=r"shipment .* belongs to partner «Customer"):
        _claim(world, partner=other["id"], shipment=shipped["shipment"]["id"])
    with pytest.raises(DatabaseInvalidValue, match=r"order .* belongs to partner «Customer One»"):
        _claim(world, partner=other["id"], order=shipped["order"]["id"])
    with pytest.raises(DatabaseInvalidValue, match="name the shipment or the order"):
        _claim(world)
