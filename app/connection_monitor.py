"""Watches the connection to the server and reconnects after it is lost.

Any background task that fails because the server could not be reached reports it through the
worker relay (:data:`forms.worker.relay`); the monitor then puts the client offline (user work is
refused without being sent), and pings the server off the GUI thread with back-off — 1 s, 2 s,
5 s, then every 10 s — until a ping succeeds. ``lost``, ``attempt_changed`` and ``restored``
tell the main window what to show.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from sqlalchemy import Engine
from sqlalchemy.pool import NullPool

from forms.worker import Loader, is_connection_lost, relay, set_offline
from server.api import Session
from server.infobase import make_engine

log = logging.getLogger(__name__)
BACKOFF_MS: tuple[int, ...] = (1000, 2000, 5000, 10000)
CONNECT_TIMEOUT_S = 3


def engine_ping(engine: Engine, timeout: int = CONNECT_TIMEOUT_S) -> Callable[[], None]:
    """A ping for ``engine``: drop its pooled (dead) connections, then ``SELECT 1``.

    A throw-away probe engine with a short connect timeout answers first, so an unreachable host
    fails in seconds; then the real engine opens a fresh pooled connection.
    """

    def ping() -> None:
        engine.dispose()  # pooled connections died with the old server session
        probe = make_engine(
            engine.url, poolclass=NullPool, connect_args={"connect_timeout": timeout}
        )
        try:
            Session(probe, retries=0).scalar("SELECT 1")
        finally:
            probe.dispose()
        Session(engine, retries=0).scalar("SELECT 1")

    return ping


class ConnectionMonitor(QObject):
    """Offline/online state of the client, with back-off reconnection while offline."""

    lost = Signal(object)  # the error that revealed the loss
    attempt_changed = Signal(int)  # the number of the reconnection attempt under way or next
    restored = Signal()

    def __init__(
        self,
        ping: Callable[[], Any],
        parent: QObject | None = None,
        backoff_ms: Sequence[int] = BACKOFF_MS,
    ) -> None:
        super().__init__(parent)
        self.ping = ping
        self.backoff_ms = tuple(backoff_ms)
        self.connected = True
        self.attempt = 0  # the attempt under way or scheduled next (0 while connected)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.ping_now)
        self._loader = Loader(self, system=True)
        self._loader.finished.connect(self._on_ping_ok)
        self._loader.failed.connect(self._on_ping_failed)
        self._watching = True
        relay().connection_lost.connect(self.report_lost)

    @property
    def pinging(self) -> bool:
        return self._loader.loading

    def delay_ms(self, attempt: int) -> int:
        """The wait before reconnection attempt ``attempt`` (1-based)."""
        return self.backoff_ms[min(attempt, len(self.backoff_ms)) - 1]

    def report_lost(self, exc: BaseException | None = None) -> None:
        """A task could not reach the server: go offline and start reconnecting."""
        if not self.connected:
            return
        self.connected = False
        set_offline(True)
        self.attempt = 1
        self.lost.emit(exc)
        self.attempt_changed.emit(self.attempt)
        self.timer.start(self.delay_ms(self.attempt))

    def ping_now(self) -> None:
        """Try to reconnect at once (the banner's "Retry now"); ignored while a ping runs."""
        if self.connected or self.pinging:
            return
        self.timer.stop()
        self._loader.submit(self.ping)

    def _on_ping_ok(self, _result: Any) -> None:
        self.timer.stop()
        self.connected = True
        self.attempt = 0
        set_offline(False)
        self.restored.emit()

    def _on_ping_failed(self, exc: BaseException) -> None:
        if self.connected:
            return
        if not is_connection_lost(exc):  # the server answered but refused: log, keep trying
            log.warning("reconnection attempt %d refused: %s", self.attempt, exc)
        self.attempt += 1
        self.attempt_changed.emit(self.attempt)
        self.timer.start(self.delay_ms(self.attempt))

    def stop(self) -> None:
        """The window closes: stop pinging and leave the process online."""
        self.timer.stop()
        self._loader.cancel()
        if self._watching:
            self._watching = False
            relay().connection_lost.disconnect(self.report_lost)
        if not self.connected:
            self.connected = True
            set_offline(False)
