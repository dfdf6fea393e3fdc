"""All the benchmarks of DESIGN §5 in one run, one JSON object out.
    uv run python -m tests.bench.run_all [--quick] [--only posting,report] [--out FILE]
Runs each benchmark module as its own process (each builds its own throw-away embedded
infobase), one after another so that they do not compete for the machine, and collects the
JSON object each prints under its name, with its wall time. ``--quick`` uses small sizes (a
smoke run of a few minutes); without it the sizes of the targets: 1,000,000 sales lines and
documents, 10,000,000 stock movements for the balance of a key, 100,000 rows of Excel, a
1,000-line print form. A benchmark that fails is reported with its error and the others go on.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]

#: name -> (module, full-size arguments, quick arguments)
BENCHES: dict[str, tuple[str, list[str], list[str]]] = {
    "posting": ("posting", [], ["--seconds", "2", "--rounds", "1"]),
    "posting_statements": ("statements", [], ["--docs", "10"]),
    "balance_and_turnover": (
        "report",
        ["--movements", "10000000", "--repeats", "5"],
        ["--movements", "200000", "--repeats", "2"],
    ),
    "analytics": ("analytics", [], ["--lines", "100000", "--repeats", "1"]),
    "big_list": ("big_list", [], ["--rows", "100000", "--scroll-rows", "5000"]),
    "print_1000": ("print_1000", [], []),
    "excel_export": ("excel_export", [], ["--rows", "20000"]),
    "client_start": ("client_start", [], ["--repeats", "2"]),
    "excel_import": ("excel_import", [], []),
    "aging": ("aging", [], ["--movements", "20000", "--repeats", "2"]),
    "payroll": ("payroll", [], ["--employees", "200"]),
}


def run(module: str, args: list[str]) -> dict:
    """Run ``tests.bench.<module>`` and give the last JSON object it printed."""
    if not (HERE / f"{module}.py").exists():
        return {"error": f"tests/bench/{module}.py is missing"}
    t0 = time.perf_counter()
    p = subprocess.run(
        [sys.executable, "-m", f"tests.bench.{module}", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    out: dict = {"wall_s": round(time.perf_counter() - t0, 1)}
    found = _last_json(p.stdout)
    if p.returncode or found is None:
        tail = (p.stderr or p.stdout).strip().splitlines()[-3:]
        return out | {"error": f"exit status {p.returncode}: {' '.join(tail)}"}
    return out | found


def _last_json(text: str) -> dict | None:
    """The last JSON object printed: on one line, or indented over several."""
    start = text.rfind("\n{")
    for chunk in (text.strip(), text[start + 1 :] if start >= 0 else ""):
        try:
            found = json.loads(chunk)
        except ValueError:
            continue
        if isinstance(found, dict):
            return found
    lines = [line for line in text.splitlines() if line.startswith("{") and line.endswith("}")]
    return json.loads(lines[-1]) if lines else None


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="small sizes: a smoke run")
    ap.add_argument("--only", default="", help="comma-separated names: " + ", ".join(BENCHES))
    ap.add_argument("--out", help="also write the JSON object to this file")
    args = ap.parse_args()
    names = [n for n in args.only.split(",") if n] or list(BENCHES)
    unknown = sorted(set(names) - set(BENCHES))
    if unknown:
        ap.error(f"unknown benchmarks: {', '.join(unknown)}")
    result: dict = {"quick": args.quick, "started": time.strftime("%Y-%m-%d %H:%M")}
    for name in names:
        module, full, quick = BENCHES[name]
        print(f"{name}…", file=sys.stderr, flush=True)
        result[name] = run(module, quick if args.quick else full)
    text = json.dumps(result)
    if args.out:
        Path(args.out).write_text(text + "\n")
    print(text)


if __name__ == "__main__":
    main()
