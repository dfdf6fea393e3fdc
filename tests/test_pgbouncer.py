"""Behind PgBouncer in transaction mode: posting from several clients, reports and the
consistency check work through the pooler (``?pooler=transaction``: no server-side prepared
statements, since each transaction may run on another server connection), and live refresh
LISTENs on a direct connection (``listen=`` in the URL). Skipped where PgBouncer is not
installed (``apt-get install pgbouncer``)."""

from __future__ import annotations

import datetime as dt
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import make_url

from app.change_feed import listen_url
from server.api import Documents, Session, new_document
from server.api.reports import Reports, ReportSettings
from server.check import check
from server.embedded import SYSTEM_USER, _as_root, free_port
from server.infobase import make_engine
from server.metadata import registry
from server.sqlgen.notify import CHANNEL
from tests.conftest import World
from tests.helpers import run_clients

PGBOUNCER = shutil.which("pgbouncer") or (
    "/usr/sbin/pgbouncer" if Path("/usr/sbin/pgbouncer").exists() else None
)
pytestmark = pytest.mark.skipif(PGBOUNCER is None, reason="PgBouncer is not installed")
CLIENTS, EACH = 4, 12


@pytest.fixture
def pooler(world: World) -> Iterator[str]:
    """PgBouncer in transaction mode with two server connections in front of the world's
    database; yields the client URL (through the pooler, listening directly)."""
    direct = make_url(world.db.url)
    socket_dir, server_port = direct.query["host"], direct.query["port"]
    port = free_port()
    folder = Path(tempfile.mkdtemp(prefix="kontora-pgbouncer-"))  # reachable by its user
    (folder / "pgbouncer.ini").write_text(
        f"[databases]\n{world.db.name} = host={socket_dir} port={server_port} "
        f"dbname={world.db.name} user=postgres\n"
        "[pgbouncer]\n"
        f"listen_addr = 127.0.0.1\nlisten_port = {port}\nunix_socket_dir =\n"
        "auth_type = any\npool_mode = transaction\ndefault_pool_size = 2\n"
        f"max_client_conn = 50\nlogfile = {folder}/pgbouncer.log\n"
        f"pidfile = {folder}/pgbouncer.pid\nignore_startup_parameters = options\n"
    )
    run_as = {}
    if _as_root():  # PgBouncer refuses to run as root
        entry = pwd.getpwnam(SYSTEM_USER)
        for p in (folder, *folder.iterdir()):
            os.chown(p, entry.pw_uid, entry.pw_gid)
        run_as = {"user": SYSTEM_USER}
    proc = subprocess.Popen(
        [str(PGBOUNCER), str(folder / "pgbouncer.ini")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        **run_as,
    )
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError("PgBouncer did not start")
        url = (
            f"postgresql+psycopg://postgres@127.0.0.1:{port}/{world.db.name}"
            f"?pooler=transaction&listen={socket_dir}:{server_port}"
        )
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)


def test_posting_reports_and_check_work_behind_pgbouncer(world: World, pooler: str) -> None:
    engine = make_engine(pooler, pool_size=CLIENTS)
    errors: list[str] = []

    def client(k: int) -> None:
        docs = Documents(Session(engine), registry)
        try:
            for i in range(EACH):  # the same statements again and again: prepared if allowed
                docs.save(
                    "goods_receipt",
                    new_document(
                        organization=world.org,
                        warehouse=world.wh,
                        date=f"2026-03-{1 + i % 28:02d}T{10 + k}:00:00",
                        lines=[{"product": world.products[k], "quantity": "2", "price": "1.00"}],
                    ),
                    post=True,
                )
        except Exception as exc:
            errors.append(f"{type(exc).__name__}: {exc}")

    run_clients(client, CLIENTS, timeout=120)
    assert errors == []
    session = Session(engine)
    assert session.scalar("SELECT count(*) FROM doc_goods_receipt WHERE posted") == CLIENTS * EACH
    report = Reports(session, registry).run(
        ReportSettings("stock", dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    )
    assert (
        sum(r.values["quantity_in"] for r in report.rows if r.kind == "item") == 2 * CLIENTS * EACH
    )
    assert check(engine) == []
    engine.dispose()


def test_live_refresh_listens_directly_while_work_goes_through_the_pooler(
    world: World, pooler: str
) -> None:
    engine = make_engine(pooler)
    url = listen_url(engine)
    assert f":{make_url(pooler).port}/" not in url  # not the pooler's port
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"LISTEN {CHANNEL}")
        Session(engine).execute("INSERT INTO cat_warehouses(name) VALUES ('Through the pooler')")
        got = [n.payload for n in conn.notifies(timeout=5, stop_after=1)]
    assert got and got[0].startswith("catalog:warehouses")
    engine.dispose()
