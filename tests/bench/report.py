"""Benchmark (not a test): the universal register report over 200,000 stock movements.

Builds a throw-away embedded infobase: 5 warehouses, 2,000 products in 20 groups, 40,000 goods
receipts of 5 lines each spread over 24 months (Dec 2024 – Nov 2026), their stock movements
(signed, so there are receipts and expenses), monthly totals and balances, all written with
INSERT … SELECT (triggers off: only the registers matter here). Then measures, median of
``--repeats`` runs each, the server API (:class:`server.api.reports.Reports`) for:

* the last month (November 2026) by warehouse × product (its opening balance is read back
  from the current balances), and a month early in the history, from the 10th to the 9th of
  the next month (opening read forward from the monthly totals);
* one whole year by warehouse × product, and by product group × product;
* one month filtered by one product group (its descendants);
* a drill-down to one cell (warehouse, product, month) and to one warehouse's month;
* the balance of a random key at a random moment (:meth:`server.api.Registers.balance`);
* in the client (offscreen): the report form from Generate to the 10,000 rows shown, and
  their export to Excel.

Prints one JSON object. Run: ``uv run python -m tests.bench.report [--movements 200000]``;
``--keep DIR`` builds the infobase in DIR and keeps it, and a later run reuses it (10,000,000
movements take minutes to fill).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text

import server.config  # noqa: F401
from server.api import Registers, Session
from server.api.reports import Reports, ReportSettings
from server.infobase import Infobase
from server.metadata import registry
from tests.bench.seed import throwaway_infobase

WAREHOUSES, PRODUCTS, GROUPS, LINES = 5, 2000, 20, 5


def fill(url: str, movements: int) -> float:
    eng = create_engine(url)
    docs = movements // LINES
    t0 = time.perf_counter()
    with eng.begin() as c:

        def x(sql: str) -> None:
            c.execute(text(sql))

        x("SET LOCAL session_replication_role = replica")
        x("INSERT INTO cat_organizations(name) VALUES ('Acme')")
        x("INSERT INTO cat_units(name, precision) VALUES ('pcs', 0)")
        x(
            "INSERT INTO cat_warehouses(name) SELECT 'Warehouse ' || i "
            f"FROM generate_series(1, {WAREHOUSES}) i"
        )
        x(
            "INSERT INTO cat_products(name, is_group) "
            f"SELECT 'Group ' || lpad(i::text, 2, '0'), true FROM generate_series(1, {GROUPS}) i"
        )
        x(
            "INSERT INTO cat_products(name, unit_id, parent_id) "
            "SELECT 'Product ' || lpad(i::text, 5, '0'), (SELECT min(id) FROM cat_units), "
            f"(SELECT min(id) FROM cat_products) + i % {GROUPS} "
            f"FROM generate_series(1, {PRODUCTS}) i"
        )
        x(
            "INSERT INTO doc_goods_receipt (client_key, number, date, organization_id, "
            "warehouse_id, posted) SELECT gen_random_uuid(), 'GR-' || lpad(i::text, 7, '0'), "
            f"timestamp '2024-12-01' + (i::float / {docs}) * interval '729 days', "
            "(SELECT min(id) FROM cat_organizations), "
            f"(SELECT min(id) FROM cat_warehouses) + i % {WAREHOUSES}, true "
            f"FROM generate_series(1, {docs}) i"
        )
        x(
            "INSERT INTO reg_stock (recorder_type, recorder_id, line_no, period, warehouse_id, "
            "product_id, quantity, cost) SELECT 'goods_receipt', d.id, l, d.date, "
            f"d.warehouse_id, (SELECT min(id) FROM cat_products) + {GROUPS} "
            f"+ (d.id * 7 + l * 131) % {PRODUCTS}, q, q * 1.50 "  # cost: 1.50 a unit
            f"FROM doc_goods_receipt d CROSS JOIN generate_series(1, {LINES}) l, "
            "LATERAL (SELECT CASE WHEN (d.id + l) % 3 = 0 THEN -1 ELSE 2 END "
            "* (1 + (d.id * l) % 9) AS q) v"
        )
        x(
            "INSERT INTO reg_stock_totals (month, warehouse_id, product_id, quantity, cost, "
            "quantity_in, cost_in) SELECT date_trunc('month', period)::date, warehouse_id, "
            "product_id, sum(quantity), sum(cost), sum(greatest(quantity, 0)), "
            "sum(greatest(cost, 0)) FROM reg_stock GROUP BY 1, 2, 3"
        )
        x(
            "INSERT INTO reg_stock_balance (warehouse_id, product_id, quantity, cost) "
            "SELECT warehouse_id, product_id, sum(quantity), sum(cost) FROM reg_stock "
            "GROUP BY 1, 2"
        )
    with eng.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
        c.exec_driver_sql("VACUUM ANALYZE")
    eng.dispose()
    return time.perf_counter() - t0


def median_ms(fn: Callable[[], Any], repeats: int) -> tuple[float, Any]:
    times, out = [], None
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return round(statistics.median(times) * 1000, 1), out


def measure(url: str, repeats: int) -> dict[str, Any]:
    eng = create_engine(url)
    session = Session(eng)
    reports = Reports(session, registry)
    first = session.rows(
        "SELECT (SELECT min(id) FROM kontora.cat_warehouses) AS wh, "
        "(SELECT min(id) FROM kontora.cat_products WHERE is_group) AS grp"
    )[0]
    month = ReportSettings("stock", dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    early = ReportSettings("stock", dt.date(2025, 3, 10), dt.date(2025, 4, 9))
    year = ReportSettings("stock", dt.date(2025, 7, 1), dt.date(2026, 6, 30))
    by_group = ReportSettings(
        "stock", year.date_from, year.date_to, grouping=("product.group", "product")
    )
    filtered = ReportSettings(
        "stock", month.date_from, month.date_to, filters={"product": (first["grp"],)}
    )
    out: dict[str, Any] = {}
    for name, s in (
        ("month_wh_product", month),
        ("early_partial_month_wh_product", early),
        ("year_wh_product", year),
        ("year_group_product", by_group),
        ("month_one_group", filtered),
    ):
        ms, rep = median_ms(lambda s=s: reports.run(s), repeats)
        out[f"{name}_ms"] = ms
        out[f"{name}_rows"] = len(rep.rows)
    cell = next(r for r in reports.run(month).rows if r.kind == "item")
    ms, moves = median_ms(lambda: reports.movements(month, cell.keys), repeats)
    out |= {"drill_cell_ms": ms, "drill_cell_movements": len(moves)}
    ms, moves = median_ms(lambda: reports.movements(month, {"warehouse": first["wh"]}), repeats)
    out |= {"drill_warehouse_month_ms": ms, "drill_warehouse_month_movements": len(moves)}
    out |= balances(session, repeats * 20)
    eng.dispose()
    return out


def balances(session: Session, n: int) -> dict[str, Any]:
    """The balance of a random (warehouse, product) at a random moment of the history, ``n``
    times: median and 95th percentile (DESIGN §5: under 50 ms at 10M movements)."""
    rnd = random.Random(7)
    keys = session.rows("SELECT warehouse_id, product_id FROM kontora.reg_stock_balance")
    regs, start, span = Registers(session, registry), dt.datetime(2024, 12, 1), 729 * 86400
    times = []
    for _ in range(n):
        k = rnd.choice(keys)
        at = start + dt.timedelta(seconds=rnd.randrange(span))
        t0 = time.perf_counter()
        regs.balance("stock", at=at, warehouse=k["warehouse_id"], product=k["product_id"])
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return {
        "balance_random_key_date_median_ms": round(statistics.median(times), 2),
        "balance_random_key_date_p95_ms": round(times[int(len(times) * 0.95) - 1], 2),
    }


def gui(url: str, repeats: int) -> dict[str, Any]:
    """The report form offscreen: Generate (F5) to the rows shown, the last month by
    warehouse × product."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from forms.report_form import ReportForm

    app = QApplication.instance() or QApplication([])
    eng = create_engine(url)
    form = ReportForm(eng, registry, "stock")
    form.resize(1200, 800)
    form.show()
    times: list[float] = []
    done: list[bool] = []
    form.generated.connect(lambda: done.append(True))
    for _ in range(repeats):
        form.panel.set_period(dt.date(2026, 11, 1), dt.date(2026, 11, 30))
        done.clear()
        t0 = time.perf_counter()
        form.generate()
        while not done:
            app.processEvents()
            time.sleep(0.0005)
        app.processEvents()
        times.append(time.perf_counter() - t0)
    rows = form.model.rowCount()
    written: list[str] = []
    form.exported.connect(written.append)
    t0 = time.perf_counter()
    form.export_to_excel(str(Path(tempfile.mkdtemp(prefix="kontora-bench-xlsx-")) / "r.xlsx"))
    while not written:
        app.processEvents()
        time.sleep(0.001)
    export_ms = round((time.perf_counter() - t0) * 1000, 1)
    shutil.rmtree(Path(written[0]).parent, ignore_errors=True)
    form.close()
    eng.dispose()
    return {
        "gui_generate_to_shown_ms": round(statistics.median(times) * 1000, 1),
        "gui_rows": rows,
        "gui_excel_export_ms": export_ms,
    }


def run(ib: Infobase, movements: int, repeats: int) -> dict[str, Any]:
    """Fill ``ib`` unless it holds movements already (a kept one), then measure."""
    url = ib.url()
    eng = create_engine(url)
    with eng.connect() as c:
        held = int(c.scalar(text("SELECT count(*) FROM kontora.reg_stock")))
    eng.dispose()
    result: dict[str, Any] = {"movements": held or movements}
    if held == 0:
        result["fill_s"] = round(fill(url, movements), 1)
    result |= measure(url, repeats)
    result |= gui(url, repeats)
    return result


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--movements", type=int, default=200_000, help="stock movements")
    ap.add_argument("--repeats", type=int, default=7, help="runs per figure (median kept)")
    ap.add_argument(
        "--keep",
        metavar="DIR",
        help="build the infobase in DIR and keep it; a later run with the same DIR reuses it",
    )
    args = ap.parse_args()
    if args.keep:
        ib = Infobase(args.keep)
        ib.init()  # created the first time, else started (and upgraded)
        try:
            print(json.dumps(run(ib, args.movements, args.repeats)))
        finally:
            ib.stop_if_unused()
        return
    with throwaway_infobase("report") as ib:
        print(json.dumps(run(ib, args.movements, args.repeats)))


if __name__ == "__main__":
    main()
