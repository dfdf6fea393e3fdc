"""Benchmark (not a test): posting throughput against pgbench on the same embedded server.

    uv run python -m tests.bench.posting [--seconds 5] [--rounds 3]

Posts 5-line sales shipments (through the Python API, as the client does) with 1 client and
with 8 concurrent client processes on 10 hot products, runs pgbench's tpcb-like script with
1 client on the same server, and prints one JSON object. ``ratio_1`` counts saving and posting
a new shipment (the form's Post and close); ``post_saved_ratio_1`` posting one saved before
(a list's Post command; the save not counted), the closer match to DESIGN §5's reference.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import random
import re
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

import server.config  # noqa: F401
from server.api import Documents, Session, new_document
from server.embedded import bin_path
from server.errors import LockedError, ShortageError
from server.infobase import Infobase
from server.metadata import registry
from tests.bench.seed import base_items, inserter

HOT = 10
LINES = 5


def setup(url: str) -> dict:
    eng = create_engine(url)
    with eng.begin() as c:
        one = inserter(c)
        org, wh, unit = base_items(one)
        products = [
            one(
                "INSERT INTO cat_products(name, unit_id) VALUES (:n, :u) RETURNING id",
                n=f"Hot {i}",
                u=unit,
            )
            for i in range(HOT)
        ]
        partner = one("INSERT INTO cat_partners(name) VALUES ('Buyer') RETURNING id")
        customer = one(
            f"INSERT INTO cat_counterparties(name, partner_id) VALUES ('Buyer', {partner}) "
            "RETURNING id"
        )
    docs = Documents(Session(eng), registry)
    docs.save(
        "goods_receipt",
        new_document(
            organization=org,
            warehouse=wh,
            date="2026-01-01T08:00:00",
            lines=[{"product": p, "quantity": "100000000", "price": "7.35"} for p in products],
        ),
        post=True,
    )
    eng.dispose()
    return {"org": org, "wh": wh, "products": products, "customer": customer}


def shipment_lines(world: dict, rnd: random.Random) -> list[dict]:
    """A shipment's lines: ``LINES`` of the hot products, 1–3 units each."""
    return [
        {"product": p, "quantity": str(rnd.randint(1, 3)), "price": "9.99"}
        for p in rnd.sample(world["products"], LINES)
    ]


def shipment_document(world: dict, lines: list[dict]) -> dict:
    """A new shipment of ``lines`` to the bench's customer."""
    return new_document(
        organization=world["org"],
        warehouse=world["wh"],
        customer=world["customer"],
        date="2026-02-01T10:00:00",
        lines=lines,
    )


def post_shipment(docs: Documents, world: dict, lines: list[dict]) -> None:
    """Save and post one shipment of ``lines``, as the client does."""
    docs.save("sales_shipment", shipment_document(world, lines), post=True)


def post_shipments(docs: Documents, world: dict, rnd: random.Random, seconds: float) -> tuple:
    """Post shipments for ``seconds``; return (posted, refused, lock timeouts)."""
    n = refused = locked = 0
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        try:
            post_shipment(docs, world, shipment_lines(world, rnd))
            n += 1
        except ShortageError:
            refused += 1
        except LockedError:
            locked += 1
    return n, refused, locked


def backend_cpu_s(pid: int) -> float | None:
    """CPU seconds (user + system) a server process has used so far (Linux /proc; None
    elsewhere): the server's own work, whatever else the machine runs meanwhile."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def post_for(url: str, world: dict, seconds: float, seed: int, out: mp.Queue) -> None:
    """One client: post shipments until time is up; report (docs, refused, locked, the CPU
    seconds its server process spent meanwhile)."""
    eng = create_engine(url, pool_size=1)
    docs = Documents(Session(eng), registry)
    pid = docs.session.scalar("SELECT pg_backend_pid()")
    cpu0 = backend_cpu_s(pid)
    result = post_shipments(docs, world, random.Random(seed), seconds)
    cpu1 = backend_cpu_s(pid)
    eng.dispose()
    out.put((*result, None if cpu0 is None or cpu1 is None else cpu1 - cpu0))


def post_drafts_for(url: str, world: dict, seconds: float, out: mp.Queue) -> None:
    """One client posting saved shipments (the list's Post command): each is saved as a draft
    first, which is not counted; reports (posted, seconds spent posting, the server CPU
    seconds of the postings)."""
    eng = create_engine(url, pool_size=1)
    docs = Documents(Session(eng), registry)
    pid = docs.session.scalar("SELECT pg_backend_pid()")
    rnd = random.Random(1)
    n, spent, cpu = 0, 0.0, 0.0
    while spent < seconds:
        draft = docs.save("sales_shipment", shipment_document(world, shipment_lines(world, rnd)))
        c0, t0 = backend_cpu_s(pid), time.perf_counter()
        docs.post("sales_shipment", draft["id"])
        spent += time.perf_counter() - t0
        c1 = backend_cpu_s(pid)
        cpu = None if c0 is None or c1 is None or cpu is None else cpu + c1 - c0
        n += 1
    eng.dispose()
    out.put((n, spent, cpu))


def run_drafts(url: str, world: dict, seconds: float) -> dict:
    """Posting saved shipments, 1 client (see :func:`post_drafts_for`)."""
    q: mp.Queue = mp.Queue()
    p = mp.Process(target=post_drafts_for, args=(url, world, seconds, q))
    p.start()
    n, spent, cpu = q.get()
    p.join()
    return {
        "docs_per_s": round(n / spent, 1),
        "server_cpu_ms_per_doc": round(1000 * cpu / n, 2) if cpu is not None else None,
    }


def run_clients(url: str, world: dict, clients: int, seconds: float) -> dict:
    q: mp.Queue = mp.Queue()
    procs = [mp.Process(target=post_for, args=(url, world, seconds, i, q)) for i in range(clients)]
    t0 = time.perf_counter()
    for p in procs:
        p.start()
    results = [q.get() for _ in procs]
    for p in procs:
        p.join()
    elapsed = time.perf_counter() - t0
    docs = sum(r[0] for r in results)
    cpu = None if any(r[3] is None for r in results) else sum(r[3] for r in results)
    return {
        "docs": docs,
        "docs_per_s": round(docs / seconds, 1),
        "server_cpu_ms_per_doc": round(1000 * cpu / docs, 2) if cpu is not None and docs else None,
        "elapsed_s": round(elapsed, 2),
        "refused": sum(r[1] for r in results),
        "lock_timeouts": sum(r[2] for r in results),
    }


def pgbench(ib: Infobase, seconds: int) -> float:
    u = make_url(ib.url())
    admin = create_engine(u.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.exec_driver_sql("DROP DATABASE IF EXISTS bench_pgbench")
        c.exec_driver_sql("CREATE DATABASE bench_pgbench")
    admin.dispose()
    host, port = u.query["host"], str(u.port or u.query.get("port", 5432))
    base = ["-h", host, "-p", port, "-U", "postgres"]
    subprocess.run(
        [bin_path("pgbench"), "-i", "-s", "1", "-q", *base, "bench_pgbench"],
        check=True,
        capture_output=True,
    )
    out = subprocess.run(
        [
            bin_path("pgbench"),
            "-c",
            "1",
            "-j",
            "1",
            "-T",
            str(seconds),
            "-b",
            "tpcb-like",
            *base,
            "bench_pgbench",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    m = re.search(r"tps = ([\d.]+)", out)
    assert m, out
    return float(m.group(1))


def recalculations(url: str) -> int:
    """How many times postings have called the stock cost recalculation so far (the function
    statistics the bench's database keeps, ``track_functions``)."""
    eng = create_engine(url)
    with eng.connect() as c:
        c.exec_driver_sql("SELECT pg_stat_clear_snapshot()")
        n = c.exec_driver_sql(
            "SELECT coalesce(sum(calls), 0) FROM pg_stat_user_functions "
            "WHERE schemaname = 'kontora' AND funcname = 'reg_stock_recost'"
        ).scalar()
    eng.dispose()
    return int(n)


def _median(values) -> float | None:
    known = [v for v in values if v is not None]
    return round(statistics.median(known), 2) if known else None


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=5, help="length of each measurement")
    ap.add_argument("--rounds", type=int, default=3, help="interleaved rounds (medians kept)")
    args = ap.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="kontora-bench-"))
    ib = Infobase(str(folder))
    ib.init()
    url = ib.url()
    world = setup(url)
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:  # count the recalculations: a cost of concurrent postings
        c.exec_driver_sql(f'ALTER DATABASE "{make_url(url).database}" SET track_functions = pl')
    admin.dispose()
    run_clients(url, world, 1, 2)  # warm-up
    ones, eights, tpss, drafts = [], [], [], []
    # Disk and CPU speed drift on shared machines: interleave the measurements and keep
    # medians, so the ratio compares like with like.
    for _ in range(args.rounds):
        ones.append(run_clients(url, world, 1, args.seconds))
        tpss.append(pgbench(ib, int(args.seconds)))
        before = recalculations(url)
        eights.append(run_clients(url, world, 8, args.seconds))
        # (the clients' server processes have ended: their statistics are in)
        eights[-1]["recalculated"] = recalculations(url) - before
        drafts.append(run_drafts(url, world, args.seconds))
    one = statistics.median(r["docs_per_s"] for r in ones)
    posted_only = statistics.median(r["docs_per_s"] for r in drafts)
    eight = statistics.median(r["docs_per_s"] for r in eights)
    tps = statistics.median(tpss)
    eng = create_engine(url)
    with eng.connect() as c:
        neg = c.execute(text("SELECT count(*) FROM reg_stock_balance WHERE quantity < 0")).scalar()
    eng.dispose()
    print(
        json.dumps(
            {
                "docs_per_s_1": one,
                "docs_per_s_8": eight,
                "pgbench_tps": round(tps, 1),
                "ratio_1": round(one / tps, 3),
                # where a posting's time goes: the server's CPU per document (1 client), against
                # a pgbench transaction's whole time (mostly its commit's flush to disk)
                "server_cpu_ms_per_doc_1": _median(r["server_cpu_ms_per_doc"] for r in ones),
                "ms_per_doc_1": round(1000 / one, 2),
                "pgbench_ms_per_tx": round(1000 / tps, 2),
                "ratio_8_vs_1": round(eight / one, 3),
                # DESIGN §5's reference posting wrote movements only: posting a shipment saved
                # before (the list's Post command), its save not counted
                "post_saved_docs_per_s_1": posted_only,
                "post_saved_ratio_1": round(posted_only / tps, 3),
                "post_saved_server_cpu_ms_per_doc_1": _median(
                    r["server_cpu_ms_per_doc"] for r in drafts
                ),
                "lines_per_doc": LINES,
                "hot_products": HOT,
                "seconds": args.seconds,
                "rounds": args.rounds,
                "samples_1": [r["docs_per_s"] for r in ones],
                "samples_8": [r["docs_per_s"] for r in eights],
                # 8 clients: the share of postings whose stock costs were recalculated (one
                # posted after a later document of the same second took the same products)
                "recalculated_share_8": round(
                    sum(r["recalculated"] for r in eights) / max(1, sum(r["docs"] for r in eights)),
                    3,
                ),
                "samples_pgbench": [round(t, 1) for t in tpss],
                "refused": sum(r["refused"] for r in ones + eights),
                "lock_timeouts": sum(r["lock_timeouts"] for r in ones + eights),
                "negative_balances": neg,
            }
        )
    )


if __name__ == "__main__":
    main()
