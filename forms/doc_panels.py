"""Read-only panels of a document form: the shortfall table of a refused posting, the
register movements of the document, its related documents and its change history."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from forms.formatting import datetime_text, decimal_text, display
from forms.list_model import error_text
from forms.texts import meta_tr, render
from forms.worker import Loader
from server.api.history import FieldChange, HistoryEntry
from server.api.lists import RegisterMovements
from server.api.related import RelatedDoc
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

    HEADERS = (
        QT_TRANSLATE_NOOP("ShortfallPanel", "Product"),
        QT_TRANSLATE_NOOP("ShortfallPanel", "Warehouse"),
        QT_TRANSLATE_NOOP("ShortfallPanel", "Moment"),
        QT_TRANSLATE_NOOP("ShortfallPanel", "Asked"),
        QT_TRANSLATE_NOOP("ShortfallPanel", "Available"),
        QT_TRANSLATE_NOOP("ShortfallPanel", "Short by"),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Not enough stock — the document was not posted"), parent)
        self.setObjectName("shortfall")
        headers = [QCoreApplication.translate("ShortfallPanel", h) for h in self.HEADERS]
        self.table = _table(self, headers, self.tr("Shortfall"))
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
        self.note = QLabel(self.tr("Save and post the document to see its movements."), self)
        self.layout_.addWidget(self.note)
        self.layout_.addStretch(1)
        self.tables: dict[str, QTableWidget] = {}

    def show_movements(self, registers: list[RegisterMovements]) -> None:
        for t in self.tables.values():
            t.parentWidget().deleteLater()
        self.tables.clear()
        any_rows = any(r.rows for r in registers)
        self.note.setText("" if any_rows else self.tr("The document has no register movements."))
        self.note.setVisible(not any_rows)
        for r in registers:
            if not r.rows:
                continue
            title = meta_tr(r.title)
            box = QGroupBox(title, self)
            name = self.tr("{register} movements").format(register=title)
            table = _table(box, [meta_tr(c.label) for c in r.columns], name)
            table.setRowCount(len(r.rows))
            for i, row in enumerate(r.rows):
                for j, c in enumerate(r.columns):
                    table.setItem(i, j, _cell(display(row.get(c.key), c.kind), c.kind in NUMERIC))
            QVBoxLayout(box).addWidget(table)
            self.layout_.insertWidget(self.layout_.count() - 1, box, 1)
            self.tables[r.register] = table


class _LoadingPanel(QWidget):
    """A panel whose content is read off the GUI thread when it is shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(self.note)
        self.loader = Loader(self)
        self.loader.failed.connect(lambda exc: self._say(error_text(exc)))

    @property
    def busy(self) -> bool:
        return self.loader.loading

    def _say(self, text: str) -> None:
        self.note.setText(text)
        self.note.setVisible(bool(text))

    def load(self, fn: Callable[[], Any]) -> None:
        self._say(QCoreApplication.translate("DocPanels", "Loading…"))  # subclasses: own tr()

        self.loader.submit(fn)


class RelatedPanel(_LoadingPanel):
    """What the document was based on (up the chain) and what was based on it (down);
    Enter or a double click opens a document."""

    open_requested = Signal(str, int)  # document name, id
    TYPE_ROLE = Qt.ItemDataRole.UserRole

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("related")
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("related_tree")
        self.tree.setAccessibleName(self.tr("Related documents"))
        self.tree.setHeaderLabels([self.tr("Document"), self.tr("Date"), self.tr("Posted")])
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemDoubleClicked.connect(self._activated)
        self.layout_.addWidget(self.tree, 1)
        self.loader.finished.connect(self.show_related)
        self.setFocusProxy(self.tree)

    def show_related(self, roots: list[RelatedDoc]) -> None:
        self.tree.clear()
        bold = QFont(self.tree.font())
        bold.setBold(True)
        current: QTreeWidgetItem | None = None

        def add(parent: QTreeWidget | QTreeWidgetItem, node: RelatedDoc) -> None:
            nonlocal current
            text = self.tr("{title} {number}").format(
                title=meta_tr(node.type_title), number=node.number
            )
            if node.deletion_mark:
                text += " " + self.tr("(marked for deletion)")
            item = QTreeWidgetItem(parent, [
                text,
                datetime_text(node.date) if node.date else "",
                self.tr("Yes") if node.posted else self.tr("No"),
            ])  # fmt: skip
            item.setData(0, self.TYPE_ROLE, (node.type, node.id))
            if node.current:
                current = item
                for c in range(3):
                    item.setFont(c, bold)
            for child in node.children:
                add(item, child)

        for root in roots:
            add(self.tree, root)
        self.tree.expandAll()
        alone = not roots or (len(roots) == 1 and not roots[0].children)
        self._say(self.tr("No documents were created based on this one, and it has no basis.")
                  if alone else "")  # fmt: skip
        if current is not None:
            self.tree.setCurrentItem(current)

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        name, doc_id = item.data(0, self.TYPE_ROLE)
        self.open_requested.emit(name, doc_id)

    def rows(self) -> list[tuple[int, str]]:
        """(depth, text) of every row in display order (for tests and screen readers)."""
        out: list[tuple[int, str]] = []

        def walk(item: QTreeWidgetItem, depth: int) -> None:
            out.append((depth, item.text(0)))
            for i in range(item.childCount()):
                walk(item.child(i), depth + 1)

        for i in range(self.tree.topLevelItemCount()):
            walk(self.tree.topLevelItem(i), 0)
        return out


class HistoryPanel(_LoadingPanel):
    """Who changed what and when, newest first: one row per changed value."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("history")
        headers = [self.tr("When"), self.tr("User"), self.tr("Action"), self.tr("Field"),
                   self.tr("Old value"), self.tr("New value")]  # fmt: skip
        self.table = _table(self, headers, self.tr("Change history"))
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.layout_.addWidget(self.table, 1)
        self.loader.finished.connect(self.show_history)
        self.setFocusProxy(self.table)
        self.ops = {
            "INSERT": self.tr("Created"),
            "UPDATE": self.tr("Changed"),
            "DELETE": self.tr("Deleted"),
        }

    def _value(self, c: FieldChange, v: Any) -> str:
        if v is None:
            return ""
        if c.kind == "bool":
            return self.tr("Yes") if v else self.tr("No")
        return display(v, c.kind)

    def show_history(self, entries: list[HistoryEntry]) -> None:
        rows: list[tuple[list[str], bool]] = []
        self.entries = entries
        self.row_entry: list[int] = []  # table row -> index of its entry
        for n, e in enumerate(entries):
            at = e.at.astimezone().replace(tzinfo=None) if e.at.tzinfo else e.at  # local time
            first = [datetime_text(at), e.user, self.ops.get(e.op, e.op)]
            changes = e.changes or [FieldChange("", self.tr("(no changes)"), "text", None, None)]
            for i, c in enumerate(changes):
                lead = first if i == 0 else ["", "", ""]
                numeric = c.kind in NUMERIC
                label = render(c.text) if c.text is not None else c.label
                self.row_entry.append(n)
                rows.append(([*lead, label, self._value(c, c.old),

                              self._value(c, c.new)], numeric))  # fmt: skip
        self.table.setRowCount(len(rows))
        for r, (cells, numeric) in enumerate(rows):
            for j, text in enumerate(cells):
                self.table.setItem(r, j, _cell(text, numeric and j >= 4))
        self._say("" if entries else self.tr("No changes are recorded."))

    def current_entry(self) -> HistoryEntry | None:
        """The entry of the selected row (None when nothing is selected)."""
        r = self.table.currentRow()
        rows = getattr(self, "row_entry", [])
        return self.entries[rows[r]] if 0 <= r < len(rows) else None

    def rows(self) -> list[list[str]]:
        t = self.table
        return [[t.item(r, c).text() for c in range(t.columnCount())] for r in range(t.rowCount())]
