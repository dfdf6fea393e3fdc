"""Administration → Users: the infobase's users (PostgreSQL login roles) and their roles.

Add a user, reset a password, give roles (combinable), disable or enable a login; the option
"sales managers see only their own partners' deals and interactions" (row-level security); and
the role matrix — object × role → read / write / post — read from PostgreSQL's privileges.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from forms.admin_base import AdminForm
from forms.texts import meta_tr
from server.api.admin import (
    assign_roles,
    create_user,
    drop_user,
    enable_user,
    list_users,
    own_partners_only,
    reset_password,
    set_own_partners_only,
)
from server.api.role_matrix import POST, READ, WRITE, MatrixRow, role_matrix
from server.metadata import Registry
from server.users import User

if TYPE_CHECKING:
    from sqlalchemy import Engine


def role_titles(tr: Callable[[str], str]) -> dict[str, str]:
    """The declared roles' titles (``tr``: the translating widget's)."""
    return {
        "admin": tr("Administrator"),
        "sales_manager": tr("Sales manager"),
        "storekeeper": tr("Storekeeper"),
        "accountant": tr("Accountant"),
        "payroll_officer": tr("Payroll officer"),
    }


class UserDialog(QDialog):
    """A new user (name, password, roles) or the roles of one (``name`` given)."""

    def __init__(
        self, parent: QWidget, name: str | None = None, roles: tuple[str, ...] = ()
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(
            self.tr("Roles of {name}").format(name=name) if name else self.tr("New user")
        )
        form = QFormLayout(self)
        self.name = QLineEdit(self)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        if name is None:
            form.addRow(self.tr("&Name:"), self.name)
            form.addRow(self.tr("&Password:"), self.password)
        self.boxes: dict[str, QCheckBox] = {}
        for role, title in role_titles(self.tr).items():
            box = QCheckBox(title, self)
            box.setChecked(role in roles)
            self.boxes[role] = box
            form.addRow(box)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def roles(self) -> list[str]:
        return [r for r, b in self.boxes.items() if b.isChecked()]


class UsersForm(AdminForm):
    """Users with their roles and commands; the own-partners option; the role matrix."""

    watches = ("constants",)

    def __init__(self, engine: Engine, reg: Registry, parent: QWidget | None = None) -> None:
        super().__init__(engine, reg, parent)
        self.setObjectName("admin_users")
        self.heading.setText(self.tr("Users"))
        self.rows: list[User] = []
        self.matrix_rows: list[MatrixRow] = []
        self.titles = role_titles(self.tr)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._users_page(), self.tr("Users"))
        self.matrix = self._table(
            [self.tr("Object"), *self.titles.values()], self.tr("Role matrix")
        )
        self.matrix.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tabs.addTab(self.matrix, self.tr("Role matrix"))
        self.body.addWidget(self.tabs, 1)
        self.setFocusProxy(self.table)
        self.load()

    def _table(self, headings: list[str], name: str) -> QTableWidget:
        table = QTableWidget(0, len(headings), self)
        table.setHorizontalHeaderLabels(headings)
        table.setAccessibleName(name)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().setVisible(False)
        return table

    def _users_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        self.table = self._table(
            [self.tr("User"), self.tr("Roles"), self.tr("Can log in")], self.tr("Users")
        )
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        buttons = QHBoxLayout()
        self.add_button = self._button(self.tr("&Add…"), self.ask_add, buttons)
        self.password_button = self._button(self.tr("Reset &password…"), self.ask_password, buttons)
        self.roles_button = self._button(self.tr("&Roles…"), self.ask_roles, buttons)
        self.enable_button = self._button(self.tr("&Disable"), self.toggle_enabled, buttons)
        self.remove_button = self._button(self.tr("Re&move…"), self.ask_remove, buttons)
        buttons.addStretch(1)
        self.own_partners = QCheckBox(
            self.tr("Sales managers see only their own partners' deals and interactions"), page
        )
        self.own_partners.setObjectName("own_partners_only")
        self.own_partners.clicked.connect(self.set_own_partners)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.own_partners)
        return page

    def _button(self, text: str, slot: Callable[[], None], row: QHBoxLayout) -> QPushButton:
        b = QPushButton(text, self)
        b.clicked.connect(lambda: slot())
        row.addWidget(b)
        return b

    # -- reading --------------------------------------------------------------------------
    def load(self, done: str = "") -> None:
        """Read the users again; ``done``: what a change just did, told once they are shown."""
        session, reg = self.session(), self.reg

        def work() -> tuple[list[User], bool, list[MatrixRow]]:
            return list_users(session), own_partners_only(session), role_matrix(session, reg)

        self._run(work, lambda loaded: self._show(loaded, done))

    def _show(self, loaded: tuple[list[User], bool, list[MatrixRow]], done: str = "") -> None:
        self.rows, own, self.matrix_rows = loaded
        self.table.setRowCount(len(self.rows))
        for i, u in enumerate(self.rows):
            cells = (
                u.name,
                ", ".join(t for r, t in self.titles.items() if r in u.roles),
                self.tr("yes") if u.enabled else self.tr("no (disabled)"),
            )
            for col, value in enumerate(cells):
                self.table.setItem(i, col, QTableWidgetItem(value))
        self.own_partners.setChecked(own)
        self._show_matrix()
        self._update_buttons()
        if not self.rows:  # (after removing the last one: both)
            none_yet = self.tr("There are no users yet: add one.")
            done = f"{done} {none_yet}".strip()
        if done:
            self.message_bar.show_info(done)

    def _show_matrix(self) -> None:
        words = {READ: self.tr("read"), WRITE: self.tr("write"), POST: self.tr("post")}
        self.matrix.setRowCount(len(self.matrix_rows))
        for i, row in enumerate(self.matrix_rows):
            self.matrix.setItem(i, 0, QTableWidgetItem(meta_tr(row.title)))
            for col, role in enumerate(self.titles, start=1):
                held = row.rights[role]
                text = ", ".join(words[r] for r in (READ, WRITE, POST) if r in held) or "—"
                self.matrix.setItem(i, col, QTableWidgetItem(text))

    def users(self) -> list[tuple[str, str]]:
        """(user, roles) as shown."""
        return [
            (self.table.item(i, 0).text(), self.table.item(i, 1).text())
            for i in range(self.table.rowCount())
        ]

    def matrix_cell(self, key: str, role: str) -> set[str]:
        """The rights shown for object ``key`` ("document:goods_receipt") and ``role``."""
        words = {self.tr("read"): READ, self.tr("write"): WRITE, self.tr("post"): POST}
        i = next(i for i, r in enumerate(self.matrix_rows) if r.key == key)
        text = self.matrix.item(i, list(self.titles).index(role) + 1).text()
        return {words[w] for w in text.split(", ") if w in words}

    def selected(self) -> User | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.rows[rows[0].row()] if rows else None

    def select(self, name: str) -> None:
        i = next(i for i, u in enumerate(self.rows) if u.name == name)
        self.table.selectRow(i)

    def _update_buttons(self) -> None:
        u = self.selected()
        for b in (self.password_button, self.roles_button, self.enable_button, self.remove_button):
            b.setEnabled(u is not None)
        self.enable_button.setText(
            self.tr("&Enable") if u is not None and not u.enabled else self.tr("&Disable")
        )

    # -- writing --------------------------------------------------------------------------
    def _write(self, fn: Callable[[], object], done: str) -> None:
        def then(_result: object) -> None:
            self.message_bar.show_info(done)
            self.load(done)

        self._run(fn, then, write=True)

    def add_user(self, name: str, roles: list[str], password: str) -> None:
        session = self.session()
        self._write(
            lambda: create_user(session, name, roles, password),
            self.tr("User {name} created.").format(name=name),
        )

    def reset_password(self, name: str, password: str) -> None:
        session = self.session()
        self._write(
            lambda: reset_password(session, name, password),
            self.tr("The password of {name} was changed.").format(name=name),
        )

    def set_roles(self, name: str, roles: list[str]) -> None:
        session = self.session()
        self._write(
            lambda: assign_roles(session, name, roles),
            self.tr("Roles of {name} saved.").format(name=name),
        )

    def set_enabled(self, name: str, enabled: bool) -> None:
        session = self.session()
        done = self.tr("{name} can log in.") if enabled else self.tr("{name} can no longer log in.")
        self._write(lambda: enable_user(session, name, enabled), done.format(name=name))

    def remove_user(self, name: str) -> None:
        session = self.session()
        self._write(
            lambda: drop_user(session, name), self.tr("User {name} removed.").format(name=name)
        )

    def set_own_partners(self, on: bool) -> None:
        session = self.session()
        self._write(lambda: set_own_partners_only(session, on), self.tr("Saved."))

    # -- dialogs --------------------------------------------------------------------------
    def ask_add(self) -> None:
        d = UserDialog(self)
        if d.exec() == QDialog.DialogCode.Accepted:
            self.add_user(d.name.text().strip(), d.roles(), d.password.text())

    def ask_roles(self) -> None:
        u = self.selected()
        if u is None:
            return
        d = UserDialog(self, u.name, u.roles)
        if d.exec() == QDialog.DialogCode.Accepted:
            self.set_roles(u.name, d.roles())

    def ask_password(self) -> None:
        u = self.selected()
        if u is None:
            return
        password, ok = QInputDialog.getText(
            self,
            self.tr("Reset password"),
            self.tr("New password of {name}:").format(name=u.name),
            QLineEdit.EchoMode.Password,
        )
        if ok:
            self.reset_password(u.name, password)

    def toggle_enabled(self) -> None:
        u = self.selected()
        if u is not None:
            self.set_enabled(u.name, not u.enabled)

    def ask_remove(self) -> None:
        """Remove the selected user after the administrator confirms (No is the default)."""
        u = self.selected()
        if u is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Remove user"),
            self.tr(
                "Remove the user {name}? They can no longer log in and their open sessions end. "
                "Documents they wrote stay, and the history keeps their name. To stop them only "
                "for a while, disable them instead."
            ).format(name=u.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.remove_user(u.name)
