"""Shared pieces of the GUI tests: a main window on a test database (the ``gui_isolation``
fixture lives in tests/conftest.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget

from app.main_window import MainWindow
from forms.ref_edit import RefEdit
from forms.worker import is_offline
from server.metadata import registry
from tests.conftest import GUI_WAIT as WAIT

__all__ = ["WAIT", "focus", "make_window", "march_report", "type_ahead"]


def make_window(qtbot, engine, *, active: bool = True) -> MainWindow:
    """The main window on ``engine``, shown (and active, so shortcuts fire), sections loaded."""
    w = MainWindow(engine, registry, title="test infobase", user="tester")
    qtbot.addWidget(w)
    w.show()
    if active:
        w.activateWindow()
        qtbot.waitActive(w)
    qtbot.waitUntil(lambda: bool(w.sections), timeout=WAIT)
    return w


def march_report(qtbot, w: MainWindow, name: str, levels: list[str] | None = None):
    """Open register ``name``'s report, generate it for March 2026 (grouped by ``levels``)."""
    import datetime as dt

    form = w.open_report(name)
    qtbot.waitUntil(lambda: form.settings_loaded, timeout=WAIT)
    form.panel.set_period(dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    if levels is not None:
        form.panel.set_levels(levels)
    with qtbot.waitSignal(form.generated, timeout=WAIT):
        form.generate()
    return form


def focus(qtbot, widget: QWidget) -> None:
    """The keyboard focus in ``widget``, as a click puts it: its window active first."""
    QApplication.processEvents()  # activation changes the window system has queued
    window = widget.window()
    if not window.isActiveWindow():
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=WAIT)
    widget.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(widget.hasFocus, timeout=WAIT)


def type_ahead(qtbot, edit: RefEdit, text: str) -> QAbstractItemView:
    """Type ``text`` into a reference field (which has the focus) and wait for the completion
    popup with the server's matches; a timeout names the field's state."""
    qtbot.keyClicks(edit, text)
    popup = edit.completer().popup()

    def shown() -> None:
        assert popup.isVisible() and not edit.busy, field_state(edit)

    qtbot.waitUntil(shown, timeout=WAIT)
    return popup


def field_state(edit: RefEdit) -> str:
    """What a reference field's popup waits on, for a failed wait's message."""
    focused = QApplication.focusWidget()
    return (
        f"{edit.objectName()}: text {edit.text()!r}, focus {edit.hasFocus()} "
        f"(focus widget {focused and focused.objectName()!r}, window active "
        f"{edit.window().isActiveWindow()}), busy {edit.busy}, offline {is_offline()}, "
        f"matches {edit.completer().model().rowCount()}, lookup error {edit.lookup_error!r}"
    )
