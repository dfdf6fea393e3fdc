"""The model of a dynamic list: a sliding window over the rows of a :class:`ListQuery`.

The model asks for the next page only when the view scrolls near the end (``fetchMore``) and for
the previous one when it scrolls back to the top of the window (``fetch_before``); each page is
read off the GUI thread with keyset pagination. The window holds at most :data:`WINDOW_PAGES`
pages: pages that scroll far out of sight are dropped, so a list of millions of rows keeps a flat
memory, like 1C's dynamic lists. ``jump_to_end`` reads the last page directly. A new search
string, filter or sort starts over from the first page; pages of an older request are dropped.
"""

from __future__ import annotations

import dataclasses
import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from forms.formatting import display
from forms.icons import icon
from forms.texts import error_message, meta_tr
from forms.worker import Loader
from server.api import Session
from server.api.lists import ListColumn, ListFilter, ListQuery, Page, Sort
from server.errors import KontoraError

if TYPE_CHECKING:
    from sqlalchemy import Engine

log = logging.getLogger(__name__)
NUMERIC = {"money", "qty", "int"}
WINDOW_PAGES = 10  # pages kept in memory; the rest is read again when scrolled back to
REFRESH_MAX_ROWS = 2000  # a live refresh re-reads at most this many of the loaded rows
AnyIndex = QModelIndex | QPersistentModelIndex


def error_text(exc: BaseException) -> str:
    """What to tell the user about a failed load."""
    if isinstance(exc, KontoraError):
        return error_message(exc)
    return QCoreApplication.translate("ListModel", "Could not load the list: {error}").format(
        error=exc
    )


@dataclasses.dataclass(frozen=True)
class _Refreshed:
    """A page that replaces the loaded rows (a live refresh) rather than extending them."""

    page: Page


class ListModel(QAbstractTableModel):
    """Rows of a :class:`ListQuery`, fetched in keyset pages on demand."""

    failed = Signal(str)
    loading_changed = Signal(bool)
    page_loaded = Signal(bool)  # True for the first page after a (re)load
    trimmed = Signal(int, int)  # rows dropped (at the top, at the bottom) to keep the window
    refreshed = Signal()  # the loaded rows were re-read in place (:meth:`refresh_rows`)

    def __init__(self, engine: Engine, query: ListQuery, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.query = query
        self.search = ""
        self.filter = ListFilter()
        self.sort: Sort | None = None
        self._rows: list[dict[str, Any]] = []
        self._cursor: tuple[Any, ...] | None = None
        self._more = True
        self._more_before = False  # rows before the window (dropped, or not read after a jump)
        self._offset: int | None = 0  # list position of the first row (None: unknown)
        self._direction = "after"
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
        """The window reaches the end of the list (nothing more to read below)."""
        return not self._more

    @property
    def at_start(self) -> bool:
        """The window begins with the first row of the list."""
        return not self._more_before

    @property
    def offset(self) -> int | None:
        """How many rows of the list lie above the window (None after a jump to the end)."""
        return self._offset

    @property
    def window_rows(self) -> int:
        """The most rows the window keeps."""
        return WINDOW_PAGES * self.query.page_size

    def row(self, i: int) -> dict[str, Any]:
        return self._rows[i]

    def set_search(self, text: str) -> None:
        """Start over with a new search string (stale pages are dropped)."""
        self.search = text
        self.reload()

    def set_filter(self, flt: ListFilter) -> None:
        """Start over with new filter conditions."""
        self.filter = flt
        self.reload()

    def set_sort(self, sort: Sort | None) -> None:
        """Start over in a new order (None: the list's own order)."""
        if sort is not None and not self.query.can_sort(sort.key):
            raise ValueError(f"{self.query.title} cannot be sorted by {sort.key!r}")
        self.sort = sort
        self.reload()

    def rows(self) -> list[dict[str, Any]]:
        """The rows loaded so far (a copy)."""
        return list(self._rows)

    def reload(self) -> None:
        self._start_over()
        self.fetchMore(QModelIndex())

    def jump_to_end(self) -> None:
        """Show the last page of the list at once (Ctrl+End), without reading what is between."""
        if not self._more:
            return
        self._start_over()
        self._more, self._more_before, self._offset = False, True, None
        self._submit(None, backward=True)

    def _start_over(self) -> None:
        self._loader.cancel()
        self.beginResetModel()
        self._rows, self._cursor, self._more = [], None, True
        self._more_before, self._offset = False, 0
        self.endResetModel()

    def refresh_rows(self) -> None:
        """Re-read as many rows as are loaded (at least a page, at most REFRESH_MAX_ROWS) and
        swap them in at once: no empty list in between, and the view can keep its place."""
        n = min(max(len(self._rows), self.query.page_size), REFRESH_MAX_ROWS)
        query = dataclasses.replace(self.query, page_size=n)
        session, text, flt, sort = Session(self.engine), self.search, self.filter, self.sort
        # The window may start deep in the list: re-read from its first row on, inclusive.
        start = self.query.row_key(self._rows[0], sort) if self._more_before else None
        self._direction = "after"
        self._loader.submit(
            lambda: _Refreshed(query.fetch(session, start, text, flt, sort, inclusive=True))
        )

    # -- Qt model -------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.query.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return meta_tr(self.query.columns[section].label)
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        col = self.query.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, col)
        if role == Qt.ItemDataRole.DecorationRole:
            return self._decoration(row, col.kind, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, col.kind, index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and col.kind in NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, row: dict[str, Any], col: ListColumn) -> str:
        if col.kind == "posted":
            return self.tr("Posted") if row.get("posted") else ""
        return display(row.get(col.key), col.kind)

    def column_texts(self, column: int, rows: int) -> tuple[set[str], bool]:
        """The distinct display texts of ``column`` in the first ``rows`` rows, and whether any
        of those cells shows an icon (the list form fits its columns to them)."""
        col = self.query.columns[column]
        head = self._rows[:rows]
        icons = any(self._decoration(row, col.kind, column) is not None for row in head)
        return {self._text(row, col) for row in head}, icons

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
            return self.tr("Posted") if row.get("posted") else self.tr("Not posted")
        if column == 0 and row.get("deletion_mark"):
            return self.tr("Marked for deletion")
        if column == 0 and row.get("is_group"):
            return self.tr("Group")
        return None

    def canFetchMore(self, parent: AnyIndex) -> bool:
        return not parent.isValid() and self._more and not self._loader.loading

    def fetchMore(self, parent: AnyIndex) -> None:
        if self.canFetchMore(parent):
            self._submit(self._cursor, backward=False)

    def can_fetch_before(self) -> bool:
        return self._more_before and bool(self._rows) and not self._loader.loading

    def fetch_before(self) -> None:
        """Read the page before the window (the view scrolled back to its top)."""
        if self.can_fetch_before():
            self._submit(self.query.row_key(self._rows[0], self.sort), backward=True)

    def _submit(self, cursor: tuple[Any, ...] | None, *, backward: bool) -> None:
        session = Session(self.engine)  # each task connects through the engine's pool
        query, text, flt, sort = self.query, self.search, self.filter, self.sort
        self._direction = "before" if backward else "after"
        self._loader.submit(
            lambda: query.fetch(session, cursor, text, flt, sort, backward=backward)
        )

    def _on_page(self, page: Page | _Refreshed) -> None:
        if isinstance(page, _Refreshed):
            self.beginResetModel()
            self._rows, self._cursor = page.page.rows, page.page.cursor
            self._more = self._cursor is not None
            self.endResetModel()
            self.refreshed.emit()
            return
        if self._direction == "before":
            self._prepend(page)
            return
        self._cursor, self._more = page.cursor, page.cursor is not None
        first = len(self._rows)
        if page.rows:
            self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
            self._rows.extend(page.rows)
            self.endInsertRows()
        self._trim_top()
        self.page_loaded.emit(first == 0 and self.at_start)

    def _prepend(self, page: Page) -> None:
        first_load = not self._rows
        self._more_before = page.cursor is not None
        if page.rows:
            self.beginInsertRows(QModelIndex(), 0, len(page.rows) - 1)
            self._rows[:0] = page.rows
            self.endInsertRows()
        if self._offset is not None:
            self._offset = max(0, self._offset - len(page.rows))
        if not self._more_before:
            self._offset = 0
        self._trim_bottom()
        self.page_loaded.emit(first_load)

    def _trim_top(self) -> None:
        extra = len(self._rows) - self.window_rows
        if extra <= 0:
            return
        self.beginRemoveRows(QModelIndex(), 0, extra - 1)
        del self._rows[:extra]
        self.endRemoveRows()
        self._more_before = True
        if self._offset is not None:
            self._offset += extra
        self.trimmed.emit(extra, 0)

    def _trim_bottom(self) -> None:
        extra = len(self._rows) - self.window_rows
        if extra <= 0:
            return
        keep = len(self._rows) - extra
        self.beginRemoveRows(QModelIndex(), keep, len(self._rows) - 1)
        del self._rows[keep:]
        self.endRemoveRows()
        self._more = True
        self._cursor = self.query.row_key(self._rows[-1], self.sort)
        self.trimmed.emit(0, extra)

    def _on_failed(self, exc: BaseException) -> None:
        self._more = False  # do not hammer a failing server; Refresh tries again
        log.warning("loading %s failed: %s", self.query.name, exc)
        self.failed.emit(error_text(exc))
