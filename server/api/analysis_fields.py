"""Columns of the fields added without code to the items an analysis measures (a product's
brand, a partner's region in ABC, XYZ and BCG), next to the item's name: a reference shows the
item's name, a choice its title, numbers and dates as such."""

from __future__ import annotations

from server.api.analysis import Analysis
from server.api.report_attrs import S, kind_of, shown_sql
from server.api.session import Session
from server.metadata import Registry

#: The catalog of the items of each kind of analysis (server.api.abc_xyz.KINDS).
ITEM_CATALOGS = {"customers": "partners", "products": "products"}
COLUMN_KINDS = {"number": "qty", "date": "date"}  # the rest are text


def add_field_columns(session: Session, reg: Registry, a: Analysis, catalog: str) -> None:
    """Put the added fields of ``catalog`` into ``a`` after its first column, read for the
    ids of its rows (``id``)."""
    c = reg.catalogs[catalog]
    fields = [(f, k) for f in c.fields if (k := kind_of(reg, f)) is not None]
    if not fields or not a.rows:
        return
    shown = ", ".join(f'{shown_sql(reg, f, "x_o." + f.column)} AS "{f.name}"' for f, _ in fields)
    found = session.rows(
        f"SELECT x_o.id, {shown} FROM {S}.{c.table} x_o WHERE x_o.id = ANY(:ids)",
        ids=sorted({int(r["id"]) for r in a.rows}),
    )
    by_id = {r["id"]: r for r in found}
    a.columns[1:1] = [(f.name, f.label, COLUMN_KINDS.get(k, "text")) for f, k in fields]
    for row in a.rows:
        values = by_id.get(row["id"], {})
        row.update({f.name: values.get(f.name) for f, _ in fields})
