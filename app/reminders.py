"""Reminders: a status-bar badge with the number of the user's tasks that are due, read every
minute and whenever tasks change (the change feed); a newly due task is announced once in the
window's message bar (non-modal); clicking the badge opens "My tasks"."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QToolButton

from forms.worker import Loader
from server.api import Session
from server.api.tasks import due_tasks

if TYPE_CHECKING:
    from app.main_window import MainWindow

POLL_MS = 60_000


class Reminders(QObject):
    """The badge (``button``) and the poll behind it."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.due: list[dict[str, Any]] = []
        self._announced: set[tuple[int, Any]] = set()
        self.button = QToolButton(window)
        self.button.setObjectName("reminders")
        self.button.setAutoRaise(True)
        self.button.setAccessibleName(self.tr("Due tasks"))
        self.button.clicked.connect(self.open_tasks)
        self.button.hide()
        window.statusBar().addPermanentWidget(self.button)
        self._loader = Loader(self)
        self._loader.failed.connect(lambda _exc: None)  # the connection banner tells
        self.timer = QTimer(self, interval=POLL_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        window.feed.changed.connect(self.on_change)
        self.check()

    @property
    def busy(self) -> bool:
        return self._loader.loading

    def on_change(self, change: str) -> None:
        if change in ("catalog:tasks", "document:interaction"):
            self.check()

    def check(self) -> None:
        """Read the due tasks off the GUI thread (skipped while a read is on its way)."""
        if not self._loader.loading:
            session = Session(self.window.engine)
            self._loader.run(lambda: due_tasks(session), self._show)

    def _show(self, rows: list[dict[str, Any]]) -> None:
        self.due = rows
        self.button.setVisible(bool(rows))
        self.button.setText(self.tr("Tasks due: %n", "", len(rows)))
        self.button.setToolTip("\n".join(r["name"] for r in rows[:10]))
        new = [r for r in rows if (r["id"], r["due"]) not in self._announced]
        self._announced |= {(r["id"], r["due"]) for r in rows}
        if len(new) == 1:
            self.window.message_bar.show_info(
                self.tr("Reminder: {task}").format(task=new[0]["name"])
            )
        elif new:
            self.window.message_bar.show_info(self.tr("%n task(s) are due.", "", len(new)))

    def open_tasks(self) -> None:
        self.window.open_admin("my_tasks")
