"""Consistency check of moving-average costs (README "How cost works"), set-based in SQL.

Each movement of a costing register is checked against the balance of the movements before it
(as stored): an outgoing one must take ``round(cost × qty / quantity, 2)`` of it (all of it for
the last unit), a count's surplus the average, a transfer's incoming side minus the cost of its
outgoing side; the following registers (sales cost, expenses) must carry the outgoing costs.
A return must be dated after its source and the returns of a source bring back no more than
it took. Totals and balances of the cost are checked with the other resources (server/check.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from sqlalchemy import Connection, text

from server.metadata import AccumulationRegister, Costing, Registry
from server.sqlgen import sql_literal

S = "kontora"
LIMIT = 20


def _in(names: Iterable[str]) -> str:
    return "(" + ", ".join(sql_literal(n) for n in names) + ")" if names else "(NULL)"


def _twins_sql(r: AccumulationRegister, co: Costing) -> str:
    """A transfer's incoming movement → minus the cost of its outgoing twin: same recorder,
    matched dimensions and quantity, the n-th incoming (in line order) to the n-th outgoing."""
    q, a = co.quantity, co.amount
    match = [r.field(n).column for n in co.transfer_match]
    part = ", ".join(["recorder_type", "recorder_id", *match, f"abs({q})"])
    same = " AND ".join(f"o.{m} = i.{m}" for m in ["recorder_type", "recorder_id", *match])

    def side(cond: str) -> str:
        return (
            f"SELECT *, row_number() OVER (PARTITION BY {part} ORDER BY line_no) AS n "
            f"FROM {S}.{r.table} WHERE recorder_type IN {_in(co.transfers)} AND {q} {cond} 0"
        )

    return f"""
        SELECT i.recorder_type, i.recorder_id, i.line_no, -o.{a} AS cost
        FROM ({side(">")}) i JOIN ({side("<")}) o
          ON {same} AND o.{q} = -i.{q} AND o.n = i.n"""


def _sources_sql(r: AccumulationRegister, reg: Registry) -> str:
    """A return's movement → the quantity ``sq`` and cost ``sc`` its source's outgoing movements
    of the product took (as stored), and the quantity of the source's returns of it before this
    one (``before``)."""
    co = r.costing
    assert co is not None
    q, a, k = co.quantity, co.amount, r.field(co.follow_match).column
    parts = []
    for doc, ref, src in co.returns:
        d = reg.document(doc)
        col = d.header_field(ref).column  # type: ignore[union-attr]
        parts.append(f"""
            SELECT {sql_literal(doc)} AS recorder_type, r.recorder_id, r.line_no, s.sq, s.sc,
                   coalesce(sum(r.qty) OVER (
                     PARTITION BY r.src, r.k ORDER BY r.recorder_id, r.line_no
                     ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before
            FROM (SELECT x.recorder_id, x.line_no, x.{k} AS k, x.{q} AS qty, h.{col} AS src
                  FROM {S}.{r.table} x JOIN {S}.{d.table} h ON h.id = x.recorder_id
                  WHERE x.recorder_type = {sql_literal(doc)} AND x.{q} > 0) r
            JOIN (SELECT y.recorder_id, y.{k} AS k, -sum(y.{q}) AS sq, -sum(y.{a}) AS sc
                  FROM {S}.{r.table} y WHERE y.recorder_type = {sql_literal(src)} AND y.{q} < 0
                  GROUP BY 1, 2) s ON s.recorder_id = r.src AND s.k = r.k""")
    if not parts:
        return (
            "SELECT NULL::text AS recorder_type, NULL::bigint AS recorder_id, "
            "NULL::int AS line_no, NULL::numeric AS sq, NULL::numeric AS sc, "
            "NULL::numeric AS before WHERE false"
        )
    return " UNION ALL ".join(parts)


def moves_sql(r: AccumulationRegister, reg: Registry) -> str:
    """Each key's first movement (in moment order) whose cost is not what the moving average
    of the stored movements before it gives, for the first :data:`LIMIT` such keys: one pass of
    window sums over the register in key and moment order."""
    co = r.costing
    assert co is not None
    q, a = co.quantity, co.amount
    dims = ", ".join(r.dim_columns)
    moment = f"period, {q} < 0, seq, line_no"  # as sqlgen/costing.py orders them
    avg = "CASE WHEN y.q0 > 0 THEN round(y.c0 * y.qty / y.q0, 2) ELSE 0 END"
    share = "round(s.sc * least({} , s.sq) / s.sq, 2)"
    before = "least(s.before, s.sq)"
    returned = (
        f"CASE WHEN s.sq > 0 THEN {share.format(f'{before} + y.qty')} - "
        f"{share.format(before)} ELSE {avg} END"
    )
    return f"""
        SELECT DISTINCT ON ({dims}) {dims}, recorder_type, recorder_id, line_no, amt, want,
               q0, c0 FROM (
          SELECT y.*, CASE
              WHEN y.qty < 0 THEN -CASE WHEN -y.qty >= y.q0 THEN y.c0
                                        ELSE round(y.c0 * -y.qty / y.q0, 2) END
              WHEN y.recorder_type IN {_in(co.transfers)} THEN coalesce(t.cost, 0)
              WHEN y.recorder_type IN {_in(d for d, _, _ in co.returns)} THEN {returned}
              WHEN y.recorder_type IN {_in(co.at_average)} THEN {avg}
              ELSE y.amt END AS want
          FROM (SELECT {dims}, recorder_type, recorder_id, line_no, seq, period, {q} AS qty,
                       {a} AS amt, coalesce(sum({q}) OVER w, 0) AS q0,
                       coalesce(sum({a}) OVER w, 0) AS c0
                FROM {S}.{r.table}
                WINDOW w AS (PARTITION BY {dims} ORDER BY {moment}
                             ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)) y
          LEFT JOIN ({_twins_sql(r, co)}) t USING (recorder_type, recorder_id, line_no)
          LEFT JOIN ({_sources_sql(r, reg)}) s USING (recorder_type, recorder_id, line_no)
        ) z WHERE want <> amt
        ORDER BY {dims}, {moment.replace(q, "qty")} LIMIT {LIMIT}"""


def _check_moves(c: Connection, r: AccumulationRegister, reg: Registry) -> Iterator[str]:
    # The transfers and returns joined to every movement are estimated at a row or so: a
    # nested loop over millions of movements, unless forbidden.
    c.exec_driver_sql("SET LOCAL enable_nestloop = off")
    rows = c.execute(text(moves_sql(r, reg))).mappings().all()
    c.exec_driver_sql("SET LOCAL enable_nestloop = on")
    for row in rows:
        key = tuple(row[d] for d in r.dim_columns)
        yield (
            f"{r.name}: cost of {row['recorder_type']} #{row['recorder_id']} line "
            f"{row['line_no']} at key {key} is {row['amt']:f}, the moving average gives "
            f"{row['want']:f} (balance before: {row['q0']:f} costing {row['c0']:f})"
        )


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
