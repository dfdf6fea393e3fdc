"""Benchmark (not a test): a 100,000-row list exported to Excel the way the client does it.

Builds a throw-away embedded infobase with N goods receipts (bulk INSERT … SELECT, as
:mod:`tests.bench.big_list`), then runs :func:`forms.list_actions.run_export` — count, read the
list page by page, stream the workbook — and reads the file back (openpyxl, read-only) to check
the row count. Prints one JSON object: rows, seconds, the process's peak memory growth (RSS
sampled every 20 ms) and the file size. Also the sheet writer alone on the same rows held in
memory (``writer_s``), to tell the database's share from the workbook's.
Run: ``uv run python -m tests.bench.excel_export [--rows 100000]``.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import openpyxl
from sqlalchemy import create_engine

import server.config  # noqa: F401
from forms.list_actions import ExportJob, Progress, run_export
from reports.excel import export_rows
from server.api import Session
from server.api.lists import document_query
from server.metadata import registry
from tests.bench.big_list import fill, rss_mb
from tests.bench.seed import throwaway_infobase


class PeakRss:
    """The highest RSS seen while the ``with`` block runs (sampled in a thread)."""

    def __enter__(self) -> PeakRss:
        self.start = self.peak = rss_mb()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self) -> None:
        while not self._stop.wait(0.02):
            self.peak = max(self.peak, rss_mb())

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, rss_mb())

    @property
    def growth(self) -> float:
        return round(self.peak - self.start, 1)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=100_000, help="documents in the list")
    args = ap.parse_args()
    out: dict[str, object] = {"rows": args.rows}
    with throwaway_infobase("excel") as ib, tempfile.TemporaryDirectory() as folder:
        url = ib.url()
        out["fill_s"] = round(fill(url, args.rows), 1)
        engine = create_engine(url)
        query = document_query(registry.document("goods_receipt"))
        columns = [(c.key, c.label, c.kind) for c in query.columns]
        path = str(Path(folder) / "list.xlsx")
        job = ExportJob(query, columns, path, query.title, "Bench")
        progress = Progress()
        with PeakRss() as mem:
            t0 = time.perf_counter()
            count = run_export(engine, job, progress)
            out["seconds"] = round(time.perf_counter() - t0, 2)
        out["peak_rss_growth_mb"] = mem.growth
        out["file_mb"] = round(Path(path).stat().st_size / 2**20, 2)
        ws = openpyxl.load_workbook(path, read_only=True).active
        out["rows_written"] = count
        money = any(kind == "money" for _, _, kind in columns)
        lines = sum(1 for _ in ws.iter_rows(min_row=5, values_only=True))
        out["rows_read_back"] = lines - (1 if money and count else 0)  # less the totals line
        out["columns"] = [c[0] for c in columns]

        rows = list(query.all_rows(Session(engine)))
        t0 = time.perf_counter()
        export_rows(columns, rows, path, query.title)
        out["writer_s"] = round(time.perf_counter() - t0, 2)
        engine.dispose()
    out["under_10_s"] = float(out["seconds"]) < 10  # type: ignore[arg-type]
    print(json.dumps(out))


if __name__ == "__main__":
    main()
