"""Users of an infobase: PostgreSQL LOGIN roles that are members of one Kontora group role.

Passwords are hashed to a SCRAM-SHA-256 verifier on the client (libpq's
``PQencryptPasswordConn``, as ``psql \\password`` does), so the plain password never reaches
the server, its statement log or this program's logs.
"""

from __future__ import annotations

import re
from typing import Any

from psycopg import sql
from sqlalchemy import Connection, text

from server.config.roles import ROLE_PREFIX, ROLE_WRITES, group_role
from server.errors import QT_TRANSLATE_NOOP, InvalidValue, KontoraError, NotFoundError

NAME_RE = re.compile(r"^[a-z][a-z0-9_]{0,62}$")
RESERVED = frozenset({"postgres", "public", "none", "all", "current_user", "session_user"})


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


def _execute(conn: Connection, stmt: sql.Composable) -> None:
    with _raw(conn).cursor() as cur:
        cur.execute(stmt)


def _kontora_roles(conn: Connection, name: str) -> list[str] | None:
    """Group roles of user ``name`` (None if no such role exists)."""
    row = conn.execute(
        text("SELECT rolcanlogin FROM pg_roles WHERE rolname = :n"), {"n": name}
    ).first()
    if row is None:
        return None
    groups = conn.execute(
        text(
            "SELECT g.rolname FROM pg_auth_members m "
            "JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member "
            "WHERE u.rolname = :n AND g.rolname LIKE :p ORDER BY 1"
        ),
        {"n": name, "p": ROLE_PREFIX + "%"},
    ).scalars()
    return list(groups)


def _require_user(conn: Connection, name: str) -> list[str]:
    groups = _kontora_roles(conn, validate_name(name))
    if not groups:
        raise NotFoundError(f"There is no Kontora user {name!r}", {"user": name})
    return groups


def add_user(conn: Connection, name: str, role: str, password: str) -> None:
    """Create LOGIN role ``name`` with ``password``, member of ``kontora_<role>``."""
    validate_name(name)
    group = group_role(validate_role(role))
    if _kontora_roles(conn, name) is not None:
        raise KontoraError(f"A user or role named {name!r} already exists", {"user": name})
    if not conn.scalar(text("SELECT 1 FROM pg_roles WHERE rolname = :g"), {"g": group}):
        raise KontoraError(
            f"Role {group} does not exist: initialize the infobase first (kontora-admin init)"
        )
    _execute(
        conn,
        sql.SQL("CREATE ROLE {} LOGIN PASSWORD {} IN ROLE {}").format(
            sql.Identifier(name),
            sql.Literal(_verifier(conn, name, password)),
            sql.Identifier(group),
        ),
    )


def remove_user(conn: Connection, name: str) -> None:
    """Drop the Kontora user ``name`` (refuses roles that are not Kontora users)."""
    _require_user(conn, name)
    _execute(conn, sql.SQL("DROP ROLE {}").format(sql.Identifier(name)))


def set_password(conn: Connection, name: str, password: str) -> None:
    """Change the password of Kontora user ``name``."""
    _require_user(conn, name)
    _execute(
        conn,
        sql.SQL("ALTER ROLE {} PASSWORD {}").format(
            sql.Identifier(name), sql.Literal(_verifier(conn, name, password))
        ),
    )


def list_users(conn: Connection) -> list[tuple[str, str]]:
    """(user, role) for every login role in a Kontora group, sorted by user."""
    rows = conn.execute(
        text(
            "SELECT u.rolname, substr(g.rolname, :n) FROM pg_auth_members m "
            "JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member "
            "WHERE u.rolcanlogin AND g.rolname = ANY(:groups) ORDER BY 1, 2"
        ),
        {"n": len(ROLE_PREFIX) + 1, "groups": [group_role(r) for r in ROLE_WRITES]},
    )
    return [(r[0], r[1]) for r in rows]
