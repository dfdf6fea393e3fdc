"""Sales orders end to end on PostgreSQL: approve (reserve), ship (partly, then the rest), pay
(with an advance); over-shipping, over-reserving, credit limit, cancelled lines, closing."""

from __future__ import annotations

from decimal import Decimal

import pytest

from server.api import new_document
from server.check import check
from server.errors import CreditLimitError, DatabaseInvalidValue, ShortageError
from server.metadata import registry
from tests.helpers import at, receipt, write_off
from tests.sales_helpers import bal, based_on, debt, order, ship_order

D = Decimal


def test_order_reserve_ship_twice_and_pay_with_an_advance(world):
    w, (a, b) = world, world.products[:2]
    receipt(w, 1, (a, "10"), (b, "5"))
    so = order(w, 2, (a, "6", "100.00", "6"), (b, "4", "50.00", "2"))
    oid = so["id"]
    assert bal(w, "reserves", warehouse=w.wh, product=a, order=oid)["quantity"] == 6
    assert bal(w, "free_stock", warehouse=w.wh, product=a)["quantity"] == 4
    assert bal(w, "free_stock", warehouse=w.wh, product=b)["quantity"] == 3
    assert bal(w, "customer_orders", order=oid, product=a) == {"quantity": 6, "amount": 600}
    assert bal(w, "customer_orders", order=oid, product=b) == {"quantity": 4, "amount": 200}

    # Partly: 4 of a (from its reserve), all 4 of b (2 reserved + 2 free).
    ship_order(w, oid, 3, {a: "4", b: "4"})
    assert bal(w, "customer_orders", order=oid, product=a)["quantity"] == 2
    assert bal(w, "customer_orders", order=oid, product=b)["quantity"] == 0
    assert bal(w, "reserves", warehouse=w.wh, product=a, order=oid)["quantity"] == 2
    assert bal(w, "reserves", warehouse=w.wh, product=b, order=oid)["quantity"] == 0
    assert bal(w, "free_stock", warehouse=w.wh, product=b)["quantity"] == 1
    assert w.stock(b) == 1 and w.stock(a) == 6
    assert debt(w, oid) == D("600.00")

    # The rest: the new shipment offers just what is left.
    rest = based_on(w, "sales_shipment", "sales_order", oid)
    assert [(ln["product"]["id"], ln["quantity"]) for ln in rest["lines"]] == [(a, 2)]
    assert rest["order"] == {"id": oid, "name": so["number"]}
    ship_order(w, oid, 4)
    assert bal(w, "customer_orders", order=oid, product=a)["quantity"] == 0
    assert bal(w, "reserves", warehouse=w.wh, product=a, order=oid)["quantity"] == 0
    assert bal(w, "free_stock", warehouse=w.wh, product=a)["quantity"] == 4 == w.stock(a)
    assert debt(w, oid) == D("800.00")

    # Paid 1000: 800 to the order, 200 an advance (a negative debt with no order).
    pay = based_on(w, "customer_payment", "sales_order", oid)
    assert pay["amount"] == D("800.00") and pay["orders"][0]["amount"] == D("800.00")
    pay.update(amount="1000.00", date=at(5))
    w.docs.save("customer_payment", pay, post=True)
    assert debt(w, oid) == 0
    assert debt(w) == D("-200.00")
    assert bal(w, "customer_orders", order=oid, product=0)["amount"] == D("-800.00")
    assert check(w.db.engine) == []  # totals, balances and running balances agree


def test_over_shipping_an_order_is_refused_naming_order_and_product(world):
    w, a = world, world.products[0]
    receipt(w, 1, (a, "10"))
    so = order(w, 2, (a, "3", "10.00"))
    p = based_on(w, "sales_shipment", "sales_order", so["id"])
    p["lines"][0]["quantity"] = "5"
    p["date"] = at(3)
    with pytest.raises(ShortageError) as e:
        w.docs.save("sales_shipment", p, post=True)
    s = e.value.shortages[0]
    assert s.register == "customer_orders"
    assert s.key["order"]["name"] == so["number"] and s.key["product"]["name"] == "Bolt M4"
    assert (s.asked, s.available) == (5, 3)
    assert w.stock(a) == 10


def test_over_reserving_is_refused_with_its_shortfall(world):
    w, a = world, world.products[0]
    receipt(w, 1, (a, "5"))
    with pytest.raises(ShortageError) as e:
        order(w, 2, (a, "8", "10.00", "8"))
    s = e.value.shortages[0]
    assert s.register == "free_stock"
    assert (s.asked, s.available, -s.balance) == (8, 5, 3)
    order(w, 2, (a, "8", "10.00", "4"))
    with pytest.raises(ShortageError, match="free stock"):  # reserved goods stay for the order
        write_off(w, 3, (a, "2"))
    write_off(w, 3, (a, "1"))
    assert bal(w, "free_stock", warehouse=w.wh, product=a)["quantity"] == 0


def test_a_backdated_write_off_may_not_take_goods_reserved_later(world):
    """Free stock (stock − reserves, kept by no table) is never below zero at any moment: a
    write-off dated before a reserve is refused when the reserve would then exceed what is
    left, though the stock itself stays positive throughout."""
    w, a = world, world.products[0]
    receipt(w, 1, (a, "10"))
    order(w, 3, (a, "8", "10.00", "8"))
    with pytest.raises(ShortageError) as e:
        write_off(w, 2, (a, "5"))
    s = e.value.shortages[0]
    assert s.register == "free_stock"
    assert s.at[:10] == at(3)[:10]  # the reserve's moment, not the write-off's
    assert (s.asked, s.available, -s.balance) == (5, 2, 3)
    assert "Not enough free stock" in str(e.value) and "short by 3" in str(e.value)
    assert w.stock(a) == 10  # refused as a whole
    write_off(w, 2, (a, "2"))  # leaves just the 8 reserved: a later movement, no shortage
    assert bal(w, "free_stock", warehouse=w.wh, product=a)["quantity"] == 0
    assert w.stock(a) == 8
    assert check(w.db.engine) == []


def test_free_stock_is_a_view_over_stock_and_reserves(world):
    w, (a, b) = world, world.products[:2]
    receipt(w, 1, (a, "10"), (b, "4"))
    so = order(w, 2, (a, "6", "10.00", "6"), (b, "1", "10.00", "1"))
    ship_order(w, so["id"], 3, {a: "2"})
    kinds = w.session.rows(
        "SELECT relname, relkind FROM pg_class WHERE relname LIKE 'reg_free_stock%' ORDER BY 1"
    )
    assert [(r["relname"], r["relkind"]) for r in kinds] == [
        ("reg_free_stock", "v"),
        ("reg_free_stock_balance", "v"),
        ("reg_free_stock_totals", "v"),
    ]
    assert bal(w, "free_stock", warehouse=w.wh, product=a)["quantity"] == 4  # 8 on hand − 4
    assert bal(w, "free_stock", warehouse=w.wh, product=b)["quantity"] == 3
    # The month's receipts: the receipt's 10 and the 2 the shipment took off the reserve.
    t = w.session.rows(
        "SELECT quantity, quantity_in FROM reg_free_stock_totals WHERE product_id = :p", p=a
    )
    assert [(r["quantity"], r["quantity_in"]) for r in t] == [(4, 12)]
    moved = w.session.scalar("SELECT sum(quantity) FROM reg_free_stock WHERE product_id = :p", p=a)
    assert moved == 4


def test_not_approved_and_cancelled_lines_move_nothing(world):
    w, (a, b) = world, world.products[:2]
    receipt(w, 1, (a, "10"), (b, "10"))
    so = order(w, 2, (a, "5", "10.00", "5"), status="not_approved")
    assert w.session.scalar("SELECT count(*) FROM reg_customer_orders") == 0
    assert w.session.scalar("SELECT count(*) FROM reg_reserves") == 0
    cancelled = {"cancelled": True, "cancel_reason": "Customer changed mind"}
    so = order(w, 2, (a, "5", "10.00", "5"), (b, "3", "10.00", "3", cancelled))
    oid = so["id"]
    assert bal(w, "customer_orders", order=oid, product=b) == {"quantity": 0, "amount": 0}
    assert bal(w, "reserves", warehouse=w.wh, product=b, order=oid)["quantity"] == 0
    assert bal(w, "free_stock", warehouse=w.wh, product=b)["quantity"] == 10
    assert bal(w, "free_stock", warehouse=w.wh, product=a)["quantity"] == 5
    n = w.session.scalar(
        "SELECT count(*) FROM reg_customer_orders WHERE recorder_id = :i AND product_id = :p",
        i=oid,
        p=b,
    )
    assert n == 0


def test_closing_an_order_releases_its_reserve_and_what_was_not_shipped(world):
    w, a = world, world.products[0]
    receipt(w, 1, (a, "10"))
    so = order(w, 2, (a, "6", "10.00", "6"))
    oid = so["id"]
    ship_order(w, oid, 3, {a: "2"})
    assert bal(w, "reserves", warehouse=w.wh, product=a, order=oid)["quantity"] == 4
    doc = w.docs.read("sales_order", oid)
    closed = w.docs.save(
        "sales_order", {"id": oid, "version": doc["version"], "status": "closed"}, post=True
    )
    assert closed["posted"]
    assert bal(w, "reserves", warehouse=w.wh, product=a, order=oid)["quantity"] == 0
    assert bal(w, "free_stock", warehouse=w.wh, product=a)["quantity"] == 8 == w.stock(a)
    assert bal(w, "customer_orders", order=oid, product=a) == {"quantity": 0, "amount": 20}
    late = based_on(w, "sales_shipment", "sales_order", oid)
    assert late["lines"] == []  # nothing left to ship…
    late.update(date=at(4), lines=[{"product": a, "quantity": "1", "price": "10.00"}])
    with pytest.raises(ShortageError, match="Not enough customer orders"):  # …and none can be
        w.docs.save("sales_shipment", late, post=True)


def test_credit_limit_refused_or_sent_for_approval(world):
    w, a = world, world.products[0]
    receipt(w, 1, (a, "100"))
    w.session.execute("UPDATE cat_partners SET credit_limit = 1000 WHERE id = :p", p=w.partner)
    first = order(w, 2, (a, "8", "100.00"))
    ship_order(w, first["id"], 3)  # a debt of 800
    with pytest.raises(CreditLimitError) as e:
        order(w, 4, (a, "3", "100.00"))
    d = e.value.detail
    assert (d["debt"], d["amount"], d["limit"], d["over"]) == (800, 300, 1000, 100)
    assert "exceeds its credit limit 1000 by 100.00" in str(e.value)
    order(w, 4, (a, "2", "100.00"))  # 800 + 200 fits

    w.session.execute("UPDATE constants SET credit_limit_action = 'approval'")
    kept = order(w, 5, (a, "3", "100.00"))
    assert kept["posted"] and "waits for approval" in kept["notice"]["message"]
    notice = kept["notice"]  # 800 + the open order of 200 + 300 is 300 over
    assert (notice["debt"], notice["open"], notice["over"]) == (800, 200, 300)
    status = w.session.scalar("SELECT status FROM doc_sales_order WHERE id = :i", i=kept["id"])
    assert status == "not_approved"
    n = w.session.scalar(
        "SELECT count(*) FROM reg_customer_orders WHERE recorder_id = :i", i=kept["id"]
    )
    assert n == 0


def test_credit_approval_of_an_order_posted_from_the_list(world):
    """An order saved first and posted by the list's Post: over the limit it waits for approval
    and reserves nothing, as when saved and posted at once."""
    w, a = world, world.products[0]
    receipt(w, 1, (a, "100"))
    w.session.execute("UPDATE cat_partners SET credit_limit = 100 WHERE id = :p", p=w.partner)
    w.session.execute("UPDATE constants SET credit_limit_action = 'approval'")
    payload = new_document(
        organization=w.org, partner=w.partner, counterparty=w.customer, warehouse=w.wh,
        status="to_ship", vat_included=True, date=at(2),
        lines=[{"product": a, "quantity": "3", "price": "100.00", "reserve": "3"}],
    )  # fmt: skip
    draft = w.docs.save("sales_order", payload)
    state = w.docs.post("sales_order", draft["id"])
    assert state["posted"] and "waits for approval" in state["notice"]["message"]
    status = w.session.scalar("SELECT status FROM doc_sales_order WHERE id = :i", i=draft["id"])
    assert status == "not_approved"
    for table in ("reg_customer_orders", "reg_reserves"):
        n = w.session.scalar(
            f"SELECT count(*) FROM {table} WHERE recorder_type = 'sales_order' "
            "AND recorder_id = :i",
            i=draft["id"],
        )
        assert n == 0, table
    assert check(w.db.engine) == []  # movements agree with what each posted document says


def test_credit_limit_counts_the_unshipped_part_of_open_orders(world):
    w, a = world, world.products[0]
    receipt(w, 1, (a, "100"))
    w.session.execute("UPDATE cat_partners SET credit_limit = 1000 WHERE id = :p", p=w.partner)
    first = order(w, 2, (a, "8", "100.00"))
    ship_order(w, first["id"], 3, {a: "5"})  # debt 500, 300 of the order still to ship
    order(w, 3, (a, "9", "100.00"), status="not_approved")  # waits: counts for nothing
    with pytest.raises(CreditLimitError) as e:
        order(w, 4, (a, "3", "100.00"))  # 500 + 300 + 300 = 1100
    d = e.value.detail
    assert (d["debt"], d["open"], d["amount"], d["limit"], d["over"]) == (500, 300, 300, 1000, 100)
    msg = "500.00 plus its open orders 300.00 plus the order 300.00 exceeds its credit limit 1000"
    assert msg + " by 100.00" in str(e.value)
    order(w, 4, (a, "2", "100.00"))  # 500 + 300 + 200 fits exactly
    doc = w.docs.read("sales_order", first["id"])
    closing = {"id": first["id"], "version": doc["version"], "status": "closed"}
    w.docs.save("sales_order", closing, post=True)  # closed: its unshipped 300 no longer counts
    order(w, 5, (a, "3", "100.00"))  # 500 + 200 + 300 = 1000
    with pytest.raises(CreditLimitError) as e:
        order(w, 5, (a, "1", "0.01"))
    assert (e.value.detail["open"], e.value.detail["over"]) == (500, D("0.01"))


def test_counterparty_must_belong_to_the_partner(world):
    w, a = world, world.products[0]
    other = w.session.scalar("INSERT INTO cat_partners(name) VALUES ('Other') RETURNING id")
    with pytest.raises(DatabaseInvalidValue, match="belongs to partner «Customer One»"):
        order(w, 2, (a, "1", "1.00"), status="not_approved", partner=other)


def test_reserve_above_quantity_is_refused(world):
    w, a = world, world.products[0]
    receipt(w, 1, (a, "10"))
    with pytest.raises(DatabaseInvalidValue, match="reserve 5 is more than the quantity 3"):
        order(w, 2, (a, "3", "1.00", "5"))


def test_sales_return_of_a_shipment(world):
    w, a = world, world.products[0]
    receipt(w, 1, (a, "10"))
    so = order(w, 2, (a, "4", "25.00", "0", {"vat_rate": "20"}))
    sh = ship_order(w, so["id"], 3)
    ret = based_on(w, "sales_return", "sales_shipment", sh["id"])
    assert ret["shipment"]["id"] == sh["id"]
    ret["lines"][0]["quantity"] = "1"
    ret["date"] = at(4)
    w.docs.save("sales_return", ret, post=True)
    assert w.stock(a) == 7 and bal(w, "free_stock", warehouse=w.wh, product=a)["quantity"] == 7
    assert debt(w, so["id"]) == D("75.00")
    sales = w.session.rows("SELECT sum(quantity) q, sum(amount) s FROM reg_sales")[0]
    assert (sales["q"], sales["s"]) == (3, D("62.50"))  # net of VAT 20 % included: 75 − 12.50


def test_payment_allocating_more_than_paid_is_refused(world):
    w, a = world, world.products[0]
    so = order(w, 2, (a, "1", "10.00"), status="not_approved")
    p = new_document(
        organization=w.org,
        partner=w.partner,
        counterparty=w.customer,
        kind="cash",
        amount="5.00",
        date=at(3),
        orders=[{"order": so["id"], "amount": "6.00"}],
    )
    with pytest.raises(DatabaseInvalidValue, match=r"allocate 6\.00, more than the amount paid"):
        w.docs.save("customer_payment", p, post=True)


def test_a_shipment_taken_off_its_order_gives_back_what_it_took(world):
    w, a = world, world.products[0]
    receipt(w, 1, (a, "10"))
    so = order(w, 2, (a, "5", "10.00", "5"))
    sh = ship_order(w, so["id"], 3, {a: "3"})
    assert bal(w, "reserves", warehouse=w.wh, product=a, order=so["id"])["quantity"] == 2
    w.docs.save("sales_shipment", {"id": sh["id"], "version": sh["version"], "order": None})
    # The order registers it no longer posts to lose its movements (none are left behind).
    assert bal(w, "customer_orders", order=so["id"], product=a)["quantity"] == 5
    assert bal(w, "reserves", warehouse=w.wh, product=a, order=so["id"])["quantity"] == 5
    assert bal(w, "free_stock", warehouse=w.wh, product=a)["quantity"] == 2  # 10 − 3 − 5
    assert debt(w) == D("30.00") and debt(w, so["id"]) == 0
    assert check(w.db.engine) == []


def test_history_names_the_order_of_a_shipment_by_its_number(world):
    from server.api.history import document_history

    w, a = world, world.products[0]
    receipt(w, 1, (a, "10"))
    so = order(w, 2, (a, "2", "10.00"))
    sh = ship_order(w, so["id"], 3)
    [entry] = document_history(w.session, registry, "sales_shipment", sh["id"])
    [change] = [c for c in entry.changes if c.field == "order"]
    assert change.new == so["number"]


def test_migration_0006_starts_free_stock_equal_to_the_stock_and_goes_back(world):
    from tests.helpers import shipment
    from tests.test_metadata import _migrate

    w, (a, b) = world, world.products[:2]
    receipt(w, 1, (a, "10"), (b, "4"))
    shipment(w, 2, (a, "3"))
    _migrate(w.db, "0004", down=True)
    assert w.session.scalar("SELECT to_regclass('kontora.reg_free_stock')") is None
    _migrate(w.db, "head")
    free = w.session.rows(
        "SELECT product_id, quantity FROM reg_free_stock_balance ORDER BY product_id"
    )
    assert [(r["product_id"], r["quantity"]) for r in free] == [(a, 7), (b, 4)]
    assert check(w.db.engine) == []
    order(w, 3, (a, "7", "1.00", "7"))  # all of it can be reserved, no more
    with pytest.raises(ShortageError):
        order(w, 3, (a, "1", "1.00", "1"))


def test_shipment_based_on_an_order_takes_its_price_type_and_manager(world):
    w, a = world, world.products[0]
    receipt(w, 1, (a, "5"))
    wholesale = int(
        w.session.scalar(
            "INSERT INTO kontora.cat_price_types(name) VALUES ('Wholesale') RETURNING id"
        )
    )
    so = order(w, 2, (a, "2", "10.00"), price_type=wholesale, manager="a.volkova")
    p = based_on(w, "sales_shipment", "sales_order", so["id"])
    assert p["price_type"] == {"id": wholesale, "name": "Wholesale"}
    assert p["manager"] == "a.volkova"
    p["date"] = at(3)
    saved = w.docs.read("sales_shipment", w.docs.save("sales_shipment", p, post=True)["id"])
    assert (saved["price_type_id"], saved["manager"]) == (wholesale, "a.volkova")
