"""Consistency check of moving-average costs (README "How cost works"), in plain Python.

Each movement of a costing register is checked against the balance of the movements before it
(as stored): an outgoing one must take ``round(cost × qty / quantity, 2)`` of it (all of it for
the last unit), a count's surplus the average, a transfer's incoming side minus the cost of its
outgoing side; the following registers (sales cost, expenses) must carry the outgoing costs.
A return must be dated after its source and the returns of a source bring back no more than
it took. Totals and balances of the cost are checked with the other resources (server/check.py).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import Connection, text

from server.metadata import AccumulationRegister, Costing, Registry

S = "kontora"
LIMIT = 20
CENT = Decimal("0.01")


def out_cost(q: Decimal, c: Decimal, qty: Decimal) -> Decimal:
    """The (positive) cost of ``qty`` leaving a balance of ``q`` units costing ``c``."""
    if qty >= q:
        return c
    return (c * qty / q).quantize(CENT, rounding=ROUND_HALF_UP)


def moment(row: dict[str, Any], q: str) -> tuple:
    """The order of a key's movements: period, incoming first, recorder, line."""
    return (row["period"], row[q] < 0, row["recorder_type"], row["recorder_id"], row["line_no"])


def _twins(rows: Iterable[dict[str, Any]], c: Costing, r: AccumulationRegister) -> dict:
    """A transfer's incoming movement → minus the cost of its outgoing twin (n-th to n-th)."""
    q, a = c.quantity, c.amount
    match = [r.field(n).column for n in c.transfer_match]
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for row in sorted(rows, key=lambda x: x["line_no"]):
        k = (row["recorder_id"], *(row[m] for m in match), abs(row[q]), row[q] < 0)
        groups[k].append(row)
    out = {}
    for k, ins in groups.items():
        if k[-1]:
            continue
        outs = groups.get((*k[:-1], True), [])
        for n, row in enumerate(ins):
            out[(row["recorder_id"], row["line_no"])] = -outs[n][a] if n < len(outs) else 0
    return out


def returned(row: dict[str, Any], q0: Decimal, c0: Decimal, source: tuple | None) -> Decimal:
    """A return's cost: its share of the cost ``sc`` its source took for ``sq`` units,
    cumulative over the source's returns before it (``before`` units); without a source, the
    average before it."""
    if source is None or source[0] <= 0:
        return (c0 * row["quantity"] / q0).quantize(CENT, ROUND_HALF_UP) if q0 > 0 else Decimal(0)
    sq, sc, before = source
    before = min(before, sq)
    after = min(before + row["quantity"], sq)
    return (sc * after / sq).quantize(CENT, ROUND_HALF_UP) - (sc * before / sq).quantize(
        CENT, ROUND_HALF_UP
    )


def expected(row: dict[str, Any], q0: Decimal, c0: Decimal, c: Costing, twins: dict) -> Decimal:
    """The cost a movement must have after a balance of ``q0`` units costing ``c0``."""
    qty = row[c.quantity]
    if qty < 0:
        return -out_cost(q0, c0, -qty)
    if row["recorder_type"] in c.transfers:
        return twins.get((row["recorder_id"], row["line_no"]), Decimal(0))
    if row["recorder_type"] in {doc for doc, _, _ in c.returns}:
        return returned(row, q0, c0, twins.get(("return", row["recorder_id"], row["line_no"])))
    if row["recorder_type"] in c.at_average:
        return (c0 * qty / q0).quantize(CENT, rounding=ROUND_HALF_UP) if q0 > 0 else Decimal(0)
    return row[c.amount]


def _sources(c: Connection, r: AccumulationRegister, reg: Registry) -> dict:
    """A return's movement → (quantity, cost) its source's outgoing movements of the product
    took (as stored), and the quantity of the source's returns of it before this one."""
    co = r.costing
    assert co is not None
    q, a, k = co.quantity, co.amount, r.field(co.follow_match).column
    out = {}
    for doc, ref, src in co.returns:
        d = reg.document(doc)
        col = d.header_field(ref).column  # type: ignore[union-attr]
        sql = f"""
            SELECT r.recorder_id, r.line_no, s.sq, s.sc, coalesce(sum(r.qty) OVER (
                     PARTITION BY r.src, r.k ORDER BY r.recorder_id, r.line_no
                     ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before
            FROM (SELECT x.recorder_id, x.line_no, x.{k} AS k, x.{q} AS qty, h.{col} AS src
                  FROM {S}.{r.table} x JOIN {S}.{d.table} h ON h.id = x.recorder_id
                  WHERE x.recorder_type = :doc AND x.{q} > 0) r
            JOIN (SELECT y.recorder_id, y.{k} AS k, -sum(y.{q}) AS sq, -sum(y.{a}) AS sc
                  FROM {S}.{r.table} y WHERE y.recorder_type = :src AND y.{q} < 0
                  GROUP BY 1, 2) s ON s.recorder_id = r.src AND s.k = r.k"""
        for row in c.execute(text(sql), {"doc": doc, "src": src}).mappings():
            key = ("return", row["recorder_id"], row["line_no"])
            out[key] = (row["sq"], row["sc"], row["before"])
    return out


def _check_moves(c: Connection, r: AccumulationRegister, reg: Registry) -> Iterator[str]:
    co = r.costing
    assert co is not None
    q, a = co.quantity, co.amount
    rows = [dict(x) for x in c.execute(text(f"SELECT * FROM {S}.{r.table}")).mappings()]
    twins = _twins((x for x in rows if x["recorder_type"] in co.transfers), co, r)
    twins.update(_sources(c, r, reg))
    keys: dict[tuple, list[dict]] = defaultdict(list)
    for row in rows:
        keys[tuple(row[d] for d in r.dim_columns)].append(row)
    n = 0
    for key, moves in sorted(keys.items()):
        q0, c0 = Decimal(0), Decimal(0)
        for row in sorted(moves, key=lambda x: moment(x, q)):
            want = expected(row, q0, c0, co, twins)
            if want != row[a]:
                n += 1
                yield (
                    f"{r.name}: cost of {row['recorder_type']} #{row['recorder_id']} line "
                    f"{row['line_no']} at key {key} is {row[a]:f}, the moving average gives "
                    f"{want:f} (balance before: {q0:f} costing {c0:f})"
                )
                break
            q0, c0 = q0 + row[q], c0 + row[a]
        if n >= LIMIT:
            return


def _check_follow(c: Connection, r: AccumulationRegister, reg: Registry) -> Iterator[str]:
    co = r.costing
    assert co is not None
    match = r.field(co.follow_match).column
    for doc, name, res in co.follow:
        f = reg.register(name)
        fres, fmatch = f.field(res).column, f.field(co.follow_match).column
        sql = f"""
            SELECT d.recorder_id, d.line_no, d.{fres} AS have, -s.{co.amount} AS want
            FROM (SELECT *, row_number() OVER (PARTITION BY recorder_id, {fmatch}
                                               ORDER BY line_no) AS n
                  FROM {S}.{f.table} WHERE recorder_type = :t) d
            JOIN (SELECT *, row_number() OVER (PARTITION BY recorder_id, {match}
                                               ORDER BY line_no) AS n
                  FROM {S}.{r.table} WHERE recorder_type = :t AND {co.quantity} <> 0) s
              ON s.recorder_id = d.recorder_id AND s.{match} = d.{fmatch} AND s.n = d.n
            WHERE d.{fres} <> -s.{co.amount}
            ORDER BY 1, 2 LIMIT {LIMIT}"""
        for row in c.execute(text(sql), {"t": doc}).mappings():
            yield (
                f"{name}: {res} of {doc} #{row['recorder_id']} line {row['line_no']} is "
                f"{row['have']:f} but the goods left at {row['want']:f}"
            )


def _check_returns(c: Connection, r: AccumulationRegister, reg: Registry) -> Iterator[str]:
    """The rules a return's cost relies on (README "Sales: …"): it is dated after its source
    (else the two costs depend on each other) and a source's returns bring back no more of a
    product than it took out (posted documents, as their movements have it)."""
    co = r.costing
    assert co is not None
    q, k = co.quantity, r.field(co.follow_match).column
    items = reg.catalogs[r.field(co.follow_match).target].table  # type: ignore[attr-defined]
    for doc, ref, src in co.returns:
        d, s = reg.document(doc), reg.document(src)
        col = d.header_field(ref).column  # type: ignore[union-attr]
        sql = f"""
            SELECT h.number, h.date, o.number AS src_number, o.date AS src_date
            FROM {S}.{d.table} h JOIN {S}.{s.table} o ON o.id = h.{col}
            WHERE h.posted AND o.posted AND h.date <= o.date ORDER BY h.id LIMIT {LIMIT}"""
        for row in c.execute(text(sql)).mappings():
            yield (
                f"{d.title} {row['number']} dated {row['date']} is not after its "
                f"{s.title.lower()} {row['src_number']} dated {row['src_date']}"
            )
        sql = f"""
            SELECT b.number, i.name, b.back, coalesce(t.took, 0) AS took
            FROM (SELECT o.id, o.number, x.{k} AS k, sum(x.{q}) AS back
                  FROM {S}.{d.table} h JOIN {S}.{s.table} o ON o.id = h.{col} AND o.posted
                  JOIN {S}.{r.table} x ON x.recorder_type = :doc AND x.recorder_id = h.id
                   AND x.{q} > 0
                  GROUP BY 1, 2, 3) b
            LEFT JOIN (SELECT recorder_id, {k} AS k, -sum({q}) AS took FROM {S}.{r.table}
                       WHERE recorder_type = :src AND {q} < 0 GROUP BY 1, 2) t
              ON t.recorder_id = b.id AND t.k = b.k
            JOIN {S}.{items} i ON i.id = b.k
            WHERE b.back > coalesce(t.took, 0) ORDER BY b.id, b.k LIMIT {LIMIT}"""
        for row in c.execute(text(sql), {"doc": doc, "src": src}).mappings():
            yield (
                f"{r.name}: the returns of {s.title.lower()} {row['number']} bring back "
                f"{row['back']:f} of «{row['name']}», more than the {row['took']:f} it took"
            )


def check_costs(c: Connection, r: AccumulationRegister, reg: Registry) -> Iterator[str]:
    """Every cost of a costing register and of the registers following it."""
    if r.costing is None:
        return
    yield from _check_moves(c, r, reg)
    yield from _check_follow(c, r, reg)
    yield from _check_returns(c, r, reg)
