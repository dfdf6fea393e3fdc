"""Typed errors the client can show: each names the object and the numbers.

The database raises them with custom SQLSTATEs (class ``KN``) and a JSON DETAIL; this module
turns a driver exception into the matching typed error. Nothing here imports Qt.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

SHORTAGE = "KN001"
PERIOD_CLOSED = "KN002"
SUBSYSTEM_OFF = "KN003"
LOCKED = "KN004"
INVALID = "KN005"
READ_ONLY = "KN006"
CONFLICT = "KN007"
NOT_FOUND = "KN008"
FORBIDDEN = "KN009"
SCHEMA_MISMATCH = "KN010"


class KontoraError(Exception):
    """Base of every error a user may see."""

    code = "KN000"

    def __init__(self, message: str, detail: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail or {}


class InvalidValue(KontoraError):
    """A field value that cannot be stored (bad number, too long, NUL byte, …)."""

    code = INVALID

    def __init__(self, owner: str, field: str, value: Any, problem: str) -> None:
        shown = repr(value)
        if len(shown) > 40:
            shown = shown[:37] + "…"
        super().__init__(
            f"{owner}: {field} {problem} (got {shown})",
            {"object": owner, "field": field, "problem": problem},
        )


@dataclass
class Shortage:
    """One key whose balance would go below zero."""

    register: str
    key: dict[str, Any]
    resource: str
    at: str
    asked: Decimal
    available: Decimal
    balance: Decimal = field(default=Decimal(0))


class ShortageError(KontoraError):
    code = SHORTAGE

    @property
    def shortages(self) -> list[Shortage]:
        d = self.detail
        return [
            Shortage(
                register=d.get("register", ""),
                key=d.get("key", {}),
                resource=d.get("resource", ""),
                at=d.get("at", ""),
                asked=Decimal(str(d.get("asked", 0))),
                available=Decimal(str(d.get("available", 0))),
                balance=Decimal(str(d.get("balance", 0))),
            )
        ]


class PeriodClosedError(KontoraError):
    code = PERIOD_CLOSED


class SubsystemOffError(KontoraError):
    code = SUBSYSTEM_OFF


class LockedError(KontoraError):
    """Another user's posting holds the data this one needs for too long."""

    code = LOCKED


class ReadOnlyError(KontoraError):
    code = READ_ONLY


class ConflictError(KontoraError):
    """The object was changed by another user since it was read."""

    code = CONFLICT


class NotFoundError(KontoraError):
    code = NOT_FOUND


class ForbiddenError(KontoraError):
    code = FORBIDDEN


class SchemaMismatchError(KontoraError):
    code = SCHEMA_MISMATCH


class ConnectionLostError(KontoraError):
    code = "KN011"


_BY_CODE: dict[str, type[KontoraError]] = {
    c.code: c
    for c in (
        ShortageError,
        PeriodClosedError,
        SubsystemOffError,
        LockedError,
        ReadOnlyError,
        ConflictError,
        NotFoundError,
        ForbiddenError,
        SchemaMismatchError,
    )
}


class DatabaseInvalidValue(KontoraError):
    code = INVALID


def from_db(exc: BaseException) -> KontoraError | None:
    """Translate a psycopg (or SQLAlchemy-wrapped) exception into a typed Kontora error."""
    orig = getattr(exc, "orig", None) or exc
    sqlstate = getattr(orig, "sqlstate", None)
    diag = getattr(orig, "diag", None)
    if sqlstate is None or diag is None:
        return None
    message = diag.message_primary or str(orig)
    detail: dict[str, Any] = {}
    if diag.message_detail:
        try:
            detail = json.loads(diag.message_detail)
        except ValueError:
            detail = {"text": diag.message_detail}
    if sqlstate in _BY_CODE:
        return _BY_CODE[sqlstate](message, detail)
    if sqlstate == INVALID:
        return DatabaseInvalidValue(message, detail)
    if sqlstate == "42501":
        return ForbiddenError(f"Permission denied: {message}", {"sqlstate": sqlstate})
    if sqlstate == "23514":
        return DatabaseInvalidValue(_check_message(diag), {"constraint": diag.constraint_name})
    if sqlstate in ("22P02", "22003", "22021", "54000", "22001"):
        return DatabaseInvalidValue(f"Invalid value: {message}", {"sqlstate": sqlstate})
    if sqlstate in ("57P01", "57P05", "08006", "08003", "25P03"):
        return ConnectionLostError(
            f"The connection to the server was lost ({message}); nothing was saved.",
            {"sqlstate": sqlstate},
        )
    return None


def _check_message(diag: Any) -> str:
    """Explain a CHECK violation by its constraint name ``ck_<table>_<column>_<rule>``."""
    name = diag.constraint_name or ""
    table = diag.table_name or ""
    rest = name.removeprefix(f"ck_{table}_")
    column, _, rule = rest.rpartition("_")
    column = column.replace("_", " ")
    rules = {
        "exact": "must be a finite number within range, with no more decimals than allowed",
        "positive": "must be greater than zero",
        "nonnegative": "must not be negative",
        "len": "is too long",
        "nonempty": "must not be empty",
        "range": "is out of range",
    }
    what = rules.get(rule)
    if what:
        return f"{table}: {column} {what}"
    return f"{table}: a value breaks rule {name}"
