"""Per-user settings that roam with the login: favorites, history, list columns.

Rows live in ``kontora.user_settings`` keyed by ``(username, key)``; ``username`` defaults to
``SESSION_USER`` and a row-level security policy lets each login read and write only its own
rows. A superuser (the embedded default infobase) bypasses the policy, so every statement here
also names ``SESSION_USER`` itself: each login sees exactly its own settings either way.
Values are JSON (decimals travel as strings, see :func:`server.api.session.to_json`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

from server.api.session import Session, to_json
from server.errors import InvalidValue

S = "kontora"
KEY_MAX = 200
_OWN = "username = SESSION_USER"


def _check(key: str) -> str:
    if not 1 <= len(key or "") <= KEY_MAX:
        raise InvalidValue("Setting", "Key", key, f"must be 1 to {KEY_MAX} characters long")
    return key


def get(session: Session, key: str, default: Any = None) -> Any:
    """The value stored under ``key`` for the current login (``default`` when none)."""
    value = session.scalar(
        f"SELECT value FROM {S}.user_settings WHERE {_OWN} AND key = :k", k=_check(key)
    )
    return default if value is None else value


def get_many(session: Session, keys: list[str]) -> dict[str, Any]:
    """The stored values of ``keys`` (missing keys are left out), in one round trip."""
    rows = session.rows(
        f"SELECT key, value FROM {S}.user_settings WHERE {_OWN} AND key = ANY(:keys)",
        keys=[_check(k) for k in keys],
    )
    return {r["key"]: r["value"] for r in rows}


def put(session: Session, key: str, value: Any) -> None:
    """Store ``value`` under ``key`` for the current login (insert or replace)."""
    stmt = text(
        f"INSERT INTO {S}.user_settings AS s (key, value) VALUES (:k, CAST(:v AS jsonb)) "
        "ON CONFLICT (username, key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()"
    )
    session.run(lambda c: c.execute(stmt, {"k": _check(key), "v": to_json(value)}))


def delete(session: Session, key: str) -> None:
    """Forget ``key`` for the current login (nothing happens when it is not stored)."""
    session.execute(f"DELETE FROM {S}.user_settings WHERE {_OWN} AND key = :k", k=_check(key))
