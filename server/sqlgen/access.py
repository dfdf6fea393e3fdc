"""Row-level security of the option "sales managers see only their own partners' deals and
interactions" (``constants.own_partners_only``).

While it is on, a login that is a sales manager (and not an administrator) reads and writes only
the deals and interactions of partners whose ``manager`` is that login; everyone else sees all.
What a login reads (lists, search, reports, SQL, the change history) is filtered by PostgreSQL.
The document save/post/mark routines run as the table owner, which row-level security does not
restrict: a row trigger (which fires for the owner too, and sees the login as ``session_user``)
refuses their writes for another manager's partner with ``KN009``, naming the partner and its
manager; the same trigger gives a direct catalog write that message before the policy's check.
"""

from __future__ import annotations

from server.config.roles import group_role
from server.metadata import Registry
from server.sqlgen import sql_literal as _lit

S = "kontora"
#: (object name, its partner column): the deals and the interactions
OWN_PARTNER_OBJECTS = (("deals", "partner_id"), ("interaction", "partner_id"))


def own_partner_tables(reg: Registry) -> list[tuple[str, str, str, str]]:
    """(table, partner column, title, SQL naming the row ``r``) of each object the option
    covers, from the declarations: a document by its number, a catalog item by its name."""
    out = []
    for name, column in OWN_PARTNER_OBJECTS:
        if name in reg.catalogs:
            c = reg.catalogs[name]
            out.append((c.table, column, c.title, "' «' || coalesce(r.name, '') || '»'"))
        else:
            d = reg.document(name)
            out.append((d.table, column, d.title, "' ' || coalesce(r.number, '')"))
    return out


def _sees_sql() -> list[str]:
    # Functions, not expressions in the policies: a policy naming the column would keep a
    # migration going down from dropping it.
    return [
        f"""CREATE OR REPLACE FUNCTION {S}.own_partners_on() RETURNS boolean
LANGUAGE sql STABLE AS $f$
  SELECT coalesce((SELECT own_partners_only FROM {S}.constants), false)
$f$""",
        f"""CREATE OR REPLACE FUNCTION {S}.sees_partner(p_partner bigint) RETURNS boolean
LANGUAGE sql STABLE AS $f$
  SELECT NOT {S}.own_partners_on()
      OR NOT pg_has_role(session_user, '{group_role("sales_manager")}', 'MEMBER')
      OR {S}.is_admin_login()
      OR EXISTS (SELECT 1 FROM {S}.cat_partners p
                 WHERE p.id = p_partner AND p.manager = session_user::text)
$f$""",
    ]


def _require_sql() -> str:
    """``require_partner(partner, object)``: refuse the login's write for a partner it may not
    see (run as the owner: reads the partner whatever the login sees)."""
    return f"""CREATE OR REPLACE FUNCTION {S}.require_partner(p_partner bigint, p_object text)
RETURNS void LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = {S}, pg_temp AS $f$
DECLARE
  v record;
BEGIN
  IF p_partner IS NULL OR {S}.sees_partner(p_partner) THEN
    RETURN;
  END IF;
  SELECT name, manager INTO v FROM cat_partners WHERE id = p_partner;
  PERFORM {S}.fail('KN009',
    format('%s: partner «%s» is managed by %s; sales manager %s may write only the deals and '
           'interactions of their own partners.', p_object, v.name,
           coalesce(nullif(v.manager, ''), 'nobody'), session_user),
    jsonb_build_object('rule', 'own_partners', 'object', p_object, 'partner', v.name,
                       'manager', coalesce(v.manager, ''), 'user', session_user::text));
END $f$"""


def _guard_sql(table: str, column: str, title: str, named: str) -> list[str]:
    """A row trigger on ``table``: the old and the new partner must both be the login's."""
    fn = f"{S}.tg_{table}_own_partner"
    obj = f"{_lit(title)} || {named}"
    return [
        f"""CREATE OR REPLACE FUNCTION {fn}() RETURNS trigger
LANGUAGE plpgsql SET search_path = {S}, pg_temp AS $f$
DECLARE
  r {S}.{table};
BEGIN
  IF TG_OP <> 'INSERT' THEN
    r := OLD;
    PERFORM {S}.require_partner(OLD.{column}, {obj});
  END IF;
  IF TG_OP <> 'DELETE' THEN
    r := NEW;
    IF TG_OP = 'INSERT' OR NEW.{column} IS DISTINCT FROM OLD.{column} THEN
      PERFORM {S}.require_partner(NEW.{column}, {obj});
    END IF;
    RETURN NEW;
  END IF;
  RETURN OLD;
END $f$""",
        f"DROP TRIGGER IF EXISTS own_partner ON {S}.{table}",
        f"CREATE TRIGGER own_partner BEFORE INSERT OR UPDATE OR DELETE ON {S}.{table} "
        f"FOR EACH ROW EXECUTE FUNCTION {fn}()",
    ]


def _history_policy(tables: list[tuple[str, str, str, str]]) -> list[str]:
    """The change history of a covered row is read only by who sees the row (restrictive: it
    narrows the private subsystems' policy, see server/sqlgen/privacy.py). The test is a
    function run as the reader, so the row's own policy decides; and a function, so that the
    policy names no table a migration going down may drop."""
    cases = " ".join(
        f"WHEN {_lit(t)} THEN EXISTS (SELECT 1 FROM {S}.{t} x WHERE x.id = p_row)"
        for t, *_ in tables
    )
    t = f"{S}.history"
    return [
        f"""CREATE OR REPLACE FUNCTION {S}.sees_history(p_table text, p_row bigint)
RETURNS boolean LANGUAGE sql STABLE AS $f$
  SELECT NOT {S}.own_partners_on() OR CASE p_table {cases} ELSE true END
$f$""",
        f"DROP POLICY IF EXISTS own_partners ON {t}",
        f"CREATE POLICY own_partners ON {t} AS RESTRICTIVE FOR SELECT "
        f"USING ({S}.sees_history(table_name, row_id))",
    ]


def _manager_guard_sql() -> list[str]:
    """A sales manager may not take over another manager's partner (set its ``manager``):
    it would bring that partner's deals and interactions into sight. Claiming a partner
    nobody manages, and handing over one's own, stay allowed."""
    fn = f"{S}.tg_partners_own_manager"
    return [
        f"""CREATE OR REPLACE FUNCTION {fn}() RETURNS trigger
LANGUAGE plpgsql SET search_path = {S}, pg_temp AS $f$
BEGIN
  IF coalesce(OLD.manager, '') <> '' AND NOT {S}.sees_partner(OLD.id) THEN
    PERFORM {S}.fail('KN009',
      format('Partner «%s» is managed by %s; sales manager %s may not make it their own.',
             OLD.name, OLD.manager, session_user),
      jsonb_build_object('rule', 'own_partner_manager', 'partner', OLD.name,
                         'manager', OLD.manager, 'user', session_user::text));
  END IF;
  RETURN NEW;
END $f$""",
        f"DROP TRIGGER IF EXISTS own_partner_manager ON {S}.cat_partners",
        f"CREATE TRIGGER own_partner_manager BEFORE UPDATE OF manager ON {S}.cat_partners "
        f"FOR EACH ROW WHEN (NEW.manager IS DISTINCT FROM OLD.manager) EXECUTE FUNCTION {fn}()",
    ]


def own_partners_sql(reg: Registry) -> list[str]:
    tables = own_partner_tables(reg)
    out = [*_sees_sql(), _require_sql(), *_manager_guard_sql()]
    for table, column, title, named in tables:
        out += [
            f"ALTER TABLE {S}.{table} ENABLE ROW LEVEL SECURITY",
            f"DROP POLICY IF EXISTS own_partners ON {S}.{table}",
            f"CREATE POLICY own_partners ON {S}.{table} USING ({S}.sees_partner({column})) "
            f"WITH CHECK ({S}.sees_partner({column}))",
            *_guard_sql(table, column, title, named),
        ]
    return out + _history_policy(tables)


def own_partners_grants_sql(everyone: str) -> list[str]:
    return [
        f"GRANT EXECUTE ON FUNCTION {S}.own_partners_on(), {S}.sees_partner(bigint), "
        f"{S}.require_partner(bigint, text), {S}.sees_history(text, bigint) TO {everyone}"
    ]
