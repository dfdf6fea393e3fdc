"""Administration → Period closing: nothing dated on or before the lock date can change.

The date is set for every organization, or for one organization (its own date then replaces
the common one for its documents). Only an administrator may still change a document in a
closed period, after confirming it (forms/object_form.py).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
)

from forms.admin_base import AdminForm
from server.api.admin import OrganizationLock, organization_locks, period_lock, set_period_lock
from server.metadata import Registry

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget
    from sqlalchemy import Engine


def _last_month_end(today: dt.date | None = None) -> dt.date:
    return (today or dt.date.today()).replace(day=1) - dt.timedelta(days=1)


class PeriodForm(AdminForm):
    """The period lock date: a date edit, Save, and "Open all periods"."""

    watches = ("constants",)

    def __init__(self, engine: Engine, reg: Registry, parent: QWidget | None = None) -> None:
        super().__init__(engine, reg, parent)
        self.setObjectName("admin_period")
        self.heading.setText(self.tr("Period closing"))
        self.lock_date: dt.date | None = None
        self.organizations: list[OrganizationLock] = []
        self.organization = QComboBox(self)
        self.organization.setObjectName("period_organization")
        self.organization.addItem(self.tr("All organizations"), None)
        self.organization.currentIndexChanged.connect(lambda _i: self.load())
        self.state = QLabel(self)
        self.state.setObjectName("period_state")
        self.date = QDateEdit(self)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setAccessibleName(self.tr("Closed up to"))
        self.date.dateChanged.connect(self._edited)
        self.save_button = QPushButton(self.tr("&Close the period"), self)
        self.save_button.setShortcut(QKeySequence("Ctrl+S"))
        self.save_button.setToolTip(self.tr("Close every period up to this date (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        self.clear_button = QPushButton(self.tr("&Open all periods"), self)
        self.clear_button.clicked.connect(self.clear)
        form = QFormLayout()
        org_label = QLabel(self.tr("&Organization:"), self)
        org_label.setBuddy(self.organization)
        form.addRow(org_label, self.organization)
        label = QLabel(self.tr("Closed &up to (inclusive):"), self)
        label.setBuddy(self.date)
        form.addRow(label, self.date)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        note = QLabel(
            self.tr(
                "Documents dated on or before this day can no longer be changed, posted or "
                "unposted. An organization's own date replaces the one for all organizations; "
                "an administrator may still change such a document after confirming it."
            ),
            self,
        )
        note.setWordWrap(True)
        self.body.addWidget(self.state)
        self.body.addLayout(form)
        self.body.addLayout(buttons)
        self.body.addWidget(note)
        self.setFocusProxy(self.date)
        self.load()

    def organization_id(self) -> int | None:
        """The organization chosen (None: every organization)."""
        return self.organization.currentData()

    def load(self) -> None:
        session, org = self.session(), self.organization_id()

        def work() -> tuple[list[OrganizationLock], dt.date | None]:
            return organization_locks(session), self._own(session, org)

        self._run(work, self._loaded(self._show_all))

    @staticmethod
    def _own(session, org: int | None) -> dt.date | None:
        """The date set for ``org`` itself (or for every organization)."""
        if org is None:
            return period_lock(session)
        return next((o.lock_date for o in organization_locks(session) if o.id == org), None)

    def _show_all(self, loaded: tuple[list[OrganizationLock], dt.date | None]) -> None:
        self.organizations, value = loaded
        chosen = self.organization_id()
        self.organization.blockSignals(True)
        while self.organization.count() > 1:
            self.organization.removeItem(1)
        for o in self.organizations:
            self.organization.addItem(o.name, o.id)
        index = self.organization.findData(chosen)
        self.organization.setCurrentIndex(max(index, 0))
        self.organization.blockSignals(False)
        self._show(value)

    def _show(self, value: dt.date | None) -> None:
        self.lock_date = value
        shown = value or _last_month_end()
        self.date.blockSignals(True)
        self.date.setDate(QDate(shown.year, shown.month, shown.day))
        self.date.blockSignals(False)
        self.dirty = False
        if value is None and self.organization_id() is not None:
            self.state.setText(self.tr("No date of its own: the one for all organizations."))
        elif value is None:
            self.state.setText(self.tr("All periods are open."))
        else:
            self.state.setText(self.tr("Periods are closed up to {date}.").format(date=value))
        self.clear_button.setEnabled(value is not None)

    def _edited(self) -> None:
        self.dirty = True

    def value(self) -> dt.date:
        d = self.date.date()
        return dt.date(d.year(), d.month(), d.day())

    def save(self) -> None:
        self._write(self.value())

    def clear(self) -> None:
        self._write(None)

    def _write(self, value: dt.date | None) -> None:
        session, org = self.session(), self.organization_id()

        def work() -> dt.date | None:
            set_period_lock(session, value, org)
            return self._own(session, org)

        self._run(work, self._saved, write=True)

    def _saved(self, value: dt.date | None) -> None:
        self._show(value)
        self.message_bar.show_info(self.tr("Saved."))
        self.changed.emit("constants")
