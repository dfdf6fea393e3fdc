"""Row-level security of the option "sales managers see only their own partners' deals and
interactions" (``constants.own_partners_only``).

While it is on, a login that is a sales manager (and not an administrator) reads and writes only
the deals and interactions of partners whose ``manager`` is that login; everyone else sees all.
The posting and saving routines run as the table owner, which row-level security does not
restrict; what a login reads (lists, search, reports, SQL) is filtered by PostgreSQL.
"""

from __future__ import annotations

from server.config.roles import group_role

S = "kontora"
#: (table, its partner column): the deals and the interactions
OWN_PARTNER_TABLES = (("cat_deals", "partner_id"), ("doc_interaction", "partner_id"))


def own_partners_sql() -> list[str]:
    out = [
        f"""CREATE OR REPLACE FUNCTION {S}.sees_partner(p_partner bigint) RETURNS boolean
LANGUAGE sql STABLE AS $f$
  SELECT NOT coalesce((SELECT own_partners_only FROM {S}.constants), false)
      OR NOT pg_has_role(session_user, '{group_role("sales_manager")}', 'MEMBER')
      OR {S}.is_admin_login()
      OR EXISTS (SELECT 1 FROM {S}.cat_partners p
                 WHERE p.id = p_partner AND p.manager = session_user::text)
$f$"""
    ]
    for table, column in OWN_PARTNER_TABLES:
        out += [
            f"ALTER TABLE {S}.{table} ENABLE ROW LEVEL SECURITY",
            f"DROP POLICY IF EXISTS own_partners ON {S}.{table}",
            f"CREATE POLICY own_partners ON {S}.{table} USING ({S}.sees_partner({column})) "
            f"WITH CHECK ({S}.sees_partner({column}))",
        ]
    return out


def own_partners_grants_sql(everyone: str) -> list[str]:
    return [f"GRANT EXECUTE ON FUNCTION {S}.sees_partner(bigint) TO {everyone}"]
