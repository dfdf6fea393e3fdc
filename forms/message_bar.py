"""A non-modal message bar (Tryton's InfoBar): errors without a dialog, optionally with one
action button (e.g. "Reload" after a conflicting save, "Retry now" while reconnecting)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QToolButton,
    QWidget,
)

from forms.icons import icon


class MessageBar(QFrame):
    """Shows one message with an icon and a close button; hidden when empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("message_bar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        pal = self.palette()
        pal.setColor(QPalette.ColorRole.Window, pal.color(QPalette.ColorRole.ToolTipBase))
        pal.setColor(QPalette.ColorRole.WindowText, pal.color(QPalette.ColorRole.ToolTipText))
        self.setPalette(pal)
        self.icon = QLabel(self)
        self.kind = ""
        self._set_kind("error")
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.action_button = QPushButton(self)
        self.action_button.hide()
        self.action_button.clicked.connect(self._on_action)
        self._action: Callable[[], None] | None = None
        self.close_button = QToolButton(self)
        self.close_button.setIcon(icon("close"))
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip(self.tr("Hide the message"))
        self.close_button.setAccessibleName(self.tr("Hide the message"))
        self.close_button.clicked.connect(self.clear)
        layout = QHBoxLayout(self)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.action_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_error(
        self, message: str, action: str = "", on_action: Callable[[], None] | None = None
    ) -> None:
        """Show ``message``; with ``action``, a button of that text calls ``on_action``."""
        self._show(message, "error", action, on_action)

    def show_info(
        self, message: str, action: str = "", on_action: Callable[[], None] | None = None
    ) -> None:
        """Like :meth:`show_error`, with an information icon (a state, not a failure)."""
        self._show(message, "info", action, on_action)

    def _show(
        self, message: str, kind: str, action: str, on_action: Callable[[], None] | None
    ) -> None:
        self._set_kind(kind)
        self._action = on_action
        self.action_button.setText(action)
        self.action_button.setVisible(bool(action and on_action))
        self.text.setText(message)
        self.setAccessibleDescription(message)
        self.show()

    def _set_kind(self, kind: str) -> None:
        if kind == self.kind:
            return
        self.kind = kind
        size = self.fontMetrics().height()
        if kind == "info":
            pixmap = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
            self.icon.setAccessibleName(self.tr("Information"))
        else:
            pixmap = icon("error")
            self.icon.setAccessibleName(self.tr("Error"))
        self.icon.setPixmap(pixmap.pixmap(size, size))

    def message(self) -> str:
        """The text shown ("" when hidden)."""
        return self.text.text() if not self.isHidden() else ""

    def clear(self) -> None:
        self.text.clear()
        self._action = None
        self.action_button.hide()
        self.hide()

    def _on_action(self) -> None:
        action = self._action
        if action is not None:
            action()
