"""What switching a subsystem off would hide: the subsystems that depend on it and how many
records of each of their catalogs, documents and information registers (counts per object).

The administration form reads :func:`object_counts` once and shows :func:`impact` of the
subsystem the administrator is about to switch (``kontora-admin options impact`` too).
"""

from __future__ import annotations

from dataclasses import dataclass

from server.api.admin import dependents
from server.api.session import Session
from server.metadata import Registry

S = "kontora"


@dataclass(frozen=True)
class ObjectCount:
    """One declared object of a subsystem and how many records it holds."""

    kind: str  # catalog, document, info_register
    name: str
    title: str
    subsystem: str
    count: int


@dataclass(frozen=True)
class Impact:
    """Switching ``name`` off switches ``dependents`` off too and hides ``objects``."""

    name: str
    dependents: tuple[str, ...]
    objects: tuple[ObjectCount, ...]

    @property
    def documents(self) -> int:
        return sum(o.count for o in self.objects if o.kind == "document")

    @property
    def records(self) -> int:
        return sum(o.count for o in self.objects if o.kind != "document")


def _objects(reg: Registry) -> list[tuple[str, str, str, str, str]]:
    """(kind, name, title, subsystem, table) of every counted object, in declaration order."""
    out = [("catalog", c.name, c.title, c.subsystem, c.table) for c in reg.catalogs.values()]
    out += [("document", d.name, d.title, d.subsystem, d.table) for d in reg.documents.values()]
    out += [
        ("info_register", r.name, r.title, r.subsystem, r.table)
        for r in reg.info_registers.values()
    ]
    return out


def object_counts(session: Session, reg: Registry) -> list[ObjectCount]:
    """Records of every catalog, document and information register (one query)."""
    objects = _objects(reg)
    union = " UNION ALL ".join(
        f"SELECT {i} AS i, count(*) AS n FROM {S}.{table}" for i, (*_, table) in enumerate(objects)
    )
    counts = {r["i"]: int(r["n"]) for r in session.rows(union)}
    return [
        ObjectCount(kind, name, title, sub, counts.get(i, 0))
        for i, (kind, name, title, sub, _t) in enumerate(objects)
    ]


def impact(reg: Registry, counts: list[ObjectCount], name: str) -> Impact:
    """The impact of switching ``name`` off, from the ``counts`` read before."""
    using = tuple(dependents(reg, name))
    hidden = {name, *using}
    return Impact(name, using, tuple(o for o in counts if o.subsystem in hidden and o.count))
