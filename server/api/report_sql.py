"""SQL of the universal register report, built from a register's declaration only.

Every identifier comes from a declaration (register, dimensions, resources, catalogs); what the
user chose (period, filter ids) travels as bound parameters. A *balance* register's opening
balance reads the monthly totals before the period's first month plus that month's movements
before the period (never the whole history). Receipts and expenses (the positive and negative
movements) and a *turnover* register's turnovers read the monthly totals for the whole months
inside the period (a balance register's totals keep each month's receipts beside its net change)
and the movements of the partial months at its edges only (all movements when broken down by
day): a year costs about what a month does.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import text

from server.api.report_attrs import attributes
from server.config.reports import Attribute
from server.errors import QT_TRANSLATE_NOOP, InvalidValue
from server.metadata import AccumulationRegister, Catalog, DocRef, Ref, RegisterKind, Registry

S = "kontora"
GROUP_SUFFIX = ".group"  # a grouping level "product.group": the item's top-level group
PERIOD = "period"  # the grouping level of a turnover broken down by day or month
Dim = Ref | DocRef  # a register dimension
PARTS = {RegisterKind.BALANCE: ("open", "in", "out", "close"), RegisterKind.TURNOVER: ("turnover",)}


def month_start(d: dt.date) -> dt.date:
    return d.replace(day=1)


def next_month(d: dt.date) -> dt.date:
    return (d.replace(day=1) + dt.timedelta(days=32)).replace(day=1)


def base_dim(level: str) -> str:
    """The dimension a grouping level reads (``product.group``, ``customer.manager``)."""
    return level.split(".", 1)[0]


def attribute_of(reg: Registry, r: AccumulationRegister, level: str) -> Attribute | None:
    """The attribute a grouping level reads (``customer.manager``, ``product.x_brand``)."""
    return next((a for a in attributes(reg, r) if a.level == level), None)


def value_key(resource: str, part: str) -> str:
    """The key of one figure of a row: ``quantity_open``…, or the resource itself (turnover)."""
    return resource if part == "turnover" else f"{resource}_{part}"


def catalog_of(reg: Registry, dim: Dim) -> Catalog | None:
    """The catalog a dimension refers to (None for a document reference)."""
    return reg.catalogs.get(dim.target) if isinstance(dim, Ref) else None


def _shown(reg: Registry, dim: Dim) -> tuple[str, str] | None:
    """The table a dimension refers to and the column naming its rows (a catalog item's name,
    a document's number); None when the declaration names neither."""
    if catalog_of(reg, dim) is not None:
        return f"{S}.{dim.ref_table}", "name"
    if isinstance(dim, DocRef) and dim.target in reg.documents:
        return f"{S}.{dim.ref_table}", "number"
    return None


def name_expr(reg: Registry, dim: Dim, id_expr: str, alias: str, joins: list[str]) -> str:
    """The visible name of the item (document) ``id_expr`` of dimension ``dim``, through a
    LEFT JOIN (appended to ``joins``) of its catalog (document table) as ``alias``."""
    shown = _shown(reg, dim)
    if shown is None:
        return f"('#' || {id_expr})"
    joins.append(f"LEFT JOIN {shown[0]} {alias} ON {alias}.id = {id_expr}")
    return f"{alias}.{shown[1]}"


def output_figures(r: AccumulationRegister) -> list[str]:
    """The figures of a report row in :func:`value_key` order per resource; a balance
    register's closing balance is opening + receipts − expenses."""
    if r.kind is RegisterKind.TURNOVER:
        return [f"g.{c}" for c in r.res_columns]
    out = []
    for c in r.res_columns:
        o, i, x = (f"g.{value_key(c, p)}" for p in ("open", "in", "out"))
        out += [o, i, x, f"{o} + {i} - {x} AS {value_key(c, 'close')}"]
    return out


def name_sql(reg: Registry, dim: Dim, id_expr: str) -> str:
    """The visible name of the item (document) ``id_expr`` of dimension ``dim``."""
    shown = _shown(reg, dim)
    if shown is None:
        return f"('#' || {id_expr})"
    return f"(SELECT {shown[1]} FROM {shown[0]} WHERE id = {id_expr})"


def top_group_cte(reg: Registry, dim: Dim) -> str:
    """A recursive CTE ``top_<dim>(id, top)``: each item's top-level group (NULL at the root)."""
    t = f"{S}.cat_{dim.target}"
    return (
        f"top_{dim.name}(id, top) AS (SELECT id, CASE WHEN is_group THEN id END FROM {t} "
        f"WHERE parent_id IS NULL UNION ALL SELECT x.id, p.top FROM {t} x "
        f"JOIN top_{dim.name} p ON x.parent_id = p.id)"
    )


def expand_ids(reg: Registry, conn: Any, params: dict[str, Any], expand: dict[str, Dim]) -> None:
    """Id-list parameters (name -> dimension) of a hierarchical catalog get the descendants of
    their groups, read on ``conn`` (the report's own transaction)."""
    for name, d in expand.items():
        c = catalog_of(reg, d)
        if c is not None and c.hierarchical:
            rows = conn.execute(text(descendants_sql(c.table)), {"ids": params[name]})
            params[name] = sorted(row[0] for row in rows)


def descendants_sql(catalog_table: str) -> str:
    """Items and groups ``:ids`` with everything below them (a hierarchical catalog)."""
    return (
        f"WITH RECURSIVE sub(id) AS (SELECT id FROM {S}.{catalog_table} WHERE id = ANY(:ids) "
        f"UNION SELECT x.id FROM {S}.{catalog_table} x JOIN sub ON x.parent_id = sub.id) "
        "SELECT id FROM sub"
    )


@dataclass(frozen=True)
class Window:
    """The period [start, end) and where its whole months are: [full_from, full_to)."""

    start: dt.datetime
    end: dt.datetime
    full_from: dt.date
    full_to: dt.date

    @classmethod
    def of(cls, date_from: dt.date, date_to: dt.date, *, months: bool = True) -> Window:
        end_day = date_to + dt.timedelta(days=1)
        full_from = date_from if date_from.day == 1 else next_month(date_from)
        full_to = month_start(end_day)
        if not months or full_from >= full_to:
            full_from = full_to = month_start(date_from)  # no whole month: movements only
        return cls(
            dt.datetime.combine(date_from, dt.time()),
            dt.datetime.combine(end_day, dt.time()),
            full_from,
            full_to,
        )

    def params(self) -> dict[str, object]:
        """``p0``/``p1``: the period; ``m0``: its first month; ``f0``/``f1``: its whole months
        (read from the totals); the movements read are those before ``h1`` and from ``t0`` on
        (the partial months at the edges: two index ranges, never the whole period's)."""
        h1 = t0 = self.end  # no whole month: every movement of the period
        if self.full_from < self.full_to:
            h1, t0 = (dt.datetime.combine(d, dt.time()) for d in (self.full_from, self.full_to))
        return {
            "p0": self.start,
            "p1": self.end,
            "m0": month_start(self.start.date()),
            "f0": self.full_from,
            "f1": self.full_to,
            "h1": h1,
            "t0": t0,
        }


def param_of(key: str) -> str:
    """The bound parameter of filter ``key`` (a dimension, or an attribute level)."""
    return "f_" + key.replace(".", "_")


def filter_params(
    reg: Registry, r: AccumulationRegister, filters: dict[str, tuple[Any, ...]]
) -> tuple[dict[str, str], dict[str, Any], dict[str, Dim]]:
    """The filters of a register's report that apply (a dimension's ids, an attribute's
    values of its kind; empty ones are left out): filter -> parameter name, the parameters,
    and the id-list parameters whose groups must bring their descendants (parameter ->
    dimension, or the catalog a reference attribute points to)."""
    names: dict[str, str] = {}
    params: dict[str, Any] = {}
    expand: dict[str, Dim] = {}
    for d in r.dimensions:
        if filters.get(d.name):
            names[d.name] = p = param_of(d.name)
            params[p], expand[p] = [int(i) for i in filters[d.name]], d
    for a in attributes(reg, r):
        if filters.get(a.level):
            names[a.level] = attribute_param(a, filters[a.level], params, expand)
    return names, params, expand


def attribute_param(
    a: Attribute, values: tuple[Any, ...], params: dict[str, Any], expand: dict[str, Dim]
) -> str:
    """The parameter of a filter by attribute ``a``: its typed ``values`` into ``params``
    (a reference's into ``expand`` too: groups bring their items); returns its name."""
    p = param_of(a.level)
    params[p] = [typed(a, v) for v in values]
    if a.kind == "ref":
        expand[p] = Ref(a.level, a.title, target=a.target)
    return p


def typed(a: Attribute, value: Any) -> Any:
    """A filter value of attribute ``a`` as its column holds it (remembered ones are text)."""
    try:
        if a.kind == "ref":
            return int(value)
        if a.kind == "number":
            return Decimal(str(value))
        if a.kind == "date":
            return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    except (ValueError, ArithmeticError):
        raise InvalidValue(
            "Report", a.title, value, QT_TRANSLATE_NOOP("errors", "is not a valid value")
        ) from None
    return str(value)


def filter_sql(
    reg: Registry, r: AccumulationRegister, filters: dict[str, str], alias: str = ""
) -> str:
    """``AND dim = ANY(:param)`` per filtered dimension; per filtered attribute, ``AND dim IN
    (the items whose attribute = ANY(:param))`` — one uncorrelated subquery the planner hashes,
    not the attribute read again for every movement (``filters``: filter -> parameter name,
    see :func:`filter_params`)."""
    out = [
        f" AND {alias}{d.column} = ANY(:{filters[d.name]})"
        for d in r.dimensions
        if d.name in filters
    ]
    for a in attributes(reg, r):
        if a.level in filters:
            d = next(x for x in r.dimensions if x.name == a.dim)
            out.append(f" AND {alias}{d.column} IN ({having_sql(a, d, filters[a.level])})")
    return "".join(out)


def having_sql(a: Attribute, d: Dim, param: str) -> str:
    """The items (documents) of dimension ``d`` whose attribute ``a`` is one of ``:param``."""
    value = a.sql.format(id="x_f.id")
    return f"SELECT x_f.id FROM {S}.{d.ref_table} x_f WHERE {value} = ANY(:{param})"


def _estimate(conn: Any, sql: str, params: dict[str, Any]) -> float:
    plan = conn.execute(text(f"EXPLAIN (FORMAT JSON) {sql}"), params).scalar()
    return float(plan[0]["Plan"]["Plan Rows"])


def opening_backward(conn: Any, r: AccumulationRegister, m0: dt.date) -> bool:
    """Is the opening balance at month ``m0`` cheaper read back from the current balances
    (minus the totals from ``m0`` on) than forward (the totals before ``m0``)? The planner's
    row estimates decide: a report on recent months reads few totals either way."""
    tot = f"{S}.{r.totals_table}"
    before = _estimate(conn, f"SELECT 1 FROM {tot} WHERE month < :m0", {"m0": m0})
    after = _estimate(conn, f"SELECT 1 FROM {tot} WHERE month >= :m0", {"m0": m0})
    return after + _estimate(conn, f"SELECT 1 FROM {S}.{r.balance_table}", {}) < before


def sources_sql(
    reg: Registry,
    r: AccumulationRegister,
    dims: list[str],
    filters: dict[str, str],
    bucket: str | None,
    backward: bool = False,
) -> str:
    """A UNION ALL of the contributions to each key: columns ``dims``, ``bucket`` (the period
    of a turnover broken down, else absent) and one column per figure (resource × part).
    ``backward``: a balance register's opening balance is its current balance minus the
    totals from the period's first month on (else the totals before that month)."""
    cols = "".join(f"{c}, " for c in dims)
    mv, tot = f"{S}.{r.table}", f"{S}.{r.totals_table}"
    w = filter_sql(reg, r, filters)
    res = r.res_columns
    if r.kind is RegisterKind.BALANCE:
        zeros = ", ".join("0, 0" for _ in res)
        opening = ", ".join(f"CASE WHEN period < :p0 THEN {c} ELSE 0 END" for c in res)
        flows = ", ".join(
            f"CASE WHEN period >= :p0 AND {c} > 0 THEN {c} ELSE 0 END, "
            f"CASE WHEN period >= :p0 AND {c} < 0 THEN -{c} ELSE 0 END"
            for c in res
        )
        no_opening = ", ".join("0" for _ in res)
        whole = ", ".join(f"{c}_in, {c}_in - {c}" for c in res)  # receipts, expenses
        if backward:
            neg = ", ".join(f"-{c}" for c in res)
            balance = f"{S}.{r.balance_table}"
            before = (
                f"SELECT {cols}{', '.join(res)}, {zeros} FROM {balance} WHERE true{w} "
                f"UNION ALL SELECT {cols}{neg}, {zeros} FROM {tot} WHERE month >= :m0{w}"
            )
        else:
            before = f"SELECT {cols}{', '.join(res)}, {zeros} FROM {tot} WHERE month < :m0{w}"
        # The whole months' receipts and expenses from their totals; the movements of the
        # partial months at the edges (from the first day of the period's first month).
        return (
            f"{before} UNION ALL SELECT {cols}{no_opening}, {whole} FROM {tot} "
            f"WHERE month >= :f0 AND month < :f1{w} "
            f"UNION ALL SELECT {cols}{opening}, {flows} FROM {mv} "
            f"WHERE period >= :m0 AND period < :h1{w} "
            f"UNION ALL SELECT {cols}{opening}, {flows} FROM {mv} "
            f"WHERE period >= :t0 AND period < :p1{w}"
        )
    b_tot = f"date_trunc('{bucket}', month)::date, " if bucket else ""
    b_mv = f"date_trunc('{bucket}', period)::date, " if bucket else ""
    return (
        f"SELECT {cols}{b_tot}{', '.join(res)} FROM {tot} "
        f"WHERE month >= :f0 AND month < :f1{w} "
        f"UNION ALL SELECT {cols}{b_mv}{', '.join(res)} FROM {mv} "
        f"WHERE period >= :p0 AND period < :h1{w} "
        f"UNION ALL SELECT {cols}{b_mv}{', '.join(res)} FROM {mv} "
        f"WHERE period >= :t0 AND period < :p1{w}"
    )


def figure_columns(r: AccumulationRegister) -> list[str]:
    """The figure columns of :func:`sources_sql`, in its order (balance: opening of each
    resource, then receipts and expenses of each)."""
    if r.kind is RegisterKind.TURNOVER:
        return [value_key(c, "turnover") for c in r.res_columns]
    opening = [value_key(c, "open") for c in r.res_columns]
    return opening + [value_key(c, p) for c in r.res_columns for p in ("in", "out")]


def report_sql(
    reg: Registry,
    r: AccumulationRegister,
    levels: tuple[str, ...],
    filters: dict[str, str],
    bucket: str | None,
    backward: bool = False,
) -> str:
    """Aggregated figures per grouping level values (``g0``, ``g1``… with names ``n0``…),
    non-zero rows only, ordered by the names of each level (then the ids)."""
    dims = {d.name: d for d in r.dimensions}
    used = [d.column for d in r.dimensions if d.name in {base_dim(lv) for lv in levels}]
    figs = figure_columns(r)
    src_cols = [*used, *(["bucket"] if bucket else []), *figs]
    keys = ", ".join(src_cols[: len(src_cols) - len(figs)])
    sums = ", ".join(f"sum({f}) AS {f}" for f in figs)
    agg = f"SELECT {keys}, {sums} FROM src GROUP BY {keys}" if keys else f"SELECT {sums} FROM src"
    ctes = [
        f"src({', '.join(src_cols)}) AS ({sources_sql(reg, r, used, filters, bucket, backward)})"
    ]
    ctes.append(f"agg AS ({agg})")
    joins, select, names, order, outer = [], [], [], [], []
    for i, lv in enumerate(levels):
        if lv == PERIOD:
            expr = "a.bucket"
            names.append(f"NULL AS n{i}")
        else:
            d = dims[base_dim(lv)]
            expr = f"a.{d.column}"
            attr = attribute_of(reg, r, lv)
            if attr is not None:
                select.append(f"{attr.sql.format(id=expr)} AS g{i}")
                names.append(f"{(attr.shown or '{v}').format(v=f'g.g{i}')} AS n{i}")
                order += [f"n{i} NULLS FIRST", f"g{i} NULLS FIRST"]
                continue
            if lv.endswith(GROUP_SUFFIX):
                ctes.insert(0, top_group_cte(reg, d))
                joins.append(f"LEFT JOIN top_{d.name} t{i} ON t{i}.id = a.{d.column}")
                expr = f"t{i}.top"
            names.append(f"{name_expr(reg, d, f'g.g{i}', f'n{i}', outer)} AS n{i}")
        select.append(f"{expr} AS g{i}")
        order += [f"n{i} NULLS FIRST" if lv != PERIOD else f"g{i}", f"g{i} NULLS FIRST"]
    outs = [f"sum(a.{f}) AS {f}" for f in figs]
    nonzero = " OR ".join(f"sum(a.{f}) <> 0" for f in figs)
    group_by = ", ".join(f"g{i}" for i in range(len(levels))) or "()"
    inner = (
        f"SELECT {', '.join([*select, *outs])} FROM agg a {' '.join(joins)} "
        f"GROUP BY {group_by} HAVING {nonzero}"
    )
    recursive = "RECURSIVE " if any(lv.endswith(GROUP_SUFFIX) for lv in levels) else ""
    gs = [f"g.g{i}" for i in range(len(levels))]
    return (
        f"WITH {recursive}{', '.join(ctes)} "
        f"SELECT {', '.join([*gs, *output_figures(r), *names])} FROM ({inner}) g "
        f"{' '.join(outer)} ORDER BY {', '.join(order) or '1'}"
    )
