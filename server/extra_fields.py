"""Additional fields without code: typed columns an administrator adds to a catalog or document.

Each is a real column ``x_<name>`` (``x_<name>_id`` for a reference) of the object's table,
added and dropped by the owner's routines ``kontora.add_extra_field``/``drop_extra_field``
(``server/sqlgen/extra_fields.sql``, executable by administrators) in the caller's transaction
and described in ``kontora.extra_fields``. :func:`merge` puts them into the registry's
declarations (after the declared fields) when a client connects, so forms, list columns,
filters, reports, Excel export and the history show them like declared fields; grants and
row-level security are the table's. The prefix keeps them apart from declared fields.
"""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from server.api.session import Session
from server.errors import QT_TRANSLATE_NOOP, InvalidValue
from server.metadata import (
    Catalog,
    Choice,
    DateField,
    Document,
    Field,
    Number,
    Ref,
    Registry,
    String,
)

S = "kontora"
PREFIX = "x_"
KINDS = ("string", "number", "date", "ref", "choice")
_NAME = re.compile(r"^[a-z][a-z0-9_]{0,40}$")


@dataclass(frozen=True)
class ExtraField:
    """One added field as ``kontora.extra_fields`` describes it."""

    object_kind: str  # catalog or document
    object_name: str
    name: str  # with the x_ prefix
    title: str
    kind: str  # string, number, date, ref, choice
    length: int | None = None
    precision: int | None = None
    scale: int | None = None
    target: str | None = None
    options: tuple[tuple[str, str], ...] = ()

    def field(self) -> Field:
        """The declaration this column stands for."""
        if self.kind == "string":
            return String(self.name, self.title, max_len=self.length or 150)
        if self.kind == "number":
            p, s = self.precision or 15, self.scale or 0
            cls = type(f"Number_{p}_{s}", (Number,), {"scale": s, "limit": Decimal(10) ** (p - s)})
            return cls(self.name, self.title)
        if self.kind == "date":
            return DateField(self.name, self.title)
        if self.kind == "ref":
            return Ref(self.name, self.title, target=str(self.target))
        return Choice(self.name, self.title, options=self.options)


def column_name(name: str) -> str:
    """``x_<name>`` from what the administrator typed (lower case, letters, digits, _)."""
    name = name.strip().lower()
    if name.startswith(PREFIX):
        name = name[len(PREFIX) :]
    if not _NAME.match(name):
        raise InvalidValue(
            QT_TRANSLATE_NOOP("errors", "Additional field"),
            QT_TRANSLATE_NOOP("errors", "Name"),
            name,
            QT_TRANSLATE_NOOP(
                "errors", "must start with a letter and hold only a-z, 0-9 and _ (up to 41)"
            ),
        )
    return PREFIX + name


def _from_row(r: dict[str, Any]) -> ExtraField:
    options = r.get("options") or []
    if isinstance(options, str):
        options = json.loads(options)
    return ExtraField(
        r["object_kind"],
        r["object_name"],
        r["name"],
        r["title"],
        r["kind"],
        r.get("length"),
        r.get("precision"),
        r.get("scale"),
        r.get("target"),
        tuple((str(k), str(t)) for k, t in options),
    )


def load(session: Session) -> list[ExtraField]:
    """Every added field, in the order they were added."""
    rows = session.rows(
        f"SELECT object_kind, object_name, name, title, kind, length, precision, scale, target,"
        f" options FROM {S}.extra_fields ORDER BY id"
    )
    return [_from_row(r) for r in rows]


def add(session: Session, f: ExtraField) -> None:
    """Add the column and its description (administrators only; refused by the database)."""
    session.execute(
        f"SELECT {S}.add_extra_field(:k, :o, :n, :t, :kind, :len, :p, :s, :target, "
        "CAST(:opts AS jsonb))",
        k=f.object_kind,
        o=f.object_name,
        n=f.name,
        t=f.title,
        kind=f.kind,
        len=f.length,
        p=f.precision,
        s=f.scale,
        target=f.target,
        opts=json.dumps([list(o) for o in f.options]) if f.options else None,
    )


def remove(session: Session, object_kind: str, object_name: str, name: str) -> None:
    """Drop the column (its data is lost) and its description."""
    session.execute(
        f"SELECT {S}.drop_extra_field(:k, :o, :n)", k=object_kind, o=object_name, n=name
    )


def values_count(session: Session, reg: Registry, f: ExtraField) -> int:
    """How many items or documents hold a value in the field (what removing it loses)."""
    table = _table(reg, f)
    column = f.field().column
    return int(session.scalar(f'SELECT count("{column}") FROM {S}."{table}"') or 0)


def _table(reg: Registry, f: ExtraField) -> str:
    if f.object_kind == "catalog":
        return reg.catalogs[f.object_name].table
    return reg.documents[f.object_name].table


# -- the registry -------------------------------------------------------------------------------
#: The declared objects before any merge, by (kind, name): a merge always starts from them.
_declared: dict[tuple[str, str], Catalog | Document] = {}


def merge(reg: Registry, extras: list[ExtraField]) -> None:
    """Put ``extras`` into ``reg``'s catalogs and documents (replacing earlier merged ones)."""
    for (kind, name), obj in _declared.items():
        bucket: dict[str, Any] = reg.catalogs if kind == "catalog" else reg.documents
        bucket[name] = obj
    by_object: dict[tuple[str, str], list[Field]] = {}
    for x in extras:
        by_object.setdefault((x.object_kind, x.object_name), []).append(x.field())
    for (kind, name), fields in by_object.items():
        if kind == "catalog" and name in reg.catalogs:
            c = reg.catalogs[name]
            _declared.setdefault((kind, name), c)
            reg.catalogs[name] = dataclasses.replace(c, fields=(*c.fields, *fields))
        elif kind == "document" and name in reg.documents:
            d = reg.documents[name]
            _declared.setdefault((kind, name), d)
            reg.documents[name] = dataclasses.replace(d, header=(*d.header, *fields))


def refresh(session: Session, reg: Registry) -> list[ExtraField]:
    """Read the added fields and merge them into ``reg``; returns them."""
    extras = load(session)
    merge(reg, extras)
    return extras
