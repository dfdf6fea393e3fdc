"""A payment line may name the document that made the debt (a shipment, a goods receipt): debts
by age take it off that document first, the rest of the payments settle the oldest debt; a line
naming a shipment of an order pays that order too. Refusals name the line and the document."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from server.api import new_document
from server.api.report_trade import TradeReports
from server.api.reports import ReportSettings
from server.errors import DatabaseInvalidValue
from server.metadata import registry
from tests.helpers import at, receipt, shipment
from tests.sales_helpers import order, ship_order


def _aging(w, name: str, as_of: dt.date) -> dict:
    rep = TradeReports(w.session, registry).run(ReportSettings(name, as_of, as_of))
    return {r.keys["document"]: r.values["debt"] for r in rep.rows if r.kind == "item"}


def _pay(w, doc: str, partner: int, counterparty: int, day: int, amount: str, lines=()):
    return w.docs.save(
        doc,
        new_document(
            organization=w.org,
            partner=partner,
            counterparty=counterparty,
            date=at(day),
            amount=amount,
            orders=list(lines),
        ),
        post=True,
    )


def test_a_payment_for_the_second_shipment_leaves_the_first_open(world):
    w = world
    a = w.products[0]
    receipt(w, 1, (a, "100"))
    s1 = shipment(w, 2, (a, "10"))  # 20.00
    s2 = shipment(w, 3, (a, "5"))  # 10.00
    s3 = shipment(w, 4, (a, "4"))  # 8.00
    # 10.00 for s2 by name, 5.00 more without: FIFO settles 5.00 of s1
    _pay(w, "customer_payment", w.partner, w.customer, 5, "15.00",
         [{"shipment": s2["id"], "amount": "10.00"}])  # fmt: skip
    debts = _aging(w, "customer_aging", dt.date(2026, 3, 31))
    assert debts == {
        f"sales_shipment:{s1['id']}": D("15.00"),
        f"sales_shipment:{s3['id']}": D("8.00"),
    }
    # Settlements do not depend on the naming: 38.00 − 15.00 owed in all.
    assert w.session.scalar(
        "SELECT sum(amount) FROM reg_customer_settlements_balance WHERE partner_id = :p",
        p=w.partner,
    ) == D("23.00")


def test_paying_a_shipment_of_an_order_pays_the_order(world):
    w = world
    a = w.products[0]
    receipt(w, 1, (a, "100"))
    so = order(w, 2, (a, "10", "3.00"))
    sh = ship_order(w, so["id"], 3)
    _pay(w, "customer_payment", w.partner, w.customer, 4, "30.00",
         [{"shipment": sh["id"], "amount": "30.00"}])  # fmt: skip
    to_pay = w.session.scalar(
        "SELECT amount FROM reg_customer_orders_balance WHERE order_id = :o AND product_id = 0",
        o=so["id"],
    )
    ordered = w.session.scalar(
        "SELECT sum(amount) FROM reg_customer_orders_balance WHERE order_id = :o", o=so["id"]
    )
    assert ordered == D("0.00") and to_pay is not None
    assert w.session.scalar(
        "SELECT amount FROM reg_customer_settlements_balance WHERE order_id = :o", o=so["id"]
    ) == D("0.00")


def test_lines_naming_nothing_or_a_stranger_are_refused(world):
    w = world
    a = w.products[0]
    receipt(w, 1, (a, "100"))
    s1 = shipment(w, 2, (a, "1"))
    with pytest.raises(DatabaseInvalidValue, match="line 1: name the order or the shipment"):
        _pay(w, "customer_payment", w.partner, w.customer, 5, "1.00", [{"amount": "1.00"}])
    other = w.session.scalar("INSERT INTO cat_partners(name) VALUES ('Other') RETURNING id")
    oc = w.session.scalar(
        "INSERT INTO cat_counterparties(name, partner_id) VALUES ('Other LLC', :p) RETURNING id",
        p=other,
    )
    with pytest.raises(DatabaseInvalidValue, match=f"shipment {s1['number']} is of another"):
        _pay(w, "customer_payment", other, oc, 5, "1.00",
             [{"shipment": s1["id"], "amount": "1.00"}])  # fmt: skip
    draft = shipment(w, 3, (a, "1"), post=False)
    with pytest.raises(DatabaseInvalidValue, match="is not posted"):
        _pay(w, "customer_payment", w.partner, w.customer, 5, "1.00",
             [{"shipment": draft["id"], "amount": "1.00"}])  # fmt: skip


def test_a_supplier_payment_for_the_second_receipt(world):
    w = world
    a = w.products[0]
    sup = w.session.scalar(
        "INSERT INTO cat_partners(name, is_supplier) VALUES ('Bolts Inc', true) RETURNING id"
    )
    sc = w.session.scalar(
        "INSERT INTO cat_counterparties(name, partner_id) VALUES ('Bolts Inc', :p) RETURNING id",
        p=sup,
    )

    def buy(day: int, qty: str) -> dict:
        return w.docs.save(
            "goods_receipt",
            new_document(organization=w.org, warehouse=w.wh, partner=sup, supplier=sc,
                         date=at(day), lines=[{"product": a, "quantity": qty, "price": "3.00"}]),
            post=True,
        )  # fmt: skip

    r1, r2 = buy(1, "10"), buy(2, "5")  # 30.00 and 15.00
    _pay(w, "supplier_payment", sup, sc, 3, "15.00", [{"receipt": r2["id"], "amount": "15.00"}])
    assert _aging(w, "supplier_aging", dt.date(2026, 3, 31)) == {
        f"goods_receipt:{r1['id']}": D("30.00")
    }


def test_a_payment_based_on_a_shipment_pays_what_is_left_of_it(world):
    from tests.sales_helpers import based_on

    w = world
    a = w.products[0]
    receipt(w, 1, (a, "100"))
    s1 = shipment(w, 2, (a, "10"))  # 20.00
    s2 = shipment(w, 3, (a, "5"))  # 10.00
    _pay(w, "customer_payment", w.partner, w.customer, 4, "4.00",
         [{"shipment": s2["id"], "amount": "4.00"}])  # fmt: skip
    p = based_on(w, "customer_payment", "sales_shipment", s2["id"])
    assert p["partner"]["id"] == w.partner and p["counterparty"]["id"] == w.customer
    assert p["amount"] == D("6.00")
    assert p["orders"] == [
        {"shipment": {"id": s2["id"], "name": s2["number"]}, "amount": D("6.00")}
    ]
    p["date"] = at(5)
    w.docs.save("customer_payment", p, post=True)
    assert _aging(w, "customer_aging", dt.date(2026, 3, 31)) == {
        f"sales_shipment:{s1['id']}": D("20.00")
    }
