"""Moving-average cost: hand-computed figures, transfers, counts, and exact recalculation when
an earlier document changes (README "How cost works")."""

from __future__ import annotations

from decimal import Decimal as D
from typing import Any

import pytest

from server.api import new_document
from server.check import check
from server.errors import InvalidValue, KontoraError
from tests.helpers import at, shipment, write_off
from tests.test_metadata import _migrate


def buy(w: Any, day: int, *lines: tuple[int, str, str], wh: int | None = None, hour: int = 9):
    """A goods receipt of (product, quantity, price) lines."""
    return w.docs.save(
        "goods_receipt",
        new_document(
            organization=w.org,
            warehouse=wh or w.wh,
            date=at(day, hour),
            lines=[{"product": p, "quantity": q, "price": pr} for p, q, pr in lines],
        ),
        post=True,
    )


def transfer(w: Any, day: int, *lines: tuple[int, str], src: int, dst: int, hour: int = 9):
    return w.docs.save(
        "stock_transfer",
        new_document(
            organization=w.org,
            warehouse=src,
            to_warehouse=dst,
            date=at(day, hour),
            lines=[{"product": p, "quantity": q} for p, q in lines],
        ),
        post=True,
    )


def count(w: Any, day: int, *lines: tuple[int, str | None, str], wh: int | None = None):
    return w.docs.save(
        "stock_count",
        new_document(
            organization=w.org,
            warehouse=wh or w.wh,
            date=at(day),
            lines=[{"product": p, "book_quantity": b, "counted_quantity": c} for p, b, c in lines],
        ),
        post=True,
    )


def costs(w: Any, kind: str, doc: dict, register: str = "stock", column: str = "cost") -> list:
    rows = w.session.rows(
        f"SELECT {column} AS v FROM reg_{register} WHERE recorder_type = :t AND recorder_id = :i "
        "ORDER BY line_no",
        t=kind,
        i=doc["id"],
    )
    return [r["v"] for r in rows]


def balance(w: Any, p: int, wh: int | None = None) -> tuple[D, D]:
    b = w.regs.balance("stock", warehouse=wh or w.wh, product=p)
    return b["quantity"], b["cost"]


def consistent(w: Any) -> None:
    assert check(w.db.engine) == []


def test_moving_average_by_hand(world):
    p = world.products[0]
    buy(world, 1, (p, "3", "10.00"))  # 3 at 30.00
    buy(world, 2, (p, "7", "11.00"))  # 10 at 107.00
    s1 = shipment(world, 3, (p, "3"))  # 107 × 3 / 10 = 32.10
    assert costs(world, "sales_shipment", s1) == [D("-32.10")]
    assert costs(world, "sales_shipment", s1, "sales") == [D("32.10")]
    buy(world, 4, (p, "2", "12.50"))  # 7 at 74.90 + 25.00 = 9 at 99.90
    s2 = shipment(world, 5, (p, "1"), (p, "2"))  # 99.90/9 = 11.10; 88.80 × 2/8 = 22.20
    assert costs(world, "sales_shipment", s2) == [D("-11.10"), D("-22.20")]
    wo = write_off(world, 6, (p, "1"))  # 66.60 / 6 = 11.10
    assert costs(world, "write_off", wo) == [D("-11.10")]
    assert costs(world, "write_off", wo, "expenses", "amount") == [D("11.10")]
    assert balance(world, p) == (D(5), D("55.50"))
    consistent(world)


def test_rounding_to_the_cent_and_the_last_unit_takes_the_rest(world):
    p = world.products[1]
    buy(world, 1, (p, "3", "3.33"), (p, "3", "3.34"))  # 6 at 20.01
    a = shipment(world, 2, (p, "1"))  # 20.01 / 6 = 3.335 → 3.34 (half-up)
    b = shipment(world, 3, (p, "4"))  # 16.67 × 4 / 5 = 13.336 → 13.34
    c = shipment(world, 4, (p, "1"))  # the last unit: 3.33, the rest exactly
    assert [costs(world, "sales_shipment", d)[0] for d in (a, b, c)] == [
        D("-3.34"),
        D("-13.34"),
        D("-3.33"),
    ]
    assert balance(world, p) == (D(0), D(0))
    consistent(world)


def test_two_lines_of_one_product_cost_in_turn(world):
    """A document's lines of one product leave in line order: the second is costed from what
    the first left (the last units take the rest), not both from the balance before it."""
    p = world.products[1]
    buy(world, 1, (p, "3", "3.33"), (p, "3", "3.34"))  # 6 at 20.01
    s = shipment(world, 2, (p, "1"), (p, "5"))  # 3.335 → 3.34, then the rest: 16.67
    assert costs(world, "sales_shipment", s) == [D("-3.34"), D("-16.67")]
    assert costs(world, "sales_shipment", s, "sales") == [D("3.34"), D("16.67")]
    assert balance(world, p) == (D(0), D(0))
    consistent(world)


def test_receipt_transfer_count_flow(world):
    p, q = world.products[0], world.products[1]
    buy(world, 1, (p, "10", "2.50"), (q, "4", "1.25"))  # p: 10 at 25.00; q: 4 at 5.00
    t = transfer(world, 2, (p, "4"), (q, "4"), src=world.wh, dst=world.wh2)
    assert costs(world, "stock_transfer", t) == [D("-10.00"), D("-5.00"), D("10.00"), D("5.00")]
    assert balance(world, p) == (D(6), D("15.00"))
    assert balance(world, p, world.wh2) == (D(4), D("10.00"))
    assert balance(world, q) == (D(0), D(0))
    # Counted 5 of p (book 6): shortage 1 at 2.50; q: 2 found where the book says 0: at 0.
    c = count(world, 3, (p, "6", "5"), (q, "0", "2"))
    assert costs(world, "stock_count", c) == [D("-2.50"), D(0)]
    assert balance(world, p) == (D(5), D("12.50"))
    # A surplus at the destination takes the key's average: 10.00 / 4 = 2.50 a unit.
    c2 = count(world, 4, (p, "4", "6"), wh=world.wh2)
    assert costs(world, "stock_count", c2) == [D("5.00")]
    assert balance(world, p, world.wh2) == (D(6), D("15.00"))
    s = shipment(world, 5, (p, "6"), wh=world.wh2)
    assert costs(world, "sales_shipment", s) == [D("-15.00")]
    consistent(world)


def test_backdated_receipt_recalculates_later_costs(world):
    p = world.products[0]
    buy(world, 1, (p, "10", "1.00"))  # 10 at 10.00
    s1 = shipment(world, 5, (p, "4"))  # 4.00
    wo = write_off(world, 6, (p, "1"))  # 1.00
    t = transfer(world, 7, (p, "3"), src=world.wh, dst=world.wh2)  # 3.00
    s2 = shipment(world, 8, (p, "2"), wh=world.wh2)  # 2.00 of 3.00
    assert costs(world, "sales_shipment", s1) == [D("-4.00")]
    assert costs(world, "sales_shipment", s2) == [D("-2.00")]
    # Backdated: 10 more at 2.00 on day 3 → 20 at 30.00 before the first shipment.
    gr = buy(world, 3, (p, "10", "2.00"))
    assert costs(world, "sales_shipment", s1) == [D("-6.00")]  # 30 × 4/20
    assert costs(world, "sales_shipment", s1, "sales") == [D("6.00")]
    assert costs(world, "write_off", wo) == [D("-1.50")]  # 24.00 / 16
    assert costs(world, "write_off", wo, "expenses", "amount") == [D("1.50")]
    assert costs(world, "stock_transfer", t) == [D("-4.50"), D("4.50")]  # 22.50 × 3/15
    assert costs(world, "sales_shipment", s2) == [D("-3.00")]  # 4.50 × 2/3
    assert balance(world, p) == (D(12), D("18.00"))
    assert balance(world, p, world.wh2) == (D(1), D("1.50"))
    consistent(world)
    # Unposting it brings every figure back.
    world.docs.unpost("goods_receipt", gr["id"])
    assert costs(world, "sales_shipment", s1) == [D("-4.00")]
    assert costs(world, "write_off", wo, "expenses", "amount") == [D("1.00")]
    assert costs(world, "stock_transfer", t) == [D("-3.00"), D("3.00")]
    assert costs(world, "sales_shipment", s2) == [D("-2.00")]
    assert balance(world, p, world.wh2) == (D(1), D("1.00"))
    consistent(world)


def test_changing_a_receipt_price_reprices_what_left(world):
    p = world.products[2]
    gr = buy(world, 1, (p, "4", "5.00"))
    s = shipment(world, 2, (p, "1"))
    world.docs.save(
        "goods_receipt",
        {
            "id": gr["id"],
            "version": gr["version"],
            "lines": [{"product": p, "quantity": "4", "price": "7.00"}],
        },
    )
    assert costs(world, "sales_shipment", s) == [D("-7.00")]
    assert balance(world, p) == (D(3), D("21.00"))
    consistent(world)


def test_same_second_arrivals_count_before_departures(world):
    """The tie rule: within one second, incoming movements come first (a shipment sorts before
    a transfer by recorder type, yet takes from what the transfer brought)."""
    p = world.products[0]
    buy(world, 1, (p, "4", "2.50"))
    transfer(world, 2, (p, "4"), src=world.wh, dst=world.wh2)
    s = shipment(world, 2, (p, "3"), wh=world.wh2)
    assert costs(world, "sales_shipment", s) == [D("-7.50")]
    consistent(world)


def test_one_second_departures_cost_in_the_order_they_were_posted(world):
    """Within one second a key's departures come in the order they were posted (reg_stock.seq),
    not by document id: a shipment saved first but posted second takes from what the other
    left, whose cost stays; posting a document again, changed or not, makes it the last."""
    p = world.products[0]
    buy(world, 1, (p, "1", "3.33"), (p, "1", "3.33"), (p, "1", "3.34"))  # 3 at 10.00
    first = shipment(world, 2, (p, "1"), post=False)  # saved first: the lower id
    second = shipment(world, 2, (p, "1"))  # posted first: 10.00 / 3 → 3.33
    world.docs.post("sales_shipment", first["id"])  # 6.67 / 2 = 3.335 → 3.34
    assert costs(world, "sales_shipment", second) == [D("-3.33")]
    assert costs(world, "sales_shipment", first) == [D("-3.34")]
    consistent(world)
    world.docs.post("sales_shipment", second["id"])  # posted again as it is: now the last
    assert costs(world, "sales_shipment", first) == [D("-3.33")]
    assert costs(world, "sales_shipment", second) == [D("-3.34")]
    assert costs(world, "sales_shipment", second, "sales") == [D("3.34")]
    consistent(world)
    world.docs.unpost("sales_shipment", first["id"])
    world.docs.post("sales_shipment", first["id"])
    assert costs(world, "sales_shipment", second) == [D("-3.33")]
    assert costs(world, "sales_shipment", first) == [D("-3.34")]
    consistent(world)


def test_0033_numbers_the_movements_in_their_old_order_and_goes_back(world):
    """Down to 0032 the posting number is gone and the key index follows the document again;
    up, movements alone at their key and second get 0, those sharing one are numbered in
    document order, so every cost stays as it was, and a new posting comes after them."""
    p = world.products[0]
    buy(world, 1, (p, "1", "3.33"), (p, "1", "3.33"), (p, "1", "3.34"))  # 3 at 10.00
    a = shipment(world, 2, (p, "1"))  # 3.33
    b = shipment(world, 2, (p, "1"))  # 6.67 / 2 → 3.34
    before = _snapshot(world)
    index = "SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_reg_stock_key_period'"
    assert world.session.scalar(index).endswith("(warehouse_id, product_id, period, seq)")
    _migrate(world.db, "0032", down=True)
    assert world.session.scalar(index).endswith(
        "(warehouse_id, product_id, period, recorder_type, recorder_id, line_no)"
    )
    assert not world.session.scalar(
        "SELECT count(*) FROM information_schema.columns WHERE table_name = 'reg_stock' "
        "AND column_name = 'seq'"
    )
    _migrate(world.db, "head")
    assert _snapshot(world) == before
    numbers = world.session.rows(
        "SELECT recorder_type, recorder_id, array_agg(seq ORDER BY line_no) AS seq "
        "FROM reg_stock GROUP BY 1, 2 ORDER BY 1, 2"
    )
    assert [r["seq"] for r in numbers] == [[0, 0, 0], [1], [2]]  # the receipt, a, b
    c = shipment(world, 2, (p, "1"))  # after a and b: the last unit, 3.33
    assert costs(world, "sales_shipment", a) == [D("-3.33")]
    assert costs(world, "sales_shipment", b) == [D("-3.34")]
    assert costs(world, "sales_shipment", c) == [D("-3.33")]
    assert (
        world.session.scalar(
            "SELECT seq FROM reg_stock WHERE recorder_type = 'sales_shipment' AND recorder_id = :i",
            i=c["id"],
        )
        == 3
    )
    consistent(world)


def test_transfer_to_the_same_warehouse_is_refused(world):
    p = world.products[0]
    buy(world, 1, (p, "2", "4.00"))
    with pytest.raises(KontoraError, match="must differ from the source warehouse"):
        transfer(world, 2, (p, "1"), src=world.wh, dst=world.wh)


def test_counted_quantity_must_not_be_negative(world):
    with pytest.raises(InvalidValue, match="must not be negative"):
        count(world, 1, (world.products[0], "0", "-1"))


def _snapshot(w: Any) -> dict:
    out = {}
    for name, res in (("stock", "cost"), ("sales", "cost"), ("expenses", "amount")):
        rows = w.session.rows(
            f"SELECT recorder_type t, recorder_id i, line_no n, {res} v FROM reg_{name}"
        )
        out[name] = {(r["t"], r["i"], r["n"]): r["v"] for r in rows}
    return out


def test_0005_gives_existing_movements_their_cost(world):
    """An infobase from before 0005 (receipts, shipments, write-offs) gets the same costs the
    posting computes, and passes the consistency check."""
    p, q = world.products[0], world.products[1]
    buy(world, 1, (p, "3", "3.33"), (q, "2", "5.00"), (p, "3", "3.34"))
    shipment(world, 2, (p, "1"), (q, "1"))
    buy(world, 3, (p, "5", "4.10"))
    write_off(world, 4, (p, "2"))
    shipment(world, 5, (p, "8"), (q, "1"))
    before = _snapshot(world)
    assert before["stock"] and before["expenses"]
    _migrate(world.db, "0004", down=True)
    _migrate(world.db, "head")
    assert _snapshot(world) == before
    assert world.session.scalar("SELECT reason FROM doc_write_off") == "spoilage"
    assert (
        world.session.scalar(
            "SELECT i.name FROM doc_write_off d "
            "JOIN cat_expense_items i ON i.id = d.expense_item_id"
        )
        == "Inventory losses"
    )
    consistent(world)


def test_check_reports_a_wrong_cost(world):
    p = world.products[0]
    buy(world, 1, (p, "4", "2.00"))
    s = shipment(world, 2, (p, "1"))
    shipment(world, 3, (p, "1"))
    world.session.execute(
        "UPDATE reg_stock SET cost = cost - 0.01 WHERE recorder_type = 'sales_shipment' "
        "AND recorder_id = :i",
        i=s["id"],
    )
    problems = check(world.db.engine)
    assert any(
        f"stock: cost of sales_shipment #{s['id']} line 1" in m
        and "is -2.01, the moving average gives -2.00" in m
        for m in problems
    ), problems
    assert (
        f"sales: cost of sales_shipment #{s['id']} line 1 is 2.00 but the goods left at 2.01"
        in (problems)
    )
    assert any("totals of" in m for m in problems)  # totals no longer sum the movements


def test_transfers_both_ways_in_one_second_settle_or_are_refused(world):
    """Incoming first within a second makes two opposite transfers depend on each other; the
    recalculation iterates to a fixed point (checked) or refuses with a clear message."""
    p = world.products[0]
    buy(world, 1, (p, "3", "1.00"))
    buy(world, 1, (p, "3", "5.00"), wh=world.wh2)
    transfer(world, 2, (p, "2"), src=world.wh, dst=world.wh2)
    try:
        transfer(world, 2, (p, "1"), src=world.wh2, dst=world.wh)
    except KontoraError as e:
        assert "does not settle" in str(e)
    else:
        consistent(world)
        assert balance(world, p)[1] + balance(world, p, world.wh2)[1] == D("18.00")
