"""Benchmark (not a test): the cost recalculation of a backdated receipt.

    uv run python -m tests.bench.recost [--sizes 1000 10000] [--repeat 3]

For each N, one product gets a receipt and then N later outgoing movements (shipments of 100
lines each, so N stock and N sales movements); then a receipt is posted *before* all of them,
which recomputes the cost of every one (and of their sales), and unposted again. Prints one JSON
object: per N the median time to post and to unpost the backdated receipt, and, for comparison,
to post a receipt "now" (after everything: nothing to recompute).
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import create_engine, text

import server.config  # noqa: F401
from server.api import Documents, Session, new_document
from server.infobase import Infobase
from server.metadata import registry
from tests.bench.seed import base_items, inserter

LINES = 100  # movements per shipment


def setup(url: str, n: int) -> tuple[Documents, dict]:
    eng = create_engine(url)
    with eng.begin() as c:
        one = inserter(c)
        org, wh, unit = base_items(one)
        product = one(
            "INSERT INTO cat_products(name, unit_id) VALUES ('Hot', :u) RETURNING id", u=unit
        )
        partner = one("INSERT INTO cat_partners(name) VALUES ('Buyer') RETURNING id")
        customer = one(
            "INSERT INTO cat_counterparties(name, partner_id) VALUES ('Buyer', :p) RETURNING id",
            p=partner,
        )
    docs = Documents(Session(eng), registry)
    w = {"org": org, "wh": wh, "product": product, "customer": customer}
    receipt(docs, w, "2026-01-01T08:00:00", n, "7.00")
    for i in range(n // LINES):
        docs.save(
            "sales_shipment",
            new_document(
                organization=org,
                warehouse=wh,
                customer=customer,
                date=f"2026-02-01T{10 + i // 3600 % 12:02d}:{i // 60 % 60:02d}:{i % 60:02d}",
                lines=[{"product": product, "quantity": "1", "price": "9.99"}] * LINES,
            ),
            post=True,
        )
    return docs, w


def receipt(docs: Documents, w: dict, date: str, qty: int, price: str, post: bool = True) -> dict:
    return docs.save(
        "goods_receipt",
        new_document(
            organization=w["org"],
            warehouse=w["wh"],
            date=date,
            lines=[{"product": w["product"], "quantity": str(qty), "price": price}],
        ),
        post=post,
    )


def timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return (time.perf_counter() - t0) * 1000


def measure(url: str, n: int, repeat: int) -> dict:
    docs, w = setup(url, n)
    back = receipt(docs, w, "2026-01-15T08:00:00", 10, "3.00", post=False)
    posts, unposts, nows = [], [], []
    for i in range(repeat):
        posts.append(timed(lambda: docs.post("goods_receipt", back["id"])))
        unposts.append(timed(lambda: docs.unpost("goods_receipt", back["id"])))
        day = f"2026-03-{i + 1:02d}T08:00:00"
        nows.append(timed(lambda d=day: receipt(docs, w, d, 1, "5.00")))
    eng = create_engine(url)
    with eng.connect() as c:
        movements = c.execute(text("SELECT count(*) FROM reg_stock")).scalar()
        c.execute(text("TRUNCATE kontora.doc_goods_receipt, kontora.doc_sales_shipment, "
                       "kontora.reg_stock, kontora.reg_stock_totals, kontora.reg_stock_balance, "
                       "kontora.reg_sales, kontora.reg_sales_totals, kontora.cat_organizations, "
                       "kontora.cat_counterparties, kontora.cat_partners, kontora.cat_products, "
                       "kontora.cat_units, kontora.cat_warehouses CASCADE"))  # fmt: skip
        c.commit()
    eng.dispose()
    return {
        "later_movements": n,
        "stock_movements": movements,
        "backdated_post_ms": round(statistics.median(posts), 1),
        "backdated_unpost_ms": round(statistics.median(unposts), 1),
        "post_now_ms": round(statistics.median(nows), 1),
        "samples_post_ms": [round(t, 1) for t in posts],
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    ib = Infobase(str(Path(tempfile.mkdtemp(prefix="kontora-bench-"))))
    ib.init()
    try:
        results = [measure(ib.url(), n, args.repeat) for n in args.sizes]
    finally:
        if ib.server:
            ib.server.stop()
    print(json.dumps({"recost": results}))


if __name__ == "__main__":
    main()
