"""Moving-average cost of a balance register, recalculated exactly inside the posting.

A register with :class:`~server.metadata.Costing` (stock) keeps a cost amount beside its quantity.
Its movements of one key are ordered by their **moment**: (period, incoming before outgoing,
posting, line) — ``seq``, the number of the posting that wrote them (:func:`posting_seq`),
orders the documents of one second as they were posted. Within one second every arrival
counts before every departure, so — the quantity check being per second — an outgoing movement never takes more
than the balance just before it. An outgoing movement (quantity < 0) takes
``round(cost × qty / quantity, 2)`` of that balance (all of it when it takes the last unit, so a
key with no quantity has no cost). Incoming movements keep the cost their document gives, except
``at_average`` ones (a count's surplus: the average just before, 0 if none) and ``transfers``
(the cost of the document's outgoing side, matched by product and quantity, line by line) and
``returns`` (a sales return: its share of the cost its shipment took of the product, counted
cumulatively over the shipment's returns, re-opened when that cost or a sibling return
changes; without a shipment, the average).

The posting routine calls ``<register>_recost(type, id, delta, dir)`` after it has written every
register: from the earliest moment the recorder changed at each key (its delta and its new
movements), every later movement of the key is recomputed in one ordered pass; changed costs are
written with their totals and balances, the ``follow`` registers (sales cost, expenses) take the
new costs, and a transfer whose outgoing cost changed re-opens its destination key from that
moment (next round, its keys locked first). Nothing later (each key's only movement from its
start on is the recorder's own, posting "now"): one set-based statement, no pass.

A posting takes its number after it holds its keys' locks, so a first posting is always the
last of its second at every key it moves: postings of one second by several clients never
reorder each other's costs (with the document's id as the tie, a document saved first but
posted second would have its cost recalculated).
"""

from __future__ import annotations

from server.metadata import AccumulationRegister, Costing, Registry
from server.sqlgen import lock_key
from server.sqlgen import sql_literal as _lit

S = "kontora"
MAX_ROUNDS = 50  # transfers in a circle within one second would never settle


def _in_list(names: tuple[str, ...]) -> str:
    return "(" + ", ".join(_lit(n) for n in names) + ")" if names else "(NULL)"


def posting_seq(r: AccumulationRegister) -> str:
    """The posting's number for its movements in costing register ``r``: one per statement
    (an init plan), taken while the posting holds the keys' locks."""
    return f"(SELECT nextval('{S}.{r.table}_seq'))"


def start_type(r: AccumulationRegister) -> str:
    return f"{r.name}_start"


def _dims(r: AccumulationRegister, prefix: str = "") -> str:
    return ", ".join(f"{prefix}{c}" for c in r.dim_columns)


def _key_eq(r: AccumulationRegister, a: str, b: str) -> str:
    return " AND ".join(f"{a}.{c} = {b}.{c}" for c in r.dim_columns)


def _lock_expr(r: AccumulationRegister, src: str) -> str:
    """The advisory lock keys (as the posting computes them) of the keys in ``src``."""
    return (
        f"ARRAY(SELECT {lock_key(r.name, [f's.{c}' for c in r.dim_columns])} FROM unnest({src}) s)"
    )


def _from_start(r: AccumulationRegister, c: Costing) -> str:
    """The movements of start ``s``'s key at or after its moment (in no particular order)."""
    q, a = c.quantity, c.amount
    cols = f"x.recorder_type, x.recorder_id, x.line_no, x.seq, x.period, x.{q} AS qty, x.{a} AS amt"
    key = _key_eq(r, "x", "s")
    return f"""
      SELECT {cols} FROM {r.table} x
      WHERE {key} AND x.period = s.period AND (x.{q} < 0) = (s.dir = 1)
        AND (x.seq, x.line_no) >= (s.seq, s.line_no)
      UNION ALL
      SELECT {cols} FROM {r.table} x
      WHERE {key} AND x.period = s.period AND s.dir = 0 AND x.{q} < 0
      UNION ALL
      SELECT {cols} FROM {r.table} x WHERE {key} AND x.period > s.period"""


def _gather(r: AccumulationRegister, c: Costing) -> str:
    """The movements at or after each start moment, per key in moment order, with the key's
    balance before its start (the balance minus everything from the start on)."""
    q, a = c.quantity, c.amount
    return f"""
    SELECT {_dims(r, "s.")}, g.*,
           coalesce(b.{q}, 0) - sum(g.qty) OVER k AS q0,
           coalesce(b.{a}, 0) - sum(g.amt) OVER k AS c0
    FROM unnest(v_starts) s
    LEFT JOIN {r.balance_table} b ON {_key_eq(r, "b", "s")}
    CROSS JOIN LATERAL ({_from_start(r, c)}
    ) g
    WINDOW k AS (PARTITION BY {_dims(r, "s.")})
    ORDER BY {_dims(r, "s.")}, g.period, g.qty < 0, g.seq, g.line_no"""


def _fast_allowed(
    r: AccumulationRegister, c: Costing, reg: Registry, p_type: str = "p_type"
) -> str:
    """When the recorder's own movements cost like any document's (not a transfer, a count's
    surplus or a return) and no return of it has movements to re-open."""
    special = tuple(dict.fromkeys((*c.transfers, *c.at_average, *(d for d, _, _ in c.returns))))
    out = [f"{p_type} NOT IN {_in_list(special)}"]
    for doc, ref, src in c.returns:
        d = reg.document(doc)
        col = d.header_field(ref).column  # type: ignore[union-attr]
        # (a lateral LIMIT 1 per return: an index probe whatever the statistics say, never
        # a scan of every return's movements)
        out.append(
            f"NOT ({p_type} = {_lit(src)} AND EXISTS (SELECT 1 FROM {S}.{d.table} rh "
            f"CROSS JOIN LATERAL (SELECT 1 FROM {r.table} x WHERE x.recorder_type = {_lit(doc)} "
            f"AND x.recorder_id = rh.id LIMIT 1) x WHERE rh.{col} = p_id))"
        )
    return " AND ".join(out)


def _starts(r: AccumulationRegister) -> str:
    """The start of each key the recorder changes: its earliest moment in the delta or among
    the recorder's movements (as an array of the start type, ``starts``), from the first
    posting of that second on (its old movements, gone, had an earlier number than its new
    ones, and every other posting's order against it changed)."""
    return f"""SELECT coalesce(array_agg(ROW({_dims(r, "s.")}, s.period, p_dir, 0, 0)
                                    ::{S}.{start_type(r)}), '{{}}') AS starts
      FROM (SELECT {_dims(r)}, min(period) AS period
            FROM (SELECT {_dims(r)}, period FROM unnest(p_delta)
                  UNION ALL
                  SELECT {_dims(r)}, period FROM {r.table}
                  WHERE recorder_type = p_type AND recorder_id = p_id) u
            GROUP BY {_dims(r)}) s"""


def _fast(r: AccumulationRegister, c: Costing, reg: Registry) -> str:
    """The starts (``v_starts``) and the common case ("posting now"), set-based, in one
    statement: when the recorder may be costed so (:func:`_fast_allowed`) and each start's key
    has at most one movement from its start on, the recorder's own, that movement is costed
    from the balance before it (the balance minus itself) exactly as the ordered pass would;
    ``v_fast`` tells whether the case holds (else the pass runs)."""
    q, a = c.quantity, c.amount
    ch = "FILTER (WHERE z.chg), '{}')"
    outs = [("rt", "z.rt"), ("rid", "z.rid"), ("line_no", "z.line_no"), ("new", "z.new")]
    outs += [("delta", "z.new - z.amt"), ("period", "z.period")]
    outs += [(f"ch_{d}", f"z.{d}") for d in r.dim_columns]
    arrays = ", ".join(f"coalesce(array_agg({e}) {ch} AS {n}" for n, e in outs)
    into = ", ".join(f"v_ch_{d}" for d in r.dim_columns)
    return f"""
  SELECT st.starts, ok.ok AND a.fast, a.rt, a.rid, a.line_no, a.new, a.delta, a.period,
         {", ".join(f"a.ch_{d}" for d in r.dim_columns)}
  INTO v_starts, v_fast, v_type, v_id, v_line, v_cost, v_delta, v_period, {into}
  FROM ({_starts(r)}) st
  CROSS JOIN (SELECT {_fast_allowed(r, c, reg)} AS ok) ok
  CROSS JOIN LATERAL (
    SELECT coalesce(bool_and(z.n <= 1 AND coalesce(z.own, true)), true) AS fast, {arrays}
    FROM (
      SELECT {_dims(r, "s.")}, g.*, w.new, g.n = 1 AND w.new <> g.amt AS chg
      FROM unnest(st.starts) s
      LEFT JOIN {r.balance_table} b ON {_key_eq(r, "b", "s")}
      CROSS JOIN LATERAL (
        SELECT count(*) AS n, bool_and(y.recorder_type = p_type AND y.recorder_id = p_id) AS own,
               min(y.recorder_type) AS rt, min(y.recorder_id) AS rid, min(y.line_no) AS line_no,
               min(y.period) AS period, min(y.qty) AS qty, min(y.amt) AS amt
        FROM ({_from_start(r, c)}
              LIMIT 2) y
      ) g
      CROSS JOIN LATERAL (
        SELECT CASE WHEN g.qty >= 0 THEN g.amt  -- the cost its document gives
                    WHEN -g.qty >= coalesce(b.{q}, 0) - g.qty THEN -(coalesce(b.{a}, 0) - g.amt)
                    ELSE -round((coalesce(b.{a}, 0) - g.amt) * -g.qty
                                / (coalesce(b.{q}, 0) - g.qty), 2) END AS new
      ) w
      WHERE ok.ok
    ) z
  ) a;"""


def _linked(r: AccumulationRegister, c: Costing) -> str:
    """A transfer's incoming movement: minus the cost of its outgoing twin (same recorder,
    matched dimensions and quantity; the n-th incoming takes the n-th outgoing)."""
    q, a = c.quantity, c.amount
    same = " AND ".join(f"y.{r.field(n).column} = m.{r.field(n).column}" for n in c.transfer_match)
    return f"""
        SELECT -o.{a} INTO v_new FROM (
          SELECT y.{a}, row_number() OVER (ORDER BY y.line_no) AS n FROM {r.table} y
          WHERE y.recorder_type = m.recorder_type AND y.recorder_id = m.recorder_id AND {same}
            AND y.{q} = -m.qty) o
        WHERE o.n = (SELECT count(*) FROM {r.table} y
                     WHERE y.recorder_type = m.recorder_type AND y.recorder_id = m.recorder_id
                       AND {same} AND y.{q} = m.qty AND y.line_no <= m.line_no);
        v_new := coalesce(v_new, 0);"""


def _returned(r: AccumulationRegister, c: Costing, reg: Registry) -> str:
    """A return's incoming movement: its share of the cost ``sc`` its source's outgoing
    movements of the product took for ``sq`` units, cumulative over the source's returns in
    (recorder, line) order: ``round(sc × min(before + qty, sq) / sq) − round(sc × min(before,
    sq) / sq)`` (half-up), so all of them together never take more than ``sc`` and exactly
    ``sc`` once everything came back; without a source, the average before it."""
    q, a, k = c.quantity, c.amount, r.field(c.follow_match).column
    out = []
    for doc, ref, src in c.returns:
        d = reg.document(doc)
        col = d.header_field(ref).column  # type: ignore[union-attr]
        out.append(f"""
      ELSIF m.recorder_type = {_lit(doc)} THEN
        v_src := (SELECT h.{col} FROM {S}.{d.table} h WHERE h.id = m.recorder_id);
        SELECT -sum(y.{a}), -sum(y.{q}) INTO v_sc, v_sq FROM {r.table} y
        WHERE y.recorder_type = {_lit(src)} AND y.recorder_id = v_src AND y.{k} = m.{k}
          AND y.{q} < 0;
        IF v_sq > 0 THEN
          SELECT least(coalesce(sum(x.{q}), 0), v_sq) INTO v_before
          FROM {S}.{d.table} h JOIN {r.table} x ON x.recorder_type = {_lit(doc)}
           AND x.recorder_id = h.id AND x.{k} = m.{k} AND x.{q} > 0
          WHERE h.{col} = v_src AND (x.recorder_id, x.line_no) < (m.recorder_id, m.line_no);
          v_new := round(v_sc * least(v_before + m.qty, v_sq) / v_sq, 2)
                   - round(v_sc * v_before / v_sq, 2);
        ELSE
          v_new := CASE WHEN v_q > 0 THEN round(v_c * m.qty / v_q, 2) ELSE 0 END;
        END IF;""")
    return "".join(out)


def _reopen_returns(r: AccumulationRegister, c: Costing, reg: Registry) -> str:
    """The incoming movements of returns whose source's outgoing cost changed (``ch``), and
    in the first round those of the recorder itself."""
    k = r.field(c.follow_match).column
    out = []
    for doc, ref, src in c.returns:
        d = reg.document(doc)
        col = d.header_field(ref).column  # type: ignore[union-attr]
        out.append(f"""
      UNION ALL
      SELECT x.* FROM (SELECT * FROM unnest(v_type, v_id, {_dims(r, "v_ch_")})
                       AS ch(t, i, {_dims(r)}) WHERE ch.t = {_lit(src)}) ch
      JOIN {S}.{d.table} h ON h.{col} = ch.i
      JOIN {r.table} x ON x.recorder_type = {_lit(doc)} AND x.recorder_id = h.id
       AND x.{k} = ch.{k} AND x.{c.quantity} > 0
      UNION ALL  -- the returns of the recorder itself (posted, changed or unposted), or
      SELECT x.* FROM {S}.{d.table} h  -- the other returns of the recorder's source
      JOIN {r.table} x ON x.recorder_type = {_lit(doc)} AND x.recorder_id = h.id
       AND x.{c.quantity} > 0
      WHERE v_round = 1 AND (p_type = {_lit(src)} AND h.{col} = p_id
        OR p_type = {_lit(doc)} AND h.id <> p_id
           AND h.{col} = (SELECT p.{col} FROM {S}.{d.table} p WHERE p.id = p_id))""")
    return "".join(out)


def source_moved_sql(r: AccumulationRegister, reg: Registry) -> list[str]:
    """A posted return whose source changes (another shipment or none, posted again or
    unposted in the same save) leaves its old source's other returns, whose cumulative shares
    change: a row trigger recosts them from the first of them on (the recost re-opens its
    siblings), before the return's own posting recosts its new source's returns."""
    c = r.costing
    assert c is not None
    out = []
    for doc, ref, _src in c.returns:
        d = reg.document(doc)
        col = d.header_field(ref).column  # type: ignore[union-attr]
        fn = f"{S}.{d.table}_{col}_moved"
        key = lock_key(r.name, [f"x.{c}" for c in r.dim_columns])
        out += [
            f"""
CREATE OR REPLACE FUNCTION {fn}() RETURNS trigger LANGUAGE plpgsql AS $f$
DECLARE
  v_first bigint;
BEGIN
  SELECT min(h.id) INTO v_first FROM {S}.{d.table} h
  WHERE h.{col} = OLD.{col} AND h.id <> NEW.id AND h.posted;
  IF v_first IS NOT NULL THEN
    PERFORM {S}.lock_keys(ARRAY(
      SELECT {key}
      FROM {S}.{d.table} h JOIN {S}.{r.table} x ON x.recorder_type = {_lit(doc)}
       AND x.recorder_id = h.id
      WHERE h.{col} = OLD.{col} AND h.id <> NEW.id));
    PERFORM {S}.{r.table}_recost({_lit(doc)}, v_first, '{{}}', 0);
  END IF;
  RETURN NULL;
END $f$""",
            f"DROP TRIGGER IF EXISTS {r.name}_source_moved ON {S}.{d.table}",
            f"CREATE TRIGGER {r.name}_source_moved AFTER UPDATE OF {col} ON {S}.{d.table} "
            f"FOR EACH ROW WHEN (OLD.posted AND OLD.{col} IS DISTINCT FROM NEW.{col}) "
            f"EXECUTE FUNCTION {fn}()",
        ]
    return out


def _add_totals(r: AccumulationRegister, res: str, src: str) -> str:
    """Add the changes (``period``, dimensions, ``delta``; ``new``, the new value, when the
    totals keep receipts too) of ``src`` to the monthly totals: a month the movements did not
    reach yet (they were all zero) gets its row. A balance register's receipts of ``res``
    change by the positive part of the new value minus that of the old one."""
    changed = [(res, "delta")]
    if r.receipt_columns:
        changed.append((f"{res}_in", "greatest(new, 0) - greatest(new - delta, 0)"))
    names = [c for c, _ in changed]
    others = [c for c in (*r.res_columns, *r.receipt_columns) if c not in names]
    cols = ", ".join([*names, *others])
    values = ", ".join([*(f"sum({v})" for _, v in changed), *("0" for _ in others)])
    add = ", ".join(f"{c} = t.{c} + excluded.{c}" for c in names)
    return f"""INSERT INTO {r.totals_table} AS t (month, {_dims(r)}, {cols})
    SELECT date_trunc('month', period)::date, {_dims(r)}, {values} FROM {src}
    GROUP BY 1, {_dims(r)} ORDER BY {_dims(r)}, 1
    ON CONFLICT ({_dims(r)}, month) DO UPDATE SET {add};"""


def _follow_sql(r: AccumulationRegister, c: Costing, reg: Registry) -> str:
    """Copy the new outgoing costs into the following registers (and their monthly totals).

    The n-th following movement of a recorder's product takes the n-th outgoing movement's cost,
    both sides paired in one sorted window (``lag``). One recorder at a time: every statement
    reads one recorder's movements by its key, whatever plan the (generic) statement got."""
    out = []
    match = r.field(c.follow_match).column
    for doc, name, res in c.follow:
        f = reg.register(name)
        fres = f.field(res).column
        fmatch = f.field(c.follow_match).column
        d = _lit(doc)
        out.append(f"""
    IF {d} = ANY(v_type) THEN  -- (an expression, cheaper than the query below)
    FOR v_rid IN SELECT DISTINCT i FROM unnest(v_type, v_id) ch(t, i) WHERE t = {d} LOOP
      WITH pairs AS MATERIALIZED (
        SELECT u.line_no, u.side, u.val,
               lag(u.val) OVER (PARTITION BY u.k, u.n ORDER BY u.side) AS cost
        FROM (SELECT y.line_no, 0 AS side, y.{match} AS k, -y.{c.amount} AS val,
                     row_number() OVER (PARTITION BY y.{match} ORDER BY y.line_no) AS n
              FROM {r.table} y
              WHERE y.recorder_type = {d} AND y.recorder_id = v_rid AND y.{c.quantity} <> 0
              UNION ALL
              SELECT z.line_no, 1, z.{fmatch}, z.{fres},
                     row_number() OVER (PARTITION BY z.{fmatch} ORDER BY z.line_no)
              FROM {f.table} z WHERE z.recorder_type = {d} AND z.recorder_id = v_rid) u
      ), upd AS (
        UPDATE {f.table} z SET {fres} = p.cost
        FROM pairs p
        WHERE z.recorder_type = {d} AND z.recorder_id = v_rid AND z.line_no = p.line_no
          AND p.side = 1 AND p.cost IS NOT NULL AND p.cost <> p.val
        RETURNING z.period, {_dims(f, "z.")}, p.cost - p.val AS delta
      )
      {_add_totals(f, fres, "upd")}
    END LOOP;
    END IF;""")
    return "".join(out)


def recost_sql(r: AccumulationRegister, reg: Registry) -> list[str]:
    """The start type and the ``<table>_recost`` routine of a costing register."""
    c = r.costing
    assert c is not None
    q, a = c.quantity, c.amount
    st = f"{S}.{start_type(r)}"
    dim_decl = ", ".join(f"{d} bigint" for d in r.dim_columns)
    dim_vars = [f"v_k_{d}" for d in r.dim_columns]
    key_changed = " OR ".join(f"v_k_{d} IS DISTINCT FROM m.{d}" for d in r.dim_columns)
    set_key = " ".join(f"v_k_{d} := m.{d};" for d in r.dim_columns)
    ch_dims = "".join(f"\n  v_ch_{d} bigint[] := '{{}}';" for d in r.dim_columns)
    push_dims = "".join(f" v_ch_{d} := v_ch_{d} || m.{d};" for d in r.dim_columns)
    reset_dims = "".join(f" v_ch_{d} := '{{}}';" for d in r.dim_columns)
    unnest_dims = _dims(r, "v_ch_")
    changes = f"unnest({unnest_dims}, v_period, v_delta, v_cost) ch({_dims(r)}, period, delta, new)"
    sources = tuple(n for doc, _, src in c.returns for n in (doc, src))
    transfer_match = " AND ".join(
        f"x.{r.field(n).column} = ch.{r.field(n).column}" for n in c.transfer_match
    )
    return [
        f"DROP TYPE IF EXISTS {st} CASCADE",
        f"CREATE TYPE {st} AS ({dim_decl}, period timestamp, dir int, seq bigint, line_no int)",
        f"""
CREATE OR REPLACE FUNCTION {S}.{r.table}_recost(p_type text, p_id bigint,
                                                 p_delta {S}.{r.row_type}[], p_dir int)
RETURNS void LANGUAGE plpgsql
-- Every statement here goes from a handful of keys, moments or movements to the rows of each
-- by an index; a generic plan made while the register was small would hash them against a
-- scan of the whole register or balance table instead, and a connection keeps its plan.
SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off AS $f$
-- Internal (owner only): see server/sqlgen/costing.py. p_dir: 1 when the recorder's document
-- only ever moves goods out of this register (its earliest possible moment is an outgoing one).
DECLARE
  v_starts {st}[];
  v_fast boolean := false;  -- the set-based case (see _fast)
  v_round int := 0;
  m record;
  {"; ".join(f"{v} bigint" for v in dim_vars)};
  v_q numeric;
  v_c numeric;
  v_new numeric;
  v_rid bigint;
  v_src bigint;
  v_sc numeric;
  v_sq numeric;
  v_before numeric;
  v_type text[] := '{{}}';
  v_id bigint[] := '{{}}';
  v_line int[] := '{{}}';
  v_cost numeric[] := '{{}}';
  v_delta numeric[] := '{{}}';
  v_period timestamp[] := '{{}}';{ch_dims}
BEGIN{_fast(r, c, reg)}
  WHILE cardinality(v_starts) > 0 LOOP
    v_round := v_round + 1;
    IF v_round > {MAX_ROUNDS} THEN
      PERFORM kontora.fail('KN005',
        'Cost recalculation does not settle: stock transfers at the same second move goods '
        'in a circle between warehouses; give them different times',
        jsonb_build_object('register', '{r.name}', 'recorder', p_type, 'id', p_id));
    END IF;
    IF v_round > 1 THEN  -- destinations of transfers: keys this posting did not lock yet
      PERFORM kontora.lock_keys({_lock_expr(r, "v_starts")});
    END IF;
    IF NOT v_fast THEN
    {" ".join(f"{v} := NULL;" for v in dim_vars)}
    v_type := '{{}}'; v_id := '{{}}'; v_line := '{{}}'; v_cost := '{{}}'; v_delta := '{{}}';
    v_period := '{{}}';{reset_dims}
    FOR m IN {_gather(r, c)}
    LOOP
      IF {key_changed} THEN
        {set_key}
        v_q := m.q0;
        v_c := m.c0;
      END IF;
      IF m.qty < 0 THEN  -- outgoing: the average of the balance just before; the last unit
        v_new := CASE WHEN -m.qty >= v_q THEN -v_c   -- takes what is left
                      ELSE -round(v_c * -m.qty / v_q, 2) END;
      ELSIF m.recorder_type IN {_in_list(c.transfers)} THEN{_linked(r, c)}
{_returned(r, c, reg)}
      ELSIF m.recorder_type IN {_in_list(c.at_average)} THEN
        v_new := CASE WHEN v_q > 0 THEN round(v_c * m.qty / v_q, 2) ELSE 0 END;
      ELSE
        v_new := m.amt;  -- the cost its document gives
      END IF;
      IF v_new <> m.amt THEN
        v_type := v_type || m.recorder_type; v_id := v_id || m.recorder_id;
        v_line := v_line || m.line_no; v_cost := v_cost || v_new;
        v_delta := v_delta || (v_new - m.amt); v_period := v_period || m.period;{push_dims}
      END IF;
      v_q := v_q + m.qty;
      v_c := v_c + v_new;
    END LOOP;
    END IF;
    -- (a return or its source re-opens the source's returns in any case: unposted ones too)
    EXIT WHEN cardinality(v_type) = 0
              AND (v_fast OR v_round > 1 OR p_type NOT IN {_in_list(sources)});
    -- the changed costs, their monthly totals and balances: one statement
    WITH mv AS (
      UPDATE {r.table} x SET {a} = ch.cost
      FROM unnest(v_type, v_id, v_line, v_cost) ch(t, i, l, cost)
      WHERE x.recorder_type = ch.t AND x.recorder_id = ch.i AND x.line_no = ch.l
    ), totals AS (
    {_add_totals(r, a, changes)[:-1]}
    )
    UPDATE {r.balance_table} t SET {a} = t.{a} + d.delta
    FROM (SELECT {_dims(r)}, sum(delta) AS delta
          FROM unnest({unnest_dims}, v_delta) ch({_dims(r)}, delta) GROUP BY {_dims(r)}) d
    WHERE {_key_eq(r, "t", "d")};{_follow_sql(r, c, reg)}
    EXIT WHEN v_fast;  -- nothing later: no transfer's destination, no return to re-open
    -- A transfer whose outgoing cost changed: its destination from the incoming side on;
    -- a return whose source's outgoing cost changed: from the return on.
    SELECT coalesce(array_agg(z.s), '{{}}') INTO v_starts FROM (
      SELECT DISTINCT ON ({_dims(r, "x.")})
             ROW({_dims(r, "x.")}, x.period, 0, x.seq, x.line_no)::{st} s
      FROM (
      SELECT x.* FROM (SELECT * FROM unnest(v_type, v_id, v_line, {unnest_dims}, v_delta)
                 AS ch(t, i, l, {_dims(r)}, delta)
            WHERE ch.t IN {_in_list(c.transfers)}) ch
      JOIN {r.table} x ON x.recorder_type = ch.t AND x.recorder_id = ch.i AND {transfer_match}
       AND x.{q} > 0
      WHERE EXISTS (SELECT 1 FROM {r.table} o WHERE o.recorder_type = ch.t AND o.recorder_id = ch.i
                    AND o.line_no = ch.l AND o.{q} < 0){_reopen_returns(r, c, reg)}) x
      ORDER BY {_dims(r, "x.")}, x.period, x.seq, x.line_no) z;
  END LOOP;
END $f$""",
        *source_moved_sql(r, reg),
    ]


def recost_call(r: AccumulationRegister, doc_name: str, only_out: bool, reg: Registry) -> str:
    """The statement the posting routine runs after writing every register.

    Skipped when the posting is sure to leave every cost as written: the document was not
    posted before (``v_fresh``: its costs were written with :func:`_cost_estimate`'s figure
    from the balance before it), it may be costed set-based (:func:`_fast_allowed`), each key
    it changed has exactly one movement of it, and no other movement of the key comes after
    its moment (as :func:`_from_start` orders them: a later second or, for an incoming
    movement, an outgoing one of its second; a first posting is the last of its second, see
    :func:`posting_seq`) — the case in which the recalculation's set-based statement finds
    nothing to change."""
    c = r.costing
    assert c is not None
    t, q, d = _lit(doc_name), c.quantity, 1 if only_out else 0
    key = _key_eq(r, "x", "s")
    # Each probe an index range of ix_<table>_key_period, one key after the other (a lateral
    # LIMIT 1: a generic plan made while the register was small must not turn it into a scan
    # of the whole register); an incoming movement comes before every outgoing movement of
    # its second.
    same = (
        ""
        if d
        else f"""
         UNION ALL
         SELECT 1 FROM {r.table} x WHERE {key} AND x.period = s.period
           AND x.{q} < 0 AND NOT (x.recorder_type = {t} AND x.recorder_id = p_id)"""
    )
    alone = f"""v_fresh AND {_fast_allowed(r, c, reg, t)}
     AND v_{r.name}_moved = cardinality(v_{r.name}_delta)
     AND NOT EXISTS (
       SELECT 1 FROM unnest(v_{r.name}_delta) s CROSS JOIN LATERAL (
         SELECT 1 FROM {r.table} x WHERE {key} AND x.period > s.period{same}
         LIMIT 1) later
     )"""
    return f"""  IF NOT ({alone}) THEN
    PERFORM {S}.{r.table}_recost({t}, p_id, v_{r.name}_delta, {d});
  END IF;"""
