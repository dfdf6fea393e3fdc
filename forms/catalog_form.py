"""The generic catalog item form, built from the catalog's declaration; also as a dialog.

Code, name, the group (hierarchical catalogs) and every declared field, with the same editors as
a document header (:class:`forms.header_fields.FieldsGrid`). A group's form has only code, name
and its parent group. Save (Ctrl+S), Save and close (Ctrl+Enter), Mark for deletion, Reload.
A value the server refuses is shown beside its field and everything typed stays; a save that
lost the race with another user's offers Reload. A new item's saves carry one client key, so
a retry after a lost connection never creates it twice. The server calls run off the GUI thread.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QApplication, QDialog, QToolBar, QToolButton, QVBoxLayout, QWidget

from forms.catalog_sections import CatalogSections
from forms.form_errors import pin_error
from forms.form_support import CTRL_ENTER, UnsavedGuard, confirm_reload, form_action
from forms.header_fields import FieldsGrid
from forms.item_create import ItemCreate
from forms.message_bar import MessageBar
from forms.texts import error_message, meta_tr
from forms.timeline_panel import TIMELINE_CATALOGS, TimelinePanel
from forms.worker import Loader
from server.api import Catalogs, Session
from server.api.catalogs import form_fields
from server.errors import ConflictError, KontoraError
from server.metadata import Registry, registry

if TYPE_CHECKING:
    from sqlalchemy import Engine

RefValue = dict[str, Any] | None


class CatalogForm(UnsavedGuard, QWidget):
    """One item or group of a catalog, new (``item_id`` None) or existing.

    ``initial`` fills a new item's fields by name (``{"name": …, "parent": {id, name}}``)."""

    title_changed = Signal(str)
    saved = Signal(str)  # the catalog name: its lists should refresh
    create_requested = Signal(str, str, object)  # kind, name, initial: "Create" from the item
    item_saved = Signal(object)  # the saved state: id, code, name, version, …
    close_requested = Signal()

    def __init__(
        self,
        engine: Engine,
        reg: Registry,
        name: str,
        item_id: int | None = None,
        *,
        group: bool = False,
        initial: dict[str, Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine, self.reg, self.name = engine, reg, name
        self.catalog = reg.catalogs[name]
        self.group = group and self.catalog.hierarchical
        self.setObjectName(f"form_catalog_{name}")
        self.item_id = item_id
        # A new item's idempotency key, the same for every retry of its first save: a save
        # whose acknowledgement was lost and is sent again never creates a second item.
        self.client_key = str(uuid.uuid4())
        self.version: int | None = None
        self.item_name = ""
        self.deletion_mark = False
        self.dirty = False
        self._close_after_save = False
        self._focus: QWidget | None = None  # focused before a server call

        self.message_bar = MessageBar(self)
        self.toolbar = QToolBar(self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.fields = FieldsGrid(
            engine, reg, form_fields(self.catalog, self.group), self, group_refs=("parent",)
        )
        self.fields.changed.connect(self._mark_dirty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.message_bar)
        body = QVBoxLayout()
        body.addLayout(self.fields.grid)
        self.sections = CatalogSections(
            engine, reg, () if self.group else self.catalog.tables, self
        )
        self.sections.edited.connect(self._mark_dirty)
        if self.sections.grids:
            body.addWidget(self.sections, 1)
        self.timeline: TimelinePanel | None = None
        if name in TIMELINE_CATALOGS and not self.group:
            self.timeline = TimelinePanel(engine, reg, self)
            self.timeline.open_requested.connect(self._open_related)
            body.addWidget(self.timeline, 1)
        if not self.sections.grids and self.timeline is None:
            body.addStretch(1)
        layout.addLayout(body, 1)
        self.setFocusProxy(self.fields.editors["name"])
        self._build_actions()

        self._loader = Loader(self)
        self._loader.failed.connect(self._on_failed)
        self._loader.loading_changed.connect(self._set_busy)
        if item_id is not None:
            self.reload()
        elif initial:
            self.fields.load(initial)
            self.sections.load(initial)
            self.dirty = bool(initial.get("name"))  # typed elsewhere: closing asks
        self._update_title()

    def _build_actions(self) -> None:
        def add(text: str, slot: Callable[[], None], *keys: Any, name: str = "") -> Any:
            return form_action(self, self.toolbar, text, slot, *keys, name=name)

        self.save_close_action = add(
            self.tr("Save and close"), self.save_and_close, *CTRL_ENTER, name="save"
        )
        self.save_action = add(self.tr("Save"), lambda: self.save(), "Ctrl+S")
        self.toolbar.addSeparator()
        self.mark_action = add(self.tr("Mark for deletion"), self.toggle_mark, name="deleted")
        self.reload_action = add(self.tr("Reload"), self.ask_reload, name="refresh")
        self.history_action = add(self.tr("History"), self.show_history, "Ctrl+Shift+H")
        if self.name == "segments" and not self.group:
            from forms.segment_commands import SegmentCommands

            self.segment = SegmentCommands(self)
        if not self.group:
            self.create = ItemCreate(self.engine, self.reg, self.name, lambda: self.item_id, self)
            self.create.requested.connect(self.create_requested)
            self.create.failed.connect(self.message_bar.show_error)
            self.toolbar.addAction(self.create.action)
            button = self.toolbar.widgetForAction(self.create.action)
            if isinstance(button, QToolButton):
                button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)

    # -- state ----------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        timeline = self.timeline is not None and self.timeline.busy
        return self._loader.loading or self.fields.busy or timeline

    def _open_related(self, kind: str, name: str, obj_id: int) -> None:
        """A timeline row's own form, in the main window (this form may be a dialog)."""
        window = self.window()
        opener = "open_document" if kind == "document" else "open_catalog_item"
        if hasattr(window, opener):
            getattr(window, opener)(name, obj_id)

    def title(self) -> str:
        kind = self.tr("{catalog} group") if self.group else "{catalog}"
        t = kind.format(catalog=meta_tr(self.catalog.title))
        if self.item_name:
            t += f": {self.item_name}"
        else:
            t += self.tr(" (new)") if self.item_id is None else self.tr(" (loading…)")
        if self.deletion_mark:
            t += self.tr(" (marked for deletion)")
        return t + (" *" if self.dirty else "")

    def _update_title(self) -> None:
        self.setWindowTitle(self.title())
        self.title_changed.emit(self.title())
        exists = self.item_id is not None
        self.mark_action.setEnabled(exists)
        self.mark_action.setText(
            self.tr("Clear deletion mark") if self.deletion_mark else self.tr("Mark for deletion")
        )
        self.reload_action.setEnabled(exists)
        self.history_action.setEnabled(exists)

    def _mark_dirty(self) -> None:
        if not self.dirty:
            self.dirty = True
            self._update_title()

    def _set_busy(self, busy: bool) -> None:
        """Disable the form while the server works; the field being edited gets focus back."""
        focus = QApplication.focusWidget()
        if busy and focus is not None and self.isAncestorOf(focus):
            self._focus = focus
        self.toolbar.setEnabled(not busy)
        for w in (*self.fields.editors.values(), *self.sections.grids):
            w.setEnabled(not busy)
        self.setCursor(Qt.CursorShape.BusyCursor if busy else Qt.CursorShape.ArrowCursor)
        if not busy and self._focus is not None and shiboken6.isValid(self._focus):
            self._focus.setFocus(Qt.FocusReason.OtherFocusReason)
            self._focus = None

    def value(self) -> RefValue:
        """The saved item as a reference value (None while new)."""
        if self.item_id is None:
            return None
        return {"id": self.item_id, "name": self.item_name}

    # -- server calls ---------------------------------------------------------------------
    def _api(self) -> Catalogs:
        return Catalogs(Session(self.engine), self.reg)

    def reload(self) -> None:
        if self.item_id is not None:
            api, name, item_id = self._api(), self.name, self.item_id
            self._loader.run(lambda: api.read(name, item_id), self._on_loaded)

    def ask_reload(self) -> None:
        """Reload from the server; local edits are discarded only after confirmation."""
        if self.dirty and not confirm_reload(self):
            return
        self.reload()

    def _on_loaded(self, data: dict[str, Any]) -> None:
        self.fields.load(data)
        self.sections.load(data)
        self._on_state(data)
        if self.timeline is not None:
            self.timeline.load(data["id"])
        self.dirty = False
        self.message_bar.clear()
        self.fields.clear_errors()
        self._update_title()

    def _on_state(self, state: dict[str, Any]) -> None:
        self.item_id = state["id"]
        self.version = state["version"]
        self.item_name = state["name"]
        self.deletion_mark = bool(state["deletion_mark"])
        self._update_title()

    def payload(self) -> dict[str, Any]:
        body = {**self.fields.values(), **self.sections.payload()}
        if self.item_id is None:
            body.update(is_group=self.group, client_key=self.client_key)
        else:
            body.update(id=self.item_id, version=self.version)
        return body

    # -- commands -------------------------------------------------------------------------
    def show_history(self) -> QDialog | None:
        """Who changed the item, when and what (with Restore this version), non-modal."""
        if self.item_id is None:
            return None
        from forms.history_dialog import HistoryDialog

        dialog = HistoryDialog(self.engine, self.reg, self.name, self.item_id, self.item_name, self)
        dialog.restored.connect(lambda _state: self.reload())
        dialog.show()
        self.history_dialog = dialog
        return dialog

    def save(self, close: bool = False) -> None:
        """Ctrl+S: write the item (``close``: then close the form)."""
        self.sections.finish_editing()
        if self.busy or not self.sections.check_references(self.fields, self.message_bar):
            return
        self.fields.clear_errors()
        self.sections.clear_errors()
        self._close_after_save = close
        api, name, body = self._api(), self.name, self.payload()
        self._loader.run(lambda: api.save(name, body), self._on_saved)

    def save_and_close(self) -> None:
        """Ctrl+Enter."""
        self.save(close=True)

    def toggle_mark(self) -> None:
        if self.item_id is None or self.busy:
            return
        api, name, item_id, mark = self._api(), self.name, self.item_id, not self.deletion_mark
        self._loader.run(lambda: api.mark(name, item_id, mark), self._on_marked)

    def _on_marked(self, state: dict[str, Any]) -> None:
        self._on_state(state)
        self.saved.emit(self.name)

    def _on_saved(self, state: dict[str, Any]) -> None:
        self.dirty = False
        self.message_bar.clear()
        self.fields.clear_errors()
        self._on_state(state)
        self.saved.emit(self.name)
        self.item_saved.emit(state)
        if self._close_after_save:
            self.close_requested.emit()

    def _on_failed(self, exc: BaseException) -> None:
        self._close_after_save = False
        if isinstance(exc, ConflictError):
            self.message_bar.show_error(error_message(exc), self.tr("Reload"), self.ask_reload)
        elif isinstance(exc, KontoraError):
            if exc.detail.get("field"):
                pin_error(exc, self.fields, self.sections.model_named(exc))
            self.message_bar.show_error(error_message(exc))
        else:
            self.message_bar.show_error(
                self.tr("The server refused the operation: {error}").format(error=exc)
            )

    # -- closing --------------------------------------------------------------------------
    def kind_title(self) -> str:
        return meta_tr(self.catalog.title)


class CatalogDialog(QDialog):
    """The item form as a modal dialog (Create… of a reference field): ``chosen`` is the saved
    item (``{id, name}``) once the dialog is accepted."""

    def __init__(
        self,
        engine: Engine,
        name: str,
        *,
        item_id: int | None = None,
        group: bool = False,
        initial: dict[str, Any] | None = None,
        parent: QWidget | None = None,
        reg: Registry | None = None,
    ) -> None:
        super().__init__(parent)
        self.chosen: RefValue = None
        self.form = CatalogForm(
            engine, reg or registry, name, item_id, group=group, initial=initial, parent=self
        )
        self.form.item_saved.connect(self._on_saved)
        self.form.close_requested.connect(self._finish)
        if hasattr(self.form, "create"):  # a dialog picks an item: it creates nothing else
            self.form.create.action.setVisible(False)
        self.form.title_changed.connect(self.setWindowTitle)
        self.setWindowTitle(self.form.title())
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        fm = self.fontMetrics()
        self.resize(fm.horizontalAdvance("0") * 90, fm.lineSpacing() * 16)
        self.form.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_saved(self, state: dict[str, Any]) -> None:
        self.chosen = {"id": state["id"], "name": state["name"]}

    def _finish(self) -> None:
        if self.chosen:
            self.accept()
        else:
            super().reject()

    def reject(self) -> None:
        """Esc: asks about unsaved changes; an item saved meanwhile is still chosen."""
        if not self.form.can_close():
            return
        self._finish()
