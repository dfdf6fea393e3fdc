"""Administration → Audit: every change of a period and user (object, when, who, what), with
export to Excel. Read from the history (:mod:`server.api.audit`) off the GUI thread."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
)

from forms.admin_base import AdminForm
from forms.formatting import datetime_text, display
from forms.texts import render
from server.api.audit import AuditRow, audit, audit_users, export_audit
from server.metadata import Registry

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget
    from sqlalchemy import Engine


def _py(d: QDate) -> dt.date:
    return dt.date(d.year(), d.month(), d.day())


class AuditForm(AdminForm):
    """Period, user (or everyone), Generate, Export to Excel."""

    def __init__(self, engine: Engine, reg: Registry, parent: QWidget | None = None) -> None:
        super().__init__(engine, reg, parent)
        self.setObjectName("admin_audit")
        self.heading.setText(self.tr("Audit"))
        self.rows_: list[AuditRow] = []
        today = QDate.currentDate()
        self.date_from, self.date_to = QDateEdit(today.addDays(-7), self), QDateEdit(today, self)
        for d in (self.date_from, self.date_to):
            d.setCalendarPopup(True)
        self.user = QComboBox(self)
        self.user.addItem(self.tr("All users"), "")
        self.generate_button = QPushButton(self.tr("&Generate"), self)
        self.generate_button.clicked.connect(self.generate)
        self.export_button = QPushButton(self.tr("&Export to Excel…"), self)
        self.export_button.clicked.connect(self._ask_export)
        self.export_button.setEnabled(False)
        bar = QHBoxLayout()
        for w in (QLabel(self.tr("Period:"), self), self.date_from, QLabel("–", self),
                  self.date_to, QLabel(self.tr("User:"), self), self.user,
                  self.generate_button, self.export_button):  # fmt: skip
            bar.addWidget(w)
        bar.addStretch(1)
        self.body.addLayout(bar)
        headers = [self.tr("When"), self.tr("User"), self.tr("Object"), self.tr("Action"),
                   self.tr("Field"), self.tr("Old value"), self.tr("New value")]  # fmt: skip
        self.table = QTableWidget(0, len(headers), self)
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.body.addWidget(self.table, 1)
        self.ops = {"INSERT": self.tr("Created"), "UPDATE": self.tr("Changed"),
                    "DELETE": self.tr("Deleted")}  # fmt: skip
        self.last_export: tuple[str, int] | None = None
        self.setFocusProxy(self.generate_button)
        self.load()

    def load(self) -> None:
        session = self.session()
        self._run(lambda: audit_users(session), self._show_users)

    def _show_users(self, users: list[str]) -> None:
        chosen = self.user.currentData()
        while self.user.count() > 1:
            self.user.removeItem(1)
        for u in users:
            self.user.addItem(u, u)
        self.user.setCurrentIndex(max(0, self.user.findData(chosen)))

    def set_user(self, user: str) -> None:
        i = self.user.findData(user)
        if i < 0:
            self.user.addItem(user, user)
            i = self.user.count() - 1
        self.user.setCurrentIndex(i)

    def generate(self) -> None:
        session, reg = self.session(), self.reg
        start, end = _py(self.date_from.date()), _py(self.date_to.date())
        user = str(self.user.currentData() or "") or None
        self._run(lambda: audit(session, reg, start, end, user), self._show)

    def _value(self, v: Any, kind: str) -> str:
        if v is None:
            return ""
        if isinstance(v, bool):
            return self.tr("Yes") if v else self.tr("No")
        return display(v, kind)

    def _show(self, rows: list[AuditRow]) -> None:
        self.rows_ = rows
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            at = r.at.astimezone().replace(tzinfo=None) if r.at.tzinfo else r.at
            c = r.change
            label = render(c.text) if c.text is not None else c.label
            cells = (datetime_text(at), r.user, r.object, self.ops.get(r.op, r.op), label,
                     self._value(c.old, c.kind), self._value(c.new, c.kind))  # fmt: skip
            for j, text in enumerate(cells):
                self.table.setItem(i, j, QTableWidgetItem(text))
        self.export_button.setEnabled(bool(rows))
        if rows:
            self.message_bar.clear()
        else:
            self.message_bar.show_info(self.tr("No changes in this period."))

    def rows(self) -> list[list[str]]:
        t = self.table
        return [[t.item(r, c).text() for c in range(t.columnCount())] for r in range(t.rowCount())]

    def filters_text(self) -> str:
        user = self.user.currentText()
        return self.tr("Period: {start} – {end}; user: {user}").format(
            start=self.date_from.date().toString("yyyy-MM-dd"),
            end=self.date_to.date().toString("yyyy-MM-dd"),
            user=user,
        )

    def _ask_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export to Excel"), "audit.xlsx", self.tr("Excel workbook (*.xlsx)")
        )
        if path:
            self.export(path if path.endswith(".xlsx") else path + ".xlsx")

    def export(self, path: str) -> None:
        rows, title, filters = self.rows_, self.tr("Audit"), self.filters_text()
        self._run(lambda: (path, export_audit(rows, path, title, filters)), self._exported, False)

    def _exported(self, done: tuple[str, int]) -> None:
        self.last_export = done
        self.message_bar.show_info(
            self.tr("Exported {count} rows to {path}.").format(count=done[1], path=done[0])
        )
