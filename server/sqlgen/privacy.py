"""Private subsystems (``server.config.roles.PRIVATE_READERS``, e.g. payroll): their catalogs,
information and accumulation registers, documents and history entries are readable only by
the roles named there — enforced by PostgreSQL for every login, through the client or SQL.

The blanket ``GRANT SELECT`` of :func:`server.sqlgen.install.grants_sql` is taken back from the
other roles on each private table; the shared ``history`` table hides their rows by row-level
security; ``kontora.may_read_subsystem(name)`` tells the client which sections to show.
"""

from __future__ import annotations

from server.config.roles import OWNER, PRIVATE_READERS, ROLE_WRITES, group_role
from server.metadata import RegisterKind, Registry

S = "kontora"


def private_tables(reg: Registry, subsystem: str) -> list[str]:
    """Every table holding the subsystem's data (without the schema)."""
    out = [c.table for c in reg.catalogs.values() if c.subsystem == subsystem]
    out += [r.table for r in reg.info_registers.values() if r.subsystem == subsystem]
    for r in reg.registers.values():
        if r.subsystem == subsystem:
            out += [r.table, r.totals_table]
            if r.kind is RegisterKind.BALANCE:
                out.append(r.balance_table)
    for d in reg.documents.values():
        if d.subsystem == subsystem:
            out += [d.table, *(d.lines_table(t) for t in d.tables)]
    return out


def _member_of(roles: frozenset[str]) -> str:
    """SQL: the current login is a superuser, the owner or a member of one of ``roles``."""
    groups = ", ".join(f"'{group_role(r)}'" for r in sorted(roles))
    return (
        f"(current_user = '{OWNER}' OR EXISTS (SELECT 1 FROM pg_roles g WHERE g.rolname IN "
        f"({groups}) AND pg_has_role(current_user, g.oid, 'MEMBER')) OR "
        "(SELECT rolsuper FROM pg_roles WHERE rolname = current_user))"
    )


def privacy_sql(reg: Registry) -> list[str]:
    """``may_read_subsystem`` and the history policy hiding the private tables' entries."""
    cases = " ".join(
        f"WHEN '{name}' THEN {_member_of(roles)}" for name, roles in PRIVATE_READERS.items()
    )
    hidden = [
        f"(table_name <> ALL (ARRAY[{', '.join(repr(t) for t in private_tables(reg, name))}]) "
        f"OR {_member_of(roles)})"
        for name, roles in PRIVATE_READERS.items()
    ]
    t = f"{S}.history"
    return [
        f"""CREATE OR REPLACE FUNCTION {S}.may_read_subsystem(p_name text)
RETURNS boolean LANGUAGE sql STABLE SET search_path = {S}, pg_temp AS $f$
  SELECT CASE p_name {cases} ELSE true END
$f$""",
        f"ALTER TABLE {t} ENABLE ROW LEVEL SECURITY",
        f"DROP POLICY IF EXISTS private_subsystems ON {t}",
        f"CREATE POLICY private_subsystems ON {t} FOR SELECT USING ({' AND '.join(hidden)})",
    ]


def privacy_grants_sql(reg: Registry) -> list[str]:
    """Take SELECT on each private table back from the roles not allowed to read it."""
    out = []
    for name, readers in PRIVATE_READERS.items():
        others = ", ".join(group_role(r) for r in ROLE_WRITES if r not in readers)
        allowed = ", ".join(group_role(r) for r in sorted(readers))
        for table in private_tables(reg, name):
            out.append(f"REVOKE SELECT ON {S}.{table} FROM {others}")
        for d in reg.documents.values():
            if d.subsystem == name:
                fn = f"{S}.{d.table}_state(bigint, boolean)"
                out += [f"REVOKE EXECUTE ON FUNCTION {fn} FROM {others}"]
                out += [f"GRANT EXECUTE ON FUNCTION {fn} TO {allowed}"]
    everyone = ", ".join(group_role(r) for r in ROLE_WRITES)
    out.append(f"GRANT EXECUTE ON FUNCTION {S}.may_read_subsystem(text) TO {everyone}")
    return out
