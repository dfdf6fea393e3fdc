"""Opening an infobase before the window exists (off the GUI thread; of Qt only translate)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication
from sqlalchemy import Engine

from server.demo import load_demo
from server.errors import SchemaMismatchError
from server.infobase import Infobase, check_schema, revisions

log = logging.getLogger(__name__)
Progress = Callable[[str], None]


@dataclass
class Opened:
    """A ready infobase: its engine, title and the user working in it."""

    infobase: Infobase
    engine: Engine
    title: str
    user: str
    notes: list[str] = field(default_factory=list)


def _known_revision(rev: str | None) -> bool:
    return rev is None or rev in revisions()


def _prepare_embedded(ib: Infobase, engine: Engine, progress: Progress) -> None:
    """Create or migrate the user's own embedded infobase; never touch a newer one."""
    progress(QCoreApplication.translate("Startup", "Creating the infobase…"))
    ib.create()
    with engine.connect() as conn:
        try:
            check_schema(conn)
            return
        except SchemaMismatchError as exc:
            if not _known_revision(exc.detail.get("have")):
                raise
    progress(QCoreApplication.translate("Startup", "Updating the infobase structure…"))
    ib.upgrade(engine)


def open_infobase(
    spec: str | None,
    user: str | None = None,
    password: str | None = None,
    *,
    demo: bool = True,
    progress: Progress = lambda _: None,
) -> Opened:
    """Start/create/migrate (embedded only), load demo data, then refuse a mismatched schema.

    A shared server is never migrated nor filled by the client: its administrator runs
    ``kontora-admin``.
    """
    ib = Infobase(spec)
    progress(
        QCoreApplication.translate("Startup", "Starting the server…")
        if not ib.is_shared
        else QCoreApplication.translate("Startup", "Connecting…")
    )
    engine = ib.engine(user, password)
    notes: list[str] = []
    if not ib.is_shared:
        _prepare_embedded(ib, engine, progress)
        if demo:
            progress(QCoreApplication.translate("Startup", "Loading demo data…"))
            load_demo(engine)
    progress(QCoreApplication.translate("Startup", "Checking the infobase…"))
    with engine.connect() as conn:
        check_schema(conn)
        who = conn.exec_driver_sql("SELECT session_user").scalar()
    return Opened(ib, engine, ib.title, str(who), notes)
