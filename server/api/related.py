""" "Create based on" and related documents, from the declarations and ``kontora.doc_links``.

A new document declared ``based_on`` another type is filled from a basis document as plain
data (not saved): the user edits it and saves it; its payload carries ``based_on: {type, id}``
and the save function records the link. The related documents of a document are the chain of
its bases (up) and everything created based on it (down), as one tree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from server.api.documents import new_document
from server.api.fill import FILLERS
from server.api.lists import document_for_form, enabled_subsystems
from server.api.session import Session
from server.errors import InvalidValue, NotFoundError
from server.metadata import Registry

S = "kontora"
MAX_DEPTH = 20  # links deeper than this (or cycles) are not followed


@dataclass(frozen=True)
class BasedOnTarget:
    """A document type that can be created based on a given one."""

    name: str
    title: str


def based_on_targets(
    reg: Registry, basis: str, enabled: set[str] | None = None
) -> list[BasedOnTarget]:
    """Document types declared as based on ``basis`` (of switched-on subsystems if given)."""
    return [
        BasedOnTarget(d.name, d.title)
        for d in reg.documents.values()
        if d.basis(basis) is not None and (enabled is None or d.subsystem in enabled)
    ]


def based_on_payload(
    session: Session, reg: Registry, target: str, basis: str, basis_id: int
) -> dict[str, Any]:
    """A new ``target`` document filled from the ``basis`` document ``basis_id`` (not saved).

    References come as ``{id, name}`` (as forms show them; the save takes them too), numbers
    as Decimal; the payload has a fresh ``client_key`` and ``based_on: {type, id}``."""
    d, src_doc = reg.document(target), reg.document(basis)
    rule = d.basis(basis)
    if rule is None:
        raise InvalidValue(d.title, "Based on", src_doc.title, "is not a declared basis")
    exists = session.scalar(f"SELECT count(*) FROM {S}.{src_doc.table} WHERE id = :i", i=basis_id)
    if not exists:
        raise NotFoundError(f"{src_doc.title} #{basis_id} does not exist")
    src = document_for_form(session, reg, basis, basis_id)
    out = new_document(organization=src["organization"])
    for new, old in rule.header.items():
        out[new] = src[old]
    for new_t, (old_t, fields) in rule.lines.items():
        out[new_t] = [{new: row[old] for new, old in fields.items()} for row in src[old_t]]
    fill = FILLERS.get((target, basis))
    if fill is not None:
        fill(session, out, src)
    out["based_on"] = {"type": basis, "id": basis_id}
    return out


@dataclass
class RelatedDoc:
    """One node of the related-documents tree."""

    type: str
    type_title: str
    id: int
    number: str
    date: dt.datetime | None
    posted: bool
    deletion_mark: bool
    current: bool = False
    children: list[RelatedDoc] = field(default_factory=list)

    def walk(self, depth: int = 0) -> list[tuple[int, RelatedDoc]]:
        """The subtree in display order with each node's depth."""
        out = [(depth, self)]
        for c in self.children:
            out += c.walk(depth + 1)
        return out


_EDGES = f"""
WITH RECURSIVE up(doc_type, doc_id, basis_type, basis_id, depth) AS (
  SELECT doc_type, doc_id, basis_type, basis_id, 1 FROM {S}.doc_links
  WHERE doc_type = :t AND doc_id = :i
  UNION
  SELECT l.doc_type, l.doc_id, l.basis_type, l.basis_id, u.depth + 1
  FROM {S}.doc_links l JOIN up u ON l.doc_type = u.basis_type AND l.doc_id = u.basis_id
  WHERE u.depth < {MAX_DEPTH}
), down(doc_type, doc_id, basis_type, basis_id, depth) AS (
  SELECT doc_type, doc_id, basis_type, basis_id, 1 FROM {S}.doc_links
  WHERE basis_type = :t AND basis_id = :i
  UNION
  SELECT l.doc_type, l.doc_id, l.basis_type, l.basis_id, d.depth + 1
  FROM {S}.doc_links l JOIN down d ON l.basis_type = d.doc_type AND l.basis_id = d.doc_id
  WHERE d.depth < {MAX_DEPTH}
)
SELECT DISTINCT doc_type, doc_id, basis_type, basis_id FROM up
UNION SELECT doc_type, doc_id, basis_type, basis_id FROM down
"""

Key = tuple[str, int]


def _headers(session: Session, reg: Registry, keys: set[Key]) -> dict[Key, RelatedDoc]:
    """Number, date and state of each document (types not declared here, or of a switched-off
    subsystem, are left out)."""
    out: dict[Key, RelatedDoc] = {}
    enabled = enabled_subsystems(session)
    for name in sorted({t for t, _ in keys}):
        d = reg.documents.get(name)
        if d is None or d.subsystem not in enabled:
            continue
        ids = sorted(i for t, i in keys if t == name)
        for r in session.rows(
            f"SELECT id, number, date, posted, deletion_mark FROM {S}.{d.table} "
            "WHERE id = ANY(:ids)",
            ids=ids,
        ):
            out[(name, r["id"])] = RelatedDoc(
                name, d.title, r["id"], r["number"], r["date"], r["posted"], r["deletion_mark"]
            )
    return out


def related_documents(session: Session, reg: Registry, name: str, doc_id: int) -> list[RelatedDoc]:
    """The tree from the first basis down through this document to what was based on it.

    Roots are the documents at the top of the chain (this document when it has no basis); the
    node of this document has ``current`` set. Brothers of the chain (other documents based on
    the same basis) are not shown, as in 1C's "subordination structure" of one branch."""
    edges = session.rows(_EDGES, t=name, i=doc_id)
    children: dict[Key, list[Key]] = {}
    has_parent: set[Key] = set()
    keys: set[Key] = {(name, doc_id)}
    for e in edges:
        parent, child = (e["basis_type"], e["basis_id"]), (e["doc_type"], e["doc_id"])
        children.setdefault(parent, []).append(child)
        has_parent.add(child)
        keys |= {parent, child}
    nodes = _headers(session, reg, keys)
    roots = sorted((k for k in keys if k not in has_parent), key=str) or [(name, doc_id)]
    seen: set[Key] = set()

    def build(k: Key) -> RelatedDoc | None:
        if k in seen or k not in nodes:
            return None
        seen.add(k)
        node = nodes[k]
        node.current = k == (name, doc_id)
        kids = [build(c) for c in children.get(k, [])]
        node.children = sorted(
            (c for c in kids if c is not None), key=lambda n: (n.date or dt.datetime.min, n.id)
        )
        return node

    return [n for n in (build(r) for r in roots) if n is not None]
