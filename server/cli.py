"""``kontora-admin``: create, upgrade, serve, back up and check an infobase; manage its users.

Every command takes ``--infobase``: a folder (an embedded infobase kept there), a
``postgresql://`` URL (a shared server), or nothing (the user's default embedded infobase).
User errors print one line to stderr and exit with status 1; never a traceback.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from psycopg import Error as PsycopgError
from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError

import server.config  # noqa: F401 - fills the registry
from server import backup as backups
from server import users
from server.api.admin import switch_subsystems
from server.api.segments import refresh_all
from server.api.session import Session
from server.check import check as check_infobase
from server.config.roles import ROLE_WRITES
from server.demo import load_demo
from server.embedded import DB_NAME, SERVING_MARK
from server.errors import KontoraError, from_db
from server.infobase import Infobase, check_schema
from server.metadata import registry

app = typer.Typer(
    help="Administer a Kontora infobase: create, upgrade, serve, back up, restore and check it; "
    "manage its users and subsystems. --infobase is a folder (embedded), a postgresql:// URL "
    "(shared server), or omitted (your default embedded infobase).",
    no_args_is_help=True,
    add_completion=False,
)
user_app = typer.Typer(help="PostgreSQL login roles of the infobase's users.", no_args_is_help=True)
subsystem_app = typer.Typer(
    help="Switch subsystems and options (functional options) on and off.", no_args_is_help=True
)
app.add_typer(user_app, name="user")
app.add_typer(subsystem_app, name="options")
app.add_typer(subsystem_app, name="subsystem")  # the older name of the same commands
segments_app = typer.Typer(help="CRM segments of partners.", no_args_is_help=True)
app.add_typer(segments_app, name="segments")

InfobaseOpt = Annotated[
    str | None,
    typer.Option(
        "--infobase",
        "-i",
        help="Folder of an embedded infobase, or a postgresql:// URL; default: your own.",
        envvar="KONTORA_INFOBASE",
    ),
]
F = TypeVar("F", bound=Callable[..., Any])


class CliError(Exception):
    """A failure explained to the user in one line."""


def fail(message: str) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(1)


def friendly(fn: F) -> F:
    """Turn user-facing failures into one line on stderr and exit status 1."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except (KontoraError, CliError) as exc:
            raise fail(str(exc)) from None
        except DBAPIError as exc:
            typed = from_db(exc)
            raise fail(str(typed) if typed else _first_line(exc.orig or exc)) from None
        except (PsycopgError, OSError) as exc:
            raise fail(_first_line(exc)) from None
        except subprocess.CalledProcessError as exc:
            detail = _first_line(exc.stderr or "") or f"exit status {exc.returncode}"
            raise fail(f"{Path(exc.cmd[0]).name} failed: {detail}") from None

    return wrapper  # type: ignore[return-value]


def _first_line(exc: object) -> str:
    lines = [x.strip() for x in str(exc).splitlines() if x.strip()]
    return "; ".join(lines[:2]) if lines else type(exc).__name__


# -- helpers -----------------------------------------------------------------------------------
@contextmanager
def _engine(ib: Infobase, *, schema: bool = True) -> Iterator[Engine]:
    """An owner's engine of the infobase (schema checked unless ``schema`` is False)."""
    eng = ib.engine()
    try:
        if schema:
            with eng.connect() as c:
                check_schema(c)
        yield eng
    finally:
        eng.dispose()


@contextmanager
def _begin(ib: Infobase, *, schema: bool = True) -> Iterator[Connection]:
    with _engine(ib, schema=schema) as eng, eng.begin() as c:
        yield c


def _read_password(password: str | None, stdin: bool) -> str:
    if password and stdin:
        raise CliError("give either --password or --password-stdin, not both")
    if stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    elif password is None:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    if not password:
        raise CliError("the password must not be empty")
    return password


# -- infobase ----------------------------------------------------------------------------------
@app.command()
@friendly
def init(infobase: InfobaseOpt = None) -> None:
    """Create the infobase (embedded: its server too) and migrate it to this version."""
    ib = Infobase(infobase)
    rev = ib.init()
    typer.echo(f"Infobase {ib.title} is ready at schema revision {rev}.")


@app.command()
@friendly
def upgrade(infobase: InfobaseOpt = None) -> None:
    """Migrate the infobase to this version and re-install its routines and privileges."""
    ib = Infobase(infobase)
    with _engine(ib, schema=False) as eng:
        rev = ib.upgrade(eng)
    typer.echo(f"Infobase {ib.title} is at schema revision {rev}.")


@app.command()
@friendly
def demo(infobase: InfobaseOpt = None) -> None:
    """Initialize the infobase if needed and load demo data (only into an empty one)."""
    ib = Infobase(infobase)
    ib.init()
    with _engine(ib) as eng:
        started = time.monotonic()
        load_demo(eng)
        with eng.connect() as c:
            n = sum(
                c.scalar(text(f"SELECT count(*) FROM kontora.{d.table}")) or 0
                for d in registry.documents.values()
            )
    typer.echo(f"Infobase {ib.title} has {n} documents ({time.monotonic() - started:.1f} s).")


@app.command()
@friendly
def generate(
    scale: Annotated[
        int, typer.Option(min=1, help="About SCALE × 1,000 documents, SCALE × 10,000 movements.")
    ],
    years: Annotated[int, typer.Option(min=1, max=20, help="Years of history.")] = 3,
    seed: Annotated[int, typer.Option(help="The same seed, the same infobase.")] = 2026,
    documents: Annotated[
        int | None, typer.Option(min=1, help="Another number of documents for the scale.")
    ] = None,
    workers: Annotated[
        int, typer.Option(min=1, max=3, help="Parallel posting connections (1: reproducible).")
    ] = 2,
    infobase: InfobaseOpt = None,
) -> None:
    """Fill an empty infobase with a large history posted by the normal rules (prints JSON)."""
    from server.generate import generate as fill

    ib = Infobase(infobase)
    ib.init()
    started = time.monotonic()

    def progress(done: int, total: int) -> None:
        rate = done / max(time.monotonic() - started, 1e-9)
        typer.echo(f"{done:,} of {total:,} documents ({rate:,.0f}/s)", err=True)

    with _engine(ib) as eng:
        try:
            totals = fill(
                eng,
                scale,
                years=years,
                seed=seed,
                documents=documents,
                workers=workers,
                progress=progress,
            )
        except ValueError as exc:
            raise fail(str(exc)) from exc
    typer.echo(json.dumps(totals.as_dict()))


@app.command()
@friendly
def partition(
    registers: Annotated[
        list[str] | None, typer.Argument(help="Registers (default: every accumulation register).")
    ] = None,
    infobase: InfobaseOpt = None,
) -> None:
    """Partition registers' movements by year; run again each year to add the coming year."""
    from server.partition import partition_by_year

    names = registers or [r.name for r in registry.stored_registers()]
    unknown = [n for n in names if n not in registry.registers]
    if unknown:
        raise fail(f"no accumulation register {', '.join(unknown)}")
    derived = [registry.register(n) for n in names if registry.register(n).derived]
    if derived:
        parts = ", ".join(f"{r.name} (of {', '.join(c for c, _ in r.components)})" for r in derived)
        raise fail(f"nothing to partition in the derived {parts}: partition its components")
    ib = Infobase(infobase)
    with _begin(ib) as c:
        for name in names:
            made = partition_by_year(c, registry.register(name))
            typer.echo(f"{name}: {', '.join(made) if made else 'nothing to add'}")


@app.command()
@friendly
def serve(
    infobase: InfobaseOpt = None,
    listen: Annotated[str, typer.Option(help="Address to listen on.")] = "0.0.0.0",
    port: Annotated[int, typer.Option(min=1, max=65535)] = 5432,
) -> None:
    """Open an embedded infobase to the network (password logins) until Ctrl+C."""
    ib = Infobase(infobase)
    if ib.is_shared or ib.server is None:
        raise CliError("serve works with an embedded infobase; a shared server is already served")
    server = ib.server
    if not server.initialized():
        raise CliError(f"there is no infobase in {server.folder}; create it with: init")
    server.start(listen=listen, port=port)

    def stop(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    host = socket.gethostname() if listen in ("0.0.0.0", "::", "*") else listen
    typer.echo(f"Serving {server.folder} on {listen}:{port}. Users connect with:")
    typer.echo(f"  postgresql://USER@{host}:{port}/{DB_NAME}")
    typer.echo("Press Ctrl+C to stop.")
    try:
        while server.running():
            time.sleep(0.5)
        typer.echo("The server stopped.", err=True)
    except KeyboardInterrupt:
        typer.echo("Stopping…")
    finally:
        server.stop(force=True)
        (server.folder / SERVING_MARK).unlink(missing_ok=True)


@app.command()
@friendly
def backup(
    file: Annotated[
        Path,
        typer.Argument(
            help="Where to write the backup (pg_dump custom format); with --rotate, a folder."
        ),
    ],
    infobase: InfobaseOpt = None,
    rotate: Annotated[
        int | None,
        typer.Option(
            min=1,
            help="Write kontora-YYYYMMDD-HHMMSS.dump into the folder FILE and keep the newest N "
            "(for a daily cron job or Task Scheduler).",
        ),
    ] = None,
    verify: Annotated[
        bool,
        typer.Option(
            "--verify",
            help="Then restore the backup into a scratch database and compare row counts.",
        ),
    ] = False,
) -> None:
    """Back up the infobase database to FILE (row counts beside it in FILE.json)."""
    ib = Infobase(infobase)
    with _engine(ib, schema=False):  # also before an upgrade, whatever the schema
        if rotate is not None:
            target = backups.daily(ib.url(), file, rotate)
        else:
            target = file
            backups.dump(ib.url(), file)
    typer.echo(f"Backed up {ib.title} to {target} ({target.stat().st_size:,} bytes).")
    if rotate is not None:
        typer.echo(f"{len(backups.backups(file))} backups kept in {file}.")
    if verify:
        _verify(ib, target)


def _verify(ib: Infobase, file: Path) -> None:
    result = backups.verify(ib.url(), file)
    if not result.ok:
        for t, (want, got) in result.differences.items():
            typer.echo(f"{t}: {want} rows in the backup, {got} restored", err=True)
        raise CliError(f"the backup {file} does not restore as taken")
    typer.echo(f"The backup restores: {result.tables} tables, {result.rows:,} rows as taken.")


@app.command()
@friendly
def restore(
    file: Annotated[Path, typer.Argument(help="A backup made by the backup command.")],
    infobase: InfobaseOpt = None,
) -> None:
    """Replace the infobase's data with a backup (all at once or not at all)."""
    if not file.is_file():
        raise CliError(f"{file} is not a file")
    ib = Infobase(infobase)
    ib.create()
    backups.restore(ib.url(), file)
    with _engine(ib, schema=False) as eng:
        rev = ib.upgrade(eng)
    typer.echo(f"Restored {ib.title} from {file}; schema revision {rev}.")


@app.command("check")
@friendly
def check_cmd(infobase: InfobaseOpt = None) -> None:
    """Check that registers equal their movements and documents their posting; status 1 if not."""
    ib = Infobase(infobase)
    with _engine(ib) as eng:
        started = time.monotonic()

        def progress(name: str, done: int, total: int) -> None:
            spent = time.monotonic() - started
            typer.echo(f"[{done + 1}/{total}] {name} ({spent:.0f} s)", err=True)

        problems = check_infobase(eng, progress=progress)
    for p in problems:
        typer.echo(p)
    if problems:
        typer.echo(f"{len(problems)} problems found.", err=True)
        raise typer.Exit(1)
    typer.echo(f"Infobase {ib.title} is consistent.")


@app.command("period-lock")
@friendly
def period_lock(
    date: Annotated[str, typer.Argument(help="YYYY-MM-DD, or 'none' to open all periods.")],
    organization: Annotated[
        str | None,
        typer.Option(help="Only this organization (by name): its own date; 'none' clears it."),
    ] = None,
    infobase: InfobaseOpt = None,
) -> None:
    """Close every period up to and including DATE (nothing dated then can change), for every
    organization without a date of its own, or for one --organization."""
    value: dt.date | None = None
    if date.lower() != "none":
        try:
            value = dt.date.fromisoformat(date)
        except ValueError:
            raise CliError(f"{date!r} is not a date (YYYY-MM-DD) or 'none'") from None
    with _begin(Infobase(infobase)) as c:
        if organization is None:
            c.execute(text("UPDATE kontora.constants SET period_lock_date = :d"), {"d": value})
        else:
            _organization_lock(c, organization, value)
    whose = f" of {organization}" if organization else ""
    typer.echo(f"Periods{whose} are closed up to {value}." if value else f"Periods{whose} open.")


def _organization_lock(c: Connection, organization: str, value: dt.date | None) -> None:
    org = c.execute(
        text("SELECT id FROM kontora.cat_organizations WHERE name = :n"), {"n": organization}
    ).scalar()
    if org is None:
        raise CliError(f"There is no organization {organization!r}")
    c.execute(text("DELETE FROM kontora.period_locks WHERE organization_id = :o"), {"o": org})
    if value is not None:
        c.execute(
            text("INSERT INTO kontora.period_locks (organization_id, lock_date) VALUES (:o, :d)"),
            {"o": org, "d": value},
        )


# -- subsystems --------------------------------------------------------------------------------
def _set_subsystem(infobase: str | None, name: str, on: bool) -> None:
    with _begin(Infobase(infobase)) as c:
        switch_subsystems(c, registry, {name: on})
    typer.echo(f"Subsystem {name} is {'on' if on else 'off'}.")


NameArg = Annotated[str, typer.Argument(help="Subsystem name.")]


@subsystem_app.command("on")
@friendly
def subsystem_on(name: NameArg, infobase: InfobaseOpt = None) -> None:
    """Switch a subsystem on."""
    _set_subsystem(infobase, name, True)


@subsystem_app.command("off")
@friendly
def subsystem_off(name: NameArg, infobase: InfobaseOpt = None) -> None:
    """Switch a subsystem off: its documents can no longer be written or posted."""
    _set_subsystem(infobase, name, False)


@subsystem_app.command("list")
@friendly
def subsystem_list(infobase: InfobaseOpt = None) -> None:
    """Show every subsystem and whether it is on."""
    with _begin(Infobase(infobase)) as c:
        rows = c.execute(text("SELECT name, title, enabled FROM kontora.subsystems"))
        stored = {name: (title, enabled) for name, title, enabled in rows}
    for s in registry.subsystems.values():
        title, enabled = stored.get(s.name, (s.title, False))
        needs = f"  (needs {', '.join(s.depends)})" if s.depends else ""
        typer.echo(f"{s.name:<13} {'on ' if enabled else 'off'}  {title}{needs}")


# -- segments ----------------------------------------------------------------------------------
@segments_app.command("refresh")
@friendly
def segments_refresh(infobase: InfobaseOpt = None) -> None:
    """Refresh the members of every segment by its rules (run it daily from cron)."""
    with _engine(Infobase(infobase)) as eng:
        counts = refresh_all(Session(eng))
    for name, n in counts.items():
        typer.echo(f"{name}: {n} members")
    typer.echo(f"{len(counts)} segments refreshed.")


# -- users -------------------------------------------------------------------------------------
PasswordOpt = Annotated[
    str | None, typer.Option(help="The password (visible to other local users; prefer stdin).")
]
StdinOpt = Annotated[bool, typer.Option("--password-stdin", help="Read the password from stdin.")]
RoleOpt = Annotated[
    list[str], typer.Option(help=f"One of: {', '.join(ROLE_WRITES)}; repeat it to combine.")
]


@user_app.command("add")
@friendly
def user_add(
    name: str,
    role: RoleOpt,
    password: PasswordOpt = None,
    password_stdin: StdinOpt = False,
    infobase: InfobaseOpt = None,
) -> None:
    """Create user NAME with one or more roles."""
    users.validate_name(name)
    for r in role:
        users.validate_role(r)
    secret = _read_password(password, password_stdin)
    with _begin(Infobase(infobase), schema=False) as c:
        users.add_user(c, name, role, secret)
    typer.echo(f"User {name} ({', '.join(role)}) created.")


@user_app.command("roles")
@friendly
def user_roles(name: str, role: RoleOpt, infobase: InfobaseOpt = None) -> None:
    """Give user NAME exactly these roles."""
    with _begin(Infobase(infobase), schema=False) as c:
        users.set_roles(c, name, role)
    typer.echo(f"User {name}: {', '.join(role)}.")


def _set_enabled(infobase: str | None, name: str, on: bool) -> None:
    with _begin(Infobase(infobase), schema=False) as c:
        users.set_enabled(c, name, on)
    typer.echo(f"User {name} {'enabled' if on else 'disabled'}.")


@user_app.command("disable")
@friendly
def user_disable(name: str, infobase: InfobaseOpt = None) -> None:
    """Stop user NAME from logging in (NOLOGIN; their sessions end); nothing is deleted."""
    _set_enabled(infobase, name, False)


@user_app.command("enable")
@friendly
def user_enable(name: str, infobase: InfobaseOpt = None) -> None:
    """Let user NAME log in again."""
    _set_enabled(infobase, name, True)


@user_app.command("remove")
@friendly
def user_remove(name: str, infobase: InfobaseOpt = None) -> None:
    """Delete user NAME (what they wrote stays, with their name in the history)."""
    with _begin(Infobase(infobase), schema=False) as c:
        users.remove_user(c, name)
    typer.echo(f"User {name} removed.")


@user_app.command("passwd")
@friendly
def user_passwd(
    name: str,
    password: PasswordOpt = None,
    password_stdin: StdinOpt = False,
    infobase: InfobaseOpt = None,
) -> None:
    """Set a new password for user NAME."""
    users.validate_name(name)
    secret = _read_password(password, password_stdin)
    with _begin(Infobase(infobase), schema=False) as c:
        users.set_password(c, name, secret)
    typer.echo(f"Password of {name} changed.")


@user_app.command("list")
@friendly
def user_list(infobase: InfobaseOpt = None) -> None:
    """Show users and their roles."""
    with _begin(Infobase(infobase), schema=False) as c:
        for name, role in users.list_users(c):
            typer.echo(f"{name:<24} {role}")


def main() -> None:
    """Console entry point."""
    app()
