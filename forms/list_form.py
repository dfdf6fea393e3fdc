"""The generic dynamic list: any catalog, document journal or balance report, page by page.

Above the table: the commands (post, unpost, mark for deletion, export), the search line and the
filter bar. Rows come from :class:`forms.list_model.ListModel` in keyset pages read off the GUI
thread; typing in the search line, changing a filter or clicking a column header re-queries the
server (the search after a pause). Several rows can be selected for the batch commands.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
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

from forms.icons import icon, icon_button
from forms.list_columns import ListColumns
from forms.list_commands import ListCommands
from forms.list_filters import FilterBar, placeholder_width
from forms.list_model import ListModel
from forms.list_window import WindowScroller
from forms.message_bar import MessageBar
from forms.texts import meta_tr
from forms.worker import OFFLINE_MESSAGE, is_offline
from server.api.lists import ListQuery, Sort
from server.metadata import Registry, registry

if TYPE_CHECKING:
    from sqlalchemy import Engine

SEARCH_DELAY_MS = 300
#: Rows (besides the visible ones) the columns are fitted to: fitting them to a whole first
#: page asked the model for every cell of its 200 rows — most of a list's opening time.
SIZING_ROWS = 40


class ListForm(QWidget):
    """Commands + search line + filters + table, over one :class:`ListModel`.

    Enter or double-click on a row emits ``activated`` (the row); Ins emits ``create_requested``;
    Del toggles the deletion mark of the selected documents; a header click sorts (ascending,
    descending, then the list's own order again).
    """

    error = Signal(str)
    activated = Signal(object)
    create_requested = Signal()
    changed = Signal(str)  # a batch command changed documents of this name

    def __init__(
        self,
        engine: Engine,
        query: ListQuery,
        parent: QWidget | None = None,
        reg: Registry | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self.reg = reg or registry
        self.query = query
        self.setObjectName(f"list_{query.kind}_{query.name}")
        self.model = ListModel(engine, query, self)
        self.model.failed.connect(self.error)
        self.model.loading_changed.connect(self._update_status)
        self.model.page_loaded.connect(self._on_page_loaded)
        self.model.modelReset.connect(self._update_status)
        self.model.refreshed.connect(self._restore_place)
        self._sized = False
        self._group: tuple[int, bool] | None = None  # hierarchical catalogs: see set_group
        self._place: tuple[tuple[Any, ...] | None, int, int] | None = None
        self.stale = False  # changed by someone else while hidden: refresh when shown

        self.search = QLineEdit(self)
        self.search.setPlaceholderText(f"{meta_tr(query.search_hint)} (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setAccessibleName(self.tr("Search"))
        self.search.setMinimumWidth(placeholder_width(self.search))  # the hint stays readable

        self._name_clear_button()
        self._debounce = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self._apply_search)
        self.search.textChanged.connect(self._debounce.start)
        self.search.returnPressed.connect(self._apply_search)

        self.refresh_button = icon_button(
            self, "refresh", self.tr("Refresh (F5)"), self.tr("Refresh"), self.refresh
        )

        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.message_bar = MessageBar(self)
        self.filters = FilterBar(engine, query, self)
        self.filters.changed.connect(self.apply_filters)

        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.doubleClicked.connect(lambda index: self._activate(index.row()))
        self.view.installEventFilter(self)
        self.view.setAccessibleName(meta_tr(query.title))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        for corner in self.view.findChildren(QAbstractButton):
            corner.setAccessibleName(self.tr("Select all rows"))
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setHighlightSections(False)
        header.setResizeContentsPrecision(SIZING_ROWS)
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicatorClearable(True)  # a third click returns to the list's own order
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.sortIndicatorChanged.connect(self._on_sort_indicator)
        keys = [c.key for c in query.columns]
        if query.stretch in keys:  # the main text column takes the spare width
            header.setSectionResizeMode(keys.index(query.stretch), QHeaderView.ResizeMode.Stretch)
        self._size_columns()
        self.scroller = WindowScroller(self.view, self.model)
        self.columns = ListColumns(self)  # choice, order and widths saved per user

        self.commands = ListCommands(self)
        bar = QHBoxLayout()
        # The commands get their room first; the search line takes what is left (within limits).
        ch = self.fontMetrics().horizontalAdvance("0")
        self.search.setMinimumWidth(ch * 26)
        bar.addWidget(self.commands.toolbar, 1)
        bar.addWidget(self.search)
        bar.addWidget(self.refresh_button)
        bar.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.filters)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.view, 1)
        self.setFocusProxy(self.view)
        self._add_shortcuts()
        self._update_status()
        self.model.fetchMore(QModelIndex())

    def _add_shortcuts(self) -> None:
        find = QAction(self.tr("Search"), self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.triggered.connect(self.focus_search)
        refresh = QAction(self.tr("Refresh"), self)
        refresh.setShortcut(QKeySequence(Qt.Key.Key_F5))
        refresh.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        refresh.triggered.connect(self.refresh)
        self.addActions([find, refresh])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter opens the current row, Ins creates, Del toggles the deletion mark."""
        if watched is self.view and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
                self._activate(self.view.currentIndex().row())
                return True
            if event.key() == Qt.Key.Key_Insert and not event.modifiers():
                self.create_requested.emit()
                return True
            if event.key() == Qt.Key.Key_Delete and not event.modifiers():
                self.commands.toggle_mark()
                return True
            if self.scroller.handles(event.key(), event.modifiers()):
                return True
            if self._starts_search(event):
                return True
        return super().eventFilter(watched, event)

    def _starts_search(self, event: QKeyEvent) -> bool:
        """Typing a letter or digit in the table starts a search with it (as in 1C)."""
        text = event.text()
        plain = event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier == Qt.KeyboardModifier(0)
        if not (plain and text and text.isprintable() and not text.isspace()):
            return False
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.setText(self.search.text() + text)
        return True

    def current_row(self) -> dict[str, Any] | None:
        """The row under the cursor (None when the list is empty)."""
        i = self.view.currentIndex().row()
        return self.model.row(i) if 0 <= i < self.model.rowCount() else None

    def selected_rows(self) -> list[dict[str, Any]]:
        """The selected rows in list order (the current row when nothing is selected)."""
        picked = sorted(i.row() for i in self.view.selectionModel().selectedRows())
        if not picked:
            current = self.current_row()
            return [current] if current is not None else []
        return [self.model.row(i) for i in picked]

    def visible_columns(self) -> list[tuple[str, str, str]]:
        """(key, label, kind) of the shown columns, in the order the user arranged them."""
        header = self.view.horizontalHeader()
        out = []
        for visual in range(header.count()):
            logical = header.logicalIndex(visual)
            if not header.isSectionHidden(logical):
                col = self.query.columns[logical]
                out.append((col.key, col.label, col.kind))
        return out

    def sort_by(self, key: str | None, descending: bool = False) -> None:
        """Sort by the column ``key`` (None: the list's own order), as a header click does."""
        keys = [c.key for c in self.query.columns]
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        self.view.horizontalHeader().setSortIndicator(keys.index(key) if key else -1, order)

    def _on_sort_indicator(self, section: int, order: Qt.SortOrder) -> None:
        if 0 <= section < len(self.query.columns):
            key = self.query.columns[section].key
            sort = Sort(key, order == Qt.SortOrder.DescendingOrder)
            self.model.set_sort(sort if self.query.can_sort(key) else None)
        else:
            self.model.set_sort(None)

    def apply_filters(self) -> None:
        """Re-query with the filter bar's choices (and the group, if one is set)."""
        flt = self.filters.value()
        if self._group is not None:
            flt = dataclasses.replace(flt, parent=self._group[0], subgroups=self._group[1])
        self.model.set_filter(flt)

    def set_group(self, parent: int, subgroups: bool = False) -> None:
        """Show the rows of one group of a hierarchical catalog (``ROOT``: the top level),
        with the rows of its subgroups if ``subgroups``."""
        self._group = (parent, subgroups)
        self.apply_filters()

    def _activate(self, i: int) -> None:
        if 0 <= i < self.model.rowCount():
            self.activated.emit(self.model.row(i))

    def _name_clear_button(self) -> None:
        """The line edit's built-in clear button has no text: give it an accessible name."""
        for button in self.search.findChildren(QToolButton):
            if not button.text():
                button.setAccessibleName(self.tr("Clear search"))
                button.setToolTip(self.tr("Clear search"))

    def _size_columns(self) -> None:
        """Initial widths from the font, before any data arrives."""
        ch = self.fontMetrics().horizontalAdvance("0")
        widths = {"datetime": 16, "posted": 9, "money": 12, "qty": 10, "int": 8, "bool": 6}
        for i, col in enumerate(self.query.columns):
            chars = max(widths.get(col.kind, 16), len(meta_tr(col.label)) + 4)

            self.view.setColumnWidth(i, ch * chars)

    def _on_page_loaded(self, first: bool) -> None:
        """Fit the columns to the first page once (capped), then leave them to the user."""
        self._update_status()
        if not first or self._sized or not self.model.rowCount():
            return
        self._sized = True
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Each column as wide as its header and the texts of the rows shown and SIZING_ROWS
        more (two characters to spare, 36 at most). Measured here from the rows' texts: the
        view's own fitting asks the model for every role of every cell, three times slower."""
        view = self.view
        fm = view.fontMetrics()
        ch = fm.horizontalAdvance("0")
        # a cell's margins about a character; an icon about a line high (the styles' metrics
        # are not asked: PySide builds their enum on first use, 40 ms)
        pad, side = ch, fm.height() + ch // 2
        shown = view.viewport().height() // max(1, view.verticalHeader().defaultSectionSize())
        header = view.horizontalHeader()
        for i in range(self.model.columnCount()):
            texts, icons = self.model.column_texts(i, shown + 1 + SIZING_ROWS)
            width = max((fm.horizontalAdvance(t) for t in texts), default=0) + pad
            width = max(width + (side if icons else 0), header.sectionSizeHint(i))
            view.setColumnWidth(i, min(width + ch * 2, ch * 36))

    @property
    def busy(self) -> bool:
        """Waiting for the server (a page or the debounce of the search line)."""
        return self.model.loading or self._debounce.isActive() or self.commands.busy

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def refresh(self) -> None:
        self._debounce.stop()
        if is_offline():  # keep the rows shown; the list refreshes when the connection returns
            self.error.emit(OFFLINE_MESSAGE)
            return
        self.model.set_search(self.search.text())

    def live_refresh(self) -> None:
        """Someone else changed what this list shows: re-read the loaded rows in place,
        keeping the current row (by its key) and the scroll position."""
        self.stale = False
        if is_offline():  # the list refreshes when the connection returns
            return
        current = self.current_row()
        scroll = self.view.verticalScrollBar().value()
        self._place = (self._row_key(current), self.view.currentIndex().column(), scroll)
        self.model.refresh_rows()

    def _row_key(self, row: dict[str, Any] | None) -> tuple[Any, ...] | None:
        if row is None:
            return None
        keys = self.query.unique or self.query.keys
        return tuple(row.get(k) for _, k in keys)

    def _restore_place(self) -> None:
        place, self._place = self._place, None
        if place is None:
            return
        key, column, scroll = place
        if key is not None:
            for i in range(self.model.rowCount()):
                if self._row_key(self.model.row(i)) == key:
                    self.view.setCurrentIndex(self.model.index(i, max(column, 0)))
                    break
        self.view.verticalScrollBar().setValue(scroll)

    def _apply_search(self) -> None:
        self._debounce.stop()
        if self.search.text().strip() != self.model.search.strip():
            self.model.set_search(self.search.text())

    def _update_status(self, *_: Any) -> None:
        n, offset = self.model.rowCount(), self.model.offset
        if self.model.loading:
            text = self.tr("Loading…")
        elif offset is None:  # jumped to the end: the rows above are not counted
            text = self.tr("End of the list")
        elif self.model.complete:
            text = self.tr("Rows: %n", "", offset + n)
        else:
            text = self.tr("Rows: %n+", "", offset + n)
        self.status.setText(text)
