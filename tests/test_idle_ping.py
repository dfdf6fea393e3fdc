"""A pooled connection is pinged before use only after being idle a while (server.idle_ping)."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import create_engine

from server.api import Session
from server.errors import ConnectionLostError
from server.idle_ping import ping_when_idle
from tests.conftest import Db


def _client(db: Db, idle_s: float) -> Session:
    engine = create_engine(db.url, pool_size=1)
    ping_when_idle(engine, idle_s)
    return Session(engine)


def _kill(db: Db, pid: int) -> None:
    """End backend ``pid`` (waiting until it is gone), as a server restart would."""
    assert db.session().scalar("SELECT pg_terminate_backend(:p, 5000)", p=pid)


def test_a_connection_dropped_while_idle_is_replaced_unnoticed(db: Db) -> None:
    s = _client(db, idle_s=0.2)
    pid = s.call("SELECT pg_backend_pid()", ())
    _kill(db, pid)
    time.sleep(0.3)  # idle longer than the threshold: pinged, found gone, replaced
    assert s.call("SELECT pg_backend_pid()", ()) != pid


def test_a_connection_used_a_moment_ago_is_not_pinged(db: Db) -> None:
    """No round trip before the call: a connection that died just now fails the call itself
    (reported as lost, as any failure mid-call), and the next call gets a new one."""
    s = _client(db, idle_s=60)
    pid = s.call("SELECT pg_backend_pid()", ())
    _kill(db, pid)
    with pytest.raises(ConnectionLostError):
        s.call("SELECT pg_backend_pid()", ())
    assert s.call("SELECT pg_backend_pid()", ()) != pid
