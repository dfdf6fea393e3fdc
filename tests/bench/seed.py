"""What every benchmark's throw-away infobase starts with: an organization, a warehouse, a unit;
and the throw-away infobase itself."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, text

from server.infobase import Infobase

One = Callable[..., int]


def inserter(c: Connection) -> One:
    """``one(sql, **params)``: run an INSERT … RETURNING id and give the id."""

    def one(sql: str, **p) -> int:
        return int(c.execute(text(sql), p).scalar())

    return one


def base_items(one: One) -> tuple[int, int, int]:
    """The organization, the main warehouse and the unit "pcs"."""
    org = one("INSERT INTO cat_organizations(name) VALUES ('Bench LLC') RETURNING id")
    wh = one("INSERT INTO cat_warehouses(name) VALUES ('Main') RETURNING id")
    unit = one("INSERT INTO cat_units(name, precision) VALUES ('pcs', 0) RETURNING id")
    return org, wh, unit


@contextmanager
def throwaway_infobase(name: str, settings: dict[str, str] | None = None) -> Iterator[Infobase]:
    """A fresh embedded infobase in a temporary folder (its server started with ``settings``),
    stopped and removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix=f"kontora-bench-{name}-"))
    ib = Infobase(str(folder), settings=settings or {})
    ib.init()
    try:
        yield ib
    finally:
        ib.stop_if_unused()
        shutil.rmtree(folder, ignore_errors=True)


def client_env(home: str) -> dict[str, str]:
    """The environment of a client process with settings of its own under ``home`` (a user
    who never ran Kontora), offscreen."""
    return {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": home,
        "XDG_CONFIG_HOME": f"{home}/cfg",
        "XDG_DATA_HOME": f"{home}/data",
    }
