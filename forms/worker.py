"""Background loading: callables run on the global QThreadPool, results return as signals.

Each :class:`Loader` remembers a generation number; a result from an older submission (the user
typed again, pressed refresh, closed the tab) is dropped. Results travel through one relay
object that lives in the GUI thread for the whole process, so a worker never emits on an object
that may already be deleted.
"""

from __future__ import annotations

import itertools
import logging
import weakref
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)
_keys = itertools.count(1)


class _Relay(QObject):
    """Created once in the GUI thread; delivers worker results to live loaders."""

    result = Signal(object, object, bool, object)  # loader key, generation, ok, payload

    def __init__(self) -> None:
        super().__init__()
        self.loaders: weakref.WeakValueDictionary[int, Loader] = weakref.WeakValueDictionary()
        self.result.connect(self._dispatch)

    def _dispatch(self, key: int, generation: int, ok: bool, payload: Any) -> None:
        loader = self.loaders.get(key)
        if loader is not None and shiboken6.isValid(loader):
            loader._deliver(generation, ok, payload)


_relay: _Relay | None = None


def relay() -> _Relay:
    global _relay
    if _relay is None:
        _relay = _Relay()
    return _relay


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], key: int, generation: int, out: _Relay) -> None:
        super().__init__()
        self.fn, self.key, self.generation, self.out = fn, key, generation, out

    def run(self) -> None:
        try:
            value, ok = self.fn(), True
        except Exception as exc:  # delivered to the GUI thread, shown there
            log.debug("background task failed", exc_info=True)
            value, ok = exc, False
        self.out.result.emit(self.key, self.generation, ok, value)


class Loader(QObject):
    """Runs one kind of background work at a time; only the newest result counts."""

    finished = Signal(object)
    failed = Signal(object)
    loading_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._key = next(_keys)
        self._generation = 0
        self._loading = False
        relay().loaders[self._key] = self

    @property
    def loading(self) -> bool:
        """True while the newest submission has not answered yet."""
        return self._loading

    def submit(self, fn: Callable[[], Any]) -> None:
        """Run ``fn`` off the GUI thread; an older pending result will be dropped."""
        self._generation += 1
        self._set_loading(True)
        QThreadPool.globalInstance().start(_Task(fn, self._key, self._generation, relay()))

    def cancel(self) -> None:
        """Forget pending work: its result will be dropped."""
        self._generation += 1
        self._set_loading(False)

    def _deliver(self, generation: int, ok: bool, payload: Any) -> None:
        if generation != self._generation:
            return
        self._set_loading(False)
        (self.finished if ok else self.failed).emit(payload)

    def _set_loading(self, value: bool) -> None:
        if value != self._loading:
            self._loading = value
            self.loading_changed.emit(value)
