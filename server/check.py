"""Consistency check of an infobase: registers against their movements, documents against
their posting rules. Read-only; each problem is one sentence naming the register, key and numbers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from sqlalchemy import Connection, Engine, text

import server.config  # noqa: F401 - fills the registry
from server.check_cost import check_costs
from server.check_docs import check_documents
from server.check_docs import num as _num
from server.check_model import expected_movements
from server.metadata import AccumulationRegister, RegisterKind, Registry, registry

__all__ = ["check", "expected_movements"]
S = "kontora"
LIMIT = 20  # problems reported per kind and register
WORK_MEM = "64MB"


# -- formatting --------------------------------------------------------------------------------
def _key(r: AccumulationRegister, row: Any) -> str:
    return "(" + ", ".join(f"{d.name} {row[d.column]}" for d in r.dimensions) + ")"


def _res(r: AccumulationRegister, row: Any, prefix: str, cols: list[str] | None = None) -> str:
    """Resource values of a row; just the number when the register has one resource."""
    cols = cols or r.res_columns
    if len(cols) == 1:
        return _num(row[prefix + cols[0]])
    return ", ".join(f"{c} {_num(row[prefix + c])}" for c in cols)


def _total_columns(r: AccumulationRegister) -> list[str]:
    """What the monthly totals keep: each resource's net change and, for a balance register,
    its receipts (``<resource>_in``)."""
    return [*r.res_columns, *r.receipt_columns]


# -- register checks ---------------------------------------------------------------------------
def _mismatch_sql(r: AccumulationRegister, table: str, by_month: bool) -> str:
    """The first keys whose stored sums in ``table`` are not what the movements' monthly sums
    (``m``, see :func:`_sums_sql`) add up to, by month (with the receipts) or in all."""
    dims = r.dim_columns
    keys = [*dims, "month"] if by_month else dims
    cols = _total_columns(r) if by_month else r.res_columns
    all_cols = _total_columns(r)  # both parts of the UNION have the same columns
    t_cols = ", ".join(
        f"coalesce(t.{c}, 0) AS t_{c}" if c in cols else f"0 AS t_{c}" for c in all_cols
    )
    m_cols = ", ".join(
        f"coalesce(m.{c}, 0) AS m_{c}" if c in cols else f"0 AS m_{c}" for c in all_cols
    )
    sums = ", ".join(f"sum({c}) AS {c}" for c in r.res_columns)
    differ = " OR ".join(f"coalesce(t.{c}, 0) <> coalesce(m.{c}, 0)" for c in cols)
    src = (
        "m" if by_month else f"(SELECT {', '.join(dims)}, {sums} FROM m GROUP BY {', '.join(dims)})"
    )
    month = "month" if by_month else "NULL::date AS month"
    return (
        f"(SELECT {by_month} AS by_month, {', '.join(dims)}, {month}, {t_cols}, {m_cols} "
        f"FROM {S}.{table} t FULL JOIN {src} m USING ({', '.join(keys)}) "
        f"WHERE {differ} ORDER BY {', '.join(keys)} LIMIT {LIMIT})"
    )


def _sums_sql(r: AccumulationRegister) -> str:
    """Totals and (for a balance register) balances against the movements, in one pass over
    them: their sums by key and month (materialized when the balance reads them too), grouped
    again by key for the balance."""
    dims = ", ".join(r.dim_columns)
    sums = ", ".join(
        [f"sum({c}) AS {c}" for c in r.res_columns]
        + [f"sum(greatest({c}, 0)) AS {c}_in" for c in r.res_columns if r.receipt_columns]
    )
    month = "date_trunc('month', period)::date"
    parts = [_mismatch_sql(r, r.totals_table, True)]
    if r.kind is RegisterKind.BALANCE:
        parts.append(_mismatch_sql(r, r.balance_table, False))
    return (
        f"WITH m AS (SELECT {dims}, {month} AS month, {sums} FROM {S}.{r.table} "
        f"GROUP BY {dims}, {month}) {' UNION ALL '.join(parts)}"
    )


def _check_sums(c: Connection, r: AccumulationRegister) -> Iterator[str]:
    rows = c.execute(text(_sums_sql(r))).mappings().all()
    for row in sorted(rows, key=lambda x: not x["by_month"]):  # totals first, as they came
        if row["by_month"]:
            yield (
                f"{r.name}: totals of {_key(r, row)} for {row['month']:%Y-%m} are "
                f"{_res(r, row, 't_', _total_columns(r))} but movements sum to "
                f"{_res(r, row, 'm_', _total_columns(r))}"
            )
        else:
            yield (
                f"{r.name}: balance of {_key(r, row)} is {_res(r, row, 't_')} "
                f"but movements sum to {_res(r, row, 'm_')}"
            )


def _check_negative(c: Connection, r: AccumulationRegister) -> Iterator[str]:
    for res in r.non_negative:
        sql = (
            f"SELECT {', '.join(r.dim_columns)}, {res} FROM {S}.{r.balance_table} "
            f"WHERE {res} < 0 ORDER BY {', '.join(r.dim_columns)} LIMIT {LIMIT}"
        )
        for row in c.execute(text(sql)).mappings():
            yield f"{r.name}: balance of {_key(r, row)} is negative: {res} {_num(row[res])}"


def _check_running(c: Connection, r: AccumulationRegister) -> Iterator[str]:
    """The first moment each key's running balance of a non-negative resource is below zero."""
    dims = ", ".join(r.dim_columns)
    for res in r.non_negative:
        sql = (
            f"SELECT DISTINCT ON ({dims}) {dims}, period, running FROM ("
            f"SELECT {dims}, period, sum({res}) OVER (PARTITION BY {dims} ORDER BY period)"
            f" AS running FROM {S}.{r.table}) s "
            f"WHERE running < 0 ORDER BY {dims}, period LIMIT {LIMIT}"
        )
        for row in c.execute(text(sql)).mappings():
            yield (
                f"{r.name}: running balance of {_key(r, row)} falls to {res} "
                f"{_num(row['running'])} at {row['period']:%Y-%m-%d %H:%M:%S}"
            )


def _check_recorders(c: Connection, r: AccumulationRegister, reg: Registry) -> Iterator[str]:
    """Every movement belongs to an existing, posted document that posts to this register."""
    types = c.execute(text(f"SELECT DISTINCT recorder_type FROM {S}.{r.table}")).scalars()
    for t in types:
        d = reg.documents.get(t)
        if d is None or r.name not in d.registers:
            n = c.scalar(
                text(f"SELECT count(*) FROM {S}.{r.table} WHERE recorder_type = :t"), {"t": t}
            )
            yield f"{r.name}: {n} movements have recorder type {t!r}, which does not post here"
            continue
        sql = (
            f"SELECT m.recorder_id, count(*) AS n, bool_or(d.id IS NULL) AS missing "
            f"FROM {S}.{r.table} m LEFT JOIN {S}.{d.table} d ON d.id = m.recorder_id "
            f"WHERE m.recorder_type = :t AND (d.id IS NULL OR NOT d.posted) "
            f"GROUP BY m.recorder_id ORDER BY 1 LIMIT {LIMIT}"
        )
        for row in c.execute(text(sql), {"t": t}).mappings():
            state = "does not exist" if row["missing"] else "is not posted"
            yield (f"{r.name}: {row['n']} movements of {t} #{row['recorder_id']}, which {state}")


def _exists(c: Connection, table: str) -> bool:
    return bool(c.exec_driver_sql(f"SELECT to_regclass('kontora.{table}') IS NOT NULL").scalar())


def _movements(c: Connection, r: AccumulationRegister, reg: Registry) -> int:
    """How many movements the register has: the planner's count (partitions summed) once it
    was analyzed, else counted; a derived register's, its components'."""
    if r.derived:
        return sum(_movements(c, reg.register(name), reg) for name, _ in r.components)
    n = c.scalar(
        text(
            "SELECT CASE WHEN bool_and(k.reltuples >= 0) THEN sum(k.reltuples) END FROM "
            "pg_partition_tree(CAST(:t AS regclass)) p JOIN pg_class k ON k.oid = p.relid "
            "WHERE p.isleaf"
        ),
        {"t": f"{S}.{r.table}"},
    )
    return int(n if n is not None else c.scalar(text(f"SELECT count(*) FROM {S}.{r.table}")))


def _phases(c: Connection, r: AccumulationRegister, reg: Registry) -> list[tuple[str, Any]]:
    """The checks of one register, each with what the progress calls it. A derived register's
    views add up by definition, and its movements are its components' (checked with them):
    what is left is that it never falls below zero."""
    if r.derived:
        return [("running balances", lambda: _check_running(c, r))] if r.non_negative else []
    out: list[tuple[str, Any]] = [("totals and balances", lambda: _check_sums(c, r))]
    if r.kind is RegisterKind.BALANCE:
        out.append(("negative balances", lambda: _check_negative(c, r)))
    if r.non_negative:
        out.append(("running balances", lambda: _check_running(c, r)))
    out.append(("recorders", lambda: _check_recorders(c, r, reg)))
    if r.costing is not None:
        out.append(("costs", lambda: check_costs(c, r, reg)))
    return out


def check(
    engine: Engine,
    reg: Registry | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> list[str]:
    """All consistency problems of the infobase (empty list: consistent). A database at an
    earlier revision is checked for the registers and documents it has. ``progress(what, done,
    total)`` is told before each register and document kind is checked (``done`` of ``total``
    kinds), then before each check of a register (its movements and the check in ``what``) and
    after each chunk of documents (the documents compared so far)."""
    reg = reg or registry
    problems: list[str] = []
    total = len(reg.registers) + len(reg.documents)
    done = 0

    def say(what: str) -> None:
        if progress:
            progress(what, done - 1, total)

    def tick(title: str) -> Callable[[int, int], None]:
        return lambda rows, of: say(f"{title}: {rows:,} of {of:,} documents")

    with engine.connect() as c:
        c.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        # One session sorting and grouping whole registers: fewer passes over temporary files.
        c.exec_driver_sql(f"SET LOCAL work_mem = '{WORK_MEM}'")
        for r in reg.registers.values():
            done += 1
            if not _exists(c, r.table):
                continue
            n = _movements(c, r, reg)
            for what, run in _phases(c, r, reg):
                say(f"{r.title}: {what} ({n:,} movements)")
                problems += run()
        for d in reg.documents.values():
            done += 1
            say(d.title)
            if _exists(c, d.table):
                problems += check_documents(c, d, reg, tick(d.title))
        c.rollback()
    return problems
