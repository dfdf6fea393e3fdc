"""A document's entry points as procedures that commit: early lock release.

A posting holds its keys' locks (advisory locks on register keys, the balance rows) until its
transaction ends, and a synchronous commit ends only when the disk has confirmed the commit
record. Postings of the same goods then queue for one another's disk flush as well as for
their work: with 8 clients on 10 hot products, fewer documents a second than one client posts.

``kontora.doc_<name>_save_commit`` / ``_post_commit`` call the SECURITY DEFINER function and
commit inside the procedure without waiting for the disk (``synchronous_commit = off`` for
that commit only), which releases the locks as soon as the commit record is written; then
they flush the WAL up to a record written after it (``pg_logical_emit_message`` with
``flush``, PostgreSQL 17+) before answering. So the client hears of a posting only when it is
on disk, as before, while the next posting of the same keys already runs; the flushes of
several clients are shared. A posting that depends on another (it read the other's balance)
commits after it in the WAL: a crash keeps either both or the earlier one. Only a reader that
writes nothing can, for the fraction of a millisecond a flush takes, see a posting that a
crash would then undo (its client is told the posting is unconfirmed, and resending it with
the same request key never duplicates it).

Where a synchronous standby must confirm every commit (``synchronous_standby_names`` set) or
on PostgreSQL before 17, the procedures commit synchronously, as the functions do. Called
with CALL in autocommit (a procedure cannot commit inside a transaction block); a caller
that needs a transaction of its own (an administrator overriding a period lock) calls the
functions.
"""

from __future__ import annotations

from server.metadata import Document

S = "kontora"

# The entry points (functions of the same names) and their parameters.
ENTRIES = (("save", "p jsonb, p_post boolean"), ("post", "p_id bigint, p_post boolean"))


def _part(params: str, i: int) -> str:
    """The parameters' names (``i`` 0) or types (1), comma-separated."""
    return ", ".join(p.split()[i] for p in params.split(", "))


def commit_signatures(d: Document) -> list[str]:
    """The procedures' signatures, for grants."""
    return [f"{S}.{d.table}_{name}_commit({_part(params, 1)}, jsonb)" for name, params in ENTRIES]


def commit_sql(d: Document) -> list[str]:
    """``doc_<name>_save_commit`` and ``doc_<name>_post_commit`` (see the module's doc)."""
    return [
        f"""
CREATE OR REPLACE PROCEDURE {S}.{d.table}_{name}_commit({params}, INOUT state jsonb DEFAULT NULL)
LANGUAGE plpgsql AS $f$
-- Not SECURITY DEFINER, no SET clause (a procedure with either cannot commit): runs as the
-- caller, every name qualified; the work is done by the SECURITY DEFINER function.
DECLARE
  v_early boolean := pg_catalog.current_setting('synchronous_standby_names') = ''
                     AND pg_catalog.current_setting('server_version_num')::int >= 170000;
BEGIN
  IF v_early THEN  -- this transaction's commit does not wait for the disk...
    PERFORM pg_catalog.set_config('synchronous_commit', 'off', true);
  END IF;
  state := {S}.{d.table}_{name}({_part(params, 0)});
  COMMIT;  -- ...so the locks are released once the commit record is written
  IF v_early THEN  -- and the answer waits for the flush of the WAL up to past that record
    PERFORM pg_catalog.pg_logical_emit_message(false, 'kontora', '', true);
  END IF;
END $f$"""
        for name, params in ENTRIES
    ]
