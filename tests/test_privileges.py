"""A storekeeper typing SQL with psycopg cannot bypass posting; an administrator can run the
infobase (close periods, switch subsystems) but still cannot forge register movements."""

from __future__ import annotations

import json
import uuid

import psycopg
import pytest
from sqlalchemy import create_engine

from server.errors import from_db
from server.infobase import Infobase
from server.users import add_user
from tests.helpers import receipt


def connect(db, user: str) -> psycopg.Connection:
    u = db.engine.url.set(drivername="postgresql", username=user, password="secret-pw")
    return psycopg.connect(u.render_as_string(hide_password=False), autocommit=True)


@pytest.fixture
def users(db):
    suffix = uuid.uuid4().hex[:6]
    names = {"store": f"store_{suffix}", "admin": f"adm_{suffix}"}
    eng = create_engine(db.url, isolation_level="AUTOCOMMIT")
    with eng.connect() as c:
        add_user(c, names["store"], "storekeeper", "secret-pw")
        add_user(c, names["admin"], "admin", "secret-pw")
    yield names
    with eng.connect() as c:
        for n in names.values():
            c.exec_driver_sql(f'DROP OWNED BY "{n}"; DROP ROLE "{n}"')
    eng.dispose()


DENIED = [
    "INSERT INTO reg_stock (recorder_type, recorder_id, line_no, period, warehouse_id, "
    "product_id, quantity) VALUES ('goods_receipt', 1, 9, now(), {wh}, {p}, 1000)",
    "UPDATE reg_stock SET quantity = 1000",
    "DELETE FROM reg_stock",
    "UPDATE reg_stock_balance SET quantity = 1000",
    "DELETE FROM reg_stock_totals",
    "UPDATE doc_goods_receipt_lines SET quantity = 1",
    "DELETE FROM doc_goods_receipt_lines",
    "UPDATE doc_goods_receipt SET posted = false",
    "SELECT kontora.lock_keys(ARRAY[1::bigint])",
    "SELECT kontora.doc_goods_receipt_posting(1, false)",
    "UPDATE constants SET period_lock_date = NULL",
    "UPDATE subsystems SET enabled = true",
    "CREATE FUNCTION kontora.evil() RETURNS int LANGUAGE sql AS 'SELECT 1'",
    "CREATE TABLE public.evil (x int)",
    "SET ROLE kontora_owner",
]


def test_storekeeper_cannot_touch_registers_or_posted_documents(world, users):
    p = world.products[0]
    receipt(world, 1, (p, "10"))
    with connect(world.db, users["store"]) as c:
        for stmt in DENIED:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                c.execute(stmt.format(wh=world.wh, p=p))
    assert world.stock(p) == 10
    assert world.session.scalar("SELECT count(*) FROM reg_stock") == 1


def _payload(world, day: str, qty: str = "1") -> dict:
    return {
        "client_key": str(uuid.uuid4()),
        "organization_id": world.org,
        "warehouse_id": world.wh,
        "date": f"2026-03-{day}T10:00:00",
        "lines": [{"product_id": world.products[0], "quantity": qty}],
    }


def _save(c: psycopg.Connection, world, day: str, qty: str = "1") -> dict:
    return c.execute(
        "SELECT kontora.doc_goods_receipt_save(%s::jsonb, true)",
        [json.dumps(_payload(world, day, qty))],
    ).fetchone()[0]


def test_storekeeper_posts_only_through_the_rules(world, users):
    with connect(world.db, users["store"]) as c:
        assert _save(c, world, "05")["posted"]
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # not their subsystem
            c.execute("SELECT kontora.doc_sales_shipment_post(1, true)")
        exact = "a finite number within range, with no more decimals than allowed"
        for qty, rule in (("NaN", exact), ("-2", "greater than zero")):
            with pytest.raises(psycopg.Error) as e:
                _save(c, world, "06", qty=qty)
            assert e.value.sqlstate == "23514"  # the lines' quantity domain names its column
            assert str(from_db(e.value)) == f"doc_goods_receipt_lines: quantity must be {rule}"
        with pytest.raises(psycopg.Error, match="more decimals"):
            _save(c, world, "06", qty="1.5")
        with pytest.raises(psycopg.Error) as e:
            c.execute(
                "SELECT kontora.doc_write_off_save(%s::jsonb, true)",
                [
                    json.dumps(
                        {
                            "client_key": str(uuid.uuid4()),
                            "organization_id": world.org,
                            "warehouse_id": world.wh,
                            "expense_item_id": world.expense_item,
                            "date": "2026-03-07T10:00:00",
                            "lines": [{"product_id": world.products[0], "quantity": "99"}],
                        }
                    )
                ],
            )
        assert e.value.sqlstate == "KN001" and "Bolt M4" in str(e.value)

    world.session.execute("UPDATE constants SET period_lock_date = '2026-03-10'")
    world.session.execute("UPDATE subsystems SET enabled = false WHERE name = 'purchasing'")
    with connect(world.db, users["store"]) as c:
        with pytest.raises(psycopg.Error) as e:
            _save(c, world, "09")
        assert e.value.sqlstate == "KN002"
        assert _save(c, world, "11")["posted"]
    world.session.execute("UPDATE subsystems SET enabled = false WHERE name = 'inventory'")
    with connect(world.db, users["store"]) as c:
        with pytest.raises(psycopg.Error) as e:
            _save(c, world, "12")
        assert e.value.sqlstate == "KN003"


def test_upgrade_replaces_a_post_entry_point_returning_nothing(world, users):
    """An infobase installed when a document's Post returned nothing: the upgrade replaces the
    entry point by one returning the document's state, with its grants given again."""
    eng = create_engine(world.db.url)
    with eng.begin() as c:
        c.exec_driver_sql("SET LOCAL ROLE kontora_owner")
        c.exec_driver_sql("DROP FUNCTION kontora.doc_goods_receipt_post(bigint, boolean)")
        c.exec_driver_sql(
            "CREATE FUNCTION kontora.doc_goods_receipt_post(p_id bigint, "
            "p_post boolean DEFAULT true) RETURNS void LANGUAGE sql AS 'SELECT'"
        )
    Infobase(str(world.db.name)).upgrade(eng)
    eng.dispose()
    with connect(world.db, users["store"]) as c:
        draft = c.execute(
            "SELECT kontora.doc_goods_receipt_save(%s::jsonb, false)",
            [json.dumps(_payload(world, "05"))],
        ).fetchone()[0]
        state = c.execute(
            "SELECT kontora.doc_goods_receipt_post(%s, true)", [draft["id"]]
        ).fetchone()[0]
    assert state["posted"] and state["id"] == draft["id"] and state["version"] == draft["version"]


def test_administrator_runs_the_infobase_but_cannot_forge_movements(world, users):
    with connect(world.db, users["admin"]) as c:
        c.execute("UPDATE constants SET period_lock_date = '2026-03-10'")
        with pytest.raises(psycopg.Error) as e:
            _save(c, world, "09")
        assert e.value.sqlstate == "KN002"
        c.execute("UPDATE constants SET period_lock_date = NULL")
        assert _save(c, world, "09")["posted"]
        c.execute("UPDATE subsystems SET enabled = false WHERE name = 'sales'")
        c.execute("UPDATE subsystems SET enabled = true WHERE name = 'sales'")
        for stmt in DENIED[:5]:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                c.execute(stmt.format(wh=world.wh, p=world.products[0]))
    assert world.stock(world.products[0]) == 1
