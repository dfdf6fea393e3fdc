"""Benchmark (not a test): SQL statements the server runs per saved and posted document.

    uv run python -m tests.bench.statements [--docs 30]

On a throw-away embedded server with ``pg_stat_statements`` (``track = all``: statements inside
routines, triggers and foreign-key checks count too), one client saves and posts 5-line goods
receipts, sales orders ("to ship") and sales shipments (as ``tests.bench.posting``), each kind
after a warm-up, and prints per kind the statements per document and the client's milliseconds
per document (the latter only as good as the machine is quiet).
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections.abc import Callable

from sqlalchemy import create_engine

import server.config  # noqa: F401
from server.api import Documents, Session, new_document
from server.metadata import registry
from tests.bench.posting import LINES, setup
from tests.bench.seed import throwaway_infobase

SETTINGS = {
    "shared_preload_libraries": "pg_stat_statements",
    "pg_stat_statements.track": "all",
}


def kinds(world: dict, partner: int, rnd: random.Random) -> dict[str, Callable[[], dict]]:
    """Payload builders of the three documents (5 random hot products each)."""

    def lines() -> list[dict]:
        return [
            {"product": p, "quantity": str(rnd.randint(1, 3)), "price": "9.99"}
            for p in rnd.sample(world["products"], LINES)
        ]

    org, wh, customer = world["org"], world["wh"], world["customer"]
    return {
        "goods_receipt": lambda: new_document(
            organization=org, warehouse=wh, supplier=customer, date="2026-02-01T09:00:00",
            lines=lines(),
        ),
        "sales_order": lambda: new_document(
            organization=org, partner=partner, counterparty=customer, warehouse=wh,
            status="to_ship", vat_included=True, date="2026-02-01T09:30:00", lines=lines(),
        ),
        "sales_shipment": lambda: new_document(
            organization=org, warehouse=wh, customer=customer, date="2026-02-01T10:00:00",
            lines=lines(),
        ),
    }  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=30)
    args = ap.parse_args()
    with throwaway_infobase("statements", SETTINGS) as ib:
        url = ib.url()
        world = setup(url)
        admin = create_engine(url, isolation_level="AUTOCOMMIT")
        with admin.connect() as c:
            c.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
            partner = c.exec_driver_sql(
                "SELECT partner_id FROM kontora.cat_counterparties WHERE id = %s",
                (world["customer"],),
            ).scalar()
        eng = create_engine(url, pool_size=1)
        docs = Documents(Session(eng), registry)
        out = {}
        for kind, make in kinds(world, partner, random.Random(1)).items():
            for _ in range(3):  # plans are made once per connection
                docs.save(kind, make(), post=True)
            docs.session.scalar("SELECT pg_stat_statements_reset()")
            t0 = time.perf_counter()
            for _ in range(args.docs):
                docs.save(kind, make(), post=True)
            ms = 1000 * (time.perf_counter() - t0) / args.docs
            with admin.connect() as c:
                nested = c.exec_driver_sql(
                    "SELECT sum(calls) FROM pg_stat_statements WHERE NOT toplevel"
                ).scalar()
            out[kind] = {
                "statements_per_doc": round(float(nested) / args.docs, 1),
                "client_ms_per_doc": round(ms, 2),
            }
        eng.dispose()
        admin.dispose()
    print(json.dumps(out))


if __name__ == "__main__":
    main()
