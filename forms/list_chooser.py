"""A list as a choice form (F4 of a reference field): the list with OK and Cancel; Enter, a
double click or OK picks the current row when it is one that may be chosen."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from forms.list_form import ListForm
from server.api.lists import ListQuery

if TYPE_CHECKING:
    from sqlalchemy import Engine

Row = dict[str, Any]


class ListChooser(QDialog):
    """``pick`` turns the chosen row into the value (None: that row may not be chosen, e.g.
    a group where an item is wanted); the value is ``chosen`` once accepted."""

    def __init__(
        self,
        engine: Engine,
        query: ListQuery,
        title: str,
        pick: Callable[[Row], Any],
        parent: QWidget | None,
        *,
        width: int = 80,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.chosen: Any = None
        self._value = pick
        self.list = ListForm(engine, query, self)
        self.list.activated.connect(self._pick)
        self.list.commands.create_action.setVisible(False)  # a chooser offers its own, if any
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(lambda: self._pick(self.list.current_row()))
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)
        fm = self.fontMetrics()
        self.resize(fm.horizontalAdvance("0") * width, fm.lineSpacing() * 24)
        self.list.setFocus()

    def _pick(self, row: Row | None) -> None:
        value = None if row is None else self._value(row)
        if value is not None:
            self.chosen = value
            self.accept()
