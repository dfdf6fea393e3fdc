"""The common frame of the Administration forms: a title, a message bar, background loading.

Each form reads and writes through :mod:`server.api.admin` off the GUI thread (one
:class:`forms.worker.Loader`); the database itself refuses a user who is not an administrator.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from forms.list_model import error_text
from forms.message_bar import MessageBar
from forms.worker import Loader
from server.api import Session
from server.metadata import Registry

if TYPE_CHECKING:
    from sqlalchemy import Engine


class AdminForm(QWidget):
    """Base of the admin forms: ``load()`` reads, ``_run`` does work off the GUI thread."""

    error = Signal(str)
    changed = Signal(str)  # this form changed something: a change payload ('subsystems', …)
    #: change payloads that make the form re-read itself (see app.change_feed)
    watches: tuple[str, ...] = ()

    def __init__(self, engine: Engine, reg: Registry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine, self.reg = engine, reg
        self.dirty = False
        self.writing = False  # a write is on its way (the form is disabled meanwhile)
        self.heading = QLabel(self)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.heading.setFont(font)
        self.message_bar = MessageBar(self)
        self.body = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.message_bar)
        layout.addLayout(self.body)
        layout.addStretch(1)
        self._loader = Loader(self)
        self._loader.finished.connect(self._on_done)
        self._loader.failed.connect(self._on_failed)
        self._loader.loading_changed.connect(lambda busy: busy or self.setEnabled(True))

    @property
    def busy(self) -> bool:
        return self._loader.loading

    def session(self) -> Session:
        return Session(self.engine)

    def _run(self, fn: Callable[[], Any], then: Callable[[Any], None], write: bool = False) -> None:
        """Run ``fn`` off the GUI thread, then ``then(result)``; a ``write`` disables the form
        meanwhile (a read does not: the user may go on working)."""
        self.writing = write
        if write:
            self.setEnabled(False)
        self._loader.run(fn, then)

    def _loaded(self, show: Callable[[Any], None]) -> Callable[[Any], None]:
        """``show`` for a read, unless the user started editing while it ran."""
        return lambda result: None if self.dirty else show(result)

    def _on_done(self, _result: Any) -> None:
        self.writing = False  # before ``then`` runs (it may write again)

    def _on_failed(self, exc: BaseException) -> None:
        self.writing = False
        self.message_bar.show_error(error_text(exc))

    def load(self) -> None:
        """Read the current state from the server (subclasses)."""

    def refresh(self) -> None:
        """Re-read, unless the user has unsaved changes here (they are kept)."""
        if not self.dirty and not self.writing:
            self.load()

    def revert(self) -> None:
        """Forget the unsaved changes and show the saved state."""
        self.dirty = False
        self.load()
