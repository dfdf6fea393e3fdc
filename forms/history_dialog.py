"""A catalog item's change history (the form's History command), with Restore this version.

The history is read off the GUI thread; Restore saves the selected version as a new one through
the normal save (``server/api/history_restore.py``), after the user confirms, and the form that
opened the dialog reloads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QMessageBox, QPushButton, QVBoxLayout

from forms.doc_panels import HistoryPanel
from forms.formatting import datetime_text
from forms.message_bar import MessageBar
from forms.texts import error_message, meta_tr
from forms.worker import Loader
from server.api import Session
from server.api.history import catalog_history
from server.api.history_restore import restore_version
from server.errors import KontoraError
from server.metadata import Registry

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget
    from sqlalchemy import Engine


class HistoryDialog(QDialog):
    """Who changed the item, when, what from what; ``restored`` once a version is saved."""

    restored = Signal(object)  # the item's new state

    def __init__(
        self,
        engine: Engine,
        reg: Registry,
        name: str,
        item_id: int,
        title: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("history_dialog")
        self.engine, self.reg, self.name, self.item_id = engine, reg, name, item_id
        self.setWindowTitle(self.tr("History: {item}").format(item=title))
        self.message_bar = MessageBar(self)
        self.panel = HistoryPanel(self)
        self.restore_button = QPushButton(self.tr("&Restore this version"), self)
        self.restore_button.setToolTip(
            self.tr("Save the item as it was after the selected change (a new version)")
        )
        self.restore_button.clicked.connect(self.restore_selected)
        close = QPushButton(self.tr("Close"), self)
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.panel, 1)
        layout.addLayout(buttons)
        self._writer = Loader(self)
        self._writer.failed.connect(self._failed)
        fm = self.fontMetrics()
        self.resize(fm.horizontalAdvance("0") * 120, fm.lineSpacing() * 24)
        self.load()

    @property
    def busy(self) -> bool:
        return self.panel.busy or self._writer.loading

    def load(self) -> None:
        session, reg, name, item_id = Session(self.engine), self.reg, self.name, self.item_id
        self.panel.load(lambda: catalog_history(session, reg, name, item_id))

    def restore_selected(self) -> None:
        entry = self.panel.current_entry()
        if entry is None:
            self.message_bar.show_error(self.tr("Select a change: its version is restored."))
            return
        at = entry.at.astimezone().replace(tzinfo=None) if entry.at.tzinfo else entry.at
        answer = QMessageBox.question(
            self,
            self.tr("Restore"),
            self.tr("Save {catalog} as it was after the change of {when} by {user}?").format(
                catalog=meta_tr(self.reg.catalogs[self.name].title),
                when=datetime_text(at),
                user=entry.user,
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        session, reg, name, item_id = Session(self.engine), self.reg, self.name, self.item_id
        self._writer.run(lambda: restore_version(session, reg, name, item_id, entry.at), self._done)

    def _done(self, state: dict) -> None:
        self.message_bar.show_info(self.tr("Restored as version {version}.").format(
            version=state["version"]))  # fmt: skip
        self.restored.emit(state)
        self.load()

    def _failed(self, exc: BaseException) -> None:
        text = error_message(exc) if isinstance(exc, KontoraError) else str(exc)
        self.message_bar.show_error(text)
