"""A user's session with an infobase: one engine, typed errors, automatic retry."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from decimal import Decimal
from functools import partial
from typing import Any, TypeVar

import psycopg
import psycopg.types.json
from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError, OperationalError

from server.errors import ConnectionLostError, KontoraError, from_db

T = TypeVar("T")
TRANSIENT = {"40001", "40P01"}  # serialization failure, deadlock: safe to retry
# JSON from the database keeps exact decimals.
psycopg.types.json.set_json_loads(partial(json.loads, parse_float=Decimal))


def _default(o: Any) -> Any:
    if isinstance(o, Decimal):
        return str(o)
    if hasattr(o, "isoformat"):
        return o.isoformat()
    return str(o)


def to_json(payload: Any) -> str:
    return json.dumps(payload, default=_default)


class Session:
    """Runs units of work in transactions, translating database errors into KontoraErrors."""

    def __init__(self, engine: Engine, retries: int = 3) -> None:
        self.engine = engine
        self.retries = retries

    def run(self, work: Callable[[Connection], T], *, single: bool = False) -> T:
        """Run ``work`` in one transaction; retry transient conflicts; raise typed errors.

        ``single``: work is one statement (a server function), which PostgreSQL already runs
        as one transaction, so no BEGIN/COMMIT round trips are sent.
        """
        for attempt in range(self.retries + 1):
            try:
                if single:
                    with self.engine.connect() as conn:
                        conn = conn.execution_options(isolation_level="AUTOCOMMIT")
                        return work(conn)
                with self.engine.begin() as conn:
                    return work(conn)
            except DBAPIError as exc:
                state = getattr(exc.orig, "sqlstate", None)
                if state in TRANSIENT and attempt < self.retries:
                    time.sleep(0.02 * (attempt + 1))
                    continue
                typed = from_db(exc)
                if typed is not None:
                    raise typed from exc
                if isinstance(exc, OperationalError) or exc.connection_invalidated:
                    raise ConnectionLostError(
                        "The connection to the server was lost; the operation was not "
                        f"confirmed. Try again: nothing is duplicated. ({exc.orig})"
                    ) from exc
                raise
        raise KontoraError("unreachable")  # pragma: no cover

    def call(self, sql: str, params: tuple | list) -> Any:
        """Run one statement (a server function) on a pooled DB-API connection in autocommit:
        the statement is its own transaction, so no BEGIN/COMMIT round trips are needed."""
        for attempt in range(self.retries + 1):
            raw = self.engine.raw_connection()
            try:
                dbapi = raw.driver_connection
                dbapi.autocommit = True
                row = dbapi.execute(sql, params).fetchone()
                return row[0] if row else None
            except psycopg.Error as exc:
                if exc.sqlstate in TRANSIENT and attempt < self.retries:
                    time.sleep(0.02 * (attempt + 1))
                    continue
                if dbapi.closed or dbapi.broken:
                    raw.invalidate()
                typed = from_db(exc)
                if typed is not None:
                    raise typed from exc
                if isinstance(exc, psycopg.OperationalError):
                    raise ConnectionLostError(
                        "The connection to the server was lost; the operation was not "
                        f"confirmed. Try again: nothing is duplicated. ({exc})"
                    ) from exc
                raise
            finally:
                if not (dbapi.closed or dbapi.broken):
                    dbapi.autocommit = False  # pooled connections are shared with begin()
                raw.close()  # back to the pool
        raise KontoraError("unreachable")  # pragma: no cover

    def scalar(self, sql: str, **params: Any) -> Any:
        return self.run(lambda c: c.execute(text(sql), params).scalar())

    def rows(self, sql: str, **params: Any) -> list[dict[str, Any]]:
        return self.run(lambda c: [dict(r._mapping) for r in c.execute(text(sql), params)])

    def execute(self, sql: str, **params: Any) -> None:
        self.run(lambda c: c.execute(text(sql), params))
