"""The keyset-paginated list query: filters, sort and search, all built from declarations.

A :class:`ListQuery` holds SQL fragments produced from metadata only (see
:mod:`server.api.lists`). What the user chooses — the search string, the period, the referenced
items, the posted state, the sort column — selects among those fragments by name or travels as
a bound parameter; it never becomes SQL text.

Pagination is keyset based, never OFFSET. The default order is the query's own ``keys``; sorting
by a column orders by ``(lead…, column, unique…)``, where the column's expression is null-safe and
the ``unique`` keys (the id) make the order total, so a page always continues exactly after the
last row of the previous one.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from server.api.session import Session

PAGE_SIZE = 200
ROOT = 0  # ListFilter.parent of the top level of a hierarchical catalog ("All items")
EXPORT_PAGE_SIZE = 2000

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
class RefFilter:
    """A list may be filtered by this reference (organization, warehouse, customer…)."""

    name: str  # the filter's name, as ListFilter.refs uses it
    label: str
    column: str  # SQL expression of the referenced id, e.g. ``d.warehouse_id``
    target: str  # the catalog the id points into


@dataclass(frozen=True)
class ListFilter:
    """Conditions chosen above a list; each value is sent as a bound parameter."""

    date_from: dt.datetime | None = None  # inclusive
    date_to: dt.datetime | None = None  # exclusive
    refs: tuple[tuple[str, int], ...] = ()  # (RefFilter.name, item id)
    posted: bool | None = None
    hide_marked: bool = False
    parent: int | None = None  # a group of a hierarchical catalog; ROOT: the top level
    subgroups: bool = False  # with ``parent``: the rows of its subgroups too


@dataclass(frozen=True)
class Sort:
    """Order by the column ``key`` (one of the query's ``sortable``)."""

    key: str
    descending: bool = False


Key = tuple[str, str, bool]  # SQL expression, row key, descending


@dataclass(frozen=True)
class ListQuery:
    """A keyset-paginated, searchable, filterable and sortable list of one object."""

    kind: ObjectKind
    name: str
    title: str
    columns: tuple[ListColumn, ...]
    select: str  # the select list, built from metadata only
    from_: str  # the FROM clause with its joins, built from metadata only
    keys: tuple[tuple[str, str], ...]  # (SQL expression, row key) of the default order
    search: tuple[str, ...]  # SQL expressions matched against the search string
    search_hint: str
    descending: bool = False
    where: tuple[str, ...] = field(default_factory=tuple)
    stretch: str | None = None  # the column that takes the spare width
    page_size: int = PAGE_SIZE
    unique: tuple[tuple[str, str], ...] = ()  # tie-breakers of a column sort (the id)
    lead: tuple[tuple[str, str], ...] = ()  # ascending keys always first (groups first)
    sortable: tuple[tuple[str, str], ...] = ()  # row key -> null-safe SQL expression
    date_column: str | None = None
    posted_column: str | None = None
    mark_column: str | None = None
    ref_filters: tuple[RefFilter, ...] = ()
    parent_column: str | None = None  # hierarchical catalogs: the parent group's id
    tree_table: str | None = None  # … and the table of the groups (for subgroups)

    @property
    def source(self) -> str:
        """``SELECT … FROM …`` without WHERE/ORDER."""
        return f"SELECT {self.select} FROM {self.from_}"

    def can_sort(self, key: str) -> bool:
        return any(k == key for k, _ in self.sortable)

    def ref_filter(self, name: str) -> RefFilter:
        for f in self.ref_filters:
            if f.name == name:
                return f
        raise ValueError(f"{self.title} cannot be filtered by {name!r}")

    # -- statement building ---------------------------------------------------------------
    def order_keys(self, sort: Sort | None) -> list[Key]:
        """The keyset of the order: the default keys, or lead + sort column + unique keys."""
        if sort is None:
            return [(e, k, self.descending) for e, k in self.keys]
        exprs = dict(self.sortable)
        if sort.key not in exprs:
            raise ValueError(f"{self.title} cannot be sorted by {sort.key!r}")
        d = sort.descending
        return [
            *((e, k, False) for e, k in self.lead),
            (exprs[sort.key], "_sort", d),
            *((e, k, d) for e, k in self.unique),
        ]

    def conditions(self, text: str, flt: ListFilter | None, params: dict[str, Any]) -> list[str]:
        """WHERE terms for the search string and the filter; fills ``params``."""
        where = list(self.where)
        text = text.strip()
        if text:
            params["q"] = f"%{like_escape(text)}%"
            where.append("(" + " OR ".join(f"{e} ILIKE :q" for e in self.search) + ")")
        if flt is None:
            return where
        if flt.date_from is not None or flt.date_to is not None:
            column = self._need(self.date_column, "period")
            if flt.date_from is not None:
                params["date_from"] = flt.date_from
                where.append(f"{column} >= :date_from")
            if flt.date_to is not None:
                params["date_to"] = flt.date_to
                where.append(f"{column} < :date_to")
        for i, (name, item) in enumerate(flt.refs):
            params[f"ref{i}"] = int(item)
            where.append(f"{self.ref_filter(name).column} = :ref{i}")
        if flt.posted is not None:
            params["posted"] = bool(flt.posted)
            where.append(f"{self._need(self.posted_column, 'posted state')} = :posted")
        if flt.hide_marked:
            where.append(f"NOT {self._need(self.mark_column, 'deletion mark')}")
        if flt.parent is not None:
            where += self._group_condition(flt.parent, flt.subgroups, params)
        return where

    def _group_condition(self, parent: int, subgroups: bool, params: dict[str, Any]) -> list[str]:
        """Rows of one group (ROOT: the top level), with its subgroups' rows if asked."""
        column = self._need(self.parent_column, "group")
        if parent == ROOT:
            return [] if subgroups else [f"{column} IS NULL"]
        params["parent"] = int(parent)
        if not subgroups:
            return [f"{column} = :parent"]
        table = self._need(self.tree_table, "group")
        return [
            f"{column} IN (WITH RECURSIVE sub(id) AS (SELECT CAST(:parent AS bigint) UNION "
            f"SELECT g.id FROM {table} g JOIN sub ON g.parent_id = sub.id WHERE g.is_group) "
            "SELECT id FROM sub)"
        ]

    def _need(self, column: str | None, what: str) -> str:
        if column is None:
            raise ValueError(f"{self.title} cannot be filtered by {what}")
        return column

    def sql(
        self,
        *,
        after: bool,
        sort: Sort | None = None,
        where: list[str],
        backward: bool = False,
        inclusive: bool = False,
    ) -> str:
        """The statement of a page (parameters: those of ``where``, :k0…:kN, :limit).

        ``backward`` reads in the opposite order: the rows *before* the cursor (or the last rows
        of the list without one), nearest first. ``inclusive``: the cursor's own row too.
        """
        keys = self.order_keys(sort)
        if backward:
            keys = [(e, k, not d) for e, k, d in keys]
        terms = list(where)
        if after:
            terms.append(_after(keys, inclusive))
        select = self.select
        if sort is not None:
            select = f"{keys[len(self.lead)][0]} AS _sort, {select}"
        order = ", ".join(f"{e}{' DESC' if d else ''}" for e, _, d in keys)
        cond = f" WHERE {' AND '.join(terms)}" if terms else ""
        return f"SELECT {select} FROM {self.from_}{cond} ORDER BY {order} LIMIT :limit"

    # -- running --------------------------------------------------------------------------
    def fetch(
        self,
        session: Session,
        cursor: tuple[Any, ...] | None = None,
        text: str = "",
        flt: ListFilter | None = None,
        sort: Sort | None = None,
        *,
        backward: bool = False,
        inclusive: bool = False,
    ) -> Page:
        """Rows after ``cursor`` matching ``text`` (a substring) and ``flt``, in ``sort`` order.

        ``backward``: the page *before* ``cursor`` (without one: the last page of the list),
        still in list order; its ``cursor`` then continues backwards from its first row.
        ``inclusive``: start *at* the cursor's row (re-reading a window from its first row).
        """
        params: dict[str, Any] = {"limit": self.page_size + 1}
        where = self.conditions(text, flt, params)
        keys = self.order_keys(sort)
        if cursor is not None:
            params.update({f"k{i}": v for i, v in enumerate(cursor)})
        stmt = self.sql(
            after=cursor is not None,
            sort=sort,
            where=where,
            backward=backward,
            inclusive=inclusive,
        )
        rows = session.rows(stmt, **params)
        more = len(rows) > self.page_size
        rows = rows[: self.page_size]
        nxt = tuple(rows[-1][k] for _, k, _ in keys) if more and rows else None
        if backward:
            rows.reverse()
        return Page(rows, nxt)

    def row_key(self, row: dict[str, Any], sort: Sort | None = None) -> tuple[Any, ...]:
        """The keyset cursor of ``row`` (to continue after it, or before it backwards)."""
        return tuple(row[k] for _, k, _ in self.order_keys(sort))

    def count(self, session: Session, text: str = "", flt: ListFilter | None = None) -> int:
        """How many rows match ``text`` and ``flt``."""
        params: dict[str, Any] = {}
        where = self.conditions(text, flt, params)
        cond = f" WHERE {' AND '.join(where)}" if where else ""
        return int(session.scalar(f"SELECT count(*) FROM {self.from_}{cond}", **params))

    def all_rows(
        self,
        session: Session,
        text: str = "",
        flt: ListFilter | None = None,
        sort: Sort | None = None,
        page_size: int = EXPORT_PAGE_SIZE,
    ) -> Iterator[dict[str, Any]]:
        """Every matching row, read lazily page by page (for exports)."""
        q = dataclasses.replace(self, page_size=page_size)
        cursor: tuple[Any, ...] | None = None
        while True:
            page = q.fetch(session, cursor, text, flt, sort)
            yield from page.rows
            if page.cursor is None:
                return
            cursor = page.cursor


def _after(keys: list[Key], inclusive: bool = False) -> str:
    """Rows after the cursor :k0…:kN in the order of ``keys`` (``inclusive``: and at it)."""
    if len({d for _, _, d in keys}) == 1:  # one direction: a row comparison (index friendly)
        op = ("<" if keys[0][2] else ">") + ("=" if inclusive else "")
        lhs = ", ".join(e for e, _, _ in keys)
        rhs = ", ".join(f":k{i}" for i in range(len(keys)))
        return f"({lhs}) {op} ({rhs})"
    terms = []
    for i, (e, _, d) in enumerate(keys):
        equal = [f"({keys[j][0]}) = :k{j}" for j in range(i)]
        terms.append("(" + " AND ".join([*equal, f"({e}) {'<' if d else '>'} :k{i}"]) + ")")
    if inclusive:
        terms.append("(" + " AND ".join(f"({e}) = :k{j}" for j, (e, _, _) in enumerate(keys)) + ")")
    return "(" + " OR ".join(terms) + ")"


def like_escape(text: str) -> str:
    """Escape LIKE wildcards so the user's text matches literally."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
