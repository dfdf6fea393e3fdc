"""ABC, XYZ, BCG, the sales funnel, manager KPIs and marketing effectiveness against small
examples computed by hand (the figures in the comments)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from server.api import Catalogs, new_document
from server.api.abc_xyz import abc, bcg, xyz
from server.api.crm_funnel import funnel, manager_kpis, marketing
from server.metadata import registry
from tests.helpers import sale


def _customers(w, n: int) -> list[int]:
    out = []
    for i in range(n):
        p = int(
            w.session.scalar(
                "INSERT INTO cat_partners(name) VALUES (:n) RETURNING id", n=f"P{i + 1}"
            )
        )
        out.append(
            int(
                w.session.scalar(
                    "INSERT INTO cat_counterparties(name, partner_id) VALUES (:n, :p) RETURNING id",
                    n=f"P{i + 1} LLC",
                    p=p,
                )
            )
        )
    return out


@pytest.fixture
def stocked(world):
    world.docs.save(
        "goods_receipt",
        new_document(
            organization=world.org,
            warehouse=world.wh,
            date="2025-12-01T08:00:00",
            lines=[{"product": p, "quantity": "100000", "price": "1.00"} for p in world.products],
        ),
        post=True,
    )
    return world


MAR = (dt.date(2026, 3, 1), dt.date(2026, 3, 31))


def test_abc_of_customers(stocked):
    w = stocked
    custs = _customers(w, 5)
    # revenue 500, 250, 120, 80, 50 of 1000: shares 50, 25, 12, 8, 5 %
    for c, amount in zip(custs, ("500", "250", "120", "80", "50"), strict=True):
        sale(w, "2026-03-10T10:00:00", c, w.products[0], "1", amount)
    a = abc(w.session, "customers", *MAR)
    got = [(r["name"], r["revenue"], r["share"], r["cumulative"], r["class"]) for r in a.rows]
    assert got == [
        ("P1", D("500.00"), D("50.00"), D("50.00"), "A"),
        ("P2", D("250.00"), D("25.00"), D("75.00"), "A"),
        ("P3", D("120.00"), D("12.00"), D("87.00"), "A"),  # crosses 80 %: still A
        ("P4", D("80.00"), D("8.00"), D("95.00"), "B"),
        ("P5", D("50.00"), D("5.00"), D("100.00"), "C"),  # 95 % before it: C
    ]
    # Other thresholds: A 50 %, B 30 %.
    classes = [r["class"] for r in abc(w.session, "customers", *MAR, D(50), D(30)).rows]
    assert classes == ["A", "B", "B", "C", "C"]
    # Outside the period: nothing.
    assert abc(w.session, "customers", dt.date(2026, 4, 1), dt.date(2026, 4, 30)).rows == []


def test_xyz_of_products(stocked):
    w = stocked
    p1, p2, p3 = w.products[:3]
    months = ("01", "02", "03", "04")
    for m, a2, a3 in zip(
        months, ("100", "120", "80", "100"), ("200", None, None, "200"), strict=True
    ):
        when = f"2026-{m}-10T10:00:00"
        sale(w, when, w.customer, p1, "1", "100")  # CV 0 -> X
        sale(w, when, w.customer, p2, "1", a2)  # sd √200 = 14.142 of mean 100 -> Y
        if a3:
            sale(w, when, w.customer, p3, "1", a3)  # sd 100 of mean 100 -> Z
    rows = xyz(w.session, "products", dt.date(2026, 1, 1), dt.date(2026, 4, 30)).rows
    got = {r["name"]: (r["mean"], r["cv"], r["class"]) for r in rows}
    assert got == {
        "Bolt M4": (D("100.00"), D("0.00"), "X"),
        "Bolt M5": (D("100.00"), D("14.14"), "Y"),
        "Bolt M6": (D("100.00"), D("100.00"), "Z"),
    }
    # With X up to 15 %, M5 becomes X.
    rows = xyz(w.session, "products", dt.date(2026, 1, 1), dt.date(2026, 4, 30), D(15)).rows
    assert {r["name"]: r["class"] for r in rows}["Bolt M5"] == "X"


def test_bcg_matrix(stocked):
    w = stocked
    a, b, c, d = w.products[:4]
    # previous period (29 Jan – 28 Feb): a 100, b 400, d 100; March: a 300, b 400, c 50, d 50
    for p, amount in ((a, "100"), (b, "400"), (d, "100")):
        sale(w, "2026-02-10T10:00:00", w.customer, p, "1", amount)
    for p, amount in ((a, "300"), (b, "400"), (c, "50"), (d, "50")):
        sale(w, "2026-03-10T10:00:00", w.customer, p, "1", amount)
    res = bcg(w.session, *MAR)
    got = {r["name"]: (r["growth"], r["share"], r["quadrant"]) for r in res.rows}
    # all products: 600 -> 800 = +33.33 %; average share 25 %
    assert got == {
        "Bolt M4": (D("200.00"), D("37.50"), "Star"),
        "Bolt M5": (D("0.00"), D("50.00"), "Cash cow"),
        "Bolt M6": (None, D("6.25"), "Question mark"),  # new
        "Bolt M7": (D("-50.00"), D("6.25"), "Dog"),
    }
    assert res.chart.guides == (D("25.00"), D("33.33"))


@pytest.fixture
def pipeline(world):
    cats = Catalogs(world.session, registry)
    kind = cats.save("deal_types", {"name": "Sale"})["id"]
    st = {
        key: cats.save(
            "deal_stages",
            {"name": name, "deal_type": kind, "sequence": seq, "probability": prob, "outcome": oc},
        )["id"]
        for key, name, seq, prob, oc in (
            ("lead", "Lead", 10, "10", "open"),
            ("offer", "Offer", 20, "40", "open"),
            ("talks", "Talks", 30, "70", "open"),
            ("won", "Won", 90, "100", "won"),
            ("lost", "Lost", 99, "0", "lost"),
        )
    }
    reason = cats.save("loss_reasons", {"name": "Price"})["id"]

    def deal(name: str, amount: str, path: tuple[str, ...], **extra) -> int:
        d = cats.save(
            "deals",
            {
                "name": name,
                "partner": world.partner,
                "deal_type": kind,
                "stage": st[path[0]],
                "amount": amount,
                **extra,
            },
        )
        for step in path[1:]:
            more = {"loss_reason": reason} if step == "lost" else {}
            d = cats.save(
                "deals", {"id": d["id"], "version": d["version"], "stage": st[step], **more}
            )
        return d["id"]

    return {"kind": kind, "deal": deal, "cats": cats}


def _today() -> tuple[dt.date, dt.date]:
    today = dt.date.today()
    return today - dt.timedelta(days=1), today + dt.timedelta(days=1)


def test_sales_funnel(world, pipeline):
    deal = pipeline["deal"]
    deal("D1", "100", ("lead", "offer", "talks", "won"))
    deal("D2", "200", ("lead", "offer", "lost"))
    deal("D3", "300", ("lead", "offer"))
    deal("D4", "400", ("lead",))
    deal("D5", "500", ("lead", "offer", "lead"))  # went back: reached the offer all the same
    res = funnel(world.session, pipeline["kind"], *_today())
    got = [
        (r["name"], r["reached"], r["reached_amount"], r["conversion"], r["now"], r["weighted"])
        for r in res.rows
    ]
    assert got == [
        ("Lead", 5, D("1500.00"), None, 2, D("90.00")),  # (400 + 500) × 10 %
        ("Offer", 4, D("1100.00"), D("80.00"), 1, D("120.00")),  # 300 × 40 %
        ("Talks", 1, D("100.00"), D("25.00"), 0, D("0")),
        ("Won", 1, D("100.00"), D("100.00"), 1, None),
        ("Lost", None, None, None, 1, None),
    ]
    # Deals opened before the period are not in it.
    assert (
        funnel(world.session, pipeline["kind"], dt.date(2020, 1, 1), dt.date(2020, 12, 31)).rows[0][
            "reached"
        ]
        == 0
    )


def test_manager_kpis(stocked, pipeline):
    deal = pipeline["deal"]
    deal("D1", "100", ("lead", "won"), manager="anna")
    deal("D2", "200", ("lead", "lost"), manager="anna")
    deal("D3", "300", ("lead", "won"), manager="anna")
    deal("D4", "400", ("lead", "offer"), manager="boris")
    stocked.session.execute(
        "UPDATE cat_partners SET manager = 'anna' WHERE id = :p", p=stocked.partner
    )
    today = dt.datetime.now().replace(microsecond=0).isoformat()
    sale(stocked, today, stocked.customer, stocked.products[0], "2", "75")
    rows = {r["manager"]: r for r in manager_kpis(stocked.session, *_today()).rows}
    anna, boris = rows["anna"], rows["boris"]
    assert (anna["won"], anna["lost"], anna["win_rate"], anna["revenue"]) == (
        2,
        1,
        D("66.67"),
        D("150.00"),
    )
    assert (anna["open_deals"], boris["open_deals"], boris["pipeline"]) == (0, 1, D("400.00"))
    assert boris["win_rate"] is None and boris["won"] == 0


def test_marketing_effectiveness(stocked, pipeline):
    cats = pipeline["cats"]
    fairs = cats.save("ad_channels", {"name": "Fairs"})["id"]
    expo = cats.save("marketing_events", {"name": "Expo", "channel": fairs, "budget": "1000.00"})[
        "id"
    ]
    web = cats.save("ad_channels", {"name": "Web"})["id"]
    deal = pipeline["deal"]
    d1 = deal("D1", "100", ("lead", "won"), channel=fairs, event=expo)
    deal("D2", "200", ("lead", "lost"), channel=fairs, event=expo)
    deal("D3", "300", ("lead",), channel=web)
    today = dt.datetime.now().replace(microsecond=0).isoformat()
    sale(stocked, today, stocked.customer, stocked.products[0], "5", "10", deal=d1)
    rows = [
        (r["source"], r["leads"], r["won"], r["revenue"], r["cost"], r["per_won"])
        for r in marketing(stocked.session, *_today()).rows
    ]
    assert rows == [
        ("Fairs", 2, 1, D("50.00"), D("1000.00"), D("1000.00")),
        ("Expo", 2, 1, D("50.00"), D("1000.00"), D("1000.00")),
        ("Web", 1, 0, D("0"), D("0"), None),
    ]
