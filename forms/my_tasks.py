"""CRM → My tasks: the logged-in user's tasks, the soonest due first, overdue ones in bold;
Enter / double-click opens the task, "Done" closes the selected ones; "Export to Excel…" writes
the rows shown."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QPushButton

from forms.admin_base import AdminForm
from forms.row_table import fill, moment_text, row_table
from forms.rows_export import RowsExport
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
        self.table = row_table(
            self,
            [self.tr("Due"), self.tr("Task"), self.tr("Partner"), self.tr("Deal"), self.tr("Done")],
        )
        self.table.setMinimumHeight(300)
        self.table.doubleClicked.connect(lambda _i: self.open_current())
        self.show_done = QCheckBox(self.tr("Show done"), self)
        self.show_done.toggled.connect(lambda _on: self.load())
        self.done_button = QPushButton(self.tr("&Done"), self)
        self.done_button.clicked.connect(self.mark_done)
        self.open_button = QPushButton(self.tr("&Open"), self)
        self.open_button.clicked.connect(self.open_current)
        self.export = RowsExport(
            self, lambda: self.tr("My tasks"), self._export_columns, lambda: self.rows
        )
        self.export.failed.connect(self.message_bar.show_error)
        buttons = QHBoxLayout()
        for w in (self.done_button, self.open_button, self.show_done, self.export.button):
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
        cells = [
            (moment_text(r["due"]), r["name"], r["partner"] or "", r["deal"] or "",
             "✓" if r["done"] else "")
            for r in rows
        ]  # fmt: skip
        fill(self.table, cells, bold={n for n, r in enumerate(rows) if r["overdue"]})

    def _export_columns(self) -> list[tuple[str, str, str]]:
        return [
            ("due", self.tr("Due"), "datetime"),
            ("name", self.tr("Task"), "text"),
            ("partner", self.tr("Partner"), "text"),
            ("deal", self.tr("Deal"), "text"),
            ("done", self.tr("Done"), "bool"),
        ]

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
