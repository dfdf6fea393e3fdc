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


POSTED = (
    "goods_receipt",
    "sales_shipment",
    "customer_payment",
    "supplier_payment",
    "write_off",
    "stock_transfer",
    "sales_order",
    "purchase_order",
    "payroll_sheet",
    "salary_payment",
)


def test_generated_history_is_posted_consistent_and_never_negative(db: Db) -> None:
    totals = generate(db.engine, 1, years=1, documents=300, today=TODAY)
    s = db.session()
    posted = " + ".join(f"(SELECT count(*) FROM kontora.doc_{d} WHERE posted)" for d in POSTED)
    talks = s.scalar("SELECT count(*) FROM kontora.doc_interaction")
    assert totals.documents == s.scalar(f"SELECT {posted}") + talks
    # 300 (a slot that wrote nothing is made up later: at most the last day's stay empty),
    # the opening receipts (a day before the history) and the payroll (11 sheets, 11 payments)
    opening = s.scalar(
        "SELECT count(*) FROM kontora.doc_goods_receipt WHERE date < "
        "(SELECT min(date)::date FROM kontora.doc_sales_shipment)"
    )
    assert 0 < opening <= 3
    assert 297 <= totals.documents - opening - 22 <= 300
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


def test_orders_are_shipped_and_received_by_documents_based_on_them(db: Db) -> None:
    """Sales orders reserve and are shipped by shipments created from them (the same lines,
    linked); purchase orders are received in full by receipts based on them. (800 documents:
    about 40 sales orders, so that the one in eight left waiting with its reserve is there.)"""
    totals = generate(db.engine, 1, years=1, documents=800, today=TODAY)
    s = db.session()
    assert totals.by_kind["sales_order"] > 10 and totals.by_kind["purchase_order"] > 10
    assert s.scalar("SELECT count(*) FROM kontora.doc_sales_order WHERE status = 'not_approved'")
    shipped = s.scalar(
        "SELECT count(*) FROM kontora.doc_sales_shipment sh JOIN kontora.doc_links k "
        "ON k.doc_type = 'sales_shipment' AND k.doc_id = sh.id "
        "AND k.basis_type = 'sales_order' AND k.basis_id = sh.order_id"
    )
    assert (
        0
        < shipped
        == s.scalar("SELECT count(*) FROM kontora.doc_sales_shipment WHERE order_id IS NOT NULL")
    )
    # a shipment from an order ships every line of it: nothing left of a shipped order
    assert not s.scalar(
        "SELECT count(*) FROM kontora.reg_customer_orders_balance b JOIN "
        "kontora.doc_sales_shipment sh ON sh.order_id = b.order_id WHERE b.quantity <> 0"
    )
    assert s.scalar("SELECT sum(quantity) FROM kontora.reg_reserves_balance") > 0  # waiting
    assert s.scalar(
        "SELECT count(*) FROM kontora.doc_sales_order o WHERE o.deal_id IS NOT NULL "
        "AND EXISTS (SELECT 1 FROM kontora.cat_deals d JOIN kontora.cat_deal_stages t "
        "ON t.id = d.stage_id WHERE d.id = o.deal_id AND t.outcome = 'won')"
    )
    received = s.scalar(
        "SELECT count(*) FROM kontora.doc_goods_receipt r JOIN kontora.doc_links k "
        "ON k.doc_id = r.id AND k.basis_type = 'purchase_order' AND k.basis_id = r.order_id"
    )
    assert received > 10
    assert not s.scalar(
        "SELECT count(*) FROM kontora.reg_goods_expected_balance b JOIN "
        "kontora.doc_goods_receipt r ON r.order_id = b.order_id WHERE b.quantity <> 0"
    )
    # deals went through their stages (won, lost, still open); interactions about them
    outcomes = s.rows("SELECT DISTINCT result FROM kontora.inf_deal_stage_stats ORDER BY 1")
    assert [r["result"] for r in outcomes] == ["current", "forward", "lost", "won"]
    assert totals.by_kind["interaction"] > 0
    assert check(db.engine) == []


def test_payroll_is_posted_monthly_and_paid(db: Db) -> None:
    totals = generate(db.engine, 1, years=1, documents=40, today=TODAY)
    s = db.session()
    # the months from December 2025 to October 2026, each paid on the 5th of the next
    assert totals.by_kind["payroll_sheet"] == totals.by_kind["salary_payment"] == 11
    months = s.rows("SELECT month FROM kontora.doc_payroll_sheet WHERE posted ORDER BY month")
    assert [r["month"] for r in months][::10] == [dt.date(2025, 12, 1), dt.date(2026, 10, 1)]
    employees = s.scalar("SELECT count(*) FROM kontora.cat_employees")
    assert employees >= 8
    assert (
        s.scalar("SELECT count(DISTINCT employee_id) FROM kontora.doc_payroll_sheet_accruals")
        == employees
    )
    # everything accrued was paid out: no debt to any employee is left
    assert not s.scalar(
        "SELECT count(*) FROM kontora.reg_employee_settlements_balance WHERE amount <> 0"
    )
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
