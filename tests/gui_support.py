"""Shared pieces of the GUI tests: a main window on a test database (the ``gui_isolation``
fixture lives in tests/conftest.py)."""

from __future__ import annotations

from app.main_window import MainWindow
from server.metadata import registry
from tests.conftest import GUI_WAIT as WAIT

__all__ = ["WAIT", "make_window", "march_report"]


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
