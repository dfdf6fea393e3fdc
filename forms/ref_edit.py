"""A reference field: type-ahead over a catalog by name or code, F4 to choose, Shift+F4 to clear.

The value is ``{"id": int, "name": str}`` or None. Typing asks the server (off the GUI thread,
after a short pause) for matching items and shows them in a completer popup; Enter or Tab takes
the highlighted one, like 1C's quick input by string. Text that matches nothing stays visible and
the field is marked unresolved, so nothing the user typed disappears.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from forms.icons import icon
from forms.list_form import ListForm
from forms.worker import Loader
from server.api import Session
from server.api.lists import catalog_query, lookup
from server.metadata import Catalog

if TYPE_CHECKING:
    from sqlalchemy import Engine

LOOKUP_DELAY_MS = 150
RefValue = dict[str, Any] | None


class Chooser(QDialog):
    """The catalog's list as a choice form (F4): Enter or double-click picks the item."""

    def __init__(self, engine: Engine, catalog: Catalog, text: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Choose: {catalog.title}")
        self.chosen: RefValue = None
        self.list = ListForm(engine, catalog_query(catalog), self)
        self.list.activated.connect(self._pick)
        if text:
            self.list.search.setText(text)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(lambda: self._pick(self.list.current_row()))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        fm = self.fontMetrics()
        self.resize(fm.horizontalAdvance("0") * 80, fm.lineSpacing() * 24)
        self.list.setFocus()

    def _pick(self, row: dict[str, Any] | None) -> None:
        if row is None or row.get("is_group"):
            return
        self.chosen = {"id": row["id"], "name": row["name"]}
        self.accept()


class RefEdit(QLineEdit):
    """A line edit holding a reference to a catalog item."""

    value_changed = Signal(object)

    def __init__(self, engine: Engine, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.catalog = catalog
        self._value: RefValue = None
        self._results: list[dict[str, Any]] = []
        self._asked = ""  # the text the current results answer
        self._accept_when_loaded = False
        self.setPlaceholderText(f"{catalog.title}: type a name or code, F4 to choose")
        self.setToolTip("F4 choose from the list · Shift+F4 clear")
        self._names = QStringListModel(self)
        completer = QCompleter(self._names, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.activated[str].connect(self._on_completion)  # type: ignore[index]
        completer.popup().installEventFilter(self)
        self.setCompleter(completer)
        self._loader = Loader(self)
        self._loader.finished.connect(self._on_results)
        self._debounce = QTimer(self, singleShot=True, interval=LOOKUP_DELAY_MS)
        self._debounce.timeout.connect(self._ask)
        self.textEdited.connect(self._on_edited)
        choose = self.addAction(icon("search"), QLineEdit.ActionPosition.TrailingPosition)
        choose.setToolTip("Choose from the list (F4)")
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
        self._loader.submit(lambda: lookup(session, catalog, text))

    def _on_results(self, rows: list[dict[str, Any]]) -> None:
        self._results = rows
        self._names.setStringList([r["name"] for r in rows])
        if self._accept_when_loaded:
            self._accept_when_loaded = False
            self.accept_best()
            return
        if rows and self.hasFocus() and self.unresolved:
            c = self.completer()
            c.complete()
            c.popup().setCurrentIndex(c.completionModel().index(0, 0))

    def _on_completion(self, name: str) -> None:
        row = self.completer().popup().currentIndex().row()
        if not 0 <= row < len(self._results) or self._results[row]["name"] != name:
            row = next((i for i, r in enumerate(self._results) if r["name"] == name), -1)
        if row >= 0:
            self._take(self._results[row])

    def accept_best(self) -> bool:
        """Resolve typed text to the best match (the highlighted or the first); False if none."""
        if not self.unresolved:
            return True
        if self.busy or self._asked != self.text().strip():
            self._accept_when_loaded = True  # take it when the answer arrives
            if not self._loader.loading:
                self._debounce.stop()
                self._ask()
            return False
        popup = self.completer().popup()
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
        self.setProperty("unresolved", bad)
        self.setToolTip(
            f"No {self.catalog.title.lower()} item matches this text"
            if bad
            else "F4 choose from the list · Shift+F4 clear"
        )

    # -- keys -----------------------------------------------------------------------------
    def choose(self) -> None:
        """F4: the catalog's list as a choice form."""
        dialog = Chooser(self.engine, self.catalog, self.text() if self.unresolved else "", self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.chosen:
            self.set_value(dialog.chosen, notify=True)

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
                self.accept_best()
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
