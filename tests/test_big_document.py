"""A document of 20,000 lines posts: a posting locks every register key it touches, and the
embedded server's lock table is sized for it (server.embedded.DEFAULTS)."""

from __future__ import annotations

from tests.conftest import sql
from tests.helpers import receipt

LINES = 20_000


def test_a_20000_line_receipt_posts_and_balances(world):
    unit = world.session.scalar(
        "SELECT unit_id FROM kontora.cat_products WHERE id = :p", p=world.products[0]
    )
    sql(
        world.db.engine,
        "INSERT INTO kontora.cat_products(name, unit_id) "
        "SELECT 'Bulk item ' || g, :u FROM generate_series(1, :n) g",
        u=unit,
        n=LINES,
    )
    ids = world.session.rows(
        "SELECT id FROM kontora.cat_products WHERE name LIKE 'Bulk item %' ORDER BY id"
    )
    doc = receipt(world, 2, *((r["id"], "2") for r in ids))
    assert doc["id"]
    got = world.session.rows(
        "SELECT count(*) AS keys, sum(quantity) AS qty FROM kontora.reg_stock_balance b "
        "JOIN kontora.cat_products p ON p.id = b.product_id WHERE p.name LIKE 'Bulk item %'"
    )[0]
    assert got["keys"] == LINES and got["qty"] == 2 * LINES
