"""Live refresh: a background thread LISTENs for the server's change notifications.

The triggers of :mod:`server.sqlgen.notify` send ``'<kind>:<name>'`` on channel
``kontora_changes`` whenever a catalog, document, register, the subsystems or the constants
change. :class:`ChangeFeed` keeps one dedicated psycopg connection (not one of the SQLAlchemy
pool's: a pooled connection is handed to other work, and LISTEN belongs to one session) and
emits ``changed(payload)`` in the GUI thread. After a lost connection it reconnects quietly with
back-off (the main window's connection banner already tells the user) and then emits ``resync``:
whatever changed meanwhile was not announced, so open lists refresh once.

Which URL: LISTEN needs a session that stays the same server connection. Behind PgBouncer in
transaction mode the client's engine URL points at the pooler, where LISTEN does not work, so
the feed connects to the URL's ``listen=host:port`` (the PostgreSQL server itself, or a
session-mode pool; see :data:`server.infobase.LISTEN`), or to ``KONTORA_LISTEN_URL`` when it is
set; otherwise to the engine's own URL (the embedded server and a direct office server, where it
is the same server anyway).
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Sequence

import psycopg
from PySide6.QtCore import QObject, Signal
from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from server.api.list_query import ListQuery
from server.infobase import LISTEN, OWN_PARAMS, url_at
from server.metadata import Registry
from server.sqlgen.notify import CHANNEL

log = logging.getLogger(__name__)
LISTEN_URL_ENV = "KONTORA_LISTEN_URL"
BACKOFF_S: tuple[float, ...] = (1, 2, 5, 10)
POLL_S = 0.25  # how often the thread looks at the stop flag
HEALTH_S = 15.0  # an idle feed checks its connection this often (a cut cable sends nothing)
APP_NAME = "Kontora change feed"


def listen_url(engine: Engine) -> str:
    """The libpq URL the feed connects to (see the module's notes on PgBouncer)."""
    env = os.environ.get(LISTEN_URL_ENV)
    u = make_url(env) if env else engine.url
    direct = u.query.get(LISTEN)
    u = url_at(u, direct) if isinstance(direct, str) and direct else u
    u = u.difference_update_query(OWN_PARAMS).set(drivername="postgresql")
    return u.render_as_string(hide_password=False)


def changed_tables(reg: Registry, change: str) -> set[str]:
    """Tables a change ``'<kind>:<name>'`` may have altered. A document's message also stands
    for the balances of the registers it posts to (they send none of their own)."""
    kind, _, name = change.partition(":")
    if kind == "catalog" and name in reg.catalogs:
        return {reg.catalogs[name].table}
    if kind == "document" and name in reg.documents:
        d = reg.documents[name]
        posted = [reg.registers[r] for r in d.registers] + reg.derived_from(d.registers)
        return {d.table, *(r.balance_table for r in posted)}
    if kind == "register" and name in reg.registers:
        return {reg.registers[name].balance_table}
    return set()


def watches(reg: Registry, query: ListQuery, change: str) -> bool:
    """Does a change ``'<kind>:<name>'`` alter what ``query`` shows (its own table or a joined
    catalog, e.g. a renamed warehouse in the goods receipt journal)?"""
    shown = f"{query.from_} "
    return any(f".{table} " in shown for table in changed_tables(reg, change))


class ChangeFeed(QObject):
    """LISTEN on its own connection in a daemon thread; ``changed`` and ``resync`` in the GUI."""

    changed = Signal(str)  # a payload such as 'document:goods_receipt'
    resync = Signal()  # reconnected after a loss: refresh everything once
    connected_changed = Signal(bool)

    def __init__(
        self, url: str, parent: QObject | None = None, backoff_s: Sequence[float] = BACKOFF_S
    ) -> None:
        super().__init__(parent)
        self.url = url
        self.backoff_s = tuple(backoff_s)
        self.connected = False
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        stop = self._stop
        self.destroyed.connect(lambda *_: stop.set())  # never emit on a deleted object

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="kontora-change-feed", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 1.0) -> None:
        """Stop listening and wait for the thread (it wakes within ``POLL_S``)."""
        self._stop.set()
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(timeout)
            if thread.is_alive():
                log.warning("the change feed did not stop in %s s", timeout)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    # -- the thread -----------------------------------------------------------------------
    def _run(self) -> None:
        attempt = 0
        ever_connected = False
        while not self._stop.is_set():
            try:
                with self._connect() as conn:
                    if ever_connected:
                        self._emit_resync()
                    ever_connected, attempt = True, 0
                    self._set_connected(True)
                    self._listen(conn)
            except psycopg.Error as exc:
                if not self._stop.is_set():
                    log.info("change feed: connection lost or refused: %s", exc)
            finally:
                self._set_connected(False)
            if self._stop.is_set():
                break
            attempt += 1
            self._stop.wait(self.backoff_s[min(attempt, len(self.backoff_s)) - 1])

    def _connect(self) -> psycopg.Connection:
        conn = psycopg.connect(
            self.url,
            autocommit=True,
            connect_timeout=5,
            application_name=APP_NAME,
            keepalives=1,
            keepalives_idle=10,
            keepalives_interval=5,
            keepalives_count=3,
        )
        conn.execute(f"LISTEN {CHANNEL}")
        return conn

    def _listen(self, conn: psycopg.Connection) -> None:
        idle = 0.0
        while not self._stop.is_set():
            got = False
            for note in conn.notifies(timeout=POLL_S):
                got = True
                if self._stop.is_set():
                    return
                if note.channel == CHANNEL:
                    self._emit_changed(note.payload)
            idle = 0.0 if got else idle + POLL_S
            if idle >= HEALTH_S:  # nothing heard for a while: is the server still there?
                conn.execute("SELECT 1")
                idle = 0.0

    def _emit_changed(self, payload: str) -> None:
        if not self._stop.is_set():
            self.changed.emit(payload)

    def _emit_resync(self) -> None:
        if not self._stop.is_set():
            self.resync.emit()

    def _set_connected(self, value: bool) -> None:
        if value != self.connected:
            self.connected = value
            if not self._stop.is_set():
                self.connected_changed.emit(value)
