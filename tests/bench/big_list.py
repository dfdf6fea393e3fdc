"""Benchmark (not a test): the list form over 1,000,000 documents — first page, scrolling, memory.

Builds a throw-away embedded infobase with N goods receipts (bulk INSERT … SELECT, triggers off:
these rows only feed a list), then opens the real :class:`forms.list_form.ListForm` offscreen and
measures: the server time of the first page and of a page deep in the list (keyset), the time
from opening the form to its first rows, each scroll step (the view asks for the next page),
Ctrl+End (the last page read directly), and the process memory (RSS) before and after scrolling
through ``--scroll-rows`` rows — flat, because the model keeps a window of pages.
Then, ``--repeats`` times in a fresh client process: the main window up, the list opened from
it — the user's path, DESIGN §5's "first page". Prints one JSON object.
Run: ``uv run python -m tests.bench.big_list [--rows 1000000] [--repeats 3]``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication
from sqlalchemy import create_engine, text

import server.config  # noqa: F401
from forms.list_form import ListForm
from server.api import Session
from server.api.lists import document_query
from server.infobase import Infobase
from server.metadata import registry
from tests.bench.seed import client_env


def rss_mb() -> float:
    """Resident memory of this process (Linux /proc; peak RSS elsewhere)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def fill(url: str, rows: int) -> float:
    eng = create_engine(url)
    t0 = time.perf_counter()
    with eng.begin() as c:
        org = c.execute(text("INSERT INTO cat_organizations(name) VALUES ('Acme') RETURNING id"))
        org_id = org.scalar()
        wh = c.execute(text("INSERT INTO cat_warehouses(name) VALUES ('Main') RETURNING id"))
        wh_id = wh.scalar()
        c.exec_driver_sql("SET LOCAL session_replication_role = replica")
        c.execute(
            text(
                "INSERT INTO kontora.doc_goods_receipt (client_key, number, date, "
                "organization_id, warehouse_id, posted) SELECT gen_random_uuid(), "
                "'GR-' || lpad(i::text, 7, '0'), timestamp '2020-01-01' + i * interval '2 minutes',"
                " :org, :wh, i % 3 > 0 FROM generate_series(1, :n) i"
            ),
            {"org": org_id, "wh": wh_id, "n": rows},
        )
    with eng.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
        c.exec_driver_sql("VACUUM ANALYZE kontora.doc_goods_receipt")
    eng.dispose()
    return time.perf_counter() - t0


def wait(app: QApplication, done, limit: float = 60.0) -> float:
    t0 = time.perf_counter()
    while not done():
        app.processEvents()
        if time.perf_counter() - t0 > limit:
            raise TimeoutError("the list did not answer in time")
        time.sleep(0.0005)
    return time.perf_counter() - t0


def server_pages(url: str, repeats: int = 20) -> dict:
    """Server time of the first page and of a page 900,000 rows deep (keyset, no OFFSET)."""
    eng = create_engine(url)
    session = Session(eng)
    query = document_query(registry.document("goods_receipt"))
    firsts, deeps = [], []
    page = query.fetch(session)
    deep_cursor = None
    rows = session.rows(
        "SELECT date, id FROM kontora.doc_goods_receipt ORDER BY date DESC, id DESC "
        "OFFSET (SELECT count(*) * 9 / 10 FROM kontora.doc_goods_receipt) LIMIT 1"
    )
    deep_cursor = (rows[0]["date"], rows[0]["id"])
    for _ in range(repeats):
        t0 = time.perf_counter()
        page = query.fetch(session)
        firsts.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        query.fetch(session, deep_cursor)
        deeps.append(time.perf_counter() - t0)
    assert page.rows
    eng.dispose()
    return {
        "first_page_ms": round(statistics.median(firsts) * 1000, 2),
        "deep_page_ms": round(statistics.median(deeps) * 1000, 2),
    }


def gui(url: str, scroll_rows: int) -> dict:
    app = QApplication.instance() or QApplication([])
    eng = create_engine(url)
    query = document_query(registry.document("goods_receipt"))
    rss_before = rss_mb()
    t0 = time.perf_counter()
    form = ListForm(eng, query)
    form.resize(1000, 700)
    form.show()
    model = form.model
    wait(app, lambda: model.rowCount() > 0 and not model.loading)
    open_s = time.perf_counter() - t0
    rss_open = rss_mb()
    steps, seen, peak_window = [], model.rowCount(), model.rowCount()
    while seen < scroll_rows and not model.complete:
        last = model.row(model.rowCount() - 1)["id"]
        t0 = time.perf_counter()
        form.view.scrollToBottom()
        wait(app, lambda last=last: model.row(model.rowCount() - 1)["id"] != last)
        wait(app, lambda: not model.loading)
        steps.append(time.perf_counter() - t0)
        seen += query.page_size
        peak_window = max(peak_window, model.rowCount())
    app.processEvents()
    rss_scrolled = rss_mb()
    t0 = time.perf_counter()
    form.scroller.jump("end")
    wait(app, lambda: model.complete and not model.loading)
    end_s = time.perf_counter() - t0
    form.close()
    QCoreApplication.processEvents()
    t0 = time.perf_counter()  # a second list in the same client: the widgets' one-off costs paid
    again = ListForm(eng, query)
    again.resize(1000, 700)
    again.show()
    wait(app, lambda: again.model.rowCount() > 0 and not again.model.loading)
    reopen_s = time.perf_counter() - t0
    again.close()
    QCoreApplication.processEvents()
    eng.dispose()
    return {
        "open_to_first_rows_ms": round(open_s * 1000, 1),
        "reopen_to_first_rows_ms": round(reopen_s * 1000, 1),
        "scroll_steps": len(steps),
        "scroll_step_ms_median": round(statistics.median(steps) * 1000, 1),
        "scroll_step_ms_max": round(max(steps) * 1000, 1),
        "rows_scrolled": seen,
        "window_rows_peak": peak_window,
        "ctrl_end_ms": round(end_s * 1000, 1),
        "rss_mb_before_open": round(rss_before, 1),
        "rss_mb_open": round(rss_open, 1),
        "rss_mb_after_scroll": round(rss_scrolled, 1),
        "rss_mb_growth_while_scrolling": round(rss_scrolled - rss_open, 1),
        "model_rows_after_ctrl_end": model.rowCount(),
    }


def in_client(url: str) -> dict:
    """The user's path: the client's main window up (sections loaded), then the list opened
    from it — the first list of this process, through the main window's own command."""
    from app.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    eng = create_engine(url)
    window = MainWindow(eng, registry)
    window._settings().setValue("tabs", "")  # a user who closed every list: none reopened
    window.resize(1400, 900)
    loaded: list[bool] = []
    window.sections_loaded.connect(lambda: loaded.append(True))
    window.show()
    wait(app, lambda: loaded)
    assert "goods_receipt" not in window.workspace.tab_keys()
    for _ in range(20):  # the start page settles
        app.processEvents()
        time.sleep(0.005)
    t0 = time.perf_counter()
    form = window.open("document", "goods_receipt")
    wait(app, lambda: form.model.rowCount() > 0 and not form.model.loading)
    opened = time.perf_counter() - t0
    window.close()
    eng.dispose()
    return {"client_open_to_first_rows_ms": round(opened * 1000, 1)}


def in_client_process(url: str) -> dict:
    """:func:`in_client` in a fresh process (its own settings folder): nothing paid before."""
    home = tempfile.mkdtemp(prefix="kontora-bench-home-")
    out = subprocess.run(
        [sys.executable, "-m", "tests.bench.big_list", "--in-client", url],
        env=client_env(home), check=True, capture_output=True, text=True,
    )  # fmt: skip
    shutil.rmtree(home, ignore_errors=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000, help="documents in the list")
    ap.add_argument("--scroll-rows", type=int, default=40_000, help="rows to scroll through")
    ap.add_argument("--in-client", metavar="URL", help=argparse.SUPPRESS)
    ap.add_argument("--repeats", type=int, default=3, help="fresh clients opening the list")
    args = ap.parse_args()
    if args.in_client:
        print(json.dumps(in_client(args.in_client)))
        return
    folder = Path(tempfile.mkdtemp(prefix="kontora-bench-list-"))
    ib = Infobase(str(folder))
    ib.init()
    url = ib.url()
    fill_s = fill(url, args.rows)
    result = {"documents": args.rows, "fill_s": round(fill_s, 1)}
    result |= server_pages(url)
    result |= gui(url, args.scroll_rows)
    opens = [in_client_process(url)["client_open_to_first_rows_ms"] for _ in range(args.repeats)]
    result["client_open_to_first_rows_ms_median"] = statistics.median(opens)
    result["client_open_to_first_rows_ms"] = opens
    print(json.dumps(result))
    ib.stop_if_unused()
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
