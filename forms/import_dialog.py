"""Import from Excel…: choose a file and sheet, map its columns to the target's fields
(guessed from the headings in English and Russian, remembered per target and user), preview
the first rows with their refusals highlighted, choose the mode, import with progress, and see
(and save as .xlsx) what was refused and why. The server side is :mod:`server.api.importing`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from forms.list_model import error_text
from forms.texts import meta_tr, render
from forms.worker import Loader
from server.api import Session, user_settings
from server.api.import_report import save_refusals
from server.api.import_sheet import Sheet, read_sheet, sheet_names
from server.api.import_targets import PART, Target, guess_mapping, remembered, targets, to_remember
from server.api.importing import Report, check_rights, prepare, run_import
from server.errors import ForbiddenError, Template
from server.metadata import Registry

if TYPE_CHECKING:
    from sqlalchemy import Engine

PREVIEW_ROWS = 20
BAD = QColor(255, 205, 205)


def setting_key(target: str) -> str:
    return f"import:{target}"


class _Progress(QObject):
    """Carries the import's progress from the worker thread to the dialog."""

    step = Signal(int, int)


class ImportDialog(QDialog):
    """The import wizard of one target (products, partners, prices, opening stock)."""

    imported = Signal(object)  # the Report

    def __init__(
        self, engine: Engine, reg: Registry, target: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = Session(engine)
        self.reg = reg
        self.target: Target = targets(reg)[target]
        self.sheet: Sheet | None = None
        self.report: Report | None = None
        self._stored: dict[str, str] | None = None
        self.denied = ""  # why this user may not import here (a missing right)
        self.setWindowTitle(
            self.tr("Import from Excel: %1").replace("%1", meta_tr(self.target.title))
        )
        self._loader = Loader(self)
        self._loader.failed.connect(self._failed)
        self._preview_loader = Loader(self)
        self._preview_loader.failed.connect(self._failed)
        self._progress = _Progress(self)
        self._progress.step.connect(self._on_step)
        self._build()
        self._loader.run(self._read_setting, self._on_setting)

    # -- layout ---------------------------------------------------------------------------
    def _build(self) -> None:
        top = QFormLayout()
        self.path = QLineEdit(self)
        self.path.setReadOnly(True)
        self.path.setPlaceholderText(self.tr("Choose an .xlsx or .csv file"))
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        top.addRow(self.tr("File:"), row)
        self.sheets = QComboBox(self)
        self.sheets.currentTextChanged.connect(self._sheet_chosen)
        top.addRow(self.tr("Sheet:"), self.sheets)
        self.date = QDateEdit(QDate.currentDate(), self)
        self.date.setCalendarPopup(True)
        if self.target.name == "opening_stock":
            top.addRow(self.tr("Balances on:"), self.date)
        else:
            self.date.hide()

        self.mapping = QTableWidget(0, 2, self)
        self.mapping.setHorizontalHeaderLabels([self.tr("Field"), self.tr("Sheet column")])
        self.mapping.verticalHeader().hide()
        self.mapping.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.mapping.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.preview = QTableWidget(0, 0, self)
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.setAlternatingRowColors(True)
        map_box = self._boxed(self.tr("Columns"), self.mapping)
        prev_box = self._boxed(
            self.tr("Preview (first %1 rows)").replace("%1", str(PREVIEW_ROWS)), self.preview
        )
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(map_box)
        split.addWidget(prev_box)
        split.setStretchFactor(1, 2)
        ch = self.fontMetrics().horizontalAdvance("0")
        split.setSizes([ch * 64, ch * 66])
        self.preview.horizontalHeader().setStretchLastSection(True)

        self.all_mode = QRadioButton(self.tr("All or nothing: store nothing if any row is refused"))
        self.valid_mode = QRadioButton(self.tr("Only valid rows: store each good row whole"))
        self.all_mode.setChecked(True)
        self.progress = QProgressBar(self)
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result = QTableWidget(0, 4, self)
        self.result.setHorizontalHeaderLabels(
            [self.tr("Row"), self.tr("Column"), self.tr("Value"), self.tr("Reason")]
        )
        self.result.verticalHeader().hide()
        self.result.horizontalHeader().setStretchLastSection(True)
        self.result.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.result.hide()

        self.import_button = QPushButton(self.tr("&Import"), self)
        self.import_button.setDefault(True)
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.start_import)
        self.save_button = QPushButton(self.tr("Save refusals…"), self)
        self.save_button.clicked.connect(self.save_refusals)
        self.save_button.hide()
        close = QPushButton(self.tr("Close"), self)
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.all_mode)
        buttons.addWidget(self.valid_mode)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.import_button)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 3)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.result, 1)
        layout.addLayout(buttons)
        fm = self.fontMetrics()
        self.resize(fm.horizontalAdvance("0") * 130, fm.lineSpacing() * 36)

    def _boxed(self, title: str, w: QWidget) -> QGroupBox:
        box = QGroupBox(title, self)
        QVBoxLayout(box).addWidget(w)
        return box

    # -- file and sheet -------------------------------------------------------------------
    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import from Excel"), "", self.tr("Spreadsheets (*.xlsx *.csv)")
        )
        if path:
            self.open_file(path)

    def open_file(self, path: str) -> None:
        """Show the sheets of ``path`` and read the first one."""
        try:
            names = sheet_names(path)
        except Exception as exc:  # a broken or foreign file: say so, keep the dialog
            self.status.setText(self.tr("Cannot read the file: %1").replace("%1", str(exc)))
            return
        self.path.setText(path)
        self.sheets.blockSignals(True)
        self.sheets.clear()
        self.sheets.addItems(names)
        self.sheets.blockSignals(False)
        self._sheet_chosen(names[0] if names else "")

    def _sheet_chosen(self, name: str) -> None:
        path = self.path.text()
        if not path or not name:
            return
        sheet = None if path.lower().endswith(".csv") else name
        self._loader.run(lambda: read_sheet(path, sheet), self._on_sheet)

    def _read_setting(self) -> Any:
        check_rights(self.session, self.reg, self.target)
        return user_settings.get(self.session, setting_key(self.target.name))

    def _on_setting(self, stored: Any) -> None:
        self._stored = stored if isinstance(stored, dict) else None

    def _on_sheet(self, sheet: Sheet) -> None:
        self.sheet = sheet
        titles = {c.key: [meta_tr(c.field.label)] for c in self.target.columns}
        titles[PART] = [meta_tr(self.target.part_title)] if self.target.part_title else []
        mapping = guess_mapping(self.target, sheet.headings, titles)
        if self._stored:
            mapping = {k: v for k, v in mapping.items() if k not in self._stored} | remembered(
                self._stored, sheet.headings
            )
        self._fill_mapping(mapping)
        self.status.setText(self.tr("%1 rows in the sheet.").replace("%1", str(len(sheet.rows))))
        self.import_button.setEnabled(bool(sheet.rows) and not self.denied)
        if self.denied:
            self.status.setText(self.denied)
        self.refresh_preview()

    # -- mapping --------------------------------------------------------------------------
    def field_title(self, key: str) -> str:
        c = self.target.column(key)
        title = self.tr("Group") if c.field.name == "parent" else meta_tr(c.field.label)
        if c.part:
            title = f"{meta_tr(self.target.part_title)}: {title}"
        return title + (" *" if c.required else "")

    def _fill_mapping(self, mapping: dict[str, int]) -> None:
        assert self.sheet is not None
        self.mapping.setRowCount(len(self.target.columns))
        for r, c in enumerate(self.target.columns):
            item = QTableWidgetItem(self.field_title(c.key))
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            item.setData(Qt.ItemDataRole.UserRole, c.key)
            self.mapping.setItem(r, 0, item)
            combo = QComboBox(self.mapping)
            combo.addItem(self.tr("— not imported —"), -1)
            for i, h in enumerate(self.sheet.headings):
                combo.addItem(h or self.tr("Column %1").replace("%1", str(i + 1)), i)
            combo.setCurrentIndex(mapping.get(c.key, -1) + 1)
            combo.currentIndexChanged.connect(self.refresh_preview)
            self.mapping.setCellWidget(r, 1, combo)

    def current_mapping(self) -> dict[str, int]:
        """Field key -> sheet column index, as chosen in the table."""
        out = {}
        for r in range(self.mapping.rowCount()):
            combo = self.mapping.cellWidget(r, 1)
            i = combo.currentData() if isinstance(combo, QComboBox) else -1
            if i is not None and i >= 0:
                out[self.mapping.item(r, 0).data(Qt.ItemDataRole.UserRole)] = i
        return out

    def set_column(self, key: str, heading_index: int) -> None:
        """Map ``key`` to the sheet column ``heading_index`` (-1: not imported)."""
        for r in range(self.mapping.rowCount()):
            if self.mapping.item(r, 0).data(Qt.ItemDataRole.UserRole) == key:
                combo = self.mapping.cellWidget(r, 1)
                assert isinstance(combo, QComboBox)
                combo.setCurrentIndex(heading_index + 1)

    # -- preview --------------------------------------------------------------------------
    def refresh_preview(self) -> None:
        if self.sheet is None:
            return
        sheet, mapping = self.sheet, self.current_mapping()
        target = self.target.name
        self._preview_loader.run(
            lambda: prepare(self.session, self.reg, target, sheet, mapping, PREVIEW_ROWS),
            lambda result: self._show_preview(mapping, result[1]),
        )

    def _show_preview(self, mapping: dict[str, int], errors: list) -> None:
        assert self.sheet is not None
        keys = [c.key for c in self.target.columns if c.key in mapping]
        self.preview.clear()
        self.preview.setColumnCount(len(keys) + 1)
        self.preview.setHorizontalHeaderLabels(
            [self.field_title(k).rstrip(" *") for k in keys] + [self.tr("Problems")]
        )
        n = min(PREVIEW_ROWS, len(self.sheet.rows))
        self.preview.setRowCount(n)
        self.preview.setVerticalHeaderLabels([str(x) for x in self.sheet.numbers[:n]])
        bad: dict[tuple[int, str], str] = {}
        for e in errors:
            bad[(e.row, e.column)] = self._reason(e.reason)
        for r in range(n):
            number, cells = self.sheet.numbers[r], self.sheet.rows[r]
            problems = []
            for col, k in enumerate(keys):
                value = cells[mapping[k]]
                item = QTableWidgetItem("" if value is None else str(value))
                why = bad.get((number, self.sheet.headings[mapping[k]]))
                if why:
                    item.setBackground(QBrush(BAD))
                    item.setToolTip(why)
                    problems.append(f"{self.sheet.headings[mapping[k]]}: {why}")
                self.preview.setItem(r, col, item)
            problems += [why for (row, column), why in bad.items() if row == number and not column]
            self.preview.setItem(r, len(keys), QTableWidgetItem("; ".join(problems)))
        self.preview.resizeColumnsToContents()

    @staticmethod
    def _reason(reason: Template | str) -> str:
        return render(reason) if isinstance(reason, Template) else str(reason)

    # -- import ---------------------------------------------------------------------------
    def mode(self) -> str:
        return "valid" if self.valid_mode.isChecked() else "all"

    def start_import(self) -> None:
        if self.sheet is None:
            return
        sheet, mapping, mode = self.sheet, self.current_mapping(), self.mode()
        target, key = self.target.name, setting_key(self.target.name)
        options = {"date": self.date.date().toPython()} if target == "opening_stock" else {}
        progress = self._progress.step.emit

        def work() -> Report:
            user_settings.put(self.session, key, to_remember(mapping, sheet.headings))
            return run_import(
                self.session, self.reg, target, sheet, mapping, mode, options, progress
            )

        self._stored = to_remember(mapping, sheet.headings)
        self.import_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.status.setText(self.tr("Importing…"))
        self._loader.run(work, self._on_report)

    def _on_step(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _on_report(self, report: Report) -> None:
        self.report = report
        self.progress.hide()
        self.import_button.setEnabled(True)
        text = self.tr("Imported %1 rows; refused %2.")
        if not report.stored and report.errors and self.mode() == "all":
            text = self.tr("Nothing was stored (all or nothing): %2 rows refused.")
        self.status.setText(
            text.replace("%1", str(report.imported)).replace("%2", str(report.refused))
        )
        self._show_errors(report)
        self.imported.emit(report)

    def _show_errors(self, report: Report) -> None:
        self.result.setVisible(bool(report.errors))
        self.save_button.setVisible(bool(report.errors))
        self.result.setRowCount(len(report.errors))
        for r, e in enumerate(report.errors):
            cells = (str(e.row), e.column, "" if e.value is None else str(e.value))
            for c, v in enumerate((*cells, self._reason(e.reason))):
                self.result.setItem(r, c, QTableWidgetItem(v))
        self.result.resizeColumnsToContents()

    def save_refusals(self, path: str | None = None) -> str | None:
        """Save the refused rows with their reasons as .xlsx (asks where when ``path`` is None)."""
        if self.report is None or self.sheet is None:
            return None
        if not path:
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Save refusals"), "refused.xlsx", self.tr("Excel workbook (*.xlsx)")
            )
        if not path:
            return None
        titles = (self.tr("Row"), self.tr("Reason"))
        save_refusals(self.sheet, self.report, path, self._reason, titles)
        return path

    def _failed(self, exc: BaseException) -> None:
        """A refusal (rights, connection): shown here; the file and mapping stay as chosen."""
        self.progress.hide()
        self.status.setText(error_text(exc))
        if isinstance(exc, ForbiddenError):
            self.denied = error_text(exc)
        ready = self.sheet is not None and bool(self.sheet.rows) and not self.denied
        self.import_button.setEnabled(ready)


def open_import(engine: Engine, reg: Registry, target: str, parent: QWidget | None) -> ImportDialog:
    """Open the import dialog of ``target`` (non-modal, deleted when closed)."""
    dialog = ImportDialog(engine, reg, target, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
