"""A reference field: type-ahead over a catalog by name or code, F4 to choose, Shift+F4 to clear.

The value is ``{"id": int, "name": str}`` or None. Typing asks the server (off the GUI thread,
after a short pause) for matching items and shows them in a completer popup; Enter or Tab takes
the highlighted one, like 1C's quick input by string. Text that matches nothing stays visible and
the field is marked unresolved, so nothing the user typed disappears.

The popup ends with "Create “<typed text>”…" (1C, Tryton): choosing it (arrow down, Enter)
opens the catalog's item form as a dialog with the name filled in; once saved, the new item is
the field's value. The F4 choice form has a Create button doing the same.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFocusEvent, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QPushButton,
    QWidget,
)

from forms.icons import icon
from forms.list_chooser import ListChooser
from forms.texts import error_message, meta_tr
from forms.worker import Loader
from server.api import Session
from server.api.lists import catalog_query, lookup, scope_sql
from server.metadata import Catalog

if TYPE_CHECKING:
    from sqlalchemy import Engine

LOOKUP_DELAY_MS = 150
UNRESOLVED_COLOR = "#c62828"  # the text of a field that names no item (error.svg's red)
RefValue = dict[str, Any] | None


def create_item(
    engine: Engine, catalog: Catalog, name: str, parent: QWidget, *, group: bool = False
) -> RefValue:
    """The catalog's item form as a dialog, ``name`` filled in; the new item once saved."""
    from forms.catalog_form import CatalogDialog  # the item form builds reference fields itself

    dialog = CatalogDialog(engine, catalog.name, initial={"name": name}, group=group, parent=parent)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        return dialog.chosen
    return None


class Chooser(ListChooser):
    """The catalog's list as a choice form (F4): Enter or double-click picks the item.

    ``groups``: groups are picked instead of items (the parent of a hierarchical item)."""

    def __init__(
        self,
        engine: Engine,
        catalog: Catalog,
        text: str,
        parent: QWidget | None,
        *,
        groups: bool = False,
        scope: tuple[str, int] | None = None,
    ) -> None:
        title = QCoreApplication.translate("Chooser", "Choose: {catalog}")
        title = title.format(catalog=meta_tr(catalog.title))
        query = catalog_query(catalog)
        if scope is not None:  # the items of one owner (``within``): the partner's only
            query = replace(query, where=(*query.where, scope_sql(catalog, scope)))
        super().__init__(engine, query, title, self._item, parent)
        self.engine, self.catalog, self.groups = engine, catalog, groups
        self.list.create_requested.connect(self.create)
        if text:
            self.list.search.setText(text)
        self.create_button = QPushButton(self.tr("&Create…"), self)
        self.create_button.setToolTip(self.tr("Create a new item and choose it (Ins)"))
        self.create_button.setAutoDefault(False)
        self.create_button.clicked.connect(self.create)
        self.buttons.addButton(self.create_button, QDialogButtonBox.ButtonRole.ActionRole)

    def _item(self, row: dict[str, Any]) -> RefValue:
        if bool(row.get("is_group")) != self.groups:
            return None
        return {"id": row["id"], "name": row["name"]}

    def create(self) -> None:
        """A new item (or group) named as the search text; chosen once saved."""
        chosen = create_item(
            self.engine, self.catalog, self.list.search.text().strip(), self, group=self.groups
        )
        if chosen:
            self.chosen = chosen
            self.accept()


class RefEdit(QLineEdit):
    """A line edit holding a reference to a catalog item."""

    value_changed = Signal(object)

    def __init__(
        self,
        engine: Engine,
        catalog: Catalog,
        parent: QWidget | None = None,
        *,
        groups: bool = False,
        creatable: bool = True,
        scope: Callable[[], tuple[str, int] | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self.catalog = catalog
        # ``within``: (the item's field, the owner's id) its choices are limited to, if any
        self.scope = scope or (lambda: None)
        self.groups = groups  # picks a group of a hierarchical catalog, not an item
        self.creatable = creatable  # the popup ends with "Create “…”…"
        self._create_text = ""  # the text the popup's Create entry would use
        self._value: RefValue = None
        self._results: list[dict[str, Any]] = []
        self._asked = ""  # the text the current results answer
        self._accept_when_loaded = False
        self.lookup_error = ""  # why the last lookup failed, shown as the field's tooltip
        self.setPlaceholderText(
            self.tr("{catalog}: type a name or code, F4 to choose").format(
                catalog=meta_tr(catalog.title)
            )
        )
        self.setToolTip(self.tr("F4 choose from the list · Shift+F4 clear"))
        self._names = QStringListModel(self)
        completer = QCompleter(self._names, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.activated[str].connect(self._on_completion)  # type: ignore[index]
        completer.popup().installEventFilter(self)
        self.setCompleter(completer)
        completer.highlighted[str].connect(self._on_highlighted)  # type: ignore[index]
        self._loader = Loader(self)
        self._loader.finished.connect(self._on_results)
        self._loader.failed.connect(self._on_failed)
        self._debounce = QTimer(self, singleShot=True, interval=LOOKUP_DELAY_MS)
        self._debounce.timeout.connect(self._ask)
        self.textEdited.connect(self._on_edited)
        # the mark of text that names no item (or a lookup that failed): an icon and red text
        self.mark_action = self.addAction(icon("error"), QLineEdit.ActionPosition.LeadingPosition)
        self.mark_action.setVisible(False)
        choose = self.addAction(icon("search"), QLineEdit.ActionPosition.TrailingPosition)
        choose.setToolTip(self.tr("Choose from the list (F4)"))
        choose.triggered.connect(self.choose)

    # -- value ---------------------------------------------------------------------------
    def value(self) -> RefValue:
        return self._value

    def set_value(self, value: RefValue, *, notify: bool = False) -> None:
        """Show ``value`` (None clears); ``notify`` emits value_changed."""
        self._value = dict(value) if value else None
        self._debounce.stop()
        self._loader.cancel()
        self._accept_when_loaded = False
        self.setText(self._value["name"] if self._value else "")
        self._mark(False)
        if notify:
            self.value_changed.emit(self._value)

    @property
    def unresolved(self) -> bool:
        """Text was typed that does not name an item (yet)."""
        return bool(self.text().strip()) and (
            self._value is None or self._value["name"] != self.text()
        )

    @property
    def busy(self) -> bool:
        return self._loader.loading or self._debounce.isActive()

    def clear_value(self) -> None:
        self.set_value(None, notify=True)

    # -- type-ahead ----------------------------------------------------------------------
    def _on_edited(self, _text: str) -> None:
        self._mark(False)
        self._debounce.start()

    def _ask(self) -> None:
        text = self.text().strip()
        session, catalog = Session(self.engine), self.catalog
        self._asked = text
        groups, scope = self.groups, self.scope()
        self._loader.submit(lambda: lookup(session, catalog, text, groups=groups, scope=scope))

    def create_label(self, text: str) -> str:
        return self.tr("Create “{text}”…").format(text=text)

    def _on_failed(self, exc: BaseException) -> None:
        """The lookup failed (the connection is lost, the server refused): the field is marked
        and its tooltip says why; the typed text stays."""
        self._accept_when_loaded = False
        self.lookup_error = error_message(exc)
        self._mark(True)

    def _on_results(self, rows: list[dict[str, Any]]) -> None:
        self.lookup_error = ""
        self._results = rows
        names = [r["name"] for r in rows]
        self._create_text = self._asked if self.creatable and not self.groups else ""
        if self._create_text:
            names.append(self.create_label(self._create_text))
        self._names.setStringList(names)
        if self._accept_when_loaded:
            self._accept_when_loaded = False
            self.accept_best()
            return
        if names and self.hasFocus() and self.unresolved:
            c = self.completer()
            c.complete()
            # The first match is highlighted; the Create entry only when chosen (arrow down).
            c.popup().setCurrentIndex(c.completionModel().index(0 if rows else -1, 0))

    def _is_create_row(self, row: int) -> bool:
        return bool(self._create_text) and row == len(self._results)

    def _on_highlighted(self, entry: str) -> None:
        """Highlighting the Create entry keeps the typed text, not the entry's label (which
        QLineEdit copies into the text from a slot connected on focus, so after this one)."""
        if self._create_text and entry == self.create_label(self._create_text):
            QTimer.singleShot(0, self, self._restore_typed)

    def _restore_typed(self) -> None:
        if self._create_text and self.text() == self.create_label(self._create_text):
            self.setText(self._create_text)

    def _on_completion(self, name: str) -> None:
        row = self.completer().popup().currentIndex().row()
        if self._is_create_row(row) or (
            self._create_text and name == self.create_label(self._create_text)
        ):
            self.create(self._create_text)
            return
        if not 0 <= row < len(self._results) or self._results[row]["name"] != name:
            row = next((i for i, r in enumerate(self._results) if r["name"] == name), -1)
        if row >= 0:
            self._take(self._results[row])

    def accept_best(self, create: bool = False) -> bool:
        """Resolve typed text to the best match (the highlighted or the first); False if none.

        With the popup's Create entry highlighted, ``create`` opens the item form (Enter);
        otherwise (Tab, leaving the field) the text stays unresolved."""
        if not self.unresolved:
            return True
        popup = self.completer().popup()
        if popup.isVisible() and self._is_create_row(popup.currentIndex().row()):
            popup.hide()
            if create:
                self.create(self._create_text)
            else:
                self._mark(True)
            return not self.unresolved
        if self.busy or self._asked != self.text().strip():
            self._accept_when_loaded = True  # take it when the answer arrives
            if not self._loader.loading:
                self._debounce.stop()
                self._ask()
            return False
        row = popup.currentIndex().row() if popup.isVisible() else 0
        if self._results and 0 <= row < len(self._results):
            self._take(self._results[row])
            return True
        self._mark(True)
        return False

    def _take(self, row: dict[str, Any]) -> None:
        self.completer().popup().hide()
        self.set_value({"id": row["id"], "name": row["name"]}, notify=True)

    def _mark(self, bad: bool) -> None:
        if bad != self.mark_action.isVisible():
            self.setProperty("unresolved", bad)
            self.mark_action.setVisible(bad)
            palette = QPalette()  # nothing set: all inherited
            if bad:
                palette.setColor(QPalette.ColorRole.Text, QColor(UNRESOLVED_COLOR))
            self.setPalette(palette)
        if bad and self.lookup_error:
            tip = self.lookup_error
        elif bad:
            tip = self.tr("“{text}” matches no item of {catalog}")
            tip = tip.format(text=self.text().strip(), catalog=meta_tr(self.catalog.title))
        else:
            tip = self.tr("F4 choose from the list · Shift+F4 clear")
        self.setToolTip(tip)

    def create(self, name: str) -> None:
        """The item form as a dialog with ``name`` filled in; the saved item becomes the value."""
        self.completer().popup().hide()
        chosen = create_item(self.engine, self.catalog, name.strip(), self)
        self._refocus()
        if chosen:
            self.set_value(chosen, notify=True)
        else:
            self._mark(self.unresolved)

    # -- keys -----------------------------------------------------------------------------
    def choose(self) -> None:
        """F4: the catalog's list as a choice form."""
        text = self.text() if self.unresolved else ""
        dialog = Chooser(
            self.engine, self.catalog, text, self, groups=self.groups, scope=self.scope()
        )
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        self._refocus()
        if accepted and dialog.chosen:
            self.set_value(dialog.chosen, notify=True)

    def _refocus(self) -> None:
        """Back in the field's window after a dialog (some platforms leave none active)."""
        handle = self.window().windowHandle()
        if handle is not None and not self.window().isActiveWindow():
            handle.requestActivate()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._special_key(event):
            return
        super().keyPressEvent(event)

    def _special_key(self, event: QKeyEvent) -> bool:
        key, mods = event.key(), event.modifiers()
        if key == Qt.Key.Key_F4 and mods & Qt.KeyboardModifier.ShiftModifier:
            self.clear_value()
            return True
        if key == Qt.Key.Key_F4:
            self.choose()
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.unresolved:
            self.accept_best()
            event.ignore()  # let the form (or the grid) move on
            return True
        return False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Keys in the completer popup: Enter/Tab take the highlighted item."""
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                self.accept_best(create=key in (Qt.Key.Key_Return, Qt.Key.Key_Enter))
                self.completer().popup().hide()
                if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):  # then move on as usual
                    copy = QKeyEvent(QEvent.Type.KeyPress, key, event.modifiers())
                    QCoreApplication.sendEvent(self, copy)
                return True
        return super().eventFilter(watched, event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        popup = self.completer().popup()
        if not popup.isVisible() and self.unresolved:
            self.accept_best()
        super().focusOutEvent(event)
