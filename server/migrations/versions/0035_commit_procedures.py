"""documents' entry points as procedures that commit: a posting's locks released at once

Revision ID: 0035
Revises: 0034
Create Date: 2026-12-02

The client saves and posts through ``kontora.doc_<name>_save_commit`` and ``_post_commit``
(server.sqlgen.commit): procedures that commit inside, releasing the keys' locks as soon as
the commit record is written, and answer once the WAL is flushed past it. The routines are
created by the installer at the head revision; this revision only makes a client that calls
them refuse an infobase without them (and a downgrade drops them).
"""

from alembic import op

revision = "0035"
down_revision = "0034"
branch_labels = None
depends_on = None

S = "kontora"


def upgrade() -> None:
    pass  # created by the installer (server.migrations.env) from the declarations


def downgrade() -> None:
    op.execute(f"""DO $d$ DECLARE p regprocedure; BEGIN
  FOR p IN SELECT oid FROM pg_proc WHERE pronamespace = '{S}'::regnamespace AND prokind = 'p'
              AND proname LIKE 'doc\\_%\\_commit' LOOP
    EXECUTE format('DROP PROCEDURE %s', p);
  END LOOP;
END $d$""")
