"""The table model of a register report: one row per group, detail and total row of a
:class:`server.api.reports.Report`, the grouping column indented by level, figures right-aligned
in the user's locale (a zero shows as an empty cell, as in 1C), group and total rows bold.

Strings use the translation context ``ReportForm``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QFont, QGuiApplication, QPalette

from forms.formatting import date_text, display
from forms.texts import meta_tr
from server.api.report_sql import GROUP_SUFFIX, PERIOD
from server.api.reports import PART_TITLES, Report, ReportColumn, ReportRow

ROW_ROLE = Qt.ItemDataRole.UserRole
INDENT = "    "
_PARTS = (
    QT_TRANSLATE_NOOP("ReportForm", "Opening balance"),
    QT_TRANSLATE_NOOP("ReportForm", "Receipts"),
    QT_TRANSLATE_NOOP("ReportForm", "Expenses"),
    QT_TRANSLATE_NOOP("ReportForm", "Closing balance"),
    QT_TRANSLATE_NOOP("ReportForm", "Turnover"),
    QT_TRANSLATE_NOOP("ReportForm", "Period"),
    QT_TRANSLATE_NOOP("ReportForm", "{dimension} group"),
    QT_TRANSLATE_NOOP("ReportForm", "Total"),
    QT_TRANSLATE_NOOP("ReportForm", "<no group>"),
    QT_TRANSLATE_NOOP("ReportForm", "<not set>"),
)
Index = QModelIndex | QPersistentModelIndex


def _tr(text: str) -> str:
    return QCoreApplication.translate("ReportForm", text)


def column_heading(c: ReportColumn, kind_parts: bool) -> str:
    """A figure column's heading: the resource, and (balance registers) which figure."""
    if not kind_parts:
        return meta_tr(c.title)
    return f"{meta_tr(c.title)}\n{_tr(PART_TITLES[c.part])}"


def attribute_title(title: str) -> str:
    """An attribute's title in the user's language, part by part ("Product.Brand")."""
    return ".".join(meta_tr(part) for part in title.split("."))


def level_heading(level: str, title: str) -> str:
    """A grouping level's title in the user's language (``product.group``: "Product group",
    ``product.x_brand``: "Product.Brand")."""
    if level == PERIOD:
        return _tr("Period")
    if level.endswith(GROUP_SUFFIX):
        return _tr("{dimension} group").format(dimension=meta_tr(title.removesuffix(" group")))
    return attribute_title(title)


def label_text(row: ReportRow, level: str) -> str:
    """What the grouping column shows for ``row`` (whose last level is ``level``)."""
    if row.kind == "total":
        return _tr("Total")
    if isinstance(row.label, dt.date):
        return date_text(row.label)
    if isinstance(row.label, Decimal):  # an added number field
        return display(row.label, "qty")
    if row.label is None:
        return _tr("<no group>") if level.endswith(GROUP_SUFFIX) else _tr("<not set>")
    return str(row.label)


def export_table(m: ReportModel) -> tuple[list[Any], list[Any]]:
    """The columns and lines of :func:`reports.excel.export_report` for what ``m`` shows."""
    columns = [("label", m.heading(0), "text")]
    columns += [(c.key, m.heading(i), c.kind) for i, c in enumerate(m.columns, start=1)]
    keys = [c.key for c in m.columns]
    lines = [
        (m.text(i, 0).lstrip(), max(r.level, 0), r.kind != "item", [r.values[k] for k in keys])
        for i, r in enumerate(m.rows)
    ]
    return columns, lines


class ReportModel(QAbstractTableModel):
    """Rows of one generated report (empty before the first)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.report: Report | None = None
        self.rows: list[ReportRow] = []

    def set_report(self, report: Report | None) -> None:
        self.beginResetModel()
        self.report = report
        self.rows = [*report.rows, report.total] if report else []
        self.endResetModel()

    @property
    def columns(self) -> tuple[ReportColumn, ...]:
        return self.report.columns if self.report else ()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or not self.report else 1 + len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or self.report is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.heading(section)
        if role == Qt.ItemDataRole.TextAlignmentRole and section > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def heading(self, section: int) -> str:
        rep = self.report
        assert rep is not None
        if section == 0:
            levels = zip(rep.levels, rep.level_titles, strict=True)
            return " / ".join(level_heading(lv, t) for lv, t in levels)
        parts = len({c.part for c in rep.columns}) > 1
        return column_heading(rep.columns[section - 1], parts)

    def text(self, row: int, column: int) -> str:
        """The cell's text as shown (tests and the clipboard read it too)."""
        r = self.rows[row]
        rep = self.report
        assert rep is not None
        if column == 0:
            level = rep.levels[r.level] if r.level >= 0 else ""
            return INDENT * max(r.level, 0) + label_text(r, level)
        c = rep.columns[column - 1]
        value = r.values.get(c.key, Decimal(0))
        return "" if value == 0 else display(value, c.kind)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(index.row(), index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and r.kind != "item":
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and r.kind != "item":
            pal = QGuiApplication.palette()
            role_ = QPalette.ColorRole.Midlight if r.kind == "total" else QPalette.ColorRole.Window
            return QBrush(pal.color(role_))
        if role == ROW_ROLE:
            return r
        return None
