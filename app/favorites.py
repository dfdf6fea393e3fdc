"""Favorites and history of opened lists and documents, kept per user in the database.

An entry is a plain dict: ``{"type": "list", "kind", "name", "title"}`` for a list or
``{"type": "document", "name", "id", "title"}`` for a document, ``{"type": "item", "name", "id",
"group", "title"}`` for a catalog item.
Favorites are toggled with the star in the workspace corner or Ctrl+D ("Add to favorites", as in
1C); the history keeps the last :data:`HISTORY_SIZE` lists and documents shown, newest first.
Both live in the user's settings (:mod:`forms.settings_store`: read once in the background,
written coalesced in the background) and are listed in the Favorites and History menus;
choosing an entry opens it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from forms.catalog_form import CatalogForm
from forms.catalog_list import CatalogList
from forms.icons import icon
from forms.list_form import ListForm
from forms.object_form import DocumentForm
from forms.report_form import ReportForm, report_title
from forms.settings_store import store_for
from forms.texts import meta_tr
from forms.trade_report_form import TradeReportForm

if TYPE_CHECKING:
    from app.main_window import MainWindow
    from server.metadata import Registry


FAVORITES_KEY = "favorites"
HISTORY_KEY = "history"
HISTORY_SIZE = 50
Entry = dict[str, Any]


def entry_key(e: Entry) -> str:
    if e.get("type") in ("document", "item"):
        return f"{e['type']}:{e['name']}:{e['id']}"
    return f"list:{e.get('kind')}:{e.get('name')}"


def toggled(entries: list[Entry], e: Entry) -> list[Entry]:
    """``entries`` with ``e`` added at the end, or without it when it was there."""
    key = entry_key(e)
    kept = [x for x in entries if entry_key(x) != key]
    return kept if len(kept) < len(entries) else [*entries, e]


def visited(history: list[Entry], e: Entry, size: int = HISTORY_SIZE) -> list[Entry]:
    """``history`` with ``e`` first (moved there if present), at most ``size`` entries."""
    key = entry_key(e)
    return [e, *(x for x in history if entry_key(x) != key)][:size]


def entry_for(widget: QWidget | None) -> Entry | None:
    """The entry of a workspace tab (None for the start page or an unsaved document)."""
    if isinstance(widget, CatalogList):
        widget = widget.list
    if isinstance(widget, ListForm):
        q = widget.query
        return {"type": "list", "kind": q.kind, "name": q.name, "title": q.title}
    if isinstance(widget, TradeReportForm):
        return {"type": "list", "kind": "report", "name": widget.name, "title": widget.trade.title}
    if isinstance(widget, ReportForm):
        r = widget.register
        return {"type": "list", "kind": "report", "name": r.name, "title": r.title}
    if isinstance(widget, DocumentForm) and widget.doc_id is not None:
        title = f"{widget.doc.title} {widget.number}".strip()
        return {"type": "document", "name": widget.name, "id": widget.doc_id, "title": title}
    if isinstance(widget, CatalogForm) and widget.item_id is not None:
        title = f"{widget.catalog.title}: {widget.item_name}"
        return {
            "type": "item",
            "name": widget.name,
            "id": widget.item_id,
            "group": widget.group,
            "title": title,
        }
    return None


def entry_text(e: Entry, reg: Registry) -> str:
    """An entry's title in the user's language: titles are stored in English ("Goods receipt
    GR-7", "Products: Bolt M4"); the declared title in front is translated."""
    title = str(e.get("title") or e.get("name") or "")
    register = reg.registers.get(str(e.get("name")))
    if e.get("type") == "list" and e.get("kind") == "report" and register is not None:
        return report_title(register)
    if e.get("type") == "list":
        return meta_tr(title)
    objects = reg.documents if e.get("type") == "document" else reg.catalogs
    obj = objects.get(str(e.get("name")))
    if obj is not None and title.startswith(obj.title):
        return meta_tr(obj.title) + title[len(obj.title) :]
    return title


def _valid(e: Any) -> bool:
    return isinstance(e, dict) and e.get("type") in ("list", "document", "item") and "name" in e


class Favorites(QObject):
    """The Favorites and History menus, the star toggle and Ctrl+D of one main window."""

    changed = Signal()
    loaded_signal = Signal()

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.store = store_for(window.engine)
        self.favorites: list[Entry] = []
        self.history: list[Entry] = []
        self.loaded = False
        self.recording = False  # tabs restored at start-up are not "opened" by the user
        window.sections_loaded.connect(self._start_recording)
        bar = window.menuBar()
        self.favorites_menu = QMenu(self.tr("F&avorites"), window)
        self.favorites_menu.setObjectName("favorites_menu")
        self.history_menu = QMenu(self.tr("&History"), window)
        self.history_menu.setObjectName("history_menu")
        bar.addMenu(self.favorites_menu)
        bar.addMenu(self.history_menu)

        self.toggle_action = QAction(icon("star"), self.tr("Add to favorites"), window)
        self.toggle_action.setObjectName("add_to_favorites")
        self.toggle_action.setCheckable(True)
        self.toggle_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_D))
        self.toggle_action.setToolTip(self.tr("Add to favorites (Ctrl+D)"))
        self.toggle_action.triggered.connect(self.toggle_current)
        show_fav = QAction(self.tr("Favorites…"), window)
        show_fav.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Modifier.SHIFT | Qt.Key.Key_B))
        show_fav.triggered.connect(lambda: self._popup(self.favorites_menu))
        show_hist = QAction(self.tr("History…"), window)
        show_hist.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Modifier.SHIFT | Qt.Key.Key_H))
        show_hist.triggered.connect(lambda: self._popup(self.history_menu))
        window.addActions([self.toggle_action, show_fav, show_hist])

        self.star = QToolButton(window)
        self.star.setObjectName("favorite_star")
        self.star.setDefaultAction(self.toggle_action)
        self.star.setAutoRaise(True)
        self.star.setAccessibleName(self.tr("Add to favorites"))
        window.tabs.setCornerWidget(self.star, Qt.Corner.TopRightCorner)
        window.tabs.currentChanged.connect(self._on_current)
        self._rebuild_menus()
        self.store.load([FAVORITES_KEY, HISTORY_KEY], self, self._on_loaded)

    # -- state ----------------------------------------------------------------------------
    def _on_loaded(self, values: dict[str, Any]) -> None:
        fav, hist = values.get(FAVORITES_KEY, []), values.get(HISTORY_KEY, [])
        self.favorites = [e for e in fav if _valid(e)] if isinstance(fav, list) else []
        loaded_history = [e for e in hist if _valid(e)] if isinstance(hist, list) else []
        for e in reversed(self.history):  # visited before the load answered
            loaded_history = visited(loaded_history, e)
        self.history = loaded_history
        self.loaded = True
        self._refresh()
        self.loaded_signal.emit()

    def is_favorite(self, e: Entry | None) -> bool:
        return e is not None and any(entry_key(x) == entry_key(e) for x in self.favorites)

    def toggle(self, e: Entry) -> None:
        self.favorites = toggled(self.favorites, e)
        self.store.save(FAVORITES_KEY, self.favorites)
        self._refresh()

    def toggle_current(self) -> None:
        """Add the current tab to favorites, or remove it (Ctrl+D)."""
        e = entry_for(self.window.tabs.currentWidget())
        if e is None:
            self.window.show_error(
                self.tr("Only a list or a saved document can be added to favorites.")
            )
            self._refresh()
            return
        self.toggle(e)

    def visit(self, e: Entry) -> None:
        """Put ``e`` first in the history (written in the background, coalesced)."""
        if self.history and self.history[0] == e:
            return
        self.history = visited(self.history, e)
        if self.loaded:
            self.store.save(HISTORY_KEY, self.history)
        self._rebuild_menus()

    def _start_recording(self) -> None:
        self.recording = True

    def _on_current(self, _index: int = -1) -> None:
        e = entry_for(self.window.tabs.currentWidget())
        if e is not None and self.recording:
            self.visit(e)
        self._update_star()

    def _refresh(self) -> None:
        self._rebuild_menus()
        self._update_star()
        self.changed.emit()

    def _update_star(self) -> None:
        e = entry_for(self.window.tabs.currentWidget())
        on = self.is_favorite(e)
        self.toggle_action.setEnabled(e is not None)
        self.toggle_action.setChecked(on)
        self.toggle_action.setIcon(icon("star_filled" if on else "star"))
        text = self.tr("Remove from favorites") if on else self.tr("Add to favorites")
        self.toggle_action.setText(text)
        self.toggle_action.setToolTip(
            self.tr("Remove from favorites (Ctrl+D)")
            if on
            else self.tr("Add to favorites (Ctrl+D)")
        )

        self.star.setAccessibleName(text)

    # -- menus ----------------------------------------------------------------------------
    def _rebuild_menus(self) -> None:
        for menu, entries, empty in (
            (self.favorites_menu, self.favorites, self.tr("No favorites yet (Ctrl+D adds one)")),
            (self.history_menu, self.history, self.tr("Nothing opened yet")),
        ):
            menu.clear()
            for e in entries:
                kind = "document" if e["type"] == "document" else e.get("kind", "catalog")
                action = menu.addAction(icon(kind), entry_text(e, self.window.reg))
                action.setData(e)
                action.triggered.connect(lambda _=False, x=e: self.open(x))
            if not entries:
                menu.addAction(empty).setEnabled(False)
        self.favorites_menu.addSeparator()
        self.favorites_menu.addAction(self.toggle_action)

    def entry_titles(self, menu: QMenu) -> list[str]:
        """Titles of the entries a menu lists (for tests and accessibility checks)."""
        return [a.text() for a in menu.actions() if isinstance(a.data(), dict)]

    def _popup(self, menu: QMenu) -> None:
        tabs = self.window.tabs
        menu.popup(tabs.mapToGlobal(QPoint(tabs.width() // 3, 0)))

    def open(self, e: Entry) -> None:
        """Open a favorite or history entry; say so when it is no longer available."""
        try:
            if e["type"] == "document":
                self.window.open_document(e["name"], int(e["id"]))
            elif e["type"] == "item":
                self.window.open_catalog_item(e["name"], int(e["id"]), group=bool(e.get("group")))
            elif e.get("kind") == "report":
                self.window.open_report(e["name"])
            else:
                self.window.open(e["kind"], e["name"])
        except KeyError:
            self.window.show_error(
                self.tr("{title} is not available: its subsystem is switched off.").format(
                    title=entry_text(e, self.window.reg)
                )
            )
