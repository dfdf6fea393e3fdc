"""Tabular sections of catalog items: checked by their declared fields, read with reference
names, written in the item's transaction.

A save sends a section's lines in order; they replace the stored ones line by line (an upsert
by line number that leaves unchanged lines alone, then the lines past the new end deleted), so
the row history records only what changed. The item row itself is updated in the same
transaction with the version the form read, which is the one version check.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, text

from server.api.lists import with_names
from server.api.session import Session
from server.errors import QT_TRANSLATE_NOOP, Meta, Template
from server.metadata import Catalog, DocRef, Ref, Table

S = "kontora"


def _plain(f: Any, value: Any) -> Any:
    if isinstance(f, Ref | DocRef) and isinstance(value, dict):
        return value.get("id")
    return value


def validate_lines(c: Catalog, payload: dict[str, Any], owner: Any) -> dict[str, list[dict]]:
    """Section name -> checked rows (column -> value) for the sections present in ``payload``;
    a bad value is refused naming the section and the line ("…, Participants line 2")."""
    out: dict[str, list[dict]] = {}
    for t in c.tables:
        if t.name not in payload:
            continue  # an edit without the section keeps its lines
        rows = []
        for n, line in enumerate(payload[t.name] or [], start=1):
            where = Template(
                QT_TRANSLATE_NOOP("errors", "{owner}, {table} line {n}"),
                {"owner": owner, "table": Meta(t.title or t.name), "n": n},
            )
            rows.append(
                {
                    f.column: f.validate(_plain(f, line.get(f.name, line.get(f.column))), where)
                    for f in t.fields
                }
            )
        out[t.name] = rows
    return out


def write_lines(conn: Connection, c: Catalog, item_id: int, sections: dict[str, list]) -> None:
    """Replace the lines of each given section of item ``item_id`` (inside its save)."""
    for name, rows in sections.items():
        t = c.tabular(name)
        lt = f"{S}.{c.lines_table(t)}"
        cols = [f.column for f in t.fields]
        if rows:
            sets = ", ".join(f"{col} = excluded.{col}" for col in cols)
            old = ", ".join(f"{lt}.{col}" for col in cols)
            new = ", ".join(f"excluded.{col}" for col in cols)
            conn.execute(
                text(
                    f"INSERT INTO {lt} (item_id, line_no, {', '.join(cols)}) "
                    f"VALUES (:_item, :_no, {', '.join(f':{col}' for col in cols)}) "
                    f"ON CONFLICT (item_id, line_no) DO UPDATE SET {sets} "
                    f"WHERE ROW({old}) IS DISTINCT FROM ROW({new})"
                ),
                [{**r, "_item": item_id, "_no": n} for n, r in enumerate(rows, start=1)],
            )
        conn.execute(
            text(f"DELETE FROM {lt} WHERE item_id = :i AND line_no > :n"),
            {"i": item_id, "n": len(rows)},
        )


def read_lines(session: Session, reg: Any, c: Catalog, item_id: int) -> dict[str, list[dict]]:
    """Section name -> lines in order, references as ``{id, name}``."""
    out: dict[str, list[dict]] = {}
    for t in c.tables:
        rows = session.rows(
            f"SELECT * FROM {S}.{c.lines_table(t)} WHERE item_id = :i ORDER BY line_no",
            i=item_id,
        )
        refs = [f for f in t.fields if isinstance(f, Ref | DocRef)]
        with_names(session, reg, [(f, rows) for f in refs])
        out[t.name] = rows
    return out


def section_of(c: Catalog, table: str) -> Table | None:
    """The tabular section whose table is ``table`` (None: not one of ``c``)."""
    return next((t for t in c.tables if c.lines_table(t) == table), None)
