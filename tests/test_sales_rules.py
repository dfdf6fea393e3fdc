"""The rules of the sales documents (README "Sales: …"): an order is shipped only once it is
"to ship"; a return is dated after its shipment, brings back no more than it shipped and its
cost stays right whichever document changes first (hand-computed figures)."""

from __future__ import annotations

import re
import threading
from decimal import Decimal as D
from typing import Any

import pytest
from sqlalchemy import create_engine

from server.api import Documents, Session, new_document
from server.check import check
from server.errors import DatabaseInvalidValue, KontoraError
from server.metadata import registry
from tests.helpers import at, receipt, run_clients, shipment
from tests.sales_helpers import bal, based_on, order, ship_order
from tests.test_cost import balance, buy, consistent, costs


def resave(w: Any, kind: str, doc: dict, post: bool | None = None, **changes: Any) -> dict:
    """Save a document again with some header fields (or its lines) changed."""
    version = w.docs.read(kind, doc["id"])["version"]
    return w.docs.save(kind, {"id": doc["id"], "version": version, **changes}, post=post)


def translatable(e: KontoraError) -> bool:
    """The client can show the message in the user's language: its template, filled from the
    detail, renders the server's English message exactly."""
    return e.template is not None and e.template.render() == e.message


def give_back(w: Any, sh: dict, day: int, qty: str, wh: int | None = None, **kw: Any) -> dict:
    """A return (based on the shipment) of ``qty`` of its first line."""
    ret = based_on(w, "sales_return", "sales_shipment", sh["id"])
    ret["lines"] = [{**ret["lines"][0], "quantity": qty}]
    ret.update(date=at(day, kw.pop("hour", 9)), warehouse=wh or w.wh, **kw)
    return w.docs.save("sales_return", ret, post=True)


# --- 1. order statuses -----------------------------------------------------------------------


def test_an_order_to_supply_reserves_but_is_shipped_only_once_it_is_to_ship(world):
    w, a = world, world.products[0]
    receipt(w, 1, (a, "10"))
    so = order(w, 2, (a, "5", "10.00", "4"), status="to_supply")
    assert bal(w, "reserves", warehouse=w.wh, product=a, order=so["id"])["quantity"] == 4
    assert bal(w, "free_stock", warehouse=w.wh, product=a)["quantity"] == 6
    assert bal(w, "customer_orders", order=so["id"], product=a)["quantity"] == 5
    with pytest.raises(DatabaseInvalidValue) as e:
        ship_order(w, so["id"], 3)
    assert re.fullmatch(
        f"Sales shipment SS26-\\d+: order {so['number']} is «To supply»; only an order «To ship» "
        "can be shipped",
        str(e.value),
    )
    assert e.value.detail["status"] == "to_supply" and e.value.detail["order"] == so["number"]
    assert translatable(e.value)
    assert w.stock(a) == 10  # nothing moved

    resave(w, "sales_order", so, status="to_ship")
    sh = ship_order(w, so["id"], 3, {a: "3"})
    assert w.stock(a) == 7
    assert bal(w, "reserves", warehouse=w.wh, product=a, order=so["id"])["quantity"] == 1
    with pytest.raises(DatabaseInvalidValue) as e:
        resave(w, "sales_order", so, status="to_supply")
    assert str(e.value) == (
        f"Sales order {so['number']} cannot go back to «To supply»: sales shipment "
        f"{sh['number']} was shipped against it"
    )
    assert translatable(e.value)
    resave(w, "sales_order", so, status="closed")
    resave(w, "sales_shipment", sh, post=True, comment="reposted")  # a closed order's shipment
    assert w.stock(a) == 7
    consistent(w)


def test_an_order_not_approved_is_not_shipped(world):
    w, a = world, world.products[0]
    receipt(w, 1, (a, "10"))
    so = order(w, 2, (a, "2", "10.00"), status="not_approved")
    with pytest.raises(DatabaseInvalidValue, match=f"order {so['number']} is «Not approved»"):
        ship_order(w, so["id"], 3)
    payload = based_on(w, "sales_shipment", "sales_order", so["id"])
    payload["date"] = at(3)
    saved = w.docs.save("sales_shipment", payload, post=False)  # kept as a draft
    assert not saved["posted"] and w.stock(a) == 10


# --- 2. returns ------------------------------------------------------------------------------


def test_a_return_dated_before_or_with_its_shipment_is_refused(world):
    w, p = world, world.products[0]
    buy(w, 1, (p, "3", "10.00"))
    sh = shipment(w, 3, (p, "3"))
    for day, hour in ((2, 9), (3, 9)):  # before it; at the same second (it would count first)
        ret = based_on(w, "sales_return", "sales_shipment", sh["id"])
        ret["date"] = at(day, hour)
        with pytest.raises(DatabaseInvalidValue) as e:
            w.docs.save("sales_return", ret, post=True)
        assert f"dated 2026-03-0{day} 09:00:00 is not after its shipment {sh['number']} dated " \
            "2026-03-03 09:00:00" in str(e.value)  # fmt: skip
        assert e.value.detail["rule"] == "return_after_shipment"
    ret = give_back(w, sh, 4, "1")
    assert costs(w, "sales_return", ret) == [D("10.00")]
    with pytest.raises(DatabaseInvalidValue) as e:  # the shipment redated after its return
        resave(w, "sales_shipment", sh, date=at(5))
    assert str(e.value) == (
        f"Sales shipment {sh['number']}: sales return {ret['number']} dated 2026-03-04 09:00:00 "
        f"is not after its shipment {sh['number']} dated 2026-03-05 09:00:00; a return must be "
        "dated after the shipment it returns"
    )
    assert translatable(e.value)
    with pytest.raises(DatabaseInvalidValue, match="is not after its shipment"):
        resave(w, "sales_return", ret, date=at(2))  # and the return backdated before it
    consistent(w)


def test_returning_more_than_was_shipped_is_refused(world):
    w, (p, q) = world, world.products[:2]
    buy(w, 1, (p, "5", "10.00"), (q, "5", "4.00"))
    sh = shipment(w, 2, (p, "2"), (p, "1"))  # 3 of p over two lines
    first = give_back(w, sh, 3, "2")
    with pytest.raises(DatabaseInvalidValue) as e:
        give_back(w, sh, 4, "2")
    assert re.fullmatch(
        f"Sales return SR26-\\d+: the returns of shipment {sh['number']} bring back 4 of «Bolt "
        "M4», more than the 3 it shipped",
        str(e.value),
    )
    d = e.value.detail
    assert (d["returned"], d["shipped"], d["product"]) == (4, 3, "Bolt M4")
    assert translatable(e.value)
    give_back(w, sh, 4, "1")  # exactly what is left
    with pytest.raises(DatabaseInvalidValue, match="bring back 1 of «Bolt M5», more than the 0"):
        give_back(w, sh, 5, "1", lines=[{"product": q, "quantity": "1", "price": "2.00"}])
    with pytest.raises(DatabaseInvalidValue, match="bring back 3 of «Bolt M4», more than the 2"):
        resave(w, "sales_shipment", sh, lines=[{"product": p, "quantity": "2", "price": "2.00"}])
    resave(w, "sales_return", first, post=False)  # unposted: it brings nothing back
    resave(w, "sales_shipment", sh, lines=[{"product": p, "quantity": "2", "price": "2.00"}])
    assert balance(w, p) == (4, D("40.00"))  # 5 − 2 + 1 (a unit at 10.00)
    consistent(w)


def _three_returns(w: Any) -> tuple[dict, dict, list[dict]]:
    """Shipment A takes 3 units costing 20.00, B 2 costing 10.00; A's three returns of a unit
    each: 6.67 (at the main warehouse), 6.66 and 6.67 (at the shop, another key)."""
    p = w.products[0]
    buy(w, 1, (p, "1", "8.00"), (p, "2", "6.00"))  # 3 at 20.00
    a = shipment(w, 2, (p, "3"))
    buy(w, 3, (p, "2", "5.00"))
    b = shipment(w, 4, (p, "2"))  # 10.00
    rets = [give_back(w, a, 5, "1"), give_back(w, a, 6, "1", w.wh2), give_back(w, a, 7, "1", w.wh2)]
    assert [costs(w, "sales_return", r) for r in rets] == [[D("6.67")], [D("6.66")], [D("6.67")]]
    return a, b, rets


def test_moving_a_return_to_another_shipment_recosts_the_returns_it_left(world):
    w, p = world, world.products[0]
    _, b, rets = _three_returns(w)
    resave(w, "sales_return", rets[0], shipment=b["id"])
    assert costs(w, "sales_return", rets[0]) == [D("5.00")]  # round(10.00 × 1 / 2)
    # A's returns now: round(20 × 1/3) = 6.67, round(20 × 2/3) − 6.67 = 6.66
    assert [costs(w, "sales_return", r) for r in rets[1:]] == [[D("6.67")], [D("6.66")]]
    assert costs(w, "sales_return", rets[1], "sales") == [D("-6.67")]
    assert balance(w, p) == (1, D("5.00")) and balance(w, p, w.wh2) == (2, D("13.33"))
    consistent(w)
    resave(w, "sales_return", rets[0], shipment=None)  # no shipment: the average, 0 units → 0
    assert costs(w, "sales_return", rets[0]) == [D("0.00")]
    consistent(w)


def test_moving_and_unposting_a_return_at_once_recosts_the_returns_it_left(world):
    w = world
    a, b, rets = _three_returns(w)
    resave(w, "sales_return", rets[0], post=False, shipment=b["id"])
    assert costs(w, "sales_return", rets[0]) == []
    assert [costs(w, "sales_return", r) for r in rets[1:]] == [[D("6.67")], [D("6.66")]]
    consistent(w)
    resave(w, "sales_return", rets[0], post=True, shipment=a["id"])  # back, posted again
    assert [costs(w, "sales_return", r) for r in rets] == [[D("6.67")], [D("6.66")], [D("6.67")]]
    consistent(w)


def test_deleting_a_return_recosts_the_other_returns_of_its_shipment(world):
    w = world
    _, _, rets = _three_returns(w)
    w.docs.mark("sales_return", rets[0]["id"], True)
    assert costs(w, "sales_return", rets[0]) == []
    assert [costs(w, "sales_return", r) for r in rets[1:]] == [[D("6.67")], [D("6.66")]]
    consistent(w)


def test_the_return_customer_belongs_to_its_partner(world):
    w, p = world, world.products[0]
    buy(w, 1, (p, "3", "10.00"))
    sh = shipment(w, 2, (p, "3"))
    other = w.session.scalar("INSERT INTO cat_partners(name) VALUES ('Other') RETURNING id")
    ret = based_on(w, "sales_return", "sales_shipment", sh["id"])
    ret.update(date=at(3), partner=other)
    with pytest.raises(DatabaseInvalidValue, match="Customer «Customer One» belongs to partner"):
        w.docs.save("sales_return", ret, post=False)


def test_migration_0009_drops_the_unused_counterparty_routine(db):
    from tests.test_metadata import _migrate

    s = db.session()
    exists = "SELECT to_regprocedure('kontora.check_counterparty_partner(text, bigint, bigint)')"
    assert s.scalar(exists) is None  # a new infobase never has it
    _migrate(db, "0008", down=True)
    s.execute(  # as an infobase upgraded through session 3 still has it
        "CREATE FUNCTION kontora.check_counterparty_partner(p_object text, p_partner bigint, "
        "p_counterparty bigint) RETURNS void LANGUAGE sql AS 'SELECT'"
    )
    _migrate(db, "head")
    assert s.scalar(exists) is None


def test_the_check_finds_returns_that_break_the_rules(world):
    """Returns posted before the rules (or written around them) are reported by the check."""
    w, p = world, world.products[0]
    buy(w, 1, (p, "3", "10.00"))
    sh = shipment(w, 3, (p, "3"))
    ret = give_back(w, sh, 4, "2")
    consistent(w)
    w.session.execute(  # as if posted before the rules: dated with its shipment, 4 of 3 back
        "SET LOCAL session_replication_role = replica; "
        f"UPDATE doc_sales_return SET date = '2026-03-03 09:00' WHERE id = {ret['id']}; "
        f"UPDATE reg_stock SET quantity = 4 WHERE recorder_id = {ret['id']} "
        "AND recorder_type = 'sales_return'"
    )
    problems = check(w.db.engine)
    assert (
        f"Sales return {ret['number']} dated 2026-03-03 09:00:00 is not after its sales shipment "
        f"{sh['number']} dated 2026-03-03 09:00:00" in problems
    )
    assert (
        f"stock: the returns of sales shipment {sh['number']} bring back 4 of «Bolt M4», more "
        "than the 3 it took" in problems
    )


def test_returns_posted_at_once_never_bring_back_more_than_was_shipped(world):
    """Six clients return a unit each of a shipment of 10, four times each, at once (both
    warehouses): exactly 10 are accepted, the others refused by the rule (none lost)."""
    w, p = world, world.products[0]
    buy(w, 1, (p, "10", "3.00"))
    sh = shipment(w, 2, (p, "10"))
    payload = based_on(w, "sales_return", "sales_shipment", sh["id"])
    payload["lines"] = [{**payload["lines"][0], "quantity": "1"}]
    outcomes: list[str] = []
    barrier = threading.Barrier(6)

    def client(n: int) -> None:
        engine = create_engine(w.db.url, pool_size=1)
        docs = Documents(Session(engine), registry)
        barrier.wait()
        for i in range(4):
            fresh = new_document(date=at(3 + i, 9 + n), warehouse=(w.wh, w.wh2)[n % 2])
            body = {**payload, **fresh}
            try:
                docs.save("sales_return", body, post=True)
                outcomes.append("ok")
            except DatabaseInvalidValue as e:
                outcomes.append(e.detail.get("rule", str(e)))
            except Exception as e:  # shown by the assertion below
                outcomes.append(repr(e))
        engine.dispose()

    run_clients(client, 6)
    assert sorted(outcomes) == ["ok"] * 10 + ["over_return"] * 14
    assert w.session.scalar("SELECT sum(quantity) FROM reg_stock WHERE quantity > 0") == 20
    assert balance(w, p)[1] + balance(w, p, w.wh2)[1] == D("30.00")  # all of it back
    consistent(w)
