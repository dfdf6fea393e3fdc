"""Administration → Users: the infobase's users and their roles (read-only for now)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from forms.admin_base import AdminForm
from server.api.admin import UserRow, list_users
from server.metadata import Registry

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget
    from sqlalchemy import Engine


class UsersForm(AdminForm):
    """Users (PostgreSQL login roles) and the Kontora role each belongs to."""

    def __init__(self, engine: Engine, reg: Registry, parent: QWidget | None = None) -> None:
        super().__init__(engine, reg, parent)
        self.setObjectName("admin_users")
        self.heading.setText(self.tr("Users"))
        self.table = QTableWidget(0, 2, self)
        self.table.setHorizontalHeaderLabels([self.tr("User"), self.tr("Role")])
        self.table.setAccessibleName(self.tr("Users"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.body.addWidget(self.table, 1)
        self.setFocusProxy(self.table)
        self.load()

    def load(self) -> None:
        session = self.session()
        self._run(lambda: list_users(session), self._show)

    def _show(self, rows: list[UserRow]) -> None:
        self.table.setRowCount(len(rows))
        for i, row in enumerate(rows):
            self.table.setItem(i, 0, QTableWidgetItem(row.name))
            self.table.setItem(i, 1, QTableWidgetItem(row.role))
        if not rows:
            self.message_bar.show_info(
                self.tr("There are no users yet: add them with kontora-admin user add.")
            )

    def users(self) -> list[tuple[str, str]]:
        """(user, role) as shown."""
        return [
            (self.table.item(i, 0).text(), self.table.item(i, 1).text())
            for i in range(self.table.rowCount())
        ]
