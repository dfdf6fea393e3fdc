"""Migration 0030: free stock derived from the stock and the reserves (views), and back to
0029's tables filled as 0029's posting would have kept them."""

from __future__ import annotations

from typing import Any

from server.check import check
from tests.helpers import receipt
from tests.sales_helpers import order, ship_order
from tests.test_metadata import _migrate

TABLES = ("reg_free_stock", "reg_free_stock_totals", "reg_free_stock_balance")
BALANCE = (
    "SELECT warehouse_id, product_id, quantity FROM kontora.reg_free_stock_balance ORDER BY 1, 2"
)
TOTALS = (
    "SELECT warehouse_id, product_id, month, quantity, quantity_in "
    "FROM kontora.reg_free_stock_totals ORDER BY 1, 2, 3"
)


def _rows(w: Any, sql: str) -> list[tuple]:
    return [tuple(r.values()) for r in w.session.rows(sql)]


def _kinds(w: Any) -> list[str | None]:
    """relkind of the three free-stock relations: 'r' tables, 'v' views, None: gone."""
    kind = "SELECT relkind FROM pg_class WHERE oid = to_regclass(:t)"
    return [w.session.scalar(kind, t=f"kontora.{t}") for t in TABLES]


def test_migration_0030_derives_free_stock_and_goes_back(world):
    w, (a, b) = world, world.products[:2]
    receipt(w, 1, (a, "10"), (b, "4"))
    oid = order(w, 2, (a, "6", "1.00", "6"), (b, "2", "1.00", "2"))["id"]
    ship_order(w, oid, 3, {a: "4", b: "2"})  # all of b's reserve, 4 of a's 6
    assert _kinds(w) == ["v", "v", "v"]
    balance, totals = _rows(w, BALANCE), _rows(w, TOTALS)
    assert balance == [(w.wh, a, 4), (w.wh, b, 2)]

    _migrate(w.db, "0029", down=True)
    assert _kinds(w) == ["r", "r", "r"]
    assert _rows(w, BALANCE) == balance
    # Net changes as the views had them; receipts as 0029's posting kept them: its free-stock
    # movements rose only where the stock did (an order's lines and a shipment's moved it down
    # or by 0), while the totals view counts a reserve a shipment took as a receipt.
    back = _rows(w, TOTALS)
    assert [r[:4] for r in back] == [r[:4] for r in totals]
    assert [r[4] for r in back] == [10, 4]
    # Movement for movement as 0029's posting wrote them: the shipment's lines took all they
    # shipped from the reserve, so its free stock moved by 0 (still written).
    moved = _rows(
        w,
        "SELECT recorder_type, line_no, product_id, quantity FROM kontora.reg_free_stock "
        "ORDER BY recorder_type, line_no",
    )
    assert moved == [
        ("goods_receipt", 1, a, 10),
        ("goods_receipt", 2, b, 4),
        ("sales_order", 1, a, -6),
        ("sales_order", 2, b, -2),
        ("sales_shipment", 1, a, 0),
        ("sales_shipment", 2, b, 0),
    ]
    # No routines install after a downgrade: the migration grants what the install did.
    assert all(
        w.session.scalar(
            "SELECT has_table_privilege('kontora_storekeeper', :t, 'SELECT')", t=f"kontora.{t}"
        )
        for t in TABLES
    )

    _migrate(w.db, "head")
    assert _kinds(w) == ["v", "v", "v"]
    assert _rows(w, BALANCE) == balance
    assert _rows(w, TOTALS) == totals
    assert check(w.db.engine) == []
