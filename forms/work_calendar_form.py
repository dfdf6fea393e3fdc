"""Payroll → Work calendar: the days of a month, each working or not with its hours; "Fill the
year" writes the year's weekdays as working 8-hour days (days already there are kept). A change
is written at once (:mod:`server.api.payroll`); PostgreSQL refuses anyone but the payroll
officer and the administrator."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QPushButton, QTableWidget, QTableWidgetItem

from forms.admin_base import AdminForm
from forms.formatting import decimal_text, parse_decimal
from server.api.payroll import calendar_month, fill_calendar, set_day
from server.metadata import Registry

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget
    from sqlalchemy import Engine

WORKING, HOURS = 1, 2


class WorkCalendarForm(AdminForm):
    """A month picker and "Fill the year" above; the month's days below."""

    watches = ("info_register:work_calendar",)

    def __init__(self, engine: Engine, reg: Registry, parent: QWidget | None = None) -> None:
        super().__init__(engine, reg, parent)
        self.setObjectName("work_calendar")
        self.heading.setText(self.tr("Work calendar"))
        self.days: list[dict[str, Any]] = []
        self._showing = False
        self.month = QDateEdit(QDate.currentDate(), self)
        self.month.setObjectName("calendar_month")
        self.month.setDisplayFormat("MM.yyyy")
        self.month.dateChanged.connect(self.load)
        self.fill = QPushButton(self.tr("&Fill the year"), self)
        self.fill.setObjectName("fill_year")
        self.fill.setToolTip(self.tr("Weekdays working, 8 hours; days already set are kept"))
        self.fill.clicked.connect(self.fill_year)
        bar = QHBoxLayout()
        bar.addWidget(self.month)
        bar.addWidget(self.fill)
        bar.addStretch(1)
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("calendar_days")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Day"), self.tr("Working day"), self.tr("Working hours")]
        )
        self.table.itemChanged.connect(self._edited)
        self.body.addLayout(bar)
        self.body.addWidget(self.table, 1)
        frame = self.layout()
        frame.setStretch(frame.indexOf(self.body), 1)
        frame.setStretch(frame.count() - 1, 0)
        self.load()

    def first_day(self) -> dt.date:
        d = self.month.date()
        return dt.date(d.year(), d.month(), 1)

    def load(self) -> None:
        session, month = self.session(), self.first_day()
        self._run(lambda: calendar_month(session, month), self._show)

    def _show(self, days: list[dict[str, Any]]) -> None:
        self.days = days
        self._showing = True
        try:
            self.table.setRowCount(len(days))
            for i, d in enumerate(days):
                day = QTableWidgetItem(d["period"].strftime("%d.%m.%Y, %a"))
                day.setFlags(day.flags() & ~Qt.ItemFlag.ItemIsEditable)
                flag = QTableWidgetItem()
                flag.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                flag.setCheckState(
                    Qt.CheckState.Checked if d["working"] else Qt.CheckState.Unchecked
                )
                hours = QTableWidgetItem(decimal_text(d["hours"] or 0, None))
                hours.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                for col, item in enumerate((day, flag, hours)):
                    self.table.setItem(i, col, item)
        finally:
            self._showing = False

    def _edited(self, item: QTableWidgetItem) -> None:
        if self._showing or item.column() not in (WORKING, HOURS):
            return
        row = item.row()
        working = self.table.item(row, WORKING).checkState() == Qt.CheckState.Checked
        typed = self.table.item(row, HOURS).text().strip()
        hours: Any = parse_decimal(typed) or typed or None
        if working and item.column() == WORKING and not self.days[row]["hours"]:
            hours = "8"  # a day made working gets a full day unless hours are typed
        self.set_day(self.days[row]["period"], working, hours)

    def set_day(self, day: dt.date, working: bool, hours: Any) -> None:
        session = self.session()
        self._run(lambda: set_day(session, day, working, hours), self._saved, write=True)

    def fill_year(self) -> None:
        session, year = self.session(), self.first_day().year
        self._run(lambda: fill_calendar(session, year), self._saved, write=True)

    def _saved(self, _: Any) -> None:
        self.changed.emit("info_register:work_calendar")
        self.load()

    def _on_failed(self, exc: BaseException) -> None:
        super()._on_failed(exc)
        self.setEnabled(True)
        self.load()
