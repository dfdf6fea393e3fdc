"""Reports over many months read the monthly turnover totals: the same figures as plain sums.

A balance register's monthly totals keep each resource's receipts (``<resource>_in``) beside its
net change, kept by posting (new, reposted, unposted documents and cost recalculation); the
report reads them for the whole months of its period and the movements for the partial months
at its edges. Here a history of receipts, shipments and write-offs around month ends and
midnights, with reposts, an unpost and a back-dated receipt re-costing later shipments, is
reported over random periods (hypothesis) and compared with plain sums over the movements.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from server.api import new_document
from server.api import reports as reports_module
from server.api.reports import Reports, ReportSettings
from server.metadata import RegisterKind, registry

D = Decimal
START = dt.date(2025, 11, 20)
DAYS = 230  # the history runs from START to about 2026-06-25
TIMES = ("00:00:00", "00:00:01", "12:00:00", "23:59:59")


def _save(w, name: str, at: dt.datetime, lines: list[dict], **header) -> dict:
    doc = new_document(organization=w.org, date=at.isoformat(), lines=lines, **header)
    return w.docs.save(name, doc, post=True)


def _moment(rnd: random.Random) -> dt.datetime:
    """A random moment, often on a month's first or last day, at or next to midnight."""
    day = START + dt.timedelta(days=rnd.randrange(DAYS))
    if rnd.random() < 0.4:  # a month's edge
        day = day.replace(day=1) - dt.timedelta(days=rnd.choice((0, 1)))
    return dt.datetime.fromisoformat(f"{day.isoformat()}T{rnd.choice(TIMES)}")


@pytest.fixture
def history(world):
    """Plenty of each product first (nothing ever runs short), then 60 random documents; one
    receipt reposted dearer and back-dated (re-costing later shipments and transfers, whose
    incoming side takes the new cost), one shipment reposted with another quantity, one
    write-off unposted."""
    w, rnd = world, random.Random(47)
    products = w.products[:3]
    first = dt.datetime(2025, 11, 1)
    for wh in (w.wh, w.wh2):
        lines = [{"product": p, "quantity": "500", "price": "1.00"} for p in products]
        _save(w, "goods_receipt", first, lines, warehouse=wh)
    docs: list[tuple[str, dict, dict]] = []
    for _ in range(60):
        at, p, q = _moment(rnd), rnd.choice(products), str(rnd.randint(1, 9))
        wh = rnd.choice((w.wh, w.wh2))
        kind = rnd.choice(("goods_receipt", "sales_shipment", "write_off", "stock_transfer"))
        line = {"product": p, "quantity": q, "price": f"{rnd.randint(100, 900) / 100:.2f}"}
        if kind == "goods_receipt":
            doc = _save(w, kind, at, [line], warehouse=wh)
        elif kind == "sales_shipment":
            doc = _save(w, kind, at, [line], warehouse=wh, customer=w.customer)
        elif kind == "write_off":
            del line["price"]
            extra = {"reason": "spoilage", "expense_item": w.expense_item}
            doc = _save(w, kind, at, [line], warehouse=wh, **extra)
        else:  # its incoming cost follows the outgoing one: a receipt re-costed
            del line["price"]
            to = w.wh2 if wh == w.wh else w.wh
            doc = _save(w, kind, at, [line], warehouse=wh, to_warehouse=to)
        docs.append((kind, doc, line))
    kind, doc, line = next(x for x in docs if x[0] == "goods_receipt")
    dearer = {**line, "price": "9.99"}
    when = dt.datetime(2025, 12, 31, 23, 59, 59).isoformat()
    change = {"id": doc["id"], "version": doc["version"], "date": when, "lines": [dearer]}
    w.docs.save(kind, change)
    kind, doc, line = next(x for x in docs if x[0] == "sales_shipment")
    change = {"id": doc["id"], "version": doc["version"], "lines": [{**line, "quantity": "2"}]}
    w.docs.save(kind, change)
    kind, doc, _ = next(x for x in docs if x[0] == "write_off")
    w.docs.unpost(kind, doc["id"])
    return w


def test_totals_keep_each_months_receipts_exactly(history):
    """Every balance register's ``<resource>_in`` is the sum of its month's positive
    movements, after posting, reposting, unposting and cost recalculation."""
    s = history.session
    for r in registry.registers.values():
        if r.kind is not RegisterKind.BALANCE:
            continue
        keys = ", ".join([*r.dim_columns, "month"])
        cols = ", ".join(f"{c}_in" for c in r.res_columns)
        sums = ", ".join(f"sum(greatest({c}, 0))" for c in r.res_columns)
        differ = " OR ".join(
            f"coalesce(t.{c}_in, 0) <> coalesce(m.{c}_in, 0)" for c in r.res_columns
        )
        bad = s.rows(
            f"SELECT * FROM (SELECT {keys}, {cols} FROM {r.totals_table}) t "
            f"FULL JOIN (SELECT {', '.join(r.dim_columns)}, date_trunc('month', period)::date "
            f"AS month, {sums} FROM {r.table} GROUP BY {keys}) m({keys}, {cols}) "
            f"USING ({keys}) WHERE {differ}"
        )
        assert bad == [], r.name
    moved = s.scalar("SELECT count(*) FROM reg_stock_totals WHERE quantity_in <> 0")
    assert moved > 10  # the history reached many months


def _expected_stock(s, p0: dt.datetime, p1: dt.datetime) -> dict:
    rows = s.rows(
        "SELECT warehouse_id, product_id, "
        + ", ".join(
            f"coalesce(sum({c}) FILTER (WHERE period < :p0), 0) AS {c}_open, "
            f"coalesce(sum({c}) FILTER (WHERE period >= :p0 AND {c} > 0), 0) AS {c}_in, "
            f"coalesce(-sum({c}) FILTER (WHERE period >= :p0 AND {c} < 0), 0) AS {c}_out, "
            f"sum({c}) AS {c}_close"
            for c in ("quantity", "cost")
        )
        + " FROM reg_stock WHERE period < :p1 GROUP BY 1, 2",
        p0=p0,
        p1=p1,
    )
    out = {}
    for row in rows:
        wh, p, *fig = row.values()
        if any(fig):
            out[(wh, p)] = tuple(fig)
    return out


def _report_stock(w, date_from: dt.date, date_to: dt.date) -> dict:
    rep = Reports(w.session, registry).run(
        ReportSettings("stock", date_from, date_to, grouping=("warehouse", "product"))
    )
    parts = ("open", "in", "out", "close")
    return {
        (row.keys["warehouse"], row.keys["product"]): tuple(
            row.values[f"{c}_{p}"] for c in ("quantity", "cost") for p in parts
        )
        for row in rep.rows
        if row.kind == "item"
    }


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    a=st.integers(0, DAYS),
    n=st.integers(0, DAYS),
    backward=st.booleans(),
    bucket=st.sampled_from(("", "month", "day")),
)
@example(a=11, n=58, backward=False, bucket="")  # 2025-12-01 – 2026-01-28: a whole month + part
@example(a=11, n=89, backward=True, bucket="month")  # 2025-12-01 – 2026-02-28: whole months
@example(a=10, n=1, backward=False, bucket="")  # 2025-11-30 – 2025-12-01: across a month end
@example(a=42, n=0, backward=True, bucket="day")  # 2026-01-01, one day
def test_reports_equal_plain_sums_over_the_movements(history, a, n, backward, bucket):
    w = history
    date_from = START + dt.timedelta(days=a)
    date_to = date_from + dt.timedelta(days=n)
    p0 = dt.datetime.combine(date_from, dt.time())
    p1 = dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time())
    saved = reports_module.opening_backward
    reports_module.opening_backward = lambda *_a: backward
    try:
        assert _report_stock(w, date_from, date_to) == _expected_stock(w.session, p0, p1)
        sales = Reports(w.session, registry).run(
            ReportSettings("sales", date_from, date_to, grouping=("product",), periodicity=bucket)
        )
    finally:
        reports_module.opening_backward = saved
    got = {
        (row.keys["product"], row.keys.get("period")): (row.values["quantity"], row.values["cost"])
        for row in sales.rows
        if row.kind == "item"
    }
    trunc = f"date_trunc('{bucket}', period)::date" if bucket else "NULL::date"
    want = {
        (r["product_id"], r["b"]): (r["q"], r["c"])
        for r in w.session.rows(
            f"SELECT product_id, {trunc} AS b, sum(quantity) AS q, sum(cost) AS c "
            "FROM reg_sales WHERE period >= :p0 AND period < :p1 GROUP BY 1, 2 "
            "HAVING sum(quantity) <> 0 OR sum(amount) <> 0 OR sum(vat_amount) <> 0 "
            "OR sum(cost) <> 0",
            p0=p0,
            p1=p1,
        )
    }
    assert got == want


def test_0029_computes_the_receipts_of_the_history_and_goes_back(history):
    """Upgraded from the revision before it, 0029 gives the totals the receipts posting keeps
    (computed again over whatever a downgrade left)."""
    from alembic import command

    from server.infobase import alembic_config

    def migrate(revision: str, down: bool = False) -> None:
        with history.db.engine.begin() as conn:
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            (command.downgrade if down else command.upgrade)(cfg, revision)

    s = history.session
    snapshot = "SELECT * FROM reg_stock_totals ORDER BY month, warehouse_id, product_id"
    kept = s.rows(snapshot)
    assert any(row["quantity_in"] and row["cost_in"] for row in kept)
    migrate("0029-1", down=True)  # the receipts stay (DEFAULT 0) and go stale
    s.execute("UPDATE reg_stock_totals SET quantity_in = 0, cost_in = 7")
    migrate("head")
    assert s.rows(snapshot) == kept
