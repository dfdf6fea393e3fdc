"""Benchmark (not a test): server time of a 5-line shipment's posting, two code versions A/B.

    uv run python -m tests.bench.posting_ab A_DIR B_DIR [--seconds 4] [--rounds 5]

A_DIR and B_DIR are checkouts of Kontora (e.g. ``git worktree add /tmp/base <commit>`` and
``.``) with the same schema. One embedded server with ``pg_stat_statements`` and
``track_functions``; in each round the routines of A, then those of B, are installed and one
client posts shipments (as ``tests.bench.posting``) for the given seconds. Prints one JSON
object: per version, the medians of documents/s and of the server milliseconds per shipment of
the save, the posting and its parts (routines and the statements of each register).
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
import sys
import tempfile
import time

from sqlalchemy import create_engine

import server.config  # noqa: F401
from server.api import Documents, Session
from server.infobase import Infobase
from server.metadata import registry
from tests.bench.posting import post_shipments, setup

DUMP = (
    "import json, server.config\n"
    "from server.metadata import registry\n"
    "from server.sqlgen.install import routines_sql\n"
    "print(json.dumps([s for s in routines_sql(registry)\n"
    "                  if s.lstrip().startswith('CREATE OR REPLACE FUNCTION')]))\n"
)
PARTS = (  # statement text (normalized) -> part name
    (r"^WITH old AS \( DELETE FROM (\w+)", "block {}"),
    (r"^SELECT neg\.\*.*?LEFT JOIN (\w+)_balance", "check {}"),
    (r"^WITH d AS \(SELECT .*? FROM unnest\(v_(\w+)_delta", "balance {}"),
    (r"^SELECT kontora\.lock_keys", "lock keys"),
    (r"^WITH ins AS \( INSERT INTO (\w+)", "insert {}"),
    (r"^INSERT INTO (doc_\w+) \(", "insert {}"),
)


def routines(folder: str) -> list[str]:
    env = {**os.environ, "PYTHONPATH": folder}
    out = subprocess.run(
        [sys.executable, "-c", DUMP], cwd=folder, env=env, check=True, capture_output=True
    )
    return json.loads(out.stdout)


def _part(query: str) -> str | None:
    q = re.sub(r"\s+", " ", query).strip()
    for pattern, name in PARTS:
        m = re.search(pattern, q)
        if m:
            return name.format(*m.groups())
    return None


def client(url: str, world: dict, seconds: float, out: mp.Queue) -> None:
    """Warm up (plans are made once per connection), reset the statistics, post."""
    eng = create_engine(url, pool_size=1)
    docs = Documents(Session(eng), registry)
    rnd = random.Random(1)
    post_shipments(docs, world, rnd, 1)
    docs.session.scalar("SELECT pg_stat_force_next_flush()")
    docs.session.scalar("SELECT 1")  # the warm-up's statistics are flushed after this one
    docs.session.scalar("SELECT pg_stat_reset()")
    docs.session.scalar("SELECT pg_stat_statements_reset()")
    n = post_shipments(docs, world, rnd, seconds)[0]
    eng.dispose()  # the backend flushes its statistics when it exits
    out.put(n)


def measure(eng, url: str, world: dict, seconds: float) -> dict:
    q: mp.Queue = mp.Queue()
    p = mp.Process(target=client, args=(url, world, seconds, q))
    p.start()
    n = q.get()
    p.join()
    time.sleep(0.7)
    out: dict = {"docs_per_s": round(n / seconds, 1)}
    with eng.connect() as c:
        for r in c.exec_driver_sql(
            "SELECT funcname, total_time, self_time FROM pg_stat_user_functions"
        ):
            if r.funcname.endswith(("_save", "_posting", "_recost", "_check")) or r.funcname in (
                "lock_keys",
            ):
                out[f"fn {r.funcname}"] = round(r.total_time / n, 3)
            if r.funcname.endswith("_posting"):
                out[f"self {r.funcname}"] = round(r.self_time / n, 3)
        for r in c.exec_driver_sql("SELECT query, total_exec_time FROM pg_stat_statements"):
            name = _part(r.query)
            if name:
                out[name] = round(out.get(name, 0) + r.total_exec_time / n, 3)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("a")
    ap.add_argument("b")
    ap.add_argument("--seconds", type=float, default=4)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    variants = {"A": routines(args.a), "B": routines(args.b)}
    ib = Infobase(
        tempfile.mkdtemp(prefix="kontora-ab-"),
        settings={
            "shared_preload_libraries": "pg_stat_statements",
            "pg_stat_statements.track": "all",
            "track_functions": "all",
        },
    )
    ib.init()
    url = ib.url()
    world = setup(url)
    eng = create_engine(url, isolation_level="AUTOCOMMIT")
    with eng.connect() as c:
        c.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
    samples: dict[str, list[dict]] = {"A": [], "B": []}
    for i in range(args.rounds):
        for name in ("A", "B") if i % 2 else ("B", "A"):  # ABBA: neither always goes first
            sql = variants[name]
            with eng.connect() as c:
                for stmt in sql:
                    c.exec_driver_sql(stmt)
            m = measure(eng, url, world, args.seconds)
            samples[name].append(m)
    eng.dispose()
    ib.server.stop()
    result = {}
    for name, runs in samples.items():
        keys = sorted({k for r in runs for k in r})
        result[name] = {k: statistics.median(r.get(k, 0) for r in runs) for k in keys}
    # The machine's speed drifts: B's figure over A's of the same round, median over rounds.
    pairs = list(zip(samples["A"], samples["B"], strict=True))  # same round
    result["B/A"] = {
        k: round(statistics.median(b[k] / a[k] for a, b in pairs), 3)
        for k in result["A"]
        if all(a.get(k) and b.get(k) for a, b in pairs)
    }
    result["folders"] = {"A": args.a, "B": args.b}
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
