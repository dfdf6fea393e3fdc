""" "Create" from a catalog item: every document and catalog that refers to the item's catalog,
filled from the item (a sales order or an interaction from a deal, a deal from a partner).

Nothing is listed by hand: a document (or another catalog) takes part when a field of its
header is a reference to the item's catalog. The new object gets that reference, the item's
fields it has too (same name, same kind: the deal's partner and manager), and for a partner the
partner's defaults (its only counterparty, its manager) — then its form opens unsaved.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from server.api.catalogs import Catalogs
from server.api.documents import new_document
from server.api.prices import COUNTERPARTY_FIELDS, partner_defaults
from server.api.session import Session
from server.metadata import Field, Ref, Registry


@dataclass(frozen=True)
class Target:
    """Something that can be created from an item: its kind, name, title and the field that
    refers to the item."""

    kind: Literal["document", "catalog"]
    name: str
    title: str
    field: str


def _refers(fields: tuple[Field, ...], catalog: str) -> str | None:
    return next((f.name for f in fields if isinstance(f, Ref) and f.target == catalog), None)


def targets(reg: Registry, catalog: str) -> list[Target]:
    """What can be created from an item of ``catalog``: documents first, then catalogs."""
    out = []
    for d in reg.documents.values():
        name = _refers(d.header, catalog)
        if name:
            out.append(Target("document", d.name, d.title, name))
    for c in reg.catalogs.values():
        name = _refers(c.fields, catalog) if c.name != catalog else None
        if name:
            out.append(Target("catalog", c.name, c.title, name))
    return out


def _same(a: Field, b: Field) -> bool:
    return type(a) is type(b) and getattr(a, "target", None) == getattr(b, "target", None)


def initial_from(
    session: Session, reg: Registry, target: Target, catalog: str, item_id: int
) -> dict[str, Any]:
    """The first values of a new ``target`` made from item ``item_id`` (as forms show them)."""
    item = Catalogs(session, reg).read(catalog, item_id)
    own = {f.name: f for f in reg.catalogs[catalog].fields}
    fields = (
        reg.document(target.name).header
        if target.kind == "document"
        else reg.catalogs[target.name].fields
    )
    out: dict[str, Any] = {target.field: {"id": item_id, "name": item["name"]}}
    for f in fields:
        src = own.get(f.name)
        if f.name not in out and src is not None and _same(f, src) and item.get(f.name):
            out[f.name] = item[f.name]
    names = {f.name for f in fields}
    partner = out.get("partner")
    if target.kind == "document" and isinstance(partner, dict):
        d = partner_defaults(session, partner["id"])
        slot = next((n for n in COUNTERPARTY_FIELDS if n in names), None)
        if slot and slot not in out and d["counterparty"]:
            out[slot] = d["counterparty"]
        if "manager" in names and "manager" not in out and d["manager"]:
            out["manager"] = d["manager"]
    return new_document(**out) if target.kind == "document" else out
