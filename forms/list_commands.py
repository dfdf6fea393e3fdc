"""The commands of a dynamic list: post / unpost / mark for deletion, export to Excel, and for
documents "Create based on" (from the current row) and Print (Ctrl+P, the selected rows).
Catalog lists have the deletion mark (Del) of the selected items and groups, and the export.

They act on the selected rows (several with Shift/Ctrl) and run off the GUI thread through
:mod:`forms.list_actions`. A refused document is named in the list's message bar with the reason
while the others go through; the list is then reloaded. The export asks for a file, then shows
a cancellable progress dialog (only when it takes longer than half a second).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QToolBar, QToolButton

from forms.doc_commands import DocumentCommands
from forms.icons import icon
from forms.import_menu import list_import_action
from forms.list_actions import (
    BatchAction,
    BatchResult,
    Cancelled,
    ExportJob,
    run_batch,
    run_catalog_marks,
    run_export,
)
from forms.list_model import error_text
from forms.progress_dialog import JobProgress
from forms.rows_export import ask_xlsx_path
from forms.texts import meta_tr
from forms.worker import Loader

if TYPE_CHECKING:
    from forms.list_form import ListForm


class ListCommands(QObject):
    """Actions (toolbar and context menu) of one list form and the work behind them."""

    create_document_requested = Signal(str, object)  # a new document (name, initial data)

    def __init__(self, form: ListForm) -> None:
        super().__init__(form)
        self.form = form
        self.documents = form.query.kind == "document"
        self.catalogs = form.query.kind == "catalog"
        self.toolbar = QToolBar(form)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.create_action = self._action(
            self.tr("&Create"), self.tr("Create a new one (Ins)"), "add"
        )
        self.create_action.triggered.connect(lambda: form.create_requested.emit())
        self.post_action = self._action(
            self.tr("&Post"), self.tr("Post the selected documents"), "posted"
        )
        self.unpost_action = self._action(
            self.tr("&Unpost"), self.tr("Cancel posting of the selected documents")
        )
        self.mark_action = self._action(
            self.tr("&Mark for deletion"),
            self.tr("Set or clear the deletion mark of the selected rows (Del)"),
        )
        self.export_action = self._action(
            self.tr("E&xport to Excel…"), self.tr("Save the list as an xlsx file")
        )
        self.post_action.triggered.connect(lambda: self.run("post"))
        self.unpost_action.triggered.connect(lambda: self.run("unpost"))
        self.mark_action.triggered.connect(self.toggle_mark)
        self.export_action.triggered.connect(lambda: self.export_to_excel())
        batch = [self.post_action, self.unpost_action, self.mark_action]
        if self.documents and not form.reg.documents[form.query.name].postable:
            batch = [self.mark_action]  # only saved, never posted
        shown = [*batch, self.export_action] if self.documents else [self.export_action]
        if self.catalogs:
            shown.insert(0, self.mark_action)
        if self.documents or self.catalogs:
            shown.insert(0, self.create_action)
        self.import_action = list_import_action(form)
        if self.import_action is not None:
            shown.append(self.import_action)
        self.toolbar.addActions(shown)
        self.doc_commands: DocumentCommands | None = None
        if self.documents:
            self._add_document_commands(shown)
        form.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        form.view.addActions(shown)
        self._batch = Loader(self)
        self._batch.finished.connect(self._on_batch_done)
        self._batch.failed.connect(self._on_batch_failed)
        self._export = Loader(self)
        self._export.finished.connect(self._on_export_done)
        self._export.failed.connect(self._on_export_failed)
        self._job: JobProgress | None = None
        self.last_result: BatchResult | None = None
        self.last_export: tuple[str, int] | None = None  # path, rows
        #: lines an export writes above the filters (a hierarchical catalog: the chosen group)
        self.heading_lines: Callable[[], list[str]] = list
        self._path = ""

    def _add_document_commands(self, shown: list[QAction]) -> None:
        """Create based on (the current row) and Print (the selected rows, Ctrl+P)."""
        form = self.form
        cmds = DocumentCommands(
            form.engine, form.reg, form.query.name, self._document_ids, form
        )  # fmt: skip
        cmds.create_requested.connect(self.create_document_requested)
        cmds.failed.connect(form.message_bar.show_error)
        self.doc_commands = cmds
        for action, mode in (
            (cmds.based_on_action, QToolButton.ToolButtonPopupMode.InstantPopup),
            (cmds.print_action, QToolButton.ToolButtonPopupMode.MenuButtonPopup),
        ):
            self.toolbar.addAction(action)
            button = self.toolbar.widgetForAction(action)
            if isinstance(button, QToolButton):
                button.setPopupMode(mode)
            shown.append(action)
        form.addAction(cmds.print_action)

    def _document_ids(self) -> list[int]:
        return [int(r["id"]) for r in self.form.selected_rows()]

    def _action(self, text: str, tip: str, icon_name: str = "") -> QAction:
        action = QAction(text, self.form)
        if icon_name:
            action.setIcon(icon(icon_name))
        action.setToolTip(tip)
        action.setStatusTip(tip)
        return action

    @property
    def busy(self) -> bool:
        docs = self.doc_commands is not None and self.doc_commands.busy
        return self._batch.loading or self._export.loading or docs

    # -- post / unpost / mark -------------------------------------------------------------
    def run(self, action: BatchAction, rows: list[dict[str, Any]] | None = None) -> None:
        """Apply ``action`` to the selected documents (or ``rows``) off the GUI thread."""
        rows = self.form.selected_rows() if rows is None else rows
        if not self.documents or not rows or self._batch.loading:
            return
        form = self.form
        form.message_bar.clear()
        picked = [{"id": r["id"], "number": r.get("number")} for r in rows]
        engine, reg, name = form.engine, form.reg, form.query.name
        self._batch.submit(lambda: run_batch(engine, reg, name, picked, action))
        form.status.setText(self.tr("Working…"))

    def toggle_mark(self, rows: list[dict[str, Any]] | None = None) -> None:
        """Del: mark the selected documents (or catalog items and groups, or ``rows``) for
        deletion, or clear the mark if all have it."""
        rows = self.form.selected_rows() if rows is None else rows
        if self.catalogs and rows:
            self._toggle_catalog_marks(rows)
            return
        if not self.documents or not rows:
            return
        mark = not all(r.get("deletion_mark") for r in rows)
        if len(rows) > 1:
            question = (
                self.tr("Mark %n documents for deletion?", "", len(rows))
                if mark
                else self.tr("Clear the deletion mark of %n documents?", "", len(rows))
            )
        else:
            number = str(rows[0].get("number"))
            question = (
                self.tr("Mark document {number} for deletion?")
                if mark
                else self.tr("Clear the deletion mark of document {number}?")
            ).format(number=number)
        if not self._confirm_mark(question):
            return
        self.run("mark" if mark else "unmark", rows)

    def _confirm_mark(self, question: str) -> bool:
        """Ask ``question`` (to set or clear deletion marks): Yes / No, No by default."""
        yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
        title = self.tr("Deletion mark")
        return QMessageBox.question(self.form, title, question, yes | no, no) == yes

    def _toggle_catalog_marks(self, rows: list[dict[str, Any]]) -> None:
        if self._batch.loading:
            return
        mark = not all(r.get("deletion_mark") for r in rows)
        if len(rows) > 1:
            what = self.tr("{count} items").format(count=len(rows))
        else:
            what = self.tr("«{name}»").format(name=rows[0].get("name", ""))
        question = (
            self.tr("Mark {what} for deletion?")
            if mark
            else self.tr("Clear the deletion mark of {what}?")
        ).format(what=what)
        if not self._confirm_mark(question):
            return
        form = self.form
        form.message_bar.clear()
        picked = [{"id": r["id"], "name": r.get("name")} for r in rows]
        engine, reg, name = form.engine, form.reg, form.query.name
        self._batch.submit(lambda: run_catalog_marks(engine, reg, name, picked, mark))
        form.status.setText(self.tr("Working…"))

    def _on_batch_done(self, result: BatchResult) -> None:
        self.last_result = result
        message = result.message()
        if message:
            self.form.message_bar.show_error(message)
        self.form.changed.emit(self.form.query.name)
        self.form.refresh()

    def _on_batch_failed(self, exc: BaseException) -> None:
        self.form.message_bar.show_error(error_text(exc))
        self.form.refresh()

    # -- export ---------------------------------------------------------------------------
    def export_to_excel(self, path: str | None = None) -> None:
        """Write every row of the current search, filter and sort to an xlsx file.

        Without ``path`` a save dialog asks for one.
        """
        if self._export.loading:
            return
        form = self.form
        path = path or ask_xlsx_path(form, meta_tr(form.query.title))
        if not path:
            return
        job = ExportJob(
            query=form.query,
            columns=form.visible_columns(),
            path=path,
            title=form.query.title,
            filters_text=self._filters_text(),
            text=form.model.search,
            flt=form.model.filter,
            sort=form.model.sort,
        )
        self._path = path
        self._job = JobProgress(
            form, self.tr("Export to Excel"), self.tr("Exporting rows…"), self._progress_text
        )
        progress, engine = self._job.progress, form.engine
        self._export.submit(lambda: run_export(engine, job, progress))

    def cancel_export(self) -> None:
        if self._job is not None:
            self._job.progress.cancel.set()

    def _progress_text(self, done: int, total: int) -> str:
        return self.tr("Exported {done} of %n rows…", "", total).format(done=done)

    def _filters_text(self) -> str:
        lines = self.heading_lines()
        if self.form.filters.describe():
            lines.append(self.form.filters.describe())
        if self.form.model.search.strip():
            lines.append(self.tr("Search: {text}").format(text=self.form.model.search.strip()))
        sort = self.form.model.sort
        if sort is not None:
            label = meta_tr(next(c.label for c in self.form.query.columns if c.key == sort.key))
            text = self.tr("Sorted by {column} (descending)") if sort.descending else None
            lines.append((text or self.tr("Sorted by {column}")).format(column=label))
        return "\n".join(lines)

    def _finish_export(self) -> None:
        job, self._job = self._job, None
        if job is not None:
            job.finish()

    def _on_export_done(self, count: int) -> None:
        self._finish_export()
        self.last_export = (self._path, count)
        name = Path(self._path).name
        self.form.status.setText(
            self.tr("Exported %n row(s) to {file}", "", count).format(file=name)
        )

    def _on_export_failed(self, exc: BaseException) -> None:
        self._finish_export()
        if isinstance(exc, Cancelled):
            self.form.status.setText(self.tr("Export cancelled"))
            return
        self.form.message_bar.show_error(
            self.tr("The export failed: {error}").format(error=error_text(exc))
        )
