"""Administration → Backups: back up now, restore, check that a backup restores, and the daily
backup with retention that this client makes while an administrator has it open.

The folder, the number of copies kept and the daily switch are this computer's settings
(QSettings, per infobase): the backups are files on this machine. pg_dump's progress lines show
under the buttons; a failure names the tool and its error.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSpinBox,
)

from forms.admin_base import AdminForm
from forms.list_model import error_text
from server import backup
from server.metadata import Registry

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget
    from sqlalchemy import Engine

DEFAULT_KEEP = 7


def _url(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def settings_group(engine: Engine) -> str:
    """The QSettings group of one infobase's backup settings."""
    u = engine.url
    key = f"{u.host or 'local'}_{u.port or ''}_{u.database}".replace("/", "_")
    return f"backup/{key}"


def backup_settings(engine: Engine) -> dict[str, Any]:
    """Folder (str), keep (int) and daily (bool) of the infobase's backups on this computer."""
    s = QSettings()
    s.beginGroup(settings_group(engine))
    out = {
        "folder": str(s.value("folder", "") or ""),
        "keep": int(s.value("keep", DEFAULT_KEEP) or DEFAULT_KEEP),
        "daily": str(s.value("daily", "false")).lower() == "true",
    }
    s.endGroup()
    return out


def save_backup_settings(engine: Engine, folder: str, keep: int, daily: bool) -> None:
    s = QSettings()
    s.beginGroup(settings_group(engine))
    s.setValue("folder", folder)
    s.setValue("keep", keep)
    s.setValue("daily", "true" if daily else "false")
    s.endGroup()


class BackupForm(AdminForm):
    """Daily backup settings, Back up now, Restore…, Check a backup…"""

    def __init__(self, engine: Engine, reg: Registry, parent: QWidget | None = None) -> None:
        super().__init__(engine, reg, parent)
        self.setObjectName("admin_backup")
        self.heading.setText(self.tr("Backups"))
        self.folder = QLineEdit(self)
        self.folder.setObjectName("backup_folder")
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        self.keep = QSpinBox(self)
        self.keep.setRange(1, 365)
        self.daily = QCheckBox(self.tr("Back up daily while an administrator's client is open"))
        form = QFormLayout()
        form.addRow(self.tr("&Folder:"), row)
        form.addRow(self.tr("&Keep copies:"), self.keep)
        form.addRow("", self.daily)
        self.body.addLayout(form)
        buttons = QHBoxLayout()
        self.backup_button = QPushButton(self.tr("&Back up now"), self)
        self.restore_button = QPushButton(self.tr("&Restore…"), self)
        self.verify_button = QPushButton(self.tr("&Check a backup…"), self)
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button.clicked.connect(self._ask_restore)
        self.verify_button.clicked.connect(self._ask_verify)
        for b in (self.backup_button, self.restore_button, self.verify_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.body.addLayout(buttons)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.hide()
        self.status = QLabel(self)
        self.status.setObjectName("backup_status")
        self.body.addWidget(self.progress)
        self.body.addWidget(self.status)
        # the tools' newest line, written by the worker thread, shown by a timer while busy
        self._line = ""
        self._poll = QTimer(self)
        self._poll.setInterval(200)
        self._poll.timeout.connect(lambda: self.status.setText(self._line))
        self._loader.loading_changed.connect(self._busy)
        self.folder.editingFinished.connect(self._store)
        self.keep.valueChanged.connect(lambda _value: self._store())
        self.daily.toggled.connect(lambda _on: self._store())
        self.setFocusProxy(self.backup_button)
        self.load()

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(bool(busy))
        if busy:
            self._line = ""
            self._poll.start()
        else:
            self._poll.stop()

    def _progress(self, line: str) -> None:
        """Called on the worker thread: only remembers the line."""
        self._line = line

    # -- settings -------------------------------------------------------------------------
    def load(self) -> None:
        s = backup_settings(self.engine)
        for w in (self.folder, self.keep, self.daily):
            w.blockSignals(True)
        self.folder.setText(s["folder"])
        self.keep.setValue(s["keep"])
        self.daily.setChecked(s["daily"])
        for w in (self.folder, self.keep, self.daily):
            w.blockSignals(False)

    def _store(self) -> None:
        save_backup_settings(
            self.engine, self.folder.text().strip(), self.keep.value(), self.daily.isChecked()
        )

    def _browse(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Backup folder"), self.folder.text())
        if path:
            self.folder.setText(path)
            self._store()

    # -- commands -------------------------------------------------------------------------
    def backup_now(self) -> None:
        folder = self.folder.text().strip()
        if not folder:
            self.message_bar.show_error(self.tr("Choose the folder backups are written to."))
            return
        self._store()
        url, keep, emit = _url(self.engine), self.keep.value(), self._progress
        self.message_bar.clear()
        self._run(lambda: backup.daily(url, Path(folder), keep, emit), self._backed_up, True)

    def _backed_up(self, file: Path) -> None:
        size = f"{file.stat().st_size:,}"
        self.status.setText("")
        self.message_bar.show_info(
            self.tr("Backed up to {file} ({size} bytes).").format(file=file, size=size)
        )

    def _ask_restore(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Restore from"), self.folder.text(), self.tr("Backups (*.dump)")
        )
        if path:
            self.restore_from(Path(path))

    def restore_from(self, file: Path) -> None:
        """Replace the infobase's data with ``file`` after the administrator confirms."""
        answer = QMessageBox.question(
            self,
            self.tr("Restore"),
            self.tr(
                "Replace all data of this infobase with the backup {file}? Changes made since "
                "it was taken are lost. Other users should close Kontora first."
            ).format(file=file.name),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        url, emit = _url(self.engine), self._progress
        self.engine.dispose()  # this client's idle connections must not hold the tables
        self.message_bar.clear()
        self._run(lambda: backup.restore_infobase(url, file, emit), self._restored, True)

    def _restored(self, revision: str) -> None:
        self.status.setText("")
        self.message_bar.show_info(
            self.tr("Restored; schema revision {revision}. Reopen the open forms.").format(
                revision=revision
            )
        )

    def _ask_verify(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Check a backup"), self.folder.text(), self.tr("Backups (*.dump)")
        )
        if path:
            self.verify(Path(path))

    def verify(self, file: Path) -> None:
        """Restore ``file`` into a scratch database and compare its row counts."""
        url, emit = _url(self.engine), self._progress
        self.message_bar.clear()
        self._run(lambda: backup.verify(url, file, emit), self._verified, True)

    def _verified(self, result: backup.VerifyResult) -> None:
        self.status.setText("")
        if result.ok:
            self.message_bar.show_info(
                self.tr("The backup restores: {tables} tables, {rows} rows as taken.").format(
                    tables=result.tables, rows=f"{result.rows:,}"
                )
            )
            return
        tables = ", ".join(f"{t} ({want} → {got})" for t, (want, got) in result.differences.items())
        self.message_bar.show_error(
            self.tr("The backup does not restore as taken: {tables}").format(tables=tables)
        )

    def _on_failed(self, exc: BaseException) -> None:
        self.writing = False
        self.status.setText("")
        tool = backup.failure(exc)
        if tool is None:
            self.message_bar.show_error(error_text(exc))
        else:
            self.message_bar.show_error(
                self.tr("The backup tool failed: {error}").format(error=tool)
            )
