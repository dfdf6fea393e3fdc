"""Benchmark (not a test): the CRM analytics over 1,000,000 sales lines and 10,000 deals.

Builds a throw-away embedded infobase: 2,000 partners (one counterparty each), 5,000 products
and ``--lines`` sales movements spread over 2025–2026 (INSERT … SELECT, triggers off: the
analyses read the register, so its movements are what they need), and 10,000 deals of one type
walked through a five-stage pipeline with their stage statistics written by the database's own
rules. Measures, median of ``--repeats`` runs: ABC of customers and of products for a year, XYZ
of products for a year, the BCG matrix for a quarter, manager KPIs and the sales funnel.

Run: ``uv run python -m tests.bench.analytics [--lines 1000000] [--repeats 3]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import time
from typing import Any

from sqlalchemy import create_engine, text

import server.config  # noqa: F401
from server.api import Session
from server.api.abc_xyz import abc, bcg, xyz
from server.api.crm_funnel import funnel, manager_kpis
from tests.bench.report import median_ms
from tests.bench.seed import throwaway_infobase

PARTNERS, PRODUCTS, DEALS = 2000, 5000, 10_000
YEAR = (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
QUARTER = (dt.date(2026, 7, 1), dt.date(2026, 9, 30))


def fill(url: str, lines: int) -> float:
    eng = create_engine(url)
    t0 = time.perf_counter()
    with eng.begin() as c:

        def x(sql: str) -> None:
            c.execute(text(sql))

        x("INSERT INTO cat_units(name, precision) VALUES ('pcs', 0)")
        x(
            "INSERT INTO cat_partners(name, is_client, manager) SELECT 'Partner ' || i, true, "
            f"'manager' || (i % 12) FROM generate_series(1, {PARTNERS}) i"
        )
        x("INSERT INTO cat_counterparties(name, partner_id) SELECT name, id FROM cat_partners")
        x(
            "INSERT INTO cat_products(name, unit_id) SELECT 'Product ' || i, "
            f"(SELECT id FROM cat_units) FROM generate_series(1, {PRODUCTS}) i"
        )
        x("SET LOCAL session_replication_role = replica")
        # A skewed mix: low customer and product numbers buy and sell more (a Pareto shape).
        x(
            "INSERT INTO reg_sales (recorder_type, recorder_id, line_no, period, customer_id, "
            "product_id, quantity, amount, vat_amount, cost) "
            "SELECT 'sales_shipment', i / 5 + 1, i % 5 + 1, "
            "timestamp '2025-01-01' + (i::bigint * 63072000 / "
            f"{lines}) * interval '1 second', "
            f"(SELECT min(id) FROM cat_counterparties) + (({PARTNERS}::float "
            f"* power(random(), 3))::int % {PARTNERS}), "
            f"(SELECT min(id) FROM cat_products) + (({PRODUCTS}::float "
            f"* power(random(), 2))::int % {PRODUCTS}), "
            "q, q * 12.50, q * 2.50, q * 9.00 "
            f"FROM generate_series(0, {lines - 1}) i, LATERAL (SELECT 1 + (i % 7) AS q) v"
        )
    with eng.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
        c.exec_driver_sql("VACUUM ANALYZE")
    _deals(eng)
    eng.dispose()
    return time.perf_counter() - t0


def _deals(eng: Any) -> None:
    """10,000 deals through the pipeline by the rules (stage statistics written by triggers)."""
    with eng.begin() as c:

        def one(sql: str) -> int:
            return int(c.execute(text(sql)).scalar())

        kind = one("INSERT INTO cat_deal_types(name) VALUES ('Sale') RETURNING id")
        stages = [
            one(
                "INSERT INTO cat_deal_stages(name, deal_type_id, sequence, probability, outcome) "
                f"VALUES ('{n}', {kind}, {s}, {p}, '{o}') RETURNING id"
            )
            for n, s, p, o in (
                ("Lead", 1, 10, "open"),
                ("Needs", 2, 30, "open"),
                ("Offer", 3, 50, "open"),
                ("Won", 9, 100, "won"),
                ("Lost", 10, 0, "lost"),
            )
        ]
        reason = one("INSERT INTO cat_loss_reasons(name) VALUES ('Price') RETURNING id")
        c.execute(
            text(
                "INSERT INTO cat_deals(name, partner_id, deal_type_id, stage_id, amount, manager) "
                "SELECT 'Deal ' || i, p.id, :k, :s, 1000 + i % 9000, p.manager "
                "FROM generate_series(1, :n) i "
                "JOIN cat_partners p ON p.id = (SELECT min(id) FROM cat_partners) + i % :np"
            ),
            {"k": kind, "s": stages[0], "n": DEALS, "np": PARTNERS},
        )
        # Each deal goes as far as its number says: lead → needs → offer → won | lost.
        for step, stage in enumerate(stages[1:3], start=1):
            c.execute(
                text("UPDATE cat_deals SET stage_id = :s WHERE id % 4 >= :k"),
                {"s": stage, "k": step},
            )
        c.execute(text("UPDATE cat_deals SET stage_id = :s WHERE id % 8 = 7"), {"s": stages[3]})
        c.execute(
            text("UPDATE cat_deals SET stage_id = :s, loss_reason_id = :r WHERE id % 8 = 3"),
            {"s": stages[4], "r": reason},
        )


def measure(url: str, repeats: int) -> dict[str, Any]:
    eng = create_engine(url)
    s = Session(eng)
    kind = s.scalar("SELECT id FROM kontora.cat_deal_types")
    today = dt.date.today()
    cases = {
        "abc_customers_year": lambda: abc(s, "customers", *YEAR),
        "abc_products_year": lambda: abc(s, "products", *YEAR),
        "xyz_products_year": lambda: xyz(s, "products", *YEAR),
        "bcg_quarter": lambda: bcg(s, *QUARTER),
        "manager_kpis_year": lambda: manager_kpis(s, *YEAR),
        "funnel": lambda: funnel(s, kind, today - dt.timedelta(days=1), today),
    }
    out: dict[str, Any] = {
        "sales_lines": s.scalar("SELECT count(*) FROM kontora.reg_sales"),
        "deals": s.scalar("SELECT count(*) FROM kontora.cat_deals"),
        "stage_rows": s.scalar("SELECT count(*) FROM kontora.inf_deal_stage_stats"),
    }
    for name, fn in cases.items():
        ms, res = median_ms(fn, repeats)
        out[f"{name}_ms"] = ms
        out[f"{name}_rows"] = len(res.rows)
    eng.dispose()
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lines", type=int, default=1_000_000, help="sales movements")
    ap.add_argument("--repeats", type=int, default=3, help="runs per figure (median kept)")
    args = ap.parse_args()
    with throwaway_infobase("analytics") as ib:
        result: dict[str, Any] = {"fill_s": round(fill(ib.url(), args.lines), 1)}
        result |= measure(ib.url(), args.repeats)
        print(json.dumps(result))


if __name__ == "__main__":
    main()
