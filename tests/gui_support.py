"""Shared pieces of the GUI tests: a main window on a test database (the ``gui_isolation``
fixture lives in tests/conftest.py)."""

from __future__ import annotations

from app.main_window import MainWindow
from server.metadata import registry
from tests.conftest import GUI_WAIT as WAIT

__all__ = ["WAIT", "make_window"]


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
