"""SVG icons from ``resources/icons`` (sharp at any scale) and icon-only tool buttons."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QToolButton, QWidget

import resources

ICONS = Path(resources.__file__).with_name("icons")


@cache
def icon(name: str) -> QIcon:
    """The icon ``resources/icons/<name>.svg`` (an empty icon if missing)."""
    path = ICONS / f"{name}.svg"
    return QIcon(str(path)) if path.exists() else QIcon()


def icon_button(
    parent: QWidget, name: str, tooltip: str, accessible: str, slot: Callable[[], object]
) -> QToolButton:
    """An icon-only tool button: the icon ``name``, a tooltip (with its key), a name for
    screen readers, and ``slot`` on click (strings come translated by the caller)."""
    button = QToolButton(parent)
    button.setIcon(icon(name))
    button.setToolTip(tooltip)
    button.setAccessibleName(accessible)
    button.clicked.connect(slot)
    return button
