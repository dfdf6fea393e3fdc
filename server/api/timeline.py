"""A partner's timeline: everything that references the partner, newest first.

Generic: every document and catalog whose declaration has a reference to partners takes part,
and so does every one with a reference to counterparties (through the counterparty's partner,
whatever legal entity the business went through). Documents are dated by their date; catalog
items (deals, tasks, contact persons…) by when they were created (their first history entry).
Each row names its kind, type and id, so the client opens its form.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from server.api.lists import enabled_subsystems
from server.api.session import Session
from server.metadata import Catalog, Choice, Document, Field, Ref, Registry, String
from server.sqlgen import sql_literal as _lit

S = "kontora"
PARTNERS = "partners"
COUNTERPARTIES = "counterparties"
#: The text that says what a row is about, by the convention of field names.
SUMMARY_FIELDS = ("subject", "description", "demand", "comment")


def _partner_condition(alias: str, fields: tuple[Field, ...]) -> str | None:
    """``:partner`` is named by a reference of the row, directly or through a counterparty."""
    conds = []
    for f in fields:
        if isinstance(f, Ref) and f.target == PARTNERS:
            conds.append(f"{alias}.{f.column} = :partner")
        elif isinstance(f, Ref) and f.target == COUNTERPARTIES:
            conds.append(
                f"{alias}.{f.column} IN (SELECT id FROM {S}.cat_{COUNTERPARTIES} "
                "WHERE partner_id = :partner)"
            )
    return " OR ".join(conds) or None


def _summary(alias: str, fields: tuple[Field, ...]) -> str:
    """What the row is about: ``states``, its choices' titles (kind, status — the client
    translates them), and ``about``, its subject, description, demand or comment (the first
    of them it has)."""
    states = []
    for f in fields:
        if isinstance(f, Choice):
            whens = " ".join(f"WHEN {_lit(k)} THEN {_lit(t)}" for k, t in f.options)
            states.append(f"CASE {alias}.{f.column} {whens} END")
    text = next((f for f in fields if f.name in SUMMARY_FIELDS and isinstance(f, String)), None)
    about = f"{alias}.{text.column}" if text is not None else "NULL::text"
    return f"array_remove(ARRAY[{', '.join(states)}]::text[], NULL) AS states, {about} AS about"


def _document_part(d: Document) -> str | None:
    cond = _partner_condition("d", d.header)
    if cond is None:
        return None
    posted = "d.posted" if d.postable else "NULL::boolean"
    return (
        f"SELECT 'document' AS kind, {_lit(d.name)} AS type, {_lit(d.title)} AS type_title, "
        f"d.id, d.number AS title, d.date AS at, {posted} AS posted, d.deletion_mark, "
        f"{_summary('d', d.header)} FROM {S}.{d.table} d WHERE {cond}"
    )


def _catalog_part(c: Catalog) -> str | None:
    cond = _partner_condition("c", c.fields)
    if cond is None:
        return None
    created = (
        f"(SELECT min(h.at)::timestamp FROM {S}.history h "
        f"WHERE h.table_name = {_lit(c.table)} AND h.row_id = c.id)"
    )
    return (
        f"SELECT 'catalog' AS kind, {_lit(c.name)} AS type, {_lit(c.title)} AS type_title, "
        f"c.id, c.name AS title, {created} AS at, NULL::boolean AS posted, c.deletion_mark, "
        f"{_summary('c', c.fields)} FROM {S}.{c.table} c WHERE {cond}"
    )


def timeline_sql(reg: Registry, enabled: Collection[str] | None = None) -> str:
    """One UNION over every declared object that can reference a partner (of the subsystems
    ``enabled`` if given: a switched-off subsystem's deals or claims are not shown)."""

    def on(o: Document | Catalog) -> bool:
        return enabled is None or o.subsystem in enabled

    parts = [p for d in reg.documents.values() if on(d) and (p := _document_part(d))]
    parts += [p for c in reg.catalogs.values() if on(c) and (p := _catalog_part(c))]
    union = "\nUNION ALL\n".join(parts)
    return f"SELECT * FROM (\n{union}\n) t ORDER BY at DESC NULLS LAST, kind, type, id DESC"


def partner_timeline(session: Session, reg: Registry, partner_id: int) -> list[dict[str, Any]]:
    """The partner's timeline rows: kind, type, type_title, id, title, at, posted,
    deletion_mark, states (choice titles) and about (its subject or description)."""
    enabled = frozenset(enabled_subsystems(session))
    return session.rows(timeline_sql(reg, enabled), partner=partner_id)
