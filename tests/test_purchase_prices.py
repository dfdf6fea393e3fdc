"""Purchase prices: a price type "recorded by goods receipts" gets each posted receipt's prices
on its day (unposting removes them; the latest receipt of a day wins; a price set by hand
stays), and a new purchase order takes that type, so its prices come from the receipts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from server.api import new_document
from server.api import prices as api
from server.api.price_list import price_on, set_prices
from server.metadata import registry
from tests.helpers import at

D = Decimal


@pytest.fixture
def types(world) -> dict[str, int]:
    s = world.session
    out = {
        name: int(s.scalar(
            "INSERT INTO cat_price_types(name, vat_included, from_purchases) "
            "VALUES (:n, :v, :f) RETURNING id", n=name, v=vat, f=purchases,
        ))
        for name, vat, purchases in (("Retail", True, False), ("Purchase", False, True))
    }  # fmt: skip
    return out


def _receipt(w, day: int, *lines: dict, post: bool = True, vat_included: bool = False) -> dict:
    payload = new_document(organization=w.org, warehouse=w.wh, date=at(day),
                           vat_included=vat_included, lines=list(lines))  # fmt: skip
    return w.docs.save("goods_receipt", payload, post=post)


def _prices(w) -> list[tuple]:
    rows = w.session.rows(
        "SELECT t.name, product_id, period, price, receipt_id FROM inf_prices p "
        "JOIN cat_price_types t ON t.id = p.price_type_id ORDER BY 1, 2, 3"
    )
    return [tuple(r.values()) for r in rows]


def _day(n: int) -> dt.date:
    return dt.date.fromisoformat(at(n)[:10])


def test_posting_a_receipt_records_its_prices_and_unposting_removes_them(world, types):
    w, (a, b) = world, world.products[:2]
    gr = _receipt(
        w,
        1,
        {"product": a, "quantity": "10", "price": "2.00", "discount": "10", "vat_rate": "20"},
        {"product": b, "quantity": "5", "price": "3.00"},
        {"product": b, "quantity": "1", "price": "3.10"},  # the last line of a product counts
    )
    assert _prices(w) == [
        ("Purchase", a, _day(1), D("1.80"), gr["id"]),  # after its discount
        ("Purchase", b, _day(1), D("3.10"), gr["id"]),
    ]
    # a receipt with VAT included: the type's prices are net of VAT
    gr2 = _receipt(w, 2, {"product": a, "quantity": "1", "price": "2.40", "vat_rate": "20"},
                   vat_included=True)  # fmt: skip
    assert ("Purchase", a, _day(2), D("2.00"), gr2["id"]) in _prices(w)
    assert price_on(w.session, types["Purchase"], a, _day(5)) == D("2.00")
    w.docs.post("goods_receipt", gr2["id"], False)
    assert price_on(w.session, types["Purchase"], a, _day(5)) == D("1.80")
    w.docs.post("goods_receipt", gr["id"], False)
    assert _prices(w) == []


def test_the_latest_receipt_of_a_day_wins_and_its_unposting_brings_back_the_other(world, types):
    w, a = world, world.products[0]
    first = _receipt(w, 1, {"product": a, "quantity": "1", "price": "2.00"})
    second = w.docs.save("goods_receipt", new_document(
        organization=w.org, warehouse=w.wh, date=at(1, hour=15),
        lines=[{"product": a, "quantity": "1", "price": "2.50"}]), post=True)  # fmt: skip
    assert _prices(w) == [("Purchase", a, _day(1), D("2.50"), second["id"])]
    w.docs.post("goods_receipt", second["id"], False)
    assert _prices(w) == [("Purchase", a, _day(1), D("2.00"), first["id"])]
    # moved to another day and posted again: its old day keeps only the other receipt's
    doc = w.docs.read("goods_receipt", second["id"])
    w.docs.save("goods_receipt", {"id": second["id"], "version": doc["version"],
                                  "date": at(3)}, post=True)  # fmt: skip
    assert _prices(w) == [
        ("Purchase", a, _day(1), D("2.00"), first["id"]),
        ("Purchase", a, _day(3), D("2.50"), second["id"]),
    ]


def test_a_price_set_by_hand_stays(world, types):
    w, a = world, world.products[0]
    set_prices(w.session, registry, types["Purchase"], _day(1), [(a, "9.99")])
    gr = _receipt(w, 1, {"product": a, "quantity": "1", "price": "2.00"})
    assert _prices(w) == [("Purchase", a, _day(1), D("9.99"), None)]
    gr2 = _receipt(w, 2, {"product": a, "quantity": "1", "price": "2.20"})
    set_prices(w.session, registry, types["Purchase"], _day(2), [(a, "2.25")])  # corrected
    w.docs.post("goods_receipt", gr2["id"], False)
    w.docs.post("goods_receipt", gr["id"], False)
    assert _prices(w) == [
        ("Purchase", a, _day(1), D("9.99"), None),
        ("Purchase", a, _day(2), D("2.25"), None),
    ]


def test_a_purchase_order_takes_the_purchase_price_type_and_its_prices(world, types):
    w, a = world, world.products[0]
    _receipt(w, 1, {"product": a, "quantity": "1", "price": "2.00"})
    assert api.purchase_price_type(w.session) == {"id": types["Purchase"], "name": "Purchase"}
    got = api.line_defaults(w.session, a, types["Purchase"], _day(4))
    assert got["price"] == D("2.00")
    w.session.execute("UPDATE cat_price_types SET from_purchases = false")
    assert api.purchase_price_type(w.session) is None
