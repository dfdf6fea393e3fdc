"""A sales return brings the goods back at the cost they were shipped at, and follows it when an
earlier document changes that cost (README "How cost works"); hand-computed figures."""

from __future__ import annotations

from decimal import Decimal as D
from typing import Any

from server.api import new_document
from server.check import check
from tests.helpers import at, shipment
from tests.sales_helpers import based_on
from tests.test_cost import balance, buy, consistent, costs


def give_back(w: Any, sh: dict, day: int, qty: str) -> dict:
    """A return of ``qty`` of the shipment's first line."""
    ret = based_on(w, "sales_return", "sales_shipment", sh["id"])
    ret["lines"] = ret["lines"][:1]
    ret["lines"][0]["quantity"] = qty
    ret["date"] = at(day)
    return w.docs.save("sales_return", ret, post=True)


def test_return_at_the_shipment_cost_then_a_backdated_receipt(world):
    w, p = world, world.products[0]
    buy(w, 1, (p, "3", "10.00"))
    buy(w, 2, (p, "4", "11.00"))  # 7 at 74.00
    sh = shipment(w, 3, (p, "3"))  # round(74 × 3 / 7) = 31.71
    buy(w, 4, (p, "1", "50.00"))  # 5 at 92.29: the average would give 2 × 18.458 = 36.92
    ret = give_back(w, sh, 5, "2")
    assert costs(w, "sales_shipment", sh) == [D("-31.71")]
    assert costs(w, "sales_return", ret) == [D("21.14")]  # round(31.71 × 2 / 3)
    assert costs(w, "sales_return", ret, "sales") == [D("-21.14")]
    assert balance(w, p) == (7, D("113.43"))
    consistent(w)

    buy(w, 2, (p, "3", "20.00"), hour=8)  # backdated: 10 at 134.00 before the shipment
    assert costs(w, "sales_shipment", sh) == [D("-40.20")]  # round(134 × 3 / 10)
    assert costs(w, "sales_return", ret) == [D("26.80")]  # round(40.20 × 2 / 3)
    assert costs(w, "sales_return", ret, "sales") == [D("-26.80")]
    assert costs(w, "sales_shipment", sh, "sales") == [D("40.20")]
    assert balance(w, p) == (10, D("170.60"))  # 134 − 40.20 + 50 + 26.80
    consistent(w)


def test_returning_everything_gives_back_exactly_what_left(world):
    w, p = world, world.products[0]
    buy(w, 1, (p, "3", "10.00"), (p, "4", "11.00"))
    sh = shipment(w, 3, (p, "2"), (p, "1"))  # round(74 × 2 / 7) = 21.14, round(52.86 / 5) = 10.57
    assert costs(w, "sales_shipment", sh) == [D("-21.14"), D("-10.57")]
    ret = based_on(w, "sales_return", "sales_shipment", sh["id"])
    ret["date"] = at(4)
    ret = w.docs.save("sales_return", ret, post=True)
    # each line: its share of 31.71 for 3 units: round(31.71 × 2 / 3) = 21.14, 10.57
    assert costs(w, "sales_return", ret) == [D("21.14"), D("10.57")]
    assert balance(w, p) == (7, D("74.00"))
    consistent(w)


def test_a_return_without_a_shipment_comes_at_the_average(world):
    w, p = world, world.products[0]
    buy(w, 1, (p, "3", "10.00"))
    buy(w, 2, (p, "1", "11.00"))  # 4 at 41.00
    ret = w.docs.save(
        "sales_return",
        new_document(
            organization=w.org,
            warehouse=w.wh,
            customer=w.customer,
            date=at(3),
            lines=[{"product": p, "quantity": "1", "price": "20.00"}],
        ),
        post=True,
    )
    assert costs(w, "sales_return", ret) == [D("10.25")]  # 41 / 4
    assert costs(w, "sales_return", ret, "sales") == [D("-10.25")]
    consistent(w)


def test_a_return_elsewhere_follows_and_an_unposted_shipment_leaves_it_at_the_average(world):
    w, p = world, world.products[0]
    buy(w, 1, (p, "4", "10.00"))  # 4 at 40.00
    sh = shipment(w, 3, (p, "4"))  # all of it: 40.00
    buy(w, 4, (p, "2", "7.00"), wh=w.wh2)  # the other warehouse: 2 at 14.00
    ret = based_on(w, "sales_return", "sales_shipment", sh["id"])
    ret.update(date=at(5), warehouse=w.wh2)
    ret["lines"][0]["quantity"] = "1"
    ret = w.docs.save("sales_return", ret, post=True)
    assert costs(w, "sales_return", ret) == [D("10.00")]  # 40 / 4, not the average 7
    buy(w, 2, (p, "4", "12.50"), hour=8)  # backdated: 8 at 90.00, the shipment takes half
    assert costs(w, "sales_shipment", sh) == [D("-45.00")]
    assert costs(w, "sales_return", ret) == [D("11.25")]  # 45 / 4, at the other warehouse
    assert balance(w, p, w.wh2) == (3, D("25.25"))
    consistent(w)

    doc = w.docs.read("sales_shipment", sh["id"])
    w.docs.save("sales_shipment", {"id": sh["id"], "version": doc["version"]}, post=False)
    assert costs(w, "sales_return", ret) == [D("7.00")]  # no shipment left: 14 / 2
    assert costs(w, "sales_return", ret, "sales") == [D("-7.00")]
    consistent(w)


def test_returns_one_by_one_give_back_exactly_the_shipment_cost(world):
    w, p = world, world.products[0]
    buy(w, 1, (p, "1", "8.00"), (p, "2", "6.00"))  # 3 at 20.00
    sh = shipment(w, 2, (p, "3"))
    rets = [give_back(w, sh, day, "1") for day in (3, 4, 5)]
    # cumulative: round(20 × 1/3) = 6.67, round(20 × 2/3) − 6.67 = 6.66, 20 − 13.33 = 6.67
    assert [costs(w, "sales_return", r) for r in rets] == [[D("6.67")], [D("6.66")], [D("6.67")]]
    assert balance(w, p) == (3, D("20.00"))  # not 20.01: never more than what was shipped
    consistent(w)
    doc = w.docs.read("sales_return", rets[0]["id"])
    w.docs.save("sales_return", {"id": rets[0]["id"], "version": doc["version"]}, post=False)
    assert [costs(w, "sales_return", r) for r in rets[1:]] == [[D("6.67")], [D("6.66")]]
    assert costs(w, "sales_return", rets[2], "sales") == [D("-6.66")]
    consistent(w)


def test_migration_0008_gives_returns_posted_at_0_their_shipment_cost(world):
    from tests.test_metadata import _migrate

    w, p = world, world.products[0]
    buy(w, 1, (p, "3", "10.00"), (p, "4", "11.00"))  # 7 at 74.00
    sh = shipment(w, 2, (p, "3"))  # 31.71
    ret = give_back(w, sh, 3, "2")  # 21.14
    late = shipment(w, 4, (p, "6"))  # 6 of 6 at 42.29 + 21.14 = 63.43
    _migrate(w.db, "0007", down=True)
    # as the earlier code posted it: the return at 0, the later shipment at the average of that
    s = w.session
    s.execute("UPDATE reg_stock SET cost = 0 WHERE recorder_type = 'sales_return'")
    s.execute("UPDATE reg_sales SET cost = 0 WHERE recorder_type = 'sales_return'")
    s.execute("UPDATE reg_stock SET cost = -42.29 WHERE recorder_type = 'sales_shipment' "
              "AND recorder_id = :i", i=late["id"])  # fmt: skip
    s.execute("UPDATE reg_sales SET cost = 42.29 WHERE recorder_type = 'sales_shipment' "
              "AND recorder_id = :i", i=late["id"])  # fmt: skip
    for reg, dims in (("stock", "warehouse_id, product_id"), ("sales", "customer_id, product_id")):
        s.execute(
            f"UPDATE reg_{reg}_totals t SET cost = m.cost FROM (SELECT {dims}, "
            f"date_trunc('month', period)::date AS month, sum(cost) AS cost FROM reg_{reg} "
            f"GROUP BY 1, 2, 3) m WHERE (t.{dims.replace(', ', ', t.')}, t.month) = "
            f"(m.{dims.replace(', ', ', m.')}, m.month)"
        )
    s.execute(
        "UPDATE reg_stock_balance b SET cost = m.cost FROM (SELECT warehouse_id, product_id, "
        "sum(cost) AS cost FROM reg_stock GROUP BY 1, 2) m "
        "WHERE (b.warehouse_id, b.product_id) = (m.warehouse_id, m.product_id)"
    )
    # The routines and the check are today's: they order a moment by reg_stock.seq (0033),
    # numbered here as 0033 numbers the movements it finds, and gone before 0033 adds it.
    s.execute(
        "ALTER TABLE reg_stock ADD COLUMN seq bigint; UPDATE reg_stock x SET seq = r.n "
        "FROM (SELECT recorder_type, recorder_id, row_number() OVER (ORDER BY recorder_type, "
        "recorder_id) AS n FROM (SELECT DISTINCT recorder_type, recorder_id FROM reg_stock) d) r "
        "WHERE (x.recorder_type, x.recorder_id) = (r.recorder_type, r.recorder_id)"
    )
    assert check(w.db.engine) != []
    _migrate(w.db, "0008")
    s.execute("ALTER TABLE reg_stock DROP COLUMN seq")
    _migrate(w.db, "head")
    assert costs(w, "sales_return", ret) == [D("21.14")]
    assert costs(w, "sales_return", ret, "sales") == [D("-21.14")]
    assert costs(w, "sales_shipment", late) == [D("-63.43")]
    assert balance(w, p) == (0, 0)
    consistent(w)
