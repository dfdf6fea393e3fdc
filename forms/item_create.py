"""The "Create" command of a catalog item's form: a menu of the documents and catalogs that
refer to the item's catalog (server/api/create_from.py), of switched-on subsystems; choosing
one opens its new form filled from the item (a sales order from a deal, a deal from a partner).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from forms import switched_on
from forms.icons import icon
from forms.texts import error_message, meta_tr
from forms.worker import Loader
from server.api import Session
from server.api.create_from import Target, initial_from, targets
from server.metadata import Registry

if TYPE_CHECKING:
    from sqlalchemy import Engine


class ItemCreate(QObject):
    """``action`` (with its menu) for one catalog form; ``requested(kind, name, initial)``."""

    requested = Signal(str, str, object)
    failed = Signal(str)

    def __init__(
        self,
        engine: Engine,
        reg: Registry,
        catalog: str,
        item_id: Callable[[], int | None],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.engine, self.reg, self.catalog, self.item_id = engine, reg, catalog, item_id
        self.menu = QMenu(parent)
        self.menu.setObjectName("create_from_menu")
        self.menu.aboutToShow.connect(self._fill)
        self.action = QAction(icon("document"), self.tr("Create"), parent)
        self.action.setObjectName("create_from")
        self.action.setToolTip(self.tr("Create a document or an item of this one"))
        self.action.setMenu(self.menu)
        self.action.setVisible(bool(targets(reg, catalog)))
        self._loader = Loader(self)
        self._loader.failed.connect(lambda exc: self.failed.emit(error_message(exc)))

    def _subsystem(self, t: Target) -> str:
        if t.kind == "document":
            return self.reg.document(t.name).subsystem
        return self.reg.catalogs[t.name].subsystem

    def _fill(self) -> None:
        self.menu.clear()
        on = switched_on.enabled()
        for t in targets(self.reg, self.catalog):
            if on is not None and self._subsystem(t) not in on:
                continue
            a = self.menu.addAction(meta_tr(t.title))
            a.setObjectName(f"create_{t.name}")
            a.triggered.connect(lambda _=False, target=t: self.create(target))

    def create(self, target: Target | str) -> None:
        """Fill a new ``target`` from the item (it must be saved)."""
        item = self.item_id()
        if item is None or self._loader.loading:
            if item is None:
                self.failed.emit(self.tr("Save the item first."))
            return
        if isinstance(target, str):
            target = next(t for t in targets(self.reg, self.catalog) if t.name == target)
        session, reg, catalog, t = Session(self.engine), self.reg, self.catalog, target

        def done(initial: Any) -> None:
            self.requested.emit(t.kind, t.name, initial)

        self._loader.run(lambda: initial_from(session, reg, t, catalog, item), done)
