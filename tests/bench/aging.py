"""Benchmark (not a test): customer debts by age over 100,000 settlement movements.

Builds a throw-away embedded infobase: 1,000 counterparties (each of its own partner), and per
counterparty 50 shipments two weeks apart (Dec 2024 – Nov 2026) each paid ten days later, so
about 100,000 settlement movements with their monthly totals and balances (INSERT … SELECT,
triggers off). Every tenth counterparty pays its last three shipments only by half (open
debts), every fiftieth (from the second) pays its last shipment twice (an advance). Then
measures, median of ``--repeats`` runs, :meth:`server.api.report_trade.TradeReports.aging` on
the last day and on a day in the middle of the history, and prints the figures with the debt
and advance totals (so two runs of different code can be compared for equal results).

Run: ``uv run python -m tests.bench.aging [--movements 100000] [--repeats 5]``.
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
from server.api.report_trade import TradeReports
from server.api.reports import ReportSettings
from server.metadata import registry
from tests.bench.report import median_ms
from tests.bench.seed import throwaway_infobase

COUNTERPARTIES = 1000
LAST, MIDDLE = dt.date(2026, 11, 30), dt.date(2025, 12, 31)


def fill(url: str, movements: int) -> float:
    eng = create_engine(url)
    per = movements // COUNTERPARTIES // 2  # shipments per counterparty
    t0 = time.perf_counter()
    with eng.begin() as c:

        def x(sql: str) -> None:
            c.execute(text(sql))

        x("SET LOCAL session_replication_role = replica")
        x(
            "INSERT INTO cat_partners(name, is_client) SELECT 'Partner ' || lpad(i::text, 4, '0'),"
            f" true FROM generate_series(1, {COUNTERPARTIES}) i"
        )
        x(
            "INSERT INTO cat_counterparties(name, partner_id) SELECT 'Client ' || "
            "lpad((p.id - m.id + 1)::text, 4, '0'), p.id FROM cat_partners p, "
            "(SELECT min(id) AS id FROM cat_partners) m"
        )
        # n: the counterparty's number from 0, j: the shipment, k: 0 shipment, 1 payment
        x(
            "INSERT INTO reg_customer_settlements (recorder_type, recorder_id, line_no, period, "
            "partner_id, counterparty_id, order_id, amount) "
            "SELECT CASE k WHEN 0 THEN 'sales_shipment' ELSE 'customer_payment' END, "
            f"1 + n + {COUNTERPARTIES} * j, 1, "
            "timestamp '2024-12-01 09:00' + (j * 14 + k * 10) * interval '1 day' "
            "+ n * interval '1 minute', c.partner_id, c.id, 0, "
            "CASE WHEN k = 0 THEN a "
            f"WHEN n % 10 = 0 AND j >= {per - 3} THEN -round(a / 2, 2) "
            f"WHEN n % 50 = 1 AND j = {per - 1} THEN -2 * a ELSE -a END "
            "FROM (SELECT c.id, c.partner_id, c.id - (SELECT min(id) FROM cat_counterparties) "
            "AS n FROM cat_counterparties c) c "
            f"CROSS JOIN generate_series(0, {per - 1}) j CROSS JOIN generate_series(0, 1) k "
            "CROSS JOIN LATERAL (SELECT (100 + (c.n * 7 + j * 13) % 900)::numeric AS a) v "
            "WHERE k = 0 OR timestamp '2024-12-01' + (j * 14 + 10) * interval '1 day' "
            "< timestamp '2026-12-01'"
        )
        x(
            "INSERT INTO reg_customer_settlements_totals (month, partner_id, counterparty_id, "
            "order_id, amount, amount_in) SELECT date_trunc('month', period)::date, partner_id, "
            "counterparty_id, order_id, sum(amount), sum(greatest(amount, 0)) "
            "FROM reg_customer_settlements GROUP BY 1, 2, 3, 4"
        )
        x(
            "INSERT INTO reg_customer_settlements_balance (partner_id, counterparty_id, "
            "order_id, amount) SELECT partner_id, counterparty_id, order_id, sum(amount) "
            "FROM reg_customer_settlements GROUP BY 1, 2, 3"
        )
    with eng.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
        c.exec_driver_sql("VACUUM ANALYZE")
    eng.dispose()
    return time.perf_counter() - t0


def _aging(trade: TradeReports, as_of: dt.date) -> Any:
    return trade.aging(ReportSettings("customer_aging", as_of, as_of))


def measure(url: str, repeats: int) -> dict[str, Any]:
    eng = create_engine(url)
    session = Session(eng)
    out: dict[str, Any] = {
        "movements": session.scalar("SELECT count(*) FROM kontora.reg_customer_settlements")
    }
    trade = TradeReports(session, registry)
    for name, as_of in (("last_day", LAST), ("middle", MIDDLE)):
        ms, rep = median_ms(lambda d=as_of: _aging(trade, d), repeats)
        out[f"{name}_ms"] = ms
        out[f"{name}_rows"] = sum(1 for r in rep.rows if r.kind == "item")
        out[f"{name}_debt"] = str(rep.total.values["debt"])
        out[f"{name}_advance"] = str(rep.total.values["advance"])
    eng.dispose()
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--movements", type=int, default=100_000, help="settlement movements")
    ap.add_argument("--repeats", type=int, default=5, help="runs per figure (median kept)")
    args = ap.parse_args()
    with throwaway_infobase("aging") as ib:
        result: dict[str, Any] = {"fill_s": round(fill(ib.url(), args.movements), 1)}
        result |= measure(ib.url(), args.repeats)
        print(json.dumps(result))


if __name__ == "__main__":
    main()
