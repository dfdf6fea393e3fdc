"""The large-infobase generator: documents posted by the normal rules, consistent afterwards,
deterministic, refused on an infobase that has data; ``check`` reports its progress."""

from __future__ import annotations

import datetime as dt
import json

from typer.testing import CliRunner

from server.check import check
from server.cli import app
from server.generate import generate
from tests.conftest import Db

TODAY = dt.date(2026, 11, 30)
runner = CliRunner()


def _counts(db: Db) -> dict[str, int]:
    s = db.session()
    return {
        t: int(s.scalar(f"SELECT count(*) FROM kontora.{t}"))
        for t in ("doc_goods_receipt", "doc_sales_shipment", "doc_customer_payment", "reg_stock")
    }


def test_generated_history_is_posted_consistent_and_never_negative(db: Db) -> None:
    totals = generate(db.engine, 1, years=1, documents=300, today=TODAY)
    s = db.session()
    assert totals.documents == s.scalar(
        "SELECT (SELECT count(*) FROM kontora.doc_goods_receipt WHERE posted) "
        "+ (SELECT count(*) FROM kontora.doc_sales_shipment WHERE posted) "
        "+ (SELECT count(*) FROM kontora.doc_customer_payment WHERE posted) "
        "+ (SELECT count(*) FROM kontora.doc_supplier_payment WHERE posted) "
        "+ (SELECT count(*) FROM kontora.doc_write_off WHERE posted) "
        "+ (SELECT count(*) FROM kontora.doc_stock_transfer WHERE posted)"
    )
    assert 250 <= totals.documents <= 303  # 300 and the opening receipts, less empty ones
    assert totals.by_kind["sales_shipment"] > totals.by_kind["goods_receipt"] > 0
    shipments = totals.by_kind["sales_shipment"]
    assert totals.stock_movements == _counts(db)["reg_stock"] > 10 * shipments
    assert s.scalar("SELECT min(date)::date FROM kontora.doc_sales_shipment") > TODAY.replace(
        year=2025
    )
    last = s.scalar("SELECT max(date)::date FROM kontora.doc_sales_shipment")
    assert TODAY - dt.timedelta(days=7) < last <= TODAY  # the history ends today
    assert s.scalar("SELECT count(*) FROM kontora.reg_stock_balance WHERE quantity < 0") == 0
    assert check(db.engine) == []


def test_generate_and_check_from_the_command_line(db: Db) -> None:
    args = ["--infobase", db.url]
    r = runner.invoke(
        app, ["generate", "--scale", "1", "--documents", "120", "--years", "1", *args]
    )
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout.strip().splitlines()[-1])
    assert out["documents"] == sum(out["by_kind"].values()) and out["stock_movements"] > 0
    assert "documents (" in r.stderr  # progress while it runs
    again = runner.invoke(app, ["generate", "--scale", "1", *args])
    assert again.exit_code == 1 and "needs an empty infobase" in again.stderr
    r = runner.invoke(app, ["check", *args])
    assert r.exit_code == 0, r.output
    assert "is consistent" in r.stdout
    assert "[1/" in r.stderr and "Stock" in r.stderr  # progress by register and document


def test_the_same_seed_makes_the_same_history(db: Db, cluster) -> None:
    from tests.conftest import drop_db, make_db

    generate(db.engine, 1, years=1, documents=60, today=TODAY)
    other = make_db(cluster)
    try:
        generate(other.engine, 1, years=1, documents=60, today=TODAY)
        sql = "SELECT number, date, customer_id FROM kontora.doc_sales_shipment ORDER BY number"
        assert db.session().rows(sql) == other.session().rows(sql)
    finally:
        drop_db(cluster, other)
