"""Keeps a list's view steady while its model slides its window of rows.

:class:`forms.list_model.ListModel` keeps only a window of pages. When it drops rows above the
view or inserts a page above it, the rows on screen would jump; this helper scrolls the view by
the same number of rows so the user keeps seeing what they saw. It also asks the model for the
previous page when the view reaches the top of the window, and handles Ctrl+Home / Ctrl+End:
jump to the first or the last page of the whole list without reading what lies between.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView

from forms.list_model import ListModel

NEAR_TOP_ROWS = 3


class WindowScroller(QObject):
    """Glue between a :class:`QTableView` and the sliding window of its :class:`ListModel`."""

    def __init__(self, view: QTableView, model: ListModel) -> None:
        super().__init__(view)
        self.view, self.model = view, model
        self._top_row = -1
        self._pending_jump: str | None = None
        model.rowsAboutToBeInserted.connect(self._remember_top)
        model.rowsInserted.connect(self._after_insert)
        model.rowsAboutToBeRemoved.connect(self._remember_top)
        model.rowsRemoved.connect(self._after_remove)
        model.page_loaded.connect(self._after_page)
        view.verticalScrollBar().valueChanged.connect(self._on_scroll)
        view.selectionModel().currentRowChanged.connect(self._on_current)

    # -- keeping the rows on screen steady ---------------------------------------------------
    def _remember_top(self, _parent: QModelIndex, first: int, _last: int) -> None:
        self._top_row = self.view.indexAt(QPoint(0, 0)).row() if first == 0 else -1

    def _after_insert(self, _parent: QModelIndex, first: int, last: int) -> None:
        if first == 0 and self._top_row >= 0:
            self._scroll_to(self._top_row + (last - first + 1))

    def _after_remove(self, _parent: QModelIndex, first: int, last: int) -> None:
        if first == 0 and self._top_row >= 0:
            self._scroll_to(max(0, self._top_row - (last - first + 1)))

    def _scroll_to(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.view.scrollTo(self.model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtTop)

    # -- reading the page above ------------------------------------------------------------
    def _on_scroll(self, _value: int) -> None:
        top = self.view.indexAt(QPoint(0, 0)).row()
        if 0 <= top < NEAR_TOP_ROWS:
            self.model.fetch_before()

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and current.row() < NEAR_TOP_ROWS:
            self.model.fetch_before()

    # -- Ctrl+Home / Ctrl+End ----------------------------------------------------------------
    def jump(self, where: str) -> bool:
        """Go to the first (``home``) or last (``end``) row of the whole list; True if handled."""
        if where == "end" and not self.model.complete:
            self._pending_jump = "end"
            self.model.jump_to_end()
            return True
        if where == "home" and not self.model.at_start:
            self._pending_jump = "home"
            self.model.reload()
            return True
        return False

    def _after_page(self, _first: bool) -> None:
        where, self._pending_jump = self._pending_jump, None
        n = self.model.rowCount()
        if where is None or n == 0:
            return
        row = n - 1 if where == "end" else 0
        index = self.model.index(row, 0)
        self.view.setCurrentIndex(index)
        hint = QAbstractItemView.ScrollHint.PositionAtBottom
        self.view.scrollTo(index, hint if where == "end" else hint.PositionAtTop)

    def handles(self, key: int, modifiers: Qt.KeyboardModifier) -> bool:
        """Ctrl+Home / Ctrl+End over the whole list (the view alone knows only the window)."""
        if modifiers != Qt.KeyboardModifier.ControlModifier:
            return False
        if key == Qt.Key.Key_End:
            return self.jump("end")
        if key == Qt.Key.Key_Home:
            return self.jump("home")
        return False
