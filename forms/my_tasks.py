"""CRM → My tasks: the logged-in user's tasks, the soonest due first, overdue ones in bold;
Enter / double-click opens the task, "Done" closes the selected ones."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
)

from forms.admin_base import AdminForm
from server.api.tasks import my_tasks, set_done
from server.metadata import Registry

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget
    from sqlalchemy import Engine


class MyTasksForm(AdminForm):
    """A table of the user's tasks with "Done", "Open" and "Show done"."""

    watches = ("catalog:tasks",)

    def __init__(self, engine: Engine, reg: Registry, parent: QWidget | None = None) -> None:
        super().__init__(engine, reg, parent)
        self.setObjectName("my_tasks")
        self.heading.setText(self.tr("My tasks"))
        self.rows: list[dict[str, Any]] = []
        self.table = QTableWidget(0, 5, self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Due"), self.tr("Task"), self.tr("Partner"), self.tr("Deal"), self.tr("Done")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMinimumHeight(300)
        self.table.doubleClicked.connect(lambda _i: self.open_current())
        self.show_done = QCheckBox(self.tr("Show done"), self)
        self.show_done.toggled.connect(lambda _on: self.load())
        self.done_button = QPushButton(self.tr("&Done"), self)
        self.done_button.clicked.connect(self.mark_done)
        self.open_button = QPushButton(self.tr("&Open"), self)
        self.open_button.clicked.connect(self.open_current)
        buttons = QHBoxLayout()
        for w in (self.done_button, self.open_button, self.show_done):
            buttons.addWidget(w)
        buttons.addStretch(1)
        self.body.addLayout(buttons)
        self.body.addWidget(self.table)
        self.setFocusProxy(self.table)
        self.load()

    def load(self) -> None:
        session, done = self.session(), self.show_done.isChecked()
        self._run(lambda: my_tasks(session, done), self._show)

    def _show(self, rows: list[dict[str, Any]]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for n, r in enumerate(rows):
            due = r["due"].strftime("%Y-%m-%d %H:%M") if r["due"] else ""
            cells = (due, r["name"], r["partner"] or "", r["deal"] or "", "✓" if r["done"] else "")
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if r["overdue"]:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(n, col, item)
        self.table.resizeColumnsToContents()

    def _selected(self) -> list[dict[str, Any]]:
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        return [self.rows[r] for r in rows if r < len(self.rows)]

    def mark_done(self) -> None:
        ids, session = [r["id"] for r in self._selected()], self.session()

        def work() -> list[dict[str, Any]]:
            for i in ids:
                set_done(session, i)
            return my_tasks(session, self.show_done.isChecked())

        if ids:
            self._run(work, self._done, write=True)

    def _done(self, rows: list[dict[str, Any]]) -> None:
        self._show(rows)
        self.changed.emit("catalog:tasks")

    def open_current(self) -> None:
        """The task's own form (a catalog item) in the main window."""
        row = self.table.currentRow()
        opener = getattr(self.window(), "open_catalog_item", None)
        if opener and 0 <= row < len(self.rows):
            opener("tasks", self.rows[row]["id"])

    def keyPressEvent(self, event: Any) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.open_current()
            return
        super().keyPressEvent(event)
