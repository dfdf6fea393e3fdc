"""The API session retries transient conflicts on its own: a real deadlock, not a mock."""

from __future__ import annotations

import threading
import time

import psycopg
from sqlalchemy import text

from tests.conftest import make_world


def test_deadlock_victim_is_retried(db):
    """The session's first attempt closes a lock cycle with a connection whose own deadlock
    check would come only after ten minutes, so the session is the victim whatever the load
    (PostgreSQL checks once, deadlock_timeout after a wait begins: with the cycle closed by the
    other side, a loaded machine could let the session's check pass before the cycle formed)."""
    world = make_world(db)
    a, b = world.wh, world.wh2
    attempts: list[int] = []
    blocker = psycopg.connect(
        db.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    )
    blocker.execute("SET deadlock_timeout = '10min'")
    blocker.execute("UPDATE cat_warehouses SET code = 'x' WHERE id = %s", [a])  # holds a

    def blocker_takes_b() -> None:
        blocker.execute("UPDATE cat_warehouses SET code = 'x' WHERE id = %s", [b])  # waits
        blocker.commit()

    taker = threading.Thread(target=blocker_takes_b)

    def work(c):
        attempts.append(1)
        c.execute(text("UPDATE cat_warehouses SET code = 'y' WHERE id = :i"), {"i": b})
        if len(attempts) == 1:  # the blocker waits for b before this attempt asks for a
            taker.start()
            deadline = time.monotonic() + 10
            while not world.session.scalar(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                "AND datname = current_database()"
            ):
                assert time.monotonic() < deadline, "the blocker never waited for the lock"
                time.sleep(0.05)
        c.execute(text("UPDATE cat_warehouses SET code = 'y' WHERE id = :i"), {"i": a})

    t = threading.Thread(target=world.session.run, args=(work,))
    t.start()
    t.join(timeout=30)
    taker.join(timeout=30)
    blocker.close()
    assert not t.is_alive() and not taker.is_alive()
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
