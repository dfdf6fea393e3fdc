"""The consistency check: silent on a healthy infobase, precise about each kind of corruption."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest

from server.api import new_document
from server.check import check, expected_movements
from server.metadata import registry
from tests.conftest import sql


@pytest.fixture
def posted(world):
    """A receipt, a shipment, a write-off and an unposted receipt on the world."""
    p, flour = world.products[0], world.flour

    def save(name: str, date: str, lines: list[dict], post: bool = True, **header) -> dict:
        payload = new_document(
            organization=world.org, warehouse=world.wh, date=date, lines=lines, **header
        )
        return world.docs.save(name, payload, post=post)

    gr = save(
        "goods_receipt",
        "2026-03-01T09:00:00",
        [
            {"product": p, "quantity": "10", "price": "2.50"},
            {"product": flour, "quantity": "5.125", "price": "1.10"},
        ],
    )
    sh = save(
        "sales_shipment",
        "2026-03-02T09:00:00",
        [{"product": p, "quantity": "4", "price": "5.25"}],
        customer=world.customer,
    )
    save(
        "write_off",
        "2026-04-03T10:00:00",
        [{"product": flour, "quantity": "0.125"}],
        expense_item=world.expense_item,
    )
    save("goods_receipt", "2026-04-04T10:00:00", [{"product": p, "quantity": "1"}], post=False)
    return world, gr, sh


def test_consistent_world_has_no_problems(posted):
    world, _, _ = posted
    assert check(world.db.engine) == []


def test_balance_off_by_one_names_the_key(posted):
    world, _, _ = posted
    p = world.products[0]
    sql(
        world.db.engine,
        "UPDATE kontora.reg_stock_balance SET quantity = quantity + 1 WHERE product_id = :p",
        p=p,
    )
    problems = check(world.db.engine)
    assert problems == [
        f"stock: balance of (warehouse {world.wh}, product {p}) is quantity 7, cost 15.00 "
        "but movements sum to quantity 6, cost 15.00"
    ]


def test_totals_mismatch_names_the_month(posted):
    world, _, _ = posted
    sql(world.db.engine, "UPDATE kontora.reg_sales_totals SET amount = amount + 0.01")
    [problem] = check(world.db.engine)
    assert problem == (
        f"sales: totals of (customer {world.customer}, product {world.products[0]}) for 2026-03 "
        "are quantity 4, amount 21.01, vat_amount 0, cost 10.00 but movements sum to quantity 4, "
        "amount 21.00, vat_amount 0, cost 10.00"
    )


def test_monthly_receipts_off_name_the_month(posted):
    """The receipts kept beside the net change (read by reports over whole months) are
    checked against the month's positive movements."""
    world, _, _ = posted
    sql(world.db.engine, "UPDATE kontora.reg_stock_totals SET quantity_in = quantity_in + 1")
    problems = check(world.db.engine)
    months = world.db.session().scalar("SELECT count(*) FROM kontora.reg_stock_totals")
    assert len(problems) == months > 0, problems  # every month's row, named by its month
    assert all(
        re.match(r"stock: totals of \(.*\) for 2026-\d\d are .*quantity_in", p) for p in problems
    )


def test_deleted_movement_is_reported_everywhere(posted):
    world, gr, _ = posted
    flour = world.flour
    sql(
        world.db.engine,
        "DELETE FROM kontora.reg_stock WHERE recorder_type = 'goods_receipt' "
        "AND recorder_id = :i AND product_id = :p",
        i=gr["id"],
        p=flour,
    )
    problems = check(world.db.engine)
    key = f"(warehouse {world.wh}, product {flour})"
    assert (
        f"stock: totals of {key} for 2026-03 are quantity 5.125, cost 5.64, quantity_in 5.125, "
        "cost_in 5.64 but movements sum to quantity 0, cost 0, quantity_in 0, cost_in 0" in problems
    )
    assert (
        f"stock: balance of {key} is quantity 5.000, cost 5.50 but movements sum to "
        "quantity -0.125, cost -0.14" in problems
    )
    assert f"stock: running balance of {key} falls to quantity -0.125 at 2026-04-03 10:00:00" in (
        problems
    )
    [doc] = [m for m in problems if "posted goods_receipt" in m]
    assert f"(id {gr['id']}) has 1 movements, its posting writes 2" in doc
    assert f"missing 2026-03-01 09:00:00 {key}: quantity 5.125, cost 5.64" in doc


def test_backdated_movement_breaks_running_balance(posted):
    world, gr, _ = posted
    p = world.products[0]
    sql(
        world.db.engine,
        "UPDATE kontora.reg_stock SET period = period + interval '2 days' "
        "WHERE recorder_type = 'goods_receipt' AND recorder_id = :i",
        i=gr["id"],
    )
    problems = check(world.db.engine)
    assert (
        f"stock: running balance of (warehouse {world.wh}, product {p}) falls to quantity -4 "
        "at 2026-03-02 09:00:00" in problems
    )
    assert any("unexpected 2026-03-03 09:00:00" in m for m in problems)


def test_movements_of_unposted_or_missing_documents(posted):
    world, gr, sh = posted
    with world.db.engine.begin() as c:
        c.exec_driver_sql("SET LOCAL session_replication_role = replica")  # bypass the guards
        c.exec_driver_sql(
            f"UPDATE kontora.doc_goods_receipt SET posted = false WHERE id = {gr['id']}"
        )
        c.exec_driver_sql(f"DELETE FROM kontora.doc_sales_shipment WHERE id = {sh['id']}")
    problems = check(world.db.engine)
    assert f"stock: 2 movements of goods_receipt #{gr['id']}, which is not posted" in problems
    assert f"stock: 1 movements of sales_shipment #{sh['id']}, which does not exist" in problems
    assert f"sales: 1 movements of sales_shipment #{sh['id']}, which does not exist" in problems


def test_expected_movements_is_a_pure_model():
    d = registry.document("sales_shipment")
    at = dt.datetime(2026, 3, 2, 9)
    header = {"date": at, "warehouse": 1, "customer_id": 7}
    lines = {
        "lines": [
            {"line_no": 2, "product": 4, "quantity": Decimal("1.5"), "amount": Decimal("3.00")},
            {"line_no": 1, "product_id": 3, "quantity": Decimal(2), "amount": Decimal("10.00")},
        ]
    }
    # Sales (amount net of VAT), reserves, free stock and settlements are posted by SQL
    # expressions: the model leaves them to PostgreSQL.
    assert expected_movements(d, header, lines) == {
        "stock": [
            {
                "period": at,
                "warehouse_id": 1,
                "product_id": 3,
                "quantity": Decimal(-2),
                "cost": None,
            },
            {
                "period": at,
                "warehouse_id": 1,
                "product_id": 4,
                "quantity": Decimal("-1.5"),
                "cost": None,
            },
        ],
    }


def test_changed_quantity_names_the_document_and_both_movements(posted):
    world, _, sh = posted
    p = world.products[0]
    sql(
        world.db.engine,
        "UPDATE kontora.reg_stock SET quantity = -3 WHERE recorder_type = 'sales_shipment' "
        "AND recorder_id = :i",
        i=sh["id"],
    )
    problems = check(world.db.engine)
    key = f"(warehouse {world.wh}, product {p})"
    assert (
        f"stock: posted sales_shipment {sh['number']} (id {sh['id']}) has 1 movements, its "
        f"posting writes 1: missing 2026-03-02 09:00:00 {key}: quantity -4, cost 0, "
        f"unexpected 2026-03-02 09:00:00 {key}: quantity -3, cost 0"
    ) in problems
    assert (
        f"stock: balance of {key} is quantity 6, cost 15.00 but movements sum to quantity 7, "
        "cost 15.00"
    ) in problems
    assert any(m.startswith(f"stock: totals of {key} for 2026-03") for m in problems), problems


def test_header_rule_movement_changed(posted):
    """A movement of a header rule by an SQL expression (what the customer owes)."""
    world, _, sh = posted
    sql(
        world.db.engine,
        "UPDATE kontora.reg_customer_settlements SET amount = amount + 0.01 "
        "WHERE recorder_type = 'sales_shipment' AND recorder_id = :i",
        i=sh["id"],
    )
    [doc] = [m for m in check(world.db.engine) if "posted sales_shipment" in m]
    key = f"(partner {world.partner}, counterparty {world.customer}, order 0)"
    assert doc == (
        f"customer_settlements: posted sales_shipment {sh['number']} (id {sh['id']}) has 1 "
        f"movements, its posting writes 1: missing 2026-03-02 09:00:00 {key}: 21.00, "
        f"unexpected 2026-03-02 09:00:00 {key}: 21.01"
    )


def test_extra_movement_of_a_posted_document(posted):
    world, gr, _ = posted
    sql(
        world.db.engine,
        "INSERT INTO kontora.reg_stock SELECT recorder_type, recorder_id, 99, period, "
        "warehouse_id, product_id, quantity, cost FROM kontora.reg_stock "
        "WHERE recorder_type = 'goods_receipt' AND recorder_id = :i AND line_no = 1",
        i=gr["id"],
    )
    [doc] = [m for m in check(world.db.engine) if "posted goods_receipt" in m]
    assert f"(id {gr['id']}) has 3 movements, its posting writes 2: unexpected 2026-03-01" in doc


def test_many_documents_over_chunks_are_counted_past_the_limit(world, monkeypatch):
    """Documents compared in chunks (here of 2): each wrong one is found, the first LIMIT of
    them named, the rest counted; progress tells the documents compared."""
    import server.check_docs as docs

    monkeypatch.setattr(docs, "CHUNK", 2)
    monkeypatch.setattr(docs, "LIMIT", 2)
    p = world.products[0]
    made = [
        world.docs.save(
            "goods_receipt",
            new_document(
                organization=world.org,
                warehouse=world.wh,
                date=f"2026-03-0{i + 1}T09:00:00",
                lines=[{"product": p, "quantity": "1", "price": "1.00"}],
            ),
            post=True,
        )
        for i in range(5)
    ]
    sql(
        world.db.engine,
        "UPDATE kontora.reg_stock SET quantity = 2 WHERE recorder_type = 'goods_receipt' "
        "AND recorder_id <> :i",
        i=made[1]["id"],
    )
    told: list[str] = []
    problems = check(world.db.engine, progress=lambda what, done, total: told.append(what))
    named = [m for m in problems if m.startswith("stock: posted goods_receipt")]
    assert [m.split(" (id ")[0].split()[-1] for m in named] == [
        made[0]["number"],
        made[2]["number"],
    ]
    assert (
        "stock: 2 more posted goods_receipt documents have other movements than their "
        "posting writes"
    ) in problems
    assert [t for t in told if t.startswith("Goods receipt:")] == [
        "Goods receipt: 2 of 5 documents",
        "Goods receipt: 4 of 5 documents",
        "Goods receipt: 5 of 5 documents",
    ]
