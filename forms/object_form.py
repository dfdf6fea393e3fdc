"""The generic document form: header, tabular section grid (one tab per section when the
document has several), totals of the first section, Save / Post / Unpost.

Built from the document's declaration alone. Server calls run off the GUI thread; the form is
disabled meanwhile. A refused save or posting keeps every typed value and the form stays dirty:
an invalid value is shown beside its field or cell, a shortage as a shortfall table, a
conflicting save (someone else saved first) with a Reload button.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMessageBox,
    QTabWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from forms.doc_commands import DocumentCommands
from forms.doc_defaults import DocDefaults
from forms.doc_panels import HistoryPanel, MovementsPanel, RelatedPanel, ShortfallPanel
from forms.form_errors import check_references, pin_error
from forms.form_support import UnsavedGuard, confirm_reload, form_action
from forms.formatting import decimal_text
from forms.header_fields import HeaderFields
from forms.interaction_mail import extend
from forms.lines_grid import LinesGrid
from forms.lines_model import LinesModel, as_decimal
from forms.message_bar import MessageBar
from forms.ref_edit import RefEdit
from forms.texts import error_message, meta_tr, notice_text
from forms.worker import Loader
from server.api import Documents, Session, new_document
from server.api.commands import run_command
from server.api.history import document_history
from server.api.lists import ORGANIZATION, document_for_form, document_movements, first_item
from server.api.related import related_documents
from server.errors import ConflictError, KontoraError, PeriodClosedError, ShortageError
from server.metadata import Money, Registry, Table

if TYPE_CHECKING:
    from sqlalchemy import Engine

SHORTCUT = Qt.ShortcutContext.WidgetWithChildrenShortcut


class DocumentForm(UnsavedGuard, QWidget):
    """One document, new (``doc_id`` None) or existing.

    A new form may start from ``initial`` data (as the form shows it: references as
    ``{id, name}``), e.g. a document created based on another; its ``based_on`` link is sent
    with the first save."""

    title_changed = Signal(str)
    saved = Signal(str)  # the document name: lists of it should refresh
    close_requested = Signal()
    open_document_requested = Signal(str, int)  # a related document to open
    create_document_requested = Signal(str, object)  # a new document (name, initial data)

    def __init__(
        self,
        engine: Engine,
        reg: Registry,
        name: str,
        doc_id: int | None = None,
        parent: QWidget | None = None,
        initial: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine, self.reg, self.name = engine, reg, name
        self.doc = reg.documents[name]
        self.setObjectName(f"form_document_{name}")
        self.doc_id = doc_id
        self.version: int | None = None
        self.number = ""
        self.posted = False
        self.deletion_mark = False
        self.client_key = new_document()["client_key"]  # one key for every retry of the form
        self.dirty = False
        self._close_after_save = False
        self._last_write: Callable[[bool], dict[str, Any]] | None = None
        self.based_on: dict[str, Any] | None = (initial or {}).get("based_on")

        self.message_bar = MessageBar(self)
        self.toolbar = QToolBar(self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.header = HeaderFields(engine, reg, self.doc, self)
        self.header.changed.connect(self._mark_dirty)
        self.header.changed.connect(self._header_to_lines)
        self.section_tabs: QTabWidget | None = None  # several sections: a tab each
        # Every tabular section's model and grid by name; the first is ``lines`` / ``grid``.
        self.models: dict[str, LinesModel] = {}
        self.grids: dict[str, LinesGrid] = {}
        for t in self.doc.tables:
            model = LinesModel(t, self)
            model.edited.connect(self._mark_dirty)
            self.models[t.name] = model
            self.grids[t.name] = LinesGrid(engine, reg, model, self)
            self.grids[t.name].setObjectName(f"grid_{t.name}")
        self.table = self.doc.tables[0]
        self.lines = self.models[self.table.name]
        for model in self.models.values():  # the totals line sums the section shown
            model.edited.connect(self._update_totals)
            model.modelReset.connect(self._update_totals)
        self.grid = self.grids[self.table.name]
        self.totals = QLabel(self)
        self.totals.setObjectName("totals")
        self.totals.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.shortfall = ShortfallPanel(self)
        self.movements = MovementsPanel(self)
        self.related = RelatedPanel(self)
        self.related.open_requested.connect(self.open_document_requested)
        self.history = HistoryPanel(self)
        self.commands = DocumentCommands(engine, reg, name, self._saved_ids, self)
        self.commands.create_requested.connect(self.create_document_requested)
        self.commands.failed.connect(self.message_bar.show_error)
        self._build_layout()
        self._build_actions()
        self.extension = extend(self)
        self.defaults = DocDefaults(self)
        self._pending_message = ""  # what the server said about the last save (shown on reload)

        self._loader = Loader(self)
        self._loader.failed.connect(self._on_failed)
        self._loader.loading_changed.connect(self._set_busy)
        self._update_totals()
        if doc_id is None and initial:
            self._load_initial(initial)
        elif doc_id is None:
            self._loader.run(self._defaults, self._on_defaults)
            self.defaults.new_document()
        else:
            self._loader.run(self._reader(), self._on_loaded)
        self._update_title()

    def _header_to_lines(self) -> None:
        """Line formulas may read the header (prices with VAT included or on top…)."""
        for model in self.models.values():
            model.set_header(self.header.values())
        self._update_totals()

    # -- construction ---------------------------------------------------------------------
    def _build_layout(self) -> None:
        main = QWidget(self)
        ml = QVBoxLayout(main)
        ml.addLayout(self.header.grid)
        keys = self.tr("Ins add  ·  F9 copy  ·  Del delete  ·  F4 choose")
        if len(self.grids) == 1:
            heading = QLabel(f"<b>{meta_tr(self.table.title or self.table.name)}</b>  ·  {keys}")
            ml.addWidget(heading)
            ml.addWidget(self.grid, 1)
        else:  # several sections: a tab each (as 1C's document forms show them)
            ml.addWidget(QLabel(keys, main))
            self.section_tabs = QTabWidget(main)
            self.section_tabs.setObjectName("section_tabs")
            for t in self.doc.tables:
                self.section_tabs.addTab(self.grids[t.name], meta_tr(t.title or t.name))
            self.section_tabs.currentChanged.connect(self._update_totals)
            ml.addWidget(self.section_tabs, 1)
        ml.addWidget(self.totals)
        ml.addWidget(self.shortfall)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(main, self.tr("Main"))
        if self.doc.postable:  # a document that is never posted moves nothing
            self.tabs.addTab(self.movements, self.tr("Movements"))
        else:  # not in a tab: it must not show over the form's corner either
            self.movements.hide()
        self.tabs.addTab(self.related, self.tr("Related documents"))
        self.tabs.addTab(self.history, self.tr("History"))
        self.tabs.currentChanged.connect(self._on_tab)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.tabs, 1)
        first = self.doc.header[0].name if self.doc.header else "organization"
        self.setFocusProxy(self.header.editors[first])

    def _action(
        self, text: str, slot: Callable[[], None], *keys: QKeySequence | str, name: str = ""
    ) -> QAction:
        return form_action(self, self.toolbar, text, slot, *keys, name=name)

    def _build_actions(self) -> None:
        ctrl_enter = QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Return)
        ctrl_keypad = QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Enter)
        if self.doc.postable:
            self.post_close_action = self._action(
                self.tr("Post and close"),
                self.post_and_close,
                ctrl_enter,
                ctrl_keypad,
                name="posted",
            )
        else:  # only saved: Ctrl+Enter saves and closes
            self.post_close_action = self._action(
                self.tr("Save and close"), self.save_and_close, ctrl_enter, ctrl_keypad, name="save"
            )
        self.save_action = self._action(self.tr("Save"), lambda: self.save(), "Ctrl+S", name="save")
        self.post_action = self._action(self.tr("Post"), self.post)
        self.unpost_action = self._action(self.tr("Unpost"), self.unpost)
        for a in (self.post_action, self.unpost_action):
            a.setVisible(self.doc.postable)
        self.toolbar.addSeparator()
        self.mark_action = self._action(
            self.tr("Mark for deletion"), self.toggle_mark, name="deleted"
        )
        self.movements_action = self._action(
            self.tr("Movements", "toolbar command"),
            lambda: self.tabs.setCurrentWidget(self.movements),
        )
        self.movements_action.setVisible(self.doc.postable)
        self.reload_action = self._action(self.tr("Reload"), self.ask_reload, name="refresh")
        self.toolbar.addSeparator()
        self._menu_command(
            self.commands.based_on_action, QToolButton.ToolButtonPopupMode.InstantPopup
        )
        self._menu_command(
            self.commands.print_action, QToolButton.ToolButtonPopupMode.MenuButtonPopup
        )
        for cmd in self.doc.commands:  # declared fill commands (server/api/commands.py)
            a = self._action(meta_tr(cmd.title), lambda _=False, c=cmd.name: self.run_command(c))
            a.setObjectName(f"command_{cmd.name}")
            a.setToolTip(meta_tr(cmd.tooltip or cmd.title))
        self.related_action = self._action(
            self.tr("Related documents"),
            lambda: self.tabs.setCurrentWidget(self.related),
            "Ctrl+Shift+R",
        )

    def _menu_command(self, action: QAction, mode: QToolButton.ToolButtonPopupMode) -> None:
        """A command with a menu: a tool button (``mode``) and a form-wide shortcut."""
        action.setParent(self)
        self.addAction(action)
        self.toolbar.addAction(action)
        button = self.toolbar.widgetForAction(action)
        if isinstance(button, QToolButton):
            button.setPopupMode(mode)

    # -- state ----------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return (
            self._loader.loading
            or self.commands.busy
            or self.related.busy
            or self.history.busy
            or self.defaults.busy
            or bool(getattr(self.extension, "busy", False))
        )

    def title(self) -> str:
        t = meta_tr(self.doc.title) + " " + (self.number or self.tr("(new)"))
        if self.posted:
            t += " " + self.tr("(posted)")
        if self.deletion_mark:
            t += " " + self.tr("(marked for deletion)")
        return t + (" *" if self.dirty else "")

    def _update_title(self) -> None:
        self.setWindowTitle(self.title())
        self.title_changed.emit(self.title())
        exists = self.doc_id is not None
        self.unpost_action.setEnabled(exists and self.posted)
        self.mark_action.setEnabled(exists)
        self.mark_action.setText(
            self.tr("Clear deletion mark") if self.deletion_mark else self.tr("Mark for deletion")
        )
        self.reload_action.setEnabled(exists)
        self.related_action.setEnabled(exists)
        self.commands.print_action.setEnabled(exists)
        self.commands.based_on_action.setEnabled(
            exists and not self.commands.based_on_menu.isEmpty()
        )

    def _mark_dirty(self) -> None:
        if not self.dirty:
            self.dirty = True
            self._update_title()

    def shown_section(self) -> Table:
        """The tabular section on screen (the first one when the document has one)."""
        at = self.section_tabs.currentIndex() if self.section_tabs is not None else -1
        return self.doc.tables[at] if at >= 0 else self.table

    def _update_totals(self) -> None:
        table = self.shown_section()
        model = self.models[table.name]
        sums = model.totals()
        parts = [self.tr("Lines: {count}").format(count=model.rowCount())]
        for f in table.fields:
            if f.name in sums:
                scale = 2 if isinstance(f, Money) else None
                parts.append(f"{meta_tr(f.label)}: {decimal_text(sums[f.name], scale)}")
        advance = self._advance()
        if advance:
            parts.append(self.tr("Advance: {amount}").format(amount=decimal_text(advance, 2)))
        self.totals.setText("     ".join(parts))

    def _advance(self) -> Decimal | None:
        """A payment's amount that its lines do not allocate: an advance."""
        paid = self.doc.header_field("amount")
        lines = [f for f in self.table.fields if f.name == "amount"]
        if not isinstance(paid, Money) or not lines:
            return None
        total = as_decimal(self.header.values().get("amount")) or Decimal(0)
        rows = range(self.lines.rowCount())
        allocated = sum((self.lines.value(i, lines[0]) or Decimal(0) for i in rows), Decimal(0))
        return total - allocated if total > allocated else None

    def total(self, field: str) -> Decimal:
        return self.lines.totals()[field]

    def _set_busy(self, busy: bool) -> None:
        self.tabs.setEnabled(not busy)
        self.toolbar.setEnabled(not busy)
        self.setCursor(Qt.CursorShape.BusyCursor if busy else Qt.CursorShape.ArrowCursor)

    # -- server calls ---------------------------------------------------------------------
    def _documents(self) -> Documents:
        return Documents(Session(self.engine), self.reg)

    def _defaults(self) -> dict[str, Any]:
        org = first_item(Session(self.engine), self.reg.catalogs[ORGANIZATION.target])
        return {"organization": org and {"id": org["id"], "name": org["name"]}}

    def _load_initial(self, data: dict[str, Any]) -> None:
        """Fill a new form (created based on another document): unsaved, so dirty."""
        self.header.load(data)
        self._load_sections(data)
        self.dirty = True
        self._update_title()

    def _saved_ids(self) -> list[int]:
        """The document the Print and Create based on commands act on: it must be saved."""
        if self.doc_id is None or self.dirty:
            self.message_bar.show_error(
                self.tr("Save {title} first: printing and creating documents based on it use "
                        "the saved document.").format(title=self.title().rstrip(" *"))
            )  # fmt: skip
            return []
        return [self.doc_id]

    def _on_defaults(self, data: dict[str, Any]) -> None:
        org = self.header.editors["organization"]
        assert isinstance(org, RefEdit)
        if org.value() is None and not org.text() and data["organization"]:
            org.set_value(data["organization"])  # a default, not a change: the form stays clean

    def _reader(self) -> Callable[[], dict[str, Any]]:
        session, reg, name, doc_id = Session(self.engine), self.reg, self.name, self.doc_id
        assert doc_id is not None
        return lambda: document_for_form(session, reg, name, doc_id)

    def _on_loaded(self, data: dict[str, Any]) -> None:
        self.header.load(data)
        self._load_sections(data)
        self._on_state(data)
        self.dirty = False
        self.message_bar.clear()
        if self._pending_message:
            self.message_bar.show_info(self._pending_message)
            self._pending_message = ""
        self.header.clear_errors()
        self.shortfall.hide()
        self._update_title()

    def _load_sections(self, data: dict[str, Any]) -> None:
        for name, model in self.models.items():
            model.load(data.get(name, []))
        self._header_to_lines()

    def _on_state(self, state: dict[str, Any]) -> None:
        self.doc_id = state["id"]
        self.version = state["version"]
        self.number = state["number"]
        self.posted = bool(state["posted"])
        self.deletion_mark = bool(state["deletion_mark"])
        self._update_title()

    def payload(self) -> dict[str, Any]:
        body = {**self.header.values(), **{n: m.payload() for n, m in self.models.items()}}
        if self.doc_id is None:
            body["client_key"] = self.client_key
            if self.based_on:
                body["based_on"] = self.based_on
        else:
            body.update(id=self.doc_id, version=self.version)
        return body

    # -- commands -------------------------------------------------------------------------
    def save(self, post: bool | None = None, close: bool = False) -> None:
        """Ctrl+S: write the document (``post`` True posts, False unposts)."""
        for grid in self.grids.values():
            grid.finish_editing()
        models = self.models.values()
        if self._loader.loading or not all(
            [check_references(self.header, m, self.message_bar) for m in models]
        ):
            return
        self._close_after_save = close
        body, docs, name = self.payload(), self._documents(), self.name
        self._write(lambda over: docs.save(name, body, post=post, override_lock=over))

    def post(self) -> None:
        self._write_or_call(True)

    def unpost(self) -> None:
        self._write_or_call(False)

    def post_and_close(self) -> None:
        """Ctrl+Enter."""
        self.save(post=True, close=True)

    def save_and_close(self) -> None:
        """Ctrl+Enter of a document that is only saved."""
        self.save(close=True)

    def _write_or_call(self, post: bool) -> None:
        if self.dirty or self.doc_id is None:
            self.save(post=post)
            return
        docs, name, doc_id = self._documents(), self.name, self.doc_id
        self._write(lambda over: docs.post(name, doc_id, post, override_lock=over))

    def toggle_mark(self) -> None:
        if self.doc_id is None or self._loader.loading:
            return
        docs, name, doc_id, mark = self._documents(), self.name, self.doc_id, not self.deletion_mark
        self._write(lambda over: docs.mark(name, doc_id, mark, override_lock=over))

    def _write(self, op: Callable[[bool], dict[str, Any]], override: bool = False) -> None:
        """Run a write (``op(override_lock)``); kept so that an administrator who confirms a
        change in the closed period can repeat it with the override."""
        self._last_write = op
        self._loader.run(lambda: op(override), self._on_saved)

    def _confirm_closed_period(self, exc: PeriodClosedError) -> bool:
        """An administrator is asked whether to change a document in the closed period."""
        if not exc.detail.get("may_override") or self._last_write is None:
            return False
        answer = QMessageBox.question(
            self,
            self.tr("Closed period"),
            error_message(exc)
            + "\n\n"
            + self.tr("You are an administrator: change it in the closed period anyway?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        self._write(self._last_write, override=True)
        return True

    def reload(self) -> None:
        if self.doc_id is not None:
            self._loader.run(self._reader(), self._on_loaded)

    def ask_reload(self) -> None:
        """Reload from the server; local edits are discarded only after confirmation."""
        if self.dirty and not confirm_reload(self):
            return
        self.reload()

    def changed_elsewhere(self) -> None:
        """Someone else saved, posted or marked this document: say so; offer Reload only when
        no unsaved edit would be lost (edits are kept; saving them will be refused)."""
        text = self.tr("{document} was changed by another user or in another window.").format(
            document=self.title().rstrip(" *")
        )
        if self.dirty:
            self.message_bar.show_info(
                text + " " + self.tr("Your unsaved changes are kept; reload to see theirs.")
            )
        else:
            self.message_bar.show_info(text, self.tr("Reload"), self.reload)

    def _on_saved(self, state: dict[str, Any]) -> None:
        self.dirty = False
        self.message_bar.clear()
        self.header.clear_errors()
        for model in self.models.values():
            model.clear_errors()
        self.shortfall.hide()
        self._on_state(state)
        self.saved.emit(self.name)
        if state.get("notice"):  # e.g. an order kept waiting for approval: show it as it is now
            self._pending_message = notice_text(state["notice"])
            self._close_after_save = False
            self.reload()
        elif self._close_after_save:
            self.close_requested.emit()
        else:
            self._on_tab(self.tabs.currentIndex())

    # -- errors ---------------------------------------------------------------------------
    def _on_failed(self, exc: BaseException) -> None:
        if isinstance(exc, PeriodClosedError) and self._confirm_closed_period(exc):
            return  # repeated with the override; _close_after_save is kept
        self._close_after_save = False
        if isinstance(exc, ShortageError):
            self.shortfall.show_shortages(exc.shortages)
            self.message_bar.show_error(error_message(exc))
        elif isinstance(exc, ConflictError):
            self.message_bar.show_error(error_message(exc), self.tr("Reload"), self.ask_reload)
        elif isinstance(exc, KontoraError) and exc.detail.get("field"):
            pin_error(exc, self.header, self.lines)
            self.message_bar.show_error(error_message(exc))
        elif isinstance(exc, KontoraError):
            self.message_bar.show_error(error_message(exc))
        else:
            self.message_bar.show_error(
                self.tr("The server refused the operation: {error}").format(error=exc)
            )

    def run_command(self, command: str) -> None:
        """A declared command: the server fills the lines from the header's values."""
        self.grid.finish_editing()
        if self._loader.loading:
            return
        header, session, reg, name = self.header.values(), Session(self.engine), self.reg, self.name
        self._loader.run(lambda: run_command(session, reg, name, command, header), self._filled)

    def _filled(self, lines: list[dict[str, Any]] | dict[str, list]) -> None:
        """A command's lines of the first section, or of several sections by name."""
        sections = lines if isinstance(lines, dict) else {self.table.name: lines}
        if not sections.get(self.table.name):  # keep what is there
            self.message_bar.show_info(self.tr("Nothing was found to fill the lines with."))
            return
        for name, rows in sections.items():
            self.models[name].load(rows)
        self._mark_dirty()
        count = len(sections[self.table.name])
        self.message_bar.show_info(self.tr("%n line(s) filled in.", "", count))

    # -- movements ------------------------------------------------------------------------
    def _on_tab(self, _index: int) -> None:
        """Movements, related documents and history are read when their tab is shown."""
        page, doc_id = self.tabs.currentWidget(), self.doc_id
        if doc_id is None:
            return
        session, reg, name = Session(self.engine), self.reg, self.name
        if page is self.movements:
            self._load_movements()
        elif page is self.related:
            self.related.load(lambda: related_documents(session, reg, name, doc_id))
        elif page is self.history:
            self.history.load(lambda: document_history(session, reg, name, doc_id))

    def _load_movements(self) -> None:
        session, reg, name, doc_id = Session(self.engine), self.reg, self.name, self.doc_id
        assert doc_id is not None
        self._loader.run(
            lambda: document_movements(session, reg, name, doc_id), self.movements.show_movements
        )

    # -- closing --------------------------------------------------------------------------
    def kind_title(self) -> str:
        return meta_tr(self.doc.title)
