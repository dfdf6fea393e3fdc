"""Period closing per organization: a clerk is refused, an administrator overrides explicitly."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from server.api import Documents, Session, new_document
from server.api.admin import period_lock, set_period_lock
from server.errors import ForbiddenError, PeriodClosedError
from server.metadata import registry
from tests.helpers import receipt


def _org2(world) -> int:
    return int(
        world.session.scalar("INSERT INTO cat_organizations(name) VALUES ('Beta') RETURNING id")
    )


def test_a_lock_date_per_organization(world):
    org2 = _org2(world)
    set_period_lock(world.session, dt.date(2026, 3, 31))  # every organization…
    set_period_lock(world.session, dt.date(2026, 3, 5), world.org)  # …but Acme's own date
    assert period_lock(world.session, world.org) == dt.date(2026, 3, 5)
    assert period_lock(world.session, org2) == dt.date(2026, 3, 31)
    receipt(world, 10, (world.products[0], "5"))  # Acme is open after the 5th
    with pytest.raises(PeriodClosedError) as refused:
        receipt(world, 5, (world.products[0], "5"))
    assert refused.value.detail["period_lock_date"] == "2026-03-05"
    with pytest.raises(PeriodClosedError, match="closed up to 2026-03-31"):
        world.docs.save(
            "goods_receipt",
            new_document(
                organization=org2,
                warehouse=world.wh,
                date="2026-03-10T09:00:00",
                lines=[{"product": world.products[0], "quantity": "1", "price": "1"}],
            ),
        )
    set_period_lock(world.session, None, world.org)  # Acme follows the common date again
    assert period_lock(world.session, world.org) == dt.date(2026, 3, 31)


def test_a_clerk_is_refused_and_an_administrator_overrides(world, login):
    doc = receipt(world, 2, (world.products[0], "5"))
    set_period_lock(world.session, dt.date(2026, 3, 5), world.org)
    _, clerk_eng = login("storekeeper")
    _, admin_eng = login("admin")
    clerk, admin = Documents(Session(clerk_eng), registry), Documents(Session(admin_eng), registry)

    with pytest.raises(PeriodClosedError) as refused:
        clerk.unpost("goods_receipt", doc["id"])
    assert refused.value.detail["may_override"] is False
    with pytest.raises(ForbiddenError, match="Only an administrator"):
        clerk.unpost("goods_receipt", doc["id"], override_lock=True)
    post = text("SELECT kontora.doc_goods_receipt_post(:i, false)")
    with pytest.raises(DBAPIError, match="Only an administrator"), clerk_eng.begin() as c:
        c.execute(text("SET LOCAL kontora.override_lock = on"))  # by SQL: the same refusal
        c.execute(post, {"i": doc["id"]})
    with pytest.raises(DBAPIError, match="closed period"), clerk_eng.begin() as c:
        c.execute(post, {"i": doc["id"]})

    with pytest.raises(PeriodClosedError) as refused:  # the administrator too, unless explicit
        admin.unpost("goods_receipt", doc["id"])
    assert refused.value.detail["may_override"] is True
    assert admin.unpost("goods_receipt", doc["id"], override_lock=True)["posted"] is False
    assert admin.post("goods_receipt", doc["id"], override_lock=True)["posted"] is True
    body = admin.read("goods_receipt", doc["id"])
    body["comment"] = "corrected after closing"
    saved = admin.save("goods_receipt", body, override_lock=True)
    assert (
        world.session.scalar("SELECT comment FROM doc_goods_receipt WHERE id = :i", i=saved["id"])
        == "corrected after closing"
    )
    # The override lasts one transaction: the next write is refused again.
    with pytest.raises(PeriodClosedError):
        admin.unpost("goods_receipt", doc["id"])
