"""Per-register SQL: the keys to lock, and the block that applies one recorder's movements.

:func:`apply_block` replaces a recorder's movements, keeps monthly totals and balances exact in
the same transaction, and refuses any change after which a non-negative resource would be below
zero at any moment from the earliest decreased moment on. The posting routine of each document
inlines one block per register it posts to (a nested call per register, passing arrays of
movements, cost more than the statements themselves); it must already hold the key locks
(see ``kontora.lock_keys``).
"""

from __future__ import annotations

from server.metadata import AccumulationRegister, DocRef, Ref, RegisterKind, Registry
from server.sqlgen import lock_key
from server.sqlgen.costing import posting_seq, recost_sql

S = "kontora"


def _cols(cols: list[str], prefix: str = "") -> str:
    return ", ".join(f"{prefix}{c}" for c in cols)


def _balance_of(r: AccumulationRegister, src: str) -> str:
    """``LEFT JOIN`` of each row of ``src``'s key to its balance row ``b``, probed by the key's
    index (a lateral ``LIMIT 1``: a generic plan made while the balance table was small would
    otherwise hash the keys against a scan of all of it)."""
    key = " AND ".join(f"b.{c} = {src}.{c}" for c in r.dim_columns)
    return (
        f"LEFT JOIN LATERAL (SELECT {_cols(r.res_columns, 'b.')} FROM {r.balance_table} b "
        f"WHERE {key} LIMIT 1) b ON true"
    )


def row_type_sql(r: AccumulationRegister) -> list[str]:
    fields = ", ".join(
        ["period timestamp"]
        + [f"{c} bigint" for c in r.dim_columns]
        + [f"{c} numeric" for c in r.res_columns]
    )
    return [
        f"DROP TYPE IF EXISTS {S}.{r.row_type} CASCADE",
        f"CREATE TYPE {S}.{r.row_type} AS ({fields})",
    ]


def keys_expr(
    r: AccumulationRegister,
    rows: str,
    rtype: str,
    rid: str,
    on: str | None = None,
    as_: AccumulationRegister | None = None,
) -> str:
    """A query of the lock keys (hashes) of a recorder's new and old movements, one per
    movement (duplicates left to ``kontora.lock_keys``, which sorts them out anyway).

    ``rows`` is a FROM item (a parenthesized query) yielding the new movements' dimensions;
    ``on``, a condition under which there are any keys at all; ``as_``: the keys of this
    derived register of ``r`` instead (over its dimensions)."""
    gate = f" AND {on}" if on else ""
    key = lock_key((as_ or r).name, list((as_ or r).dim_columns))
    return (
        f"SELECT {key} FROM {rows} s0 WHERE true{gate} UNION ALL SELECT {key} FROM {r.table} "
        f"WHERE recorder_type = {rtype} AND recorder_id = {rid}{gate}"
    )


def _shown(d: Ref | DocRef) -> str:
    """How a referenced object is named: a catalog item by its name, a document by number."""
    return "number" if isinstance(d, DocRef) else "name"


def _key_json(r: AccumulationRegister, src: str) -> str:
    parts = []
    for d in r.dimensions:
        parts.append(
            f"'{d.name}', jsonb_build_object('id', {src}.{d.column}, 'title', '{d.label}', "
            f"'name', (SELECT {_shown(d)} FROM {d.ref_table} WHERE id = {src}.{d.column}))"
        )
    return "jsonb_build_object(" + ", ".join(parts) + ")"


def _key_text(r: AccumulationRegister, src: str) -> str:
    parts = [
        f"'{d.label} «' || coalesce((SELECT {_shown(d)} FROM {d.ref_table} WHERE id = {src}.{d.column}), "
        f"'#' || {src}.{d.column}) || '»'"
        for d in r.dimensions
    ]
    return " || ', ' || ".join(parts)


def _check_block(
    r: AccumulationRegister, res: str, rows: str, changes: str, end: str | None = None
) -> str:
    """Find the first moment a non-negative resource would be below zero, and refuse it.

    ``changes``: a FROM item of the recorder's change (period, dimensions, resources);
    ``rows``: a FROM item of its new movements. ``end``: the key's (alias ``k``) balance after the
    change, when the balances already hold it (a derived register); else the balance table's
    plus the change."""
    dims = r.dim_columns
    join_m = " AND ".join(f"m.{c} = neg.{c}" for c in dims)
    match_rows = " AND ".join(f"x.{c} = v_bad.{c}" for c in dims)
    label = r.field(res).label.lower()
    balance = "" if end else f"\n    {_balance_of(r, 'k')}"
    return f"""
  SELECT neg.*, c.period AS at, c.balance INTO v_bad
  FROM (
    SELECT k.*, {end or f"coalesce(b.{res}, 0) + k.dq"} AS end_new
    FROM (SELECT {_cols(dims)}, min(period) FILTER (WHERE {res} < 0) AS p0, sum({res}) AS dq
          FROM {changes} GROUP BY {_cols(dims)}) k{balance}
    WHERE k.p0 IS NOT NULL
  ) neg
  CROSS JOIN LATERAL (
    SELECT g.period,
           neg.end_new - coalesce(sum(g.q) OVER (ORDER BY g.period DESC
                                 ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS balance
    FROM (SELECT s.period, sum(s.q) AS q
          FROM (SELECT neg.p0 AS period, 0::numeric AS q
                UNION ALL
                SELECT m.period, m.{res} FROM {r.table} m WHERE {join_m} AND m.period > neg.p0) s
          GROUP BY s.period) g
  ) c
  WHERE c.balance < 0
  ORDER BY c.period, {_cols(dims, "neg.")}
  LIMIT 1;
  IF FOUND THEN
    v_asked := greatest(0, -coalesce((SELECT sum(x.{res}) FROM {rows} x
                                     WHERE {match_rows} AND x.period <= v_bad.at), 0));
    PERFORM kontora.fail('KN001',
      format('Not enough {r.title.lower()} ({label}) on %s for %s: %s',
             to_char(v_bad.at, 'YYYY-MM-DD HH24:MI:SS'), {_key_text(r, "v_bad")},
             CASE WHEN v_asked > 0
                  THEN format('asked %s, available %s (short by %s)',
                              v_asked, v_bad.balance + v_asked, -v_bad.balance)
                  ELSE format('the balance would fall to %s', v_bad.balance) END),
      jsonb_build_object('register', '{r.name}', 'resource', '{res}', 'key', {_key_json(r, "v_bad")},
                         'at', v_bad.at, 'asked', v_asked, 'available', v_bad.balance + v_asked,
                         'balance', v_bad.balance));
  END IF;"""


def apply_declarations(r: AccumulationRegister) -> list[str]:
    """plpgsql variables an :func:`apply_block` of register ``r`` uses."""
    out = [f"  v_{r.name}_delta {S}.{r.row_type}[];", f"  v_{r.name}_short boolean;"]
    if r.costing:  # the fresh statement's count of movements, for the recalculation's skip test
        out.append(f"  v_{r.name}_moved bigint;")
    return out


def _short_cte(r: AccumulationRegister, res: str, rtype: str, rid: str, fresh: bool) -> str:
    """CTE ``short_<res>``: a row when, after the statement, a running balance of ``res``
    would be below zero at some moment from the earliest decreased one on (the moments of
    :func:`_check_block`, over the table as the statement leaves it: the recorder's old
    movements left out, its new ones in). Reads each key's change and earliest decrease
    (``p0_<res>``) from the CTE ``d``.

    ``fresh`` (the common case: a first posting, all its movements at one moment): a cheap
    test that may err on the safe side — the key's new balance is below zero, or the key has
    movements after that moment (then only the running balances can tell, and the block's
    refusal path, :func:`apply_block`, either names the shortage or, finding none, adds the
    change to the balances itself)."""
    dims = r.dim_columns
    key = " AND ".join(f"{{a}}.{c} = k.{c}" for c in dims)
    if fresh:
        # (each key's balance and later movements probed by its index)
        return f"""short_{res} AS (
    SELECT 1 FROM d k {_balance_of(r, "k")}
    WHERE k.p0_{res} IS NOT NULL
      AND (coalesce(b.{res}, 0) + k.{res} < 0
           OR EXISTS (SELECT 1 FROM {r.table} m WHERE {key.format(a="m")} AND m.period > k.p0_{res}))
    LIMIT 1
  )"""
    return f"""short_{res} AS (
    SELECT 1 FROM (
      SELECT {_cols(dims, "k.")}, k.p0_{res} AS p0, coalesce(b.{res}, 0) + k.{res} AS end_new
      FROM d k {_balance_of(r, "k")}
      WHERE k.p0_{res} IS NOT NULL
    ) k
    CROSS JOIN LATERAL (
      SELECT k.end_new - coalesce(sum(g.q) OVER (ORDER BY g.period DESC
                              ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS balance
      FROM (SELECT s.period, sum(s.q) AS q
            FROM (SELECT k.p0 AS period, 0::numeric AS q
                  UNION ALL
                  SELECT m.period, m.{res} FROM {r.table} m
                  WHERE {key.format(a="m")} AND m.period > k.p0
                    AND NOT (m.recorder_type = {rtype} AND m.recorder_id = {rid})
                  UNION ALL
                  SELECT n.period, n.{res} FROM new n WHERE {key.format(a="n")} AND n.period > k.p0) s
            GROUP BY s.period) g
    ) c
    WHERE c.balance < 0
    LIMIT 1
  )"""


def _balance_ctes(r: AccumulationRegister, rtype: str, rid: str, fresh: bool = False) -> str:
    """The CTE that adds the change to the balances in the block's statement. With resources
    kept non-negative: the ``short_*`` checks first, and the balances change only when none
    found a shortage (else the CHECK (>= 0) would refuse the row before the block can name
    the key and moment). The row proposed to ``INSERT … ON CONFLICT`` is then the new balance
    itself (the balance read plus the change; never below zero, so the CHECK, tested on the
    proposed row before the conflict is found, passes), which replaces the old one: the
    posting holds the key's lock (``kontora.lock_keys``, taken by an earlier statement of its
    transaction), so the balance its snapshot read is the latest one — and only posting and
    its cost recalculation, under the same locks, write balances. ``fresh``: ``delta`` has one
    row per key (the new movements of one document share its date), nothing to sum again."""
    dims, res = r.dim_columns, r.res_columns
    # The change of each key (and, for the shortage search, its earliest decrease): summed
    # over delta's rows, or a fresh delta's one row as it is.
    change = _cols(res) if fresh else ", ".join(f"sum({c}) AS {c}" for c in res)
    first = "CASE WHEN {c} < 0 THEN period END" if fresh else "min(period) FILTER (WHERE {c} < 0)"
    p0s = "".join(f", {first.format(c=c)} AS p0_{c}" for c in r.non_negative)
    group = "" if fresh else f" GROUP BY {_cols(dims)}"
    by_key = f"SELECT {_cols(dims)}, {change}{p0s} FROM delta{group}"
    if not r.non_negative:
        add = ", ".join(f"{c} = t.{c} + excluded.{c}" for c in res)
        order = "" if fresh else f" ORDER BY {_cols(dims)}"
        return f""", balance AS (
    INSERT INTO {r.balance_table} AS t ({_cols(dims)}, {_cols(res)})
    {by_key}{order}
    ON CONFLICT ({_cols(dims)}) DO UPDATE SET {add}
  )"""
    shorts = [_short_cte(r, c, rtype, rid, fresh) for c in r.non_negative]
    ok = " AND ".join(f"NOT EXISTS (SELECT 1 FROM short_{c})" for c in r.non_negative)
    return f""", d AS ({by_key}), {", ".join(shorts)}, balance AS ({_new_balances(r, "d", ok, fresh)}
  )"""


def _new_balances(
    r: AccumulationRegister, changes: str, where: str | None = None, unordered: bool = False
) -> str:
    """The INSERT replacing the balances of the keys in ``changes`` (a FROM item ``d``: one
    row per key, its change) by the balance read plus the change (see :func:`_balance_ctes`);
    in key order unless ``unordered`` (a posting's fresh statement: its keys are locked, and
    a plan without the sort starts faster)."""
    dims, res = r.dim_columns, r.res_columns
    new = ", ".join(f"coalesce(b.{c}, 0) + d.{c}" for c in res)
    filt = f"\n    WHERE {where}" if where else ""
    order = "" if unordered else f"\n    ORDER BY {_cols(dims, 'd.')}"
    return f"""
    INSERT INTO {r.balance_table} AS t ({_cols(dims)}, {_cols(res)})
    SELECT {_cols(dims, "d.")}, {new}
    FROM {changes} {_balance_of(r, "d")}{filt}{order}
    ON CONFLICT ({_cols(dims)}) DO UPDATE SET {", ".join(f"{c} = excluded.{c}" for c in res)}"""


def _totals_insert(r: AccumulationRegister, fresh: bool = False) -> str:
    """The INSERT adding a recorder's change (``delta``) to the monthly totals: the net change
    of each resource and, in a balance register, of its receipts (``<resource>_in``).
    ``fresh``: ``delta`` has one row per key, all in one month (see :func:`_balance_ctes`)."""
    dims, cols = r.dim_columns, [*r.res_columns, *r.receipt_columns]
    sums = ", ".join(f"sum({c}) AS {c}" for c in cols)
    add = ", ".join(f"{c} = t.{c} + excluded.{c}" for c in cols)
    src = (
        f"{_cols(cols)}\n    FROM delta"  # (the keys locked already: no order needed)
        if fresh
        else (f"{sums}\n    FROM delta GROUP BY 1, {_cols(dims)} ORDER BY {_cols(dims)}, 1")
    )
    return f"""
    INSERT INTO {r.totals_table} AS t (month, {_cols(dims)}, {_cols(cols)})
    SELECT date_trunc('month', period)::date, {_cols(dims)}, {src}
    ON CONFLICT ({_cols(dims)}, month) DO UPDATE SET {add}"""


def _receipts(r: AccumulationRegister, sign: str) -> list[str]:
    """The receipts (positive parts) of a movement's resources, negated by ``sign`` "-"."""
    return [f"{sign}greatest({c}, 0) AS {c}_in" for c in r.res_columns if r.receipt_columns]


def _apply_statement(
    r: AccumulationRegister,
    rows: str,
    rtype: str,
    rid: str,
    fresh: bool,
    numbered: bool = False,
    keep_delta: bool = True,
) -> str:
    """The one statement of :func:`apply_block`; ``fresh``: the recorder has no movements yet
    (nothing to delete, the change is the new movements: fewer plan nodes to start)."""
    dims, res = r.dim_columns, r.res_columns
    all_cols = ["period", *dims, *res]
    delta, short = f"v_{r.name}_delta", f"v_{r.name}_short"
    # A balance register's receipts change by the new movements' positive parts minus the
    # old ones' (``delta`` carries them beside the net change, for the monthly totals).
    changed = [*res, *r.receipt_columns]
    sums = ", ".join(f"sum({c}) AS {c}" for c in changed)
    nonzero = " OR ".join(f"sum({c}) <> 0" for c in changed)
    neg_old = ", ".join([*(f"-{c} AS {c}" for c in res), *_receipts(r, "-")])
    new_in = "".join(f", {x}" for x in _receipts(r, ""))
    balance = _balance_ctes(r, rtype, rid, fresh) if r.kind is RegisterKind.BALANCE else ""
    found = " OR ".join(f"EXISTS (SELECT 1 FROM short_{c})" for c in r.non_negative) or "false"
    # A fresh recorder's movements are the new ones: counted here for costs.recost_call.
    counted = fresh and r.costing is not None
    moved = ", (SELECT count(*) FROM new)" if counted else ""
    moved_into = f", v_{r.name}_moved" if counted else ""
    old = f"""old AS (
    DELETE FROM {r.table} WHERE recorder_type = {rtype} AND recorder_id = {rid}
    RETURNING period, {_cols(dims)}, {neg_old}
  ), """
    # A costing register's movements of one posting share its number (costing.posting_seq).
    seq, seq_value = (", seq", f", {posting_seq(r)}") if r.costing else ("", "")
    # (the rows numbered already, or here: a window over them)
    src = (
        f"{rows} x"
        if numbered
        else f"(SELECT s.*, row_number() OVER () AS line_no FROM {rows} s) x"
    )
    head = f"""WITH {"" if fresh else old}new AS (
    INSERT INTO {r.table} (recorder_type, recorder_id, line_no, {_cols(all_cols)}{seq})
    SELECT {rtype}, {rid}, x.line_no, {_cols(all_cols, "x.")}{seq_value}
    FROM {src}
    RETURNING {_cols(all_cols)}{new_in}
  ), delta AS (
    SELECT period, {_cols(dims)}, {sums}
    FROM {"new" if fresh else "(SELECT * FROM old UNION ALL SELECT * FROM new)"} u
    GROUP BY period, {_cols(dims)}
    HAVING {nonzero}
  )"""
    if not (keep_delta or r.non_negative or r.costing):
        # Nothing reads the change back: the statement ends with the totals' INSERT (the
        # data-modifying CTEs before it run to completion all the same).
        return f"""{head}{balance}{_totals_insert(r, fresh)};"""
    return f"""{head}, totals AS ({_totals_insert(r, fresh)}
  ){balance}
  SELECT coalesce(array_agg(ROW({_cols(all_cols, "d.")})::{S}.{r.row_type}), '{{}}'), {found}{moved}
  INTO {delta}, {short}{moved_into}
  FROM delta d;"""


def _late_balance(r: AccumulationRegister) -> str:
    """Add a fresh recorder's change (``v_<register>_delta``) to the balances: what its
    statement left undone when its cheap shortage test erred on the safe side."""
    dims, res = r.dim_columns, r.res_columns
    sums = ", ".join(f"sum({c}) AS {c}" for c in res)
    changes = (
        f"(SELECT {_cols(dims)}, {sums} FROM unnest(v_{r.name}_delta) GROUP BY {_cols(dims)}) d"
    )
    return _new_balances(r, changes) + ";"


def apply_block(
    r: AccumulationRegister,
    rows: str,
    rtype: str,
    rid: str,
    fresh: str | None = None,
    numbered: bool = False,
    keep_delta: bool = True,
) -> str:
    """plpgsql statements replacing recorder (rtype, rid)'s movements by those of ``rows``, a
    FROM item (a parenthesized query over the document) yielding period, dimensions, resources.

    One statement replaces the movements, adds the change to the monthly totals and the
    balances and finds whether a non-negative resource would fall below zero; only then (the
    refusal's path) a second one finds the key and moment to name. ``fresh``: a boolean
    expression, true when the recorder has no movements (a document not posted before): then
    a leaner statement only adds the new ones. ``numbered``: ``rows`` lead with each
    movement's ``line_no`` (else they are numbered in the order they come). ``keep_delta``:
    later statements of the posting read the change from ``v_<register>_delta`` (it is kept
    anyway for a non-negative resource's shortage search and for costs).
    Needs ``v_bad record`` and ``v_asked numeric`` declared besides :func:`apply_declarations`.
    """
    short = f"v_{r.name}_short"
    refuse = ""
    if r.non_negative:
        changes = f"unnest(v_{r.name}_delta)"
        checks = "".join(_check_block(r, c, rows, changes) for c in r.non_negative)
        unnamed = f"RAISE EXCEPTION 'kontora: {r.name}: a shortage was found but not named';"
        if fresh:
            # The fresh statement's test errs on the safe side: no shortage after all.
            unnamed = f"""IF {fresh} THEN{_late_balance(r)}
    ELSE
      {unnamed}
    END IF;"""
        refuse = f"""
  IF {short} THEN{checks}
    {unnamed}
  END IF;"""
    kw = {"numbered": numbered, "keep_delta": keep_delta}
    stmt = _apply_statement(r, rows, rtype, rid, fresh=False, **kw)
    if fresh:
        stmt = f"""IF {fresh} THEN
  {_apply_statement(r, rows, rtype, rid, fresh=True, **kw)}
  ELSE
  {stmt}
  END IF;"""
    return f"""
  -- {r.title}: replace the recorder's movements, compute the change (new − old), add it to
  -- the monthly totals and the balances, in one statement.
  {stmt}{refuse}"""


def register_sql(r: AccumulationRegister, reg: Registry) -> list[str]:
    """Everything one accumulation register needs besides its tables."""
    return row_type_sql(r) + (recost_sql(r, reg) if r.costing else [])
