"""Read-only panels of a document form: the shortfall table of a refused posting and the
register movements of the document."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from forms.formatting import datetime_text, decimal_text, display
from server.api.lists import RegisterMovements
from server.errors import Shortage

NUMERIC = {"money", "qty", "int"}


def _table(parent: QWidget, headers: list[str], name: str) -> QTableWidget:
    t = QTableWidget(0, len(headers), parent)
    t.setHorizontalHeaderLabels(headers)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.verticalHeader().setVisible(False)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    t.horizontalHeader().setStretchLastSection(True)
    t.setAccessibleName(name)
    return t


def _cell(text: str, numeric: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if numeric:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def _moment(at: str) -> str:
    import datetime as dt

    try:
        return datetime_text(dt.datetime.fromisoformat(at))
    except ValueError:
        return at


class ShortfallPanel(QGroupBox):
    """What is missing, where and when: shown when posting is refused for lack of stock."""

    HEADERS = ("Product", "Warehouse", "Moment", "Asked", "Available", "Short by")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Not enough stock — the document was not posted", parent)
        self.setObjectName("shortfall")
        self.table = _table(self, list(self.HEADERS), "Shortfall")
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        self.hide()

    def show_shortages(self, shortages: list[Shortage]) -> None:
        self.table.setRowCount(len(shortages))
        for i, s in enumerate(shortages):
            names = {
                k: (v.get("name") if isinstance(v, dict) else str(v)) for k, v in s.key.items()
            }
            short = s.asked - s.available
            cells = [
                _cell(names.get("product", "")),
                _cell(names.get("warehouse", "")),
                _cell(_moment(s.at)),
                _cell(decimal_text(s.asked, None), True),
                _cell(decimal_text(s.available, None), True),
                _cell(decimal_text(short, None), True),
            ]
            for j, c in enumerate(cells):
                self.table.setItem(i, j, c)
        rows = max(len(shortages), 1)
        fm = self.table.fontMetrics()
        self.table.setMaximumHeight(fm.lineSpacing() * (rows + 3))
        self.show()

    def rows(self) -> list[list[str]]:
        """The table's text (for tests and screen readers)."""
        t = self.table
        return [[t.item(r, c).text() for c in range(t.columnCount())] for r in range(t.rowCount())]


class MovementsPanel(QWidget):
    """The document's movements, one table per register it posts to."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("movements")
        self.layout_ = QVBoxLayout(self)
        self.note = QLabel("Save and post the document to see its movements.", self)
        self.layout_.addWidget(self.note)
        self.layout_.addStretch(1)
        self.tables: dict[str, QTableWidget] = {}

    def show_movements(self, registers: list[RegisterMovements]) -> None:
        for t in self.tables.values():
            t.parentWidget().deleteLater()
        self.tables.clear()
        any_rows = any(r.rows for r in registers)
        self.note.setText("" if any_rows else "The document has no register movements.")
        self.note.setVisible(not any_rows)
        for r in registers:
            if not r.rows:
                continue
            box = QGroupBox(r.title, self)
            table = _table(box, [c.label for c in r.columns], f"{r.title} movements")
            table.setRowCount(len(r.rows))
            for i, row in enumerate(r.rows):
                for j, c in enumerate(r.columns):
                    table.setItem(i, j, _cell(display(row.get(c.key), c.kind), c.kind in NUMERIC))
            QVBoxLayout(box).addWidget(table)
            self.layout_.insertWidget(self.layout_.count() - 1, box, 1)
            self.tables[r.register] = table
