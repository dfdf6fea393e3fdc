"""Background loading: callables run on the global QThreadPool, results return as signals.

Each :class:`Loader` remembers a generation number; a result from an older submission (the user
typed again, pressed refresh, closed the tab) is dropped. Results travel through one relay
object that lives in the GUI thread for the whole process, so a worker never emits on an object
that may already be deleted.

The relay also watches every task for the main window: it counts the tasks running
(``active_changed``, for the busy indicator) and reports a failure that means the connection
to the server was lost (``connection_lost``). While the client is offline (see
:func:`set_offline`), user work is refused at once with :class:`OfflineError` instead of being
sent; only *system* loaders (the connection monitor's pings) still run.
"""

from __future__ import annotations

import itertools
import logging
import weakref
from collections.abc import Callable
from typing import Any

import psycopg
import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, QTimer, Signal
from sqlalchemy.exc import OperationalError

from server.errors import QT_TRANSLATE_NOOP, ConnectionLostError, Template

log = logging.getLogger(__name__)
_keys = itertools.count(1)
OFFLINE_MESSAGE = QT_TRANSLATE_NOOP(
    "errors",
    "Not connected to the server: reconnecting. Nothing was sent and your input is kept; "
    "try again when the connection is restored.",
)


def offline_message() -> str:
    """:data:`OFFLINE_MESSAGE` in the user's language."""
    return QCoreApplication.translate("errors", OFFLINE_MESSAGE)


class OfflineError(ConnectionLostError):
    """Work refused without being sent, because the connection is known to be lost."""

    def __init__(self) -> None:
        super().__init__(OFFLINE_MESSAGE, template=Template(OFFLINE_MESSAGE))


def is_connection_lost(exc: BaseException) -> bool:
    """Does ``exc`` mean the server could not be reached (rather than refusing the work)?"""
    return isinstance(exc, ConnectionLostError | OperationalError | psycopg.OperationalError)


class _Relay(QObject):
    """Created once in the GUI thread; delivers worker results to live loaders."""

    result = Signal(object, object, bool, object, bool)  # key, generation, ok, payload, counted
    active_changed = Signal(int)  # how many user tasks are running
    connection_lost = Signal(object)  # the error of a task that could not reach the server

    def __init__(self) -> None:
        super().__init__()
        self.loaders: weakref.WeakValueDictionary[int, Loader] = weakref.WeakValueDictionary()
        self.active = 0
        self.offline = False
        self.result.connect(self._dispatch)

    def started(self) -> None:
        self.active += 1
        self.active_changed.emit(self.active)

    def _dispatch(self, key: int, generation: int, ok: bool, payload: Any, counted: bool) -> None:
        if counted:
            self.active = max(0, self.active - 1)
            self.active_changed.emit(self.active)
            if not ok and not isinstance(payload, OfflineError) and is_connection_lost(payload):
                self.connection_lost.emit(payload)
        loader = self.loaders.get(key)
        if loader is not None and shiboken6.isValid(loader):
            loader._deliver(generation, ok, payload)


_relay: _Relay | None = None


def relay() -> _Relay:
    global _relay
    if _relay is None:
        _relay = _Relay()
    return _relay


def set_offline(offline: bool = True) -> None:
    """While offline, user work is refused with :class:`OfflineError` instead of being sent."""
    relay().offline = offline


def is_offline() -> bool:
    return relay().offline


class _Task(QRunnable):
    def __init__(
        self, fn: Callable[[], Any], key: int, generation: int, out: _Relay, counted: bool
    ) -> None:
        super().__init__()
        self.fn, self.key, self.generation, self.out = fn, key, generation, out
        self.counted = counted

    def run(self) -> None:
        try:
            value, ok = self.fn(), True
        except Exception as exc:  # delivered to the GUI thread, shown there
            log.debug("background task failed", exc_info=True)
            value, ok = exc, False
        self.out.result.emit(self.key, self.generation, ok, value, self.counted)


class Loader(QObject):
    """Runs one kind of background work at a time; only the newest result counts.

    ``system``: the loader's work runs even while offline and is neither counted as busy nor
    reported as a lost connection (the connection monitor's pings).
    """

    finished = Signal(object)
    failed = Signal(object)
    loading_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None, *, system: bool = False) -> None:
        super().__init__(parent)
        self._key = next(_keys)
        self._generation = 0
        self._loading = False
        self._then: Callable[[Any], None] | None = None
        self.system = system
        relay().loaders[self._key] = self

    @property
    def loading(self) -> bool:
        """True while the newest submission has not answered yet."""
        return self._loading

    def submit(self, fn: Callable[[], Any]) -> None:
        """Run ``fn`` off the GUI thread; an older pending result will be dropped.

        While offline a user loader does not run ``fn``: it fails with :class:`OfflineError`
        (delivered from the event loop, like any result).
        """
        self._generation += 1
        self._set_loading(True)
        out = relay()
        if out.offline and not self.system:
            key, generation = self._key, self._generation
            QTimer.singleShot(
                0, out, lambda: out._dispatch(key, generation, False, OfflineError(), False)
            )
            return
        counted = not self.system
        if counted:
            out.started()
        QThreadPool.globalInstance().start(_Task(fn, self._key, self._generation, out, counted))

    def run(self, fn: Callable[[], Any], then: Callable[[Any], None]) -> None:
        """Like :meth:`submit`, and call ``then`` with ``fn``'s result (after ``finished``);
        a newer ``run`` replaces the pending ``then``; a failure emits ``failed`` alone."""
        self._then = then
        self.submit(fn)

    def cancel(self) -> None:
        """Forget pending work: its result will be dropped."""
        self._generation += 1
        self._then = None
        self._set_loading(False)

    def _deliver(self, generation: int, ok: bool, payload: Any) -> None:
        if generation != self._generation:
            return
        self._set_loading(False)
        then, self._then = self._then, None
        if not ok:
            self.failed.emit(payload)
            return
        self.finished.emit(payload)
        if then is not None:
            then(payload)

    def _set_loading(self, value: bool) -> None:
        if value != self._loading:
            self._loading = value
            self.loading_changed.emit(value)
