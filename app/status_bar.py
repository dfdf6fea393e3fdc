"""The main window's status bar and connection banner: the infobase and the user, a busy
indicator while background work takes longer than a moment, and a banner (with "Retry now")
while the :class:`ConnectionMonitor` reconnects; open forms and their unsaved input stay.

Strings keep the translation context ``MainWindow``.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QLabel, QProgressBar

from app.connection_monitor import ConnectionMonitor, engine_ping
from forms.message_bar import MessageBar
from forms.worker import relay

if TYPE_CHECKING:
    from app.main_window import MainWindow

log = logging.getLogger(__name__)
BUSY_DELAY_MS = 300  # work shorter than this shows no busy indicator
RESTORED_SHOWN_MS = 3000
LOST_TEXT = QT_TRANSLATE_NOOP(
    "MainWindow", "Connection to the server lost — reconnecting… (attempt {n})"
)
RESTORED_TEXT = QT_TRANSLATE_NOOP("MainWindow", "Connection restored")


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


class StatusIndicators(QObject):
    """The status bar's labels and busy indicator, and the connection banner and monitor."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.connection_bar = MessageBar(window)
        self.connection_bar.setObjectName("connection_banner")
        self.connection_bar.setAccessibleName(
            QCoreApplication.translate("MainWindow", "Connection")
        )
        self._build_status_bar()
        self.monitor = ConnectionMonitor(engine_ping(window.engine), self)
        self.monitor.lost.connect(self._on_connection_lost)
        self.monitor.attempt_changed.connect(self._show_reconnecting)
        self.monitor.restored.connect(self._on_connection_restored)
        self._restored_timer = QTimer(self)
        self._restored_timer.setSingleShot(True)
        self._restored_timer.setInterval(RESTORED_SHOWN_MS)
        self._restored_timer.timeout.connect(self._hide_restored)

    def _build_status_bar(self) -> None:
        w = self.window
        bar = w.statusBar()
        self.infobase_label = QLabel(
            QCoreApplication.translate("MainWindow", "Infobase: {title}").format(
                title=w.infobase_title
            ),
            w,
        )
        self.user_label = QLabel(
            QCoreApplication.translate("MainWindow", "User: {user}").format(user=w.user), w
        )
        self.busy_label = QLabel(QCoreApplication.translate("MainWindow", "Working…"), w)
        self.busy_label.setObjectName("busy_label")
        self.busy_spinner = QProgressBar(w)
        self.busy_spinner.setObjectName("busy_spinner")
        self.busy_spinner.setAccessibleName(QCoreApplication.translate("MainWindow", "Working"))
        self.busy_spinner.setRange(0, 0)  # indeterminate: a moving bar
        self.busy_spinner.setTextVisible(False)
        self.busy_spinner.setMaximumWidth(w.fontMetrics().horizontalAdvance("0") * 10)
        self.busy_spinner.setMaximumHeight(w.fontMetrics().height())
        for widget in (self.busy_spinner, self.busy_label):
            widget.hide()
            bar.addPermanentWidget(widget)
        self._busy_timer = QTimer(self)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.setInterval(BUSY_DELAY_MS)
        self._busy_timer.timeout.connect(self._show_busy)
        relay().active_changed.connect(self._on_active)
        bar.addPermanentWidget(self.infobase_label)
        bar.addPermanentWidget(self.user_label)

    # -- connection -----------------------------------------------------------------------
    @property
    def connected(self) -> bool:
        return self.monitor.connected

    def _on_connection_lost(self, exc: object) -> None:
        log.warning("connection to the server lost: %s", exc)
        self._restored_timer.stop()

    def _show_reconnecting(self, attempt: int) -> None:
        self.connection_bar.show_error(
            _tr(LOST_TEXT).format(n=attempt),
            QCoreApplication.translate("MainWindow", "Retry now"),
            self.monitor.ping_now,
        )

    def _on_connection_restored(self) -> None:
        """Say so briefly; lists re-read what changed meanwhile (object forms keep their input)."""
        log.info("connection to the server restored")
        self.connection_bar.show_info(_tr(RESTORED_TEXT))

        self._restored_timer.start()
        w = self.window
        if not w.sections:
            w.rebuild()
        for form in w.forms.values():
            form.refresh()

    def _hide_restored(self) -> None:
        if self.monitor.connected:
            self.connection_bar.clear()

    # -- busy indicator -------------------------------------------------------------------
    def _on_active(self, running: int) -> None:
        if running and not self._busy_timer.isActive() and self.busy_label.isHidden():
            self._busy_timer.start()
        elif not running:
            self._busy_timer.stop()
            self.busy_label.hide()
            self.busy_spinner.hide()

    def _show_busy(self) -> None:
        if relay().active:
            self.busy_label.show()
            self.busy_spinner.show()

    @property
    def busy_shown(self) -> bool:
        """The status bar shows the busy indicator."""
        return not self.busy_label.isHidden()

    def stop(self) -> None:
        """Stop the connection monitor and the timers."""
        self.monitor.stop()
        self._busy_timer.stop()
