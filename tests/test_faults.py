"""Faults: a client killed in the middle of posting, and the server restarted under a load of
eight posting clients. Either way nothing is half there: every document is posted with all its
movements or not there at all, and everything a client was told is saved survives.

The restart test runs its own embedded server (a crash-like ``pg_ctl stop -m immediate`` of the
shared test server would disturb other tests) with the durability settings of a real office:
``synchronous_commit`` on, so an acknowledged commit is in the WAL before the client hears of it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text

from server.api import new_document
from server.check import check
from server.embedded import _run_as, bin_path
from server.errors import ConnectionLostError
from server.infobase import Infobase
from tests.conftest import Db, World, make_world
from tests.helpers import at

ROOT = Path(__file__).resolve().parent.parent
LINES = 4000  # a receipt long enough to be caught while it posts
CLIENTS = 8


def _count(engine: Engine, sql: str, **params) -> int:
    with engine.connect() as c:
        return int(c.execute(text(sql), params).scalar() or 0)


# -- a client killed while posting ---------------------------------------------------------

KILLED_CLIENT = """
import sys
from sqlalchemy import create_engine
import server.config  # noqa: F401
from server.api import Documents, Session, new_document
from server.metadata import registry

url, org, wh, product, n = sys.argv[1], *map(int, sys.argv[2:6])
engine = create_engine(
    url, connect_args={"options": "-c client_connection_check_interval=50"}
)
lines = [{"product": product, "quantity": "1", "price": "1.00"} for _ in range(n)]
doc = new_document(organization=org, warehouse=wh, date="2026-03-02T09:00:00", lines=lines)
print("posting", flush=True)
Documents(Session(engine), registry).save("goods_receipt", doc, post=True)
print("posted", flush=True)
"""


def _posting_backend(engine: Engine, database: str) -> int | None:
    with engine.connect() as c:
        return c.execute(
            text(
                "SELECT pid FROM pg_stat_activity WHERE datname = :d AND state = 'active' "
                "AND query LIKE '%goods_receipt_save%' AND pid <> pg_backend_pid()"
            ),
            {"d": database},
        ).scalar()


def _wait(predicate, timeout: float, step: float = 0.02) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return False


def test_client_killed_while_posting_leaves_no_partial_state(world: World) -> None:
    db, product = world.db, world.products[0]
    before = _count(db.engine, "SELECT count(*) FROM doc_goods_receipt")
    args = (db.url, world.org, world.wh, product, LINES)
    child = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(KILLED_CLIENT), *map(str, args)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        caught = _wait(lambda: _posting_backend(db.engine, db.name) is not None, timeout=60)
        assert caught, "the client's posting was never seen running"
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == -signal.SIGKILL
    # the server notices the dead client and ends its transaction
    assert _wait(lambda: _posting_backend(db.engine, db.name) is None, timeout=60, step=0.1)

    after = _count(db.engine, "SELECT count(*) FROM doc_goods_receipt")
    assert after in (before, before + 1)
    if after == before + 1:  # it committed just before the kill: then all of it is there
        assert _count(db.engine, "SELECT count(*) FROM doc_goods_receipt WHERE posted") == after
    assert _count(
        db.engine, "SELECT count(*) FROM reg_stock WHERE product_id = :p", p=product
    ) == LINES * (after - before)
    assert check(db.engine) == []


# -- the server restarted under eight posting clients --------------------------------------


@dataclass
class Client:
    """One posting client: what it was told was saved, and the outages it saw."""

    world: World
    index: int
    acknowledged: list[int] = field(default_factory=list)
    after_restart: int = 0
    outages: int = 0
    errors: list[str] = field(default_factory=list)

    def post_one(self, n: int, restarted: bool) -> None:
        w = self.world
        product = w.products[(self.index + n) % len(w.products)]
        lines = [{"product": product, "quantity": "1", "price": "1.00"}]
        if n % 2:
            kind, head = "sales_shipment", {"customer": w.customer}
            lines[0]["price"] = "2.00"
        else:
            kind, head = "goods_receipt", {}
        doc = new_document(
            organization=w.org, warehouse=w.wh, date=at(3 + n % 20), lines=lines, **head
        )
        saved = w.docs.save(kind, doc, post=True)
        self.acknowledged.append(saved["id"] if kind == "goods_receipt" else -saved["id"])
        if restarted:
            self.after_restart += 1

    def run(self, stop: threading.Event, restarted: threading.Event) -> None:
        n = 0
        while not stop.is_set():
            n += 1
            try:
                self.post_one(n, restarted.is_set())
            except ConnectionLostError:
                self.outages += 1  # what the client shows: the connection is lost; try again
                time.sleep(0.2)
            except Exception as exc:  # anything else is a failure of the test
                self.errors.append(f"{type(exc).__name__}: {exc}")
                return


@pytest.fixture
def own_server(tmp_path: Path):
    """A private embedded infobase with the world's catalogs, durable commits on."""
    ib = Infobase(str(tmp_path / "ib"), settings={"fsync": "off", "max_connections": "50"})
    ib.create()
    ib.upgrade()
    engine = ib.engine(pool_size=CLIENTS + 2, connect_args={"connect_timeout": 5})
    world = make_world(Db("kontora", ib.url(), engine, "60s"))
    try:
        yield ib, world
    finally:
        engine.dispose()
        assert ib.server
        ib.server.stop(force=True)


def _crash_and_restart(ib: Infobase) -> None:
    assert ib.server
    subprocess.run(
        [bin_path("pg_ctl"), "-D", str(ib.server.pgdata), "-w", "-m", "immediate", "stop"],
        check=True,
        capture_output=True,
        **_run_as(),
    )
    time.sleep(1.0)  # clients meet the outage
    ib.server.start()


@pytest.mark.slow
def test_server_restart_under_eight_posting_clients_keeps_every_acknowledged_posting(
    own_server,
) -> None:
    ib, world = own_server
    stock = [{"product": p, "quantity": "100000", "price": "1.00"} for p in world.products]
    world.docs.save(
        "goods_receipt",
        new_document(organization=world.org, warehouse=world.wh, date=at(2), lines=stock),
        post=True,
    )
    clients = [Client(world, i) for i in range(CLIENTS)]
    stop, restarted = threading.Event(), threading.Event()
    threads = [threading.Thread(target=c.run, args=(stop, restarted)) for c in clients]
    for t in threads:
        t.start()
    try:
        assert _wait(lambda: sum(len(c.acknowledged) for c in clients) >= 80, 120, 0.05)
        _crash_and_restart(ib)
        restarted.set()
        assert _wait(lambda: all(c.after_restart >= 3 or c.errors for c in clients), 120, 0.1)
    finally:
        stop.set()
        for t in threads:
            t.join(timeout=60)
    assert [e for c in clients for e in c.errors] == []
    assert sum(c.outages for c in clients) > 0, "no client noticed the restart"

    engine = create_engine(ib.url())
    try:
        receipts = [i for c in clients for i in c.acknowledged if i > 0]
        shipments = [-i for c in clients for i in c.acknowledged if i < 0]
        for table, ids in (("doc_goods_receipt", receipts), ("doc_sales_shipment", shipments)):
            found = _count(
                engine, f"SELECT count(*) FROM {table} WHERE posted AND id = ANY(:i)", i=ids
            )
            assert found == len(ids), f"{table}: {len(ids) - found} acknowledged postings lost"
        assert check(engine) == []  # nothing half there
    finally:
        engine.dispose()
