"""Payroll → Pay rates: for one accrual type, every employee employed on a chosen date with the
salary, rate, bonus amount (or a bonus percent) in force, its history beside; a value typed into
the list holds from the chosen date on (a raise). Reads and writes go through
:mod:`server.api.payroll_terms` off the GUI thread; PostgreSQL refuses anyone but the payroll
officer and the administrator."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
)

from forms import date_keys
from forms.admin_base import AdminForm
from forms.formatting import decimal_text, parse_decimal
from forms.rows_export import RowsExport
from server.api.payroll_terms import accrual_types, set_term, term_history, terms_on
from server.metadata import Registry

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget
    from sqlalchemy import Engine

VALUE = 2  # the editable column: amount, or percent of a percentage bonus


def _cell(text: str, number: bool = False, editable: bool = False) -> QTableWidgetItem:
    cell = QTableWidgetItem(text)
    if number:
        cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if not editable:
        cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
    return cell


class PayRatesForm(AdminForm):
    """Accrual type and date above; employees with the value in force; its history."""

    watches = ("info_register:employee_terms", "catalog:employees", "catalog:accrual_types")

    def __init__(self, engine: Engine, reg: Registry, parent: QWidget | None = None) -> None:
        super().__init__(engine, reg, parent)
        self.setObjectName("pay_rates")
        self.heading.setText(self.tr("Pay rates"))
        self.rows: list[dict[str, Any]] = []
        self.kinds: dict[int, str] = {}
        self._showing = False
        self.kind = QComboBox(self)
        self.kind.setObjectName("accrual_type")
        self.kind.currentIndexChanged.connect(self.reload)
        self.date = QDateEdit(QDate.currentDate(), self)
        self.date.setObjectName("terms_date")
        self.date.setCalendarPopup(True)
        date_keys.install(self.date)
        self.date.dateChanged.connect(self.reload)
        top = QFormLayout()
        top.addRow(self.tr("&Accrual type:"), self.kind)
        top.addRow(self.tr("&On:"), self.date)
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("terms_table")
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setToolTip(self.tr("Type a value to set it from the chosen date on"))
        self.table.itemChanged.connect(self._edited)
        self.table.currentCellChanged.connect(lambda *_: self._history())
        self.past = QTableWidget(0, 2, self)
        self.past.setObjectName("terms_history")
        self.past.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.table)
        split.addWidget(self.past)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        self.export = RowsExport(
            self, lambda: self.tr("Pay rates"), self._export_columns, lambda: self.rows,
            self._export_heading,
        )  # fmt: skip
        self.export.failed.connect(self.message_bar.show_error)
        top.addRow(self.export.button)
        self.body.addLayout(top)
        self.body.addWidget(split, 1)
        frame = self.layout()
        frame.setStretch(frame.indexOf(self.body), 1)
        frame.setStretch(frame.count() - 1, 0)
        self.setFocusProxy(self.table)
        self.load()

    def on(self) -> dt.date:
        d = self.date.date()
        return dt.date(d.year(), d.month(), d.day())

    def _export_columns(self) -> list[tuple[str, str, str]]:
        value = ("percent", self.tr("Percent"), "percent") if self.percent() else (
            "amount", self.tr("Amount"), "money")  # fmt: skip
        return [
            ("name", self.tr("Employee"), "text"),
            ("department", self.tr("Department"), "text"),
            value,
            ("period", self.tr("Valid from"), "date"),
        ]

    def _export_heading(self) -> str:
        return self.tr("{type} on {date}").format(
            type=self.kind.currentText(), date=self.on().isoformat()
        )

    def accrual_type(self) -> int | None:
        return self.kind.currentData()

    def percent(self) -> bool:
        return self.kinds.get(self.accrual_type() or 0) == "percent_bonus"

    def _value(self, r: dict[str, Any]) -> str:
        v = r["percent"] if self.percent() else r["amount"]
        return "" if v is None else decimal_text(v, None if self.percent() else 2)

    def load(self) -> None:
        session = self.session()
        self._run(lambda: accrual_types(session), self._show_types)

    def _show_types(self, types: list[dict[str, Any]]) -> None:
        self.kinds = {t["id"]: t["kind"] for t in types}
        wanted = self.accrual_type()
        self.kind.blockSignals(True)
        self.kind.clear()
        for t in types:
            self.kind.addItem(t["name"], t["id"])
        self.kind.setCurrentIndex(max(self.kind.findData(wanted), 0))
        self.kind.blockSignals(False)
        self.reload()

    def reload(self) -> None:
        t, session, on = self.accrual_type(), self.session(), self.on()
        if t is None:
            self._show([])
            return
        self._run(lambda: terms_on(session, t, on), self._show)

    def _show(self, rows: list[dict[str, Any]]) -> None:
        self.rows = rows
        what = self.tr("Percent") if self.percent() else self.tr("Amount")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Employee"), self.tr("Department"), what, self.tr("Valid from")]
        )
        self.past.setHorizontalHeaderLabels([self.tr("Valid from"), what])
        self._showing = True
        try:
            self.table.setRowCount(len(rows))
            for i, r in enumerate(rows):
                self.table.setItem(i, 0, _cell(r["name"]))
                self.table.setItem(i, 1, _cell(r["department"] or ""))
                self.table.setItem(i, VALUE, _cell(self._value(r), number=True, editable=True))
                self.table.setItem(i, 3, _cell(str(r["period"] or "")))
        finally:
            self._showing = False
        self._history()

    def _history(self) -> None:
        i, t = self.table.currentRow(), self.accrual_type()
        if not 0 <= i < len(self.rows) or t is None:
            self.past.setRowCount(0)
            return
        session, employee = self.session(), self.rows[i]["id"]
        self._run(lambda: term_history(session, t, employee), self._show_history)

    def _show_history(self, rows: list[dict[str, Any]]) -> None:
        self.past.setRowCount(len(rows))
        for i, r in enumerate(rows):
            self.past.setItem(i, 0, _cell(str(r["period"])))
            self.past.setItem(i, 1, _cell(self._value(r), number=True))

    def _edited(self, item: QTableWidgetItem) -> None:
        if self._showing or item.column() != VALUE or not item.text().strip():
            return
        typed = item.text().strip()
        self.set_value(self.rows[item.row()]["id"], parse_decimal(typed) or typed)

    def set_value(self, employee: int, value: Any) -> None:
        """Write the employee's value of the chosen type from the chosen date on."""
        t, on, pct = self.accrual_type(), self.on(), self.percent()
        session, reg = self.session(), self.reg
        assert t is not None
        self._run(
            lambda: set_term(session, reg, t, employee, on, value, percent=pct),
            self._saved,
            write=True,
        )

    def _saved(self, _: Any) -> None:
        self.message_bar.show_info(self.tr("Set from {date} on.").format(date=self.on()))
        self.changed.emit("info_register:employee_terms")
        self.reload()

    def _on_failed(self, exc: BaseException) -> None:
        super()._on_failed(exc)
        self.setEnabled(True)
        self.reload()
