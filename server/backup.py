"""Backups of an infobase: pg_dump/pg_restore of the embedded binaries, rotation, a restore check.

Used by ``kontora-admin backup/restore`` and by the Administration → Backups form. A backup is
one pg_dump custom-format file taken in a snapshot whose row counts per table are written beside
it (``<file>.json``); :func:`verify` restores the file into a scratch database on the same server
and compares those counts with the restored tables.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, create_engine, text
from sqlalchemy.engine import make_url

from server.embedded import DB_NAME, bin_path
from server.errors import QT_TRANSLATE_NOOP, KontoraError, Template, error
from server.sqlgen.install import role_sql

S = "kontora"
PREFIX = "kontora-"
SUFFIX = ".dump"
Progress = Callable[[str], None]


@dataclass(frozen=True)
class VerifyResult:
    """What a restore check found: row counts per table, and the tables that differ."""

    tables: int
    rows: int
    differences: dict[str, tuple[int | None, int | None]]  # table -> (backup, restored)

    @property
    def ok(self) -> bool:
        return not self.differences


def libpq(url: str) -> tuple[list[str], dict[str, str]]:
    """Connection options for pg_dump/pg_restore; the password goes in the environment."""
    u = make_url(url)
    args = ["-d", u.database or DB_NAME]
    host = u.host or u.query.get("host")
    if host:
        args += ["-h", str(host)]
    port = u.port or u.query.get("port")
    if port:
        args += ["-p", str(port)]
    if u.username:
        args += ["-U", u.username]
    env = {**os.environ}
    if u.password:
        env["PGPASSWORD"] = str(u.password)
    return args, env


def _run(tool: str, args: list[str], env: dict[str, str], progress: Progress | None) -> None:
    """Run a PostgreSQL tool, passing its verbose lines to ``progress``; a failure names the
    tool and its first error line (CalledProcessError with ``stderr``)."""
    cmd = [bin_path(tool), *args]
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
                            env=env)  # fmt: skip
    errors: list[str] = []
    assert proc.stderr is not None
    for line in proc.stderr:
        line = line.rstrip()
        if "error" in line.lower() or "fatal" in line.lower():
            errors.append(line)
        if progress is not None and line:
            progress(re.sub(rf"^{tool}: ", "", line))
    code = proc.wait()
    if code:
        raise subprocess.CalledProcessError(code, cmd, stderr="\n".join(errors) or None)


def table_names(c: Connection) -> list[str]:
    """Every table of the infobase's schema, by name."""
    return list(
        c.scalars(
            text("SELECT tablename FROM pg_tables WHERE schemaname = :s ORDER BY tablename"),
            {"s": S},
        )
    )


def row_counts(c: Connection) -> dict[str, int]:
    return {t: int(c.scalar(text(f'SELECT count(*) FROM {S}."{t}"')) or 0) for t in table_names(c)}


def counts_file(file: Path) -> Path:
    return file.with_name(file.name + ".json")


def dump(url: str, file: Path, progress: Progress | None = None) -> dict[str, int]:
    """Back up the database at ``url`` to ``file``; returns (and writes beside the file) the
    row count of every table in the dump's snapshot."""
    file.parent.mkdir(parents=True, exist_ok=True)
    eng = create_engine(url)
    try:
        with eng.connect() as c:
            c.exec_driver_sql("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            snapshot = c.scalar(text("SELECT pg_export_snapshot()"))
            counts = row_counts(c)
            args, env = libpq(url)
            tmp = file.with_name(file.name + ".part")
            _run("pg_dump", ["-Fc", "-v", f"--snapshot={snapshot}", "-f", str(tmp), *args], env,
                 progress)  # fmt: skip
            tmp.replace(file)
            c.exec_driver_sql("COMMIT")
    finally:
        eng.dispose()
    counts_file(file).write_text(json.dumps(counts, indent=1, sort_keys=True), encoding="utf-8")
    return counts


def restore(url: str, file: Path, progress: Progress | None = None) -> None:
    """Replace the database's objects and data with ``file`` (all at once or not at all).

    The database must exist; the caller migrates it afterwards (routines, grants)."""
    if not file.is_file():
        t = Template(
            QT_TRANSLATE_NOOP("errors", "{file} is not a backup file"), {"file": str(file)}
        )
        raise error(KontoraError, t, {"file": str(file)})
    eng = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with eng.connect() as c:
            for stmt in role_sql():  # the dump's objects belong to and are granted to these
                c.exec_driver_sql(stmt)
    finally:
        eng.dispose()
    args, env = libpq(url)
    _run(
        "pg_restore",
        ["-v", "--clean", "--if-exists", "--single-transaction", "--exit-on-error", *args,
         str(file)],
        env,
        progress,
    )  # fmt: skip


def _admin_engine(url: str):
    return create_engine(make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")


def create_database(url: str, name: str) -> str:
    """Create an empty database ``name`` on the server of ``url``; its URL."""
    admin = _admin_engine(url)
    try:
        with admin.connect() as c:
            c.exec_driver_sql(f"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0")
    finally:
        admin.dispose()
    return make_url(url).set(database=name).render_as_string(hide_password=False)


def drop_database(url: str, name: str) -> None:
    admin = _admin_engine(url)
    try:
        with admin.connect() as c:
            c.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        admin.dispose()


def verify(url: str, file: Path, progress: Progress | None = None) -> VerifyResult:
    """Restore ``file`` into a scratch database beside ``url``'s and compare the row count of
    every table with the counts taken when the backup was made (``<file>.json``)."""
    meta = counts_file(file)
    if not meta.is_file():
        p = {"file": str(file), "meta": str(meta)}
        t = Template(QT_TRANSLATE_NOOP("errors", "{file} has no row counts beside it ({meta})"), p)
        raise error(KontoraError, t, p)
    expected: dict[str, int] = json.loads(meta.read_text(encoding="utf-8"))
    scratch = f"kontora_verify_{os.getpid()}_{dt.datetime.now():%H%M%S%f}"
    scratch_url = create_database(url, scratch)
    try:
        restore(scratch_url, file, progress)
        eng = create_engine(scratch_url)
        try:
            with eng.connect() as c:
                got = row_counts(c)
        finally:
            eng.dispose()
    finally:
        drop_database(url, scratch)
    diff = {
        t: (expected.get(t), got.get(t))
        for t in sorted(set(expected) | set(got))
        if expected.get(t) != got.get(t)
    }
    return VerifyResult(len(got), sum(got.values()), diff)


def backup_name(at: dt.datetime | None = None) -> str:
    return f"{PREFIX}{(at or dt.datetime.now()):%Y%m%d-%H%M%S}{SUFFIX}"


def backups(folder: Path) -> list[Path]:
    """The rotated backups in ``folder``, oldest first."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob(f"{PREFIX}*{SUFFIX}") if p.is_file())


def rotate(folder: Path, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` backups in ``folder`` (and their counts); returns
    the deleted files."""
    if keep < 1:
        t = Template(QT_TRANSLATE_NOOP("errors", "Keep at least one backup (asked to keep {keep})"),
                     {"keep": keep})  # fmt: skip
        raise error(KontoraError, t, {"keep": keep})
    old = backups(folder)[:-keep]
    for p in old:
        p.unlink(missing_ok=True)
        counts_file(p).unlink(missing_ok=True)
    return old


def last_backup(folder: Path) -> dt.datetime | None:
    """When the newest rotated backup in ``folder`` was made (from its name)."""
    found = backups(folder)
    if not found:
        return None
    stamp = found[-1].name[len(PREFIX) : -len(SUFFIX)]
    try:
        return dt.datetime.strptime(stamp, "%Y%m%d-%H%M%S")
    except ValueError:
        return None


def backup_due(folder: Path, now: dt.datetime | None = None) -> bool:
    """A daily backup is due: none in ``folder`` yet, or the newest is a day old."""
    last = last_backup(folder)
    return last is None or (now or dt.datetime.now()) - last >= dt.timedelta(days=1)


def daily(url: str, folder: Path, keep: int, progress: Progress | None = None) -> Path:
    """A rotated backup into ``folder`` keeping the newest ``keep``; the new file."""
    file = folder / backup_name()
    dump(url, file, progress)
    rotate(folder, keep)
    return file


def failure(exc: BaseException) -> str | None:
    """A failed tool's name and first error line (None for other exceptions)."""
    if isinstance(exc, subprocess.CalledProcessError):
        detail = (exc.stderr or "").strip().splitlines()
        return (
            f"{Path(exc.cmd[0]).name}: {detail[0] if detail else f'exit status {exc.returncode}'}"
        )
    return None


def restore_infobase(url: str, file: Path, progress: Progress | None = None) -> str:
    """Restore ``file`` into the infobase at ``url`` and re-install its routines and grants
    (the migration to this version); returns the schema revision."""
    from server.infobase import Infobase  # the infobase module needs no backups otherwise

    restore(url, file, progress)
    eng = create_engine(url)
    try:
        return Infobase(url).upgrade(eng)
    finally:
        eng.dispose()
