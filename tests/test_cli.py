"""kontora-admin against its own embedded infobase (one per module: a cluster init takes ~2 s)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from server.cli import app
from server.embedded import free_port
from server.errors import SchemaMismatchError
from server.infobase import Infobase, check_schema, code_revision
from server.metadata import registry

runner = CliRunner()


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = str(tmp_path_factory.mktemp("cli") / "infobase")
    yield path
    ib = Infobase(path)
    assert ib.server
    ib.server.stop(force=True)


def cli(folder: str, *args: str, input: str | None = None, code: int = 0):
    result = runner.invoke(app, [*args, "--infobase", folder], input=input)
    assert result.exit_code == code, (result.output, result.exception)
    assert "Traceback" not in result.output
    return result


def query(folder: str, stmt: str, **params) -> list:
    eng = create_engine(Infobase(folder).url())
    try:
        with eng.begin() as c:
            r = c.execute(text(stmt), params)
            return list(r) if r.returns_rows else []
    finally:
        eng.dispose()


def documents(folder: str) -> int:
    return sum(
        query(folder, f"SELECT count(*) FROM kontora.{d.table}")[0][0]
        for d in registry.documents.values()
    )


@pytest.fixture(scope="module")
def demo(folder: str) -> str:
    r = cli(folder, "init")
    assert code_revision() in r.output
    cli(folder, "demo")
    return folder


def test_init_demo_check(demo: str):
    n = documents(demo)
    assert n > 100
    cli(demo, "demo")  # an infobase with data is left alone
    assert documents(demo) == n
    assert "is consistent" in cli(demo, "check").output
    # purchasing: a confirmed order half received and prepaid (an advance), a draft one
    states = query(demo, "SELECT status, posted FROM kontora.doc_purchase_order ORDER BY id")
    assert [tuple(r) for r in states] == [("confirmed", True), ("draft", True)]
    owed = query(demo, "SELECT sum(amount) FROM kontora.reg_supplier_settlements_balance "
                       "WHERE order_id <> 0")[0][0]  # fmt: skip
    assert owed < 0
    # sales: orders in every status, one waiting for approval over its credit limit
    states = query(demo, "SELECT status FROM kontora.doc_sales_order WHERE posted ORDER BY id")
    assert [r[0] for r in states] == [
        "to_ship", "to_ship", "closed", "to_supply", "not_approved", "not_approved"
    ]  # fmt: skip
    left = query(demo, "SELECT count(*) FROM kontora.reg_customer_orders_balance "
                       "WHERE quantity > 0")[0][0]  # fmt: skip
    assert left > 0  # the first order is shipped partly
    advance = query(demo, "SELECT amount FROM kontora.reg_customer_settlements "
                          "WHERE recorder_type = 'customer_payment' AND order_id = 0")  # fmt: skip
    assert [r[0] for r in advance] == [-250]  # paid beyond the order: an advance
    cost = query(demo, "SELECT cost FROM kontora.reg_stock WHERE recorder_type = 'sales_return'")
    assert len(cost) == 1 and cost[0][0] > 0  # back at the cost it left with


def test_first_posting_locks_every_key_it_writes(demo: str):
    """A document posted for the first time locks its keys from its lines alone
    (``fresh_keys``, one read per source): for every posted demo document of every type they
    are the keys the general path locks for its new movements, and cover the keys of the
    movements it wrote."""
    import re

    from server.sqlgen import lock_key
    from server.sqlgen.documents import fresh_keys, movement_parts

    checked = 0
    for d in registry.documents.values():
        if not d.registers:
            continue

        def bound(q: str) -> str:  # the posting's variables, for document h, posting
            return re.sub(r"\bp_post\b", "true", re.sub(r"\bp_id\b", "h.id", q))

        ons = ", ".join(f"true AS {r}_on" for r in d.registers)
        fresh = " UNION ".join(f"({bound(q)})" for q in fresh_keys(d, registry))
        general, stored = [], []
        for name in d.registers:
            r = registry.register(name)
            # A derived register's keys (free stock) are locked with its components' own.
            for x in (r, *registry.derived_from((name,))):
                key = lock_key(x.name, list(x.dim_columns))
                for part in movement_parts(d, registry, name, keys_only=True):
                    general.append(f"(SELECT {key} FROM ({bound(part)}) x)")
                stored.append(
                    f"(SELECT {key} FROM {r.table} WHERE recorder_type = '{d.name}' "
                    "AND recorder_id = h.id)"
                )
        every = " UNION ALL ".join(general)
        rows = query(
            demo,
            f"""SELECT h.id, ARRAY(SELECT k FROM ({fresh}) f(k) ORDER BY 1),
                       ARRAY(SELECT DISTINCT k FROM ({every}) g(k) ORDER BY 1),
                       ARRAY(SELECT k FROM ({" UNION ALL ".join(stored)}) s(k)
                             EXCEPT SELECT k FROM ({fresh}) f(k))
                FROM kontora.{d.table} h, LATERAL (SELECT {ons}) s
                WHERE h.posted AND set_config('search_path', 'kontora', true) IS NOT NULL""",
        )
        for doc_id, fresh_set, general_set, missing in rows:
            assert fresh_set == general_set, (d.name, doc_id)
            assert missing == [], (d.name, doc_id, "not locked", missing)
            checked += 1
    assert checked > 50


def test_demo_documents_look_complete(demo: str):
    """Sales documents carry a price type and their partner's manager, prices of that type;
    receipts and purchase orders their supplier (partner) and VAT rates."""
    for table in ("doc_sales_order", "doc_sales_shipment"):
        bad = query(
            demo,
            f"SELECT h.number FROM kontora.{table} h JOIN kontora.cat_partners p "
            "ON p.id = h.partner_id WHERE h.price_type_id IS NULL OR h.manager IS NULL "
            "OR h.manager IS DISTINCT FROM p.manager",
        )
        assert bad == []
        orphans = query(demo, f"SELECT count(*) FROM kontora.{table} WHERE partner_id IS NULL")
        assert orphans[0][0] == 0
    managers = query(demo, "SELECT DISTINCT manager FROM kontora.doc_sales_shipment")
    assert len(managers) >= 2  # sales by manager has more than one row
    # a line's price is its price type's price (no discounts in the demo)
    off = query(
        demo,
        "SELECT count(*) FROM kontora.doc_sales_shipment h "
        "JOIN kontora.doc_sales_shipment_lines l ON l.doc_id = h.id "
        "JOIN kontora.cat_price_types t ON t.id = h.price_type_id "
        "WHERE h.vat_included IS DISTINCT FROM t.vat_included OR l.vat_rate IS NULL "
        "OR l.price <> (SELECT p.price FROM kontora.inf_prices p WHERE p.product_id = "
        "l.product_id AND p.price_type_id = t.id ORDER BY p.period DESC LIMIT 1)",
    )
    assert off[0][0] == 0
    for table in ("doc_goods_receipt", "doc_purchase_order"):
        bad = query(
            demo,
            f"SELECT count(*) FROM kontora.{table} h JOIN kontora.{table}_lines l "
            "ON l.doc_id = h.id WHERE h.partner_id IS NULL OR l.vat_rate IS NULL",
        )
        assert bad[0][0] == 0
    comments = query(demo, "SELECT comment FROM kontora.doc_purchase_order")
    assert all(r[0] for r in comments)
    # purchase prices: recorded by the receipts; the orders are at that price type
    types = query(demo, "SELECT DISTINCT t.name FROM kontora.doc_purchase_order h "
                        "JOIN kontora.cat_price_types t ON t.id = h.price_type_id")  # fmt: skip
    assert [r[0] for r in types] == ["Purchase"]
    recorded = query(demo, "SELECT count(DISTINCT product_id), count(*) FILTER (WHERE "
                           "receipt_id IS NULL) FROM kontora.inf_prices p JOIN "
                           "kontora.cat_price_types t ON t.id = p.price_type_id "
                           "WHERE t.from_purchases")  # fmt: skip
    assert recorded[0][0] == query(demo, "SELECT count(*) FROM kontora.cat_products "
                                         "WHERE NOT is_group")[0][0]  # fmt: skip
    assert recorded[0][1] == 0


def test_check_reports_problems_with_status_1(demo: str):
    query(
        demo,
        "UPDATE kontora.reg_stock_balance SET quantity = quantity + 1 WHERE ctid IN "
        "(SELECT ctid FROM kontora.reg_stock_balance LIMIT 1)",
    )
    try:
        r = cli(demo, "check", code=1)
        assert "stock: balance of (warehouse" in r.output
    finally:
        query(
            demo,
            "UPDATE kontora.reg_stock_balance b SET quantity = s.q FROM "
            "(SELECT warehouse_id, product_id, sum(quantity) q FROM kontora.reg_stock "
            "GROUP BY 1, 2) s WHERE (b.warehouse_id, b.product_id) = (s.warehouse_id, "
            "s.product_id)",
        )
    cli(demo, "check")


def password_of(folder: str, name: str) -> str | None:
    rows = query(folder, "SELECT rolpassword FROM pg_authid WHERE rolname = :n", n=name)
    return rows[0][0] if rows else None


def test_user_add_passwd_remove(demo: str):
    cli(demo, "user", "add", "alice", "--role", "storekeeper", "--password-stdin", input="pw1\n")
    first = password_of(demo, "alice")
    assert first and first.startswith("SCRAM-SHA-256$") and "pw1" not in first
    assert "alice" in cli(demo, "user", "list").output
    r = cli(demo, "user", "add", "alice", "--role", "storekeeper", "--password", "x", code=1)
    assert r.stderr.strip() == "error: A user or role named 'alice' already exists"
    cli(demo, "user", "passwd", "alice", "--password-stdin", input="pw2\n")
    assert password_of(demo, "alice") not in (None, first)
    cli(demo, "user", "remove", "alice")
    assert password_of(demo, "alice") is None


@pytest.mark.parametrize(
    "args",
    [
        ["user", "add", 'x"; DROP ROLE postgres; --', "--role", "admin", "--password", "p"],
        ["user", "add", "bob", "--role", "boss", "--password", "p"],
        ["user", "add", "bob", "--role", "admin", "--password", ""],
        ["user", "remove", "postgres"],
        ["user", "remove", "nobody"],
        ["subsystem", "off", "inventory"],
        ["subsystem", "on", "nonsense"],
        ["period-lock", "2026-13-01"],
    ],
)
def test_user_errors_are_one_line(demo: str, args: list[str]):
    r = cli(demo, *args, code=1)
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), r.stderr


def test_unreachable_server_is_one_line():
    r = runner.invoke(app, ["check", "--infobase", "postgresql://nobody@127.0.0.1:1/none"])
    assert r.exit_code == 1
    assert r.stderr.startswith("error: ") and "Traceback" not in r.output


def test_subsystem_and_period_lock(demo: str):
    cli(demo, "subsystem", "off", "sales")
    assert query(demo, "SELECT enabled FROM kontora.subsystems WHERE name = 'sales'") == [(False,)]
    cli(demo, "subsystem", "on", "sales")
    assert query(demo, "SELECT enabled FROM kontora.subsystems WHERE name = 'sales'") == [(True,)]
    cli(demo, "period-lock", "2020-01-31")
    assert str(query(demo, "SELECT period_lock_date FROM kontora.constants")[0][0]) == "2020-01-31"
    cli(demo, "period-lock", "none")
    assert query(demo, "SELECT period_lock_date FROM kontora.constants") == [(None,)]


def test_backup_restore_round_trip(demo: str, tmp_path: Path):
    before = documents(demo)
    dump = tmp_path / "infobase.dump"
    cli(demo, "backup", str(dump))
    assert dump.stat().st_size > 0
    query(demo, "SET session_replication_role = replica; DELETE FROM kontora.doc_write_off")
    assert documents(demo) < before
    cli(demo, "restore", str(dump))
    assert documents(demo) == before
    assert "is consistent" in cli(demo, "check").output
    # routines and grants are back: a role can read
    grants = query(
        demo,
        "SELECT has_table_privilege('kontora_storekeeper', 'kontora.doc_goods_receipt', 'SELECT')",
    )
    assert grants == [(True,)]


def test_daily_backup_rotates_and_verifies(demo: str, tmp_path: Path):
    folder = tmp_path / "daily"
    folder.mkdir()
    for day in (1, 2):
        (folder / f"kontora-2026110{day}-030000.dump").write_bytes(b"old")
    r = cli(demo, "backup", str(folder), "--rotate", "2", "--verify")
    assert "2 backups kept" in r.output and "The backup restores:" in r.output
    kept = sorted(p.name for p in folder.glob("*.dump"))
    assert kept[0] == "kontora-20261102-030000.dump" and len(kept) == 2
    r = cli(demo, "backup", str(folder / "x.dump"), "--rotate", "0", code=2)


def test_schema_mismatch(demo: str):
    query(demo, "UPDATE kontora.alembic_version SET version_num = '9999'")
    try:
        eng = create_engine(Infobase(demo).url())
        with eng.connect() as c, pytest.raises(SchemaMismatchError, match="newer than this"):
            check_schema(c)
        eng.dispose()
        r = cli(demo, "check", code=1)
        assert "error: The infobase schema (9999) is newer than this Kontora" in r.stderr
    finally:
        query(demo, "UPDATE kontora.alembic_version SET version_num = :v", v=code_revision())
    cli(demo, "check")


def test_serve_accepts_password_logins_until_interrupted(demo: str):
    cli(demo, "user", "add", "carol", "--role", "sales_manager", "--password", "Secret-1")
    port = free_port()
    exe = Path(sys.executable).with_name("kontora-admin")
    proc = subprocess.Popen(
        [str(exe), "serve", "--infobase", demo, "--listen", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    try:
        assert proc.stdout
        out = ""
        deadline = time.monotonic() + 60
        while "Ctrl+C" not in out and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            out += line
        assert f"postgresql://USER@127.0.0.1:{port}/kontora" in out, out + proc.stderr.read()
        dsn = f"host=127.0.0.1 port={port} dbname=kontora user=carol"
        with psycopg.connect(dsn + " password=Secret-1") as c:
            assert c.execute("SELECT session_user").fetchone() == ("carol",)
            assert c.execute("SELECT count(*) > 0 FROM kontora.doc_sales_shipment").fetchone()
        with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
            psycopg.connect(dsn + " password=wrong")
        with pytest.raises(psycopg.OperationalError):
            psycopg.connect(f"host=127.0.0.1 port={port} dbname=kontora user=postgres")
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=60) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert Infobase(demo).server.running() is None  # type: ignore[union-attr]
    cli(demo, "user", "remove", "carol")
