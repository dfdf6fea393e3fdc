"""Benchmark (not a test): the stock report grouped and filtered by a field added without code.

The report benchmark's throw-away infobase (:func:`tests.bench.report.fill`: 2,000 products,
``--movements`` stock movements over 24 months), then a choice field *Brand* (10 options) added
to products and set on every product. Medians of ``--repeats`` runs, one year (Jul 2025 – Jun
2026): by product (the baseline), by Product.Brand, by Product.Brand × product, by product
filtered to one brand; and a drill-down to one brand's month.

Prints one JSON object. Run: ``uv run python -m tests.bench.report_extra [--movements 200000]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from typing import Any

from sqlalchemy import create_engine

from server import extra_fields as xf
from server.api import Session
from server.api.reports import Reports, ReportSettings
from server.metadata import registry
from tests.bench.report import fill, median_ms
from tests.bench.seed import throwaway_infobase

BRANDS = tuple((f"b{i}", f"Brand {i}") for i in range(10))
BRAND = xf.ExtraField("catalog", "products", "x_brand", "Brand", "choice", options=BRANDS)


def measure(url: str, repeats: int) -> dict[str, Any]:
    eng = create_engine(url)
    session = Session(eng)
    xf.add(session, BRAND)
    session.execute("UPDATE kontora.cat_products SET x_brand = 'b' || (id % 10) WHERE NOT is_group")
    session.execute("ANALYZE kontora.cat_products")
    xf.refresh(session, registry)
    reports = Reports(session, registry)
    year = (dt.date(2025, 7, 1), dt.date(2026, 6, 30))
    cases = {
        "year_product": ReportSettings("stock", *year, ("product",)),
        "year_brand": ReportSettings("stock", *year, ("product.x_brand",)),
        "year_brand_product": ReportSettings("stock", *year, ("product.x_brand", "product")),
        "year_product_one_brand": ReportSettings(
            "stock", *year, ("product",), {"product.x_brand": ("b3",)}
        ),
    }
    out: dict[str, Any] = {}
    totals = {}
    for name, s in cases.items():
        ms, rep = median_ms(lambda s=s: reports.run(s), repeats)
        out[f"{name}_ms"], out[f"{name}_rows"] = ms, len(rep.rows)
        totals[name] = rep.total.values["quantity_close"]
    out["totals_agree"] = totals["year_product"] == totals["year_brand"]
    month = ReportSettings("stock", dt.date(2026, 6, 1), dt.date(2026, 6, 30), ("product.x_brand",))
    ms, moves = median_ms(lambda: reports.movements(month, {"product.x_brand": "b3"}), repeats)
    out |= {"drill_brand_month_ms": ms, "drill_brand_month_movements": len(moves)}
    xf.merge(registry, [])
    eng.dispose()
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--movements", type=int, default=200_000, help="stock movements")
    ap.add_argument("--repeats", type=int, default=5, help="runs per figure (median kept)")
    args = ap.parse_args()
    with throwaway_infobase("report-extra") as ib:
        url = ib.url()
        result: dict[str, Any] = {"movements": args.movements}
        result["fill_s"] = round(fill(url, args.movements), 1)
        result |= measure(url, args.repeats)
        print(json.dumps(result))


if __name__ == "__main__":
    main()
