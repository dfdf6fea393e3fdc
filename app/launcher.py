"""The launcher: the list of infobases (add, edit, remove, open) and the login to a server one.

The dialogs never block in tests: each works with ``open()``/``show()`` and signals; only
:func:`choose` (used by ``app.main``) runs them with ``exec()``. The list itself is kept by
:mod:`app.infobases`; every change is saved at once.
"""

from __future__ import annotations

import itertools
import logging
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSettings,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from app import infobases
from app.infobases import Entry, InfobaseListError

log = logging.getLogger(__name__)
NAME_ROLE = Qt.ItemDataRole.UserRole
WHERE_ROLE = Qt.ItemDataRole.UserRole + 1
LAST_KEY = "launcher/last"


@dataclass(frozen=True)
class Choice:
    """What the user chose to open: the entry, and for a server the user and password."""

    entry: Entry
    user: str | None = None
    password: str | None = None


def _error_label(parent: QWidget) -> QLabel:
    """A red-free, icon-free inline error line (the text says what is wrong)."""
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setAccessibleName(QCoreApplication.translate("Launcher", "Error"))
    label.setStyleSheet("font-weight: bold")
    label.hide()
    return label


def _ems(widget: QWidget, n: float) -> int:
    return round(widget.fontMetrics().horizontalAdvance("0") * n)


class EntryDelegate(QStyledItemDelegate):
    """Draws an infobase as its name in bold over its location in the muted text color."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorGroup.Normal
        main = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        muted = (
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText
        )
        line = opt.fontMetrics.height()
        painter.save()
        bold = opt.font
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(opt.palette.color(group, main))
        top = QRect(text_rect.left(), text_rect.center().y() - line, text_rect.width(), line)
        name = painter.fontMetrics().elidedText(
            str(index.data(NAME_ROLE)), Qt.TextElideMode.ElideRight, top.width()
        )
        painter.drawText(top, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, name)
        painter.setFont(option.font)
        painter.setPen(opt.palette.color(group, muted))
        bottom = top.translated(0, line)
        where = opt.fontMetrics.elidedText(
            str(index.data(WHERE_ROLE)), Qt.TextElideMode.ElideMiddle, bottom.width()
        )
        painter.drawText(bottom, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, where)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), max(size.height(), option.fontMetrics.height() * 2 + 8))


class FolderField(QWidget):
    """A folder line edit with a Browse… button."""

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setAccessibleName(label)
        self.browse = QPushButton(self.tr("B&rowse…"), self)
        self.browse.setAccessibleName(self.tr("Browse for the {what}").format(what=label.lower()))
        self.browse.clicked.connect(self._browse)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.browse)
        self.setFocusProxy(self.edit)

    def text(self) -> str:
        return self.edit.text().strip()

    def setText(self, text: str) -> None:
        self.edit.setText(text)

    def _browse(self) -> None:
        start = self.text() or str(infobases.default_folder().parent)
        while start and not Path(start).exists() and Path(start).parent != Path(start):
            start = str(Path(start).parent)
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder of the infobase"), start)
        if folder:
            self.edit.setText(folder)


class EntryDialog(QDialog):
    """Add or edit one infobase: a name, and a folder on this computer or a server address.

    On OK the change is checked against ``entries``; a refusal is shown in the dialog, which
    stays open. ``result_entries`` is the new list once accepted.
    """

    def __init__(
        self, entries: list[Entry], original: Entry | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.entries = entries
        self.original = original
        self.result_entries: list[Entry] | None = None
        self.setWindowTitle(self.tr("Edit infobase") if original else self.tr("Add infobase"))

        self.name = QLineEdit(self)
        self.name.setMaxLength(infobases.MAX_NAME)
        self.embedded = QRadioButton(self.tr("On &this computer (embedded)"), self)
        self.server = QRadioButton(self.tr("On a &server"), self)
        self.kinds = QButtonGroup(self)
        self.kinds.addButton(self.embedded)
        self.kinds.addButton(self.server)
        self.folder = FolderField(self.tr("Folder"), self)
        self.host = QLineEdit(self)
        self.host.setPlaceholderText(self.tr("server name or address"))
        self.port = QSpinBox(self)
        self.port.setRange(1, 65535)
        self.port.setValue(infobases.DEFAULT_PORT)
        self.database = QLineEdit(self)
        self.error = _error_label(self)

        form = QFormLayout()
        form.addRow(self.tr("&Name:"), self.name)
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.embedded)
        kind_row.addWidget(self.server)
        kind_row.addStretch(1)
        form.addRow(self.tr("Where:"), kind_row)

        self.local_box = QGroupBox(self.tr("Embedded infobase"), self)
        local = QFormLayout(self.local_box)
        local.addRow(self.tr("&Folder:"), self.folder)
        self.server_box = QGroupBox(self.tr("Server"), self)
        remote = QFormLayout(self.server_box)
        remote.addRow(self.tr("&Host:"), self.host)
        remote.addRow(self.tr("&Port:"), self.port)
        remote.addRow(self.tr("&Database:"), self.database)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.local_box)
        layout.addWidget(self.server_box)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        self.embedded.toggled.connect(self._kind_changed)
        self._fill(original)
        self.setMinimumWidth(_ems(self, 60))
        self.name.setFocus()

    def _fill(self, e: Entry | None) -> None:
        if e is None:
            self.embedded.setChecked(True)
            self.database.setText("kontora")
            self.host.setText("localhost")
            self._kind_changed()
            return
        self.name.setText(e.name)
        if e.is_server:
            self.server.setChecked(True)
            host, port, db = infobases.split_url(e.location)
            self.host.setText(host)
            self.port.setValue(port)
            self.database.setText(db)
        else:
            self.embedded.setChecked(True)
            self.folder.setText(e.location)
        self._kind_changed()

    def _kind_changed(self) -> None:
        local = self.embedded.isChecked()
        self.local_box.setEnabled(local)
        self.server_box.setEnabled(not local)

    def entry(self) -> Entry:
        """The entry as typed (not yet checked)."""
        old = self.original
        last_user = old.last_user if old else ""
        if self.server.isChecked():
            if not self.host.text().strip() or not self.database.text().strip():
                raise InfobaseListError(self.tr("Enter the server's host and the database name."))
            url = infobases.server_url(self.host.text(), self.port.value(), self.database.text())
            return Entry(self.name.text(), "server", url, last_user)
        folder = self.folder.text()
        if not folder and self.name.text().strip():
            folder = str(infobases.new_folder(self.name.text()))
        demo = bool(old and not old.is_server and old.demo)
        return Entry(self.name.text(), "embedded", folder, last_user, demo)

    def accept(self) -> None:
        try:
            e = self.entry()
            if self.original is None:
                self.result_entries = infobases.add(self.entries, e)
            else:
                self.result_entries = infobases.edit(self.entries, self.original.name, e)
        except InfobaseListError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        super().accept()


class CreateDialog(QDialog):
    """First start: create an embedded infobase, empty or with demo data (the default)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("First start"))
        intro = QLabel(
            self.tr(
                "There are no infobases yet. Create one on this computer to start working; "
                "connections to a server can be added later in the list of infobases."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.name = QLineEdit(infobases.default_name(), self)
        self.name.setMaxLength(infobases.MAX_NAME)
        self.demo = QRadioButton(
            self.tr("With &demo data (a small trading company to explore)"), self
        )
        self.empty = QRadioButton(self.tr("&Empty (to enter your own company)"), self)
        self.demo.setChecked(True)
        self.folder = FolderField(self.tr("Folder"), self)
        self.folder.setText(str(infobases.default_folder()))
        self.error = _error_label(self)

        content = QGroupBox(self.tr("Contents"), self)
        radios = QVBoxLayout(content)
        radios.addWidget(self.demo)
        radios.addWidget(self.empty)
        form = QFormLayout()
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow(self.tr("&Folder:"), self.folder)
        self.buttons = QDialogButtonBox(self)
        self.create = self.buttons.addButton(
            self.tr("&Create and open"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.list_button = self.buttons.addButton(
            self.tr("&Other options…"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.list_button.setToolTip(
            self.tr("Show the list of infobases, e.g. to connect to a server")
        )
        self.create.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(content)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(_ems(self, 64))
        self.setTabOrder(self.demo, self.empty)
        self.setTabOrder(self.empty, self.name)
        self.setTabOrder(self.name, self.folder.edit)
        self.setTabOrder(self.folder.edit, self.folder.browse)
        self.demo.setFocus()

    def entry(self) -> Entry:
        return Entry(
            name=self.name.text(),
            kind="embedded",
            location=self.folder.text() or str(infobases.default_folder()),
            demo=self.demo.isChecked(),
        )

    def accept(self) -> None:
        try:
            infobases.add([], self.entry())
        except InfobaseListError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        super().accept()


class LoginDialog(QDialog):
    """User name and password for a server infobase (the password is masked, never kept)."""

    def __init__(self, entry: Entry, user: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entry = entry
        self.setWindowTitle(self.tr("Log in — {name}").format(name=entry.name))
        where = QLabel(
            self.tr("Infobase: <b>{name}</b><br>{where}").format(
                name=_html(entry.name), where=_html(entry.describe())
            ),
            self,
        )
        self.user = QLineEdit(user or entry.last_user, self)
        self.user.setAccessibleName(self.tr("User"))
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Password"))
        form = QFormLayout()
        form.addRow(self.tr("&User:"), self.user)
        form.addRow(self.tr("&Password:"), self.password)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Log in"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.user.textChanged.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addWidget(where)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(_ems(self, 45))
        self._update()
        (self.password if self.user.text() else self.user).setFocus()

    def _update(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.user.text().strip()))

    def choice(self) -> Choice:
        return Choice(self.entry, self.user.text().strip(), self.password.text())


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class LauncherDialog(QDialog):
    """The list of infobases with Add… / Edit… / Remove / Open.

    ``chosen`` is set when the dialog is accepted. For a server infobase Open first shows
    :class:`LoginDialog` (``self.login``), and the launcher is accepted when that one is.
    """

    chosen_changed = Signal()

    def __init__(
        self,
        entries: list[Entry] | None = None,
        user: str = "",
        parent: QWidget | None = None,
        path: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.path = path
        self.entries = infobases.load(path) if entries is None else list(entries)
        self.user_hint = user
        self.chosen: Choice | None = None
        self.editor: EntryDialog | None = None
        self.login: LoginDialog | None = None
        self.setWindowTitle(self.tr("Infobases"))

        heading = QLabel(self.tr("&Infobases:"), self)
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Infobases"))
        self.list.setIconSize(QSize(_ems(self, 3), _ems(self, 3)))
        self.list.setSpacing(2)
        self.list.setItemDelegate(EntryDelegate(self.list))
        heading.setBuddy(self.list)
        self.empty_hint = QLabel(self.tr("No infobases yet: add one with “Add…”."), self)
        self.empty_hint.setWordWrap(True)

        self.open_button = QPushButton(self.tr("&Open"), self)
        self.add_button = QPushButton(self.tr("&Add…"), self)
        self.edit_button = QPushButton(self.tr("&Edit…"), self)
        self.remove_button = QPushButton(self.tr("&Remove"), self)
        self.close_button = QPushButton(self.tr("E&xit"), self)
        self.open_button.setDefault(True)
        self.open_button.setAutoDefault(True)
        for b in (self.add_button, self.edit_button, self.remove_button, self.close_button):
            b.setAutoDefault(False)
        self.open_button.clicked.connect(self.open_selected)
        self.add_button.clicked.connect(self.add_entry)
        self.edit_button.clicked.connect(self.edit_entry)
        self.remove_button.clicked.connect(self.remove_entry)
        self.close_button.clicked.connect(self.reject)
        self.list.itemDoubleClicked.connect(lambda _item: self.open_selected())
        self.list.currentItemChanged.connect(lambda *_: self._update())

        left = QVBoxLayout()
        left.addWidget(heading)
        left.addWidget(self.list, 1)
        left.addWidget(self.empty_hint)
        right = QVBoxLayout()
        for b in (self.open_button, self.add_button, self.edit_button, self.remove_button):
            right.addWidget(b)
        right.addStretch(1)
        right.addWidget(self.close_button)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addLayout(right)
        order: list[QWidget] = [self.list, self.open_button, self.add_button, self.edit_button]
        order += [self.remove_button, self.close_button]
        for a, b in itertools.pairwise(order):
            self.setTabOrder(a, b)

        self.resize(_ems(self, 80), _ems(self, 40))
        self._fill(self._last_opened())
        self.list.setFocus()

    # -- the list -----------------------------------------------------------------------------
    def _fill(self, select: str | None = None) -> None:
        self.list.clear()
        style = self.style()
        for e in self.entries:
            icon = style.standardIcon(
                QStyle.StandardPixmap.SP_DriveNetIcon
                if e.is_server
                else QStyle.StandardPixmap.SP_DriveHDIcon
            )
            item = QListWidgetItem(icon, f"{e.name}\n{e.describe()}")
            item.setData(NAME_ROLE, e.name)
            item.setData(WHERE_ROLE, e.describe())
            kind = self.tr("server") if e.is_server else self.tr("on this computer")
            item.setToolTip(
                self.tr("{name} — {kind}: {where}").format(
                    name=e.name, kind=kind, where=e.describe()
                )
            )
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{e.name}, {kind}, {e.describe()}")
            self.list.addItem(item)
        names = [e.name for e in self.entries]
        row = names.index(select) if select in names else 0
        if self.entries:
            self.list.setCurrentRow(row)
        self._update()

    def _update(self) -> None:
        has = self.current() is not None
        for b in (self.open_button, self.edit_button, self.remove_button):
            b.setEnabled(has)
        self.empty_hint.setVisible(not self.entries)

    def current(self) -> Entry | None:
        item = self.list.currentItem()
        if item is None:
            return None
        name = item.data(NAME_ROLE)
        return next((e for e in self.entries if e.name == name), None)

    def names(self) -> list[str]:
        return [e.name for e in self.entries]

    def _store(self, entries: list[Entry], select: str | None) -> None:
        infobases.save(entries, self.path)
        self.entries = entries
        self._fill(select)

    # -- commands -----------------------------------------------------------------------------
    def add_entry(self) -> EntryDialog:
        return self._edit(None)

    def edit_entry(self) -> EntryDialog | None:
        e = self.current()
        return self._edit(e) if e else None

    def _edit(self, original: Entry | None) -> EntryDialog:
        dlg = EntryDialog(self.entries, original, self)
        self.editor = dlg

        def done() -> None:
            assert dlg.result_entries is not None
            new = dlg.result_entries
            changed = next((e for e in new if e not in self.entries), None)
            self._store(new, changed.name if changed else None)

        dlg.accepted.connect(done)
        dlg.open()
        return dlg

    def remove_entry(self) -> bool:
        e = self.current()
        if e is None:
            return False
        if e.is_server:
            text = self.tr(
                "Remove “{name}” from the list?\n\nOnly the list entry is removed; "
                "the database on the server is kept."
            ).format(name=e.name)
        else:
            text = self.tr(
                "Remove “{name}” from the list?\n\nOnly the list entry is removed; "
                "the folder {folder} is kept."
            ).format(name=e.name, folder=e.location)
        answer = QMessageBox.question(
            self,
            self.tr("Remove infobase"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        row = self.list.currentRow()
        new = infobases.remove(self.entries, e.name)
        self._store(new, new[min(row, len(new) - 1)].name if new else None)
        return True

    def open_selected(self) -> None:
        e = self.current()
        if e is None:
            return
        if not e.is_server:
            self._choose(Choice(e))
            return
        dlg = LoginDialog(e, self.user_hint, self)
        self.login = dlg
        dlg.accepted.connect(lambda: self._choose(dlg.choice()))
        dlg.open()

    def _choose(self, choice: Choice) -> None:
        if choice.entry.is_server and choice.user != choice.entry.last_user:
            updated = replace(choice.entry, last_user=choice.user or "")
            try:
                self._store(infobases.edit(self.entries, updated.name, updated), updated.name)
            except (InfobaseListError, OSError):
                log.warning("could not remember the user of %s", updated.name, exc_info=True)
            choice = replace(choice, entry=updated)
        self.chosen = choice
        QSettings().setValue(LAST_KEY, choice.entry.name)
        self.chosen_changed.emit()
        self.accept()

    @staticmethod
    def _last_opened() -> str | None:
        value = QSettings().value(LAST_KEY)
        return str(value) if value else None


def text_less_buttons(widget: QWidget) -> list[QAbstractButton]:
    """Buttons that show no text and have no accessible name (should be none)."""
    return [
        b
        for b in widget.findChildren(QAbstractButton)
        if not b.text() and not b.accessibleName() and b.isVisibleTo(widget)
    ]


def choose(user: str = "", show_list: bool = False, path: Path | None = None) -> Choice | None:
    """Start-up: pick the infobase to open (None = the user closed the launcher).

    No infobases yet: offer to create an embedded one (with demo data by default). Exactly one,
    embedded: open it without asking (unless ``show_list``). Otherwise: the launcher.
    """
    entries = _load_or_warn(path)
    if not entries and not show_list:
        first = CreateDialog()
        if first.exec() == QDialog.DialogCode.Accepted:
            entry = first.entry()
            entries = infobases.add(entries, entry)
            infobases.save(entries, path)
            return Choice(entries[-1])
    if len(entries) == 1 and not entries[0].is_server and not show_list:
        return Choice(entries[0])
    launcher = LauncherDialog(entries, user, path=path)
    launcher.exec()
    return launcher.chosen


def _load_or_warn(path: Path | None) -> list[Entry]:
    """The list; an unreadable file is set aside (``.broken``) with a message, never lost."""
    try:
        return infobases.load(path)
    except InfobaseListError as exc:
        file = path or infobases.config_path()
        aside = file.with_name(file.name + ".broken")
        try:
            file.replace(aside)
            kept = QCoreApplication.translate("Launcher", "It was kept as {file}.").format(
                file=aside
            )
        except OSError:
            kept = QCoreApplication.translate("Launcher", "It was left as it is.")
        log.warning("%s", exc)
        QMessageBox.warning(
            None,
            "Kontora",
            QCoreApplication.translate(
                "Launcher", "{error}\n\n{kept} Starting with an empty list."
            ).format(error=exc, kept=kept),
        )
        return []


def opened(entry: Entry, path: Path | None = None) -> None:
    """After a first successful open: demo data is loaded, never ask for it again."""
    if not entry.demo:
        return
    try:
        entries = infobases.load(path)
        if any(e.name == entry.name and e.demo for e in entries):
            infobases.save(infobases.edit(entries, entry.name, replace(entry, demo=False)), path)
    except (InfobaseListError, OSError):
        log.warning("could not update the infobase list", exc_info=True)
