"""The user's list of infobases, kept in ``infobases.toml`` in the platformdirs config folder.

Pure Python but for Qt's ``translate`` of messages: the launcher shows and edits this list.
Each entry is either an embedded infobase (a folder on this computer) or a connection to a
shared server (a ``postgresql://`` URL without user or password). Passwords are never stored;
the last user name is, to prefill the login dialog.

The file is read with :mod:`tomllib` and written by hand: only tables of strings and booleans.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal
from urllib.parse import quote, unquote, urlsplit

import platformdirs
from PySide6.QtCore import QCoreApplication

from server.errors import QT_TRANSLATE_NOOP
from server.infobase import default_folder

Kind = Literal["embedded", "server"]
KINDS: tuple[Kind, ...] = ("embedded", "server")
MAX_NAME = 100
DEFAULT_PORT = 5432
DEFAULT_NAME = QT_TRANSLATE_NOOP("Infobases", "My company")  # shown: default_name()
_HEADER = "# Kontora infobases: written by the launcher. Passwords are never kept here.\n"


class InfobaseListError(ValueError):
    """A refused change to the list, or an unreadable file; ``str()`` is for the user."""


@dataclass(frozen=True)
class Entry:
    """One infobase in the list.

    ``location`` is the folder of an embedded infobase or the URL of a server one. ``demo``
    asks for demo data on the next open of an embedded infobase (the launcher clears it once
    the infobase has been opened).
    """

    name: str
    kind: Kind
    location: str
    last_user: str = ""
    demo: bool = False

    @property
    def is_server(self) -> bool:
        return self.kind == "server"

    @property
    def spec(self) -> str:
        """What :class:`server.infobase.Infobase` takes."""
        return self.location

    def describe(self) -> str:
        """Where the infobase is, for a person: a folder, or ``database on host:port``."""
        if not self.is_server:
            return self.location
        host, port, db = split_url(self.location)
        where = host if port == DEFAULT_PORT else f"{host}:{port}"
        return QCoreApplication.translate("Infobases", "{database} on {server}").format(
            database=db, server=where
        )


# -- the file ---------------------------------------------------------------------------------
def config_path() -> Path:
    """Where the list lives (tests monkeypatch this)."""
    return Path(platformdirs.user_config_dir("kontora", "Kontora")) / "infobases.toml"


def load(path: Path | None = None) -> list[Entry]:
    """The entries in file order; a missing file is an empty list.

    Raises :class:`InfobaseListError` for a file that is not valid TOML; entries that are not
    understood (unknown kind, no name) are skipped rather than failing the whole list.
    """
    path = path or config_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as exc:
        raise InfobaseListError(
            QCoreApplication.translate(
                "Infobases", "The infobase list {path} cannot be read: {error}"
            ).format(path=path, error=exc)
        ) from exc
    entries: list[Entry] = []
    seen: set[str] = set()
    for raw in data.get("infobase", []):
        entry = _entry_from(raw)
        if entry is not None and entry.name.casefold() not in seen:
            seen.add(entry.name.casefold())
            entries.append(entry)
    return entries


def _entry_from(raw: object) -> Entry | None:
    if not isinstance(raw, dict):
        return None
    name, kind = str(raw.get("name", "")).strip(), raw.get("kind")
    if not name or kind not in KINDS:
        return None
    location = str(raw.get("url" if kind == "server" else "folder", "")).strip()
    if not location:
        return None
    return Entry(
        name=name[:MAX_NAME],
        kind=kind,
        location=strip_credentials(location) if kind == "server" else location,
        last_user=str(raw.get("last_user", "")),
        demo=bool(raw.get("demo", False)) and kind == "embedded",
    )


def save(entries: list[Entry], path: Path | None = None) -> None:
    """Write the list atomically (a temporary file renamed over the old one)."""
    path = path or config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(dumps(entries), encoding="utf-8")
    os.replace(tmp, path)


def dumps(entries: list[Entry]) -> str:
    """The TOML text of ``entries``."""
    out = [_HEADER]
    for e in entries:
        out.append("\n[[infobase]]\n")
        out.append(f"name = {toml_string(e.name)}\n")
        out.append(f"kind = {toml_string(e.kind)}\n")
        key = "url" if e.is_server else "folder"
        out.append(f"{key} = {toml_string(e.location)}\n")
        out.append(f"last_user = {toml_string(e.last_user)}\n")
        if e.demo:
            out.append("demo = true\n")
    return "".join(out)


_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f"}
_ESCAPES["\r"] = "\\r"


def toml_string(value: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped."""

    def esc(ch: str) -> str:
        if ch in _ESCAPES:
            return _ESCAPES[ch]
        if ord(ch) < 0x20 or ord(ch) == 0x7F:
            return f"\\u{ord(ch):04X}"
        return ch

    return '"' + "".join(esc(ch) for ch in value) + '"'


# -- server URLs ------------------------------------------------------------------------------
def server_url(host: str, port: int, database: str) -> str:
    """``postgresql://host:port/database`` (IPv6 hosts bracketed, the name percent-encoded)."""
    host = host.strip()
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"postgresql://{host}:{int(port)}/{quote(database.strip(), safe='')}"


def split_url(url: str) -> tuple[str, int, str]:
    """``(host, port, database)`` of a server URL; a missing port is 5432."""
    parts = urlsplit(url)
    try:
        port = parts.port or DEFAULT_PORT
    except ValueError:
        port = DEFAULT_PORT
    return parts.hostname or "localhost", port, unquote(parts.path.lstrip("/"))


def strip_credentials(url: str) -> str:
    """The URL without ``user:password@`` (never written to the list)."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]).geturl()


# -- changes to the list (pure: the caller saves) ---------------------------------------------
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def check_name(entries: list[Entry], name: str, keep: str | None = None) -> str:
    """The stripped name if it is usable; ``keep`` is the entry being renamed."""
    name = name.strip()
    if not name:
        raise InfobaseListError(
            QCoreApplication.translate("Infobases", "Enter a name for the infobase.")
        )
    if len(name) > MAX_NAME:
        raise InfobaseListError(
            QCoreApplication.translate(
                "Infobases", "The name is too long (at most {count} characters)."
            ).format(count=MAX_NAME)
        )
    if _CONTROL.search(name):
        raise InfobaseListError(
            QCoreApplication.translate(
                "Infobases", "The name cannot contain line breaks or control characters."
            )
        )
    folded = name.casefold()
    keep_folded = keep.casefold() if keep is not None else None
    if any(e.name.casefold() == folded and e.name.casefold() != keep_folded for e in entries):
        raise InfobaseListError(
            QCoreApplication.translate(
                "Infobases", "There is already an infobase named “{name}”."
            ).format(name=name)
        )
    return name


def _checked(entries: list[Entry], entry: Entry, keep: str | None) -> Entry:
    name = check_name(entries, entry.name, keep)
    if entry.kind not in KINDS:
        raise InfobaseListError(
            QCoreApplication.translate("Infobases", "Unknown infobase kind {kind}.").format(
                kind=repr(entry.kind)
            )
        )
    location = entry.location.strip()
    if not location:
        raise InfobaseListError(
            QCoreApplication.translate("Infobases", "Enter the server address of the infobase.")
            if entry.is_server
            else QCoreApplication.translate("Infobases", "Enter the folder of the infobase.")
        )
    if entry.is_server:
        location = strip_credentials(location)
    return replace(entry, name=name, location=location)


def find(entries: list[Entry], name: str) -> Entry:
    for e in entries:
        if e.name == name:
            return e
    raise InfobaseListError(
        QCoreApplication.translate("Infobases", "There is no infobase named “{name}”.").format(
            name=name
        )
    )


def add(entries: list[Entry], entry: Entry) -> list[Entry]:
    """A new list with ``entry`` appended (checked; names are unique, case-insensitively)."""
    return [*entries, _checked(entries, entry, None)]


def edit(entries: list[Entry], name: str, entry: Entry) -> list[Entry]:
    """A new list with the entry called ``name`` replaced by ``entry`` in its place."""
    find(entries, name)
    new = _checked(entries, entry, name)
    return [new if e.name == name else e for e in entries]


def remove(entries: list[Entry], name: str) -> list[Entry]:
    """A new list without the entry called ``name`` (its folder or database is untouched)."""
    find(entries, name)
    return [e for e in entries if e.name != name]


def default_name() -> str:
    """The suggested name of the first infobase, in the user's language."""
    return QCoreApplication.translate("Infobases", DEFAULT_NAME)


def default_entry(demo: bool = True, name: str | None = None) -> Entry:
    """The first-start entry: the default embedded folder, with demo data unless told not."""
    return Entry(
        name=name or default_name(), kind="embedded", location=str(default_folder()), demo=demo
    )


def new_folder(name: str) -> Path:
    """A suggested folder for a new embedded infobase called ``name`` (not created)."""
    slug = re.sub(r"[^\w-]+", "-", name.strip().casefold()).strip("-") or "infobase"
    return default_folder().parent / slug
