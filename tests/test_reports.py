"""The universal register report against hand-computed figures, on the real PostgreSQL.

The story (Main warehouse = wh, Shop = wh2; p0, p1 in group Fasteners, p0 in its subgroup Small):

    2026-01-10  receipt   wh   p0 +10, p1 +5
    2026-02-03  receipt   wh   p0 +4
    2026-02-20  shipment  wh   p0 −3   (sales: 3 × 2.00)
    2026-03-05  write-off wh   p1 −2
    2026-03-15  receipt   wh2  p0 +7
    2026-03-25  shipment  wh   p0 −6   (sales: 6 × 2.00)
    2026-04-02  receipt   wh   p0 +1
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from server.api import new_document
from server.api import reports as reports_module
from server.api.reports import Reports, ReportSettings
from server.errors import KontoraError
from server.metadata import registry

D = Decimal


def _save(w, name: str, date: str, lines: list[dict], **header) -> dict:
    doc = new_document(organization=w.org, date=f"{date}T09:00:00", lines=lines, **header)
    return w.docs.save(name, doc, post=True)


@pytest.fixture(params=["forward", "backward"])
def story(world, request, monkeypatch):
    """The story; the opening balance read forward (totals before the period) or backward
    (current balances minus the totals since), whatever the planner would choose."""
    backward = request.param == "backward"
    monkeypatch.setattr(reports_module, "opening_backward", lambda *_a: backward)
    w = world
    p0, p1, p2 = w.products[:3]
    s = w.session
    fasteners = s.scalar(
        "INSERT INTO cat_products(name, is_group) VALUES ('Fasteners', true) RETURNING id"
    )
    small = s.scalar(
        "INSERT INTO cat_products(name, is_group, parent_id) VALUES ('Small', true, :p) "
        "RETURNING id",
        p=fasteners,
    )
    s.execute("UPDATE cat_products SET parent_id = :g WHERE id = :i", g=small, i=p0)
    s.execute("UPDATE cat_products SET parent_id = :g WHERE id = :i", g=fasteners, i=p1)

    def lines(*pairs, price=None):
        return [
            {"product": p, "quantity": q, **({"price": price} if price else {})} for p, q in pairs
        ]

    def ship(date: str, product: int, qty: str) -> dict:
        shipped = lines((product, qty), price="2.00")
        return _save(w, "sales_shipment", date, shipped, warehouse=w.wh, customer=w.customer)

    docs = {
        "r1": _save(w, "goods_receipt", "2026-01-10", lines((p0, "10"), (p1, "5")), warehouse=w.wh),
        "r2": _save(w, "goods_receipt", "2026-02-03", lines((p0, "4")), warehouse=w.wh),
        "s1": ship("2026-02-20", p0, "3"),
        "wo": _save(
            w,
            "write_off",
            "2026-03-05",
            lines((p1, "2")),
            warehouse=w.wh,
            reason="spoilage",
            expense_item=w.expense_item,
        ),
        "r3": _save(w, "goods_receipt", "2026-03-15", lines((p0, "7")), warehouse=w.wh2),
        "s2": ship("2026-03-25", p0, "6"),
        "r4": _save(w, "goods_receipt", "2026-04-02", lines((p0, "1")), warehouse=w.wh),
    }
    w.fasteners, w.small, w.p = fasteners, small, (p0, p1, p2)
    w.story = docs
    return w


def _reports(w) -> Reports:
    return Reports(w.session, registry)


def _stock(w, start: str, end: str, **kw) -> object:
    s = ReportSettings("stock", dt.date.fromisoformat(start), dt.date.fromisoformat(end), **kw)
    return _reports(w).run(s)


def _q(row) -> tuple[Decimal, ...]:
    v = row.values
    return (v["quantity_open"], v["quantity_in"], v["quantity_out"], v["quantity_close"])


def test_stock_partial_months_by_warehouse_and_product(story):
    w = story
    p0 = w.p[0]
    rep = _stock(w, "2026-02-10", "2026-03-20")
    assert rep.levels == ("warehouse", "product")
    shown = [(r.kind, r.level, r.label, _q(r)) for r in rep.rows]
    assert shown == [
        ("group", 0, "Main warehouse", (D(19), D(0), D(5), D(14))),
        ("item", 1, "Bolt M4", (D(14), D(0), D(3), D(11))),
        ("item", 1, "Bolt M5", (D(5), D(0), D(2), D(3))),
        ("group", 0, "Shop", (D(0), D(7), D(0), D(7))),
        ("item", 1, "Bolt M4", (D(0), D(7), D(0), D(7))),
    ]
    assert _q(rep.total) == (D(19), D(7), D(5), D(21))
    assert rep.rows[1].keys == {"warehouse": w.wh, "product": p0}
    assert all(isinstance(x, Decimal) for x in rep.total.values.values())


def test_stock_whole_months_and_after_the_last_movement(story):
    w = story
    rep = _stock(w, "2026-02-01", "2026-03-31", grouping=("product",))
    assert [(r.label, _q(r)) for r in rep.rows] == [
        ("Bolt M4", (D(10), D(11), D(9), D(12))),
        ("Bolt M5", (D(5), D(0), D(2), D(3))),
    ]
    later = _stock(w, "2026-05-01", "2026-05-31", grouping=("warehouse",))
    assert [(r.label, _q(r)) for r in later.rows] == [
        ("Main warehouse", (D(9), D(0), D(0), D(9))),
        ("Shop", (D(7), D(0), D(0), D(7))),
    ]
    # Before anything happened: no row at all (everything zero is left out).
    assert _stock(w, "2025-12-01", "2025-12-31").rows == []
    # One day, inside a month: the write-off alone.
    day = _stock(w, "2026-03-05", "2026-03-05", grouping=("product",))
    assert [(r.label, _q(r)) for r in day.rows] == [
        ("Bolt M4", (D(11), D(0), D(0), D(11))),
        ("Bolt M5", (D(5), D(0), D(2), D(3))),
    ]


def test_group_filter_takes_the_descendants_and_grouping_by_top_group(story):
    w = story
    p2 = w.p[2]
    _save(w, "goods_receipt", "2026-03-01", [{"product": p2, "quantity": "2"}], warehouse=w.wh)
    _save(w, "goods_receipt", "2026-02-01", [{"product": p2, "quantity": "1"}], warehouse=w.wh2)
    rep = _stock(
        w, "2026-03-01", "2026-03-31", grouping=("product",), filters={"product": (w.fasteners,)}
    )
    assert [r.label for r in rep.rows] == ["Bolt M4", "Bolt M5"]  # p2 (not in the group) left out
    small = _stock(
        w, "2026-03-01", "2026-03-31", grouping=("product",), filters={"product": (w.small,)}
    )
    assert [r.label for r in small.rows] == ["Bolt M4"]
    by_group = _stock(w, "2026-03-01", "2026-03-31", grouping=("product.group", "product"))
    shown = [(r.kind, r.label, _q(r)) for r in by_group.rows]
    assert shown == [
        ("group", None, (D(1), D(2), D(0), D(3))),  # items outside any group
        ("item", "Bolt M6", (D(1), D(2), D(0), D(3))),
        ("group", "Fasteners", (D(16), D(7), D(8), D(15))),
        ("item", "Bolt M4", (D(11), D(7), D(6), D(12))),
        ("item", "Bolt M5", (D(5), D(0), D(2), D(3))),
    ]
    wh_only = _stock(
        w, "2026-03-01", "2026-03-31", grouping=("product",), filters={"warehouse": (w.wh2,)}
    )
    assert [(r.label, _q(r)) for r in wh_only.rows] == [
        ("Bolt M4", (D(0), D(7), D(0), D(7))),
        ("Bolt M6", (D(1), D(0), D(0), D(1))),
    ]
    # The movements of the items outside any group: the one receipt of Bolt M6.
    outside = _reports(w).movements(by_group.settings, by_group.rows[0].keys)
    assert [(m.keys["product"], m.values["quantity"]) for m in outside] == [("Bolt M6", D(2))]


def test_turnover_register_by_month_and_partial_months(story):
    w = story
    r = _reports(w)
    whole = r.run(ReportSettings("sales", dt.date(2026, 1, 1), dt.date(2026, 3, 31)))
    assert rep_values(whole) == [
        ("group", "Customer One", D(9), D("18.00")),
        ("item", "Bolt M4", D(9), D("18.00")),
    ]
    assert whole.rows[1].keys == {"customer": w.customer, "product": w.p[0]}
    part = r.run(
        ReportSettings("sales", dt.date(2026, 2, 21), dt.date(2026, 3, 31), grouping=("product",))
    )
    assert rep_values(part) == [("item", "Bolt M4", D(6), D("12.00"))]
    by_month = r.run(
        ReportSettings(
            "sales", dt.date(2026, 2, 10), dt.date(2026, 3, 31), ("product",), periodicity="month"
        )
    )
    assert by_month.levels == ("product", "period")
    assert rep_values(by_month) == [
        ("group", "Bolt M4", D(9), D("18.00")),
        ("item", dt.date(2026, 2, 1), D(3), D("6.00")),
        ("item", dt.date(2026, 3, 1), D(6), D("12.00")),
    ]
    by_day = r.run(
        ReportSettings(
            "sales", dt.date(2026, 3, 1), dt.date(2026, 3, 31), ("product",), periodicity="day"
        )
    )
    assert rep_values(by_day)[1:] == [("item", dt.date(2026, 3, 25), D(6), D("12.00"))]
    assert (by_day.total.values["quantity"], by_day.total.values["amount"]) == (D(6), D("12.00"))


def rep_values(rep) -> list[tuple]:
    return [(r.kind, r.label, r.values["quantity"], r.values["amount"]) for r in rep.rows]


def test_drill_down_lists_exactly_the_movements_behind_a_row(story):
    w = story
    p0 = w.p[0]
    r = _reports(w)
    s = ReportSettings("stock", dt.date(2026, 2, 1), dt.date(2026, 3, 31))
    cell = r.movements(s, {"warehouse": w.wh, "product": p0})
    assert [(m.period.date(), m.recorder_type, m.values["quantity"]) for m in cell] == [
        (dt.date(2026, 2, 3), "goods_receipt", D(4)),
        (dt.date(2026, 2, 20), "sales_shipment", D(-3)),
        (dt.date(2026, 3, 25), "sales_shipment", D(-6)),
    ]
    assert cell[0].recorder_id == w.story["r2"]["id"]
    assert cell[0].number == w.story["r2"]["number"]
    assert cell[0].keys == {"warehouse": "Main warehouse", "product": "Bolt M4"}
    group = r.movements(s, {"warehouse": w.wh})
    assert [m.recorder_id for m in group] == [w.story[k]["id"] for k in ("r2", "s1", "wo", "s2")]
    fasteners = r.movements(
        ReportSettings("stock", dt.date(2026, 3, 1), dt.date(2026, 3, 31), ("product.group",)),
        {"product.group": w.fasteners},
    )
    assert [m.recorder_id for m in fasteners] == [w.story[k]["id"] for k in ("wo", "r3", "s2")]
    filtered = r.movements(
        ReportSettings(
            "stock", dt.date(2026, 1, 1), dt.date(2026, 12, 31), filters={"product": (w.small,)}
        ),
        {"warehouse": w.wh},
    )
    assert [m.recorder_id for m in filtered] == [
        w.story[k]["id"] for k in ("r1", "r2", "s1", "s2", "r4")
    ]
    month = r.movements(
        ReportSettings(
            "sales", dt.date(2026, 2, 10), dt.date(2026, 3, 31), ("product",), periodicity="month"
        ),
        {"product": p0, "period": dt.date(2026, 3, 1)},
    )
    assert [(m.recorder_id, m.values["amount"]) for m in month] == [
        (w.story["s2"]["id"], D("12.00"))
    ]


def test_bad_settings_are_refused_with_the_register_named(story):
    r = _reports(story)
    with pytest.raises(KontoraError, match="Stock"):
        r.run(ReportSettings("stock", dt.date(2026, 3, 1), dt.date(2026, 2, 1)))
    with pytest.raises(KontoraError, match="amount"):
        r.run(ReportSettings("stock", dt.date(2026, 3, 1), dt.date(2026, 3, 2), ("amount",)))
    evil = {"date_from": "2026-03-01", "date_to": "2026-03-02", "periodicity": "day', x) --"}
    with pytest.raises(KontoraError, match="must be one of: day, month"):
        r.run(ReportSettings.from_json("sales", evil))


def test_settings_round_trip_as_json():
    s = ReportSettings(
        "stock", dt.date(2026, 1, 1), dt.date(2026, 1, 31), ("product",), {"warehouse": (3, 4)}
    )
    assert ReportSettings.from_json("stock", s.to_json()) == s


def test_the_planner_chooses_how_to_read_the_opening_balance(world):
    from server.api.report_sql import opening_backward

    stock = registry.register("stock")
    with world.db.engine.begin() as c:
        assert opening_backward(c, stock, dt.date(2026, 3, 1)) in (True, False)


def test_every_declared_register_gets_its_report(world):
    """Any register — those declared later too — reports by every grouping level it offers,
    with a filter on each dimension, and drills down, from its declaration alone."""
    from server.api.reports import groupable

    receipt_lines = [{"product": world.products[0], "quantity": "2", "price": "1.00"}]
    _save(world, "goods_receipt", "2026-03-02", receipt_lines, warehouse=world.wh)
    r = _reports(world)
    for reg in registry.registers.values():
        for level, _title in groupable(registry, reg):
            s = ReportSettings(reg.name, dt.date(2026, 1, 15), dt.date(2026, 12, 31), (level,))
            rep = r.run(s)
            assert [c.key for c in rep.columns] == list(rep.total.values)
            for row in rep.rows:
                assert r.movements(s, row.keys), (reg.name, level, row.label)
        ids = {d.name: (1,) for d in reg.dimensions}
        s = ReportSettings(reg.name, dt.date(2026, 3, 1), dt.date(2026, 3, 31), filters=ids)
        r.run(s)
        assert r.movements(s, {}) is not None


def test_a_register_declared_later_gets_its_report_too(world):
    """A register nobody wrote report code for — a document dimension, two resources — created
    here from its declaration alone, reports and drills down like the others."""
    from sqlalchemy import MetaData

    from server.metadata import AccumulationRegister, DocRef, Money, Qty, Ref, RegisterKind
    from server.metadata.registry import Registry
    from server.schema import SCHEMA, register_tables

    new = AccumulationRegister(
        "orders_test",
        "Orders",
        "sales",
        RegisterKind.BALANCE,
        dimensions=(
            DocRef("order", "Order", target="goods_receipt"),
            Ref("product", "Product", target="products"),
        ),
        resources=(Qty("quantity", "Quantity"), Money("amount", "Amount")),
    )
    md = MetaData(schema=SCHEMA)
    register_tables(md, new)
    md.create_all(world.db.engine)
    reg = Registry(
        catalogs=registry.catalogs,
        documents=registry.documents,
        registers={**registry.registers, new.name: new},
    )
    p0 = world.products[0]
    line = [{"product": p0, "quantity": "1"}]
    a = _save(world, "goods_receipt", "2026-02-10", line, warehouse=world.wh)
    b = _save(world, "goods_receipt", "2026-03-10", line, warehouse=world.wh)
    moves = [  # (recorder, period, order, quantity, amount)
        (a, "2026-02-10", a, "5", "50.00"),
        (b, "2026-03-10", a, "-2", "-20.00"),
        (b, "2026-03-10", b, "3", "31.50"),
    ]
    s = world.session
    for i, (rec, day, order, q, amount) in enumerate(moves):
        s.execute(
            "INSERT INTO reg_orders_test (recorder_type, recorder_id, line_no, period, order_id, "
            "product_id, quantity, amount) VALUES ('goods_receipt', :r, :n, :d, :o, :p, :q, :a)",
            r=rec["id"],
            n=i,
            d=f"{day}T10:00:00",
            o=order["id"],
            p=p0,
            q=D(q),
            a=D(amount),
        )
    s.execute(
        "INSERT INTO reg_orders_test_totals SELECT date_trunc('month', period)::date, order_id, "
        "product_id, sum(quantity), sum(amount), sum(greatest(quantity, 0)), "
        "sum(greatest(amount, 0)) FROM reg_orders_test GROUP BY 1, 2, 3"
    )
    s.execute(
        "INSERT INTO reg_orders_test_balance SELECT order_id, product_id, sum(quantity), "
        "sum(amount) FROM reg_orders_test GROUP BY 1, 2"
    )
    r = Reports(s, reg)
    march = ReportSettings(new.name, dt.date(2026, 3, 1), dt.date(2026, 3, 31), ("order",))
    rep = r.run(march)
    assert [c.key for c in rep.columns] == [
        *("quantity_open", "quantity_in", "quantity_out", "quantity_close"),
        *("amount_open", "amount_in", "amount_out", "amount_close"),
    ]
    shown = [(row.label, list(row.values.values())) for row in rep.rows]
    assert shown == [
        (a["number"], [D(5), D(0), D(2), D(3), D(50), D(0), D(20), D(30)]),
        (b["number"], [D(0), D(3), D(0), D(3), D(0), D("31.50"), D(0), D("31.50")]),
    ]
    drill = r.movements(march, {"order": a["id"]})
    assert [(m.keys["order"], m.number, m.values) for m in drill] == [
        (a["number"], b["number"], {"quantity": D(-2), "amount": D("-20.00")})
    ]
