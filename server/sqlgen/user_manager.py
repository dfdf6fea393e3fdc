"""Users managed by administrators who are not superusers.

``kontora_usermgr`` is a NOLOGIN role with CREATEROLE and ADMIN OPTION (never INHERIT or SET)
on the Kontora group roles and on every Kontora user: it may create, grant, alter and drop them
but holds none of their privileges. Administrators reach it only through
``kontora.manage_user`` (``manage_user.sql``), a SECURITY DEFINER function it owns.

The owner is deliberately not a *member* of the group roles in the ordinary sense: ADMIN OPTION
alone makes ``pg_has_role(kontora_usermgr, g, 'MEMBER')`` true, but checks of who is
administrator look at ``session_user``, which can never be this NOLOGIN role, and the user list
skips ``kontora_*`` roles.

Both parts need a superuser (the installer): :func:`user_manager_role_sql` (cluster-wide, with
the group roles) and :func:`user_manager_sql` (per database, after the routines and grants).
"""

from __future__ import annotations

from pathlib import Path

from server.config.roles import ROLE_PREFIX, ROLE_WRITES, USER_MANAGER, group_role

S = "kontora"
MANAGE_USER_SQL = Path(__file__).with_name("manage_user.sql")
SIGNATURE = f"{S}.manage_user(text, text, text[], text)"


def _groups_literal() -> str:
    return "ARRAY[" + ", ".join(f"'{group_role(r)}'" for r in ROLE_WRITES) + "]::text[]"


def user_manager_role_sql() -> list[str]:
    """(No '%': run through SQLAlchemy's exec_driver_sql.) The manager role, its ADMIN OPTION on the groups and on every existing Kontora user;
    memberships granted by others are re-granted by it (only the grantor may revoke)."""
    m = USER_MANAGER
    groups = ", ".join(group_role(r) for r in ROLE_WRITES)
    return [
        f"""DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{m}') THEN
    CREATE ROLE {m} NOLOGIN CREATEROLE;
  END IF;
END $$""",
        f"ALTER ROLE {m} NOLOGIN CREATEROLE",
        f"GRANT {groups} TO {m} WITH ADMIN TRUE, INHERIT FALSE, SET FALSE",
        f"GRANT pg_signal_backend TO {m}",  # ends a disabled or removed user's sessions
        f"""DO $$ DECLARE r record; BEGIN
  FOR r IN SELECT g.rolname AS grp, u.rolname AS usr, gr.rolname AS grantor
             FROM pg_auth_members a JOIN pg_roles g ON g.oid = a.roleid
             JOIN pg_roles u ON u.oid = a.member JOIN pg_roles gr ON gr.oid = a.grantor
            WHERE g.rolname = ANY ({_groups_literal()}) AND NOT u.rolsuper
              AND NOT starts_with(u.rolname, '{ROLE_PREFIX}') AND NOT a.admin_option LOOP
    EXECUTE 'GRANT ' || quote_ident(r.usr) || ' TO {m} WITH ADMIN TRUE, INHERIT FALSE, SET FALSE';
    IF r.grantor <> '{m}' THEN
      EXECUTE 'GRANT ' || quote_ident(r.grp) || ' TO ' || quote_ident(r.usr) || ' GRANTED BY {m}';
      EXECUTE 'REVOKE ' || quote_ident(r.grp) || ' FROM ' || quote_ident(r.usr)
              || ' GRANTED BY ' || quote_ident(r.grantor);
    END IF;
  END LOOP;
END $$""",
    ]


def user_manager_sql() -> list[str]:
    """``kontora.manage_user``, owned by the manager role, callable by administrators only."""
    body = MANAGE_USER_SQL.read_text().replace("__GROUPS__", _groups_literal())
    return [
        body,
        f"ALTER FUNCTION {SIGNATURE} OWNER TO {USER_MANAGER}",
        f"REVOKE ALL ON FUNCTION {SIGNATURE} FROM PUBLIC",
        f"GRANT EXECUTE ON FUNCTION {SIGNATURE} TO {group_role('admin')}",
    ]
