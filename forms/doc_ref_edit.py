"""A reference to a document (a shipment's order): shown as "number of date", F4 chooses it
from the document list (filtered by the form's partner when it has one), Shift+F4 clears it.

The value is ``{"id": int, "name": number, "date": …}`` or None, as the server loads it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QLineEdit, QWidget

from forms.icons import icon
from forms.list_chooser import ListChooser
from forms.list_filters import ALL
from forms.texts import meta_tr
from server.api.lists import document_query
from server.metadata import Document

if TYPE_CHECKING:
    from sqlalchemy import Engine

DocValue = dict[str, Any] | None


def shown(value: DocValue) -> str:
    """ "SO26-000001 of 30.11.2026" (the number alone when the date is unknown)."""
    if not value:
        return ""
    date = value.get("date")
    if isinstance(date, dt.date):
        return QCoreApplication.translate("DocRefEdit", "{number} of {date}").format(
            number=value.get("name", ""), date=date.strftime("%d.%m.%Y")
        )
    return str(value.get("name", ""))


class DocChooser(ListChooser):
    """The document list as a choice form: Enter or double-click picks the document."""

    def __init__(
        self, engine: Engine, doc: Document, partner: DocValue, parent: QWidget | None
    ) -> None:
        title = QCoreApplication.translate("DocChooser", "Choose: {document}")
        title = title.format(document=meta_tr(doc.title))
        super().__init__(engine, document_query(doc), title, _document, parent, width=90)
        if self.list.filters.period is not None:
            self.list.filters.set_period(ALL)
        if partner and "partner" in self.list.filters.refs:
            self.list.filters.set_ref("partner", partner)


def _document(row: dict[str, Any]) -> DocValue:
    return {"id": row["id"], "name": row["number"], "date": row.get("date")}


class DocRefEdit(QLineEdit):
    """A read-only field holding a document reference; F4 chooses, Shift+F4 clears."""

    value_changed = Signal(object)
    unresolved = False  # a document is chosen, never typed
    busy = False

    def __init__(
        self,
        engine: Engine,
        doc: Document,
        parent: QWidget | None = None,
        partner: Callable[[], DocValue] | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine, self.doc, self.partner = engine, doc, partner
        self._value: DocValue = None
        self.setReadOnly(True)
        self.setPlaceholderText(
            self.tr("{document}: F4 to choose").format(document=meta_tr(doc.title))
        )
        self.setToolTip(self.tr("F4 choose from the list · Shift+F4 clear"))
        choose = self.addAction(icon("search"), QLineEdit.ActionPosition.TrailingPosition)
        choose.setToolTip(self.tr("Choose from the list (F4)"))
        choose.triggered.connect(self.choose)

    def value(self) -> DocValue:
        return self._value

    def set_value(self, value: DocValue, notify: bool = False) -> None:
        self._value = value if value and value.get("id") is not None else None
        self.setText(shown(self._value))
        if notify:
            self.value_changed.emit(self._value)

    def choose(self) -> None:
        dialog = DocChooser(self.engine, self.doc, self.partner() if self.partner else None, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.chosen:
            self.set_value(dialog.chosen, notify=True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_F4:
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.set_value(None, notify=True)
            else:
                self.choose()
            return
        super().keyPressEvent(event)
