"""Benchmark (not a test): importing 10,000 products from an .xlsx workbook.

Builds a throw-away embedded infobase with two units and a VAT rate, writes a workbook of
``--rows`` products (name, SKU, unit, VAT rate, price, barcode), then measures reading the
sheet, checking every row (references, numbers, duplicate SKUs) and storing them, in both
modes: ``all`` (one transaction) and ``valid`` (savepoints, with 1 % of the rows broken so
the batches holding them are retried row by row).

Prints one JSON object. Run: ``uv run python -m tests.bench.excel_import [--rows 10000]``.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook
from sqlalchemy import create_engine, text

import server.config  # noqa: F401
from server.api import Session
from server.api.import_sheet import read_sheet
from server.api.import_targets import guess_mapping, targets
from server.api.importing import run_import
from server.metadata import registry
from tests.bench.seed import throwaway_infobase


def workbook(path: Path, rows: int, prefix: str, broken_every: int = 0) -> Path:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Products")
    ws.append(["Наименование", "Артикул", "Ед. изм.", "Ставка НДС", "Цена", "Штрихкод"])
    for i in range(rows):
        price = "12,3.4" if broken_every and i % broken_every == 7 else round(i * 0.37 % 900, 2)
        ws.append(
            [
                f"Product {prefix}{i}",
                f"{prefix}-{i:06d}",
                "pcs" if i % 3 else "kg",
                "20%",
                price,
                f"46{i:011d}",
            ]
        )
    wb.save(path)
    return path


def measure(session: Session, path: Path, mode: str) -> dict:
    t0 = time.perf_counter()
    sheet = read_sheet(path)
    t1 = time.perf_counter()
    mapping = guess_mapping(targets(registry)["products"], sheet.headings)
    report = run_import(session, registry, "products", sheet, mapping, mode)
    t2 = time.perf_counter()
    return {
        "mode": mode,
        "rows": len(sheet.rows),
        "imported": report.imported,
        "refused": report.refused,
        "read_s": round(t1 - t0, 2),
        "check_and_store_s": round(t2 - t1, 2),
        "total_s": round(t2 - t0, 2),
        "rows_per_s": round(len(sheet.rows) / (t2 - t0)),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=10_000)
    args = ap.parse_args()
    out: dict = {"bench": "excel_import", "target": "products"}
    with throwaway_infobase("import") as ib, tempfile.TemporaryDirectory() as tmp:
        eng = create_engine(ib.url())
        with eng.begin() as c:
            c.execute(
                text("INSERT INTO kontora.cat_units(name, precision) VALUES ('pcs', 0), ('kg', 3)")
            )
            c.execute(text("INSERT INTO kontora.cat_vat_rates(name, rate) VALUES ('20%', 20)"))
        s = Session(eng)
        good = workbook(Path(tmp) / "good.xlsx", args.rows, "A")
        broken = workbook(Path(tmp) / "broken.xlsx", args.rows, "B", broken_every=100)
        out["all_or_nothing"] = measure(s, good, "all")
        out["valid_rows_1pct_broken"] = measure(s, broken, "valid")
        eng.dispose()
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
