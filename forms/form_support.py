"""Pieces every object form shares: toolbar actions with shortcuts, the unsaved-changes question
(and :class:`UnsavedGuard`, which asks it on closing) and the reload confirmation (document
forms and catalog item forms alike)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QMessageBox, QToolBar, QWidget

from forms.icons import icon

SHORTCUT = Qt.ShortcutContext.WidgetWithChildrenShortcut
CTRL_ENTER = (
    QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Return),
    QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Enter),  # the keypad's Enter
)


def form_action(
    form: QWidget,
    toolbar: QToolBar,
    text: str,
    slot: Callable[[], None],
    *keys: QKeySequence | str,
    name: str = "",
) -> QAction:
    """An action of ``form`` on its toolbar; its keys work anywhere inside the form."""
    a = QAction(icon(name) if name else icon("blank"), text, form)
    if keys:
        a.setShortcuts([QKeySequence(k) for k in keys])
        a.setShortcutContext(SHORTCUT)
        a.setToolTip(f"{text} ({a.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})")
    a.triggered.connect(slot)
    form.addAction(a)
    toolbar.addAction(a)
    return a


def ask_unsaved(form: QWidget, title: str, what: str) -> QMessageBox.StandardButton:
    """Save / Discard / Cancel for ``what`` (the object's title) with unsaved changes."""
    return QMessageBox.question(
        form,
        title,
        QCoreApplication.translate("ObjectForm", "{what} has unsaved changes. Save them?").format(
            what=what
        ),
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Save,
    )


def confirm_reload(form: QWidget) -> bool:
    """Discard local edits and load the object as saved on the server?"""
    answer = QMessageBox.question(
        form,
        QCoreApplication.translate("ObjectForm", "Reload"),
        QCoreApplication.translate(
            "ObjectForm", "Discard your changes and load the object as saved on the server?"
        ),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


class UnsavedGuard:
    """Mixin of an object form (before QWidget in the bases): closing with unsaved changes asks
    Save/Discard/Cancel. The form has ``dirty``, ``_loader``, ``title()``, ``save(close=)``
    and names the kind of its object in :meth:`kind_title`."""

    dirty: bool
    _loader: Any

    def kind_title(self) -> str:
        """The declared title of the object's kind (the question's window title)."""
        raise NotImplementedError

    def can_close(self) -> bool:
        """Ask Save/Discard/Cancel when there are unsaved changes (Save closes once saved)."""
        if not self.dirty:
            return True
        form: Any = self
        answer = ask_unsaved(form, self.kind_title(), form.title().rstrip(" *"))
        if answer == QMessageBox.StandardButton.Discard:
            return True
        if answer == QMessageBox.StandardButton.Save:
            form.save(close=True)
        return False

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.can_close():
            self._loader.cancel()
            event.accept()
        else:
            event.ignore()
