"""The start page's figures of debts, orders to ship and open deals, by hand-computed values."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from server.api import Catalogs, new_document
from server.api.key_figures import key_figures
from server.api.report_trade import TradeReports
from server.api.reports import ReportSettings
from server.metadata import registry
from tests.helpers import at
from tests.sales_helpers import order, ship_order


def figures(world) -> dict[str, Decimal]:
    return {f.name: f.value for f in key_figures(world.session, registry)}


def test_debts_are_netted_per_counterparty_and_positive_ones_summed(world):
    a, b = world.products[:2]
    s = world.session
    other = s.scalar(  # a second counterparty of the partner, which pays in advance
        "INSERT INTO kontora.cat_counterparties(name, partner_id) VALUES ('Customer One Ltd', :p) "
        "RETURNING id",
        p=world.partner,
    )
    received = new_document(
        organization=world.org,
        warehouse=world.wh,
        partner=world.partner,
        supplier=world.customer,
        date=at(1),
        lines=[{"product": p, "quantity": "20", "price": "1.50"} for p in (a, b)],
    )
    world.docs.save("goods_receipt", received, post=True)  # we owe 60.00
    assert figures(world)["we_owe_suppliers"] == Decimal("60.00")
    assert figures(world)["customers_owe"] == 0

    shipped = order(world, 2, (a, "10", "3.00"), (b, "2", "5.00"))  # 40.00
    ship_order(world, shipped["id"], 3)  # owed on the order: 40.00
    partly = order(world, 2, (a, "5", "2.00"))  # 10.00
    ship_order(world, partly["id"], 3, {a: "2"})  # owed: 4.00, 3 still to ship
    order(world, 2, (b, "1", "9.00"), status="not_approved")  # not to ship yet
    pay = new_document(
        organization=world.org,
        partner=world.partner,
        counterparty=world.customer,
        kind="cash",
        amount="15.00",
        date=at(4),
    )
    world.docs.save("customer_payment", pay, post=True)  # an advance: nets with the order's
    advance = {**pay, "counterparty": other, "amount": "100.00"}
    world.docs.save("customer_payment", advance, post=True)  # another counterparty's advance

    got = figures(world)
    assert got["customers_owe"] == Decimal("29.00")  # 40 + 4 − 15; the other's −100 not netted
    assert got["orders_to_ship"] == 1  # the partly shipped one
    assert got["we_owe_suppliers"] == Decimal("60.00")
    for report, figure in (
        ("customer_aging", "customers_owe"),
        ("supplier_aging", "we_owe_suppliers"),
    ):
        day = dt.date(2026, 3, 31)  # the report behind the card totals the same debts
        total = TradeReports(s, registry).run(ReportSettings(report, day, day)).total
        assert total.values["debt"] == got[figure]

    s.execute("UPDATE kontora.subsystems SET enabled = false WHERE name = 'finance'")
    got = figures(world)
    assert "customers_owe" not in got and "we_owe_suppliers" not in got
    assert got["orders_to_ship"] == 1


def test_open_deals_are_those_in_a_stage_neither_won_nor_lost(world):
    cats = Catalogs(world.session, registry)

    def item(catalog: str, **fields) -> int:
        return cats.save(catalog, fields)["id"]

    kind = item("deal_types", name="Sale of goods")
    lead = item("deal_stages", name="Lead", deal_type=kind, sequence=1)
    won = item("deal_stages", name="Won", deal_type=kind, sequence=2, outcome="won")
    lost = item("deal_stages", name="Lost", deal_type=kind, sequence=3, outcome="lost")
    reason = item("loss_reasons", name="Price")
    for name, stage in (("Bolts", lead), ("Nuts", lead), ("Screws", won), ("Nails", lost)):
        extra = {"loss_reason": reason} if stage == lost else {}
        item("deals", name=name, partner=world.partner, deal_type=kind, stage=stage, **extra)
    marked = item("deals", name="Washers", partner=world.partner, deal_type=kind, stage=lead)
    world.session.execute(
        "UPDATE kontora.cat_deals SET deletion_mark = true WHERE id = :d", d=marked
    )
    assert figures(world)["open_deals"] == 2
