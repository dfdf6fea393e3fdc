"""File → Import from Excel: one entry per import target whose subsystem is switched on (the
entries are rebuilt each time the menu opens, so a subsystem switched off takes its own away).
Rights are checked by the dialog, which names what is missing."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from forms import switched_on
from forms.texts import meta_tr
from server.api.import_targets import targets


def import_titles(window: Any) -> list[tuple[str, str]]:
    """(target, title) of the entries the menu shows now."""
    on = switched_on.enabled()
    return [
        (name, meta_tr(t.title) + "…")
        for name, t in targets(window.reg).items()
        if on is None or t.subsystem in on
    ]


def add_import_menu(window: Any, menu: QMenu) -> QMenu:
    """The "Import from Excel" submenu of ``menu`` on the main ``window``."""
    sub = menu.addMenu(QCoreApplication.translate("ImportMenu", "&Import from Excel"))
    sub.setObjectName("import_menu")

    def fill() -> None:
        from forms.import_dialog import open_import

        sub.clear()
        for name, title in import_titles(window):
            action = sub.addAction(title)
            action.setObjectName(f"import:{name}")
            action.triggered.connect(
                lambda _=False, n=name: open_import(window.engine, window.reg, n, window)
            )

    sub.aboutToShow.connect(fill)
    return sub


#: the lists that offer "Import from Excel…": (kind, name) -> import target
LIST_TARGETS = {
    ("catalog", "products"): "products",
    ("catalog", "partners"): "partners",
    ("catalog", "price_types"): "prices",
    ("document", "opening_stock"): "opening_stock",
}


def list_import_action(form: Any) -> QAction | None:
    """The list's own "Import from Excel…" command (None: the list has no import target)."""
    target = LIST_TARGETS.get((form.query.kind, form.query.name))
    if target is None:
        return None
    from forms.import_dialog import open_import

    action = QAction(QCoreApplication.translate("ImportMenu", "&Import from Excel…"), form)
    action.setObjectName(f"import:{target}")
    action.setToolTip(
        QCoreApplication.translate("ImportMenu", "Load rows from an .xlsx or .csv file")
    )
    action.triggered.connect(lambda: open_import(form.engine, form.reg, target, form.window()))
    return action
