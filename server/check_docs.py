"""Consistency check of documents against their posting rules, set-based.

For a range of document ids, one statement per register computes the movements posting writes
for every posted document in it (the same SELECTs the posting routine runs, from
:func:`server.sqlgen.documents.movement_parts`) and compares them with the stored ones as
multisets: expected rows count +1, stored rows −1, grouped by document and values; a group that
does not sum to 0 is a movement missing (> 0) or unexpected (< 0). Computed costs are left to
the cost check (server/check_cost.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from sqlalchemy import Connection, text

from server.metadata import AccumulationRegister, Document, Registry
from server.sqlgen import sql_literal
from server.sqlgen.documents import expected_sql

S = "kontora"
LIMIT = 20  # documents reported per document type and register
CHUNK = 20_000  # posted documents compared per statement (a progress line each)
SHOWN = 5  # movements listed per side of one document


def _free(d: Document, r: AccumulationRegister, reg: Registry) -> set[str]:
    """Columns the cost recalculation computes for ``d``'s movements (not compared here)."""
    rules = [m for m in d.posting if m.register == r.name]
    return {
        r.field(n).column
        for n in reg.computed_resources(d.name, r.name)
        if any(n not in m.values for m in rules)
    }


def _values(r: AccumulationRegister, free: set[str], p: str) -> list[str]:
    """The compared columns of a movement of ``p`` (a free resource as NULL)."""
    res = [f"NULL::numeric AS {c}" if c in free else f"{p}{c}" for c in r.res_columns]
    return [f"{p}period", *(f"{p}{c}" for c in r.dim_columns), *res]


def diff_sql(d: Document, r: AccumulationRegister, reg: Registry) -> str:
    """The differing movements of the posted documents with ids ``:lo``..``:hi``: the first
    ``:room`` documents' rows (``n`` > 0 missing, < 0 unexpected, that many times) and the
    number of differing documents (``docs``, on every row; one row of NULLs when none)."""
    free = _free(d, r, reg)
    keys = ", ".join(["period", *r.dim_columns, *r.res_columns])
    want = expected_sql(d, reg, r.name, "{id} BETWEEN :lo AND :hi")
    got = (
        f"SELECT m.recorder_id, {', '.join(_values(r, free, 'm.'))}, -1 AS n "
        f"FROM {S}.{r.table} m JOIN {S}.{d.table} h ON h.id = m.recorder_id AND h.posted "
        f"WHERE m.recorder_type = {sql_literal(d.name)} AND m.recorder_id BETWEEN :lo AND :hi"
    )
    return f"""
        WITH diff AS (
          SELECT recorder_id, {keys}, sum(n) AS n FROM (
            SELECT u.recorder_id, {", ".join(_values(r, free, "u."))}, 1 AS n
            FROM ({want}) u
            UNION ALL {got}) x
          GROUP BY recorder_id, {keys} HAVING sum(n) <> 0)
        SELECT s.docs, x.* FROM (SELECT count(DISTINCT recorder_id) AS docs FROM diff) s
        LEFT JOIN (SELECT * FROM diff WHERE recorder_id IN (
                     SELECT DISTINCT recorder_id FROM diff ORDER BY 1 LIMIT :room)) x ON true
        ORDER BY x.recorder_id, x.n < 0, {", ".join(f"x.{k}" for k in keys.split(", "))}"""


def _movement(r: AccumulationRegister, row: Any) -> str:
    dims = ", ".join(f"{x.name} {row[x.column]}" for x in r.dimensions)
    if len(r.res_columns) == 1:
        res = num(row[r.res_columns[0]])
    else:
        res = ", ".join(f"{c} {num(row[c])}" for c in r.res_columns)
    return f"{row['period']:%Y-%m-%d %H:%M:%S} ({dims}): {res}"


def num(v: Any) -> str:
    return "0" if v is None else f"{v:f}" if hasattr(v, "is_finite") else str(v)


def _report(c: Connection, d: Document, r: AccumulationRegister, rows: list[Any]) -> Iterator[str]:
    """One sentence per differing document of ``rows`` (in id order)."""
    docs: dict[int, list[Any]] = {}
    for row in rows:
        docs.setdefault(row["recorder_id"], []).append(row)
    heads = c.execute(
        text(
            f"SELECT h.id, h.number, (SELECT count(*) FROM {S}.{r.table} m "
            f"WHERE m.recorder_type = :t AND m.recorder_id = h.id) AS got "
            f"FROM {S}.{d.table} h WHERE h.id = ANY(:ids)"
        ),
        {"t": d.name, "ids": list(docs)},
    ).mappings()
    head = {h["id"]: h for h in heads}
    for i, moves in docs.items():
        missing = [_movement(r, m) for m in moves for _ in range(m["n"])]
        extra = [_movement(r, m) for m in moves for _ in range(-m["n"])]
        parts = []
        if missing:
            parts.append(f"missing {'; '.join(missing[:SHOWN])}")
        if extra:
            parts.append(f"unexpected {'; '.join(extra[:SHOWN])}")
        got = head[i]["got"]
        yield (
            f"{r.name}: posted {d.name} {head[i]['number']} (id {i}) has {got} movements, "
            f"its posting writes {got + sum(m['n'] for m in moves)}: {', '.join(parts)}"
        )


def _chunks(c: Connection, d: Document) -> tuple[int, list[tuple[int, int]]]:
    """The number of posted documents and the id ranges of :data:`CHUNK` of them each."""
    ends = c.execute(
        text(
            f"SELECT id, n FROM (SELECT id, row_number() OVER (ORDER BY id) AS n, "
            f"count(*) OVER () AS total FROM {S}.{d.table} WHERE posted) s "
            f"WHERE n % {CHUNK} = 0 OR n = total ORDER BY id"
        )
    ).all()
    out, lo = [], 0
    for end, _ in ends:
        out.append((lo, end))
        lo = end + 1
    return (ends[-1][1] if ends else 0), out


def check_documents(
    c: Connection, d: Document, reg: Registry, tick: Callable[[int, int], None] | None = None
) -> Iterator[str]:
    """Each posted document has exactly the movements its posting rules produce; ``tick(done,
    total)`` is told the posted documents compared after each chunk."""
    if not d.posting:
        return
    total, chunks = _chunks(c, d)
    regs = [reg.register(n) for n in d.registers]
    sql = {r.name: text(diff_sql(d, r, reg)) for r in regs}
    bad = dict.fromkeys(sql, 0)
    for n, (lo, hi) in enumerate(chunks):
        for r in regs:
            room = max(LIMIT - bad[r.name], 0)
            rows = c.execute(sql[r.name], {"lo": lo, "hi": hi, "room": room}).mappings().all()
            bad[r.name] += rows[0]["docs"]
            shown = [x for x in rows if x["recorder_id"] is not None]
            if shown:
                yield from _report(c, d, r, shown)
        if tick:
            tick(min((n + 1) * CHUNK, total), total)
    for name, n in bad.items():
        if n > LIMIT:
            yield (
                f"{name}: {n - LIMIT} more posted {d.name} documents have other movements "
                "than their posting writes"
            )
