"""The consistency check finds a cost off by a cent wherever the moving average sets it: an
outgoing movement, a transfer's incoming side, a count's surplus, a return (server/check_cost.py,
set-based: window sums over each key's movements in moment order)."""

from __future__ import annotations

from typing import Any

from server.check import check
from tests.helpers import shipment
from tests.test_cost import buy, count, transfer
from tests.test_return_cost import give_back


def _off(w: Any, kind: str, doc: dict, line: int) -> list[str]:
    """Add a cent to the stored cost of one movement; the check's cost sentences."""
    w.session.execute(
        "UPDATE reg_stock SET cost = cost + 0.01 WHERE recorder_type = :t AND recorder_id = :i "
        "AND line_no = :l",
        t=kind,
        i=doc["id"],
        l=line,
    )
    return [m for m in check(w.db.engine) if "the moving average gives" in m]


def test_transfer_incoming_cost_off_by_a_cent(world):
    p = world.products[0]
    buy(world, 1, (p, "10", "2.50"))
    t = transfer(world, 2, (p, "4"), src=world.wh, dst=world.wh2)
    assert _off(world, "stock_transfer", t, 2) == [
        f"stock: cost of stock_transfer #{t['id']} line 2 at key ({world.wh2}, {p}) is 10.01, "
        "the moving average gives 10.00 (balance before: 0 costing 0)"
    ]


def test_count_surplus_cost_off_by_a_cent(world):
    p = world.products[0]
    buy(world, 1, (p, "4", "2.50"))
    c = count(world, 2, (p, "4", "6"))
    [problem] = _off(world, "stock_count", c, 1)
    assert problem.startswith(f"stock: cost of stock_count #{c['id']} line 1 at key ")
    assert "is 5.01, the moving average gives 5.00 (balance before: 4" in problem


def test_outgoing_cost_off_by_a_cent_only_the_first_per_key(world):
    p = world.products[0]
    buy(world, 1, (p, "3", "10.00"))
    s = shipment(world, 2, (p, "1"))
    shipment(world, 3, (p, "1"))  # its cost follows the wrong balance: not reported again
    [problem] = _off(world, "sales_shipment", s, 1)
    assert problem == (
        f"stock: cost of sales_shipment #{s['id']} line 1 at key ({world.wh}, {p}) is -9.99, "
        "the moving average gives -10.00 (balance before: 3 costing 30.00)"
    )


def test_return_cost_off_by_a_cent(world):
    p = world.products[0]
    buy(world, 1, (p, "3", "10.00"), (p, "4", "11.00"))
    sh = shipment(world, 3, (p, "3"))  # round(74 × 3 / 7) = 31.71
    ret = give_back(world, sh, 5, "2")  # round(31.71 × 2 / 3) = 21.14
    [problem] = _off(world, "sales_return", ret, 1)
    assert f"stock: cost of sales_return #{ret['id']} line 1 at key" in problem
    assert "is 21.15, the moving average gives 21.14" in problem
