"""Pinging a pooled connection before use only when it has been idle a while.

SQLAlchemy's ``pool_pre_ping`` sends a round trip before every checkout: on a save and post
of a shipment (one call) 7 % of the time. A connection used a moment ago is almost surely
alive; one idle in the pool for a while (the user thinking, the server restarted meanwhile,
a network that dropped it) is the one to check, and replace unnoticed if it is gone. A
connection that dies within that moment fails the call itself, which the session reports as a
lost connection (a posting: unconfirmed, safe to resend), as it would any failure mid-call.
"""

from __future__ import annotations

import time
from typing import Any

import psycopg
from sqlalchemy import Engine, event, exc

#: Seconds a pooled connection may have been idle and still be used without a ping: longer
#: than the gap between the calls of one command (a list posting its selection, an import),
#: shorter than a person's pause between two commands.
PING_AFTER_IDLE_S = 1.0
_USED = "kontora_used_at"


def ping_when_idle(engine: Engine, idle_s: float = PING_AFTER_IDLE_S) -> None:
    """Ping ``engine``'s connections at checkout when idle longer than ``idle_s``; one that
    does not answer is discarded and the pool connects afresh (up to its retries)."""

    @event.listens_for(engine, "connect")
    def _fresh(_dbapi: Any, record: Any) -> None:
        record.info[_USED] = time.monotonic()

    @event.listens_for(engine, "checkin")
    def _used(_dbapi: Any, record: Any) -> None:
        if record is not None:
            record.info[_USED] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _ping(dbapi: Any, record: Any, _proxy: Any) -> None:
        if time.monotonic() - record.info.get(_USED, 0.0) <= idle_s:
            return
        try:
            engine.dialect.do_ping(dbapi)
        except psycopg.Error as e:  # it does not answer: gone
            raise exc.DisconnectionError(str(e)) from e
