"""The ``within`` rule of a reference (:class:`~server.metadata.Ref`), for row guards.

A reference declared ``within="partner"`` must name an item whose own ``partner`` equals the
row's ``partner`` (a counterparty of the document's partner, a stage of the deal's type).
Checked by the BEFORE trigger of the row's table when both are filled, so it holds for the API
and for SQL alike.
"""

from __future__ import annotations

from collections.abc import Iterable

from server.metadata import Field, Ref, Registry
from server.sqlgen import sql_literal as _lit

S = "kontora"


def within_checks(fields: Iterable[Field], reg: Registry, obj: str) -> str:
    """PL/pgSQL (record variable ``v`` declared) refusing a ``within`` reference of ``NEW`` that
    belongs to another owner; ``obj`` is an SQL text expression naming the row."""
    fields = tuple(fields)
    out = []
    for f in fields:
        if not (isinstance(f, Ref) and f.within):
            continue
        owner = next((g for g in fields if g.name == f.within), None)
        assert isinstance(owner, Ref), f"{f.name}: within {f.within}"
        c = reg.catalogs[f.target]
        own = next(g for g in c.fields if g.name == f.within)
        owners = reg.catalogs[owner.target].table
        out.append(f"""
    IF NEW.{f.column} IS NOT NULL AND NEW.{owner.column} IS NOT NULL THEN
      SELECT i.name, o.name AS owner INTO v FROM {S}.{c.table} i
      LEFT JOIN {S}.{owners} o ON o.id = i.{own.column}
      WHERE i.id = NEW.{f.column} AND i.{own.column} IS DISTINCT FROM NEW.{owner.column};
      IF FOUND THEN
        PERFORM {S}.fail('KN005',
          format('%s: %s «%s» belongs to %s «%s», not to «%s»', {obj},
                 {_lit(f.label)}, v.name, {_lit(owner.label.lower())}, coalesce(v.owner, '-'),
                 (SELECT name FROM {S}.{owners} WHERE id = NEW.{owner.column})),
          jsonb_build_object('object', {obj}, 'field', {_lit(f.label)}, 'problem', 'within',
                             'value', v.name));
      END IF;
    END IF;""")
    return "".join(out)
