"""All routines, triggers and privileges for the declarations, applied after every migration.

Functions, triggers and grants hold no data, so each upgrade simply re-creates them from the
current declarations (tables, which hold data, change only through alembic revisions).
"""

from __future__ import annotations

from pathlib import Path

from server.config.roles import OWNER, ROLE_WRITES, group_role
from server.metadata import Registry
from server.sqlgen.access import own_partners_grants_sql, own_partners_sql
from server.sqlgen.catalogs import catalog_sql
from server.sqlgen.commit import commit_signatures
from server.sqlgen.derived import views_sql
from server.sqlgen.documents import document_sql
from server.sqlgen.mail import mail_grants_sql, mail_routines_sql
from server.sqlgen.notify import notify_sql
from server.sqlgen.privacy import privacy_grants_sql, privacy_sql
from server.sqlgen.registers import register_sql
from server.sqlgen.segments import GENERATED
from server.sqlgen.switches import switch_grants_sql, switches_sql
from server.sqlgen.user_manager import user_manager_role_sql

S = "kontora"
PLATFORM_SQL = Path(__file__).with_name("platform.sql")
EXTRA_FIELDS_SQL = Path(__file__).with_name("extra_fields.sql")
HOOKS = Path(__file__).with_name("hooks")


def _hooks(reg: Registry) -> list[str]:
    """Every hook the documents and catalogs name, once each, in declaration order."""
    named = [h for d in reg.documents.values() for h in (*d.hooks, *d.triggers)]
    named += [h for c in reg.catalogs.values() for h in (*c.triggers, *c.routines)]
    return list(dict.fromkeys(named))


def role_sql() -> list[str]:
    """Cluster-wide group roles (idempotent)."""
    names = [OWNER, *(group_role(r) for r in ROLE_WRITES)]
    made = [
        f"""DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{n}') THEN
    CREATE ROLE {n} NOLOGIN;
  END IF;
END $$"""
        for n in names
    ]
    return made + user_manager_role_sql()


def database_settings_sql(db: str, idle_timeout: str = "60s") -> list[str]:
    """Per-database settings (not copied by CREATE DATABASE … TEMPLATE, so re-applied)."""
    return [
        f'ALTER DATABASE "{db}" SET search_path = {S}, public',
        # A client that began a transaction and vanished (cut network, hung process) must not
        # hold its locks for long: the server ends such sessions.
        f"ALTER DATABASE \"{db}\" SET idle_in_transaction_session_timeout = '{idle_timeout}'",
    ]


def _history_trigger(table: str, id_col: str, *, owner_writes_own: bool = False) -> list[str]:
    """Row-level history. ``owner_writes_own``: the owner's functions (document save, post,
    mark) write one entry per operation themselves, so the trigger covers everyone else."""
    when = f"WHEN (current_user <> '{OWNER}') " if owner_writes_own else ""
    return [
        f"DROP TRIGGER IF EXISTS history ON {S}.{table}",
        f"CREATE TRIGGER history AFTER INSERT OR UPDATE OR DELETE ON {S}.{table} "
        f"FOR EACH ROW {when}EXECUTE FUNCTION {S}.tg_history('{id_col}')",
    ]


def routines_sql(reg: Registry) -> list[str]:
    out = [PLATFORM_SQL.read_text(), EXTRA_FIELDS_SQL.read_text()]
    # Document hooks (checks and recalculations the posting calls), one file each.
    out += [
        GENERATED[h]() if h in GENERATED else HOOKS.joinpath(f"{h}.sql").read_text()
        for h in _hooks(reg)
    ]
    for sub in reg.subsystems.values():
        out.append(
            f"INSERT INTO {S}.subsystems (name, title) VALUES ('{sub.name}', '{sub.title}') "
            "ON CONFLICT (name) DO UPDATE SET title = excluded.title"
        )
    out += switches_sql(reg)
    for r in reg.registers.values():
        out += views_sql(r, reg) if r.derived else register_sql(r, reg)
    for d in reg.documents.values():
        out += document_sql(d, reg)
        out += _history_trigger(d.table, "id", owner_writes_own=True)
    for c in reg.catalogs.values():
        out += catalog_sql(c, reg)
        out += _history_trigger(c.table, "id")
        for t in c.tables:  # a line's history belongs to its item (platform.sql)
            lt = f"{S}.{c.lines_table(t)}"
            out += [
                f"DROP TRIGGER IF EXISTS history ON {lt}",
                f"CREATE TRIGGER history AFTER INSERT OR UPDATE OR DELETE ON {lt} FOR EACH ROW "
                f"EXECUTE FUNCTION {S}.tg_line_history('{c.table}', '{t.name}')",
            ]
    out += _history_trigger("constants", "")
    out += _history_trigger("subsystems", "")
    out += _user_settings_policy()
    out += mail_routines_sql()
    out += privacy_sql(reg)
    out += own_partners_sql(reg)
    out += notify_sql(reg)
    for t in ("constants", "subsystems"):
        out += [
            f"DROP TRIGGER IF EXISTS no_delete ON {S}.{t}",
            f"CREATE TRIGGER no_delete BEFORE DELETE ON {S}.{t} "
            f"FOR EACH ROW EXECUTE FUNCTION {S}.tg_no_delete()",
        ]
    return out


def _user_settings_policy() -> list[str]:
    """Each login reads and writes only its own settings (favorites, history, list columns)."""
    t = f"{S}.user_settings"
    return [
        f"ALTER TABLE {t} ENABLE ROW LEVEL SECURITY",
        f"DROP POLICY IF EXISTS own_rows ON {t}",
        f"CREATE POLICY own_rows ON {t} USING (username = SESSION_USER) "
        "WITH CHECK (username = SESSION_USER)",
    ]


def _writes(role: str, subsystem: str) -> bool:
    allowed = ROLE_WRITES[role]
    return "*" in allowed or subsystem in allowed


def grants_sql(reg: Registry) -> list[str]:
    """Least privilege: read everything; write catalogs of one's subsystems; documents only
    through their functions; registers never (only posting, which runs as the owner)."""
    groups = [group_role(r) for r in ROLE_WRITES]
    everyone = ", ".join(groups)
    out = [
        f"REVOKE ALL ON SCHEMA {S} FROM PUBLIC",
        f"GRANT USAGE ON SCHEMA {S} TO {everyone}",
        f"REVOKE ALL ON ALL TABLES IN SCHEMA {S} FROM PUBLIC, {everyone}",
        # The owner's routines only: kontora.manage_user belongs to the user manager role.
        f"""DO $$ DECLARE f regprocedure; BEGIN
  FOR f IN SELECT p.oid FROM pg_proc p WHERE p.pronamespace = '{S}'::regnamespace
              AND p.proowner = (SELECT oid FROM pg_roles WHERE rolname = current_user) LOOP
    EXECUTE format('REVOKE ALL ON ROUTINE %s FROM PUBLIC, {everyone}', f);
  END LOOP;
END $$""",
        f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {S} FROM PUBLIC, {everyone}",
        f"GRANT SELECT ON ALL TABLES IN SCHEMA {S} TO {everyone}",
        f"GRANT UPDATE ON {S}.constants, {S}.subsystems TO {group_role('admin')}",
        f"GRANT INSERT, UPDATE, DELETE ON {S}.period_locks TO {group_role('admin')}",
        f"GRANT EXECUTE ON FUNCTION {S}.add_extra_field(text, text, text, text, text, int, int, "
        f"int, text, jsonb), {S}.drop_extra_field(text, text, text) TO {group_role('admin')}",
        f"GRANT INSERT, UPDATE, DELETE ON {S}.user_settings TO {everyone}",
        *mail_grants_sql(),
    ]
    for c in reg.catalogs.values():
        writers = [group_role(r) for r in ROLE_WRITES if _writes(r, c.subsystem)]
        out.append(f"GRANT INSERT, UPDATE ON {S}.{c.table} TO {', '.join(writers)}")
        for t in c.tables:
            lt = f"{S}.{c.lines_table(t)}"
            out.append(f"GRANT INSERT, UPDATE, DELETE ON {lt} TO {', '.join(writers)}")
        for fn in c.routines:
            out.append(f"GRANT EXECUTE ON FUNCTION {S}.{fn}(bigint) TO {', '.join(writers)}")
    for ir in reg.info_registers.values():  # prices: written by the roles of their subsystem
        if not ir.writable:
            continue
        writers = ", ".join(group_role(r) for r in ROLE_WRITES if _writes(r, ir.subsystem))
        out.append(f"GRANT INSERT, UPDATE, DELETE ON {S}.{ir.table} TO {writers}")
    for d in reg.documents.values():
        writers = ", ".join(group_role(r) for r in ROLE_WRITES if _writes(r, d.subsystem))
        for fn in ("save(jsonb, boolean)", "post(bigint, boolean)", "mark(bigint, boolean)"):
            out.append(f"GRANT EXECUTE ON FUNCTION {S}.{d.table}_{fn} TO {writers}")
        for proc in commit_signatures(d):
            out.append(f"GRANT EXECUTE ON PROCEDURE {proc} TO {writers}")
        out.append(f"GRANT EXECUTE ON FUNCTION {S}.{d.table}_state(bigint, boolean) TO {everyone}")
    # Routines every session may call inside guards and messages.
    for fn in (
        "fail(text, text, jsonb)",
        "require_subsystem(text, text)",
        "require_open_period(timestamp, text, text, bigint)",
        "period_closed(timestamp, bigint)",
        "lock_date(bigint)",
        "is_admin_login()",
        "is_owner()",
    ):
        out.append(f"GRANT EXECUTE ON FUNCTION {S}.{fn} TO {everyone}")
    out += switch_grants_sql(everyone) + own_partners_grants_sql(everyone)
    return out + privacy_grants_sql(reg)


def install(conn, reg: Registry) -> None:
    """Re-create all routines, triggers and grants (run as the owner, inside the migration)."""
    cur = conn.connection.dbapi_connection.cursor()
    for stmt in [*routines_sql(reg), *grants_sql(reg)]:
        cur.execute(stmt)  # no parameters: '%' in format() strings stays as written
