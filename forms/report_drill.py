"""Drill-down of a report row: the movements behind it, in a window of their own. Enter or a
double click on a movement asks to open its recorder document (``open_document_requested``).

Strings use the translation context ``DrillDialog``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from forms.formatting import display
from forms.list_model import error_text
from forms.texts import meta_tr
from forms.worker import Loader
from server.api import Session
from server.api.reports import Movement, Reports, ReportSettings
from server.infobase import reports_engine
from server.metadata import Money, Registry

if TYPE_CHECKING:
    from sqlalchemy import Engine

MOVEMENT_ROLE = Qt.ItemDataRole.UserRole


class DrillDialog(QDialog):
    """The movements behind one report row (``key``: its grouping values)."""

    open_document_requested = Signal(str, int)

    def __init__(
        self,
        engine: Engine,
        reg: Registry,
        settings: ReportSettings,
        key: dict[str, Any],
        what: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.reg = reg
        self.register = reg.register(settings.register)
        self.setWindowTitle(
            self.tr("Movements: {register} — {what}").format(
                register=meta_tr(self.register.title), what=what
            )
        )
        self.movements: list[Movement] = []
        self.status = QLabel(self.tr("Reading the movements…"), self)
        self.table = QTableWidget(self)
        self.table.setObjectName("movements")
        self.table.setAccessibleName(self.tr("Movements"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.doubleClicked.connect(lambda index: self.open_row(index.row()))
        self.table.installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        fm = self.fontMetrics()
        self.resize(fm.horizontalAdvance("0") * 110, fm.lineSpacing() * 26)
        self.loader = Loader(self)
        self.loader.finished.connect(self._show)
        self.loader.failed.connect(lambda exc: self.status.setText(error_text(exc)))
        reports = Reports(Session(reports_engine(engine)), reg)
        self.loader.submit(lambda: reports.movements(settings, key))

    @property
    def busy(self) -> bool:
        return self.loader.loading

    def _headings(self) -> list[str]:
        r = self.register
        return [
            self.tr("Date"),
            self.tr("Document"),
            *(meta_tr(d.label) for d in r.dimensions),
            *(meta_tr(x.label) for x in r.resources),
        ]

    def document_text(self, m: Movement) -> str:
        doc = self.reg.documents.get(m.recorder_type)
        title = meta_tr(doc.title) if doc else m.recorder_type
        return f"{title} {m.number}".strip()

    def _show(self, movements: list[Movement]) -> None:
        self.movements = movements
        r = self.register
        headings = self._headings()
        self.table.setColumnCount(len(headings))
        self.table.setHorizontalHeaderLabels(headings)
        self.table.setRowCount(len(movements))
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for i, m in enumerate(movements):
            cells = [display(m.period, "datetime"), self.document_text(m)]
            cells += [m.keys[d.name] or "" for d in r.dimensions]
            for j, text in enumerate(cells):
                self.table.setItem(i, j, QTableWidgetItem(text))
            for j, x in enumerate(r.resources, start=len(cells)):
                kind = "money" if isinstance(x, Money) else "qty"
                item = QTableWidgetItem(display(m.values[x.name], kind))
                item.setTextAlignment(right)
                self.table.setItem(i, j, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.status.setText(
            self.tr(
                "%n movement(s); Enter or a double click opens the document", "", len(movements)
            )
        )
        if movements:
            self.table.selectRow(0)
        self.table.setFocus()

    def open_row(self, row: int) -> None:
        if 0 <= row < len(self.movements):
            m = self.movements[row]
            self.open_document_requested.emit(m.recorder_type, m.recorder_id)

    def eventFilter(self, watched: Any, event: Any) -> bool:
        """Enter on a movement opens its document."""
        if watched is self.table and is_enter(event):
            self.open_row(self.table.currentRow())
            return True
        return super().eventFilter(watched, event)


def is_enter(event: QEvent) -> bool:
    """A plain Enter or Return key press (Ctrl+Enter is left to the form's shortcut)."""
    return (
        isinstance(event, QKeyEvent)
        and event.type() == QEvent.Type.KeyPress
        and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        and not event.modifiers() & Qt.KeyboardModifier.ControlModifier
    )
