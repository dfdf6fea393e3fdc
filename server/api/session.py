"""A user's session with an infobase: one engine, typed errors, automatic retry."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from decimal import Decimal
from typing import Any, TypeVar

import psycopg
import psycopg.types.json
from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError

from server.errors import (
    QT_TRANSLATE_NOOP,
    ConnectionLostError,
    KontoraError,
    Template,
    error,
    from_db,
)

T = TypeVar("T")
TRANSIENT = {"40001", "40P01"}  # serialization failure, deadlock: safe to retry
# JSON from the database keeps exact decimals (one decoder: json.loads with an argument
# would build a new one, scanner and all, for every value).
_JSON = json.JSONDecoder(parse_float=Decimal)


def _json_loads(data: bytes | str) -> Any:
    return _JSON.decode(data.decode() if isinstance(data, bytes) else data)


psycopg.types.json.set_json_loads(_json_loads)

T_UNCONFIRMED = QT_TRANSLATE_NOOP(
    "errors",
    "The connection to the server was lost; the operation was not confirmed. "
    "Try again: nothing is duplicated. ({reason})",
)
T_UNREACHABLE = QT_TRANSLATE_NOOP("errors", "Cannot reach the server; nothing was sent. ({reason})")


def _default(o: Any) -> Any:
    if isinstance(o, Decimal):
        return str(o)
    if hasattr(o, "isoformat"):
        return o.isoformat()
    return str(o)


def _connection_failure(exc: BaseException | None) -> bool:
    """A lost or refused connection (class 08, no SQLSTATE at all), not a statement error such
    as a statement or lock timeout, which the user can simply retry."""
    state = getattr(exc, "sqlstate", None)
    return isinstance(exc, psycopg.OperationalError) and (state is None or state.startswith("08"))


_ENCODER = json.JSONEncoder(default=_default)  # (json.dumps would build one per call)


def to_json(payload: Any) -> str:
    return _ENCODER.encode(payload)


class Session:
    """Runs units of work in transactions, translating database errors into KontoraErrors."""

    def __init__(self, engine: Engine, retries: int = 3) -> None:
        self.engine = engine
        self.retries = retries

    def run(self, work: Callable[[Connection], T]) -> T:
        """Run ``work`` in one transaction; retry transient conflicts; raise typed errors."""
        for attempt in range(self.retries + 1):
            try:
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
                if exc.connection_invalidated or _connection_failure(exc.orig):
                    raise error(
                        ConnectionLostError, Template(T_UNCONFIRMED, {"reason": exc.orig})
                    ) from exc
                raise
        raise KontoraError("unreachable")  # pragma: no cover

    def call(self, sql: str, params: tuple | list) -> Any:
        """Run one statement (a server function, or a procedure that commits inside) on a
        pooled DB-API connection in autocommit: the statement is its own transaction, so no
        BEGIN/COMMIT round trips are needed."""
        for attempt in range(self.retries + 1):
            try:
                raw = self.engine.raw_connection()
            except (DBAPIError, psycopg.Error) as exc:  # the pool may not wrap connect errors
                reason = getattr(exc, "orig", None) or exc
                raise error(
                    ConnectionLostError, Template(T_UNREACHABLE, {"reason": reason})
                ) from exc
            dbapi = raw.driver_connection
            try:
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
                if dbapi.closed or dbapi.broken or _connection_failure(exc):
                    raise error(
                        ConnectionLostError, Template(T_UNCONFIRMED, {"reason": exc})
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
