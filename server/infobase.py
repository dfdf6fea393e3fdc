"""Locating, creating, upgrading and opening an infobase.

``--infobase`` is a folder (an embedded infobase kept there), a ``postgresql://`` URL (a shared
server), or nothing (the user's default embedded infobase in the platformdirs data folder).
"""

from __future__ import annotations

import atexit
import functools
import logging
import os
import re
import weakref
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url

from server.embedded import DB_NAME, EmbeddedServer
from server.errors import SchemaMismatchError
from server.idle_ping import ping_when_idle

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).with_name("migrations")
SCHEMA = "kontora"
APP_NAME = f"kontora pid {os.getpid()}"
_stop_at_exit: set[Path] = set()  # embedded folders this process checks at exit


#: Kontora's own URL parameters, never sent to libpq: ``pooler=transaction`` (the URL points at
#: PgBouncer in transaction mode: no server-side prepared statements, since a transaction may run
#: on another server connection), ``listen=host:port`` (where the change feed LISTENs: the
#: PostgreSQL server itself, as LISTEN needs a session) and ``reports=host:port`` (a read
#: replica the reports read from). A host may be a socket folder (``/run/postgresql:5432``).
POOLER, LISTEN, REPORTS = "pooler", "listen", "reports"
OWN_PARAMS = (POOLER, LISTEN, REPORTS)
_report_engines: weakref.WeakKeyDictionary[Engine, Engine] = weakref.WeakKeyDictionary()


def make_engine(url: str | URL, ping_idle: bool = False, **kw: Any) -> Engine:
    """``create_engine`` for a Kontora URL: its own parameters become connection settings.
    ``ping_idle``: a pooled connection idle for a while is pinged before use (server.idle_ping)."""
    engine = create_engine(url, **kw)
    if ping_idle:
        ping_when_idle(engine)

    @event.listens_for(engine, "do_connect")
    def _kontora_params(_dialect: Any, _rec: Any, _args: Any, params: dict[str, Any]) -> None:
        pooler = params.get(POOLER)
        for name in OWN_PARAMS:
            params.pop(name, None)
        if pooler == "transaction":
            params["prepare_threshold"] = None

    return engine


def url_at(url: URL, where: str) -> URL:
    """``url`` pointed at ``where`` (``host:port``, ``host`` or ``/socket/folder:port``),
    without Kontora's own parameters: a direct connection to that server."""
    host, _, port = where.rpartition(":")
    if not port.isdigit():
        host, port = where, ""
    u = url.difference_update_query(["host", "port", *OWN_PARAMS])
    if host.startswith("/"):  # a socket folder: libpq takes it as the "host" parameter
        u = u.set(host=None).update_query_dict({"host": host})
    elif host:
        u = u.set(host=host)
    return u.set(port=int(port)) if port else u


def reports_engine(engine: Engine) -> Engine:
    """Where reports read: the read replica named by the URL's ``reports=`` (one engine per
    client, kept), else ``engine`` itself. A replica is a little behind the server."""
    where = engine.url.query.get(REPORTS)
    if not isinstance(where, str) or not where:
        return engine
    if engine not in _report_engines:
        _report_engines[engine] = make_engine(url_at(engine.url, where), ping_idle=True)
    return _report_engines[engine]


def default_folder() -> Path:
    return Path(platformdirs.user_data_dir("kontora", "Kontora")) / "infobases" / "default"


def alembic_config() -> Config:
    from alembic.config import Config  # alembic loads only to migrate, not at every start

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


@functools.cache
def revisions() -> dict[str, str | None]:
    """Each migration's revision and the one it follows, read from the files' text (a client
    checks the schema at every start; alembic itself takes a second to load)."""
    out: dict[str, str | None] = {}
    for path in (MIGRATIONS / "versions").glob("*.py"):
        text_ = path.read_text(encoding="utf-8")
        rev = re.search(r'^revision(?:: str)? = "([^"]+)"', text_, re.M)
        down = re.search(r'^down_revision(?:: [^=]+)? = (?:"([^"]+)"|None)', text_, re.M)
        if rev and down:
            out[rev.group(1)] = down.group(1)
    return out


def code_revision() -> str:
    """The head of the migrations: the revision no other one follows."""
    revs = revisions()
    [head] = set(revs) - set(revs.values())
    return head


@dataclass
class Infobase:
    """An infobase location; :meth:`admin_url` for owners, :meth:`url` for users."""

    spec: str | None = None
    settings: dict[str, str] = field(default_factory=dict)
    server: EmbeddedServer | None = None

    def __post_init__(self) -> None:
        if not self.is_shared:
            folder = Path(self.spec) if self.spec else default_folder()
            self.server = EmbeddedServer(folder, settings=self.settings)

    @property
    def is_shared(self) -> bool:
        return bool(self.spec) and "://" in str(self.spec)

    @property
    def title(self) -> str:
        if self.is_shared:
            u = make_url(self._shared_url())
            return f"{u.database} on {u.host or 'localhost'}"
        assert self.server
        return str(self.server.folder)

    def _shared_url(self) -> str:
        url = str(self.spec)
        if url.startswith("postgresql://") or url.startswith("postgres://"):
            url = "postgresql+psycopg://" + url.split("://", 1)[1]
        return url

    def url(self, user: str | None = None, password: str | None = None) -> str:
        """Connection URL, as ``user`` if given (else the URL's or the embedded superuser)."""
        if self.is_shared:
            u = make_url(self._shared_url())
        else:
            assert self.server
            u = make_url(self.server.url(DB_NAME))
        if user:
            u = u.set(username=user, password=password)
        return u.render_as_string(hide_password=False)

    def start(self) -> None:
        """Start the embedded server if needed (or join it); at exit, the last client stops it.

        Every client that uses the server checks at exit, not only the one that started it:
        the starter may leave (or crash) while others are connected, and then the last one
        to leave stops it.
        """
        if not self.server:
            return
        self.server.start()  # joins a ready server; waits out one that is starting or stopping
        if self.server.folder not in _stop_at_exit:
            _stop_at_exit.add(self.server.folder)
            atexit.register(self.stop_if_unused)

    def stop_if_unused(self) -> None:
        if not self.server or not self.server.running():
            return
        try:
            eng = create_engine(
                self.url(),
                isolation_level="AUTOCOMMIT",
                connect_args={"application_name": APP_NAME},
            )
            with eng.connect() as c:
                others = c.scalar(
                    text(
                        "SELECT count(*) FROM pg_stat_activity "
                        "WHERE backend_type = 'client backend' "
                        "AND application_name <> :me"
                    ),
                    {"me": APP_NAME},
                )
            eng.dispose()
        except Exception:
            others = 0
        if not others:
            self.server.stop()

    def engine(self, user: str | None = None, password: str | None = None, **kw) -> Engine:
        """An engine for ``user``; its connections are named after this process."""
        self.start()
        kw.setdefault("connect_args", {}).setdefault("application_name", APP_NAME)
        return make_engine(self.url(user, password), ping_idle=True, **kw)

    # -- creation and migration -------------------------------------------------------------
    def create(self) -> None:
        """Create the database (embedded: the cluster too) if it does not exist."""
        self.start()
        u = make_url(self.url())
        admin = make_engine(u.set(database="postgres"), isolation_level="AUTOCOMMIT")
        with admin.connect() as c:
            if not c.scalar(
                text("SELECT 1 FROM pg_database WHERE datname = :d"), {"d": u.database}
            ):
                c.exec_driver_sql(
                    f"CREATE DATABASE \"{u.database}\" ENCODING 'UTF8' TEMPLATE template0"
                )
        admin.dispose()

    def upgrade(self, engine: Engine | None = None) -> str:
        """Migrate to the code's revision and re-install routines; returns the revision."""
        from alembic import command

        eng = engine or self.engine()
        with eng.begin() as conn:
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
        return code_revision()

    def init(self) -> str:
        self.create()
        return self.upgrade()


def db_revision(conn) -> str | None:
    """The schema revision the database is at (None: not an infobase)."""
    if conn.scalar(text(f"SELECT to_regclass('{SCHEMA}.alembic_version')")) is None:
        return None
    return conn.scalar(text(f"SELECT version_num FROM {SCHEMA}.alembic_version"))


def check_schema(conn) -> None:
    """Refuse to work with an infobase whose schema differs from the code's; touch nothing."""
    have, want = db_revision(conn), code_revision()
    if have == want:
        return
    if have is None:
        raise SchemaMismatchError(
            "This database is not a Kontora infobase yet (no schema). "
            "Create it with: kontora-admin init",
            {"have": None, "want": want},
        )
    if have in revisions():
        raise SchemaMismatchError(
            f"The infobase schema is at revision {have}, this Kontora needs {want}. "
            "Nothing was changed. An administrator upgrades it with: kontora-admin upgrade",
            {"have": have, "want": want},
        )
    raise SchemaMismatchError(
        f"The infobase schema ({have}) is newer than this Kontora ({want}). "
        "Nothing was changed. Install the newer Kontora to work with it.",
        {"have": have, "want": want},
    )
