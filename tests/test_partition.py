"""Registers partitioned by year keep working: posting, backdated cost recalculation across
years, unposting, balances, the consistency check, privileges; the command adds missing years
only, and moves rows out of the default partition when it does."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from typer.testing import CliRunner

from server.api import new_document
from server.check import check
from server.cli import app
from server.metadata import registry
from server.partition import add_years, is_partitioned, partition_by_year
from tests.conftest import World

runner = CliRunner()


def _doc(world: World, kind: str, date: str, qty: str, **head) -> dict:
    return world.docs.save(
        kind,
        new_document(
            organization=world.org,
            warehouse=world.wh,
            date=date,
            lines=[{"product": world.products[0], "quantity": qty, "price": "3.00"}],
            **head,
        ),
        post=True,
    )


def _partitions(world: World) -> dict[str, int]:
    rows = world.session.rows(
        "SELECT c.relname AS p, count(*) AS n FROM kontora.reg_stock s "
        "JOIN pg_class c ON c.oid = s.tableoid GROUP BY 1"
    )
    return {r["p"]: r["n"] for r in rows}


def test_stock_partitioned_by_year_keeps_posting_and_cost_exact(world: World) -> None:
    _doc(world, "goods_receipt", "2025-06-02T09:00:00", "10")
    shipped = _doc(world, "sales_shipment", "2026-03-05T09:00:00", "4", customer=world.customer)
    with world.db.engine.begin() as c:
        made = partition_by_year(c, registry.register("stock"))
        assert is_partitioned(c, "reg_stock")
    this_year = dt.date.today().year
    assert {"reg_stock_default", "reg_stock_y2025", f"reg_stock_y{this_year + 1}"} <= set(made)
    assert _partitions(world) == {"reg_stock_y2025": 1, "reg_stock_y2026": 1}

    # a backdated receipt in 2025 changes the cost of the 2026 shipment, across partitions
    world.docs.save(
        "goods_receipt",
        new_document(
            organization=world.org,
            warehouse=world.wh,
            date="2025-01-10T09:00:00",
            lines=[{"product": world.products[0], "quantity": "10", "price": "1.00"}],
        ),
        post=True,
    )
    cost = world.session.scalar(
        "SELECT cost FROM kontora.reg_stock WHERE recorder_type = 'sales_shipment' "
        "AND recorder_id = :i",
        i=shipped["id"],
    )
    assert cost == Decimal("-8.00")  # 4 × (10 × 1.00 + 10 × 3.00) / 20
    world.docs.unpost("sales_shipment", shipped["id"])
    assert world.stock(world.products[0]) == Decimal(20)
    assert _partitions(world) == {"reg_stock_y2025": 2}
    # free stock (a view over the stock and the reserves) reads the partitioned table
    free = world.session.scalar(
        "SELECT quantity FROM kontora.reg_free_stock_balance WHERE product_id = :p",
        p=world.products[0],
    )
    assert free == Decimal(20)
    assert check(world.db.engine) == []
    with world.db.engine.begin() as c:  # nothing to add a second time
        assert partition_by_year(c, registry.register("stock")) == []


def test_a_year_beyond_goes_to_the_default_partition_until_the_command_adds_it(
    world: World,
) -> None:
    far = dt.date.today().year + 3
    with world.db.engine.begin() as c:
        partition_by_year(c, registry.register("stock"))
    _doc(world, "goods_receipt", f"{far}-02-01T09:00:00", "5")
    assert _partitions(world) == {"reg_stock_default": 1}
    with world.db.engine.begin() as c:
        assert add_years(c, "reg_stock", range(far, far + 1)) == [f"reg_stock_y{far}"]
    assert _partitions(world) == {f"reg_stock_y{far}": 1}
    assert check(world.db.engine) == []


def test_partition_command_and_a_clerk_still_reads_through_the_parent(world: World) -> None:
    _doc(world, "goods_receipt", "2026-03-02T09:00:00", "3")
    r = runner.invoke(app, ["partition", "stock", "sales", "--infobase", world.db.url])
    assert r.exit_code == 0, r.output
    assert "stock: reg_stock_default" in r.stdout and "sales: reg_sales_default" in r.stdout
    bad = runner.invoke(app, ["partition", "nonsense", "--infobase", world.db.url])
    assert bad.exit_code == 1 and "no accumulation register nonsense" in bad.stderr
    derived = runner.invoke(app, ["partition", "free_stock", "--infobase", world.db.url])
    assert derived.exit_code == 1
    assert "derived free_stock (of stock, reserves): partition its components" in derived.stderr
    grants = world.session.rows(
        "SELECT grantee FROM information_schema.role_table_grants WHERE table_schema = 'kontora' "
        "AND table_name = 'reg_stock' AND privilege_type = 'SELECT'"
    )
    assert {"kontora_storekeeper", "kontora_sales_manager"} <= {g["grantee"] for g in grants}
    owner = world.session.scalar(
        "SELECT tableowner FROM pg_tables WHERE schemaname = 'kontora' AND tablename = 'reg_stock'"
    )
    assert owner == "kontora_owner"


def test_a_partitioned_stock_register_goes_through_revision_0033(world: World) -> None:
    """Revision 0033 (the posting number and the key index over it) down and up on a stock
    register already partitioned: each partition follows, two documents at one second keep
    their order, and a new posting comes after them."""
    from tests.test_metadata import _migrate

    _doc(world, "goods_receipt", "2025-06-02T09:00:00", "3")  # 3 at 9.00
    one = _doc(world, "sales_shipment", "2026-03-05T09:00:00", "2", customer=world.customer)
    two = _doc(world, "sales_shipment", "2026-03-05T09:00:00", "1", customer=world.customer)
    with world.db.engine.begin() as c:
        partition_by_year(c, registry.register("stock"))
        # as the partition command left them before: a revision then could not alter them
        c.exec_driver_sql("ALTER TABLE kontora.reg_stock_default OWNER TO CURRENT_USER")
    _migrate(world.db, "0032", down=True)
    _migrate(world.db, "head")
    seq = "SELECT seq FROM kontora.reg_stock WHERE recorder_type = :t AND recorder_id = :i"
    assert world.session.scalar(seq, t="sales_shipment", i=one["id"]) == 1
    assert world.session.scalar(seq, t="sales_shipment", i=two["id"]) == 2
    without = world.session.rows(
        "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
        "WHERE i.inhparent = 'kontora.reg_stock'::regclass AND NOT EXISTS (SELECT 1 "
        "FROM pg_indexes x WHERE x.schemaname = 'kontora' AND x.tablename = c.relname "
        "AND x.indexdef LIKE '%(warehouse_id, product_id, period, seq)')"
    )
    assert without == []
    # an arrival at that second comes before both: their costs are recalculated in order
    _doc(world, "goods_receipt", "2026-03-05T09:00:00", "1")
    assert check(world.db.engine) == []
