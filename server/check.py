"""Consistency check of an infobase: registers against their movements, documents against
their posting rules. Read-only; each problem is one sentence naming the register, key and numbers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

from sqlalchemy import Connection, Engine, text

import server.config  # noqa: F401 - fills the registry
from server.check_cost import check_costs
from server.metadata import (
    AccumulationRegister,
    Document,
    Field,
    Movements,
    RegisterKind,
    Registry,
    registry,
)
from server.sqlgen.documents import expected_sql

S = "kontora"
LIMIT = 20  # problems reported per kind and register
BATCH = 2000  # documents compared per round trip


# -- the Python posting model ------------------------------------------------------------------
def _get(row: dict[str, Any], f: Field) -> Any:
    return row[f.column] if f.column in row else row.get(f.name)


def _plain(m: Movements) -> bool:
    """A rule the Python model can follow: no condition, every value a field."""
    return m.where is None and not any(v.startswith("=") for v in m.values.values())


def expected_movements(
    document_decl: Document,
    header: dict[str, Any],
    lines: dict[str, list[dict[str, Any]]],
    reg: Registry | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """The movements posting writes, per register, in posting order.

    ``header`` and each line may use field names (``warehouse``) or columns (``warehouse_id``);
    lines are taken in ``line_no`` order when they have one. Each movement is a dict with
    ``period`` (the header date) and the register's dimension and resource columns, resources
    multiplied by the rule's sign. Pure: touches no database.
    """
    reg = reg or registry
    d = document_decl
    # Movements by a condition or an SQL expression are PostgreSQL's alone: their registers are
    # left out of the model (the register checks still compare their totals and balances).
    modelled = [n for n in d.registers if all(_plain(m) for m in d.posting if m.register == n)]
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in modelled}
    for m in d.posting:
        if m.register not in out:
            continue
        r = reg.register(m.register)
        rows = lines.get(m.table, []) if m.table else [{}]
        if m.table and rows and "line_no" in rows[0]:
            rows = sorted(rows, key=lambda x: x["line_no"])
        for line in rows:
            mv: dict[str, Any] = {"period": header["date"]}
            computed = reg.computed_resources(d.name, r.name)
            for f in (*r.dimensions, *r.resources):
                source = m.values.get(f.name)
                if source is None and f.name in computed:
                    mv[f.column] = None  # a cost: checked by server/check_cost.py
                    continue
                assert source is not None, f"{d.name}: no value for {r.name}.{f.name}"
                hf = d.header_field(source)
                if hf is not None:
                    v = _get(header, hf)
                else:
                    assert m.table, f"{d.name}: {source} is not a header field"
                    v = _get(line, d.tabular(m.table).field(source))
                if f in r.resources and m.sign < 0 and v is not None:
                    v = -v
                mv[f.column] = v
            out[m.register].append(mv)
    return out


# -- formatting --------------------------------------------------------------------------------
def _key(r: AccumulationRegister, row: Any) -> str:
    return "(" + ", ".join(f"{d.name} {row[d.column]}" for d in r.dimensions) + ")"


def _num(v: Any) -> str:
    return "0" if v is None else f"{v:f}" if hasattr(v, "is_finite") else str(v)


def _res(r: AccumulationRegister, row: Any, prefix: str) -> str:
    """Resource values of a row; just the number when the register has one resource."""
    if len(r.res_columns) == 1:
        return _num(row[prefix + r.res_columns[0]])
    return ", ".join(f"{c} {_num(row[prefix + c])}" for c in r.res_columns)


def _movement(r: AccumulationRegister, mv: tuple) -> str:
    period, *rest = mv
    dims = ", ".join(f"{d.name} {v}" for d, v in zip(r.dimensions, rest, strict=False))
    values = dict(zip(r.res_columns, rest[len(r.dimensions) :], strict=True))
    res = _res(r, values, "")
    return f"{period:%Y-%m-%d %H:%M:%S} ({dims}): {res}" if period else f"({dims}): {res}"


# -- register checks ---------------------------------------------------------------------------
def _mismatch_sql(r: AccumulationRegister, table: str, by_month: bool) -> str:
    dims = r.dim_columns
    keys = [*dims, "month"] if by_month else dims
    month = ", date_trunc('month', period)::date AS month" if by_month else ""
    t_cols = ", ".join(f"coalesce(t.{c}, 0) AS t_{c}" for c in r.res_columns)
    m_cols = ", ".join(f"coalesce(m.{c}, 0) AS m_{c}" for c in r.res_columns)
    sums = ", ".join(f"sum({c}) AS {c}" for c in r.res_columns)
    differ = " OR ".join(f"coalesce(t.{c}, 0) <> coalesce(m.{c}, 0)" for c in r.res_columns)
    return (
        f"SELECT {', '.join(keys)}, {t_cols}, {m_cols} FROM {S}.{table} t "
        f"FULL JOIN (SELECT {', '.join(dims)}{month}, {sums} FROM {S}.{r.table} "
        f"GROUP BY {', '.join(keys)}) m USING ({', '.join(keys)}) "
        f"WHERE {differ} ORDER BY {', '.join(keys)} LIMIT {LIMIT}"
    )


def _check_totals(c: Connection, r: AccumulationRegister) -> Iterator[str]:
    for row in c.execute(text(_mismatch_sql(r, r.totals_table, True))).mappings():
        yield (
            f"{r.name}: totals of {_key(r, row)} for {row['month']:%Y-%m} are "
            f"{_res(r, row, 't_')} but movements sum to {_res(r, row, 'm_')}"
        )


def _check_balance(c: Connection, r: AccumulationRegister) -> Iterator[str]:
    for row in c.execute(text(_mismatch_sql(r, r.balance_table, False))).mappings():
        yield (
            f"{r.name}: balance of {_key(r, row)} is {_res(r, row, 't_')} "
            f"but movements sum to {_res(r, row, 'm_')}"
        )
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
            f"SELECT {dims}, period, sum(sum({res})) OVER (PARTITION BY {dims} ORDER BY period)"
            f" AS running FROM {S}.{r.table} GROUP BY {dims}, period) s "
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


# -- document checks ---------------------------------------------------------------------------
def _mv_tuple(r: AccumulationRegister, mv: dict[str, Any]) -> tuple:
    return (mv["period"], *(mv[c] for c in r.dim_columns), *(mv[c] for c in r.res_columns))


def _by_doc(c: Connection, sql: str, ids: list[int], key: str) -> dict[int, list[dict]]:
    out: dict[int, list[dict]] = {i: [] for i in ids}
    for row in c.execute(text(sql), {"ids": ids}).mappings():
        out[row[key]].append(dict(row))
    return out


def modeled(d: Document) -> bool:
    """Whether the Python model covers the document's rules: no SQL expressions, no
    conditions (others are computed by the posting's own SQL, :func:`expected_sql`)."""
    return all(_plain(m) for m in d.posting)


def _compare_doc(
    d: Document,
    h: dict[str, Any],
    want: dict[str, list[dict]],
    actual: dict[str, list[dict]],
    reg: Registry,
) -> Iterator[str]:
    for name, moves in want.items():
        r = reg.register(name)
        # Computed costs are compared by the cost check (server/check_cost.py), not here.
        rules = [m for m in d.posting if m.register == name]
        free = {
            r.field(n).column
            for n in reg.computed_resources(d.name, name)
            if any(n not in m.values for m in rules)
        }
        exp = Counter(_mv_tuple(r, {**mv, **dict.fromkeys(free)}) for mv in moves)
        got = Counter(_mv_tuple(r, {**mv, **dict.fromkeys(free)}) for mv in actual[name])
        if exp == got:
            continue
        missing = [_movement(r, mv) for mv in (exp - got).elements()]
        extra = [_movement(r, mv) for mv in (got - exp).elements()]
        parts = []
        if missing:
            parts.append(f"missing {'; '.join(missing[:5])}")
        if extra:
            parts.append(f"unexpected {'; '.join(extra[:5])}")
        yield (
            f"{name}: posted {d.name} {h['number']} (id {h['id']}) has {sum(got.values())} "
            f"movements, its posting writes {sum(exp.values())}: {', '.join(parts)}"
        )


def _check_documents(c: Connection, d: Document, reg: Registry) -> Iterator[str]:
    """Each posted document has exactly the movements its posting rules produce."""
    if not d.posting:
        return
    last = 0
    while True:
        headers = [
            dict(h)
            for h in c.execute(
                text(
                    f"SELECT * FROM {S}.{d.table} WHERE posted AND id > :last "
                    f"ORDER BY id LIMIT {BATCH}"
                ),
                {"last": last},
            ).mappings()
        ]
        if not headers:
            return
        ids = [h["id"] for h in headers]
        last = ids[-1]
        lines = {
            t.name: _by_doc(
                c,
                f"SELECT * FROM {S}.{d.lines_table(t)} WHERE doc_id = ANY(:ids) "
                "ORDER BY doc_id, line_no",
                ids,
                "doc_id",
            )
            for t in d.tables
        }
        moves, by_sql, by_model = {}, {}, modeled(d)
        for name in d.registers:
            if not by_model:
                by_sql[name] = _by_doc(c, expected_sql(d, reg, name), ids, "recorder_id")
            r = reg.register(name)
            cols = ", ".join(["recorder_id", "period", *r.dim_columns, *r.res_columns])
            moves[name] = _by_doc(
                c,
                f"SELECT {cols} FROM {S}.{r.table} WHERE recorder_type = '{d.name}' "
                "AND recorder_id = ANY(:ids) ORDER BY recorder_id, line_no",
                ids,
                "recorder_id",
            )
        for h in headers:
            i = h["id"]
            doc_lines = {t: rows[i] for t, rows in lines.items()}
            doc_moves = {n: rows[i] for n, rows in moves.items()}
            if by_sql:
                want = {n: rows[i] for n, rows in by_sql.items()}
            else:
                want = expected_movements(d, h, doc_lines, reg)
            yield from _compare_doc(d, h, want, doc_moves, reg)


def _exists(c: Connection, table: str) -> bool:
    return bool(c.exec_driver_sql(f"SELECT to_regclass('kontora.{table}') IS NOT NULL").scalar())


def check(
    engine: Engine,
    reg: Registry | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> list[str]:
    """All consistency problems of the infobase (empty list: consistent). A database at an
    earlier revision is checked for the registers and documents it has. ``progress(name, done,
    total)`` is told before each register and document kind is checked."""
    reg = reg or registry
    problems: list[str] = []
    total = len(reg.registers) + len(reg.documents)
    done = 0

    def step(title: str) -> None:
        nonlocal done
        if progress:
            progress(title, done, total)
        done += 1

    with engine.connect() as c:
        c.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        for r in reg.registers.values():
            step(r.title)
            if not _exists(c, r.table):
                continue
            problems += _check_totals(c, r)
            if r.kind is RegisterKind.BALANCE:
                problems += _check_balance(c, r)
            problems += _check_running(c, r)
            problems += _check_recorders(c, r, reg)
            problems += check_costs(c, r, reg)
        for d in reg.documents.values():
            step(d.title)
            if _exists(c, d.table):
                problems += _check_documents(c, d, reg)
        c.rollback()
    return problems
