"""Global search: one box in the main window's toolbar over catalog items and documents.

Typing searches names, codes, barcodes and document numbers on the server
(:mod:`server.api.search`) after a 300 ms pause, off the GUI thread; a newer search drops the
older answer. Results appear in a popup under the box; Enter or a double click opens the
document, or the catalog list positioned on the item.

Ctrl+Shift+F always focuses the box. Ctrl+F focuses it too, except inside a list form, where
Ctrl+F belongs to that list's own search line: the window's Ctrl+F action is disabled while
the focus is inside a list, so the two shortcuts never compete.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QCompleter, QLineEdit, QToolBar, QToolButton, QWidget
from sqlalchemy import Engine

from forms.formatting import date_text
from forms.icons import icon
from forms.list_form import ListForm
from forms.list_model import error_text
from forms.texts import meta_tr
from forms.worker import Loader
from server.api import Session
from server.api.search import Hit, search
from server.metadata import Registry

if TYPE_CHECKING:
    from app.main_window import MainWindow

SEARCH_DELAY_MS = 300
HIT_ROLE = Qt.ItemDataRole.UserRole + 1


def hit_text(h: Hit) -> str:
    """One line of the popup: what was found, where, and how it matched."""
    kind = meta_tr(h.object_title)

    if h.kind == "document":
        when = date_text(h.date.date()) if h.date else ""
        return QCoreApplication.translate("GlobalSearch", "{kind} {number} of {date}").format(
            kind=kind, number=h.text, date=when
        )
    detail = f" ({h.detail})" if h.detail else ""
    return f"{h.text}{detail} — {kind}"


class GlobalSearch(QLineEdit):
    """The search box with its popup of results."""

    open_requested = Signal(object)  # a Hit
    failed = Signal(str)

    def __init__(self, engine: Engine, reg: Registry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.reg = reg
        self.hits: list[Hit] = []
        self.setObjectName("global_search")
        self.setPlaceholderText(self.tr("Search everything (Ctrl+F)"))
        self.setAccessibleName(self.tr("Search everything"))
        self.setClearButtonEnabled(True)
        self.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        for button in self.findChildren(QToolButton):  # the icon and the clear button
            if not button.text() and not button.accessibleName():
                button.setAccessibleName(self.tr("Clear search"))
                button.setToolTip(self.tr("Clear search"))
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("0") * 40)
        self.model = QStandardItemModel(self)
        self.completer = QCompleter(self.model, self)
        self.completer.setWidget(self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setMaxVisibleItems(15)
        self.completer.activated[QModelIndex].connect(self._activated)
        self.completer.popup().setAccessibleName(self.tr("Search results"))
        self._debounce = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.run_search)
        self.textEdited.connect(self._on_edited)
        self._loader = Loader(self)
        self._loader.finished.connect(self._on_hits)
        self._loader.failed.connect(lambda exc: self.failed.emit(error_text(exc)))
        self._searched = ""

    @property
    def busy(self) -> bool:
        return self._debounce.isActive() or self._loader.loading

    def _on_edited(self, _text: str) -> None:
        self.completer.popup().hide()
        if self.text().strip():
            self._debounce.start()
        else:
            self._debounce.stop()
            self._loader.cancel()  # a late answer for the old text is dropped
            self._show([])

    def run_search(self) -> None:
        """Search for the box's text now (in the background)."""
        self._debounce.stop()
        q = self.text().strip()
        if not q:
            return
        session, reg = Session(self.engine), self.reg
        self._searched = q
        self._loader.submit(lambda: search(session, reg, q))

    def _on_hits(self, hits: list[Hit]) -> None:
        if self._searched != self.text().strip():
            return  # the text changed meanwhile: a newer search will answer
        self._show(hits)
        if self.hasFocus() or self.completer.popup().isVisible():
            self.show_popup()

    def _show(self, hits: list[Hit]) -> None:
        self.hits = hits
        self.model.clear()
        for h in hits:
            item = QStandardItem(icon(h.kind), hit_text(h))
            item.setData(h, HIT_ROLE)
            item.setEditable(False)
            self.model.appendRow(item)
        if not hits and self._searched and self.text().strip():
            item = QStandardItem(self.tr("Nothing found for “{text}”").format(text=self._searched))
            item.setEnabled(False)
            item.setSelectable(False)
            self.model.appendRow(item)

    def show_popup(self) -> None:
        if self.model.rowCount():
            self.completer.complete()
            first = self.model.index(0, 0)
            if first.flags() & Qt.ItemFlag.ItemIsEnabled:
                self.completer.popup().setCurrentIndex(first)

    def _activated(self, index: QModelIndex) -> None:
        hit = index.data(HIT_ROLE)
        if isinstance(hit, Hit):
            self.open_hit(hit)

    def open_hit(self, hit: Hit) -> None:
        self.completer.popup().hide()
        self.open_requested.emit(hit)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.busy or self._searched != self.text().strip():
                self.run_search()  # Enter does not wait for the pause
            elif self.hits:
                self.open_hit(self.hits[0])
            return
        if key == Qt.Key.Key_Down and self.hits:
            self.show_popup()
            return
        if key == Qt.Key.Key_Escape and self.text():
            self.clear()
            self._on_edited("")
            return
        super().keyPressEvent(event)


def install(window: MainWindow) -> GlobalSearch:
    """Put the search box in a toolbar of ``window`` with its shortcuts; wire opening."""
    box = GlobalSearch(window.engine, window.reg, window)
    toolbar = QToolBar(QCoreApplication.translate("GlobalSearch", "Search"), window)
    toolbar.setObjectName("search_toolbar")
    toolbar.setMovable(False)
    toolbar.addWidget(box)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)

    def focus() -> None:
        box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        box.selectAll()

    always = QAction(QCoreApplication.translate("GlobalSearch", "Search everything"), window)
    always.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Modifier.SHIFT | Qt.Key.Key_F))
    always.triggered.connect(focus)
    find = QAction(QCoreApplication.translate("GlobalSearch", "Search everything"), window)
    find.setObjectName("global_find")
    find.setShortcut(QKeySequence.StandardKey.Find)
    find.triggered.connect(focus)
    window.addActions([always, find])

    def on_focus(_old: QWidget | None, new: QWidget | None) -> None:
        if not shiboken6.isValid(find):
            return
        inside_list = False
        w = new
        while w is not None and w is not window:
            if isinstance(w, ListForm):
                inside_list = True
                break
            w = w.parentWidget()
        find.setEnabled(not inside_list)

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.focusChanged.connect(on_focus)
    window.destroyed.connect(lambda *_: app.focusChanged.disconnect(on_focus))
    box.open_requested.connect(lambda hit: open_hit(window, hit))
    box.failed.connect(window.show_error)
    return box


def open_hit(window: MainWindow, hit: Hit) -> None:
    """A document opens in its form, a catalog item in its item form."""
    if hit.kind == "document":
        window.open_document(hit.name, hit.id)
    else:
        window.open_catalog_item(hit.name, hit.id)
