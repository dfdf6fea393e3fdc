"""Restore an earlier version of a catalog item from its history.

The version as of a history entry is the item's current row with every later change undone
(``{column: {old, new}}`` entries give the old value; a tabular section's line entries put the
old line back). It is written through the normal save (:class:`server.api.Catalogs`), so the
checks apply and the restore is itself a new entry of the history. A version whose reference
names an item that no longer exists is refused, naming the field and the missing item.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from server.api.catalogs import Catalogs, form_fields
from server.api.session import Session
from server.errors import QT_TRANSLATE_NOOP, KontoraError, Meta, NotFoundError, Template, error
from server.metadata import Catalog, Field, Number, Ref, Registry

S = "kontora"


def _undo_lines(lines: dict[int, dict], change: dict[str, list]) -> None:
    """Undo one line's change: remove the line it wrote, put back the line it replaced."""
    for row in change.get("new") or []:
        lines.pop(int(row["line_no"]), None)
    for row in change.get("old") or []:
        lines[int(row["line_no"])] = row


def version_at(
    session: Session, reg: Registry, name: str, item_id: int, at: dt.datetime
) -> tuple[dict[str, Any], dict[str, list[dict]]]:
    """The item's columns and its sections' lines (by column) as they were right after the
    history entry at ``at``."""
    c = reg.catalogs[name]
    row = session.scalar(f"SELECT to_jsonb(t) FROM {S}.{c.table} t WHERE id = :i", i=item_id)
    if row is None:
        raise NotFoundError(f"{c.title} #{item_id} does not exist", {"id": item_id})
    state: dict[str, Any] = dict(row)
    sections: dict[str, dict[int, dict]] = {}
    for t in c.tables:
        rows = session.rows(
            f"SELECT to_jsonb(l) AS r FROM {S}.{c.lines_table(t)} l WHERE item_id = :i", i=item_id
        )
        sections[t.name] = {int(r["r"]["line_no"]): dict(r["r"]) for r in rows}
    later = session.rows(
        f"SELECT op, changes FROM {S}.history WHERE table_name = :t AND row_id = :i AND at > :at "
        "ORDER BY at DESC, id DESC",
        t=c.table,
        i=item_id,
        at=at,
    )
    for h in later:
        if h["op"] != "UPDATE":
            continue
        for key, v in (h["changes"] or {}).items():
            if key in sections and isinstance(v, dict):
                _undo_lines(sections[key], v)
            elif isinstance(v, dict) and set(v) == {"old", "new"}:
                state[key] = v["old"]
    return state, {n: [lines[k] for k in sorted(lines)] for n, lines in sections.items()}


def _value(f: Field, v: Any) -> Any:
    if v is not None and isinstance(f, Number):
        return Decimal(str(v))
    return v


def _missing_refs(session: Session, reg: Registry, c: Catalog, fields, values: dict) -> None:
    """Refuse a version whose reference names an item that is gone."""
    for f in fields:
        v = values.get(f.column)
        if not isinstance(f, Ref) or v is None:
            continue
        if not session.scalar(f"SELECT 1 FROM {S}.{f.ref_table} WHERE id = :i", i=int(v)):
            target = reg.catalogs[f.target]
            params = {"object": Meta(c.title), "field": Meta(f.label),
                      "target": Meta(target.title), "id": int(v)}  # fmt: skip
            text = QT_TRANSLATE_NOOP(
                "errors",
                "{object}: the version cannot be restored: {field} refers to a {target} item "
                "(#{id}) that no longer exists",
            )
            raise error(KontoraError, Template(text, params), {"field": f.label, "id": int(v)})


def restore_version(
    session: Session, reg: Registry, name: str, item_id: int, at: dt.datetime
) -> dict[str, Any]:
    """Save the item as it was right after the history entry at ``at``; its new state."""
    c = reg.catalogs[name]
    state, sections = version_at(session, reg, name, item_id, at)
    group = bool(state.get("is_group"))
    fields = form_fields(c, group)
    _missing_refs(session, reg, c, fields, state)
    payload: dict[str, Any] = {
        f.name: _value(f, state.get(f.column)) for f in fields if f.column in state
    }
    if not group:
        for t in c.tables:
            for line in sections[t.name]:
                _missing_refs(session, reg, c, t.fields, line)
            payload[t.name] = [
                {f.name: _value(f, line.get(f.column)) for f in t.fields}
                for line in sections[t.name]
            ]
    current = session.scalar(f"SELECT version FROM {S}.{c.table} WHERE id = :i", i=item_id)
    return Catalogs(session, reg).save(name, {**payload, "id": item_id, "version": current})
