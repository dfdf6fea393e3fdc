"""Benchmark (not a test): the print form of a 1,000-line sales shipment (the waybill).

    uv run python -m tests.bench.print_1000 [--lines 1000] [--repeats 3]

Saves a shipment of ``--lines`` lines on a throwaway embedded infobase, then times
``print_documents`` (load, requisites, render to PDF; median of the runs) and the render
alone; prints one JSON object with the pages and the file's size. DESIGN §5: under 1 s.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from pypdf import PdfReader
from sqlalchemy import create_engine

import server.config  # noqa: F401
from reports.print_form import load, print_documents, print_forms, render
from server.api import Documents, Session, new_document
from server.metadata import registry
from tests.bench.seed import base_items, inserter, throwaway_infobase


def shipment(url: str, n: int) -> tuple[Session, int]:
    eng = create_engine(url)
    with eng.begin() as c:
        one = inserter(c)
        org, wh, unit = base_items(one)
        partner = one(
            "INSERT INTO cat_partners(name, is_client) VALUES ('Client', true) RETURNING id"
        )
        customer = one(
            "INSERT INTO cat_counterparties(name, partner_id, full_name) "
            "VALUES ('Client', :p, 'ООО «Клиент»') RETURNING id",
            p=partner,
        )
        products = [
            one(
                "INSERT INTO cat_products(name, unit_id) VALUES (:n, :u) RETURNING id",
                n=f"Товар {i:03d}",
                u=unit,
            )
            for i in range(50)
        ]
    s = Session(eng)
    lines = [
        {"product": products[i % 50], "quantity": str(i % 9 + 1), "price": f"{i % 97 + 1}.50",
         "vat_rate": "20"}
        for i in range(n)
    ]  # fmt: skip
    doc = Documents(s, registry).save(
        "sales_shipment",
        new_document(organization=org, warehouse=wh, partner=partner, customer=customer,
                     date="2026-03-02T10:00:00", vat_included=True, lines=lines),
        post=False,
    )  # fmt: skip
    return s, int(doc["id"])


def run(n: int, repeats: int) -> dict:
    with throwaway_infobase("print") as ib, tempfile.TemporaryDirectory() as out:
        s, doc = shipment(ib.url(), n)
        path = Path(out) / "waybill.pdf"
        total = []
        for _ in range(repeats):
            t = time.perf_counter()
            print_documents(s, registry, "sales_shipment", [doc], path)
            total.append(time.perf_counter() - t)
        form = print_forms("sales_shipment")[0]
        docs = load(s, registry, "sales_shipment", [doc])
        assert form.prepare is not None
        form.prepare(s, docs)
        renders = []
        for _ in range(repeats):
            t = time.perf_counter()
            render(docs, path, form)
            renders.append(time.perf_counter() - t)
        pages = len(PdfReader(str(path)).pages)
        size = path.stat().st_size
    return {
        "lines": n,
        "form": form.name,
        "print_s": round(statistics.median(total), 3),
        "render_s": round(statistics.median(renders), 3),
        "pages": pages,
        "pdf_kb": round(size / 1024),
        "target_s": 1.0,
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lines", type=int, default=1000)
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    print(json.dumps(run(args.lines, args.repeats)))


if __name__ == "__main__":
    main()
