"""Read-only queries for the forms, built from the metadata declarations only.

The dynamic lists (keyset pages), the type-ahead of reference fields, a document with the names
of the items it references, and a document's register movements. Every identifier in the SQL
text comes from a declaration (catalog, document or register); user input (the search string,
the keyset cursor, the filter values) only ever travels as bound parameters. The queries run
through :class:`server.api.Session` and return plain dicts, so the forms never write SQL.

Pagination is keyset based, never OFFSET (:mod:`server.api.list_query`): documents newest first
on ``(date, id)``, catalogs on ``(name, id)``, register balances on the names of their
dimensions; sorting by a column keys on ``(column, id)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from server.api.documents import Documents
from server.api.list_query import PAGE_SIZE as PAGE_SIZE
from server.api.list_query import (
    ColumnKind,
    ListColumn,
    ListQuery,
    ObjectKind,
    RefFilter,
    like_escape,
)
from server.api.list_query import ListFilter as ListFilter
from server.api.list_query import Page as Page
from server.api.list_query import Sort as Sort
from server.api.registers import Registers
from server.api.session import Session
from server.metadata import (
    AccumulationRegister,
    Bool,
    Catalog,
    Choice,
    DateField,
    DocRef,
    Document,
    Field,
    Int,
    Money,
    Number,
    Picture,
    Ref,
    Registry,
)

S = "kontora"


def _kind(f: Field) -> ColumnKind:
    if isinstance(f, Money):
        return "money"
    if isinstance(f, Number):  # Qty and other exact numbers
        return "qty"
    if isinstance(f, Int):
        return "int"
    if isinstance(f, Bool):
        return "bool"
    if isinstance(f, DateField):
        return "date"
    return "text"


def _null_safe(expr: str, f: Field) -> str:
    """A sort expression that is never NULL (row comparisons with NULL match nothing)."""
    if isinstance(f, Ref):
        return f"COALESCE({expr}, '')"  # the joined item's name
    if isinstance(f, (Number, Int)):
        return f"COALESCE({expr}, 0)"
    if isinstance(f, Bool):
        return f"COALESCE({expr}, false)"
    if isinstance(f, DateField):
        return f"COALESCE({expr}, DATE '0001-01-01')"
    return f"COALESCE({expr}, '')"


@dataclass(frozen=True)
class _Fields:
    """Select items, joins, visible columns and sort expressions of declared fields."""

    select: list[str]
    joins: list[str]
    columns: list[ListColumn]
    sortable: list[tuple[str, str]]


def _field_columns(alias: str, fields: tuple[Field, ...]) -> _Fields:
    """References show the item's name (a LEFT JOIN per reference)."""
    out = _Fields([], [], [], [])
    for f in fields:
        if isinstance(f, Picture):
            continue  # a picture is shown by the item's form, not in a list
        if isinstance(f, Ref | DocRef):
            j, shown = f"j_{f.name}", "number" if isinstance(f, DocRef) else "name"
            out.joins.append(f"LEFT JOIN {S}.{f.ref_table} {j} ON {j}.id = {alias}.{f.column}")
            out.select.append(f'{alias}.{f.column}, {j}.{shown} AS "{f.name}"')
            out.sortable.append((f.name, f"COALESCE({j}.{shown}, '')"))
        elif isinstance(f, Choice):  # the option's title, not its key
            whens = " ".join(f"WHEN '{k}' THEN '{t}'" for k, t in f.options)
            shown = f"(CASE {alias}.{f.column} {whens} ELSE {alias}.{f.column} END)"
            out.select.append(f'{shown} AS "{f.name}"')
            out.sortable.append((f.name, f"COALESCE({shown}, '')"))
        else:
            out.select.append(f"{alias}.{f.column} AS {f.name}")
            out.sortable.append((f.name, _null_safe(f"{alias}.{f.column}", f)))
        out.columns.append(ListColumn(f.name, f.label, _kind(f)))
    return out


#: Catalogs of the parties a document's amount is owed by or to.
PARTIES = ("partners", "counterparties")


def _with_total(d: Document, columns: list[ListColumn], total: tuple[ListColumn, ...]) -> list:
    """``columns`` with the document's amount (``total``) after the party it is owed by or to
    (the last partner or counterparty column), else before a last Comment column."""
    parties = {f.name for f in d.header if isinstance(f, Ref) and f.target in PARTIES}
    keys = [c.key for c in columns]
    at = max((i + 1 for i, k in enumerate(keys) if k in parties), default=None)
    if at is None:
        at = len(keys) - 1 if keys and keys[-1] == "comment" else len(keys)
    return [*columns[:at], *total, *columns[at:]]


def document_query(d: Document) -> ListQuery:
    fc = _field_columns("d", d.header)
    select = "d.id, d.number, d.date, d.posted, d.deletion_mark, o.name AS organization" + "".join(
        ", " + s for s in fc.select
    )
    from_ = f"{S}.{d.table} d JOIN {S}.cat_organizations o ON o.id = d.organization_id" + "".join(
        " " + j for j in fc.joins
    )
    refs = [RefFilter("organization", "Organization", "d.organization_id", "organizations")]
    for f in d.header:
        if isinstance(f, Ref):
            refs.append(RefFilter(f.name, f.label, f"d.{f.column}", f.target))
    posted = (ListColumn("posted", "Posted", "posted"),) if d.postable else ()
    # The document's amount (declared total) from its lines, for the page's rows only: not a
    # sort key (sorting by it would sum every document's lines).
    total = (ListColumn("total", "Amount", "money"),) if d.total else ()
    if d.total:
        select += f", {d.total_sql('d')} AS total"
    return ListQuery(
        kind="document",
        name=d.name,
        title=d.title,
        columns=(
            ListColumn("number", "Number"),
            ListColumn("date", "Date", "datetime"),
            *posted,
            ListColumn("organization", "Organization"),
            *_with_total(d, fc.columns, total),
        ),
        select=select,
        from_=from_,
        keys=(("d.date", "date"), ("d.id", "id")),
        search=("d.number",),
        search_hint="Search by number",
        descending=True,
        stretch=next((c.key for c in reversed(fc.columns) if c.kind == "text"), None),
        unique=(("d.id", "id"),),
        sortable=(
            ("number", "d.number"),
            ("date", "d.date"),
            ("posted", "d.posted"),
            ("organization", "o.name"),
            *fc.sortable,
        ),
        date_column="d.date",
        posted_column="d.posted" if d.postable else None,
        mark_column="d.deletion_mark",
        ref_filters=tuple(refs),
    )


def catalog_query(c: Catalog) -> ListQuery:
    fc = _field_columns("c", c.fields)
    group = "c.is_group" if c.hierarchical else "false"
    select = (
        f"c.id, c.code, c.name, c.deletion_mark, {group} AS is_group, NOT {group} AS is_item"
        + "".join(", " + s for s in fc.select)
    )
    return ListQuery(
        kind="catalog",
        name=c.name,
        title=c.title,
        columns=(ListColumn("code", "Code"), ListColumn("name", "Name"), *fc.columns),
        select=select,
        from_=f"{S}.{c.table} c" + "".join(" " + j for j in fc.joins),
        keys=((f"NOT {group}", "is_item"), ("c.name", "name"), ("c.id", "id")),  # groups first
        search=("c.name", "c.code"),
        search_hint="Search by name or code",
        stretch="name",
        unique=(("c.id", "id"),),
        lead=((f"NOT {group}", "is_item"),) if c.hierarchical else (),
        sortable=(("code", "COALESCE(c.code, '')"), ("name", "c.name"), *fc.sortable),
        mark_column="c.deletion_mark",
        parent_column="c.parent_id" if c.hierarchical else None,
        tree_table=f"{S}.{c.table}" if c.hierarchical else None,
        # an administrator's added references filter the list (server/extra_fields.py)
        ref_filters=tuple(
            RefFilter(f.name, f.label, f"c.{f.column}", f.target)
            for f in c.fields
            if isinstance(f, Ref) and f.name.startswith("x_")
        ),
    )


def balance_query(r: AccumulationRegister) -> ListQuery:
    """Current balances (non-zero) with the names of the dimension items."""
    select, joins, keys, unique, search, cols, sortable = [], [], [], [], [], [], []
    for dim in r.dimensions:
        # A document dimension by its number ("" for none: an order dimension may be 0).
        j, shown = f"j_{dim.name}", "number" if isinstance(dim, DocRef) else "name"
        on = "LEFT JOIN" if isinstance(dim, DocRef) else "JOIN"
        joins.append(f"{on} {S}.{dim.ref_table} {j} ON {j}.id = b.{dim.column}")
        name = f"COALESCE({j}.{shown}, '')"
        select.append(f'b.{dim.column}, {name} AS "{dim.name}"')
        keys += [(name, dim.name), (f"b.{dim.column}", dim.column)]
        unique.append((f"b.{dim.column}", dim.column))
        search.append(name)
        cols.append(ListColumn(dim.name, dim.label))
        sortable.append((dim.name, name))
    for res in r.resources:
        select.append(f"b.{res.column} AS {res.name}")
        cols.append(ListColumn(res.name, res.label, _kind(res)))
        sortable.append((res.name, _null_safe(f"b.{res.column}", res)))
    return ListQuery(
        kind="report",
        name=r.name,
        title=f"{r.title} balance",
        columns=tuple(cols),
        select=", ".join(select),
        from_=f"{S}.{r.balance_table} b " + " ".join(joins),
        keys=tuple(keys),
        search=tuple(search),
        search_hint="Search by " + " or ".join(d.label.lower() for d in r.dimensions),
        where=tuple(f"b.{res.column} <> 0" for res in r.resources[:1]),
        stretch=r.dimensions[-1].name,
        unique=tuple(unique),
        sortable=tuple(sortable),
    )


def query_for(reg: Registry, kind: ObjectKind, name: str) -> ListQuery:
    """The list query of a declared object (``report`` = a balance register)."""
    if kind == "document":
        return document_query(reg.documents[name])
    if kind == "catalog":
        return catalog_query(reg.catalogs[name])
    return balance_query(reg.registers[name])


def enabled_subsystems(session: Session) -> dict[str, str]:
    """Switched-on subsystems (and all they need) the login may read: name -> title, as stored
    in the infobase (a private one, such as payroll, only for its readers:
    ``server/sqlgen/privacy.py``)."""
    rows = session.rows(
        f"SELECT name, title FROM {S}.subsystems WHERE {S}.subsystem_on(name) "
        f"AND {S}.may_read_subsystem(name) ORDER BY name"
    )
    return {r["name"]: r["title"] for r in rows}


# -- reference fields -------------------------------------------------------------------------
def scope_sql(c: Catalog, scope: tuple[str, int] | None) -> str:
    """The condition ``c.<field>_id = <id>`` keeping a picker to the items of one owner (a
    reference declared ``within`` another: the counterparties of the chosen partner)."""
    if scope is None:
        return ""
    name, owner = scope
    column = next(f.column for f in c.fields if f.name == name)
    return f"c.{column} = {int(owner)}"


def lookup(
    session: Session,
    c: Catalog,
    text: str,
    limit: int = 20,
    *,
    groups: bool = False,
    scope: tuple[str, int] | None = None,
) -> list[dict[str, Any]]:
    """Items (not groups, not marked for deletion) whose name or code starts with or contains
    ``text``; prefix matches first. Rows: id, code, name. ``groups``: groups instead of items
    (the parent picker of a hierarchical catalog); ``scope``: the items of one owner only
    (:func:`scope_sql`)."""
    if groups and not c.hierarchical:
        return []
    items = f"{'' if groups else 'NOT '}c.is_group AND " if c.hierarchical else ""
    if scope is not None:
        items += f"{scope_sql(c, scope)} AND "
    pattern = like_escape(text.strip())
    return session.rows(
        f"SELECT c.id, c.code, c.name FROM {S}.{c.table} c "
        f"WHERE {items}NOT c.deletion_mark AND (c.name ILIKE :c OR c.code ILIKE :p) "
        "ORDER BY (c.name ILIKE :p OR coalesce(c.code ILIKE :p, false)) DESC, c.name, c.id "
        "LIMIT :limit",
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


def doc_names(session: Session, table: str, ids: set[int]) -> dict[int, dict[str, Any]]:
    """``{"name": number, "date": date}`` of the documents ``ids`` of ``table`` (how a DocRef is
    shown: "number of date")."""
    if not ids:
        return {}
    rows = session.rows(
        f"SELECT id, number AS name, date FROM {S}.{table} WHERE id = ANY(:ids)", ids=sorted(ids)
    )
    return {r.pop("id"): r for r in rows}


def with_names(
    session: Session, reg: Registry, refs: list[tuple[Ref | DocRef, list[dict]]]
) -> None:
    """Replace ``<name>_id`` of each reference in each row by ``<name>: {id, name}`` (in
    place); a document reference is named by its number (and has its date)."""
    wanted: dict[str, set[int]] = {}
    for f, rows in refs:
        wanted.setdefault(f.ref_table, set()).update(r[f.column] for r in rows if r.get(f.column))
    names: dict[str, dict[int, dict[str, Any]]] = {}
    for f, _ in refs:
        t = f.ref_table
        if t in names:
            continue
        if isinstance(f, DocRef):
            names[t] = doc_names(session, t, wanted[t])
        else:
            items = item_names(session, reg.catalogs[f.target], wanted[t])
            names[t] = {i: {"name": n} for i, n in items.items()}
    for f, rows in refs:
        for r in rows:
            i = r.pop(f.column, None)
            # 0: none (the "no order" of settlements and advances)
            found = names[f.ref_table].get(i) or {"name": "" if i == 0 else "?"}
            r[f.name] = None if i is None else {"id": i, **found}


ORGANIZATION = Ref("organization", "Organization", required=True, target="organizations")


def document_for_form(session: Session, reg: Registry, name: str, doc_id: int) -> dict[str, Any]:
    """A document as its form shows it: references as ``{id, name}``, amounts as Decimal."""
    d = reg.documents[name]
    data = Documents(session, reg).read(name, doc_id)
    header_refs = [f for f in (ORGANIZATION, *d.header) if isinstance(f, Ref | DocRef)]
    refs: list[tuple[Ref | DocRef, list[dict]]] = [(f, [data]) for f in header_refs]
    for t in d.tables:
        refs += [(f, data[t.name]) for f in t.fields if isinstance(f, Ref | DocRef)]
    with_names(session, reg, refs)
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
        with_names(session, reg, [(dim, rows) for dim in r.dimensions])
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
