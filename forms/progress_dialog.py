"""A cancellable progress dialog for a long job running off the GUI thread.

The job counts into a :class:`forms.list_actions.Progress` (``total``, ``done``, ``cancel``); a
timer reads it in the GUI thread. The dialog appears only when the job takes longer than half a
second; Cancel sets the job's cancel flag.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget

from forms.list_actions import Progress

PROGRESS_DELAY_MS = 500
POLL_MS = 100


class JobProgress(QObject):
    """One job's :class:`Progress` and the dialog showing it (``label(done, total)``)."""

    def __init__(
        self, parent: QWidget, title: str, text: str, label: Callable[[int, int], str]
    ) -> None:
        super().__init__(parent)
        self.progress = Progress()
        self.label = label
        dialog = self.dialog = QProgressDialog(text, self.tr("Cancel"), 0, 0, parent)
        dialog.setWindowTitle(title)
        dialog.setMinimumDuration(PROGRESS_DELAY_MS)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(self.progress.cancel.set)
        dialog.setValue(0)
        self._timer = QTimer(self, interval=POLL_MS)
        self._timer.timeout.connect(self._show)
        self._timer.start()

    def _show(self) -> None:
        p, dialog = self.progress, self.dialog
        if p.total < 0:
            return
        if dialog.maximum() != max(p.total, 1):
            dialog.setMaximum(max(p.total, 1))
        dialog.setLabelText(self.label(p.done, p.total))
        dialog.setValue(min(p.done, max(p.total, 1)))

    def finish(self) -> None:
        """The job ended: close the dialog and forget it."""
        self._timer.stop()
        self.dialog.canceled.disconnect()
        self.dialog.hide()
        self.dialog.deleteLater()
        self.deleteLater()
