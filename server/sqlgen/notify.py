"""Change notifications for live lists (PostgreSQL LISTEN/NOTIFY), generated from the declarations.

Every catalog, document header, information register, ``subsystems`` and ``constants`` gets a
STATEMENT-level AFTER trigger sending ``pg_notify('kontora_changes', '<kind>:<name>')``:
``catalog:products``, ``document:goods_receipt``, ``info_register:prices``, ``subsystems``,
``constants``. A statement-level trigger fires once per statement whatever the number of rows,
and PostgreSQL folds identical notifications of one transaction into one, so saving or posting a
document sends exactly one message.

Accumulation registers send nothing of their own: their movements are written only by posting,
and every posting that can change them also writes its document's header (save, post/unpost,
deletion mark; a repost of an unchanged document moves nothing). So ``document:<name>`` also
means "the balances of the registers <name> posts to may have moved", which the client reads
from the same declaration (``Document.registers``, see ``app.change_feed.watches``).

Cost: every notifying commit takes a database-wide lock, and wakes every listening backend,
which passes each message to its client. Measured with ``tests.bench.notify`` (postings with the
triggers enabled and disabled, interleaved, one client listening): a trigger on the movement
tables too (three messages per shipment instead of one) cost clearly more than the header
trigger alone, so the registers ride on the document's message.
"""

from __future__ import annotations

from server.metadata import Registry
from server.sqlgen import sql_literal as _lit

S = "kontora"
CHANNEL = "kontora_changes"


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
    out += [(r.table, f"info_register:{r.name}") for r in reg.info_registers.values()]
    out += [("subsystems", "subsystems"), ("constants", "constants")]
    out += [("period_locks", "constants")]  # a lock date is a setting like the constants
    return out


def notify_sql(reg: Registry) -> list[str]:
    """The function and a statement trigger per announced table (re-created on upgrade)."""
    out = [notify_function_sql()]
    # Movement tables announce nothing (see above); an earlier build had a trigger there.
    out += [f"DROP TRIGGER IF EXISTS notify ON {S}.{r.table}" for r in reg.stored_registers()]
    for table, payload in notified_tables(reg):
        out += [
            f"DROP TRIGGER IF EXISTS notify ON {S}.{table}",
            f"CREATE TRIGGER notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {S}.{table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {S}.tg_notify({_lit(payload)})",
        ]
    return out
