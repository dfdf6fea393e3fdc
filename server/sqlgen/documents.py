"""Per-document routines: save (write + optional post), post/unpost, deletion mark, guards.

Clerks never write document or register tables directly: they call these SECURITY DEFINER
functions, which run as ``kontora_owner`` with a pinned search_path. Triggers on the tables
guard every path, the owner's included: closed periods, switched-off subsystems, unit
precision, posted documents changed only by posting.
"""

from __future__ import annotations

import re

from server.config.roles import OWNER
from server.metadata import Document, Field, Movements, Number, Qty, Ref, Registry, Table, formula
from server.sqlgen import derived as derived_sql
from server.sqlgen import lock_key
from server.sqlgen import sql_literal as _lit
from server.sqlgen.commit import commit_sql
from server.sqlgen.costing import recost_call
from server.sqlgen.registers import _cols, apply_block, apply_declarations, keys_expr
from server.sqlgen.switches import require_sql
from server.sqlgen.within import within_checks

S = "kontora"
# Entry points run as the owner with a pinned search_path. Their statements (and those of the
# internal routines they call) always have the same shape, so generic plans are reused instead
# of planning the CTE-heavy posting statements again on every call.
DEFINER = (
    f"SECURITY DEFINER SET search_path = {S}, pg_temp SET plan_cache_mode = force_generic_plan"
)


def _value(d: Document, source_field: str, table: str | None) -> str:
    if source_field.startswith("="):  # an SQL expression over h (header) and l (line)
        return f"({source_field[1:]})"
    if d.header_field(source_field) is not None:
        return f"h.{d.header_field(source_field).column}"  # type: ignore[union-attr]
    assert table is not None, f"{d.name}: {source_field} is not a header field"
    return f"l.{d.tabular(table).field(source_field).column}"


def _header_condition(d: Document, register: str) -> str | None:
    """When every rule of ``register`` has a condition over the header alone (no ``l.``), the
    condition under which the document posts to it at all: otherwise the register is skipped
    (unless it holds old movements of the document to remove)."""
    wheres = [m.where for m in d.posting if m.register == register]
    if not wheres or any(w is None or re.search(r"\bl\.", w) for w in wheres):
        return None
    return "(" + " OR ".join(f"({w})" for w in wheres) + ")"


def _cost_estimate(d: Document, reg: Registry, m: Movements) -> str | None:
    """What the cost recalculation will make of rule ``m``'s computed resource when nothing of
    the key comes later ("posting now"): an outgoing movement of a costing register takes
    ``round(cost × qty / quantity, 2)`` of the balance before the posting (all of it for the
    last units), and its followers (sales cost, expenses) the same, positive. Written so at
    once, the recalculation's set-based case finds nothing to change and writes nothing; when
    it is not exact (two lines of one key, later movements, a repost), the recalculation
    writes the difference as before. None: the rule has nothing to estimate."""
    for c_reg in reg.registers.values():
        c = c_reg.costing
        if c is None:
            continue
        if m.register == c_reg.name and m.sign < 0:
            out = m
        elif (d.name, m.register) in {(doc, r) for doc, r, _ in c.follow}:
            outs = [x for x in d.posting if x.register == c_reg.name and x.sign < 0]
            if len(outs) != 1 or outs[0].table != m.table:
                return None
            out = outs[0]
        else:
            continue
        if c.quantity not in out.values:
            return None
        q = _value(d, out.values[c.quantity], out.table)
        qc, ac = c_reg.field(c.quantity).column, c_reg.field(c.amount).column
        key = " AND ".join(
            f"b.{f.column} = {_value(d, out.values[f.name], out.table)}" for f in c_reg.dimensions
        )
        est = (
            f"(SELECT CASE WHEN {q} >= b.{qc} THEN b.{ac} ELSE round(b.{ac} * {q} / b.{qc}, 2) "
            f"END FROM {S}.{c_reg.balance_table} b WHERE {key})"
        )
        # stored: the rule's sign times the value; an outgoing cost is negative, a follower's
        # positive
        return est if m is out or m.sign > 0 else f"-{est}"
    return None


def movement_parts(
    d: Document,
    reg: Registry,
    r_name: str,
    doc_id: str = "p_id",
    post: str = "p_post",
    every: str | None = None,
    estimate: bool = False,
    keys_only: bool = False,
    numbered: bool = False,
) -> list[str]:
    """One SELECT per rule of ``d`` posting to register ``r_name``: the movements of document
    ``doc_id`` (an SQL expression) over its header ``h`` and lines ``l``, when ``post``.

    ``every`` (the consistency check): set-based instead, the movements of every document whose
    id satisfies this condition on ``{id}`` (and ``post``, over ``h``), each led by its
    ``recorder_id``. ``estimate``: costs the recalculation computes start from
    :func:`_cost_estimate` instead of 0. ``keys_only``: the dimensions alone (the keys to
    lock: the resources' expressions, some of them subqueries, are not even set up).
    ``numbered``: each movement led by its number (``line_no``): its line's, or 1 for a
    movement of the header (only for the one rule of ``d`` posting to the register)."""
    r = reg.register(r_name)
    parts = []
    for m in (m for m in d.posting if m.register == r_name):
        exprs = ["h.id AS recorder_id"] if every else []
        exprs += [f"{'l.line_no' if m.table else '1'} AS line_no"] if numbered else []
        exprs += [] if keys_only else ["h.date AS period"]
        computed = reg.computed_resources(d.name, r_name)
        est = _cost_estimate(d, reg, m) if estimate else None
        for f in (*r.dimensions, *(() if keys_only else r.resources)):
            source = m.values.get(f.name) or (f"={est or 0}" if f.name in computed else None)
            assert source, f"{d.name}: no value for {r_name}.{f.name}"
            v = _value(d, source, m.table)
            if f in r.resources:  # an empty amount moves nothing: 0, never NULL
                v = f"{'-' if m.sign < 0 else ''}coalesce({v}, 0)"
            exprs.append(f"{v} AS {f.column}")
        if every and m.table:
            lt = d.lines_table(d.tabular(m.table))
            src = (
                f" FROM {S}.{lt} l JOIN {S}.{d.table} h ON h.id = l.doc_id"
                f" WHERE {every.format(id='l.doc_id')} AND"
            )
        elif every:
            src = f" FROM {S}.{d.table} h WHERE {every.format(id='h.id')} AND"
        elif m.table:
            src = f" FROM {d.lines_table(d.tabular(m.table))} l WHERE l.doc_id = {doc_id} AND"
        else:
            src = " WHERE"
        cond = f" AND ({m.where})" if m.where else ""
        parts.append(f"SELECT {', '.join(exprs)}{src} {post}{cond}")
    return parts


def expected_sql(d: Document, reg: Registry, r_name: str, every: str) -> str:
    """The movements posting writes in register ``r_name`` for every posted document whose id
    satisfies ``every`` (a condition on ``{id}``), ``recorder_id`` first: computed by the same
    SQL as the posting (the consistency check)."""
    parts = movement_parts(d, reg, r_name, post="h.posted", every=every)
    return " UNION ALL ".join(f"({p})" for p in parts)


def _posting_order(d: Document, reg: Registry) -> list[str]:
    """The registers in the order the posting writes them: those following a costing
    register's outgoing cost first, so that their cost estimate reads the same balance
    (before the posting) as the costing register's own (:func:`_cost_estimate`)."""
    follows = {
        r
        for c in reg.registers.values()
        if c.costing
        for doc, r, _ in c.costing.follow
        if doc == d.name
    }
    return sorted(d.registers, key=lambda r: r not in follows)


def post_sql(d: Document, reg: Registry) -> tuple[str, str]:
    """doc_<name>_post(id, post): replace the document's movements in every register.

    Returns the internal ``_posting`` routine and its SECURITY DEFINER entry point."""
    declare, lock, apply, switches, fresh_switches = [], [], [], [], []
    new_rows: dict[str, str] = {}
    for r_name in _posting_order(d, reg):
        r = reg.register(r_name)
        declare += apply_declarations(r)
        # The new movements, read straight from the document (none when unposting); with one
        # rule, numbered by its lines (else the block numbers them).
        numbered = sum(m.register == r_name for m in d.posting) == 1
        parts = movement_parts(d, reg, r_name, estimate=True, numbered=numbered)
        rows = f"({' UNION ALL '.join(parts)})"
        keyed = f"({' UNION ALL '.join(movement_parts(d, reg, r_name, keys_only=True))})"
        on = _header_condition(d, r_name)
        keys, block = (
            keys_expr(r, keyed, _lit(d.name), "p_id", f"s.{r.name}_on" if on else None),
            apply_block(
                r,
                rows,
                _lit(d.name),
                "p_id",
                "v_fresh",
                numbered=numbered,
                # the checks of the registers derived from this one read its change
                keep_delta=bool(reg.derived_from((r_name,))),
            ),
        )
        if on:  # e.g. a shipment without an order: its order registers are skipped
            declare.append(f"  v_{r.name}_on boolean;")
            switches.append(
                (
                    f"v_{r.name}_on",
                    f"p_post AND {on} OR EXISTS (SELECT 1 FROM {r.table} "
                    f"WHERE recorder_type = {_lit(d.name)} AND recorder_id = p_id) AS {r.name}_on",
                )
            )
            fresh_switches.append((f"v_{r.name}_on", f"p_post AND {on} AS {r.name}_on"))
            block = f"\n  IF v_{r.name}_on THEN{block}\n  END IF;"
        lock.append(keys)
        # The keys of a derived register (free stock of a warehouse and product) are locked
        # by every posting to one of its components, beside the component's own.
        lock += [
            keys_expr(r, keyed, _lit(d.name), "p_id", f"s.{r.name}_on" if on else None, as_=x)
            for x in reg.derived_from((r_name,))
        ]
        apply.append(block)
        new_rows[r_name] = rows
    for x in reg.derived_from(d.registers):  # after the blocks: it reads their balances
        declare += derived_sql.check_declarations(x)
        apply.append(derived_sql.check_block(x, reg, new_rows))
    # Costs follow the movements: recomputed once every register is written and the hooks'
    # checks passed (sqlgen/costing.py).
    recost = []
    for r_name in d.registers:
        r = reg.register(r_name)
        if r.costing is not None:
            only_out = all(m.sign < 0 for m in d.posting if m.register == r_name)
            recost.append(recost_call(r, d.name, only_out, reg))
    title = _lit(d.title)
    return (
        f"""
CREATE OR REPLACE FUNCTION {S}.{d.table}_posting(p_id bigint, p_post boolean,
                                                  p_checked boolean DEFAULT false,
                                                  p_fresh boolean DEFAULT NULL)
RETURNS void LANGUAGE plpgsql AS $f$
-- Internal (owner only): called by the entry points below, inheriting their settings.
-- p_checked: the caller just wrote the header, whose guard checked subsystem and period.
-- p_fresh: the document was not posted before the caller's change (NULL: as the header
-- says), so it has no movements: the registers only add the new ones.
DECLARE
  h {S}.{d.table};
  v_fresh boolean;
  v_bad record;
  v_asked numeric;
{chr(10).join(declare)}
BEGIN
  IF p_checked THEN  -- written by the caller just now: checked by its guard, the row locked
    SELECT * INTO h FROM {d.table} WHERE id = p_id;
  ELSE
    -- The posted flag first: the header's guard checks subsystem and period (and the row is
    -- locked) as for any write; h keeps the flag as it was.
    UPDATE {d.table} SET posted = p_post WHERE id = p_id AND posted IS DISTINCT FROM p_post
    RETURNING * INTO h;
    IF FOUND THEN
      h.posted := NOT p_post;
    ELSE  -- posted again as it is (or unposted again): nothing written, checked here
      SELECT * INTO h FROM {d.table} WHERE id = p_id FOR UPDATE;
      IF FOUND THEN
        {require_sql(reg, d.subsystem, title + " || ' ' || h.number")}
        {_open_period("h", title)}
      END IF;
    END IF;
  END IF;
  IF h.id IS NULL THEN
    PERFORM kontora.fail('KN008', format('%s #%s does not exist', {title}, p_id));
  END IF;
  v_fresh := coalesce(p_fresh, NOT h.posted);
{_not_postable(d)}  IF p_post AND h.deletion_mark THEN
    PERFORM kontora.fail('KN006', format('%s %s is marked for deletion and cannot be posted',
                                         {title}, h.number));
  END IF;
  IF v_fresh THEN  -- no old movements: the new ones' keys, one pass over each source
  {_lock_sql(title, fresh_switches, fresh_keys(d, reg)).lstrip()}
  ELSE
{_lock_sql(title, switches, lock)}
  END IF;
{chr(10).join(apply)}{"".join(f"{chr(10)}  PERFORM {S}.{hook}(p_id, p_post);" for hook in d.hooks)}
{chr(10).join(recost)}
  IF h.posted IS DISTINCT FROM p_post THEN
    IF p_checked THEN  -- (the other callers changed it first)
      UPDATE {d.table} SET posted = p_post WHERE id = p_id;
    END IF;
    INSERT INTO history (table_name, row_id, op, changes)
    VALUES ({_lit(d.table)}, p_id, 'UPDATE',
            jsonb_build_object('posted', jsonb_build_object('old', h.posted, 'new', p_post)));
  END IF;
END $f$""",
        f"""
CREATE OR REPLACE FUNCTION {S}.{d.table}_post(p_id bigint, p_post boolean DEFAULT true)
RETURNS jsonb LANGUAGE plpgsql {DEFINER} AS $f$
-- The document's state after the change (as save returns it): the client posts in one
-- autocommit round trip, no BEGIN, second statement and COMMIT.
BEGIN
  PERFORM {S}.{d.table}_posting(p_id, p_post);
  RETURN {S}.{d.table}_state(p_id, false);
END $f$""",
    )


def fresh_keys(d: Document, reg: Registry) -> list[str]:
    """The lock keys of a document's new movements (as :func:`keys_expr` computes them), one
    query per source (lines or header, condition): the keys of every register a line moves
    come from one read of the line."""
    groups: dict[tuple[str | None, str | None, str], list[str]] = {}
    for r_name in d.registers:
        r = reg.register(r_name)
        gate = f" AND s.{r.name}_on" if _header_condition(d, r_name) else ""
        for m in (m for m in d.posting if m.register == r_name):
            for x in (r, *reg.derived_from((r_name,))):  # a derived register's keys too
                key = lock_key(x.name, [_value(d, m.values[f.name], m.table) for f in x.dimensions])
                groups.setdefault((m.table, m.where, gate), []).append(key)
    out = []
    for (table, where, gate), keys in groups.items():
        src = f" FROM {d.lines_table(d.tabular(table))} l" if table else ""
        cond = (
            ("l.doc_id = p_id AND " if table else "")
            + "p_post"
            + (f" AND ({where})" if where else "")
        )
        out.append(
            f"SELECT k FROM (SELECT ARRAY[{', '.join(keys)}] AS ks{src} WHERE {cond}{gate}) x, "
            "unnest(x.ks) k"
        )
    return out


def _lock_sql(title: str, switches: list[tuple[str, str]], keys: list[str]) -> str:
    """One statement: name the session after the document (a posting waiting for a lock names
    its holder by it), decide which registers with a header condition are written (``s.<r>_on``,
    into the variables of ``switches``), and lock the keys of them all (``keys``: a query per
    register, in terms of ``s``, all gathered into one array), in this order."""
    app = (
        "set_config('application_name', "
        f"left(format('%s %s (user %s)', {title}, h.number, session_user), 63), true) AS app"
    )
    if not keys:
        return f"  PERFORM {app[:-7]};"
    cols = ", ".join([app, *(expr for _, expr in switches)])
    lock = f"kontora.lock_keys(ARRAY({' UNION ALL '.join(keys)}))"
    src = f"(SELECT {cols} OFFSET 0) s CROSS JOIN LATERAL (SELECT {lock}) k"
    if not switches:
        return f"  PERFORM FROM {src};"
    into = ", ".join(v for v, _ in switches)
    return f"  SELECT {', '.join(f's.{v[2:]}' for v, _ in switches)} INTO {into}\n  FROM {src};"


def _not_postable(d: Document) -> str:
    """A document that is only saved refuses to be posted (KN006)."""
    if d.postable:
        return ""
    return f"""  IF p_post THEN
    PERFORM kontora.fail('KN006', format('%s %s is never posted; saving it is all there is',
                                         {_lit(d.title)}, h.number),
      jsonb_build_object('object', {_lit(d.title)} || ' ' || h.number, 'problem', 'not_postable'));
  END IF;
"""


def _line_value(d: Document, t: Table, f: Field) -> str:
    """A line column as saved: a computed amount by its formula over the line (``x``) and the
    header (``r``), else (or when an operand is empty) as typed."""
    if isinstance(f, Number) and f.computed:
        return f"coalesce({_formula_sql(d, t, f.computed)}, x.{f.column})"
    return f"x.{f.column}"


def _formula_sql(d: Document, t: Table, expr: str) -> str:
    """A line formula over the line (``x``) and the header (``r``); an operand that is itself
    computed (VAT over the discounted amount) is read by its own formula, as the client does."""
    lines = {g.name: g for g in t.fields}

    def column(name: str) -> str:
        g = lines.get(name)
        if isinstance(g, Number) and g.computed:
            return f"({_formula_sql(d, t, g.computed)})"
        if g is not None:
            return f"x.{g.column}"
        return f"r.{d.header_field(name).column}"  # type: ignore[union-attr]

    return formula.to_sql(expr, column)


def _link_sql(d: Document, reg: Registry) -> str:
    """Record "created based on" from the payload's ``based_on: {type, id}`` in doc_links.

    Only a declared basis type is accepted, and the basis must exist and not be marked for
    deletion. The link is part of the save's history entry."""
    title = _lit(d.title)
    whens = []
    for b in d.based_on:
        basis = reg.document(b.basis)
        whens.append(f"""
      WHEN {_lit(b.basis)} THEN
        v_btitle := {_lit(basis.title)};
        SELECT number, deletion_mark INTO v FROM {basis.table} WHERE id = v_bid;""")
    found = (
        f"""
    CASE v_btype{"".join(whens)}
      ELSE v_btitle := NULL;
    END CASE;"""
        if whens
        else "\n    v_btitle := NULL;"
    )
    return f"""
  IF jsonb_typeof(p -> 'based_on') = 'object' THEN
    v_btype := p -> 'based_on' ->> 'type';
    v_bid := CASE WHEN p -> 'based_on' ->> 'id' ~ '^[0-9]{{1,18}}$'
                  THEN (p -> 'based_on' ->> 'id')::bigint END;{found}
    IF v_btitle IS NULL THEN
      PERFORM kontora.fail('KN005', format('%s cannot be created based on a document of type %s',
                                           {title}, coalesce(v_btype, '(none)')),
        jsonb_build_object('basis_type', v_btype));
    END IF;
    IF v.number IS NULL THEN
      PERFORM kontora.fail('KN008', format('%s: the basis document %s #%s does not exist',
                                           {title}, v_btitle, coalesce(v_bid::text, '?')),
        jsonb_build_object('basis_type', v_btype, 'basis_id', v_bid));
    END IF;
    IF v.deletion_mark THEN
      PERFORM kontora.fail('KN006', format('%s: the basis document %s %s is marked for deletion',
                                           {title}, v_btitle, v.number),
        jsonb_build_object('basis_type', v_btype, 'basis_id', v_bid));
    END IF;
    INSERT INTO doc_links (doc_type, doc_id, basis_type, basis_id)
    VALUES ({_lit(d.name)}, v_id, v_btype, v_bid) ON CONFLICT DO NOTHING;
    v_changes := coalesce(v_changes, '{{}}') || jsonb_build_object('based_on', jsonb_build_object(
      'old', NULL, 'new', jsonb_build_object('type', v_btype, 'id', v_bid, 'number', v.number)));
  END IF;"""


def save_sql(d: Document, reg: Registry) -> str:
    """doc_<name>_save(payload, post): create or update header and lines, then (re)post."""
    hcols = ["number", "date", "organization_id", *[f.column for f in d.header]]
    sets = ", ".join(f"{c} = r.{c}" for c in hcols)
    lines = []
    for t in d.tables:
        lt = d.lines_table(t)
        cols = [f.column for f in t.fields]
        # The lines read by one jsonb_to_recordset over the declared columns and their types
        # (not a jsonb_populate_record of the table's row type per line: 0.977x the server CPU).
        typed = ", ".join(f"{f.column} {f.sql_type}" for f in t.fields)
        # Whether a line would be refused by a check, asked of the inserted lines as they
        # are gathered for the history (no second statement over them in the usual case).
        refusal = line_refusal(d, t, reg)
        refused = f", coalesce(bool_or({refusal}), false)" if refusal else ""
        into_refused = ", v_refused" if refusal else ""
        checks = _line_checks(d, t, reg, f"(SELECT * FROM {lt} WHERE doc_id = v_id)", "v_refused")
        # A payload without the section keeps the lines as they are (header-only edit).
        lines.append(f"""
  IF p ? {_lit(t.name)} THEN
    v_old_lines := NULL;
    IF v_posted IS NOT NULL THEN
      WITH del AS (DELETE FROM {lt} WHERE doc_id = v_id RETURNING *)
      SELECT jsonb_agg(to_jsonb(del) - 'doc_id' ORDER BY del.line_no) INTO v_old_lines FROM del;
    END IF;
    WITH ins AS (
      INSERT INTO {lt} (doc_id, line_no, {_cols(cols)})
      SELECT v_id, x.line_ord, {", ".join(_line_value(d, t, f) for f in t.fields)}
      FROM ROWS FROM (jsonb_to_recordset(coalesce(p -> {_lit(t.name)}, '[]')) AS ({typed}))
           WITH ORDINALITY AS x({_cols(cols)}, line_ord)
      RETURNING *
    )
    SELECT coalesce(v_changes, '{{}}') || jsonb_build_object({_lit(t.name)}, jsonb_build_object(
             'old', v_old_lines, 'new', jsonb_agg(to_jsonb(n) - 'doc_id' ORDER BY n.line_no))){refused}
    INTO v_changes{into_refused} FROM ins n;{checks}
  END IF;""")
    title = _lit(d.title)
    return f"""
CREATE OR REPLACE FUNCTION {S}.{d.table}_save(p jsonb, p_post boolean DEFAULT NULL)
RETURNS jsonb LANGUAGE plpgsql {DEFINER} AS $f$
DECLARE
  r {S}.{d.table};
  o {S}.{d.table};
  v_id bigint := (p ->> 'id')::bigint;
  v_req uuid := (p ->> 'request_key')::uuid;
  v_posted boolean;  -- NULL while the document is new
  v_old_lines jsonb;
  v_refused boolean;  -- a line that a check refuses (then named by the check)
  v_changes jsonb;  -- the history entry: changed header columns and sections (old and new)
  v_new {S}.{d.table};
  v record;
  v_btype text;  -- based_on: the basis document's type, id and title
  v_bid bigint;
  v_btitle text;
BEGIN{"" if d.postable else chr(10) + "  p_post := NULL;  -- only saved, never posted"}
  IF v_id IS NULL THEN
    r := jsonb_populate_record(NULL::{S}.{d.table}, p);
    IF r.client_key IS NULL THEN
      PERFORM kontora.fail('KN005', {title} || ': client_key is required to create a document');
    END IF;
    r.date := coalesce(r.date, localtimestamp(0));
    r.number := coalesce(nullif(btrim(r.number), ''),
                         {_lit(d.number_prefix)} || to_char(r.date, 'YY') || '-'
                         || lpad(nextval('{S}.{d.table}_number_seq')::text, 6, '0'));
    -- The posted flag is written with the header (the posting below runs in the same
    -- transaction and fails it as a whole), saving an UPDATE of the fresh row.
    INSERT INTO {d.table} (client_key, last_request, posted, {_cols(hcols)})
    VALUES (r.client_key, v_req, coalesce(p_post, false), {_cols(hcols, "r.")})
    ON CONFLICT (client_key) DO NOTHING
    RETURNING * INTO v_new;
    IF v_new.id IS NULL THEN
      SELECT id INTO v_id FROM {d.table} WHERE client_key = r.client_key;
      RETURN {S}.{d.table}_state(v_id, true);
    END IF;
    v_id := v_new.id;
    v_changes := to_jsonb(v_new);
  ELSE
    SELECT * INTO o FROM {d.table} WHERE id = v_id FOR UPDATE;
    IF NOT FOUND THEN
      PERFORM kontora.fail('KN008', format('%s #%s does not exist', {title}, v_id));
    END IF;
    IF v_req IS NOT NULL AND o.last_request = v_req THEN
      RETURN {S}.{d.table}_state(v_id, true);
    END IF;
    IF (p ->> 'version')::int IS DISTINCT FROM o.version THEN
      PERFORM kontora.fail('KN007',
        format('%s %s was changed by another user since you opened it (now version %s, yours %s). '
               'Reload it; your changes are kept in the form.', {title}, o.number, o.version,
               coalesce(p ->> 'version', '?')),
        jsonb_build_object('id', v_id, 'version', o.version));
    END IF;
    r := jsonb_populate_record(o, p - 'version' - 'posted' - 'deletion_mark' - 'client_key');
    r.number := coalesce(nullif(btrim(r.number), ''), o.number);
    UPDATE {d.table} SET {sets}, version = o.version + 1, last_request = v_req,
                         posted = coalesce(p_post, o.posted)
    WHERE id = v_id
    RETURNING * INTO v_new;
    v_posted := o.posted;
    v_changes := kontora.jsonb_changes(to_jsonb(o), to_jsonb(v_new));
  END IF;{"".join(lines)}{_link_sql(d, reg)}
  -- Fields an administrator added (kontora.extra_fields), written by their columns.
  v_changes := coalesce(v_changes, '{{}}')
               || {S}.save_extra_fields({_lit(d.table)}, v_id, p, v_posted IS NULL);
  -- One history entry per save (the row trigger skips the owner's writes).
  INSERT INTO history (table_name, row_id, op, changes)
  VALUES ({_lit(d.table)}, v_id, CASE WHEN v_posted IS NULL THEN 'INSERT' ELSE 'UPDATE' END,
          v_changes);
  IF coalesce(p_post, v_posted) OR v_posted THEN
    PERFORM {S}.{d.table}_posting(v_id, coalesce(p_post, v_posted), true, v_posted IS NOT TRUE);
  END IF;
  RETURN {S}.{d.table}_state(v_id, false);
END $f$"""


def state_sql(d: Document) -> str:
    return f"""
CREATE OR REPLACE FUNCTION {S}.{d.table}_state(p_id bigint, p_replayed boolean)
RETURNS jsonb LANGUAGE sql STABLE AS $f$
  SELECT jsonb_build_object('id', id, 'number', number, 'date', date, 'version', version,
                            'posted', posted, 'deletion_mark', deletion_mark, 'replayed', p_replayed,
                            -- what a hook left for the user (an order kept waiting for
                            -- approval): the English "message", its "kind" and parameters
                            'notice', nullif(current_setting('kontora.notice', true), '')::jsonb)
  FROM {S}.{d.table} WHERE id = p_id
$f$"""


def mark_sql(d: Document) -> str:
    title = _lit(d.title)
    return f"""
CREATE OR REPLACE FUNCTION {S}.{d.table}_mark(p_id bigint, p_mark boolean)
RETURNS jsonb LANGUAGE plpgsql {DEFINER} AS $f$
DECLARE
  h {S}.{d.table};
BEGIN
  SELECT * INTO h FROM {d.table} WHERE id = p_id FOR UPDATE;
  IF NOT FOUND THEN
    PERFORM kontora.fail('KN008', format('%s #%s does not exist', {title}, p_id));
  END IF;
  IF p_mark AND h.posted THEN
    PERFORM {S}.{d.table}_posting(p_id, false);
  END IF;
  UPDATE {d.table} SET deletion_mark = p_mark, version = version + 1 WHERE id = p_id;
  IF h.deletion_mark IS DISTINCT FROM p_mark THEN
    INSERT INTO history (table_name, row_id, op, changes)
    VALUES ({_lit(d.table)}, p_id, 'UPDATE', jsonb_build_object(
            'deletion_mark', jsonb_build_object('old', h.deletion_mark, 'new', p_mark)));
  END IF;
  RETURN {S}.{d.table}_state(p_id, false);
END $f$"""


def _group_refs(fields: tuple[Field, ...], reg: Registry) -> list[Ref]:
    """References to hierarchical catalogs: they must point to an item, never to a group."""
    return [f for f in fields if isinstance(f, Ref) and reg.catalogs[f.target].hierarchical]


def _header_group_check(d: Document, reg: Registry) -> str:
    """Row guard: a header reference to a hierarchical catalog names an item, not a group."""
    out = []
    for f in _group_refs(d.header, reg):
        c = reg.catalogs[f.target]
        out.append(f"""
    IF NEW.{f.column} IS NOT NULL
       AND (TG_OP = 'INSERT' OR NEW.{f.column} IS DISTINCT FROM OLD.{f.column}) THEN
      SELECT name INTO v FROM {c.table} WHERE id = NEW.{f.column} AND is_group;
      IF FOUND THEN
        PERFORM kontora.fail('KN005',
          format('%s %s: %s «%s» is a group; choose an item', {_lit(d.title)}, NEW.number,
                 {_lit(f.label)}, v.name),
          jsonb_build_object('object', {_lit(d.title)} || ' ' || NEW.number,
                             'field', {_lit(f.label)}, 'problem', 'group', 'value', v.name));
      END IF;
    END IF;""")
    return "".join(out)


def _open_period(row: str, title: str) -> str:
    """plpgsql refusing a change of document ``row`` in the closed period: the common case
    (open) by one look-up of the lock date, the routine that decides and names it only when
    the date is not after it (three nested routines per row written cost more)."""
    return f"""IF {row}.date IS NULL OR {row}.date::date <= {S}.lock_date({row}.organization_id) THEN
      PERFORM {S}.require_open_period({row}.date, {title}, {row}.number, {row}.organization_id);
    END IF;"""


def guard_sql(d: Document, reg: Registry) -> list[str]:
    """Triggers: period lock, subsystem, posted documents read-only outside posting, units,
    references to items (not groups)."""
    title = _lit(d.title)
    out = [
        f"""
CREATE OR REPLACE FUNCTION {S}.tg_{d.table}_guard() RETURNS trigger
LANGUAGE plpgsql SET search_path = {S}, pg_temp AS $f$
DECLARE
  v record;
BEGIN
  {require_sql(reg, d.subsystem, title + " || ' ' || coalesce(NEW.number, OLD.number)")}
  IF TG_OP <> 'INSERT' THEN
    {_open_period("OLD", title)}
    IF OLD.posted AND NOT kontora.is_owner() THEN
      PERFORM kontora.fail('KN006', format('%s %s is posted; only posting can change it', {title},
                                           OLD.number));
    END IF;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    IF TG_OP = 'INSERT' OR NEW.date IS DISTINCT FROM OLD.date
       OR NEW.organization_id IS DISTINCT FROM OLD.organization_id THEN  -- (else checked above)
      {_open_period("NEW", title)}
    END IF;
    IF NEW.posted AND NOT kontora.is_owner() THEN
      PERFORM kontora.fail('KN006', format('%s %s can be posted only by posting it', {title},
                                           NEW.number));
    END IF;{_header_group_check(d, reg)}{within_checks(d.header, reg, _lit(d.title) + " || ' ' || NEW.number")}
    RETURN NEW;
  END IF;
  RETURN OLD;
END $f$""",
        f"DROP TRIGGER IF EXISTS guard ON {S}.{d.table}",
        f"CREATE TRIGGER guard BEFORE INSERT OR UPDATE OR DELETE ON {S}.{d.table} "
        f"FOR EACH ROW EXECUTE FUNCTION {S}.tg_{d.table}_guard()",
    ]
    for t in d.tables:
        out += _lines_guard_sql(d, t, reg)
    return out


def _unit_check(d: Document, t: Table, rows: str) -> list[tuple[str, str]]:
    """Set-based: no quantity with more decimals than its product's unit allows (per quantity:
    the condition on a line ``n`` that refuses it, and the statements finding and naming the
    first such line of ``rows``)."""
    checks = []
    for f in t.fields:
        if not (isinstance(f, Qty) and f.unit_from):
            continue
        ref = t.field(f.unit_from)
        bad = (  # (line n; the unit's precision probed per line, as the group check)
            f"n.{f.column} <> trunc(n.{f.column}, "
            f"(SELECT u.precision FROM cat_{ref.target} p JOIN cat_units u ON u.id = p.unit_id "
            f"WHERE p.id = n.{ref.column}))"
        )
        checks.append(
            (
                bad,
                f"""
    SELECT h.number, n.line_no, n.{f.column} AS value, p.name AS item, u.name AS unit,
           u.precision INTO v
    FROM {rows} n JOIN {d.table} h ON h.id = n.doc_id
    JOIN cat_{ref.target} p ON p.id = n.{ref.column} JOIN cat_units u ON u.id = p.unit_id
    WHERE n.{f.column} <> trunc(n.{f.column}, u.precision)
    ORDER BY n.doc_id, n.line_no LIMIT 1;
    IF FOUND THEN
      PERFORM kontora.fail('KN005',
        format('%s %s, line %s: {f.label.lower()} %s of «%s» has more decimals than its unit «%s» allows (%s)',
               {_lit(d.title)}, v.number, v.line_no, v.value, v.item, v.unit, v.precision),
        jsonb_build_object('field', {_lit(f.name)}, 'line', v.line_no, 'value', v.value,
                           'unit', v.unit, 'precision', v.precision));
    END IF;""",
            )
        )
    return checks


def _group_check(d: Document, t: Table, reg: Registry, rows: str) -> list[tuple[str, str]]:
    """Set-based: no line references a group of a hierarchical catalog (only items); per
    reference as :func:`_unit_check`."""
    checks = []
    where = _lit(f"{d.title} %s, {t.title or t.name} line %s")
    for f in _group_refs(t.fields, reg):
        c = reg.catalogs[f.target]
        # (line n; an index probe: a join might hash over a scan of the whole catalog)
        bad = f"coalesce((SELECT g.is_group FROM {c.table} g WHERE g.id = n.{f.column}), false)"
        checks.append(
            (
                bad,
                f"""
    SELECT h.number, n.line_no, g.name AS item INTO v
    FROM {rows} n JOIN {d.table} h ON h.id = n.doc_id
    JOIN {c.table} g ON g.id = n.{f.column} AND g.is_group
    ORDER BY n.doc_id, n.line_no LIMIT 1;
    IF FOUND THEN
      PERFORM kontora.fail('KN005',
        format('%s %s, line %s: {f.label.lower()} «%s» is a group; choose an item',
               {_lit(d.title)}, v.number, v.line_no, v.item),
        jsonb_build_object('object', format({where}, v.number, v.line_no),
                           'field', {_lit(f.label)}, 'line', v.line_no, 'problem', 'group',
                           'value', v.item));
    END IF;""",
            )
        )
    return checks


def _line_checks(d: Document, t: Table, reg: Registry, rows: str, gate: str | None = None) -> str:
    """The checks of new or changed lines ``rows``: items, not groups; decimals the unit
    allows. First a single statement asks whether any line would refuse (the usual answer, no,
    then costs one statement instead of one per check) — or ``gate``, a boolean the caller
    already computed by :func:`line_refusal` — and only then the checks find and name it."""
    checks = _group_check(d, t, reg, rows) + _unit_check(d, t, rows)
    if not checks:
        return ""
    ask = gate or f"EXISTS (SELECT 1 FROM {rows} n WHERE {line_refusal(d, t, reg)})"
    return f"""
    IF {ask} THEN{"".join(block for _, block in checks)}
    END IF;"""


def line_refusal(d: Document, t: Table, reg: Registry) -> str | None:
    """The condition on a line ``n`` of ``t`` that one of :func:`_line_checks` refuses (None:
    there are no such checks)."""
    checks = _group_check(d, t, reg, "") + _unit_check(d, t, "")
    return " OR ".join(f"({bad})" for bad, _ in checks) or None


def _header_check(d: Document, rows: str) -> str:
    """The documents whose lines change must be open and, unless posting, unposted."""
    title = _lit(d.title)
    return f"""
    SELECT h.number, h.date, h.posted, h.organization_id INTO v
    FROM {d.table} h WHERE h.id IN (SELECT doc_id FROM {rows})
      AND (h.posted AND NOT kontora.is_owner()
           OR kontora.period_closed(h.date, h.organization_id))
    ORDER BY h.date LIMIT 1;
    IF FOUND THEN
      PERFORM kontora.require_open_period(v.date, {title}, v.number, v.organization_id);
      PERFORM kontora.fail('KN006', format('%s %s is posted; its lines change only by reposting',
                                           {title}, v.number));
    END IF;"""


def _lines_guard_sql(d: Document, t: Table, reg: Registry) -> list[str]:
    """Statement-level guard with transition tables for every writer but the owner.

    The owner writes lines only inside ``doc_<name>_save``, which checks units inline (a cached
    plan) and whose header write checks the period; transition-table queries are planned anew
    on every statement, too slow for the posting path."""
    lt = d.lines_table(t)
    fn = f"{S}.tg_{lt}_guard"
    out = [
        f"""
CREATE OR REPLACE FUNCTION {fn}() RETURNS trigger
LANGUAGE plpgsql SET search_path = {S}, pg_temp AS $f$
DECLARE
  v record;
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN{_header_check(d, "old_rows")}
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN{_header_check(d, "new_rows")}{_line_checks(d, t, reg, "new_rows")}
  END IF;
  RETURN NULL;
END $f$""",
        f"DROP TRIGGER IF EXISTS guard ON {S}.{lt}",
    ]
    refs = {
        "INSERT": "NEW TABLE AS new_rows",
        "UPDATE": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
        "DELETE": "OLD TABLE AS old_rows",
    }
    for op, ref in refs.items():
        out += [
            f"DROP TRIGGER IF EXISTS guard_{op.lower()} ON {S}.{lt}",
            f"CREATE TRIGGER guard_{op.lower()} AFTER {op} ON {S}.{lt} REFERENCING {ref} "
            f"FOR EACH STATEMENT WHEN (current_user <> '{OWNER}') EXECUTE FUNCTION {fn}()",
        ]
    return out


def document_sql(d: Document, reg: Registry) -> list[str]:
    # The posting routine before p_fresh (revision 0029) would shadow calls with three arguments.
    drop = f"DROP FUNCTION IF EXISTS {S}.{d.table}_posting(bigint, boolean, boolean)"
    # The entry point of older installs returned nothing (a return type cannot be replaced):
    # dropped once, on the upgrade; its grants are given again by the installer's grants_sql.
    void_post = f"""DO $d$ BEGIN
  IF (SELECT prorettype FROM pg_proc
      WHERE oid = to_regprocedure('{S}.{d.table}_post(bigint, boolean)')) = 'void'::regtype THEN
    DROP FUNCTION {S}.{d.table}_post(bigint, boolean);
  END IF;
END $d$"""
    return [
        *guard_sql(d, reg),
        state_sql(d),
        drop,
        void_post,
        *post_sql(d, reg),
        save_sql(d, reg),
        mark_sql(d),
        *commit_sql(d),
    ]
