"""Benchmark (not a test): what the change notifications cost the posting path.

    uv run python -m tests.bench.notify [--seconds 3] [--rounds 4]

On one embedded server, posts 5-line sales shipments (as :mod:`tests.bench.posting` does) with
1 and with 8 clients, alternately with the ``notify`` triggers disabled and enabled, while one
connection LISTENs and drains the channel as a client would. Interleaving the two variants in
short rounds cancels most of the drift of a shared machine; medians are printed as JSON.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import threading
from pathlib import Path

import psycopg
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

import server.config  # noqa: F401
from server.infobase import Infobase
from server.metadata import registry
from server.sqlgen.notify import CHANNEL, notified_tables
from tests.bench.posting import run_clients, setup


def set_triggers(url: str, on: bool, kinds: tuple[str, ...] = ()) -> None:
    """Enable (only the ``kinds`` of payload, if given) or disable the notify triggers."""
    eng = create_engine(url, isolation_level="AUTOCOMMIT")
    with eng.connect() as c:
        for table, payload in notified_tables(registry):
            wanted = on and (not kinds or payload.partition(":")[0] in kinds)
            verb = "ENABLE" if wanted else "DISABLE"
            c.exec_driver_sql(f"ALTER TABLE kontora.{table} {verb} TRIGGER notify")
    eng.dispose()


def listen(url: str, stop: threading.Event, seen: list[int]) -> None:
    libpq = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(libpq, autocommit=True) as conn:
        conn.execute(f"LISTEN {CHANNEL}")
        while not stop.is_set():
            seen[0] += sum(1 for _ in conn.notifies(timeout=0.2))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=3)
    ap.add_argument("--rounds", type=int, default=4)
    ap.add_argument("--kinds", default="", help="only these payload kinds, e.g. document")
    ap.add_argument("--listeners", type=int, default=1, help="clients listening meanwhile")
    args = ap.parse_args()
    ib = Infobase(str(Path(tempfile.mkdtemp(prefix="kontora-bench-notify-"))))
    ib.init()
    url = ib.url()
    world = setup(url)
    kinds = tuple(k for k in args.kinds.split(",") if k)
    stop, seen = threading.Event(), [0]
    listeners = [
        threading.Thread(target=listen, args=(url, stop, seen), daemon=True)
        for _ in range(args.listeners)
    ]
    for t in listeners:
        t.start()
    run_clients(url, world, 1, 1)  # warm-up
    samples: dict[str, list[float]] = {"off_1": [], "on_1": [], "off_8": [], "on_8": []}
    for _ in range(args.rounds):
        for clients in (1, 8):
            for on in (False, True):
                set_triggers(url, on, kinds)
                r = run_clients(url, world, clients, args.seconds)
                samples[f"{'on' if on else 'off'}_{clients}"].append(r["docs_per_s"])
    set_triggers(url, True)
    stop.set()
    for t in listeners:
        t.join(2)
    med = {k: statistics.median(v) for k, v in samples.items()}
    print(
        json.dumps(
            {
                "docs_per_s_1_without_notify": med["off_1"],
                "docs_per_s_1_with_notify": med["on_1"],
                "docs_per_s_8_without_notify": med["off_8"],
                "docs_per_s_8_with_notify": med["on_8"],
                "cost_1": round(1 - med["on_1"] / med["off_1"], 3),
                "cost_8": round(1 - med["on_8"] / med["off_8"], 3),
                "listeners": args.listeners,
                "notifications_received": seen[0],
                "seconds": args.seconds,
                "rounds": args.rounds,
                "samples": samples,
            }
        )
    )


if __name__ == "__main__":
    main()
