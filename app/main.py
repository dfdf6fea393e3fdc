"""``kontora``: start the desktop client on an infobase.

Without ``--infobase`` the user's default embedded infobase is used; it is created and filled
with demo data on the first start. The slow part (server start, migration, demo data) runs off
the GUI thread while a small progress window is shown.
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject, QSettings, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

import server.config  # noqa: F401 - fills the registry
from app.errors import install_excepthook
from app.main_window import MainWindow
from app.startup import Opened, open_infobase
from forms.worker import Loader
from server.errors import KontoraError
from server.metadata import registry

log = logging.getLogger("kontora")
SCREENSHOT_TIMEOUT_MS = 20000


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="kontora", description="Kontora desktop client")
    p.add_argument("--infobase", metavar="PATH_OR_URL", help="folder or postgresql:// URL")
    p.add_argument("--user", metavar="NAME", help="user name (a URL asks for the password)")
    p.add_argument("--screenshot", metavar="FILE", help="save the loaded window as PNG and quit")
    p.add_argument("--no-demo", action="store_true", help="do not load demo data")
    p.add_argument(
        "--open",
        metavar="DOCUMENT:ID",
        help="open a document form at start (goods_receipt:1; goods_receipt:new for a new one)",
    )
    return p.parse_args(argv)


class Splash(QWidget):
    """A small window saying what start-up is doing."""

    def __init__(self, title: str) -> None:
        super().__init__()
        self.setWindowTitle("Kontora")
        self.heading = QLabel(f"Opening {title}", self)
        self.step = QLabel("…", self)
        bar = QProgressBar(self)
        bar.setRange(0, 0)
        bar.setAccessibleName("Opening the infobase")
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(bar)
        layout.addWidget(self.step)
        self.resize(self.fontMetrics().horizontalAdvance("0") * 50, self.sizeHint().height())


class _Progress(QObject):
    message = Signal(str)


@dataclass
class Client:
    """Everything the running client holds on to."""

    args: argparse.Namespace
    app: QApplication
    splash: Splash
    loader: Loader
    progress: _Progress
    window: MainWindow | None = None
    opened: Opened | None = None
    code: int = 0

    def fail(self, exc: BaseException) -> None:
        self.splash.close()
        if isinstance(exc, KontoraError):
            text = exc.message
        else:
            reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
            text = f"Could not open the infobase: {reason}"
        trace = None if isinstance(exc, KontoraError) else (type(exc), exc, exc.__traceback__)
        log.error("start-up failed: %s", text, exc_info=trace)
        if self.args.screenshot:
            print(text, file=sys.stderr)
        else:
            QMessageBox.critical(None, "Kontora", text)
        self.code = 2
        self.app.exit(2)

    def ready(self, opened: Opened) -> None:
        self.opened = opened
        w = MainWindow(opened.engine, registry, title=opened.title, user=opened.user)
        self.window = w
        install_excepthook(lambda: self.window, w.show_error)
        for note in opened.notes:
            w.statusBar().showMessage(note)
        w.show()
        self.splash.close()
        if self.args.open:  # after the sections (and the tabs they reopen) are there
            spec = self.args.open
            w.sections_loaded.connect(
                lambda: self._open_form(w, spec), Qt.ConnectionType.SingleShotConnection
            )
        if self.args.screenshot:
            self._wait_and_shoot(SCREENSHOT_TIMEOUT_MS // 100)

    def _open_form(self, w: MainWindow, spec: str) -> None:
        name, _, ident = spec.partition(":")
        if name not in registry.documents:
            w.show_error(f"--open: no document type {name!r}")
            return
        w.open_document(name, int(ident) if ident.isdigit() else None)

    def _wait_and_shoot(self, tries: int) -> None:
        w = self.window
        assert w is not None
        if (not w.sections or not w.is_idle()) and tries > 0:
            QTimer.singleShot(100, lambda: self._wait_and_shoot(tries - 1))
            return
        QTimer.singleShot(100, self._shoot)

    def _shoot(self) -> None:
        assert self.window is not None
        ok = self.window.grab().save(self.args.screenshot)
        print(f"screenshot {'saved to' if ok else 'FAILED:'} {self.args.screenshot}")
        self.code = 0 if ok else 1
        self.window.close()
        self.app.exit(self.code)

    def shutdown(self) -> None:
        QThreadPool.globalInstance().waitForDone(10000)
        if self.opened is not None:
            self.opened.engine.dispose()


def ask_password(args: argparse.Namespace) -> str | None:
    """For a shared server and a named user: ask for the password (None = cancelled)."""
    text, ok = QInputDialog.getText(
        None,
        "Kontora — log in",
        f"Password of {args.user} for {args.infobase}:",
        QLineEdit.EchoMode.Password,
    )
    return text if ok else None


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    args = parse_args(argv)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setOrganizationName("Kontora")
    app.setApplicationName("Kontora")
    app.setApplicationDisplayName("Kontora")
    if args.screenshot:  # a picture of a first start: neither read nor write the user's settings
        scratch = tempfile.mkdtemp(prefix="kontora-shot-")
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, scratch)
    password = None
    if args.infobase and "://" in args.infobase and args.user:
        password = ask_password(args)
        if password is None:
            return 1
    splash = Splash(args.infobase or "the default infobase")
    client = Client(args, app, splash, Loader(), _Progress())
    client.progress.message.connect(splash.step.setText)
    client.loader.finished.connect(client.ready)
    client.loader.failed.connect(client.fail)
    splash.show()
    emit = client.progress.message.emit
    client.loader.submit(
        lambda: open_infobase(
            args.infobase, args.user, password, demo=not args.no_demo, progress=emit
        )
    )
    code = app.exec()
    client.shutdown()
    return client.code or code


if __name__ == "__main__":
    raise SystemExit(main())
