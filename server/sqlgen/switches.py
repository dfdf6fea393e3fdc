"""The subsystem switches in SQL, generated from the declared dependencies.

``kontora.subsystem_chain(name)``: the subsystem and everything it needs, transitively;
``kontora.subsystem_on(name)``: it and all it needs are switched on (what the client shows and
the server accepts agree: a stock count is refused when the Warehouse it needs is off, even if
its own switch is on); ``kontora.require_subsystem`` refuses a write naming the first of them
that is off.
"""

from __future__ import annotations

from server.metadata import Registry
from server.sqlgen import sql_literal as _lit

S = "kontora"


def chain(reg: Registry, name: str) -> list[str]:
    """``name`` and every subsystem it needs, transitively, nearest first."""
    out = [name]
    for n in out:
        out += [d for d in reg.subsystems[n].depends if d not in out]
    return out


def require_sql(reg: Registry, name: str, obj: str) -> str:
    """plpgsql refusing a write of ``obj`` (an SQL text expression) when subsystem ``name`` or
    one it needs is off: the common case (all on) in one look-up inline, the call that names
    the switched-off one only then (a nested routine per row written costs more than the
    look-up)."""
    names = chain(reg, name)
    return f"""IF (SELECT count(*) FILTER (WHERE enabled) FROM {S}.subsystems
      WHERE name = ANY(ARRAY[{", ".join(_lit(c) for c in names)}])) <> {len(names)} THEN
    PERFORM {S}.require_subsystem({_lit(name)}, {obj});
  END IF;"""


def switches_sql(reg: Registry) -> list[str]:
    cases = " ".join(
        f"WHEN {_lit(n)} THEN ARRAY[{', '.join(_lit(c) for c in chain(reg, n))}]"
        for n in reg.subsystems
    )
    return [
        f"""CREATE OR REPLACE FUNCTION {S}.subsystem_chain(p_name text) RETURNS text[]
LANGUAGE sql IMMUTABLE AS $f$
  SELECT CASE p_name {cases} ELSE ARRAY[p_name] END
$f$""",
        f"""CREATE OR REPLACE FUNCTION {S}.subsystem_on(p_name text) RETURNS boolean
LANGUAGE sql STABLE AS $f$
  SELECT count(*) = cardinality({S}.subsystem_chain(p_name)) AND bool_and(enabled)
  FROM {S}.subsystems WHERE name = ANY({S}.subsystem_chain(p_name))
$f$""",
        f"""CREATE OR REPLACE FUNCTION {S}.require_subsystem(p_subsystem text, p_object text)
RETURNS void LANGUAGE plpgsql STABLE AS $f$
DECLARE
  v_chain text[] := CASE p_subsystem {cases} ELSE ARRAY[p_subsystem] END;
  v_off text;
  v_title text;
BEGIN
  -- The common case first, in one indexed look-up: everything it needs is on.
  IF (SELECT count(*) FILTER (WHERE enabled) FROM {S}.subsystems WHERE name = ANY(v_chain))
     = cardinality(v_chain) THEN
    RETURN;
  END IF;
  SELECT c.name, coalesce(s.title, c.name) INTO v_off, v_title
  FROM unnest(v_chain) WITH ORDINALITY c(name, n)
  LEFT JOIN {S}.subsystems s ON s.name = c.name
  WHERE NOT coalesce(s.enabled, false) ORDER BY c.n DESC LIMIT 1;
  IF FOUND THEN
    PERFORM {S}.fail('KN003',
      format('%s belongs to the switched-off subsystem "%s"; an administrator can switch it on.',
             p_object, v_title),
      jsonb_build_object('subsystem', v_off, 'object', p_object));
  END IF;
END $f$""",
    ]


def switch_grants_sql(everyone: str) -> list[str]:
    return [
        f"GRANT EXECUTE ON FUNCTION {S}.{fn} TO {everyone}"
        for fn in ("subsystem_chain(text)", "subsystem_on(text)")
    ]
