"""Fields added without code in the register and trade reports: a product's brand (a choice) and
maker (a reference), a partner's region (a string) as grouping levels reached through a dot
("Product.Brand", "Customer.Partner.Region"), as filters and in the drill-down — figures checked
against SQL written independently; a dropped field leaves the report's offer."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from forms.formatting import date_text, display
from forms.report_model import label_text
from forms.report_settings import trade_spec
from server import extra_fields as xf
from server.api.abc_xyz import abc, xyz
from server.api.analysis_fields import ITEM_CATALOGS, add_field_columns
from server.api.report_trade import TradeReports
from server.api.reports import Reports, ReportSettings, groupable
from server.config.reports import TRADE_REPORTS
from server.errors import KontoraError
from server.metadata import registry
from tests.helpers import receipt, sale, shipment
from tests.sales_helpers import order

D = Decimal
BRAND = xf.ExtraField(
    "catalog", "products", "x_brand", "Brand", "choice", options=(("acme", "Acme"), ("zen", "Zen"))
)
MAKER = xf.ExtraField("catalog", "products", "x_maker", "Maker", "ref", target="counterparties")
REGION = xf.ExtraField("catalog", "partners", "x_region", "Region", "string", length=40)
MARCH = (dt.date(2026, 3, 1), dt.date(2026, 3, 31))


@pytest.fixture
def shop(world):
    """Brands Acme (p0, p1), Zen (p2), none (p3); partners in North (the world's) and South."""
    w, s = world, world.session
    for f in (BRAND, MAKER, REGION):
        xf.add(s, f)
    xf.refresh(s, registry)
    p = w.products
    for i, brand in enumerate(("acme", "acme", "zen")):
        s.execute("UPDATE cat_products SET x_brand = :b WHERE id = :i", b=brand, i=p[i])
    s.execute("UPDATE cat_products SET x_maker_id = :c WHERE id = :i", c=w.customer, i=p[0])
    s.execute("UPDATE cat_partners SET x_region = 'North' WHERE id = :i", i=w.partner)
    south = s.scalar("INSERT INTO cat_partners(name, is_client, x_region) VALUES ('Two', true, "
                     "'South') RETURNING id")  # fmt: skip
    w.south = south
    w.customer2 = s.scalar(
        "INSERT INTO cat_counterparties(name, partner_id) VALUES ('Two LLC', :p) RETURNING id",
        p=south,
    )
    receipt(w, 2, (p[0], "10"), (p[1], "5"), (p[2], "7"), (p[3], "3"))
    receipt(w, 3, (p[0], "4"), wh=w.wh2)
    shipment(w, 5, (p[0], "3"))
    sale(w, "2026-03-06T10:00:00", w.customer2, p[2], "2", "5.00")
    sale(w, "2026-03-07T10:00:00", w.customer2, p[1], "1", "4.00")
    yield w
    xf.merge(registry, [])


def _run(w, register: str, grouping=(), **filters) -> object:
    s = ReportSettings(register, *MARCH, tuple(grouping), filters)
    return Reports(w.session, registry).run(s)


def _items(rep, key: str) -> dict:
    return {r.label: r.values[key] for r in rep.rows if r.kind == "item"}


def test_stock_by_brand_agrees_with_sql_and_the_ungrouped_total(shop):
    w = shop
    levels = dict(groupable(registry, registry.register("stock")))
    assert levels["product.x_brand"] == "Product.Brand"
    assert levels["product.x_maker"] == "Product.Maker"
    by_brand = _run(w, "stock", ["product.x_brand"])
    assert by_brand.level_titles == ("Product.Brand",)
    expected = {
        r["title"]: r["q"]
        for r in w.session.rows(
            "SELECT CASE p.x_brand WHEN 'acme' THEN 'Acme' WHEN 'zen' THEN 'Zen' END AS title, "
            "sum(s.quantity) AS q FROM reg_stock s JOIN cat_products p ON p.id = s.product_id "
            "GROUP BY 1"
        )
    }
    assert _items(by_brand, "quantity_close") == expected == {
        "Acme": D(15), "Zen": D(5), None: D(3), }  # fmt: skip
    plain = _run(w, "stock", ["warehouse"])
    assert by_brand.total.values == plain.total.values
    assert [r.label for r in by_brand.rows] == [None, "Acme", "Zen"]  # not set first

    nested = _run(w, "stock", ["product.x_brand", "product"])
    acme = next(r for r in nested.rows if r.kind == "group" and r.label == "Acme")
    assert acme.keys == {"product.x_brand": "acme"} and acme.values["quantity_close"] == 15
    under = [
        r.label for r in nested.rows if r.kind == "item" and r.keys["product.x_brand"] == "acme"
    ]
    assert under == ["Bolt M4", "Bolt M5"]

    only = _run(w, "stock", ["product"], **{"product.x_brand": ("acme",)})
    assert only.total.values["quantity_close"] == 15
    assert {r.label for r in only.rows} == {"Bolt M4", "Bolt M5"}
    by_maker = _run(w, "stock", ["product.x_maker"], **{"product.x_maker": (w.customer,)})
    assert _items(by_maker, "quantity_close") == {"Customer One": D(11)}

    rep = Reports(w.session, registry)
    settings = ReportSettings("stock", *MARCH, ("product.x_brand", "product"))
    moves = rep.movements(settings, {"product.x_brand": "acme"})
    assert sorted(m.keys["product"] for m in moves) == ["Bolt M4"] * 3 + ["Bolt M5"] * 2
    assert sum(m.values["quantity"] for m in moves) == 15
    unset = rep.movements(settings, {"product.x_brand": None})
    assert [m.keys["product"] for m in unset] == ["Bolt M7"]


def test_sales_by_partner_region_and_a_region_filter(shop):
    w = shop
    rep = _run(w, "sales", ["customer.partner.x_region"])
    assert rep.level_titles == ("Customer.Partner.Region",)
    expected = {
        r["x_region"]: r["amount"]
        for r in w.session.rows(
            "SELECT pa.x_region, sum(s.amount) AS amount FROM reg_sales s "
            "JOIN cat_counterparties c ON c.id = s.customer_id "
            "JOIN cat_partners pa ON pa.id = c.partner_id GROUP BY 1"
        )
    }
    assert _items(rep, "amount") == expected and set(expected) == {"North", "South"}
    assert rep.total.values["amount"] == sum(expected.values())
    south = _run(w, "sales", ["product"], **{"customer.partner.x_region": ("South",)})
    assert south.total.values["amount"] == expected["South"]
    assert {r.label for r in south.rows} == {"Bolt M5", "Bolt M6"}

    # a trade report filtered by its register's partner: the aging of customer debts
    aging = ReportSettings("customer_aging", MARCH[1], MARCH[1])
    debts = TradeReports(w.session, registry)
    everyone = debts.run(aging).total.values["debt"]
    north = debts.run(ReportSettings("customer_aging", MARCH[1], MARCH[1],
                                     filters={"partner.x_region": ("North",)}))  # fmt: skip
    assert {r.label for r in north.rows if r.level == 0} == {"Customer One"}
    assert D(0) < north.total.values["debt"] < everyone


def test_a_dropped_field_leaves_the_offer_and_old_settings(shop):
    w = shop
    xf.remove(w.session, "catalog", "products", "x_brand")
    xf.refresh(w.session, registry)
    levels = dict(groupable(registry, registry.register("stock")))
    assert "product.x_brand" not in levels and "product.x_maker" in levels
    saved = ReportSettings("stock", *MARCH, ("product",), {"product.x_brand": ("acme",)})
    again = ReportSettings.from_json("stock", saved.to_json())
    assert _run(w, "stock", again.grouping, **again.filters).total.values["quantity_close"] == 23
    with pytest.raises(KontoraError, match=r"product\.x_brand"):
        _run(w, "stock", ["product.x_brand"])


def test_abc_and_xyz_show_the_items_added_fields(shop):
    w = shop
    products = abc(w.session, "products", *MARCH)
    add_field_columns(w.session, registry, products, "products")
    assert [k for k, _, _ in products.columns[:4]] == ["name", "x_brand", "x_maker", "revenue"]
    shown = {r["name"]: (r["x_brand"], r["x_maker"]) for r in products.rows}
    assert shown == {"Bolt M4": ("Acme", "Customer One"), "Bolt M5": ("Acme", None),
                     "Bolt M6": ("Zen", None)}  # fmt: skip
    customers = xyz(w.session, "customers", *MARCH)
    add_field_columns(w.session, registry, customers, ITEM_CATALOGS["customers"])
    assert ("x_region", "Region", "text") in customers.columns
    assert {r["name"]: r["x_region"] for r in customers.rows} == {"Customer One": "North",
                                                                  "Two": "South"}  # fmt: skip


def test_a_document_field_groups_the_orders_report(shop):
    w = shop
    channel = xf.ExtraField("document", "sales_order", "x_channel", "Channel", "choice",
                            options=(("web", "Web"), ("phone", "Phone")))  # fmt: skip
    xf.add(w.session, channel)
    xf.refresh(w.session, registry)
    p = w.products
    web = order(w, 8, (p[0], "2", "10.00"), x_channel="web")
    order(w, 9, (p[1], "1", "10.00"), x_channel="phone")
    order(w, 10, (p[1], "3", "10.00"), x_channel="web")
    assert dict(groupable(registry, registry.register("customer_orders")))[
        "order.x_channel"] == "Order.Channel"  # fmt: skip
    rep = _run(w, "customer_orders", ["order.x_channel", "product"])
    expected = {
        r["x_channel"]: r["q"]
        for r in w.session.rows(
            "SELECT o.x_channel, sum(m.quantity) AS q FROM reg_customer_orders m "
            "JOIN doc_sales_order o ON o.id = m.order_id GROUP BY 1"
        )
    }
    groups = {r.label: r.values["quantity_close"] for r in rep.rows if r.kind == "group"}
    assert groups == {"Web": expected["web"], "Phone": expected["phone"]} == {
        "Web": D(5), "Phone": D(1)}  # fmt: skip
    web_only = _run(w, "customer_orders", ["order"], **{"order.x_channel": ("web",)})
    assert web_only.total.values["quantity_close"] == 5
    assert any(r.keys == {"order": web["id"]} for r in web_only.rows)


def test_number_and_date_fields_group_as_values_shown_as_usual(shop):
    w = shop
    weight = xf.ExtraField("catalog", "products", "x_weight", "Weight", "number", precision=8,
                           scale=3)  # fmt: skip
    opened = xf.ExtraField("catalog", "warehouses", "x_opened", "Opened", "date")
    for f in (weight, opened):
        xf.add(w.session, f)
    xf.refresh(w.session, registry)
    w.session.execute("UPDATE cat_products SET x_weight = 1.25 WHERE id = ANY(:i)",
                      i=w.products[:2])  # fmt: skip
    w.session.execute("UPDATE cat_warehouses SET x_opened = '2020-05-01' WHERE id = :i", i=w.wh)
    rep = _run(w, "stock", ["warehouse.x_opened", "product.x_weight"])
    items = {(r.keys["warehouse.x_opened"], r.label): r.values["quantity_close"]
             for r in rep.rows if r.kind == "item"}  # fmt: skip
    d = dt.date(2020, 5, 1)
    assert items == {(d, None): D(8), (d, D("1.250")): D(11), (None, D("1.250")): D(4)}
    row = next(r for r in rep.rows if r.kind == "item" and r.label is not None and r.keys[
        "warehouse.x_opened"] is None)  # fmt: skip
    assert label_text(row, "product.x_weight") == display(D("1.250"), "qty")
    group = next(r for r in rep.rows if r.kind == "group" and r.label == d)
    assert label_text(group, "warehouse.x_opened") == date_text(d)
    moves = Reports(w.session, registry).movements(
        ReportSettings("stock", *MARCH, ("warehouse.x_opened", "product.x_weight")), row.keys
    )
    assert [(m.keys["warehouse"], m.values["quantity"]) for m in moves] == [("Shop", D(4))]


def test_orders_to_ship_filtered_by_brand_and_partner_region(shop):
    w = shop
    p = w.products
    first = order(w, 8, (p[0], "2", "10.00"), (p[2], "1", "10.00"))  # Acme, Zen: North
    second = order(w, 9, (p[1], "4", "10.00"), partner=w.south, counterparty=w.customer2)
    spec = trade_spec(registry, next(t for t in TRADE_REPORTS if t.name == "orders_to_ship"))
    offered = {a.level: a.kind for a in spec.attributes}
    assert offered["product.x_brand"] == "choice" and offered["partner.x_region"] == "text"

    def run(**filters):
        s = ReportSettings("orders_to_ship", *MARCH, filters=filters)
        rep = TradeReports(w.session, registry).run(s)
        return [(r.keys["order"], r.label) for r in rep.rows if r.kind == "item"], rep.total

    acme, total = run(**{"product.x_brand": ("acme",)})
    assert acme == [(first["id"], "Bolt M4"), (second["id"], "Bolt M5")]
    assert total.values["ordered"] == 6
    assert run(**{"partner.x_region": ("South",)})[0] == [(second["id"], "Bolt M5")]
    both = run(**{"partner.x_region": ("North",), "product.x_brand": ("zen",)})[0]
    assert both == [(first["id"], "Bolt M6")]
