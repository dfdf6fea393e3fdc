"""The change history of any document or catalog item, from ``kontora.history``, readable.

The history rows are written by the row trigger (catalogs: the whole row on INSERT/DELETE,
``{column: {old, new}}`` on UPDATE) and by the document functions (one entry per save, post or
mark: header changes plus each tabular section's old and new lines). Here they become entries
of field changes with the declared titles, references shown by the item's name (one query per
catalog), lines compared line by line.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from dataclasses import field as dc_field
from decimal import Decimal
from typing import Any

from server.api.lists import ORGANIZATION, _kind, doc_names, item_names
from server.api.session import Session
from server.errors import QT_TRANSLATE_NOOP, Meta, Template
from server.metadata import (
    Bool,
    DateField,
    DocRef,
    Document,
    Field,
    Number,
    Ref,
    Registry,
    String,
    Table,
)

S = "kontora"
LIMIT = 500
# Technical columns nobody needs to read in a history.
HIDDEN = {
    "id", "version", "client_key", "last_request", "doc_id", "line_no", "number_year", "author"
}  # fmt: skip


@dataclass(frozen=True)
class FieldChange:
    """One value that changed: ``kind`` is a list column kind (money, qty, datetime, text…).

    ``label`` is English; ``text`` the same as a :class:`Template` the client shows in the
    user's language (``forms.texts.render``)."""

    field: str
    label: str
    kind: str
    old: Any
    new: Any
    text: Template | None = dc_field(default=None, compare=False)


#: Labels of the technical columns (the client translates them in context ``errors``).
FIXED_LABELS = {
    "Deletion mark": QT_TRANSLATE_NOOP("errors", "Deletion mark"),
    "Group": QT_TRANSLATE_NOOP("errors", "Group"),
    "Parent": QT_TRANSLATE_NOOP("errors", "Parent"),
    "Based on": QT_TRANSLATE_NOOP("errors", "Based on"),
}
LINE_LABELS = {
    "": QT_TRANSLATE_NOOP("errors", "{table}, line {n}: {field}"),
    " (added)": QT_TRANSLATE_NOOP("errors", "{table}, line {n} (added): {field}"),
    " (deleted)": QT_TRANSLATE_NOOP("errors", "{table}, line {n} (deleted): {field}"),
}


def label_template(label: str) -> Template:
    """A field's label as a template: a technical column's own text, else a declared title."""
    if label in FIXED_LABELS:
        return Template(FIXED_LABELS[label])
    return Template("{field}", {"field": Meta(label)})


@dataclass(frozen=True)
class HistoryEntry:
    at: dt.datetime
    user: str
    op: str  # INSERT, UPDATE or DELETE
    changes: list[FieldChange]


def _doc_fields(d: Document) -> dict[str, Field]:
    fields: list[Field] = [
        String("number", "Number"),
        DateField("date", "Date"),
        ORGANIZATION,
        Bool("posted", "Posted"),
        Bool("deletion_mark", "Deletion mark"),
        *d.header,
    ]
    return {f.column: f for f in fields}


def _columns(reg: Registry, table: str) -> tuple[dict[str, Field], dict[str, Table], str]:
    """Fields by column, tabular sections by name, and the object's title for ``table``."""
    d = next((d for d in reg.documents.values() if d.table == table), None)
    if d is not None:
        return _doc_fields(d), {t.name: t for t in d.tables}, d.title
    c = next((c for c in reg.catalogs.values() if c.table == table), None)
    if c is None:
        return {}, {}, table
    fields: list[Field] = [
        String("code", "Code"),
        String("name", "Name"),
        Bool("deletion_mark", "Deletion mark"),
        Bool("is_group", "Group"),
        Ref("parent", "Parent", target=c.name),
        *c.fields,
    ]
    return {f.column: f for f in fields}, {t.name: t for t in c.tables}, c.title


def _is_change(v: Any) -> bool:
    return isinstance(v, dict) and set(v) == {"old", "new"}


class _Builder:
    """Turns raw history rows into entries; collects referenced ids to name them afterwards."""

    def __init__(self, reg: Registry, table: str) -> None:
        self.reg = reg
        self.fields, self.tables, self.title = _columns(reg, table)
        self.is_doc = table.startswith("doc_")
        self.refs: dict[str, set[int]] = {}
        self.pending: list[tuple[FieldChange, Ref | DocRef]] = []  # reference changes to name

    def value(self, f: Field | None, v: Any) -> Any:
        if v is None or f is None:
            return v
        if isinstance(f, Number):
            return Decimal(str(v))
        if isinstance(f, DateField) and isinstance(v, str):
            try:
                return dt.datetime.fromisoformat(v) if "T" in v else dt.date.fromisoformat(v)
            except ValueError:
                return v
        if isinstance(f, Ref | DocRef) and isinstance(v, int):
            self.refs.setdefault(f.ref_table, set()).add(v)
        return v

    def kind(self, f: Field | None) -> str:
        if f is None:
            return "text"
        if self.is_doc and f.name == "date":
            return "datetime"
        return "text" if isinstance(f, Ref | DocRef) else _kind(f)

    def change(
        self, key: str, label: str, f: Field | None, old: Any, new: Any, text: Template | None
    ) -> FieldChange:
        ch = FieldChange(key, label, self.kind(f), self.value(f, old), self.value(f, new), text)
        if isinstance(f, Ref | DocRef):
            self.pending.append((ch, f))
        return ch

    def lines(self, t: Table, old: list[dict] | None, new: list[dict] | None) -> list[FieldChange]:
        """Line-by-line differences of one tabular section (added lines show only new values)."""
        by_no_old = {r.get("line_no"): r for r in old or []}
        by_no_new = {r.get("line_no"): r for r in new or []}
        out = []
        for n in sorted(set(by_no_old) | set(by_no_new), key=lambda x: x or 0):
            o, w = by_no_old.get(n), by_no_new.get(n)
            state = "" if o and w else " (added)" if w else " (deleted)"
            for f in t.fields:
                ov, nv = (o or {}).get(f.column), (w or {}).get(f.column)
                if ov == nv or (ov is None and nv is None):
                    continue
                table = t.title or t.name
                text = Template(
                    LINE_LABELS[state], {"table": Meta(table), "n": n, "field": Meta(f.label)}
                )
                out.append(self.change(f"{t.name}.{f.name}", text.render(), f, ov, nv, text))
        return out

    def entry(self, row: dict[str, Any]) -> HistoryEntry:
        op, raw = row["op"], row["changes"] or {}
        out: list[FieldChange] = []
        for key, v in raw.items():
            if key in HIDDEN:
                continue
            if key in self.tables and _is_change(v):
                out += self.lines(self.tables[key], v["old"], v["new"])
                continue
            if key == "based_on" and _is_change(v):
                out.append(self._based_on(v["new"]))
                continue
            old, new = (v["old"], v["new"]) if _is_change(v) else (None, v)
            if op == "DELETE" and not _is_change(v):
                old, new = v, None
            if op == "INSERT" and new in (None, False):
                continue  # a new object: only the values it was created with
            f = self.fields.get(key)
            label = f.label if f else key.replace("_", " ").capitalize()
            text = label_template(label) if f else None
            out.append(self.change(f.name if f else key, label, f, old, new, text))
        order = {f.name: i for i, f in enumerate(self.fields.values())}
        out.sort(key=lambda c: order.get(c.field, len(order) + ("." in c.field)))
        return HistoryEntry(row["at"], row["username"], op, out)

    def _based_on(self, new: dict[str, Any] | None) -> FieldChange:
        new = new or {}
        d = self.reg.documents.get(str(new.get("type")))
        text = f"{d.title if d else new.get('type')} {new.get('number') or ''}".strip()
        label = label_template("Based on")
        return FieldChange("based_on", "Based on", "text", None, text, label)

    def name_references(self, session: Session) -> list[tuple[FieldChange, FieldChange]]:
        """(raw, named) pairs: each reference change with ids replaced by item names."""
        catalogs = {c.table: c for c in self.reg.catalogs.values()}
        names: dict[str, dict[int, str]] = {}
        for t, ids in self.refs.items():
            if t in catalogs:
                names[t] = item_names(session, catalogs[t], ids)
            elif t.startswith("doc_"):  # a document by its number
                names[t] = {i: d["name"] for i, d in doc_names(session, t, ids).items()}
        out = []
        for ch, f in self.pending:
            known = names.get(f.ref_table, {})

            def name(v: Any, known: dict[int, str] = known) -> Any:
                return known.get(v, f"#{v}") if isinstance(v, int) else v

            named = FieldChange(ch.field, ch.label, "text", name(ch.old), name(ch.new), ch.text)
            out.append((ch, named))

        return out


def history(
    session: Session, reg: Registry, table: str, row_id: int, limit: int = LIMIT
) -> list[HistoryEntry]:
    """The changes of row ``row_id`` of ``table`` (``doc_goods_receipt``, ``cat_products``…),
    newest first (at most ``limit`` entries)."""
    rows = session.rows(
        f"SELECT at, username, op, changes FROM {S}.history "
        "WHERE table_name = :t AND row_id = :i ORDER BY at DESC, id DESC LIMIT :n",
        t=table,
        i=row_id,
        n=limit,
    )
    b = _Builder(reg, table)
    entries = [b.entry(r) for r in _merged(rows, set(b.tables))]
    named = {id(raw): new for raw, new in b.name_references(session)}
    return [
        HistoryEntry(e.at, e.user, e.op, [named.get(id(c), c) for c in e.changes]) for e in entries
    ]


def _merged(rows: list[dict[str, Any]], sections: set[str]) -> list[dict[str, Any]]:
    """A catalog item's save writes one entry for the item row and one per changed line
    (``tg_line_history``): the entries of one transaction (same moment and user) become one,
    each section's old and new lines gathered as a document's save records them."""
    if not sections:
        return rows
    out: list[dict[str, Any]] = []
    for r in rows:
        prev = out[-1] if out else None
        if prev is None or (prev["at"], prev["username"]) != (r["at"], r["username"]):
            out.append({**r, "changes": dict(r["changes"] or {})})
            continue
        if r["op"] == "INSERT":
            prev["op"] = "INSERT"
        for key, v in (r["changes"] or {}).items():
            mine = prev["changes"].get(key)
            if key in sections and _is_change(v) and _is_change(mine):
                # rows come newest first: the earlier line goes before
                prev["changes"][key] = {k: v[k] + mine[k] for k in ("old", "new")}
            else:
                prev["changes"].setdefault(key, v)
    return out


def document_history(session: Session, reg: Registry, name: str, doc_id: int) -> list[HistoryEntry]:
    return history(session, reg, reg.document(name).table, doc_id)


def catalog_history(session: Session, reg: Registry, name: str, item_id: int) -> list[HistoryEntry]:
    return history(session, reg, reg.catalogs[name].table, item_id)
