"""A derived register (``AccumulationRegister.components``, e.g. free stock = stock − reserves):
views under the tables' names for reading, and what a posting to one of its components adds —
the derived keys to lock and the check that keeps its ``non_negative`` resources at or above
zero at every moment.

No document posts to it and nothing stores it: posting writes the components only, and the
derived balance of a key is read from theirs (each posting to a component holds the derived
key's lock, so no other posting changes a component of that key meanwhile).
"""

from __future__ import annotations

from server.metadata import AccumulationRegister, Registry
from server.sqlgen.registers import _check_block, _cols

S = "kontora"


def _signed(sign: int, col: str) -> str:
    return col if sign > 0 else f"-{col}"


def _parts(r: AccumulationRegister, reg: Registry) -> list[tuple[AccumulationRegister, int]]:
    return [(reg.register(name), sign) for name, sign in r.components]


def views_sql(r: AccumulationRegister, reg: Registry) -> list[str]:
    """The movements, monthly totals and balances of ``r`` as views named like a stored
    register's tables: the components' rows times their signs, summed by ``r``'s dimensions.
    A month's receipts of a negated component are its expenses (receipts − net)."""
    dims, res = _cols(r.dim_columns), r.res_columns
    moves = " UNION ALL ".join(
        f"SELECT recorder_type, recorder_id, line_no, period, {dims}, "
        f"{', '.join(f'{_signed(sign, c)} AS {c}' for c in res)} FROM {S}.{c_reg.table}"
        for c_reg, sign in _parts(r, reg)
    )
    received = [(c, f"{c}_in") for c in res]
    totals = " UNION ALL ".join(
        f"SELECT month, {dims}, "
        + ", ".join(
            f"{_signed(sign, c)} AS {c}, {rc if sign > 0 else f'{rc} - {c}'} AS {rc}"
            for c, rc in received
        )
        + f" FROM {S}.{c_reg.totals_table}"
        for c_reg, sign in _parts(r, reg)
    )
    sums = ", ".join(f"sum({c}) AS {c}" for c in res)
    sums_in = ", ".join(f"sum({c}) AS {c}, sum({rc}) AS {rc}" for c, rc in received)
    balances = " UNION ALL ".join(
        f"SELECT {dims}, {', '.join(f'{_signed(sign, c)} AS {c}' for c in res)} "
        f"FROM {S}.{c_reg.balance_table}"
        + (f" WHERE {r.open_rows(c_reg)}" if r.open_rows(c_reg) else "")
        for c_reg, sign in _parts(r, reg)
    )
    return [
        f"CREATE OR REPLACE VIEW {S}.{r.table} AS {moves}",
        f"CREATE OR REPLACE VIEW {S}.{r.totals_table} AS SELECT month, {dims}, {sums_in} "
        f"FROM ({totals}) u GROUP BY month, {dims}",
        f"CREATE OR REPLACE VIEW {S}.{r.balance_table} AS SELECT {dims}, {sums} "
        f"FROM ({balances}) u GROUP BY {dims}",
    ]


def check_declarations(r: AccumulationRegister) -> list[str]:
    """plpgsql variables :func:`check_block` uses (besides ``v_bad``, ``v_asked``)."""
    return [f"  v_{r.name}_short boolean;"]


def check_block(r: AccumulationRegister, reg: Registry, rows: dict[str, str]) -> str:
    """plpgsql statements run after a posting's register blocks: refuse it when a derived
    ``non_negative`` resource would be below zero at some moment from its earliest decrease on.

    ``rows``: the new movements (a FROM item) of each component the document posts to; its
    change is read from their blocks' ``v_<component>_delta``. A cheap test first (the key's
    balance now, and whether anything of the key moves after the decrease); only when it fails
    the exact search of :func:`server.sqlgen.registers._check_block`, on the balances the
    blocks already changed."""
    dims = r.dim_columns
    posted = [(c_reg, sign) for c_reg, sign in _parts(r, reg) if c_reg.name in rows]
    out = []
    for res in r.non_negative:
        moved = " UNION ALL ".join(
            f"SELECT period, {_cols(dims)}, {_signed(sign, res)} AS {res} "
            f"FROM unnest(v_{c_reg.name}_delta)"
            for c_reg, sign in posted
        )
        changes = (
            f"(SELECT period, {_cols(dims)}, sum({res}) AS {res} FROM ({moved}) u "
            f"GROUP BY period, {_cols(dims)}) u"
        )
        new_rows = " UNION ALL ".join(
            f"SELECT period, {_cols(dims)}, {_signed(sign, res)} AS {res} FROM {rows[c_reg.name]} s"
            for c_reg, sign in posted
        )
        match = " AND ".join(f"b.{c} = k.{c}" for c in dims)
        terms = []
        for c_reg, sign in _parts(r, reg):
            where = " AND ".join(x for x in (match, r.open_rows(c_reg, "b.")) if x)
            # (a component keyed as the derived register has one balance row per key)
            one = set(c_reg.dim_columns) == set(dims)
            terms.append(
                f"{'+' if sign > 0 else '-'} coalesce((SELECT {f'b.{res}' if one else f'sum(b.{res})'} "
                f"FROM {c_reg.balance_table} b WHERE {where}), 0)"
            )
        end = " ".join(terms).removeprefix("+ ")
        # (each component's movements by its index, not the derived view's union of them)
        later = " OR ".join(
            f"EXISTS (SELECT 1 FROM {c_reg.table} m WHERE "
            + " AND ".join(f"m.{c} = k.{c}" for c in dims)
            + " AND m.period > k.p0)"
            for c_reg, _ in _parts(r, reg)
        )
        short = f"v_{r.name}_short"
        test = f"""SELECT EXISTS (
    SELECT 1 FROM (SELECT {_cols(dims)}, min(period) FILTER (WHERE {res} < 0) AS p0
                   FROM {changes} GROUP BY {_cols(dims)}) k
    WHERE k.p0 IS NOT NULL
      AND ({end} < 0
           OR {later})
  ) INTO {short};"""
        # The usual case, a first posting that moves one component only: its change has one
        # row per key, all at the document's moment, and the test reads it as it is.
        for c_reg, sign in reversed(posted):
            alone = " AND ".join(
                f"coalesce(cardinality(v_{o.name}_delta), 0) = 0" for o, _ in posted if o != c_reg
            )
            test = f"""IF v_fresh{f" AND {alone}" if alone else ""} THEN
  SELECT EXISTS (
    SELECT 1 FROM (SELECT {_cols(dims)}, period AS p0 FROM unnest(v_{c_reg.name}_delta)
                   WHERE {_signed(sign, res)} < 0) k
    WHERE {end} < 0
       OR {later}
  ) INTO {short};
  ELSE
  {test}
  END IF;"""
        out.append(f"""
  -- {r.title} ({", ".join(f"{'+' if s > 0 else '−'}{c.name}" for c, s in _parts(r, reg))}): \
never below zero from the earliest decrease on.
  {test}
  IF {short} THEN{_check_block(r, res, f"({new_rows})", changes, end)}
  END IF;""")
    return "".join(out)
