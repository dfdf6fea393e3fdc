"""A trade report with its own query (debts by age, orders to ship) as a workspace tab.

An "on date" field, Generate (F5 or Ctrl+Enter), the result in the register report's table
model (group rows bold, the total at the bottom) and its Excel export. A double click (or
Enter) on a document's row opens the document (a debt's shipment or receipt; an order).

Strings use the translation context ``ReportForm``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from forms import date_keys
from forms.form_support import CTRL_ENTER, SHORTCUT
from forms.formatting import date_format, date_text
from forms.icons import icon
from forms.list_model import error_text
from forms.message_bar import MessageBar
from forms.report_drill import is_enter
from forms.report_model import ROW_ROLE, ReportModel, export_table
from forms.texts import meta_tr
from forms.worker import Loader
from reports.excel import export_report
from server.api import Session
from server.api.report_trade import AGING, TradeReports
from server.api.reports import Report, ReportRow
from server.config.reports import TRADE_REPORTS
from server.metadata import Registry

if TYPE_CHECKING:
    from sqlalchemy import Engine


def document_of(row: ReportRow) -> tuple[str, int] | None:
    """The document a row stands for: a debt's ``"<type>:<id>"``, or its sales order."""
    doc = row.keys.get("document")
    if isinstance(doc, str):
        kind, _, ident = doc.partition(":")
        return kind, int(ident)
    if row.keys.get("order"):
        return "sales_order", int(row.keys["order"])
    return None


class TradeReportForm(QWidget):
    """On date, Generate, the table, opening documents and the export of one trade report."""

    error = Signal(str)
    open_document_requested = Signal(str, int)
    generated = Signal()
    exported = Signal(str)

    def __init__(self, engine: Engine, reg: Registry, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.engine, self.reg, self.name = engine, reg, name
        self.spec = next(t for t in TRADE_REPORTS if t.name == name)
        self.setObjectName(f"report_{name}")
        self.report: Report | None = None
        self.settings_loaded = True
        self.as_of = QDateEdit(QDate.currentDate(), self)
        self.as_of.setCalendarPopup(True)
        self.as_of.setDisplayFormat(date_format(self.locale()))
        self.as_of.setAccessibleName(self.tr("On date"))
        date_keys.install(self.as_of)
        self.generate_button = QPushButton(icon("report"), self.tr("&Generate"), self)
        self.generate_button.clicked.connect(self.generate)
        self.export_button = QPushButton(self.tr("Export to &Excel…"), self)
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(lambda: self.export_to_excel())
        self.status = QLabel(self.tr("Choose the settings and press Generate (F5)"), self)
        self.message_bar = MessageBar(self)
        self.model = ReportModel(self)
        self.view = self._make_view()
        top = QHBoxLayout()
        if name in AGING:  # orders to ship show the current state
            top.addWidget(QLabel(self.tr("On date"), self))
            top.addWidget(self.as_of)
        else:
            self.as_of.hide()
        top.addWidget(self.generate_button)
        top.addWidget(self.export_button)
        top.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.view, 1)
        self.loader = Loader(self)
        self.loader.finished.connect(self._on_report)
        self.loader.failed.connect(self._on_failed)
        self._export = Loader(self)
        self._export.failed.connect(
            lambda exc: self.message_bar.show_error(
                self.tr("The export failed: {error}").format(error=error_text(exc))
            )
        )
        action = QAction(self.tr("Generate"), self)
        action.setShortcuts([QKeySequence(Qt.Key.Key_F5), *CTRL_ENTER])
        action.setShortcutContext(SHORTCUT)
        action.triggered.connect(self.generate)
        self.addAction(action)
        self.setFocusProxy(self.generate_button)

    def _make_view(self) -> QTableView:
        view = QTableView(self)
        view.setObjectName("report_result")
        view.setAccessibleName(meta_tr(self.spec.title))
        view.setModel(self.model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.verticalHeader().setVisible(False)
        view.doubleClicked.connect(lambda index: self.open_row(index.row()))
        view.installEventFilter(self)
        return view

    def title(self) -> str:
        return meta_tr(self.spec.title)

    @property
    def busy(self) -> bool:
        return self.loader.loading or self._export.loading

    def refresh(self) -> None:
        if self.report is not None:
            self.generate()

    def generate(self) -> None:
        """Build the report on the chosen date (in the background)."""
        self.message_bar.clear()
        reports, name = TradeReports(Session(self.engine), self.reg), self.name
        as_of = self.as_of.date().toPython()
        if name in AGING:
            self.loader.submit(lambda: reports.aging(name, as_of))
        else:
            self.loader.submit(lambda: reports.orders_to_ship(as_of))

    def _on_report(self, report: Report) -> None:
        for r in report.rows:  # a partner's advance: the row of no document
            if r.kind == "item" and "document" in r.keys and r.keys["document"] is None:
                r.label = self.tr("Advance")
        self.report = report
        self.model.set_report(report)
        self.view.resizeColumnsToContents()
        self.export_button.setEnabled(True)
        items = sum(1 for r in report.rows if r.kind == "item")
        self.status.setText(self.tr("%n row(s)", "", items))
        self.generated.emit()

    def _on_failed(self, exc: BaseException) -> None:
        self.status.setText("")
        text = error_text(exc)
        self.message_bar.show_error(text)
        self.error.emit(text)

    def open_row(self, row: int) -> tuple[str, int] | None:
        """Open the document of result row ``row`` (if it stands for one)."""
        if not 0 <= row < self.model.rowCount():
            return None
        doc = document_of(self.model.index(row, 0).data(ROW_ROLE))
        if doc is not None:
            self.open_document_requested.emit(*doc)
        return doc

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view and is_enter(event):
            self.open_row(self.view.currentIndex().row())
            return True
        return super().eventFilter(watched, event)

    def export_to_excel(self, path: str | None = None) -> None:
        """Write the result shown to an xlsx file in the background (a dialog asks without
        ``path``); ``exported`` tells the path when it is written."""
        if self.report is None or self._export.loading:
            return
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Export to Excel"), f"{self.title()}.xlsx",
                self.tr("Excel workbook (*.xlsx)"),
            )  # fmt: skip
            if not path:
                return
            if Path(path).suffix.lower() != ".xlsx":
                path += ".xlsx"
        columns, lines = export_table(self.model)
        as_of: dt.date = self.as_of.date().toPython()
        heading = [self.tr("On date: {date}").format(date=date_text(as_of))]
        title, target = self.title(), path
        self._export.run(
            lambda: export_report(target, title, heading, columns, lines),
            lambda _count: self.exported.emit(target),
        )
