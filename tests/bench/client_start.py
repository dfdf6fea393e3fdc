"""Benchmark (not a test): client start to a usable main window, and its memory.
    uv run python -m tests.bench.client_start [--repeats 5]
Builds a throw-away embedded infobase with the demo data, then starts the real client
(``python -m app --infobase FOLDER --screenshot FILE``, offscreen) ``--repeats`` times and
measures the wall time from the process start to the moment the window has its sections and
nothing left loading (the client then saves the screenshot and says so on stdout; the ~0.1 s
it waits before grabbing is included). "Warm": the embedded server is already running (this
process holds a connection); "cold": the server is stopped first, so the client starts it.
Prints one JSON object with medians (DESIGN §5: under 3 s, embedded server initialized).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import text

from server.demo import load_demo
from tests.bench.seed import client_env, throwaway_infobase

ROOT = Path(__file__).resolve().parents[2]


def start_once(folder: str) -> float:
    """Seconds from the client's process start to its "screenshot saved" line."""
    home = tempfile.mkdtemp(prefix="kontora-start-")
    env = client_env(home)
    shot = f"{home}/shot.png"
    t0 = time.perf_counter()
    p = subprocess.Popen(
        [sys.executable, "-m", "app", "--infobase", folder, "--screenshot", shot],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert p.stdout is not None
    usable = None
    for line in p.stdout:
        if line.startswith("screenshot saved"):
            usable = time.perf_counter() - t0
    p.wait(timeout=120)
    if usable is None:
        raise RuntimeError(f"the client did not come up (exit status {p.returncode})")
    return usable


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args()
    with throwaway_infobase("start") as ib:
        engine = ib.engine()
        load_demo(engine)
        folder = str(ib.server.folder) if ib.server else ""
        start_once(folder)  # the first start compiles caches; not counted
        with engine.connect() as held:  # another client keeps the server up: warm starts
            held.execute(text("SELECT 1"))
            warm = [start_once(folder) for _ in range(args.repeats)]
        engine.dispose()
        cold = []
        for _ in range(max(1, args.repeats // 2)):
            if ib.server:
                ib.server.stop(force=True)
            cold.append(start_once(folder))
        print(
            json.dumps(
                {
                    "warm_start_to_usable_s": round(statistics.median(warm), 2),
                    "cold_start_to_usable_s": round(statistics.median(cold), 2),
                    "warm_runs_s": [round(x, 2) for x in warm],
                    "cold_runs_s": [round(x, 2) for x in cold],
                }
            )
        )


if __name__ == "__main__":
    main()
