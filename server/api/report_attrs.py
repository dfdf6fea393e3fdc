"""Grouping levels and filters a register report reaches through its dimensions: the declared
attributes (:data:`server.config.reports.ATTRIBUTES`) and every field an administrator added
(:mod:`server.extra_fields`) to a dimension's catalog or document — ``product.x_brand``
("Product.Brand", as 1C's dimension attributes through a dot) — or to a catalog one of that
catalog's declared references leads to — ``customer.partner.x_region``
("Customer.Partner.Region"). Derived from the registry each time, so a field added or dropped
shows (or goes) with the next merge.
"""

from __future__ import annotations

from collections.abc import Iterable

from server.config.reports import ATTRIBUTES, Attribute
from server.extra_fields import PREFIX
from server.metadata import (
    AccumulationRegister,
    Choice,
    DateField,
    DocRef,
    Field,
    Number,
    Ref,
    Registry,
    String,
)

S = "kontora"
#: How a drill-down casts a row's value of each attribute kind back for comparing.
CASTS = {"text": "text", "choice": "text", "ref": "bigint", "number": "numeric", "date": "date"}


def attributes(reg: Registry, r: AccumulationRegister) -> tuple[Attribute, ...]:
    """Every attribute level of register ``r``'s report: declared first, then added fields."""
    return (*ATTRIBUTES.get(r.name, ()), *added_attributes(reg, r.dimensions))


def added_attributes(reg: Registry, dims: Iterable[Ref | DocRef]) -> list[Attribute]:
    """The levels of the fields added to the objects ``dims`` refer to, and to the catalogs
    their declared references lead to (one step further)."""
    out: list[Attribute] = []
    for d in dims:
        table, fields = _object(reg, d)
        if table is None:
            continue
        own = f"(SELECT x_o.{{col}} FROM {S}.{table} x_o WHERE x_o.id = {{{{id}}}})"
        out += _levels(reg, d.name, d.label, "", fields, own)
        for ref in (f for f in fields if isinstance(f, Ref) and not _added(f)):
            target = reg.catalogs.get(ref.target)
            if target is None:
                continue
            via = (  # aliases apart from the report's own (a, g, m, t0…)
                f"(SELECT x_b.{{col}} FROM {S}.{table} x_a JOIN {S}.{target.table} x_b "
                f"ON x_b.id = x_a.{ref.column} WHERE x_a.id = {{{{id}}}})"
            )
            label = f"{d.label}.{ref.label}"
            out += _levels(reg, d.name, label, f"{ref.name}.", target.fields, via)
    return out


def _object(reg: Registry, d: Ref | DocRef) -> tuple[str | None, tuple[Field, ...]]:
    """The table and fields of what dimension ``d`` refers to (None: nothing declared)."""
    if isinstance(d, DocRef):
        doc = reg.documents.get(d.target)
        return (doc.table, doc.header) if doc else (None, ())
    cat = reg.catalogs.get(d.target)
    return (cat.table, cat.fields) if cat else (None, ())


def _added(f: Field) -> bool:
    return f.name.startswith(PREFIX)


def _levels(
    reg: Registry, dim: str, label: str, via: str, fields: tuple[Field, ...], sql: str
) -> list[Attribute]:
    out = []
    for f in fields:
        kind = kind_of(reg, f)
        if kind is None:
            continue
        value = sql.format(col=f.column)
        out.append(
            Attribute(
                dim,
                via + f.name,
                f"{label}.{f.label}",
                value,
                _shown(reg, f),
                kind,
                f.target if isinstance(f, Ref) else "",
                f.options if isinstance(f, Choice) else (),
            )
        )
    return out


def kind_of(reg: Registry, f: Field) -> str | None:
    """The attribute kind of added field ``f`` (None: not one a report shows)."""
    return _kind(reg, f) if _added(f) else None


def shown_sql(reg: Registry, f: Field, value: str) -> str:
    """SQL of what a report shows for the value ``value`` (SQL) of field ``f``."""
    return (_shown(reg, f) or "{v}").format(v=value)


def _kind(reg: Registry, f: Field) -> str | None:
    if isinstance(f, Choice):
        return "choice"
    if isinstance(f, Ref):
        return "ref" if f.target in reg.catalogs else None
    if isinstance(f, String):
        return "text"
    if isinstance(f, Number):
        return "number"
    if isinstance(f, DateField):
        return "date"
    return None


def _literal(text: str) -> str:
    """An SQL string literal that survives ``str.format`` (braces doubled)."""
    return "'" + text.replace("'", "''").replace("{", "{{").replace("}", "}}") + "'"


def _shown(reg: Registry, f: Field) -> str:
    """SQL of the visible text of value ``{v}`` of field ``f`` (empty: the value itself)."""
    if isinstance(f, Choice):
        whens = " ".join(f"WHEN {_literal(k)} THEN {_literal(t)}" for k, t in f.options)
        return f"CASE {{v}} {whens} ELSE {{v}} END" if whens else ""
    if isinstance(f, Ref):
        return f"(SELECT name FROM {S}.{reg.catalogs[f.target].table} WHERE id = {{v}})"
    return ""
