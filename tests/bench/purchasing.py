"""Benchmark (not a test): purchasing through the Python API on an embedded server.

    uv run python -m tests.bench.purchasing [--products 5000] [--orders 200]

Creates products with a minimum stock, posts confirmed 5-line purchase orders and a goods
receipt based on each (against the order: stock, goods expected, supplier settlements,
purchases), then times the reorder suggestions of the warehouse; prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

import server.config  # noqa: F401
from server.api import Documents, Session, new_document
from server.api.purchasing import reorder_suggestions
from server.api.related import based_on_payload
from server.infobase import Infobase
from server.metadata import registry
from tests.bench.seed import base_items, inserter

LINES = 5


def setup(url: str, n_products: int) -> dict:
    eng = create_engine(url)
    with eng.begin() as c:
        one = inserter(c)
        org, wh, unit = base_items(one)
        c.execute(
            text(
                "INSERT INTO cat_products(name, unit_id, min_stock) "
                "SELECT 'Product ' || g, :u, 10 + g % 50 FROM generate_series(1, :n) g"
            ),
            {"u": unit, "n": n_products},
        )
        products = [r[0] for r in c.execute(text("SELECT id FROM cat_products ORDER BY id"))]
        partner = one("INSERT INTO cat_partners(name, is_supplier) VALUES ('S', true) RETURNING id")
        cp = one(
            "INSERT INTO cat_counterparties(name, partner_id) VALUES ('S LLC', :p) RETURNING id",
            p=partner,
        )
    return {"eng": eng, "org": org, "wh": wh, "products": products, "partner": partner, "cp": cp}


def run(n_products: int, n_orders: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="kontora-bench-") as folder:
        ib = Infobase(folder, settings={"fsync": "off"})
        ib.start()
        try:
            admin = create_engine(
                make_url(ib.url()).set(database="postgres"), isolation_level="AUTOCOMMIT"
            )
            with admin.connect() as c:
                c.exec_driver_sql("CREATE DATABASE bench TEMPLATE template0 ENCODING 'UTF8'")
            admin.dispose()
            url = make_url(ib.url()).set(database="bench")
            ib.upgrade(create_engine(url))
            w = setup(url.render_as_string(hide_password=False), n_products)
            s = Session(w["eng"])
            docs = Documents(s, registry)
            orders, receipts = [], []
            for i in range(n_orders):
                lines = [
                    {"product": w["products"][(i * LINES + k) % n_products], "quantity": "8",
                     "price": "12.34", "discount": "5", "vat_rate": "20"}
                    for k in range(LINES)
                ]  # fmt: skip
                payload = new_document(
                    organization=w["org"], partner=w["partner"], counterparty=w["cp"],
                    warehouse=w["wh"], status="confirmed", lines=lines,
                )  # fmt: skip
                t = time.perf_counter()
                po = docs.save("purchase_order", payload, post=True)
                orders.append(time.perf_counter() - t)
                gr = based_on_payload(s, registry, "goods_receipt", "purchase_order", po["id"])
                gr["lines"] = [{**ln, "quantity": "5"} for ln in gr["lines"]]
                t = time.perf_counter()
                docs.save("goods_receipt", gr, post=True)
                receipts.append(time.perf_counter() - t)
            reorder = []
            for _ in range(5):
                t = time.perf_counter()
                rows = reorder_suggestions(s, registry, w["wh"])
                reorder.append(time.perf_counter() - t)
            w["eng"].dispose()
        finally:
            assert ib.server
            ib.server.stop(force=True)
    return {
        "products": n_products,
        "orders": n_orders,
        "order_post_ms_median": round(statistics.median(orders) * 1000, 2),
        "receipt_post_ms_median": round(statistics.median(receipts) * 1000, 2),
        "receipt_post_ms_p95": round(sorted(receipts)[int(len(receipts) * 0.95)] * 1000, 2),
        "reorder_suggestions_ms_median": round(statistics.median(reorder) * 1000, 2),
        "suggested_products": len(rows),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--products", type=int, default=5000)
    ap.add_argument("--orders", type=int, default=200)
    a = ap.parse_args()
    print(json.dumps(run(a.products, a.orders)))


if __name__ == "__main__":
    main()
