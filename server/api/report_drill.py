"""Drill-down of a register report: the movements behind one row, with their recorders."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import text

from server.api.report_attrs import CASTS
from server.api.report_sql import (
    GROUP_SUFFIX,
    PERIOD,
    Dim,
    S,
    Window,
    attribute_of,
    base_dim,
    expand_ids,
    filter_params,
    filter_sql,
    name_sql,
    next_month,
    top_group_cte,
)
from server.errors import QT_TRANSLATE_NOOP, InvalidValue
from server.metadata import AccumulationRegister

if TYPE_CHECKING:
    from server.api.reports import Reports, ReportSettings


@dataclass(frozen=True)
class Movement:
    """One movement behind a figure: its moment, recorder, keys (names) and resources."""

    period: dt.datetime
    recorder_type: str
    recorder_id: int
    number: str
    keys: dict[str, str]
    values: dict[str, Decimal]


def _period_bounds(s: ReportSettings, first: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """One day or month of a broken-down turnover, cut to the report's period."""
    end = first + dt.timedelta(days=1) if s.periodicity == "day" else next_month(first)
    window = Window.of(s.date_from, s.date_to)
    start = max(window.start, dt.datetime.combine(first, dt.time()))
    return start, min(window.end, dt.datetime.combine(end, dt.time()))


def _conditions(
    rep: Reports, r: AccumulationRegister, s: ReportSettings, key: dict[str, Any]
) -> tuple[list[str], list[str], dict[str, Any], dict[str, Dim]]:
    """WHERE conditions, the CTEs they need, the parameters, and the id-list parameters whose
    groups must bring their descendants (parameter -> dimension)."""
    window = Window.of(s.date_from, s.date_to)
    params: dict[str, Any] = {"p0": window.start, "p1": window.end}
    names, filtered, expand = filter_params(rep.reg, r, s.filters)
    params.update(filtered)
    where: list[str] = ["m.period >= :p0", "m.period < :p1"]
    ctes: list[str] = []
    if names:
        where.append(filter_sql(rep.reg, r, names, "m.").removeprefix(" AND "))
    for i, (level, value) in enumerate(key.items()):
        if level == PERIOD:
            params["b0"], params["b1"] = _period_bounds(s, value)
            where += ["m.period >= :b0", "m.period < :b1"]
            continue
        d = next(x for x in r.dimensions if x.name == base_dim(level))
        attr = attribute_of(rep.reg, r, level)
        if attr is not None:
            params[f"k{i}"] = value
            value_sql = attr.sql.format(id=f"m.{d.column}")
            cast = CASTS[attr.kind]
            where.append(f"{value_sql} IS NOT DISTINCT FROM CAST(:k{i} AS {cast})")
        elif not level.endswith(GROUP_SUFFIX):
            params[f"k{i}"] = value
            where.append(f"m.{d.column} = :k{i}")
        elif value is None:
            ctes.append(top_group_cte(rep.reg, d))
            where.append(f"m.{d.column} IN (SELECT id FROM top_{d.name} WHERE top IS NULL)")
        else:
            params[f"k{i}"], expand[f"k{i}"] = [value], d
            where.append(f"m.{d.column} = ANY(:k{i})")
    return where, ctes, params, expand


def drill_movements(
    rep: Reports,
    r: AccumulationRegister,
    s: ReportSettings,
    levels: tuple[str, ...],
    key: dict[str, Any],
    limit: int,
) -> list[Movement]:
    unknown = [lv for lv in key if lv not in levels]
    if unknown:
        raise InvalidValue(
            r.title, "Grouping", unknown[0], QT_TRANSLATE_NOOP("errors", "is not a dimension")
        )
    where, ctes, params, expand = _conditions(rep, r, s, key)
    names = ", ".join(
        f"{name_sql(rep.reg, d, f'm.{d.column}')} AS n_{d.name}" for d in r.dimensions
    )
    res = ", ".join(f"m.{c}" for c in r.res_columns)
    with_ = f"WITH RECURSIVE {', '.join(dict.fromkeys(ctes))} " if ctes else ""
    sql = (
        f"{with_}SELECT m.period, m.recorder_type, m.recorder_id, {names}, {res} "
        f"FROM {S}.{r.table} m WHERE {' AND '.join(where)} "
        "ORDER BY m.period, m.recorder_type, m.recorder_id, m.line_no LIMIT :limit"
    )

    def work(conn: Any) -> list[dict[str, Any]]:
        expand_ids(rep.reg, conn, params, expand)
        rows = [dict(m) for m in conn.execute(text(sql), {**params, "limit": limit}).mappings()]
        _numbers(rep, conn, rows)
        return rows

    rows = rep.session.run(work)
    return [
        Movement(
            row["period"],
            row["recorder_type"],
            row["recorder_id"],
            row["number"],
            {d.name: row[f"n_{d.name}"] for d in r.dimensions},
            {x.name: Decimal(row[x.column]) for x in r.resources},
        )
        for row in rows
    ]


def _numbers(rep: Reports, conn: Any, rows: list[dict[str, Any]]) -> None:
    """Each row's recorder number (``number``), one query per recorder type."""
    wanted: dict[str, set[int]] = {}
    for row in rows:
        wanted.setdefault(row["recorder_type"], set()).add(row["recorder_id"])
    numbers: dict[tuple[str, int], str] = {}
    for rtype, ids in wanted.items():
        doc = rep.reg.documents.get(rtype)
        if doc is None:
            continue
        found = conn.execute(
            text(f"SELECT id, number FROM {S}.{doc.table} WHERE id = ANY(:ids)"),
            {"ids": sorted(ids)},
        )
        numbers.update({(rtype, i): n for i, n in found})
    for row in rows:
        row["number"] = numbers.get((row["recorder_type"], row["recorder_id"]), "")
