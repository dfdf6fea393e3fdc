"""The universal balance-and-turnover report of one accumulation register, as a workspace tab.

Everything comes from the register's declaration: the settings panel (period, grouping,
breakdown, a filter per dimension), the columns, the drill-down. "Generate" (F5 or Ctrl+Enter)
runs :class:`server.api.reports.Reports` off the GUI thread; the result is a table whose group
rows are indented and bold, with the grand total at the bottom. A double click (or Enter) on a
row opens the movements behind it; a double click on a movement opens its document
(``open_document_requested``). The settings are remembered per user; the result exports to
Excel with its period and filters.

Strings use the translation context ``ReportForm``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from forms.form_support import CTRL_ENTER, SHORTCUT
from forms.icons import icon
from forms.list_model import error_text
from forms.message_bar import MessageBar
from forms.report_drill import DrillDialog, is_enter
from forms.report_model import ROW_ROLE, ReportModel, export_table, label_text
from forms.report_settings import PanelSpec, ReportSettingsPanel, register_spec
from forms.rows_export import ask_xlsx_path
from forms.settings_store import store_for
from forms.texts import meta_tr
from forms.worker import Loader
from server.api import Session
from server.api.reports import REPORT_TITLES, Report, ReportRow, Reports, ReportSettings
from server.infobase import reports_engine
from server.metadata import AccumulationRegister, Registry

if TYPE_CHECKING:
    from sqlalchemy import Engine


SIZING_ROWS = 200  # rows looked at to fit the columns to their contents
#: What is behind a result row: a document (type, id) or movements (settings, row key).
Behind = tuple[str, int] | tuple[ReportSettings, dict[str, Any]] | None


def report_title(r: AccumulationRegister) -> str:
    """A register report's name in the user's language ("Stock: balance and turnover")."""
    template = QCoreApplication.translate("Sections", REPORT_TITLES[r.kind])
    return template.format(register=meta_tr(r.title))


def settings_key(register: str) -> str:
    return f"report:{register}"


class ReportForm(QWidget):
    """Settings panel, Generate, the result table, drill-down and export of one register.
    A subclass (:class:`forms.trade_report_form.TradeReportForm`) changes what the panel
    offers (:meth:`panel_spec`), what generates the report (:meth:`run`) and what is behind
    a row (:meth:`behind`)."""

    error = Signal(str)
    open_document_requested = Signal(str, int)
    generated = Signal()
    exported = Signal(str)  # the path of a written export

    def __init__(self, engine: Engine, reg: Registry, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.engine, self.reg, self.name = engine, reg, name
        self.setObjectName(f"report_{name}")
        self.report: Report | None = None
        self.drills: list[DrillDialog] = []
        self.panel = ReportSettingsPanel(engine, reg, self.panel_spec(), self)
        # A dimension's subsystem switched off or on: a report on screen is generated again
        # without (with) it.
        self.panel.switched.connect(self.refresh)
        self.generate_button = QPushButton(icon("report"), self.tr("&Generate"), self)
        self.generate_button.setToolTip(self.tr("Generate the report (F5, Ctrl+Enter)"))
        self.generate_button.clicked.connect(self.generate)
        self.export_button = QPushButton(self.tr("Export to &Excel…"), self)
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(lambda: self.export_to_excel())
        self.status = QLabel(self.tr("Choose the settings and press Generate (F5)"), self)
        self.message_bar = MessageBar(self)
        self.model = ReportModel(self)
        self.view = self._make_view()
        buttons = QHBoxLayout()
        buttons.addWidget(self.generate_button)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel)
        layout.addLayout(buttons)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.view, 1)
        self.loader = Loader(self)
        self.loader.finished.connect(self._on_report)
        self.loader.failed.connect(self._on_failed)
        self.loader.loading_changed.connect(self._on_loading)
        self._export = Loader(self)
        self._export.failed.connect(self._on_export_failed)
        self._add_shortcuts()
        self.setFocusProxy(self.generate_button)
        self.settings_loaded = False
        store_for(engine).load([settings_key(name)], self, self._restore)

    def _make_view(self) -> QTableView:
        view = QTableView(self)
        view.setObjectName("report_result")
        view.setAccessibleName(self.title())
        view.setModel(self.model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setWordWrap(False)
        view.verticalHeader().setVisible(False)
        view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        view.horizontalHeader().setResizeContentsPrecision(SIZING_ROWS)
        view.doubleClicked.connect(lambda index: self.drill(index.row()))
        view.installEventFilter(self)
        return view

    def _add_shortcuts(self) -> None:
        action = QAction(self.tr("Generate"), self)
        action.setShortcuts([QKeySequence(Qt.Key.Key_F5), *CTRL_ENTER])
        action.setShortcutContext(SHORTCUT)
        action.triggered.connect(self.generate)
        self.addAction(action)

    def panel_spec(self) -> PanelSpec:
        """What the settings panel offers: the register's levels and filters."""
        self.register = self.reg.register(self.name)
        return register_spec(self.reg, self.register)

    def reshape(self) -> None:
        """Offer what the declarations offer now (a field added or dropped): a new settings
        panel keeping the choices that still exist."""
        spec = self.panel_spec()
        if spec == self.panel.spec:
            return
        saved, old = self.panel.saved(), self.panel
        self.panel = ReportSettingsPanel(self.engine, self.reg, spec, self)
        self.layout().replaceWidget(old, self.panel)
        old.deleteLater()
        self.panel.restore(saved)

    def run(self, settings: ReportSettings) -> Report:
        """Build the report (in the background thread)."""
        return Reports(Session(reports_engine(self.engine)), self.reg).run(settings)

    def behind(self, r: ReportRow) -> Behind:
        """The movements behind a result row: the report's settings and the row's key."""
        assert self.report is not None
        return self.report.settings, r.keys

    def _restore(self, values: dict[str, Any]) -> None:
        saved = values.get(settings_key(self.name))
        if isinstance(saved, dict):
            self.panel.restore(saved)
        self.settings_loaded = True

    # -- generating -----------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self.loader.loading or self._export.loading

    def refresh(self) -> None:
        """Generate again what is shown (after a reconnection); nothing before the first."""
        if self.report is not None:
            self.generate()

    def generate(self) -> None:
        """Build the report with the current settings (in the background) and remember them."""
        settings = self.panel.settings()
        store_for(self.engine).save(settings_key(self.name), self.panel.saved())
        self.message_bar.clear()
        self.loader.submit(lambda: self.run(settings))

    def _on_loading(self, loading: bool) -> None:
        self.generate_button.setEnabled(not loading)
        if loading:
            self.status.setText(self.tr("Generating…"))

    def _on_report(self, report: Report) -> None:
        self.report = report
        self.model.set_report(report)
        self.view.resizeColumnsToContents()  # from the first SIZING_ROWS rows
        self.export_button.setEnabled(True)
        items = sum(1 for r in report.rows if r.kind == "item")
        self.status.setText(self.tr("%n row(s)", "", items))
        self.generated.emit()

    def _on_failed(self, exc: BaseException) -> None:
        self.status.setText("")
        text = error_text(exc)
        self.message_bar.show_error(text)
        self.error.emit(text)

    # -- drill-down -----------------------------------------------------------------------
    def drill(self, row: int) -> DrillDialog | None:
        """The movements behind result row ``row`` in a window of their own (or the document
        it stands for, opened: ``open_document_requested``)."""
        if self.report is None or not 0 <= row < self.model.rowCount():
            return None
        r: ReportRow = self.model.index(row, 0).data(ROW_ROLE)
        target = self.behind(r)
        if target is None:
            return None
        if isinstance(target[0], str):
            self.open_document_requested.emit(target[0], int(target[1]))
            return None
        settings, key = target
        what = self._row_path(r)
        dialog = DrillDialog(self.engine, self.reg, settings, key, what, self)
        dialog.open_document_requested.connect(self.open_document_requested)
        dialog.finished.connect(lambda *_: self._forget(dialog))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.drills.append(dialog)
        dialog.show()
        return dialog

    def _forget(self, dialog: DrillDialog) -> None:
        self.drills = [d for d in self.drills if d is not dialog]

    def _row_path(self, r: ReportRow) -> str:
        """A row's place in words: the labels of its levels ("Main warehouse, Bolt M4")."""
        if r.kind == "total":
            return label_text(r, "")
        rows = self.model.rows
        parts = []
        for k in range(r.level + 1):
            keys = {lv: r.keys[lv] for lv in list(r.keys)[: k + 1]}
            owner = next((x for x in rows if x.level == k and x.keys == keys), r)
            parts.append(label_text(owner, list(r.keys)[k]))
        return ", ".join(parts)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter on a result row opens its movements."""
        if watched is self.view and is_enter(event):
            self.drill(self.view.currentIndex().row())
            return True
        return super().eventFilter(watched, event)

    # -- export ---------------------------------------------------------------------------
    def export_to_excel(self, path: str | None = None) -> None:
        """Write the result shown to an xlsx file, in the background (a save dialog asks
        without ``path``); ``exported`` tells the path when it is written."""
        if self.report is None or self._export.loading:
            return
        path = path or ask_xlsx_path(self, self.title())
        if not path:
            return
        from reports.excel import export_report  # openpyxl: loaded with the first export

        columns, lines = export_table(self.model)
        title, heading, target = self.title(), self.panel.describe(), path
        self.status.setText(self.tr("Exporting…"))
        self._export.run(
            lambda: export_report(target, title, heading, columns, lines),
            lambda _count: self._on_exported(target),
        )

    def _on_exported(self, path: str) -> None:
        self.status.setText(self.tr("Exported to {file}").format(file=Path(path).name))
        self.exported.emit(path)

    def _on_export_failed(self, exc: BaseException) -> None:
        self.status.setText("")
        self.message_bar.show_error(
            self.tr("The export failed: {error}").format(error=error_text(exc))
        )

    def title(self) -> str:
        """The report's name as the navigation shows it ("Stock: balance and turnover")."""
        return report_title(self.register)
