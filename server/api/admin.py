"""Administration: who is an administrator, subsystem switches, the period lock, users.

Used by the client's Administration section and by ``kontora-admin``. The database enforces
the rights itself (only the owner and ``kontora_admin`` may update ``subsystems`` and
``constants``); these functions add the rules between subsystems and clear messages.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, text

from server import users
from server.api.session import Session
from server.config.roles import OWNER, group_role
from server.errors import KontoraError, NotFoundError
from server.metadata import Registry

CORE = "core"
ADMIN_ROLE = group_role("admin")


@dataclass(frozen=True)
class SubsystemState:
    """One switchable subsystem as the administrator sees it."""

    name: str
    title: str
    enabled: bool
    depends: tuple[str, ...]  # subsystems this one needs switched on
    required: bool  # cannot be switched off (the core)


def is_admin(session: Session) -> bool:
    """Is the logged-in user an administrator (superuser, the owner, or in kontora_admin)?"""
    return bool(
        session.scalar(
            "SELECT r.rolsuper OR current_user = :owner OR EXISTS ("
            " SELECT 1 FROM pg_roles g WHERE g.rolname = :admin"
            " AND pg_has_role(current_user, g.oid, 'MEMBER'))"
            " FROM pg_roles r WHERE r.rolname = current_user",
            owner=OWNER,
            admin=ADMIN_ROLE,
        )
    )


# -- subsystems --------------------------------------------------------------------------------
def dependents(reg: Registry, name: str) -> list[str]:
    """Subsystems that need ``name``, directly or through others, in declaration order."""
    found: set[str] = set()
    todo = [name]
    while todo:
        n = todo.pop()
        for s in reg.subsystems.values():
            if n in s.depends and s.name not in found:
                found.add(s.name)
                todo.append(s.name)
    return [s for s in reg.subsystems if s in found]


def check_switches(reg: Registry, enabled: dict[str, bool]) -> None:
    """Refuse a combination of switches: the core off, or a subsystem on without what it needs."""
    for name in enabled:
        if name not in reg.subsystems:
            known = ", ".join(reg.subsystems)
            raise NotFoundError(f"There is no subsystem {name!r}; known: {known}", {"name": name})
    if not enabled.get(CORE, True):
        raise KontoraError("The core subsystem cannot be switched off", {"subsystem": CORE})
    for s in reg.subsystems.values():
        if not enabled.get(s.name):
            continue
        off = [d for d in s.depends if not enabled.get(d)]
        if off:
            titles = ", ".join(reg.subsystems[d].title for d in off)
            raise KontoraError(
                f"Subsystem {s.title} needs {titles}: switch it on too, or switch {s.title} off",
                {"subsystem": s.name, "needs": off},
            )


def switch_subsystems(conn: Connection, reg: Registry, changes: dict[str, bool]) -> None:
    """Apply ``changes`` (name -> on) in ``conn``'s transaction, if the result is consistent.

    The rows are locked first, so two administrators switching at once cannot leave a
    subsystem on whose dependency the other one switched off."""
    rows = conn.execute(text("SELECT name, enabled FROM kontora.subsystems FOR UPDATE")).all()
    enabled = {str(n): bool(e) for n, e in rows}
    for name in changes:
        if name not in reg.subsystems:
            check_switches(reg, {name: True})  # raises "no such subsystem"
    final = {**enabled, **changes}
    for name, on in changes.items():
        needing = [d for d in dependents(reg, name) if final.get(d)]
        if not on and needing and name != CORE:
            titles = ", ".join(reg.subsystems[d].title for d in needing)
            title = reg.subsystems[name].title
            raise KontoraError(
                f"{titles} {'needs' if len(needing) == 1 else 'need'} {title}: "
                f"switch {'it' if len(needing) == 1 else 'them'} off too, or keep {title} on",
                {"subsystem": name, "needed_by": needing},
            )
    check_switches(reg, final)
    for name, on in changes.items():
        if enabled.get(name) != on:
            conn.execute(
                text("UPDATE kontora.subsystems SET enabled = :on WHERE name = :n"),
                {"on": on, "n": name},
            )


def subsystems(session: Session, reg: Registry) -> list[SubsystemState]:
    """Every declared subsystem with its switch, in declaration order."""
    rows = session.rows("SELECT name, title, enabled FROM kontora.subsystems")
    stored = {r["name"]: r for r in rows}
    out = []
    for s in reg.subsystems.values():
        row = stored.get(s.name, {})
        out.append(
            SubsystemState(
                s.name,
                row.get("title") or s.title,
                bool(row.get("enabled")),
                tuple(s.depends),
                s.name == CORE,
            )
        )
    return out


def set_subsystems(session: Session, reg: Registry, changes: dict[str, bool]) -> None:
    """Switch subsystems on and off in one transaction (see :func:`switch_subsystems`)."""
    session.run(lambda c: switch_subsystems(c, reg, changes))


# -- period lock -------------------------------------------------------------------------------
@dataclass(frozen=True)
class OrganizationLock:
    """An organization and its own lock date (None: the date for every organization)."""

    id: int
    name: str
    lock_date: dt.date | None


def period_lock(session: Session, organization: int | None = None) -> dt.date | None:
    """The last closed day (None: every period is open): of ``organization`` (its own date,
    else the date for every organization), or the date for every organization."""
    if organization is None:
        return session.scalar("SELECT period_lock_date FROM kontora.constants")
    return session.scalar("SELECT kontora.lock_date(:o)", o=organization)


def organization_locks(session: Session) -> list[OrganizationLock]:
    """Every organization with its own lock date, by name."""
    rows = session.rows(
        "SELECT o.id, o.name, l.lock_date FROM kontora.cat_organizations o "
        "LEFT JOIN kontora.period_locks l ON l.organization_id = o.id "
        "WHERE NOT o.deletion_mark ORDER BY o.name, o.id"
    )
    return [OrganizationLock(r["id"], r["name"], r["lock_date"]) for r in rows]


def set_period_lock(
    session: Session, value: dt.date | None, organization: int | None = None
) -> None:
    """Close the periods up to and including ``value`` (None opens them): of one
    ``organization`` (None there: it follows the date for every organization), or of every
    organization without its own date."""
    if organization is None:
        session.execute("UPDATE kontora.constants SET period_lock_date = :d", d=value)
    elif value is None:
        session.execute(
            "DELETE FROM kontora.period_locks WHERE organization_id = :o", o=organization
        )
    else:
        session.execute(
            "INSERT INTO kontora.period_locks (organization_id, lock_date) VALUES (:o, :d) "
            "ON CONFLICT (organization_id) DO UPDATE SET lock_date = excluded.lock_date",
            o=organization,
            d=value,
        )


# -- users -------------------------------------------------------------------------------------
def list_users(session: Session) -> list[users.User]:
    """Kontora users (disabled ones too), their roles, by name."""
    return session.run(users.users)


def create_user(session: Session, name: str, roles: list[str], password: str) -> None:
    """A new login role ``name`` in the Kontora ``roles`` (combinable)."""
    session.run(lambda c: users.add_user(c, name, roles, password))


def reset_password(session: Session, name: str, password: str) -> None:
    session.run(lambda c: users.set_password(c, name, password))


def enable_user(session: Session, name: str, enabled: bool) -> None:
    """Let ``name`` log in, or not (NOLOGIN: nothing of theirs is deleted)."""
    session.run(lambda c: users.set_enabled(c, name, enabled))


def drop_user(session: Session, name: str) -> None:
    """Remove ``name``'s login for good (their open sessions end; what they wrote stays,
    history keeps their name)."""
    session.run(lambda c: users.remove_user(c, name))


def assign_roles(session: Session, name: str, roles: list[str]) -> None:
    session.run(lambda c: users.set_roles(c, name, roles))


# -- the own-partners option -------------------------------------------------------------------
def own_partners_only(session: Session) -> bool:
    """Do sales managers see only their own partners' deals and interactions?"""
    return bool(session.scalar("SELECT own_partners_only FROM kontora.constants"))


def set_own_partners_only(session: Session, on: bool) -> None:
    session.execute("UPDATE kontora.constants SET own_partners_only = :on", on=on)
