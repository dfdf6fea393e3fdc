""" "Export to Excel…" of a form whose rows are already in memory (My tasks, Prices, Pay rates).

The form says what to write through three callables — the title, the columns (row key,
heading, list column kind) and the rows — and, optionally, the lines above the table (the
date, the price type…). The workbook is written by :func:`reports.excel.export_rows` off the
GUI thread, like a list's export: numbers as numbers, dates as dates, a frozen header, an
autofilter and the totals of the money columns.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QFileDialog, QPushButton, QWidget

from forms.list_actions import excel_words
from forms.list_model import error_text
from forms.worker import Loader

Column = tuple[str, str, str]


def ask_xlsx_path(parent: QWidget, name: str) -> str:
    """The file an export goes to, asked in a save dialog offering ``name``.xlsx ("" when the
    user cancels); ".xlsx" is added when the typed name lacks it."""
    path, _ = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("Excel", "Export to Excel"),
        f"{name}.xlsx",
        QCoreApplication.translate("Excel", "Excel workbook (*.xlsx)"),
    )
    if path and Path(path).suffix.lower() != ".xlsx":
        path += ".xlsx"
    return path


class RowsExport(QObject):
    """The button and the work of one form's export; ``exported`` tells the written path."""

    exported = Signal(str)
    failed = Signal(str)

    def __init__(
        self,
        form: QWidget,
        title: Callable[[], str],
        columns: Callable[[], list[Column]],
        rows: Callable[[], list[dict[str, Any]]],
        heading: Callable[[], str] = lambda: "",
    ) -> None:
        super().__init__(form)
        self.form, self.title, self.columns, self.rows, self.heading = (
            form, title, columns, rows, heading
        )  # fmt: skip
        self.button = QPushButton(self.tr("Export to &Excel…"), form)
        self.button.setObjectName("export_excel")
        self.button.setToolTip(self.tr("Save the rows shown as an xlsx file"))
        self.button.clicked.connect(lambda: self.export())
        self._loader = Loader(self)
        self._loader.failed.connect(
            lambda exc: self.failed.emit(
                self.tr("The export failed: {error}").format(error=error_text(exc))
            )
        )

    @property
    def busy(self) -> bool:
        return self._loader.loading

    def export(self, path: str | None = None) -> None:
        """Write the rows to ``path`` (asked for in a dialog without one)."""
        if self._loader.loading:
            return
        title = self.title()
        path = path or ask_xlsx_path(self.form, title)
        if not path:
            return
        columns, rows, heading, target = self.columns(), list(self.rows()), self.heading(), path
        words = excel_words()
        from reports.excel import export_rows  # openpyxl: loaded with the first export

        self._loader.run(
            lambda: export_rows(columns, rows, target, title, heading, words),
            lambda _count: self.exported.emit(target),
        )
