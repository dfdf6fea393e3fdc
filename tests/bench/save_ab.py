"""Benchmark (not a test): server time of a 5-line shipment's save + post, code versions A/B/….

    uv run python -m tests.bench.save_ab DIR_A,DIR_B[,...] [--rounds 10] [--docs 40]

Each DIR is a checkout of Kontora with the same schema (e.g. ``git worktree add /tmp/base
<commit>`` and ``.``). On one embedded server, each round installs each version's routines in
turn (the order reversed every other round) and saves and posts ``--docs`` shipments (the
shipments of ``tests.bench.posting``) in one statement on a fresh, warmed-up connection: no
client, no round trips, only the server's work. Prints per version the median milliseconds per
shipment and the median, over rounds, of its time over the first version's in the same round.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time

from sqlalchemy import create_engine

import server.config  # noqa: F401
from server.api.documents import new_document, validate
from server.api.session import to_json
from server.infobase import Infobase
from server.metadata import registry
from tests.bench.posting import LINES, setup
from tests.bench.posting_ab import routines

SAVE = (
    "SELECT count(kontora.doc_sales_shipment_save((%s::jsonb -> (i %% 50))"
    " || jsonb_build_object('client_key', gen_random_uuid()), true))"
    " FROM generate_series(1, %s) i"
)


def bodies(world: dict) -> str:
    """50 payloads of 5 random hot products each, as the client sends them."""
    d = registry.document("sales_shipment")
    rnd = random.Random(1)
    out = []
    for _ in range(50):
        lines = [
            {"product": p, "quantity": str(rnd.randint(1, 3)), "price": "9.99"}
            for p in rnd.sample(world["products"], LINES)
        ]
        payload = new_document(
            organization=world["org"],
            warehouse=world["wh"],
            customer=world["customer"],
            date="2026-02-01T10:00:00",
            lines=lines,
        )
        out.append(json.loads(to_json(validate(d, payload))))
    return json.dumps(out)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("dirs")
    ap.add_argument("--rounds", type=int, default=10)
    ap.add_argument("--docs", type=int, default=40)
    args = ap.parse_args()
    dirs = args.dirs.split(",")
    variants = {d: routines(d) for d in dirs}
    ib = Infobase(tempfile.mkdtemp(prefix="kontora-save-ab-"))
    ib.init()
    world = setup(ib.url())
    payloads = bodies(world)
    eng = create_engine(ib.url(), isolation_level="AUTOCOMMIT")
    ms: dict[str, list[float]] = {d: [] for d in dirs}
    for r in range(args.rounds):
        for d in dirs if r % 2 == 0 else dirs[::-1]:
            with eng.connect() as c:
                cur = c.connection.dbapi_connection.cursor()
                for stmt in variants[d]:
                    cur.execute(stmt)  # no parameters: '%' in format() strings stays as written
            with eng.connect() as c:  # a fresh backend: its plans are made in the warm-up
                c.exec_driver_sql(SAVE, (payloads, 20))
                t0 = time.perf_counter()
                c.exec_driver_sql(SAVE, (payloads, args.docs))
                ms[d].append(1000 * (time.perf_counter() - t0) / args.docs)
    eng.dispose()
    ib.server.stop()
    first = ms[dirs[0]]
    print(
        json.dumps(
            {
                d: {
                    "ms_per_doc": round(statistics.median(v), 3),
                    "vs_first": round(
                        statistics.median(b / a for a, b in zip(first, v, strict=True)), 3
                    ),
                    "samples": [round(x, 2) for x in v],
                }
                for d, v in ms.items()
            },
            indent=1,
        )
    )


if __name__ == "__main__":
    main()
