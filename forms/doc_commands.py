"""Commands shared by the document form and the document list: "Create based on" and "Print".

"Create based on" lists the document types declared as based on this one; choosing one builds
the new document's data from the basis off the GUI thread and asks (``create_requested``) for a
new form filled with it. "Print" (Ctrl+P) lists the print forms of the type; it renders the
chosen documents into one temporary PDF off the GUI thread and opens it in the client's print
preview (:class:`forms.print_preview.PrintPreview`: zoom, Print… to a printer, Save as PDF…,
copies) through :data:`open_pdf`, which tests may replace.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from forms import switched_on
from forms.formatting import date_format
from forms.icons import icon
from forms.texts import error_message, meta_tr
from forms.worker import Loader
from server.api import Session
from server.api.related import based_on_payload, based_on_targets
from server.metadata import Registry

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from reports.print_form import PrintLocale


def open_preview(path: str, title: str, parent: QWidget) -> QWidget:
    """The print preview of the PDF ``path``, shown as a window of its own."""
    from forms.print_preview import PrintPreview  # pypdfium2: loaded with the first preview

    preview = PrintPreview(path, title, parent.window())
    preview.show()
    preview.raise_()
    preview.activateWindow()
    return preview


open_pdf: Callable[[str, str, QWidget], QWidget | None] = open_preview  # tests may replace it


def print_locale(loc: QLocale | None = None) -> PrintLocale:
    """The PDF number and date format of the user's locale."""
    from reports.print_form import PrintLocale  # reportlab: loaded when first needed

    loc = loc or QLocale()
    qt = date_format(loc)
    py = qt.replace("yyyy", "%Y").replace("MM", "%m").replace("dd", "%d")
    if re.search("[A-Za-z]", re.sub("%[Ymd]", "", py)):
        py = "%Y-%m-%d"  # a pattern we do not map (single letters, names): ISO instead
    return PrintLocale(
        group=loc.groupSeparator(),
        point=loc.decimalPoint(),
        date_format=py,
        language=loc.name().split("_")[0],
    )


def _translate(text: str) -> str:
    """A print form's own text (context PrintForm) or a declared title (context meta)."""
    out = QCoreApplication.translate("PrintForm", text)
    return out if out != text else meta_tr(text)


def _file_name(text: str) -> str:
    return re.sub(r'[\\/:*?"<>|]+', "_", text).strip() or "document"


class DocumentCommands(QObject):
    """The two menu commands of one document type; ``ids`` gives the documents they act on."""

    create_requested = Signal(str, object)  # new document's name, its filled-in data
    printed = Signal(str)  # the PDF's path
    failed = Signal(str)

    def __init__(
        self,
        engine: Engine,
        reg: Registry,
        name: str,
        ids: Callable[[], list[int]],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.engine, self.reg, self.name, self.ids = engine, reg, name, ids
        self.doc = reg.document(name)
        self.based_on_menu = QMenu(parent)
        self.based_on_menu.setObjectName("based_on_menu")
        self.based_on_menu.aboutToShow.connect(self._fill_based_on_menu)
        self._fill_based_on_menu()
        self.based_on_action = QAction(icon("document"), self.tr("Create based on"), parent)
        self.based_on_action.setObjectName("create_based_on")
        self.based_on_action.setToolTip(self.tr("Create a new document from this one"))
        self.based_on_action.setMenu(self.based_on_menu)
        self.based_on_action.setEnabled(bool(based_on_targets(reg, name)))
        self.based_on_action.triggered.connect(self._show_based_on_menu)

        # The forms are listed when the menu first opens: reportlab (under the print forms)
        # loads with the first print, not while a reopened list builds the window at start.
        self.print_menu = QMenu(parent)
        self.print_menu.setObjectName("print_menu")
        self.print_menu.aboutToShow.connect(self.fill_print_menu)
        self.print_action = QAction(icon("print"), self.tr("Print"), parent)
        self.print_action.setObjectName("print")
        self.print_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
        self.print_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.print_action.setToolTip(self.tr("Print (Ctrl+P)"))
        self.print_action.setMenu(self.print_menu)
        self.print_action.triggered.connect(lambda: self.print())

        self._loader = Loader(self)
        self._loader.failed.connect(lambda exc: self.failed.emit(error_message(exc)))

        self.last_pdf: str | None = None
        self.preview: QWidget | None = None  # the last preview window opened

    @property
    def busy(self) -> bool:
        return self._loader.loading

    def fill_print_menu(self) -> QMenu:
        """The print forms of the document, one action each (listed once)."""
        if not self.print_menu.actions():
            from reports.print_form import form_title, print_forms

            for form in print_forms(self.name):
                a = self.print_menu.addAction(form_title(form, self.doc, _translate))
                a.setObjectName(f"print_{form.name}")
                a.triggered.connect(lambda _=False, f=form.name: self.print(f))
        return self.print_menu

    def _fill_based_on_menu(self) -> None:
        """The targets of switched-on subsystems, as they are when the menu opens."""
        menu = self.based_on_menu
        menu.clear()
        for target in based_on_targets(self.reg, self.name, switched_on.enabled()):
            a = menu.addAction(meta_tr(target.title))
            a.setObjectName(f"based_on_{target.name}")
            a.triggered.connect(lambda _=False, t=target.name: self.create_based_on(t))
        if menu.isEmpty():
            menu.addAction(self.tr("Nothing of a switched-on subsystem")).setEnabled(False)

    def _show_based_on_menu(self) -> None:
        parent = self.parent()
        assert isinstance(parent, QWidget)
        self.based_on_menu.popup(parent.mapToGlobal(parent.rect().center()))

    # -- create based on -------------------------------------------------------------------
    def create_based_on(self, target: str) -> None:
        """Fill a new ``target`` document from the (first) chosen document."""
        ids = self.ids()
        if not ids or self.busy:
            return
        session, reg, name, basis_id = Session(self.engine), self.reg, self.name, ids[0]
        self._loader.run(
            lambda: based_on_payload(session, reg, target, name, basis_id),
            lambda payload: self.create_requested.emit(target, payload),
        )

    # -- print -----------------------------------------------------------------------------
    def print(self, form: str = "document") -> None:
        """Render the chosen documents with the print form ``form`` and open the PDF."""
        ids = self.ids()
        if not ids or self.busy:
            return
        from reports.print_form import print_documents

        session, reg, name, loc = Session(self.engine), self.reg, self.name, print_locale()
        folder = Path(tempfile.mkdtemp(prefix="kontora-print-"))
        title = _translate(self.doc.title)
        table, date_format = self.doc.table, loc.date_format

        def render() -> tuple[str, str]:
            label = self.tr("{title}: {count} documents").format(title=title, count=len(ids))
            if len(ids) == 1:  # one document: its number and date, as the user knows it
                row = session.rows(f"SELECT number, date FROM {table} WHERE id = :id", id=ids[0])
                label = self.tr("{title} {number} of {date}").format(
                    title=title, number=row[0]["number"], date=row[0]["date"].strftime(date_format)
                )
            path = folder / f"{_file_name(label)}.pdf"
            return str(print_documents(session, reg, name, ids, path, form, _translate, loc)), label

        self._loader.run(render, lambda out: self._on_printed(*out))

    def _on_printed(self, path: str, label: str) -> None:
        self.last_pdf = path
        parent = self.parent()
        assert isinstance(parent, QWidget)
        self.preview = open_pdf(path, label, parent)
        self.printed.emit(path)
