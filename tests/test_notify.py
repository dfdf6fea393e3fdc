"""The change triggers announce which lists changed: one message per table and transaction."""

from __future__ import annotations

import psycopg

from server.sqlgen.notify import CHANNEL
from tests.helpers import receipt, shipment


def listener(db) -> psycopg.Connection:
    url = db.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    conn = psycopg.connect(url, autocommit=True)
    conn.execute(f"LISTEN {CHANNEL}")
    return conn


def received(conn: psycopg.Connection) -> list[str]:
    """Payloads delivered so far (waits briefly for the last one to arrive)."""
    return [n.payload for n in conn.notifies(timeout=0.5) if n.channel == CHANNEL]


def test_saving_posting_and_marking_send_one_message_each(world):
    p = world.products[0]
    with listener(world.db) as conn:
        receipt(world, 1, (p, "10"), (world.products[1], "5"))
        assert received(conn) == ["document:goods_receipt"]  # its registers ride on it
        ship = shipment(world, 2, (p, "1"))
        assert received(conn) == ["document:sales_shipment"]
        world.docs.unpost("sales_shipment", ship["id"])
        world.docs.mark("sales_shipment", ship["id"])
        assert received(conn) == ["document:sales_shipment", "document:sales_shipment"]
        assert received(conn) == []  # nothing else happened


def test_catalogs_subsystems_and_constants_announce_themselves(world):
    with listener(world.db) as conn:
        world.session.execute("UPDATE cat_products SET price = 1")  # every row: one message
        world.session.execute("UPDATE subsystems SET enabled = false WHERE name = 'crm'")
        world.session.execute("UPDATE constants SET period_lock_date = '2020-01-31'")
        assert received(conn) == ["catalog:products", "subsystems", "constants"]


def test_a_rolled_back_change_announces_nothing(world):
    with listener(world.db) as conn, world.db.engine.connect() as c:
        c.exec_driver_sql("UPDATE kontora.cat_warehouses SET name = name || '!'")
        c.rollback()
        assert received(conn) == []
