"""Deals: a pipeline of stages per deal type, stage statistics, closed deals frozen, the deal an
order and its shipment came from — every rule held by PostgreSQL."""

from __future__ import annotations

import uuid
from decimal import Decimal as D

import pytest
from sqlalchemy import create_engine

from server.api import Catalogs, Session
from server.errors import DatabaseInvalidValue, ForbiddenError, ReadOnlyError
from server.metadata import registry
from server.users import add_user
from tests.conftest import sql
from tests.helpers import receipt
from tests.sales_helpers import based_on, order


@pytest.fixture
def crm(world):
    """A deal type with its pipeline; another type with a stage of its own."""
    cats = Catalogs(world.session, registry)

    def item(name: str, **fields) -> int:
        return cats.save(name, {"name": fields.pop("title"), **fields})["id"]

    sale = item("deal_types", title="Sale of goods")
    other = item("deal_types", title="Service contract")
    stages = {
        key: item(
            "deal_stages",
            title=title,
            deal_type=sale,
            sequence=seq,
            probability=prob,
            outcome=outcome,
        )
        for key, title, seq, prob, outcome in (
            ("lead", "Lead", 10, "10", "open"),
            ("offer", "Offer", 20, "40", "open"),
            ("talks", "Negotiation", 30, "70", "open"),
            ("won", "Won", 90, "100", "won"),
            ("lost", "Lost", 99, "0", "lost"),
        )
    }
    stages["other"] = item("deal_stages", title="Brief", deal_type=other, sequence=1)
    reason = item("loss_reasons", title="Price too high")
    return {"cats": cats, "sale": sale, "other": other, "reason": reason, **stages}


def _deal(world, crm, name: str = "Bolts for the plant", **fields) -> dict:
    payload = {
        "name": name,
        "partner": world.partner,
        "deal_type": crm["sale"],
        "stage": crm["lead"],
        "amount": "150000.00",
        **fields,
    }
    return crm["cats"].save("deals", payload)


def _move(crm, deal: dict, **fields) -> dict:
    return crm["cats"].save("deals", {"id": deal["id"], "version": deal["version"], **fields})


def _stats(world, deal_id: int) -> dict[str, dict]:
    rows = sql(
        world.db.engine,
        "SELECT s.name, t.visits, t.result, t.left_at IS NOT NULL AS left, t.days "
        "FROM inf_deal_stage_stats t JOIN cat_deal_stages s ON s.id = t.stage_id "
        "WHERE t.deal_id = :d",
        d=deal_id,
    )
    return {r.name: {"visits": r.visits, "result": r.result, "left": r.left} for r in rows}


def test_stage_changes_are_recorded_with_visits_and_direction(world, crm):
    deal = _deal(world, crm)
    assert _stats(world, deal["id"]) == {"Lead": {"visits": 1, "result": "current", "left": False}}
    deal = _move(crm, deal, stage=crm["offer"])
    deal = _move(crm, deal, stage=crm["lead"])  # back to the lead: a second visit
    deal = _move(crm, deal, stage=crm["talks"])
    assert _stats(world, deal["id"]) == {
        "Lead": {"visits": 2, "result": "forward", "left": True},
        "Offer": {"visits": 1, "result": "back", "left": True},
        "Negotiation": {"visits": 1, "result": "current", "left": False},
    }
    _move(crm, deal, stage=crm["won"])
    stats = _stats(world, deal["id"])
    assert stats["Negotiation"]["result"] == "forward"
    assert stats["Won"] == {"visits": 1, "result": "won", "left": True}


def test_time_in_a_stage_adds_up_over_visits(world, crm):
    deal = _deal(world, crm)
    # The deal entered the lead stage 2.5 days ago (set as the owner, as if time had passed).
    sql(
        world.db.engine,
        "UPDATE inf_deal_stage_stats SET since = localtimestamp(0) - interval '60 hours' "
        "WHERE deal_id = :d",
        d=deal["id"],
    )
    deal = _move(crm, deal, stage=crm["offer"])
    days = sql(
        world.db.engine,
        "SELECT days FROM inf_deal_stage_stats WHERE deal_id = :d AND stage_id = :s",
        d=deal["id"],
        s=crm["lead"],
    )[0].days
    assert D("2.499") <= days <= D("2.501")


def test_the_stage_must_belong_to_the_deal_type(world, crm):
    with pytest.raises(
        DatabaseInvalidValue, match="Stage «Brief» belongs to deal type «Service contract»"
    ):
        _deal(world, crm, stage=crm["other"])
    # The rule is the database's: a clerk's INSERT by SQL is refused the same way.
    with pytest.raises(DatabaseInvalidValue, match="belongs to deal type"):
        world.session.execute(
            "INSERT INTO cat_deals(name, partner_id, deal_type_id, stage_id) "
            "VALUES ('By SQL', :p, :t, :s)",
            p=world.partner,
            t=crm["sale"],
            s=crm["other"],
        )


def test_probability_follows_the_stage_unless_typed(world, crm):
    deal = _deal(world, crm)
    assert deal_probability(world, deal) == D("10")
    deal = _move(crm, deal, stage=crm["offer"])
    assert deal_probability(world, deal) == D("40")
    deal = _move(crm, deal, probability="55")  # the manager knows better
    assert deal_probability(world, deal) == D("55")
    deal = _move(crm, deal, stage=crm["talks"], probability="65")
    assert deal_probability(world, deal) == D("65")


def test_probability_is_learnt_from_closed_deals(world, crm):
    # Five closed deals passed through "Offer": two won, three lost -> 40 % becomes 40 %;
    # make it three won of five -> 60 %.
    for i, outcome in enumerate(("won", "won", "won", "lost", "lost")):
        d = _deal(world, crm, name=f"Past deal {i}")
        d = _move(crm, d, stage=crm["offer"])
        extra = {"loss_reason": crm["reason"]} if outcome == "lost" else {}
        _move(crm, d, stage=crm[outcome], **extra)
    deal = _deal(world, crm, name="New deal")
    deal = _move(crm, deal, stage=crm["offer"])
    assert deal_probability(world, deal) == D("60")
    # The lead stage: the same five deals passed through it too.
    assert sql(world.db.engine, "SELECT kontora.deal_probability(:s) AS p", s=crm["lead"])[
        0
    ].p == D("60")


def deal_probability(world, deal: dict) -> D:
    return sql(world.db.engine, "SELECT probability FROM cat_deals WHERE id = :i", i=deal["id"])[
        0
    ].probability


def test_a_lost_deal_names_its_reason_and_a_closed_deal_is_frozen(world, crm):
    deal = _deal(world, crm)
    with pytest.raises(DatabaseInvalidValue, match="give the loss reason"):
        _move(crm, deal, stage=crm["lost"])
    deal = _move(crm, deal, stage=crm["lost"], loss_reason=crm["reason"])
    assert deal_probability(world, deal) == D("0")
    with pytest.raises(ReadOnlyError, match="Deal «Bolts for the plant» is closed \\(lost\\)"):
        _move(crm, deal, amount="1.00")
    with pytest.raises(ReadOnlyError, match="closed"):
        _move(crm, deal, stage=crm["talks"])
    # Only the deletion mark may still change.
    crm["cats"].mark("deals", deal["id"], True)


def test_stage_statistics_are_written_only_by_the_rules(world, crm):
    deal = _deal(world, crm)
    name = f"u_sales_{uuid.uuid4().hex[:6]}"
    eng = create_engine(world.db.url, isolation_level="AUTOCOMMIT")
    with eng.connect() as c:
        add_user(c, name, "sales_manager", "secret-pw")
    user = world.db.engine_as(name, "secret-pw")
    try:
        cats = Catalogs(Session(user), registry)
        cats.save("deals", {"id": deal["id"], "version": deal["version"], "stage": crm["offer"]})
        assert _stats(world, deal["id"])["Offer"]["result"] == "current"
        with pytest.raises(ForbiddenError, match="permission denied"):
            Session(user).execute(
                "UPDATE inf_deal_stage_stats SET visits = 99 WHERE deal_id = :d", d=deal["id"]
            )
    finally:
        user.dispose()
        with eng.connect() as c:
            c.exec_driver_sql(f'DROP OWNED BY "{name}"; DROP ROLE "{name}"')
        eng.dispose()


def test_an_order_carries_the_deal_of_its_partner_to_the_shipment(world, crm):
    deal = _deal(world, crm)
    p = world.products[0]
    receipt(world, 1, (p, "10"))
    o = order(world, 2, (p, "4", "25.00"), deal=deal["id"])
    payload = based_on(world, "sales_shipment", "sales_order", o["id"])
    assert payload["deal"]["id"] == deal["id"]
    # A deal of another partner is refused, naming both.
    stranger = int(
        world.session.scalar("INSERT INTO cat_partners(name) VALUES ('Stranger') RETURNING id")
    )
    theirs = _deal(world, crm, name="Their deal", partner=stranger)
    with pytest.raises(
        DatabaseInvalidValue, match="Deal «Their deal» belongs to partner «Stranger»"
    ):
        order(world, 3, (p, "1", "25.00"), deal=theirs["id"])


def test_a_deal_takes_the_source_of_its_partner(world, crm):
    cats = crm["cats"]
    fair = cats.save("ad_channels", {"name": "Trade fairs"})["id"]
    expo = cats.save(
        "marketing_events",
        {"name": "Hardware Expo 2026", "channel": fair, "budget": "12000.00"},
    )["id"]
    partner = cats.read("partners", world.partner)
    cats.save(
        "partners",
        {"id": world.partner, "version": partner["version"], "channel": fair, "event": expo},
    )
    deal = _deal(world, crm)
    row = sql(
        world.db.engine, "SELECT channel_id, event_id FROM cat_deals WHERE id = :i", i=deal["id"]
    )[0]
    assert (row.channel_id, row.event_id) == (fair, expo)
    web = cats.save("ad_channels", {"name": "Web site"})["id"]
    other = _deal(world, crm, name="From the web", channel=web)
    row = sql(
        world.db.engine, "SELECT channel_id, event_id FROM cat_deals WHERE id = :i", i=other["id"]
    )[0]
    assert (row.channel_id, row.event_id) == (web, None)  # given: kept as given
    # The first contact (an interaction) records the partner's source too.
    from server.api import new_document

    world.docs.save(
        "interaction",
        new_document(organization=world.org, subject="First call", partner=world.partner),
    )
    row = sql(world.db.engine, "SELECT channel_id, event_id FROM doc_interaction")[0]
    assert (row.channel_id, row.event_id) == (fair, expo)


def test_create_from_a_deal_fills_partner_counterparty_manager_and_deal(world, crm):
    from server.api.create_from import initial_from, targets

    world.session.execute("UPDATE cat_partners SET manager = 'anna' WHERE id = :p", p=world.partner)
    deal = _deal(world, crm, manager="boris")
    names = {t.name: t for t in targets(registry, "deals")}
    assert {"sales_order", "sales_shipment"} <= set(names)
    init = initial_from(world.session, registry, names["sales_order"], "deals", deal["id"])
    assert init["deal"] == {"id": deal["id"], "name": "Bolts for the plant"}
    assert init["partner"]["id"] == world.partner
    assert init["counterparty"]["id"] == world.customer  # the partner's only one
    assert init["manager"] == "boris"  # the deal's, not the partner's
    assert "client_key" in init
    # From a partner: a deal (a catalog) with the partner filled in.
    deal_target = next(t for t in targets(registry, "partners") if t.name == "deals")
    init = initial_from(world.session, registry, deal_target, "partners", world.partner)
    assert init == {"partner": {"id": world.partner, "name": "Customer One"}, "manager": "anna"}


def test_participants_are_users_or_contacts_of_the_deal_partner(world, crm):
    cats = crm["cats"]
    ours = cats.save("contact_persons", {"name": "Ann", "partner": world.partner})["id"]
    stranger = int(
        world.session.scalar("INSERT INTO cat_partners(name) VALUES ('Stranger') RETURNING id")
    )
    theirs = cats.save("contact_persons", {"name": "Zed", "partner": stranger})["id"]
    deal = _deal(world, crm, participants=[{"contact": ours, "role": "Buyer"},
                                           {"login": "anna", "role": "Manager"}])  # fmt: skip
    with pytest.raises(DatabaseInvalidValue, match="«Zed» is not a contact person of partner"):
        _move(crm, deal, participants=[{"contact": theirs, "role": "Spy"}])
    with pytest.raises(DatabaseInvalidValue, match="line 1: name a user or a contact person"):
        _move(crm, deal, participants=[{"role": "Nobody"}])
