"""The API session retries transient conflicts on its own: a real deadlock, not a mock."""

from __future__ import annotations

import threading
import time

import psycopg
from sqlalchemy import text

from tests.conftest import make_world


def test_deadlock_victim_is_retried(db):
    world = make_world(db)
    a, b = world.wh, world.wh2
    attempts: list[int] = []
    blocker = psycopg.connect(
        db.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    )
    blocker.execute("UPDATE cat_warehouses SET code = 'x' WHERE id = %s", [a])  # holds a

    def work(c):
        attempts.append(1)
        c.execute(text("UPDATE cat_warehouses SET code = 'y' WHERE id = :i"), {"i": b})
        c.execute(text("UPDATE cat_warehouses SET code = 'y' WHERE id = :i"), {"i": a})  # waits

    t = threading.Thread(target=world.session.run, args=(work,))
    t.start()
    deadline = time.monotonic() + 10
    while (
        world.session.scalar(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
            "AND datname = current_database()"
        )
        == 0
    ):
        assert time.monotonic() < deadline, "the session never waited for the lock"
        time.sleep(0.05)
    # Close the cycle: the session (waiting longest) is chosen as the deadlock victim.
    blocker.execute("UPDATE cat_warehouses SET code = 'x' WHERE id = %s", [b])
    blocker.commit()
    blocker.close()
    t.join(timeout=30)
    assert not t.is_alive()
    assert len(attempts) == 2, "the deadlock reached the caller instead of being retried"
    rows = world.session.rows("SELECT id, code FROM cat_warehouses")
    codes = {r["id"]: r["code"] for r in rows}
    assert codes[a] == codes[b] == "y"


def test_unreachable_server_is_a_clear_connection_error(db, tmp_path):
    """No server behind the address: the user hears that nothing was sent."""
    import pytest
    from sqlalchemy import create_engine

    from server.api import Documents, Session, new_document
    from server.errors import ConnectionLostError
    from server.metadata import registry

    dead = db.engine.url.update_query_dict({"host": str(tmp_path)})  # no socket there
    docs = Documents(Session(create_engine(dead)), registry)
    with pytest.raises(ConnectionLostError, match="nothing was sent"):
        docs.save("goods_receipt", new_document(organization=1, warehouse=1, lines=[]))
