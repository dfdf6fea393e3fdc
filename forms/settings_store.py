"""The client side of per-user settings: loads off the GUI thread, coalesced background writes.

:func:`store_for` gives one :class:`SettingsStore` per engine. ``save`` only remembers the
newest value of a key and starts a short timer; the write runs on the thread pool and takes
the pending values when it *runs* (one write at a time), so several quick changes cost one write and
an older value never overwrites a newer one. ``flush`` writes at once (the main window calls
it when closing, before waiting for the thread pool). A failed write keeps its values pending.
Settings work is background housekeeping: its loaders are *system* loaders, so it neither
shows the busy indicator nor declares the connection lost (user work does that).
"""

from __future__ import annotations

import copy
import logging
import threading
import weakref
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer
from sqlalchemy import Engine

from forms.worker import Loader
from server.api import Session
from server.api import user_settings as us

log = logging.getLogger(__name__)
WRITE_DELAY_MS = 500


class SettingsStore(QObject):
    """Per-user settings of one engine's login."""

    def __init__(self, engine: Engine) -> None:
        super().__init__()
        self.engine = engine
        self._pending: dict[str, Any] = {}
        self._lock = threading.Lock()  # guards _pending only, never held during I/O
        self._write_lock = threading.Lock()  # one write at a time, in submission order
        self._timer = QTimer(self, singleShot=True, interval=WRITE_DELAY_MS)
        self._timer.timeout.connect(self.flush)
        self._writer = Loader(self, system=True)
        self._writer.failed.connect(lambda exc: log.warning("settings not saved: %s", exc))

    def load(
        self, keys: list[str], receiver: QObject, then: Callable[[dict[str, Any]], None]
    ) -> None:
        """Read ``keys`` in the background; ``then(values)`` runs in the GUI thread while
        ``receiver`` lives (values of keys written but not yet flushed win)."""
        loader = Loader(receiver, system=True)
        session = Session(self.engine)

        def deliver(values: dict[str, Any]) -> None:
            with self._lock:
                values.update({k: v for k, v in self._pending.items() if k in keys})
            loader.deleteLater()
            then({k: v for k, v in values.items() if v is not None})

        loader.finished.connect(deliver)
        loader.failed.connect(lambda exc: log.warning("settings not read: %s", exc))
        loader.submit(lambda: us.get_many(session, keys))

    def save(self, key: str, value: Any) -> None:
        """Remember ``value`` for ``key`` (None deletes it); written shortly, in the background."""
        with self._lock:
            self._pending[key] = copy.deepcopy(value)
        self._timer.start()

    @property
    def pending(self) -> bool:
        with self._lock:
            return bool(self._pending)

    def flush(self) -> None:
        """Write what is pending now (in the background)."""
        self._timer.stop()
        if self.pending:
            self._writer.submit(self._write)

    def _write(self) -> None:
        with self._write_lock:
            with self._lock:
                batch, self._pending = self._pending, {}
            session = Session(self.engine)
            try:
                for key, value in batch.items():
                    if value is None:
                        us.delete(session, key)
                    else:
                        us.put(session, key, value)
            except Exception:
                with self._lock:
                    for key, value in batch.items():  # newer values, if any, win
                        self._pending.setdefault(key, value)
                raise


_stores: weakref.WeakKeyDictionary[Engine, SettingsStore] = weakref.WeakKeyDictionary()


def store_for(engine: Engine) -> SettingsStore:
    """The settings store of ``engine`` (created on first use, in the GUI thread)."""
    store = _stores.get(engine)
    if store is None:
        store = _stores[engine] = SettingsStore(engine)
    return store
