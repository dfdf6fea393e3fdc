"""``kontora``: start the desktop client on an infobase.

Without ``--infobase`` the launcher picks it (:mod:`app.launcher`): the first start offers to
create an embedded infobase (with demo data by default), a single embedded infobase opens at
once, otherwise the list of infobases is shown. ``--screenshot`` without ``--infobase`` skips
every dialog and uses the default embedded infobase with demo data. The slow part (server
start, migration, demo data) runs off the GUI thread while a small progress window is shown.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Qt, QThreadPool, QTimer, Signal
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
from app import i18n, launcher
from app.errors import install_excepthook
from app.infobases import Entry
from app.main_window import MainWindow
from app.startup import Opened, open_infobase
from forms.texts import error_message
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
        "--launcher", action="store_true", help="show the list of infobases even if there is one"
    )
    p.add_argument(
        "--open",
        metavar="DOCUMENT:ID",
        help="open at start: a document (goods_receipt:1, goods_receipt:new), its list "
        "(goods_receipt:list), a catalog item (products:7) or a catalog list (products)",
    )
    p.add_argument(
        "--lang",
        choices=i18n.LANGUAGES,
        help="interface language for this run (default: the setting, else the system's)",
    )
    return p.parse_args(argv)


class Splash(QWidget):
    """A small window saying what start-up is doing."""

    def __init__(self, title: str) -> None:
        super().__init__()
        self.setWindowTitle("Kontora")
        self.heading = QLabel(self.tr("Opening {name}").format(name=title), self)
        self.step = QLabel("…", self)
        bar = QProgressBar(self)
        bar.setRange(0, 0)
        bar.setAccessibleName(self.tr("Opening the infobase"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(bar)
        layout.addWidget(self.step)
        self.resize(self.fontMetrics().horizontalAdvance("0") * 50, self.sizeHint().height())


class _Progress(QObject):
    message = Signal(str)


@dataclass(frozen=True)
class Target:
    """The infobase to open and as whom; ``entry`` when it came from the launcher."""

    spec: str | None
    user: str | None = None
    password: str | None = None
    demo: bool = True
    entry: Entry | None = None

    @property
    def title(self) -> str:
        if self.entry is not None:
            return self.entry.name
        return self.spec or QCoreApplication.translate("Main", "the default infobase")


@dataclass
class Client:
    """Everything the running client holds on to."""

    args: argparse.Namespace
    app: QApplication
    loader: Loader
    progress: _Progress
    splash: Splash | None = None
    target: Target | None = None
    window: MainWindow | None = None
    opened: Opened | None = None
    code: int = 0

    def start(self, target: Target) -> None:
        """Show the progress window and open ``target`` off the GUI thread."""
        self.target = target
        if self.splash is not None:  # a second try after a failed one
            self.progress.message.disconnect(self.splash.step.setText)
            self.splash.close()
            self.splash.deleteLater()
        self.splash = Splash(target.title)
        self.progress.message.connect(self.splash.step.setText)
        self.splash.show()
        emit = self.progress.message.emit
        self.loader.submit(
            lambda: open_infobase(
                target.spec, target.user, target.password, demo=target.demo, progress=emit
            )
        )

    def fail(self, exc: BaseException) -> None:
        if self.splash is not None:
            self.splash.close()
        if isinstance(exc, KontoraError):
            text = error_message(exc)
        else:
            reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
            text = QCoreApplication.translate(
                "Main", "Could not open the infobase: {reason}"
            ).format(reason=reason)
        trace = None if isinstance(exc, KontoraError) else (type(exc), exc, exc.__traceback__)
        log.error("start-up failed: %s", text, exc_info=trace)
        if self.args.screenshot:
            print(text, file=sys.stderr)
        else:
            QMessageBox.critical(None, "Kontora", text)
            if self.target is not None and self.target.entry is not None:
                again = choose_target(self.args, show_list=True)  # back to the launcher
                if again is not None:
                    self.start(again)
                    return
        self.code = 2
        self.app.exit(2)

    def ready(self, opened: Opened) -> None:
        self.opened = opened
        entry = self.target.entry if self.target is not None else None
        title = entry.name if entry is not None else opened.title  # the name in the launcher
        w = MainWindow(opened.engine, registry, title=title, user=opened.user)
        self.window = w
        install_excepthook(lambda: self.window, w.show_error)
        for note in opened.notes:
            w.statusBar().showMessage(note)
        w.show()
        if self.splash is not None:
            self.splash.close()
        if self.target is not None and self.target.entry is not None:
            launcher.opened(self.target.entry)
        if self.args.open:  # after the sections (and the tabs they reopen) are there
            spec = self.args.open
            w.sections_loaded.connect(
                lambda: self._open_form(w, spec), Qt.ConnectionType.SingleShotConnection
            )
        if self.args.screenshot:
            self._wait_and_shoot(SCREENSHOT_TIMEOUT_MS // 100)

    def _open_form(self, w: MainWindow, spec: str) -> None:
        """``--open``: a document (``goods_receipt:1``, ``goods_receipt:new``), a document list
        (``goods_receipt:list``), a catalog item (``products:7``) or a catalog's list
        (``products``)."""
        name, _, ident = spec.partition(":")
        item = int(ident) if ident.isdigit() else None
        if name in registry.documents and ident != "list":
            w.open_document(name, item)
        elif name in registry.catalogs and ident:
            w.open_catalog_item(name, item)
        elif name in registry.catalogs or name in registry.documents:
            kind = "catalog" if name in registry.catalogs else "document"
            obj = registry.catalogs.get(name) or registry.documents[name]
            try:
                w.select_section(obj.subsystem)
                w.open(kind, name)
            except (KeyError, ValueError):
                w.show_error(
                    QCoreApplication.translate("Main", "--open: {name} is switched off").format(
                        name=repr(name)
                    )
                )
        else:
            w.show_error(
                QCoreApplication.translate("Main", "--open: no document or catalog {name}").format(
                    name=repr(name)
                )
            )

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
        if self.window is not None and self.window.isVisible():  # quit by a signal
            self.window.shutdown()
        QThreadPool.globalInstance().waitForDone(10000)
        if self.opened is not None:
            self.opened.engine.dispose()


def ask_password(args: argparse.Namespace) -> str | None:
    """For a shared server and a named user: ask for the password (None = cancelled)."""
    text, ok = QInputDialog.getText(
        None,
        QCoreApplication.translate("Main", "Log in"),
        QCoreApplication.translate("Main", "Password of {user} for {infobase}:").format(
            user=args.user, infobase=args.infobase
        ),
        QLineEdit.EchoMode.Password,
    )
    return text if ok else None


def target_from_args(args: argparse.Namespace) -> Target | None:
    """``--infobase`` (or ``--screenshot``): no launcher. None = the password was cancelled."""
    password = None
    if args.infobase and "://" in args.infobase and args.user:
        password = ask_password(args)
        if password is None:
            return None
    return Target(args.infobase, args.user, password, demo=not args.no_demo)


def choose_target(args: argparse.Namespace, show_list: bool = False) -> Target | None:
    """The launcher's choice as a :class:`Target` (None = the user closed it)."""
    choice = launcher.choose(args.user or "", show_list=show_list or args.launcher)
    if choice is None:
        return None
    e = choice.entry
    if e.is_server:
        return Target(e.spec, choice.user, choice.password, demo=False, entry=e)
    return Target(e.spec, args.user, None, demo=e.demo and not args.no_demo, entry=e)


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
    i18n.install(args.lang)
    direct = args.infobase or args.screenshot  # headless pictures never wait for a dialog
    target = target_from_args(args) if direct else choose_target(args)
    if target is None:
        return 1
    client = Client(args, app, Loader(), _Progress())
    client.loader.finished.connect(client.ready)
    client.loader.failed.connect(client.fail)
    client.start(target)
    _quit_on_signals(app)
    code = app.exec()
    client.shutdown()
    return client.code or code


def _quit_on_signals(app: QApplication) -> None:
    """SIGTERM or SIGINT (a logout, ``kill``, Ctrl+C) end the client the normal way, so that
    the last client still stops the embedded server on its way out."""
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: app.quit())
    tick = QTimer(app)  # Python sees a signal only when it runs: wake it up now and then
    tick.timeout.connect(lambda: None)
    tick.start(250)


if __name__ == "__main__":
    raise SystemExit(main())
