"""The embedded infobase's lifecycle: started on demand, stopped when the last client exits, a
server left by a crashed client reused, a server that crashed itself recovered.

Clients are real processes (``python -c``), since "on exit" means the interpreter's atexit.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import platformdirs
import psutil
import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from server.embedded import EmbeddedServer
from server.infobase import Infobase

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 120

# A client that opens the infobase (``init`` creates and migrates it), then leaves normally.
CLIENT = """
import sys
from server.infobase import Infobase
ib = Infobase(sys.argv[1])
ib.init()
print(ib.url(), flush=True)
"""

# A client that keeps a connection open until a line arrives on stdin, then leaves normally.
WAITING_CLIENT = """
import sys
from sqlalchemy import text
from server.infobase import Infobase
ib = Infobase(sys.argv[1])
conn = ib.engine().connect()
conn.execute(text("SELECT 1"))
print(ib.server.running().pid, flush=True)
sys.stdin.readline()
conn.execute(text("SELECT 1"))
"""

# A client that starts the server and dies without running its atexit hooks.
CRASHING_CLIENT = """
import os, signal, sys
from server.infobase import Infobase
ib = Infobase(sys.argv[1])
ib.create()
print(ib.server.running().pid, flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


def run_client(code: str, folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), str(folder)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )


def postmasters(folder: Path) -> list[psutil.Process]:
    """Live postmasters of ``folder/pgdata`` (the postmaster's command line names it)."""
    pgdata = str(EmbeddedServer(folder).pgdata)
    found = []
    for p in psutil.process_iter(["cmdline"]):
        try:
            cmd = p.info["cmdline"] or []
            if pgdata in cmd and p.status() != psutil.STATUS_ZOMBIE:
                found.append(p)
        except psutil.Error:
            continue
    return found


def assert_stopped(folder: Path) -> None:
    deadline = time.monotonic() + 10
    while postmasters(folder) and time.monotonic() < deadline:
        time.sleep(0.1)  # pg_ctl -w returns when the lock file is gone; the process follows
    assert EmbeddedServer(folder).running() is None
    assert postmasters(folder) == []


def kill_server(folder: Path) -> None:
    """Stop the server of ``folder`` whatever state it is in (test cleanup)."""
    EmbeddedServer(folder).stop(force=True)
    for p in postmasters(folder):
        procs = [p, *p.children(recursive=True)]
        for q in procs:
            q.kill()
        psutil.wait_procs(procs, timeout=10)
    assert postmasters(folder) == []


def query(ib: Infobase, stmt: str):
    eng = ib.engine()
    try:
        with eng.begin() as c:
            r = c.execute(text(stmt))
            return r.scalar() if r.returns_rows else None
    finally:
        eng.dispose()


@pytest.fixture(scope="module")
def shared_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A cluster with the infobase database, created once (initdb takes ~2 s), stopped."""
    folder = tmp_path_factory.mktemp("embedded") / "infobase"
    ib = Infobase(str(folder))
    try:
        ib.create()
    finally:
        kill_server(folder)
    yield folder
    kill_server(folder)


@pytest.fixture
def folder(shared_folder: Path) -> Iterator[Path]:
    """The shared cluster, stopped before and after the test."""
    kill_server(shared_folder)
    yield shared_folder
    kill_server(shared_folder)


def test_started_on_demand_and_stopped_on_exit(tmp_path: Path):
    folder = tmp_path / "fresh"
    try:
        r = run_client(CLIENT, folder)
        assert r.returncode == 0, r.stderr
        url = make_url(r.stdout.strip().splitlines()[-1])
        assert url.drivername == "postgresql+psycopg"
        assert url.database == "kontora"
        assert EmbeddedServer(folder).initialized()
        assert_stopped(folder)
        # the next client starts it again on demand, finds the schema current, and stops it
        r = run_client(CLIENT, folder)
        assert r.returncode == 0, r.stderr
        assert_stopped(folder)
    finally:
        kill_server(folder)


def test_not_stopped_while_another_client_uses_it(folder: Path):
    ib = Infobase(str(folder))
    eng = ib.engine()
    try:
        with eng.connect() as conn:
            assert conn.execute(text("SELECT 1")).scalar() == 1
            assert ib.server
            pid = ib.server.running().pid  # type: ignore[union-attr]
            r = run_client(CLIENT, folder)  # joins the running server, migrates, leaves
            assert r.returncode == 0, r.stderr
            running = EmbeddedServer(folder).running()
            assert running is not None and running.pid == pid
            assert conn.execute(text("SELECT 2")).scalar() == 2
    finally:
        eng.dispose()
        kill_server(folder)


def test_the_last_client_to_leave_stops_it(folder: Path):
    """The starter leaves first (another client is connected); the one left stops it on exit."""
    cmd = [sys.executable, "-c", textwrap.dedent(WAITING_CLIENT), str(folder)]
    kw = dict(cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    first = subprocess.Popen(cmd, **kw)  # type: ignore[call-overload]
    second = None
    try:
        pid = int(first.stdout.readline())  # started on demand
        second = subprocess.Popen(cmd, **kw)  # type: ignore[call-overload]
        assert int(second.stdout.readline()) == pid  # joined
        first.communicate("\n", timeout=TIMEOUT)
        assert first.returncode == 0
        running = EmbeddedServer(folder).running()
        assert running is not None and running.pid == pid, "stopped under a connected client"
        second.communicate("\n", timeout=TIMEOUT)
        assert second.returncode == 0
        assert_stopped(folder)
    finally:
        for p in (first, second):
            if p and p.poll() is None:
                p.kill()
                p.wait()
        kill_server(folder)


def test_server_of_a_crashed_client_is_reused(folder: Path):
    r = run_client(CRASHING_CLIENT, folder)
    assert r.returncode == -signal.SIGKILL, r.stderr
    pid = int(r.stdout.strip().splitlines()[-1])
    try:
        running = EmbeddedServer(folder).running()  # no atexit ran: the server was left behind
        assert running is not None and running.pid == pid
        ib = Infobase(str(folder))
        assert query(ib, "SELECT 1") == 1
        assert ib.server and ib.server.running().pid == pid  # type: ignore[union-attr]
        assert len(postmasters(folder)) == 1
        # the next client to leave while nobody else is connected stops it
        r = run_client(CLIENT, folder)
        assert r.returncode == 0, r.stderr
        assert_stopped(folder)
    finally:
        kill_server(folder)


def test_crashed_server_is_recovered(folder: Path):
    ib = Infobase(str(folder))
    try:
        query(ib, "CREATE TABLE crash_probe AS SELECT 42 AS n")
        assert ib.server
        running = ib.server.running()
        assert running is not None
        postmaster = psutil.Process(running.pid)
        procs = [postmaster, *postmaster.children(recursive=True)]
        for p in procs:
            p.send_signal(signal.SIGKILL)
        _gone, alive = psutil.wait_procs(procs, timeout=10)
        assert not alive
        pidfile = ib.server.pgdata / "postmaster.pid"
        assert pidfile.exists()  # the stale lock file of a server that is gone

        again = Infobase(str(folder))
        assert query(again, "SELECT n FROM crash_probe") == 42  # committed before the crash
        assert again.server
        recovered = again.server.running()
        assert recovered is not None and recovered.pid != running.pid
        log = (folder / "server.log").read_text(errors="replace")
        assert "automatic recovery in progress" in log
        query(again, "DROP TABLE crash_probe")
    finally:
        kill_server(folder)


def test_infobase_forms(tmp_path: Path):
    default = Infobase(None)
    assert not default.is_shared
    assert default.server is not None
    data_dir = Path(platformdirs.user_data_dir("kontora", "Kontora")).resolve()
    assert default.server.folder.is_relative_to(data_dir)

    shared = Infobase("postgresql://u:p@host:5433/db")
    assert shared.is_shared
    assert shared.server is None
    url = make_url(shared.url())
    assert url.drivername == "postgresql+psycopg"
    assert (url.username, url.password, url.host, url.port, url.database) == (
        "u",
        "p",
        "host",
        5433,
        "db",
    )
    assert shared.title == "db on host"
    as_user = make_url(shared.url("carol", "Secret-1"))
    assert (as_user.username, as_user.password) == ("carol", "Secret-1")

    local = Infobase(str(tmp_path / "ib"))
    assert not local.is_shared
    assert local.server is not None
    assert local.server.folder == (tmp_path / "ib").resolve()
    assert not local.server.initialized()  # nothing is created until it is opened


def test_a_client_starting_while_the_last_one_stops_the_server_waits_and_starts_it(
    folder: Path,
):
    """The previous client, leaving, stops the server just as a new client opens the infobase:
    the new one must not join the dying server (nor fail to start a second one) but wait for it
    to go and start it again."""
    from server.embedded import _run_as, bin_path

    holding = textwrap.dedent(
        """
        import sys, time
        from sqlalchemy import text
        from server.infobase import Infobase
        conn = Infobase(sys.argv[1]).engine().connect()
        conn.execute(text("SELECT 1"))
        print("connected", flush=True)
        time.sleep(2)  # the last connection of a leaving client holds the shutdown open
        """
    )
    last = subprocess.Popen(
        [sys.executable, "-c", holding, str(folder)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert last.stdout is not None and last.stdout.readline().strip() == "connected"
        pgdata = str(EmbeddedServer(folder).pgdata)
        subprocess.run(
            [bin_path("pg_ctl"), "-D", pgdata, "-m", "smart", "-W", "stop"],
            check=True,
            capture_output=True,
            **_run_as(),
        )
        time.sleep(0.5)  # the postmaster is shutting down, waiting for that connection
        fresh = Infobase(str(folder))
        fresh.start()
        assert query(fresh, "SELECT 1") == 1
    finally:
        last.wait(timeout=TIMEOUT)


def test_a_client_ended_by_sigterm_still_stops_the_server(folder: Path, tmp_path: Path):
    """A logout or ``kill`` ends the desktop client the normal way: the last client leaving
    stops the embedded server instead of leaving it running."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    client = subprocess.Popen(
        [sys.executable, "-m", "app", "--infobase", str(folder), "--no-demo"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + TIMEOUT
        while not postmasters(folder) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert postmasters(folder), "the client did not start the server"
        time.sleep(3)  # the main window opens and connects
        assert client.poll() is None, "the client ended by itself"
        client.send_signal(signal.SIGTERM)
        assert client.wait(timeout=60) == 0
        assert_stopped(folder)
    finally:
        if client.poll() is None:
            client.kill()
