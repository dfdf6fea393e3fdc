"""The generic dynamic list: any catalog, document journal or balance report, page by page.

The model asks for the next page only when the view scrolls near the end (``fetchMore``); each
page is read off the GUI thread. Typing in the search line re-queries the server after a pause.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from forms.formatting import display
from forms.icons import icon
from forms.worker import Loader
from server.api import Session
from server.api.lists import ListQuery, Page
from server.errors import KontoraError

if TYPE_CHECKING:
    from sqlalchemy import Engine

log = logging.getLogger(__name__)
SEARCH_DELAY_MS = 300
NUMERIC = {"money", "qty", "int"}
AnyIndex = QModelIndex | QPersistentModelIndex


def error_text(exc: BaseException) -> str:
    """What to tell the user about a failed load."""
    if isinstance(exc, KontoraError):
        return exc.message
    return f"Could not load the list: {exc}"


class ListModel(QAbstractTableModel):
    """Rows of a :class:`ListQuery`, fetched in keyset pages on demand."""

    failed = Signal(str)
    loading_changed = Signal(bool)
    page_loaded = Signal(bool)  # True for the first page after a (re)load

    def __init__(self, engine: Engine, query: ListQuery, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.query = query
        self.search = ""
        self._rows: list[dict[str, Any]] = []
        self._cursor: tuple[Any, ...] | None = None
        self._more = True
        self._loader = Loader(self)
        self._loader.finished.connect(self._on_page)
        self._loader.failed.connect(self._on_failed)
        self._loader.loading_changed.connect(self.loading_changed)

    # -- state ----------------------------------------------------------------------------
    @property
    def loading(self) -> bool:
        return self._loader.loading

    @property
    def complete(self) -> bool:
        """Every matching row has been loaded."""
        return not self._more

    def row(self, i: int) -> dict[str, Any]:
        return self._rows[i]

    def set_search(self, text: str) -> None:
        """Start over with a new search string (stale pages are dropped)."""
        self.search = text
        self.reload()

    def reload(self) -> None:
        self._loader.cancel()
        self.beginResetModel()
        self._rows, self._cursor, self._more = [], None, True
        self.endResetModel()
        self.fetchMore(QModelIndex())

    # -- Qt model -------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.query.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.query.columns[section].label
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        col = self.query.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if col.kind == "posted":
                return "Posted" if row.get("posted") else ""
            return display(row.get(col.key), col.kind)
        if role == Qt.ItemDataRole.DecorationRole:
            return self._decoration(row, col.kind, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, col.kind, index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and col.kind in NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _decoration(self, row: dict[str, Any], kind: str, column: int) -> Any:
        if kind == "posted" and row.get("posted"):
            return icon("posted")
        if column == 0 and row.get("deletion_mark"):
            return icon("deleted")
        if column == 0 and row.get("is_group"):
            return icon("folder")
        return None

    def _tooltip(self, row: dict[str, Any], kind: str, column: int) -> str | None:
        if kind == "posted":
            return "Posted" if row.get("posted") else "Not posted"
        if column == 0 and row.get("deletion_mark"):
            return "Marked for deletion"
        if column == 0 and row.get("is_group"):
            return "Group"
        return None

    def canFetchMore(self, parent: AnyIndex) -> bool:
        return not parent.isValid() and self._more and not self._loader.loading

    def fetchMore(self, parent: AnyIndex) -> None:
        if not self.canFetchMore(parent):
            return
        session = Session(self.engine)  # each task connects through the engine's pool
        query, cursor, text = self.query, self._cursor, self.search
        self._loader.submit(lambda: query.fetch(session, cursor, text))

    def _on_page(self, page: Page) -> None:
        self._cursor, self._more = page.cursor, page.cursor is not None
        first = len(self._rows)
        if page.rows:
            self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
            self._rows.extend(page.rows)
            self.endInsertRows()
        self.page_loaded.emit(first == 0)

    def _on_failed(self, exc: BaseException) -> None:
        self._more = False  # do not hammer a failing server; Refresh tries again
        log.warning("loading %s failed: %s", self.query.name, exc)
        self.failed.emit(error_text(exc))


class ListForm(QWidget):
    """Search line + refresh + table, over one :class:`ListModel`.

    Enter or double-click on a row emits ``activated`` (the row); Ins emits ``create_requested``.
    """

    error = Signal(str)
    activated = Signal(object)
    create_requested = Signal()

    def __init__(self, engine: Engine, query: ListQuery, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.query = query
        self.setObjectName(f"list_{query.kind}_{query.name}")
        self.model = ListModel(engine, query, self)
        self.model.failed.connect(self.error)
        self.model.loading_changed.connect(self._update_status)
        self.model.page_loaded.connect(self._on_page_loaded)
        self.model.modelReset.connect(self._update_status)
        self._sized = False

        self.search = QLineEdit(self)
        self.search.setPlaceholderText(f"{query.search_hint} (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setAccessibleName("Search")
        self._name_clear_button()
        self._debounce = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self._apply_search)
        self.search.textChanged.connect(self._debounce.start)
        self.search.returnPressed.connect(self._apply_search)

        self.refresh_button = QToolButton(self)
        self.refresh_button.setIcon(icon("refresh"))
        self.refresh_button.setToolTip("Refresh (F5)")
        self.refresh_button.setAccessibleName("Refresh")
        self.refresh_button.clicked.connect(self.refresh)

        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)

        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.doubleClicked.connect(lambda index: self._activate(index.row()))
        self.view.installEventFilter(self)
        self.view.setAccessibleName(query.title)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        self.view.setCornerButtonEnabled(False)  # single selection: nothing to "select all"
        for corner in self.view.findChildren(QAbstractButton):
            corner.setAccessibleName("Select all rows")
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setHighlightSections(False)
        keys = [c.key for c in query.columns]
        if query.stretch in keys:  # the main text column takes the spare width
            header.setSectionResizeMode(keys.index(query.stretch), QHeaderView.ResizeMode.Stretch)
        self._size_columns()

        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.refresh_button)
        bar.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self.setFocusProxy(self.view)
        self._add_shortcuts()
        self._update_status()
        self.model.fetchMore(QModelIndex())

    def _add_shortcuts(self) -> None:
        find = QAction("Search", self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.triggered.connect(self.focus_search)
        refresh = QAction("Refresh", self)
        refresh.setShortcut(QKeySequence(Qt.Key.Key_F5))
        refresh.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        refresh.triggered.connect(self.refresh)
        self.addActions([find, refresh])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter opens the current row, Ins creates (the view would swallow Enter)."""
        if watched is self.view and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
                self._activate(self.view.currentIndex().row())
                return True
            if event.key() == Qt.Key.Key_Insert and not event.modifiers():
                self.create_requested.emit()
                return True
        return super().eventFilter(watched, event)

    def current_row(self) -> dict[str, Any] | None:
        """The row under the cursor (None when the list is empty)."""
        i = self.view.currentIndex().row()
        return self.model.row(i) if 0 <= i < self.model.rowCount() else None

    def _activate(self, i: int) -> None:
        if 0 <= i < self.model.rowCount():
            self.activated.emit(self.model.row(i))

    def _name_clear_button(self) -> None:
        """The line edit's built-in clear button has no text: give it an accessible name."""
        for button in self.search.findChildren(QToolButton):
            if not button.text():
                button.setAccessibleName("Clear search")
                button.setToolTip("Clear search")

    def _size_columns(self) -> None:
        """Initial widths from the font, before any data arrives."""
        ch = self.fontMetrics().horizontalAdvance("0")
        widths = {"datetime": 16, "posted": 9, "money": 12, "qty": 10, "int": 8, "bool": 6}
        for i, col in enumerate(self.query.columns):
            chars = max(widths.get(col.kind, 16), len(col.label) + 4)
            self.view.setColumnWidth(i, ch * chars)

    def _on_page_loaded(self, first: bool) -> None:
        """Fit the columns to the first page once (capped), then leave them to the user."""
        self._update_status()
        if not first or self._sized or not self.model.rowCount():
            return
        self._sized = True
        self.view.resizeColumnsToContents()
        ch = self.fontMetrics().horizontalAdvance("0")
        for i in range(self.model.columnCount()):
            self.view.setColumnWidth(i, min(self.view.columnWidth(i) + ch * 2, ch * 36))

    @property
    def busy(self) -> bool:
        """Waiting for the server (a page or the debounce of the search line)."""
        return self.model.loading or self._debounce.isActive()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def refresh(self) -> None:
        self._debounce.stop()
        self.model.set_search(self.search.text())

    def _apply_search(self) -> None:
        self._debounce.stop()
        if self.search.text().strip() != self.model.search.strip():
            self.model.set_search(self.search.text())

    def _update_status(self, *_: Any) -> None:
        n = self.model.rowCount()
        if self.model.loading:
            text = "Loading…"
        elif self.model.complete:
            text = f"{n} row{'s' if n != 1 else ''}"
        else:
            text = f"{n}+ rows"
        self.status.setText(text)
