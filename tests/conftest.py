"""Test infrastructure: one embedded PostgreSQL per run, a migrated template database, and a
fresh database cloned from it per test (CREATE DATABASE … TEMPLATE takes ~100 ms)."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

import server.config  # noqa: F401 - fills the registry
from server.api import Documents, Registers, Session
from server.infobase import Infobase
from server.metadata import registry
from server.sqlgen.install import database_settings_sql
from tests.admin_support import login  # noqa: F401 - a fixture: logins of given roles

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
TEMPLATE = "kontora_tpl"
GUI_WAIT = 10000  # ms a GUI test waits for background work
FAST = {
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "max_connections": "200",
}
_counter = itertools.count()


@pytest.fixture(scope="session")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Infobase]:
    """An embedded server with the migrated template database."""
    folder = Path(tmp_path_factory.mktemp("cluster"))
    ib = Infobase(str(folder), settings=FAST)
    ib.start()
    tpl = Infobase(str(folder), settings=FAST)
    tpl_url = make_url(ib.url()).set(database=TEMPLATE)
    admin = create_engine(make_url(ib.url()).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.exec_driver_sql(f"CREATE DATABASE \"{TEMPLATE}\" TEMPLATE template0 ENCODING 'UTF8'")
    eng = create_engine(tpl_url)
    tpl.upgrade(eng)
    eng.dispose()
    admin.dispose()
    yield ib
    assert ib.server
    ib.server.stop(force=True)


@dataclass
class Db:
    """A fresh infobase database for one test."""

    name: str
    url: str
    engine: Engine
    idle_timeout: str

    def session(self) -> Session:
        return Session(self.engine)

    def engine_as(self, user: str, password: str, **kw) -> Engine:
        u = make_url(self.url).set(username=user, password=password)
        return create_engine(u, **kw)


def make_db(cluster: Infobase, idle_timeout: str = "60s") -> Db:
    name = f"t_{os.getpid()}_{next(_counter)}"
    admin = create_engine(
        make_url(cluster.url()).set(database="postgres"), isolation_level="AUTOCOMMIT"
    )
    with admin.connect() as c:
        c.exec_driver_sql(f'CREATE DATABASE "{name}" TEMPLATE "{TEMPLATE}"')
        for stmt in database_settings_sql(name, idle_timeout):
            c.exec_driver_sql(stmt)
    admin.dispose()
    url = make_url(cluster.url()).set(database=name).render_as_string(hide_password=False)
    return Db(name, url, create_engine(url, pool_size=10), idle_timeout)


def drop_db(cluster: Infobase, db: Db) -> None:
    db.engine.dispose()
    admin = create_engine(
        make_url(cluster.url()).set(database="postgres"), isolation_level="AUTOCOMMIT"
    )
    with admin.connect() as c:
        c.exec_driver_sql(f'DROP DATABASE IF EXISTS "{db.name}" WITH (FORCE)')
    admin.dispose()


@pytest.fixture
def db(cluster: Infobase) -> Iterator[Db]:
    d = make_db(cluster)
    yield d
    drop_db(cluster, d)


@dataclass
class World:
    """Catalog items most tests need."""

    db: Db
    session: Session
    docs: Documents
    regs: Registers
    org: int
    wh: int
    wh2: int
    pcs: int
    kg: int
    products: list[int]
    flour: int
    customer: int
    partner: int
    expense_item: int = 0  # "Inventory losses", for write-offs

    def stock(self, product: int, wh: int | None = None, at=None) -> Decimal:
        return self.regs.balance("stock", at=at, warehouse=wh or self.wh, product=product)[
            "quantity"
        ]


def make_world(db: Db, n_products: int = 5) -> World:
    s = db.session()

    def ins(sql: str, **p) -> int:
        return int(s.scalar(sql, **p))

    org = ins("INSERT INTO cat_organizations(name) VALUES ('Acme LLC') RETURNING id")
    wh = ins("INSERT INTO cat_warehouses(name) VALUES ('Main warehouse') RETURNING id")
    wh2 = ins("INSERT INTO cat_warehouses(name) VALUES ('Shop') RETURNING id")
    pcs = ins("INSERT INTO cat_units(name, precision) VALUES ('pcs', 0) RETURNING id")
    kg = ins("INSERT INTO cat_units(name, precision) VALUES ('kg', 3) RETURNING id")
    products = [
        ins(
            "INSERT INTO cat_products(name, unit_id) VALUES (:n, :u) RETURNING id",
            n=f"Bolt M{i + 4}",
            u=pcs,
        )
        for i in range(n_products)
    ]
    flour = ins("INSERT INTO cat_products(name, unit_id) VALUES ('Flour', :u) RETURNING id", u=kg)
    partner = ins(
        "INSERT INTO cat_partners(name, is_client, is_supplier) "
        "VALUES ('Customer One', true, true) RETURNING id"
    )
    customer = ins(
        "INSERT INTO cat_counterparties(name, partner_id) VALUES ('Customer One', :p) RETURNING id",
        p=partner,
    )
    expense_item = ins(
        "INSERT INTO cat_expense_items(name) VALUES ('Inventory losses') RETURNING id"
    )
    return World(
        db,
        s,
        Documents(s, registry),
        Registers(s, registry),
        org,
        wh,
        wh2,
        pcs,
        kg,
        products,
        flour,
        customer,
        partner,
        expense_item,
    )


@pytest.fixture
def world(db: Db) -> World:
    return make_world(db)


def sql(engine: Engine, stmt: str, **params) -> list:
    with engine.begin() as c:
        r = c.execute(text(stmt), params)
        return list(r) if r.returns_rows else []


@pytest.fixture
def gui_isolation(tmp_path, monkeypatch, qapp) -> Iterator[None]:
    """Settings in a scratch folder; no modal dialog can block a test; no task left running.

    A modal dialog a failed step left open would keep its event loop — and the test — waiting
    where pytest-timeout cannot interrupt (no Python runs): after MODAL_RESCUE_MS it is rejected,
    so the test ends and fails instead of hanging the run."""
    from PySide6.QtCore import QSettings, QThreadPool, QTimer
    from PySide6.QtWidgets import QMessageBox

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    for name in ("critical", "warning", "information", "question"):
        monkeypatch.setattr(QMessageBox, name, lambda *a, **k: QMessageBox.StandardButton.Ok)
    rescue = QTimer()
    rescue.timeout.connect(_reject_modal_dialogs)
    rescue.start(MODAL_RESCUE_MS)
    yield
    rescue.stop()
    _retire_windows()
    QThreadPool.globalInstance().waitForDone(GUI_WAIT)


MODAL_RESCUE_MS = 120_000  # far beyond any GUI test's own waits


def _reject_modal_dialogs() -> None:
    from PySide6.QtWidgets import QApplication, QDialog

    for w in QApplication.topLevelWidgets():
        if isinstance(w, QDialog) and w.isModal() and w.isVisible():
            w.reject()


def _retire_windows() -> None:
    """A main window a test left open (its close refused over unsaved input) must not watch a
    dropped test database and declare the next test's client offline: stop it and reset."""
    from PySide6.QtCore import QCoreApplication, QEvent, QThreadPool
    from PySide6.QtWidgets import QApplication, QDialog

    from app.main_window import MainWindow
    from forms import switched_on
    from forms.worker import set_offline

    for w in QApplication.topLevelWidgets():
        if isinstance(w, MainWindow):
            w.shutdown()
        if isinstance(w, MainWindow | QDialog):
            w.hide()
            w.deleteLater()
    QThreadPool.globalInstance().waitForDone(GUI_WAIT)  # their last tasks end here…
    QApplication.processEvents()  # …and their answers are delivered to nobody
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    set_offline(False)
    switched_on.reset()


_EXIT_STATUS = pytest.StashKey[int]()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    session.config.stash[_EXIT_STATUS] = int(exitstatus)


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    """End the process with pytest's status once it is done, skipping the interpreter's
    teardown: PySide6 may crash while Python finalizes its objects after a long run of GUI
    tests ("bool_dealloc: deallocating True or False", a refcount error of the binding, seen
    with some selections of tests after every test passed), which would turn a green run red.
    Everything is reported and every fixture torn down by now, and the exit hooks run here;
    ``KONTORA_TEST_FINALIZE=1`` lets Python finalize as usual."""
    status = config.stash.get(_EXIT_STATUS, None)
    if status is None or os.environ.get("KONTORA_TEST_FINALIZE"):
        return
    import atexit
    import sys

    atexit._run_exitfuncs()  # the exit hooks still run: embedded servers left in use stop
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)
