"""CRM → Analytics: the sales funnel, ABC / XYZ of customers or products, the BCG matrix,
manager KPIs and marketing effectiveness — a table beside its chart, exported to Excel with the
chart as a native Excel chart (reports/analysis_excel.py).

The analysis runs in PostgreSQL off the GUI thread (server/api/abc_xyz.py, crm_funnel.py); the
chart (matplotlib) is created when the form opens, so the client starts without matplotlib.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
)

from forms import date_keys, switched_on
from forms.admin_base import AdminForm
from forms.formatting import display
from forms.rows_export import ask_xlsx_path
from server.api import abc_xyz, crm_funnel
from server.api.analysis import Analysis
from server.api.analysis_fields import ITEM_CATALOGS, add_field_columns
from server.api.session import Session
from server.errors import QT_TRANSLATE_NOOP
from server.infobase import reports_engine
from server.metadata import Registry

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget
    from sqlalchemy import Engine

#: analysis key -> (title, needs a deal type, thresholds (label, defaults) or None)
ANALYSES: dict[str, tuple[str, bool, tuple[str, float, float] | None]] = {
    "funnel": ("Sales funnel", True, None),
    "abc_customers": ("ABC: customers", False, ("A / B, %", 80, 15)),
    "abc_products": ("ABC: products", False, ("A / B, %", 80, 15)),
    "xyz_customers": ("XYZ: customers", False, ("X / Y, %", 10, 25)),
    "xyz_products": ("XYZ: products", False, ("X / Y, %", 10, 25)),
    "bcg": ("BCG matrix", False, None),
    "kpis": ("Manager KPIs", False, None),
    "marketing": ("Marketing effectiveness", False, None),
}

_SALES = ("register:sales",)
_DEALS = ("catalog:deals",)
#: analysis key -> the declared objects it reads ("kind:name"): it is offered only while their
#: subsystems are switched on (marketing effectiveness is gone with Marketing off)
READS: dict[str, tuple[str, ...]] = {
    "funnel": _DEALS,
    "abc_customers": _SALES,
    "abc_products": _SALES,
    "xyz_customers": _SALES,
    "xyz_products": _SALES,
    "bcg": _SALES,
    "kpis": (*_DEALS, *_SALES, "document:interaction"),
    "marketing": (*_DEALS, *_SALES, "catalog:ad_channels", "catalog:marketing_events"),
}


def subsystems_read(reg: Registry, key: str) -> set[str]:
    """The subsystems of the objects analysis ``key`` reads (from their declarations)."""
    out = set()
    for obj in READS[key]:
        kind, name = obj.split(":")
        if kind == "register":
            out.add(reg.register(name).subsystem)
        elif kind == "catalog":
            out.add(reg.catalogs[name].subsystem)
        else:
            out.add(reg.document(name).subsystem)
    return out


TITLES = (
    QT_TRANSLATE_NOOP("Analysis", "ABC: customers"),
    QT_TRANSLATE_NOOP("Analysis", "ABC: products"),
    QT_TRANSLATE_NOOP("Analysis", "XYZ: customers"),
    QT_TRANSLATE_NOOP("Analysis", "XYZ: products"),
    QT_TRANSLATE_NOOP("Analysis", "A / B, %"),
    QT_TRANSLATE_NOOP("Analysis", "X / Y, %"),
)


def run_analysis(
    session: Session,
    key: str,
    start: dt.date,
    end: dt.date,
    deal_type: Any,
    t1: Any,
    t2: Any,
    reg: Registry | None = None,
) -> Analysis:
    """The analysis ``key`` for the period (the form's choices; also used by tests); with
    ``reg``, an item's fields added without code are columns too."""
    one, two = Decimal(str(t1)), Decimal(str(t2))
    calls: dict[str, Callable[[], Analysis]] = {
        "funnel": lambda: crm_funnel.funnel(session, deal_type, start, end),
        "abc_customers": lambda: abc_xyz.abc(session, "customers", start, end, one, two),
        "abc_products": lambda: abc_xyz.abc(session, "products", start, end, one, two),
        "xyz_customers": lambda: abc_xyz.xyz(session, "customers", start, end, one, two),
        "xyz_products": lambda: abc_xyz.xyz(session, "products", start, end, one, two),
        "bcg": lambda: abc_xyz.bcg(session, start, end),
        "kpis": lambda: crm_funnel.manager_kpis(session, start, end),
        "marketing": lambda: crm_funnel.marketing(session, start, end),
    }
    a = calls[key]()
    item = key.rpartition("_")[2] if key != "bcg" else "products"
    if reg is not None and item in ITEM_CATALOGS:
        add_field_columns(session, reg, a, ITEM_CATALOGS[item])
    return a


def _tr(text: str) -> str:
    return QCoreApplication.translate("Analysis", text)


class AnalyticsForm(AdminForm):
    """Analysis, period and its settings above; the table and the chart side by side."""

    watches = ("catalog:deals", "catalog:deal_types")
    shown = Signal()  # an analysis is on screen (tests wait for it)
    exported = Signal(str)

    def __init__(self, engine: Engine, reg: Registry, parent: QWidget | None = None) -> None:
        super().__init__(engine, reg, parent)
        from forms.analysis_chart import AnalysisChart  # matplotlib: only when it is wanted

        self.setObjectName("analytics")
        self.heading.setText(self.tr("Analytics"))
        self.analysis: Analysis | None = None
        self.kind = QComboBox(self)
        self.kind.setObjectName("analysis_kind")
        self._offer_kinds()
        self.kind.currentIndexChanged.connect(self._kind_changed)
        today = QDate.currentDate()
        self.start = self._date("analysis_start", QDate(today.year(), 1, 1))
        self.end = self._date("analysis_end", today)
        self.deal_type = QComboBox(self)
        self.deal_type.setObjectName("analysis_deal_type")
        self.deal_type.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.t1, self.t2 = self._threshold("threshold_1"), self._threshold("threshold_2")
        self.t_label = QLabel(self)
        self.generate = QPushButton(self.tr("&Generate"), self)
        self.generate.setObjectName("analysis_generate")
        self.generate.setDefault(True)
        self.generate.clicked.connect(self.refresh)
        self.export = QPushButton(self.tr("Export to Excel"), self)
        self.export.setObjectName("analysis_export")
        self.export.clicked.connect(lambda: self.export_to_excel())
        self.export.setEnabled(False)
        bar = QHBoxLayout()
        for label, w in (
            (self.tr("&Analysis:"), self.kind),
            (self.tr("&From:"), self.start),
            (self.tr("&To:"), self.end),
            (self.tr("&Deal type:"), self.deal_type),
        ):
            lab = QLabel(label, self)
            lab.setBuddy(w)
            bar.addWidget(lab)
            bar.addWidget(w)
        for w in (self.t_label, self.t1, self.t2):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.generate)
        bar.addWidget(self.export)
        self.table = QTableWidget(0, 0, self)
        self.table.setObjectName("analysis_table")
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.chart = AnalysisChart(self)
        self.chart.setMinimumWidth(240)
        # The table takes what its columns need; the chart what is left (not its own hint).
        self.chart.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.splitter = splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.chart)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.body.addLayout(bar)
        self.body.addWidget(splitter, 1)
        frame = self.layout()
        frame.setStretch(frame.indexOf(self.body), 1)
        frame.setStretch(frame.count() - 1, 0)
        self._kind_changed()
        self.load()
        switched_on.subscribe(self._offer_kinds)

    def _offer_kinds(self) -> None:
        """The analyses whose objects' subsystems are on (the current one kept if it is)."""
        on = switched_on.enabled()
        keys = [k for k in ANALYSES if on is None or subsystems_read(self.reg, k) <= on]
        if keys == self.kinds():
            return
        current = self.kind.currentData()
        self.kind.blockSignals(True)
        self.kind.clear()
        for key in keys:
            self.kind.addItem(_tr(ANALYSES[key][0]), key)
        self.kind.setCurrentIndex(max(self.kind.findData(current), 0))
        self.kind.blockSignals(False)
        if self.kind.currentData() != current and hasattr(self, "t1"):
            self._kind_changed()

    def kinds(self) -> list[str]:
        """The analyses offered now."""
        return [str(self.kind.itemData(i)) for i in range(self.kind.count())]

    def _date(self, name: str, value: QDate) -> QDateEdit:
        w = QDateEdit(value, self)
        w.setObjectName(name)
        w.setCalendarPopup(True)
        date_keys.install(w)
        return w

    def _threshold(self, name: str) -> QDoubleSpinBox:
        w = QDoubleSpinBox(self)
        w.setObjectName(name)
        w.setRange(0, 100)
        w.setDecimals(1)
        w.setSuffix(" %")
        return w

    def _kind_changed(self) -> None:
        _, needs_type, thresholds = ANALYSES[self.kind.currentData()]
        self.deal_type.setEnabled(needs_type)
        for w in (self.t_label, self.t1, self.t2):
            w.setVisible(thresholds is not None)
        if thresholds:
            label, one, two = thresholds
            self.t_label.setText(_tr(label))
            self.t1.setValue(one)
            self.t2.setValue(two)

    # -- reading --------------------------------------------------------------------------
    def load(self) -> None:
        """The deal types (for the funnel)."""
        session = self.session()
        self._run(
            lambda: session.rows(
                "SELECT id, name FROM kontora.cat_deal_types WHERE NOT deletion_mark ORDER BY name"
            ),
            self._show_types,
        )

    def _show_types(self, types: list[dict[str, Any]]) -> None:
        wanted = self.deal_type.currentData()
        self.deal_type.clear()
        for t in types:
            self.deal_type.addItem(t["name"], t["id"])
        at = self.deal_type.findData(wanted)
        self.deal_type.setCurrentIndex(max(at, 0))

    @staticmethod
    def _day(w: QDateEdit) -> dt.date:
        d = w.date()
        return dt.date(d.year(), d.month(), d.day())

    def refresh(self) -> None:
        """Compute the chosen analysis off the GUI thread and show it."""
        key = self.kind.currentData()
        if key == "funnel" and self.deal_type.currentData() is None:
            self.message_bar.show_error(self.tr("Choose a deal type for the funnel."))
            return
        start, end = self._day(self.start), self._day(self.end)
        if end < start:
            self.message_bar.show_error(
                self.tr("The period ends ({end}) before it starts ({start}).").format(
                    end=self.end.text(), start=self.start.text()
                )
            )
            return
        session, kind = Session(reports_engine(self.engine)), self.deal_type.currentData()
        t1, t2 = self.t1.value(), self.t2.value()
        self.message_bar.clear()
        reg = self.reg
        self._run(lambda: run_analysis(session, key, start, end, kind, t1, t2, reg), self._show)

    def _show(self, a: Analysis) -> None:
        self.analysis = a
        titles = {key: _tr(title) for key, title, _ in a.columns}
        self.table.clear()
        self.table.setColumnCount(len(a.columns))
        self.table.setRowCount(len(a.rows))
        self.table.setHorizontalHeaderLabels([titles[k] for k, _, _ in a.columns])
        for i, row in enumerate(a.rows):
            for j, (key, _, kind) in enumerate(a.columns):
                value = row.get(key)
                text = display(value, kind)
                if j == 0 and row.get("level"):
                    text = "    " + text
                item = QTableWidgetItem(_tr(text) if key in ("quadrant", "source") else text)
                if kind != "text":
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(i, j, item)
        self.table.resizeColumnsToContents()
        self._fit_table()
        self.chart.draw_analysis(a, titles)
        self.export.setEnabled(bool(a.rows))
        if not a.rows:
            self.message_bar.show_info(self.tr("No data for the period."))
        elif a.notes:
            self.message_bar.show_info(" ".join(_tr(n) for n in a.notes))
        self.shown.emit()

    def _fit_table(self) -> None:
        """The table as wide as its columns (at most 60 %); the chart takes the rest."""
        total = sum(self.splitter.sizes())
        frame = self.table.frameWidth() * 2 + self.table.verticalScrollBar().sizeHint().width() + 24
        need = (
            self.table.verticalHeader().width()
            + frame
            + sum(self.table.columnWidth(j) for j in range(self.table.columnCount()))
        )
        if total > 0:
            table = min(need, total * 3 // 5)
            self.splitter.setSizes([table, total - table])

    # -- export ---------------------------------------------------------------------------
    def export_to_excel(self, path: str | None = None) -> None:
        """The table and a native chart into an xlsx file (a dialog asks without ``path``)."""
        a = self.analysis
        if a is None:
            return
        path = path or ask_xlsx_path(self, _tr(a.title))
        if not path:
            return
        from reports.analysis_excel import export_analysis

        title = f"{_tr(a.title)}: {self.start.text()} – {self.end.text()}"
        titles = {key: _tr(t) for key, t, _ in a.columns}
        target = str(path)
        self._run(
            lambda: export_analysis(a, target, title, titles),
            lambda _n: self._on_exported(target),
        )

    def _on_exported(self, path: str) -> None:
        self.message_bar.show_info(self.tr("Exported to {file}").format(file=Path(path).name))
        self.exported.emit(path)
