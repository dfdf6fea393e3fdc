"""The audit report: every change of a period (and of one user), object by object.

Rows of ``kontora.history`` in the period become readable changes exactly as an object's own
history shows them (:mod:`server.api.history`): the object by its title and item name or
document number, each changed field with its old and new value.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from server.api.history import FieldChange, _Builder, _merged
from server.api.lists import doc_names, item_names
from server.api.session import Session
from server.metadata import Registry

S = "kontora"
LIMIT = 5000
OPS = {"INSERT": "Created", "UPDATE": "Changed", "DELETE": "Deleted"}


@dataclass(frozen=True)
class AuditRow:
    at: dt.datetime
    user: str
    object: str  # "Products «Bolt M4»", "Goods receipt GR26-000001"
    op: str  # INSERT, UPDATE, DELETE
    change: FieldChange


def audit_users(session: Session) -> list[str]:
    """Everyone who changed something, by name."""
    rows = session.rows(f"SELECT DISTINCT username FROM {S}.history ORDER BY 1")
    return [r["username"] for r in rows]


def _object_names(session: Session, reg: Registry, table: str, ids: set[int]) -> dict[int, str]:
    c = next((c for c in reg.catalogs.values() if c.table == table), None)
    if c is not None:
        return {i: f"{c.title} «{n}»" for i, n in item_names(session, c, ids).items()}
    d = next((d for d in reg.documents.values() if d.table == table), None)
    if d is not None:
        return {i: f"{d.title} {v['name']}" for i, v in doc_names(session, table, ids).items()}
    return {}


def audit(
    session: Session,
    reg: Registry,
    start: dt.date,
    end: dt.date,
    user: str | None = None,
    limit: int = LIMIT,
) -> list[AuditRow]:
    """Changes from ``start`` to ``end`` (days, inclusive) by ``user`` (None: anyone), newest
    first, one row per changed value (at most ``limit`` history entries)."""
    rows = session.rows(
        f"SELECT at, username, table_name, row_id, op, changes FROM {S}.history "
        "WHERE at >= :start AND at < :end AND (CAST(:user AS text) IS NULL OR username = :user) "
        "ORDER BY at DESC, id DESC LIMIT :n",
        start=dt.datetime.combine(start, dt.time()),
        end=dt.datetime.combine(end + dt.timedelta(days=1), dt.time()),
        user=user or None,
        n=limit,
    )
    groups: dict[tuple[str, int | None], list[dict[str, Any]]] = {}
    for r in rows:
        groups.setdefault((r["table_name"], r["row_id"]), []).append(r)
    builders: dict[str, _Builder] = {}
    raw: list[tuple[str, int | None, Any]] = []
    for (table, row_id), group in groups.items():
        b = builders.setdefault(table, _Builder(reg, table))
        raw += [(table, row_id, b.entry(r)) for r in _merged(group, set(b.tables))]
    named = {id(old): new for b in builders.values() for old, new in b.name_references(session)}
    ids: dict[str, set[int]] = {}
    for table, row_id, _ in raw:
        if row_id is not None:
            ids.setdefault(table, set()).add(row_id)
    objects = {t: _object_names(session, reg, t, i) for t, i in ids.items()}
    out: list[AuditRow] = []
    for table, row_id, e in sorted(raw, key=lambda x: x[2].at, reverse=True):
        title = builders[table].title
        obj = objects.get(table, {}).get(row_id or 0) or (
            f"{title} #{row_id}" if row_id is not None else title
        )
        changes = e.changes or [FieldChange("", "", "text", None, None)]
        out += [AuditRow(e.at, e.user, obj, e.op, named.get(id(c), c)) for c in changes]
    return out


def _plain(v: Any) -> Any:
    if isinstance(v, bool):
        return "Yes" if v else "No"
    if isinstance(v, Decimal | int | dt.date):
        return v
    return "" if v is None else str(v)


def export_audit(rows: list[AuditRow], path: str, title: str, filters_text: str = "") -> int:
    """Write the audit rows to an xlsx file; returns the count."""
    from reports.excel import export_rows  # openpyxl: loaded with the first export

    columns = [
        ("at", "When", "datetime"),
        ("user", "User", "text"),
        ("object", "Object", "text"),
        ("action", "Action", "text"),
        ("field", "Field", "text"),
        ("old", "Old value", "text"),
        ("new", "New value", "text"),
    ]
    data = (
        {
            "at": r.at.astimezone().replace(tzinfo=None) if r.at.tzinfo else r.at,
            "user": r.user,
            "object": r.object,
            "action": OPS.get(r.op, r.op),
            "field": r.change.label,
            "old": _plain(r.change.old),
            "new": _plain(r.change.new),
        }
        for r in rows
    )
    return export_rows(columns, data, path, title, filters_text)
