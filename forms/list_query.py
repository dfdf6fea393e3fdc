"""Read-only list queries for the dynamic lists, built from the metadata declarations only.

Every identifier in the SQL text comes from a declaration (catalog, document or register); user
input (the search string, the keyset cursor) only ever travels as bound parameters. The queries
run through :class:`server.api.Session` and return plain dicts, so the forms never write SQL.

Pagination is keyset based, never OFFSET: documents newest first on ``(date, id)``, catalogs
on ``(name, id)``, register balances on the names of their dimensions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from server.api import Session
from server.metadata import (
    AccumulationRegister,
    Bool,
    Catalog,
    DateField,
    Document,
    Field,
    Int,
    Money,
    Number,
    Qty,
    Ref,
    Registry,
)

S = "kontora"
PAGE_SIZE = 200

ColumnKind = Literal["text", "datetime", "date", "posted", "bool", "int", "money", "qty"]
ObjectKind = Literal["catalog", "document", "report"]


@dataclass(frozen=True)
class ListColumn:
    """One visible column: the row key it shows, its heading and how to format it."""

    key: str
    label: str
    kind: ColumnKind = "text"


@dataclass(frozen=True)
class Page:
    """One page of rows plus the cursor to continue after it (None at the end)."""

    rows: list[dict[str, Any]]
    cursor: tuple[Any, ...] | None


@dataclass(frozen=True)
class ListQuery:
    """A keyset-paginated, searchable list of one catalog, document or register balance."""

    kind: ObjectKind
    name: str
    title: str
    columns: tuple[ListColumn, ...]
    source: str  # "SELECT … FROM … JOIN …" without WHERE/ORDER, built from metadata only
    keys: tuple[tuple[str, str], ...]  # (SQL expression, row key) of the keyset, in order
    search: tuple[str, ...]  # SQL expressions matched against the search string
    search_hint: str
    descending: bool = False
    where: tuple[str, ...] = field(default_factory=tuple)
    stretch: str | None = None  # the column that takes the spare width
    page_size: int = PAGE_SIZE

    def sql(self, *, after: bool, searching: bool) -> str:
        """The statement text for a page (parameters: :q, :k0…:kN, :limit)."""
        where = list(self.where)
        if searching:
            where.append("(" + " OR ".join(f"{e} ILIKE :q" for e in self.search) + ")")
        if after:
            op = "<" if self.descending else ">"
            lhs = ", ".join(e for e, _ in self.keys)
            rhs = ", ".join(f":k{i}" for i in range(len(self.keys)))
            where.append(f"({lhs}) {op} ({rhs})")
        direction = " DESC" if self.descending else ""
        order = ", ".join(f"{e}{direction}" for e, _ in self.keys)
        cond = f" WHERE {' AND '.join(where)}" if where else ""
        return f"{self.source}{cond} ORDER BY {order} LIMIT :limit"

    def fetch(
        self, session: Session, cursor: tuple[Any, ...] | None = None, text: str = ""
    ) -> Page:
        """Rows after ``cursor`` matching ``text`` (a substring, case-insensitive)."""
        text = text.strip()
        params: dict[str, Any] = {"limit": self.page_size + 1}
        if text:
            params["q"] = f"%{like_escape(text)}%"
        if cursor is not None:
            params.update({f"k{i}": v for i, v in enumerate(cursor)})
        rows = session.rows(self.sql(after=cursor is not None, searching=bool(text)), **params)
        more = len(rows) > self.page_size
        rows = rows[: self.page_size]
        nxt = tuple(rows[-1][k] for _, k in self.keys) if more and rows else None
        return Page(rows, nxt)


def like_escape(text: str) -> str:
    """Escape LIKE wildcards so the user's text matches literally."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _kind(f: Field) -> ColumnKind:
    if isinstance(f, Money):
        return "money"
    if isinstance(f, Qty):
        return "qty"
    if isinstance(f, Number):
        return "qty"
    if isinstance(f, Int):
        return "int"
    if isinstance(f, Bool):
        return "bool"
    if isinstance(f, DateField):
        return "date"
    return "text"


def _field_columns(
    alias: str, fields: tuple[Field, ...]
) -> tuple[list[str], list[str], list[ListColumn]]:
    """Select items, joins and visible columns of declared fields (refs show the item name)."""
    select, joins, cols = [], [], []
    for f in fields:
        if isinstance(f, Ref):
            j = f"j_{f.name}"
            joins.append(f"LEFT JOIN {S}.cat_{f.target} {j} ON {j}.id = {alias}.{f.column}")
            select.append(f"{alias}.{f.column}, {j}.name AS {f.name}")
        else:
            select.append(f"{alias}.{f.column} AS {f.name}")
        cols.append(ListColumn(f.name, f.label, _kind(f)))
    return select, joins, cols


def document_query(d: Document) -> ListQuery:
    select, joins, cols = _field_columns("d", d.header)
    source = (
        "SELECT d.id, d.number, d.date, d.posted, d.deletion_mark, "
        f"o.name AS organization{''.join(', ' + s for s in select)} "
        f"FROM {S}.{d.table} d JOIN {S}.cat_organizations o ON o.id = d.organization_id"
        + "".join(" " + j for j in joins)
    )
    return ListQuery(
        kind="document",
        name=d.name,
        title=d.title,
        columns=(
            ListColumn("number", "Number"),
            ListColumn("date", "Date", "datetime"),
            ListColumn("posted", "Posted", "posted"),
            ListColumn("organization", "Organization"),
            *cols,
        ),
        source=source,
        keys=(("d.date", "date"), ("d.id", "id")),
        search=("d.number",),
        search_hint="Search by number",
        descending=True,
        stretch=next((c.key for c in reversed(cols) if c.kind == "text"), None),
    )


def catalog_query(c: Catalog) -> ListQuery:
    select, joins, cols = _field_columns("c", c.fields)
    group = "c.is_group" if c.hierarchical else "false"
    source = (
        f"SELECT c.id, c.code, c.name, c.deletion_mark, {group} AS is_group, "
        f"NOT {group} AS is_item"
        f"{''.join(', ' + s for s in select)} FROM {S}.{c.table} c"
        + "".join(" " + j for j in joins)
    )
    return ListQuery(
        kind="catalog",
        name=c.name,
        title=c.title,
        columns=(ListColumn("code", "Code"), ListColumn("name", "Name"), *cols),
        source=source,
        keys=((f"NOT {group}", "is_item"), ("c.name", "name"), ("c.id", "id")),  # groups first
        search=("c.name", "c.code"),
        search_hint="Search by name or code",
        stretch="name",
    )


def balance_query(r: AccumulationRegister) -> ListQuery:
    """Current balances (non-zero) with the names of the dimension items."""
    select, joins, keys, search, cols = [], [], [], [], []
    for dim in r.dimensions:
        j = f"j_{dim.name}"
        joins.append(f"JOIN {S}.cat_{dim.target} {j} ON {j}.id = b.{dim.column}")
        select.append(f"b.{dim.column}, {j}.name AS {dim.name}")
        keys += [(f"{j}.name", dim.name), (f"b.{dim.column}", dim.column)]
        search.append(f"{j}.name")
        cols.append(ListColumn(dim.name, dim.label))
    for res in r.resources:
        select.append(f"b.{res.column} AS {res.name}")
        cols.append(ListColumn(res.name, res.label, _kind(res)))
    source = f"SELECT {', '.join(select)} FROM {S}.{r.balance_table} b " + " ".join(joins)
    return ListQuery(
        kind="report",
        name=r.name,
        title=f"{r.title} balance",
        columns=tuple(cols),
        source=source,
        keys=tuple(keys),
        search=tuple(search),
        search_hint="Search by " + " or ".join(d.label.lower() for d in r.dimensions),
        where=tuple(f"b.{res.column} <> 0" for res in r.resources[:1]),
        stretch=r.dimensions[-1].name,
    )


def query_for(reg: Registry, kind: ObjectKind, name: str) -> ListQuery:
    """The list query of a declared object (``report`` = a balance register)."""
    if kind == "document":
        return document_query(reg.documents[name])
    if kind == "catalog":
        return catalog_query(reg.catalogs[name])
    return balance_query(reg.registers[name])


def enabled_subsystems(session: Session) -> dict[str, str]:
    """Switched-on subsystems: name -> title, as stored in the infobase."""
    rows = session.rows(f"SELECT name, title FROM {S}.subsystems WHERE enabled ORDER BY name")
    return {r["name"]: r["title"] for r in rows}
