"""Partitioning a register's movements by period (``kontora-admin partition REGISTER``).

Years of history make a movement table large; reports and balances read monthly totals and
one month of movements, so most of it is cold. Partitioned by year (PostgreSQL's declarative
RANGE partitioning on ``period``), old years are separate tables: vacuum and indexes stay
small, and an old year can be moved to cheaper storage or detached once archived.

In one transaction the movement table is rebuilt as a partitioned table with the same columns,
CHECKs, indexes, owner and privileges, one partition per year from the first movement to next
year plus a default partition (for dates beyond; run the command again each year to split the
coming year out of it — it adds only missing years), and its rows are moved over. The primary
key gains ``period`` (PostgreSQL requires the partition key in it); posting never relies on it.
Nothing else changes: the generated posting routines, totals and balances work as before.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, text

from server.metadata import AccumulationRegister

S = "kontora"


def _years(c: Connection, table: str) -> range:
    first = c.scalar(text(f"SELECT min(period) FROM {S}.{table}")) or dt.datetime.now()
    return range(first.year, dt.date.today().year + 2)


def is_partitioned(c: Connection, table: str) -> bool:
    return bool(
        c.scalar(
            text("SELECT relkind = 'p' FROM pg_class WHERE oid = to_regclass(:t)"),
            {"t": f"{S}.{table}"},
        )
    )


def _owner(c: Connection, table: str) -> str:
    return c.scalar(
        text("SELECT tableowner FROM pg_tables WHERE schemaname = :s AND tablename = :t"),
        {"s": S, "t": table},
    )


def add_years(c: Connection, table: str, years: range) -> list[str]:
    """Partitions for ``years`` that do not exist yet; their rows move out of the default one
    (PostgreSQL refuses a new partition while the default holds rows of its range). Each
    belongs to the table's owner, as the table does (a revision altering the table runs as
    the owner, and must own every partition)."""
    added = []
    owner = _owner(c, table)
    for year in years:
        name = f"{table}_y{year}"
        if c.scalar(text("SELECT to_regclass(:t)"), {"t": f"{S}.{name}"}):
            continue
        within = f"period >= '{year}-01-01' AND period < '{year + 1}-01-01'"
        c.execute(
            text(
                f"CREATE TEMP TABLE moving ON COMMIT DROP AS "
                f"SELECT * FROM {S}.{table}_default WHERE {within}"
            )
        )
        c.execute(text(f"DELETE FROM {S}.{table}_default WHERE {within}"))
        c.execute(
            text(
                f"CREATE TABLE {S}.{name} PARTITION OF {S}.{table} "
                f"FOR VALUES FROM ('{year}-01-01') TO ('{year + 1}-01-01')"
            )
        )
        c.execute(text(f'ALTER TABLE {S}.{name} OWNER TO "{owner}"'))
        c.execute(text(f"INSERT INTO {S}.{table} SELECT * FROM moving"))
        c.execute(text("DROP TABLE moving"))
        added.append(name)
    return added


def _dependent_views(c: Connection, table: str) -> list[tuple[str, str]]:
    """(name, query) of the views reading ``table`` (a derived register's, e.g. free stock
    over the stock), every name in them schema-qualified."""
    path = c.scalar(text("SELECT current_setting('search_path')"))
    c.execute(text("SELECT set_config('search_path', 'pg_catalog', true)"))
    rows = c.execute(
        text(
            "SELECT DISTINCT v.oid::regclass::text, pg_get_viewdef(v.oid) FROM pg_depend d "
            "JOIN pg_rewrite w ON w.oid = d.objid JOIN pg_class v ON v.oid = w.ev_class "
            "WHERE d.classid = 'pg_rewrite'::regclass AND d.refobjid = CAST(:t AS regclass) "
            "AND v.oid <> d.refobjid"
        ),
        {"t": f"{S}.{table}"},
    ).all()
    c.execute(text("SELECT set_config('search_path', :p, true)"), {"p": path})
    return [(name, query) for name, query in rows]


def partition_by_year(c: Connection, r: AccumulationRegister) -> list[str]:
    """Partition the movements of ``r`` by year (or add the missing years); returns the
    partitions created. Run inside a transaction, as the infobase owner."""
    table = r.table
    if is_partitioned(c, table):
        return add_years(c, table, _years(c, table))
    old = f"{table}_unpartitioned"
    owner = _owner(c, table)
    grants = c.execute(
        text(
            "SELECT grantee, string_agg(privilege_type, ', ') FROM "
            "information_schema.role_table_grants WHERE table_schema = :s AND table_name = :t "
            "AND grantee <> :o GROUP BY grantee"
        ),
        {"s": S, "t": table, "o": owner},
    ).all()
    indexes = c.execute(
        text(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = :s AND tablename = :t "
            "AND indexname <> :pk"
        ),
        {"s": S, "t": table, "pk": f"pk_{table}"},
    ).all()
    # Views follow the table renamed below; read now, their queries name the table.
    views = _dependent_views(c, table)
    c.execute(text(f"ALTER TABLE {S}.{table} RENAME TO {old}"))
    c.execute(text(f"ALTER TABLE {S}.{old} RENAME CONSTRAINT pk_{table} TO pk_{old}"))
    for name, _ in indexes:
        c.execute(text(f"ALTER INDEX {S}.{name} RENAME TO {name}_old"))
    c.execute(
        text(
            f"CREATE TABLE {S}.{table} (LIKE {S}.{old} INCLUDING DEFAULTS INCLUDING CONSTRAINTS) "
            "PARTITION BY RANGE (period)"
        )
    )
    c.execute(
        text(
            f"ALTER TABLE {S}.{table} ADD CONSTRAINT pk_{table} "
            "PRIMARY KEY (recorder_type, recorder_id, line_no, period)"
        )
    )
    for _name, definition in indexes:
        c.execute(text(definition))
    c.execute(text(f'ALTER TABLE {S}.{table} OWNER TO "{owner}"'))  # before its partitions
    c.execute(text(f"CREATE TABLE {S}.{table}_default PARTITION OF {S}.{table} DEFAULT"))
    c.execute(text(f'ALTER TABLE {S}.{table}_default OWNER TO "{owner}"'))
    made = add_years(c, table, _years(c, old))  # the default partition is empty: nothing moves
    c.execute(text(f"INSERT INTO {S}.{table} SELECT * FROM {S}.{old}"))
    for name, query in views:  # the same columns: their privileges stay
        c.execute(text(f"CREATE OR REPLACE VIEW {name} AS {query}"))
    c.execute(text(f"DROP TABLE {S}.{old}"))
    for grantee, privileges in grants:
        c.execute(text(f'GRANT {privileges} ON {S}.{table} TO "{grantee}"'))
    return [f"{table}_default", *made]
