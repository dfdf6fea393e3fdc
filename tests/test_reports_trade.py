"""The trade reports against hand-computed figures on a real PostgreSQL: sales with margin
(by customer, product, group, manager, month), customer and supplier debts by age (FIFO,
payment terms, advances), orders to ship line by line."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from server.api import new_document
from server.api.report_trade import TradeReports, behind, bucket_of
from server.api.reports import Reports, ReportSettings
from server.metadata import registry
from tests.helpers import at, receipt, shipment
from tests.sales_helpers import based_on, order, ship_order

MARCH = (dt.date(2026, 3, 1), dt.date(2026, 3, 31))


def _sales(w, grouping=(), periodicity=""):
    s = ReportSettings("sales", *MARCH, tuple(grouping), {}, periodicity)
    return Reports(w.session, registry).run(s)


def _aging(w, name, as_of, **filters):
    return TradeReports(w.session, registry).run(
        ReportSettings(name, as_of, as_of, filters=filters)
    )


def _to_ship(w, start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31), **filters):
    s = ReportSettings("orders_to_ship", start, end, filters=filters)
    return TradeReports(w.session, registry).run(s)


def _items(rep):
    return {r.label: r.values for r in rep.rows if r.kind == "item"}


def _stories(w):
    """Two products bought at 1.00, sold at 2.00 (net of VAT) to one customer, one more
    product to a second customer of another partner (manager 'boris')."""
    a, b = w.products[0], w.products[1]
    w.session.execute("UPDATE cat_partners SET manager = 'anna' WHERE id = :p", p=w.partner)
    p2 = w.session.scalar(
        "INSERT INTO cat_partners(name, is_client, manager) VALUES ('Two', true, 'boris') "
        "RETURNING id"
    )
    c2 = w.session.scalar(
        "INSERT INTO cat_counterparties(name, partner_id) VALUES ('Two LLC', :p) RETURNING id",
        p=p2,
    )
    receipt(w, 1, (a, "10"), (b, "10"))
    shipment(w, 2, (a, "4"))  # 8.00 at cost 4.00
    shipment(w, 3, (b, "1"))  # 2.00 at cost 1.00
    w.docs.save(
        "sales_shipment",
        new_document(
            organization=w.org,
            warehouse=w.wh,
            customer=c2,
            date=at(4),
            lines=[{"product": a, "quantity": "2", "price": "5.00"}],
        ),
        post=True,
    )  # 10.00 at cost 2.00
    return a, b, p2, c2


def test_sales_show_margin_and_margin_percent_per_row_and_total(world):
    w = world
    _stories(w)
    rep = _sales(w, ("customer",))
    rows = _items(rep)
    assert (rows["Customer One"]["amount"], rows["Customer One"]["cost"]) == (D("10.00"), D(5))
    assert rows["Customer One"]["margin"] == D("5.00")
    assert rows["Customer One"]["margin_pct"] == D("50.00")
    assert rows["Two LLC"]["margin"] == D("8.00") and rows["Two LLC"]["margin_pct"] == D("80.00")
    assert rep.total.values["margin"] == D("13.00")
    assert rep.total.values["margin_pct"] == D("65.00")  # 13 / 20, not the mean of the rows
    assert [c.key for c in rep.columns][-2:] == ["margin", "margin_pct"]


def test_sales_by_manager_product_and_month_with_drill_down(world):
    w = world
    _stories(w)
    rep = _sales(w, ("customer.manager", "product"))
    assert rep.level_titles == ("Manager", "Product")
    groups = {r.label: r.values for r in rep.rows if r.kind == "group"}
    assert groups["anna"]["margin"] == D("5.00") and groups["boris"]["margin"] == D("8.00")
    by_product = _items(_sales(w, ("product",)))
    assert by_product["Bolt M4"]["margin"] == D("12.00")  # (8 − 4) + (10 − 2)
    assert by_product["Bolt M4"]["margin_pct"] == D("66.67")  # 12 / 18, half up
    monthly = _sales(w, ("product.group",), "month")
    assert [r.label for r in monthly.rows if r.kind == "item"] == [dt.date(2026, 3, 1)]
    anna = Reports(w.session, registry).movements(
        ReportSettings("sales", *MARCH, ("customer.manager",)), {"customer.manager": "anna"}
    )
    assert [m.values["amount"] for m in anna] == [D("8.00"), D("2.00")]
    assert {m.keys["product"] for m in anna} == {"Bolt M4", "Bolt M5"}
    none = Reports(w.session, registry).movements(
        ReportSettings("sales", *MARCH, ("customer.manager",)), {"customer.manager": None}
    )
    assert none == []


def test_buckets_edges():
    assert [bucket_of(d) for d in (-5, 0, 1, 30, 31, 60, 61, 90, 91, 400)] == [
        "not_due", "not_due", "d0_30", "d0_30", "d31_60", "d31_60", "d61_90", "d61_90",
        "d90", "d90",
    ]  # fmt: skip


def _pay(w, doc, partner, counterparty, day, amount):
    return w.docs.save(
        doc,
        new_document(
            organization=w.org,
            partner=partner,
            counterparty=counterparty,
            date=at(day),
            amount=amount,
        ),
        post=True,
    )


def test_customer_aging_fifo_with_terms_and_an_advance(world):
    w = world
    a, b = w.products[0], w.products[1]
    terms = w.session.scalar(
        "INSERT INTO cat_payment_terms(name, days_due) VALUES ('10 days', 10) RETURNING id"
    )
    w.session.execute("UPDATE cat_partners SET payment_terms_id = :t WHERE id = :p",
                      t=terms, p=w.partner)  # fmt: skip
    c2 = w.session.scalar(
        "INSERT INTO cat_counterparties(name, partner_id) VALUES ('One Trading', :p) RETURNING id",
        p=w.partner,
    )
    receipt(w, 1, (a, "100"), (b, "100"))
    s1 = shipment(w, 1, (a, "10"))  # 20.00, due 11.03
    s2 = shipment(w, 20, (b, "4"))  # 8.00, due 30.03
    _pay(w, "customer_payment", w.partner, w.customer, 25, "15.00")  # settles s1 first
    _pay(w, "customer_payment", w.partner, c2, 26, "7.00")  # nothing owed: an advance
    rep = _aging(w, "customer_aging", dt.date(2026, 5, 15))
    docs = {r.keys["document"]: r.values for r in rep.rows if r.kind == "item"}
    first, second = docs[f"sales_shipment:{s1['id']}"], docs[f"sales_shipment:{s2['id']}"]
    assert first["debt"] == first["d61_90"] == D("5.00")  # 65 days overdue
    assert second["debt"] == second["d31_60"] == D("8.00")  # 46 days overdue
    assert docs[None]["advance"] == D("7.00")
    assert rep.total.values["debt"] == D("13.00") and rep.total.values["advance"] == D("7.00")
    labels = [r.label for r in rep.rows if r.kind == "item"]
    assert labels[0].startswith(s1["number"]) and labels[0].endswith("01.03.2026")
    # On 25.03 before anything was paid at 9:00? The payment is at 9:00 too: counted.
    early = _aging(w, "customer_aging", dt.date(2026, 3, 21))
    e = {r.keys["document"]: r.values for r in early.rows if r.kind == "item"}
    assert e[f"sales_shipment:{s1['id']}"]["d0_30"] == D("20.00")  # 10 days overdue
    assert e[f"sales_shipment:{s2['id']}"]["not_due"] == D("8.00")
    assert early.total.values["advance"] == 0


def test_supplier_aging_owes_receipts_and_pays_oldest_first(world):
    w = world
    a = w.products[0]
    supplier = w.session.scalar(
        "INSERT INTO cat_partners(name, is_supplier) VALUES ('Bolts Inc', true) RETURNING id"
    )
    sc = w.session.scalar(
        "INSERT INTO cat_counterparties(name, partner_id) VALUES ('Bolts Inc', :p) RETURNING id",
        p=supplier,
    )

    def buy(day, qty):
        return w.docs.save(
            "goods_receipt",
            new_document(
                organization=w.org,
                warehouse=w.wh,
                partner=supplier,
                supplier=sc,
                date=at(day),
                lines=[{"product": a, "quantity": qty, "price": "3.00"}],
            ),
            post=True,
        )

    r1, r2 = buy(1, "10"), buy(10, "5")  # 30.00 and 15.00, no terms: due the same day
    _pay(w, "supplier_payment", supplier, sc, 12, "35.00")
    rep = _aging(w, "supplier_aging", dt.date(2026, 3, 31))
    docs = {r.keys["document"]: r.values for r in rep.rows if r.kind == "item"}
    assert list(docs) == [f"goods_receipt:{r2['id']}"]  # r1 paid in full
    assert docs[f"goods_receipt:{r2['id']}"]["d0_30"] == D("10.00")  # 21 days overdue
    assert rep.total.values["debt"] == D("10.00")
    assert r1["id"] != r2["id"]


def test_orders_to_ship_line_by_line(world):
    w = world
    a, b, c = w.products[0], w.products[1], w.products[2]
    receipt(w, 1, (a, "10"), (b, "10"))
    so = order(w, 2, (a, "5", "10.00", "5"), (b, "3", "4.00", "1"))
    order(w, 2, (c, "1", "1.00"), status="not_approved")  # not approved: not shown
    ship_order(w, so["id"], 3, {a: "2"})
    done = order(w, 2, (a, "1", "10.00"))
    ship_order(w, done["id"], 3)  # shipped in full, still open: nothing to ship, not shown
    pay = new_document(
        organization=w.org,
        partner=w.partner,
        counterparty=w.customer,
        date=at(4),
        amount="20.00",
        orders=[{"order": so["id"], "amount": "20.00"}],
    )
    w.docs.save("customer_payment", pay, post=True)
    rep = _to_ship(w)
    assert [r.kind for r in rep.rows] == ["group", "item", "item"]
    head = rep.rows[0]
    assert head.keys == {"order": so["id"]} and head.label.startswith(so["number"])
    assert head.values["paid"] == D("20.00") and head.values["amount"] == D("62.00")
    assert [r.keys for r in rep.rows[1:]] == [
        {"order": so["id"], "line": 1},
        {"order": so["id"], "line": 2},
    ]
    rows = {r.label: r.values for r in rep.rows if r.kind == "item"}
    assert rows["Bolt M4"]["ordered"] == 5 and rows["Bolt M4"]["shipped"] == 2
    assert rows["Bolt M4"]["to_ship"] == 3 and rows["Bolt M4"]["reserved"] == 3
    assert rows["Bolt M5"]["ordered"] == 3 and rows["Bolt M5"]["reserved"] == 1
    assert rows["Bolt M5"]["to_ship"] == 3 and rows["Bolt M5"]["shipped"] == 0
    assert rep.total.values["paid"] == D("20.00")


def test_orders_to_ship_two_lines_of_one_product_each_their_row(world):
    """Shipped and reserved of a product go to its lines first line first; the payment to
    the lines' amounts in order."""
    w = world
    a, b = w.products[0], w.products[1]
    receipt(w, 1, (a, "20"), (b, "5"))
    so = order(w, 2, (a, "4", "10.00", "4"), (b, "1", "5.00"), (a, "6", "9.00", "3"))
    p = based_on(w, "sales_shipment", "sales_order", so["id"])
    p["date"], p["lines"] = at(3), [{**p["lines"][0], "quantity": "5"}]
    w.docs.save("sales_shipment", p, post=True)  # 5 of the product: line 1 and 1 of line 3
    pay = new_document(
        organization=w.org,
        partner=w.partner,
        counterparty=w.customer,
        date=at(4),
        amount="50.00",
        orders=[{"order": so["id"], "amount": "50.00"}],
    )
    w.docs.save("customer_payment", pay, post=True)
    rep = _to_ship(w)
    items = [r for r in rep.rows if r.kind == "item"]
    assert [(r.keys["line"], r.label) for r in items] == [
        (1, "Bolt M4"),
        (2, "Bolt M5"),
        (3, "Bolt M4"),
    ]
    figures = [
        [r.values[k] for k in ("ordered", "shipped", "to_ship", "reserved", "amount", "paid")]
        for r in items
    ]
    assert figures == [
        [4, 4, 0, 0, D("40.00"), D("40.00")],
        [1, 0, 1, 0, D("5.00"), D("5.00")],
        [6, 1, 5, 2, D("54.00"), D("5.00")],  # reserved 4 + 3, 5 of it shipped
    ]
    assert rep.rows[0].values["paid"] == D("50.00")
    assert rep.rows[0].values["shipped"] == 5 and rep.rows[0].values["reserved"] == 2
    assert items[2].ref == {"product": a}
    kind, key = behind(rep.settings, items[2])
    assert kind.register == "customer_orders" and key == {"order": so["id"], "product": a}
    moves = Reports(w.session, registry).movements(kind, key)
    assert [m.recorder_type for m in moves] == ["sales_order", "sales_order", "sales_shipment"]
    assert behind(rep.settings, rep.rows[0]) == ("sales_order", so["id"])


def test_orders_to_ship_filters_period_partner_manager_product_group(world):
    w = world
    a, b = w.products[0], w.products[1]
    receipt(w, 1, (a, "20"), (b, "20"))
    w.session.execute("UPDATE cat_partners SET manager = 'anna' WHERE id = :p", p=w.partner)
    early = order(w, 2, (a, "1", "1.00"))
    late = order(w, 20, (a, "2", "1.00"), (b, "3", "1.00"))

    def orders(rep):
        return [r.keys["order"] for r in rep.rows if r.kind == "group"]

    assert orders(_to_ship(w)) == [early["id"], late["id"]]
    assert orders(_to_ship(w, dt.date(2026, 3, 10), dt.date(2026, 3, 31))) == [late["id"]]
    assert orders(_to_ship(w, partner=(w.partner,))) == [early["id"], late["id"]]
    assert orders(_to_ship(w, **{"partner.manager": ("boris",)})) == []
    assert len(orders(_to_ship(w, **{"partner.manager": ("anna",)}))) == 2
    group = w.session.scalar(
        "INSERT INTO cat_products(name, is_group) VALUES ('Screws', true) RETURNING id"
    )
    w.session.execute("UPDATE cat_products SET parent_id = :g WHERE id = :b", g=group, b=b)
    rep = _to_ship(w, product=(group,))
    assert [r.label for r in rep.rows if r.kind == "item"] == ["Bolt M5"]
    assert rep.total.values["ordered"] == 3


def test_aging_filters_by_counterparty_order_and_manager_and_drills_to_settlements(world):
    w = world
    a = w.products[0]
    receipt(w, 1, (a, "100"))
    s1 = shipment(w, 2, (a, "10"))  # 20.00
    so = order(w, 3, (a, "2", "3.00"))
    ship_order(w, so["id"], 4, {a: "2"})  # 6.00 for the order
    as_of = dt.date(2026, 3, 31)
    whole = _aging(w, "customer_aging", as_of)
    assert whole.total.values["debt"] == D("26.00")
    by_order = _aging(w, "customer_aging", as_of, order=(so["id"],))
    assert by_order.total.values["debt"] == D("6.00")
    assert _aging(w, "customer_aging", as_of, **{"partner.manager": ("x",)}).rows == []
    mine = _aging(w, "customer_aging", as_of, counterparty=(w.customer,))
    assert mine.total.values["debt"] == D("26.00")
    partner_row = mine.rows[0]
    settings, key = behind(mine.settings, partner_row)
    assert settings.register == "customer_settlements" and key == {"partner": w.partner}
    moves = Reports(w.session, registry).movements(settings, key)
    assert sum(m.values["amount"] for m in moves) == D("26.00")
    doc_row = next(r for r in mine.rows if r.kind == "item")
    assert behind(mine.settings, doc_row) == ("sales_shipment", s1["id"])


def test_aging_reads_only_after_the_balance_was_last_settled(world):
    """A debt paid in full in March, a new one in May: the same answer as FIFO over all."""
    w = world
    a = w.products[0]
    receipt(w, 1, (a, "100"))
    shipment(w, 2, (a, "10"))  # 20.00
    _pay(w, "customer_payment", w.partner, w.customer, 5, "25.00")  # 5.00 advance
    may = w.docs.save(
        "sales_shipment",
        new_document(
            organization=w.org,
            warehouse=w.wh,
            customer=w.customer,
            date="2026-05-10T09:00:00",
            lines=[{"product": a, "quantity": "4", "price": "2.00"}],
        ),
        post=True,
    )  # 8.00, 5.00 of it paid by the advance
    rep = _aging(w, "customer_aging", dt.date(2026, 5, 31))
    items = [r for r in rep.rows if r.kind == "item"]
    assert [r.keys["document"] for r in items] == [f"sales_shipment:{may['id']}"]
    assert items[0].values["debt"] == D("3.00")


def test_sales_filtered_by_manager_and_product_group_with_drill_down(world):
    w = world
    a, b, _p2, _c2 = _stories(w)
    s = ReportSettings("sales", *MARCH, ("customer",), {"customer.manager": ("boris",)})
    s = ReportSettings.from_json("sales", s.to_json())  # remembered and read back
    assert s.filters == {"customer.manager": ("boris",)}
    rep = Reports(w.session, registry).run(s)
    assert list(_items(rep)) == ["Two LLC"] and rep.total.values["margin"] == D("8.00")
    moves = Reports(w.session, registry).movements(s, {})
    assert [m.values["amount"] for m in moves] == [D("10.00")]
    group = w.session.scalar(
        "INSERT INTO cat_products(name, is_group) VALUES ('Screws', true) RETURNING id"
    )
    w.session.execute("UPDATE cat_products SET parent_id = :g WHERE id = :b", g=group, b=b)
    only = Reports(w.session, registry).run(
        ReportSettings("sales", *MARCH, ("product",), {"product": (group,)})
    )
    assert list(_items(only)) == ["Bolt M5"] and only.total.values["margin"] == D("1.00")
    assert a != b
