"""Reports from a read replica: a streaming standby of the infobase's server (pg_basebackup),
named in the URL with ``reports=host:port``; the report forms read there, everything else from
the server. Shown by pausing the replica's replay: the report form still sees the old stock
while the server has the new."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url

from forms.report_form import ReportForm
from server.api import Session, new_document
from server.api.reports import Reports, ReportSettings
from server.embedded import EmbeddedServer, _as_root, _prepare_root_access, _run_as, bin_path
from server.infobase import Infobase, make_engine, reports_engine
from server.metadata import registry
from tests.conftest import Db, World, make_world
from tests.helpers import at

MARCH = ReportSettings("stock", dt.date(2026, 3, 1), dt.date(2026, 3, 31))


def _received(engine: Engine) -> Decimal:
    report = Reports(Session(engine), registry).run(MARCH)
    return sum((r.values["quantity_in"] for r in report.rows if r.kind == "item"), Decimal(0))


def _receipt(world: World, qty: str) -> None:
    world.docs.save(
        "goods_receipt",
        new_document(
            organization=world.org,
            warehouse=world.wh,
            date=at(5),
            lines=[{"product": world.products[0], "quantity": qty, "price": "1.00"}],
        ),
        post=True,
    )


@pytest.fixture
def primary_and_replica(tmp_path: Path) -> Iterator[tuple[World, str, EmbeddedServer]]:
    """A private infobase server, and a standby of it started from a base backup."""
    ib = Infobase(str(tmp_path / "primary"), settings={"fsync": "off"})
    ib.create()
    ib.upgrade()
    assert ib.server
    running = ib.server.running()
    assert running and running.socket_dir
    replica = EmbeddedServer(tmp_path / "replica", settings={"fsync": "off"})
    replica.folder.mkdir(parents=True)
    if _as_root():
        _prepare_root_access(replica.folder)
    source = ["-h", str(running.socket_dir), "-p", str(running.port), "-U", "postgres"]
    subprocess.run(
        [
            bin_path("pg_basebackup"),
            "-D",
            str(replica.pgdata),
            "-R",
            "-X",
            "stream",
            "-c",
            "fast",
            *source,
        ],
        check=True,
        capture_output=True,
        **_run_as(),
    )
    for lock in replica.pgdata.glob(".s.PGSQL.*"):  # the primary's socket lives in its data
        lock.unlink()
    os.environ.pop("KONTORA_LISTEN_URL", None)
    standby = replica.start()
    url = make_url(ib.url()).update_query_dict({"reports": f"{standby.socket_dir}:{standby.port}"})
    engine = make_engine(url)
    world = make_world(Db("kontora", url.render_as_string(hide_password=False), engine, "60s"))
    try:
        yield world, url.render_as_string(hide_password=False), replica
    finally:
        engine.dispose()
        replica.stop(force=True)
        ib.server.stop(force=True)


def _caught_up(primary: Engine, standby: Engine, timeout: float = 30) -> None:
    with primary.connect() as c:
        lsn = c.scalar(text("SELECT pg_current_wal_lsn()"))
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with standby.connect() as c:
            if c.scalar(text("SELECT pg_last_wal_replay_lsn() >= :l"), {"l": lsn}):
                return
        time.sleep(0.1)
    raise AssertionError("the replica did not catch up")


def test_reports_read_the_replica_and_everything_else_the_server(primary_and_replica, qtbot):
    world, _url, _replica = primary_and_replica
    engine = world.db.engine
    replica = reports_engine(engine)
    assert replica is not engine and reports_engine(engine) is replica  # one, kept
    with replica.connect() as c:
        assert c.scalar(text("SELECT pg_is_in_recovery()"))
    _receipt(world, "7")
    _caught_up(engine, replica)
    assert _received(replica) == _received(engine) == Decimal(7)

    with replica.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
        c.execute(text("SELECT pg_wal_replay_pause()"))
    _receipt(world, "5")  # the server has it; the paused replica does not
    form = ReportForm(engine, registry, "stock")
    qtbot.addWidget(form)
    shown = sum(
        (r.values["quantity_in"] for r in form.run(MARCH).rows if r.kind == "item"), Decimal(0)
    )
    assert shown == Decimal(7) and _received(engine) == Decimal(12)
    with replica.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
        c.execute(text("SELECT pg_wal_replay_resume()"))
    _caught_up(engine, replica)
    assert _received(replica) == Decimal(12)
