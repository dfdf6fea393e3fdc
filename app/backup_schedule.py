"""The daily backup an administrator's open client makes (Administration → Backups).

Checked when the sections load for an administrator and then every hour: when the daily backup
is on, a folder is set and the newest backup there is a day old, one is written in the
background and the oldest beyond the kept number are deleted. A failure shows in the window.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from forms.admin_backup import backup_settings
from forms.worker import Loader
from server import backup

if TYPE_CHECKING:
    from sqlalchemy import Engine

CHECK_MS = 60 * 60 * 1000


class BackupSchedule(QObject):
    """Runs :func:`server.backup.daily` when it is due; ``done`` carries the new file."""

    done = Signal(object)
    failed = Signal(str)

    def __init__(self, engine: Engine, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.loader = Loader(self, system=True)
        self.loader.finished.connect(self.done)
        self.loader.failed.connect(self._failed)
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_MS)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        """Check now and every hour from now on."""
        if not self.timer.isActive():
            self.timer.start()
        self.check()

    def stop(self) -> None:
        self.timer.stop()
        self.loader.cancel()

    def check(self) -> bool:
        """Start a backup if one is due; True if it started."""
        s = backup_settings(self.engine)
        folder = Path(s["folder"]) if s["folder"] else None
        if not s["daily"] or folder is None or self.loader.loading:
            return False
        if not backup.backup_due(folder):
            return False
        url, keep = self.engine.url.render_as_string(hide_password=False), s["keep"]
        self.loader.submit(lambda: backup.daily(url, folder, keep))
        return True

    def _failed(self, exc: BaseException) -> None:
        text = backup.failure(exc) or str(exc)
        self.failed.emit(self.tr("The daily backup failed: {error}").format(error=text))
