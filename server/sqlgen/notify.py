"""Change notifications for live lists (PostgreSQL LISTEN/NOTIFY), generated from the declarations.

Every catalog, document header, register movement table, ``subsystems`` and ``constants`` gets a
STATEMENT-level AFTER trigger sending ``pg_notify('kontora_changes', '<kind>:<name>')``:
``catalog:products``, ``document:goods_receipt``, ``register:stock``, ``subsystems``,
``constants``. A statement-level trigger fires once per statement whatever the number of rows,
and PostgreSQL folds identical notifications of one transaction into one, so a posting sends one
message per table it changed. Register movements are written only by posting, so their trigger
says "balances of this register moved" without a line in the posting routines.

Cost: a transaction that notified takes a database-wide lock while it commits (notifications
queue in commit order). Statement triggers keep the work per posting to a few tiny calls; the
posting benchmark (``tests.bench.posting``) is the yardstick.
"""

from __future__ import annotations

from server.metadata import Registry

S = "kontora"
CHANNEL = "kontora_changes"


def _lit(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


def notify_function_sql() -> str:
    """The one trigger function: its argument is the payload."""
    return f"""
CREATE OR REPLACE FUNCTION {S}.tg_notify() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  PERFORM pg_notify({_lit(CHANNEL)}, TG_ARGV[0]);
  RETURN NULL;
END $f$"""


def notified_tables(reg: Registry) -> list[tuple[str, str]]:
    """(table, payload) of every table whose changes are announced."""
    out = [(c.table, f"catalog:{c.name}") for c in reg.catalogs.values()]
    out += [(d.table, f"document:{d.name}") for d in reg.documents.values()]
    out += [(r.table, f"register:{r.name}") for r in reg.registers.values()]
    out += [(r.table, f"info_register:{r.name}") for r in reg.info_registers.values()]
    out += [("subsystems", "subsystems"), ("constants", "constants")]
    return out


def notify_sql(reg: Registry) -> list[str]:
    """The function and a statement trigger per announced table (re-created on upgrade)."""
    out = [notify_function_sql()]
    for table, payload in notified_tables(reg):
        out += [
            f"DROP TRIGGER IF EXISTS notify ON {S}.{table}",
            f"CREATE TRIGGER notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {S}.{table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {S}.tg_notify({_lit(payload)})",
        ]
    return out
