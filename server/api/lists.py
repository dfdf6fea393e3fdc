"""Read-only queries for the forms, built from the metadata declarations only.

The dynamic lists (keyset pages), the type-ahead of reference fields, a document with the names
of the items it references, and a document's register movements. Every identifier in the SQL
text comes from a declaration (catalog, document or register); user input (the search string,
the keyset cursor) only ever travels as bound parameters. The queries run through
:class:`server.api.Session` and return plain dicts, so the forms never write SQL.

Pagination is keyset based, never OFFSET: documents newest first on ``(date, id)``, catalogs
on ``(name, id)``, register balances on the names of their dimensions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from server.api.documents import Documents
from server.api.registers import Registers
from server.api.session import Session
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


# -- reference fields -------------------------------------------------------------------------
def lookup(session: Session, c: Catalog, text: str, limit: int = 20) -> list[dict[str, Any]]:
    """Items (not groups, not marked for deletion) whose name or code starts with or contains
    ``text``; prefix matches first. Rows: id, code, name."""
    items = "NOT c.is_group AND " if c.hierarchical else ""
    pattern = like_escape(text.strip())
    return session.rows(
        f"SELECT c.id, c.code, c.name FROM {S}.{c.table} c "
        f"WHERE {items}NOT c.deletion_mark AND (c.name ILIKE :c OR c.code ILIKE :p) "
        "ORDER BY (c.name ILIKE :p OR c.code ILIKE :p) DESC, c.name, c.id LIMIT :limit",
        p=f"{pattern}%",
        c=f"%{pattern}%",
        limit=limit,
    )


def first_item(session: Session, c: Catalog) -> dict[str, Any] | None:
    """The first item by name (the default organization of a new document)."""
    rows = lookup(session, c, "", limit=1)
    return rows[0] if rows else None


def item_names(session: Session, c: Catalog, ids: set[int]) -> dict[int, str]:
    """Names of the items ``ids`` of catalog ``c``."""
    if not ids:
        return {}
    rows = session.rows(f"SELECT id, name FROM {S}.{c.table} WHERE id = ANY(:ids)", ids=sorted(ids))
    return {r["id"]: r["name"] for r in rows}


def _with_names(session: Session, reg: Registry, refs: list[tuple[Ref, list[dict]]]) -> None:
    """Replace ``<name>_id`` of each Ref in each row by ``<name>: {id, name}`` (in place)."""
    wanted: dict[str, set[int]] = {}
    for f, rows in refs:
        wanted.setdefault(f.target, set()).update(r[f.column] for r in rows if r.get(f.column))
    names = {t: item_names(session, reg.catalogs[t], ids) for t, ids in wanted.items()}
    for f, rows in refs:
        for r in rows:
            i = r.pop(f.column, None)
            r[f.name] = None if i is None else {"id": i, "name": names[f.target].get(i, "?")}


ORGANIZATION = Ref("organization", "Organization", required=True, target="organizations")


def document_for_form(session: Session, reg: Registry, name: str, doc_id: int) -> dict[str, Any]:
    """A document as its form shows it: references as ``{id, name}``, amounts as Decimal."""
    d = reg.documents[name]
    data = Documents(session, reg).read(name, doc_id)
    header_refs = [f for f in (ORGANIZATION, *d.header) if isinstance(f, Ref)]
    refs: list[tuple[Ref, list[dict]]] = [(f, [data]) for f in header_refs]
    for t in d.tables:
        refs += [(f, data[t.name]) for f in t.fields if isinstance(f, Ref)]
    _with_names(session, reg, refs)
    return data


@dataclass(frozen=True)
class RegisterMovements:
    """The movements of one document in one register, ready for a table."""

    register: str
    title: str
    columns: tuple[ListColumn, ...]
    rows: list[dict[str, Any]]


def document_movements(
    session: Session, reg: Registry, name: str, doc_id: int
) -> list[RegisterMovements]:
    """For each register the document posts to: its movements with item names."""
    out = []
    for rname in reg.documents[name].registers:
        r = reg.registers[rname]
        rows = Registers(session, reg).movements(rname, name, doc_id)
        _with_names(session, reg, [(dim, rows) for dim in r.dimensions])
        for row in rows:
            for dim in r.dimensions:
                row[dim.name] = (row[dim.name] or {}).get("name", "")
        cols = (
            ListColumn("period", "Period", "datetime"),
            *(ListColumn(dim.name, dim.label) for dim in r.dimensions),
            *(ListColumn(res.name, res.label, _kind(res)) for res in r.resources),
        )
        out.append(RegisterMovements(rname, r.title, cols, rows))
    return out
