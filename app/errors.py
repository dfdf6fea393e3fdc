"""Unexpected errors: logged, then shown in a dialog whose details can be copied."""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from forms.texts import error_message
from server.errors import KontoraError

log = logging.getLogger("kontora")


def error_dialog(parent: QWidget | None, message: str, details: str) -> QMessageBox:
    """A non-blocking dialog with the message, the details and a "Copy details" button."""
    box = QMessageBox(QMessageBox.Icon.Critical, "Kontora", message, parent=parent)
    box.setDetailedText(details)
    copy = box.addButton(
        QCoreApplication.translate("Errors", "Copy details"), QMessageBox.ButtonRole.ActionRole
    )
    box.addButton(QMessageBox.StandardButton.Close)
    copy.clicked.connect(lambda: QApplication.clipboard().setText(f"{message}\n\n{details}"))
    box.open()
    return box


def install_excepthook(
    parent: Callable[[], QWidget | None], show_error: Callable[[str], None] | None = None
) -> None:
    """Route uncaught exceptions to the log and to the user (a KontoraError: the message bar)."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        if isinstance(exc, KontoraError) and show_error is not None:
            log.warning("%s", exc.message)
            show_error(error_message(exc))
            return
        details = "".join(traceback.format_exception(kind, exc, tb))
        log.error("Unexpected error\n%s", details)
        error_dialog(
            parent(),
            QCoreApplication.translate("Errors", "Something went wrong: {error}").format(error=exc),
            details,
        )

    sys.excepthook = hook
