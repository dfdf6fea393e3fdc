"""Users of an infobase: PostgreSQL LOGIN roles that are members of one Kontora group role.

Every change goes through ``kontora.manage_user`` (server/sqlgen/manage_user.sql), a SECURITY
DEFINER function of the ``kontora_usermgr`` role, so an administrator who is not a superuser
manages users too; the checks here only give early, translatable messages.

Passwords are hashed to a SCRAM-SHA-256 verifier on the client (libpq's
``PQencryptPasswordConn``, as ``psql \\password`` does), so the plain password never reaches
the server, its statement log or this program's logs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, text

from server.config.roles import ROLE_PREFIX, ROLE_WRITES, group_role
from server.errors import QT_TRANSLATE_NOOP, InvalidValue

NAME_RE = re.compile(r"^[a-z][a-z0-9_]{0,62}$")
RESERVED = frozenset(
    {
        "postgres",
        "public",
        "none",
        "all",
        "current_user",
        "current_role",
        "session_user",
        "system_user",
    }
)


def validate_name(name: str) -> str:
    """Return ``name`` if it is a safe user name (lower-case letters, digits, underscore)."""
    if not NAME_RE.fullmatch(name or ""):
        raise InvalidValue(
            "User",
            "Name",
            name,
            QT_TRANSLATE_NOOP(
                "errors", "must start with a letter and contain only a-z, 0-9 and _ (at most 63)"
            ),
        )
    if name in RESERVED or name.startswith(("pg_", ROLE_PREFIX)):
        raise InvalidValue("User", "Name", name, QT_TRANSLATE_NOOP("errors", "is reserved"))
    return name


def validate_role(role: str) -> str:
    if role not in ROLE_WRITES:
        raise InvalidValue(
            "User",
            "Role",
            role,
            QT_TRANSLATE_NOOP("errors", "must be one of {roles}"),
            roles=", ".join(ROLE_WRITES),
        )
    return role


def _raw(conn: Connection) -> Any:
    """The psycopg connection under a SQLAlchemy connection (same transaction)."""
    return conn.connection.dbapi_connection


def _verifier(conn: Connection, name: str, password: str) -> str:
    if not password:
        raise InvalidValue("User", "Password", "", QT_TRANSLATE_NOOP("errors", "must not be empty"))
    pgconn = _raw(conn).pgconn
    return pgconn.encrypt_password(password.encode(), name.encode(), b"scram-sha-256").decode()


def _roles(roles: str | Sequence[str]) -> list[str]:
    """One role or several (combinable), validated, without repeats."""
    names = [roles] if isinstance(roles, str) else list(roles)
    if not names:
        raise InvalidValue(
            "User", "Role", "", QT_TRANSLATE_NOOP("errors", "at least one role is needed")
        )
    return list(dict.fromkeys(validate_role(r) for r in names))


def _manage(
    conn: Connection,
    action: str,
    name: str,
    roles: list[str] | None = None,
    verifier: str | None = None,
) -> None:
    """Call ``kontora.manage_user``: the one path for superusers and administrators alike (the
    database checks the caller and the target; its refusals are KN005/KN008/KN009)."""
    conn.execute(
        text("SELECT kontora.manage_user(:a, :n, CAST(:g AS text[]), :v)"),
        {"a": action, "n": name, "g": roles, "v": verifier},
    )


def add_user(conn: Connection, name: str, roles: str | Sequence[str], password: str) -> None:
    """Create LOGIN role ``name`` with ``password``, member of ``kontora_<role>`` of each role."""
    validate_name(name)
    wanted = _roles(roles)
    _manage(conn, "add", name, wanted, _verifier(conn, name, password))


def set_roles(conn: Connection, name: str, roles: str | Sequence[str]) -> None:
    """Make user ``name`` a member of exactly the Kontora ``roles`` given."""
    _manage(conn, "roles", validate_name(name), _roles(roles))


def set_enabled(conn: Connection, name: str, enabled: bool) -> None:
    """Let user ``name`` log in again, or not (NOLOGIN; their sessions are ended)."""
    _manage(conn, "enable" if enabled else "disable", validate_name(name))


def remove_user(conn: Connection, name: str) -> None:
    """Drop the Kontora user ``name`` (refuses roles that are not Kontora users)."""
    _manage(conn, "remove", validate_name(name))


def set_password(conn: Connection, name: str, password: str) -> None:
    """Change the password of Kontora user ``name``."""
    validate_name(name)
    _manage(conn, "password", name, None, _verifier(conn, name, password))


@dataclass(frozen=True)
class User:
    """A Kontora user: its roles (without the prefix) and whether it may log in."""

    name: str
    roles: tuple[str, ...]
    enabled: bool


def users(conn: Connection) -> list[User]:
    """Every role in a Kontora group (disabled ones too), by name."""
    rows = conn.execute(
        text(
            "SELECT u.rolname, u.rolcanlogin, array_agg(substr(g.rolname, :n) ORDER BY g.rolname) "
            "FROM pg_auth_members m "
            "JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member "
            "WHERE g.rolname = ANY(:groups) AND NOT starts_with(u.rolname, :p) "
            "GROUP BY u.rolname, u.rolcanlogin ORDER BY 1"
        ),
        {
            "n": len(ROLE_PREFIX) + 1,
            "groups": [group_role(r) for r in ROLE_WRITES],
            "p": ROLE_PREFIX,
        },
    )
    return [User(r[0], tuple(r[2]), bool(r[1])) for r in rows]


def list_users(conn: Connection) -> list[tuple[str, str]]:
    """(user, role) for every user and each of its roles, sorted by user."""
    return [(u.name, r) for u in users(conn) for r in u.roles]
