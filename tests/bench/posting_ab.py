"""Benchmark (not a test): server CPU of a 5-line shipment's save and posting, code versions A/B.

    uv run python -m tests.bench.posting_ab A_DIR B_DIR [--seconds 30] [--chunk 100]

A_DIR and B_DIR are checkouts of Kontora (e.g. ``git worktree add /tmp/base <commit>`` and
``.``) with the same schema. One embedded server holds the bench's infobase twice (databases
``ab_a`` and ``ab_b``, copies of one), each with the routines of its checkout installed (as the
owner, the way a migration installs them). One client saves and posts the same shipment in
both, in a random order, document after document, for the given seconds: the machine's speed,
which drifts within minutes on shared hardware, weighs on both alike. The CPU time each
database's server process spent is read from /proc (Linux), in chunks of documents; the chunk
ratios show the spread. Prints one JSON object: per version the server CPU and the client's
wall time per document, and B/A — the total ratio and the median and quartiles over chunks.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time

from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

import server.config  # noqa: F401
from server.api import Documents, Session
from server.infobase import Infobase
from server.metadata import registry
from tests.bench.posting import backend_cpu_s, post_shipment, setup, shipment_lines

DUMP = (
    "import json, server.config\n"
    "from server.metadata import registry\n"
    "from server.sqlgen.install import routines_sql\n"
    "print(json.dumps(routines_sql(registry)))\n"
)


def routines(folder: str) -> list[str]:
    """The routine statements (``server.sqlgen.install.routines_sql``) of the checkout."""
    env = {**os.environ, "PYTHONPATH": folder}
    out = subprocess.run(
        [sys.executable, "-c", DUMP], cwd=folder, env=env, check=True, capture_output=True
    )
    return json.loads(out.stdout)


def _copies(url: str, names: list[str]) -> None:
    """Databases ``names``: copies of the bench's infobase (its connections closed first)."""
    admin = create_engine(make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.exec_driver_sql(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = 'kontora' AND pid <> pg_backend_pid()"
        )
        for name in names:
            c.exec_driver_sql(f"CREATE DATABASE {name} TEMPLATE kontora")
    admin.dispose()


def _install(url: str, statements: list[str]) -> None:
    eng = create_engine(url)
    with eng.begin() as c:
        c.exec_driver_sql("SET LOCAL ROLE kontora_owner")
        c.exec_driver_sql("SET LOCAL search_path = kontora, public")
        cur = c.connection.dbapi_connection.cursor()
        for stmt in statements:
            cur.execute(stmt)  # no parameters: '%' in format() strings stays as written
    eng.dispose()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("a")
    ap.add_argument("b")
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--chunk", type=int, default=100, help="documents per CPU reading")
    args = ap.parse_args()
    code = {"A": routines(args.a), "B": routines(args.b)}
    ib = Infobase(tempfile.mkdtemp(prefix="kontora-ab-"))
    ib.init()
    url = ib.url()
    world = setup(url)
    _copies(url, ["ab_a", "ab_b"])
    docs, pids = {}, {}
    for name, db in (("A", "ab_a"), ("B", "ab_b")):
        db_url = make_url(url).set(database=db)
        _install(db_url, code[name])
        docs[name] = Documents(Session(create_engine(db_url, pool_size=1)), registry)
        pids[name] = docs[name].session.scalar("SELECT pg_backend_pid()")
    rnd = random.Random(7)
    wall = {"A": 0.0, "B": 0.0}

    def post(count: int) -> None:
        for _ in range(count):
            lines = shipment_lines(world, rnd)  # the same shipment in both
            for name in rnd.sample(["A", "B"], 2):
                t0 = time.perf_counter()
                post_shipment(docs[name], world, lines)
                wall[name] += time.perf_counter() - t0

    post(args.chunk)  # warm-up: plans are made once per connection
    wall = {"A": 0.0, "B": 0.0}
    cpu = {"A": [], "B": []}
    n = 0
    end = time.perf_counter() + args.seconds
    while time.perf_counter() < end:
        before = {k: backend_cpu_s(p) for k, p in pids.items()}
        post(args.chunk)
        n += args.chunk
        for k, p in pids.items():
            cpu[k].append(backend_cpu_s(p) - before[k])
    ib.server.stop()
    ratios = sorted(b / a for a, b in zip(cpu["A"], cpu["B"], strict=True) if a)
    q = statistics.quantiles(ratios, n=4) if len(ratios) > 1 else ratios * 3
    result = {
        name: {
            "server_cpu_ms_per_doc": round(1000 * sum(cpu[name]) / n, 3),
            "wall_ms_per_doc": round(1000 * wall[name] / n, 3),
        }
        for name in ("A", "B")
    }
    result["B/A"] = {
        "server_cpu": round(sum(cpu["B"]) / sum(cpu["A"]), 3),
        "chunks_median": round(statistics.median(ratios), 3),
        "chunks_quartiles": [round(q[0], 3), round(q[2], 3)],
        "wall": round(wall["B"] / wall["A"], 3),
    }
    result.update(docs_each=n, chunk=args.chunk, folders={"A": args.a, "B": args.b})
    print(json.dumps(result))


if __name__ == "__main__":
    main()
