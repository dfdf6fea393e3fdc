"""Alembic environment: runs inside the transaction handed over by server.infobase.upgrade.

Tables are created by revisions as the owner role; after them, every routine, trigger and
grant is re-created from the current declarations (server.sqlgen.install).
"""

from alembic import context
from alembic.script import ScriptDirectory

import server.config  # noqa: F401 - fills the registry
from server.metadata import registry
from server.schema import SCHEMA, build_metadata
from server.sqlgen.install import database_settings_sql, install, role_sql
from server.sqlgen.user_manager import user_manager_sql

conn = context.config.attributes["connection"]

for stmt in role_sql():
    conn.exec_driver_sql(stmt)
db = conn.exec_driver_sql("SELECT current_database()").scalar()
conn.exec_driver_sql(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA} AUTHORIZATION kontora_owner")
for stmt in database_settings_sql(db):
    conn.exec_driver_sql(stmt)
conn.exec_driver_sql("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
# A register's partitions belong to its owner, who alters them in revisions (the partition
# command left them to the installer before 2026-12-01).
conn.exec_driver_sql(f"""DO $$ DECLARE r record; BEGIN
  FOR r IN SELECT c.oid::regclass AS part, p.relowner::regrole AS owner
           FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
           JOIN pg_class p ON p.oid = i.inhparent
           WHERE p.relnamespace = '{SCHEMA}'::regnamespace AND c.relowner <> p.relowner LOOP
    EXECUTE 'ALTER TABLE ' || r.part::text || ' OWNER TO ' || r.owner::text;  -- both quoted
  END LOOP;
END $$""")
conn.exec_driver_sql("SET LOCAL ROLE kontora_owner")
conn.exec_driver_sql(f"SET LOCAL search_path = {SCHEMA}, public")

context.configure(
    connection=conn,
    target_metadata=build_metadata(registry),
    version_table_schema=SCHEMA,
    include_schemas=False,
    include_name=lambda name, type_, parent: name != "alembic_version",
    transaction_per_migration=False,
)
with context.begin_transaction():
    context.run_migrations()
    # The routines are generated from the current declarations, which match only the head
    # revision: a database moved to an older one keeps what it had (e.g. in a downgrade test).
    head = ScriptDirectory.from_config(context.config).get_current_head()
    at_head = context.get_context().get_current_revision() == head
installing = at_head and context.config.attributes.get("install", True)
if installing:
    install(conn, registry)
conn.exec_driver_sql("RESET ROLE")
if installing:  # as the installer (a superuser): the function belongs to the user manager role
    cur = conn.connection.dbapi_connection.cursor()
    for stmt in user_manager_sql():
        cur.execute(stmt)  # no parameters: '%' in format() strings stays as written
