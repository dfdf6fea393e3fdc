"""Logins of given Kontora roles for the administration tests (cluster-wide roles, dropped
afterwards)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import Engine, create_engine

from server.users import add_user

PASSWORD = "secret-pw"


@pytest.fixture
def login(db) -> Iterator[Callable[..., tuple[str, Engine]]]:
    """``login("storekeeper", "accountant")``: a new user in those roles and an engine for it."""
    admin = create_engine(db.url, isolation_level="AUTOCOMMIT")
    made: list[tuple[str, Engine]] = []

    def make(*roles: str, name: str | None = None) -> tuple[str, Engine]:
        name = name or f"{roles[0][:8]}_{uuid.uuid4().hex[:6]}"
        with admin.connect() as c:
            add_user(c, name, list(roles), PASSWORD)
        eng = db.engine_as(name, PASSWORD)
        made.append((name, eng))
        return name, eng

    yield make
    for name, eng in made:
        eng.dispose()
        with admin.connect() as c:
            c.exec_driver_sql(f'DROP OWNED BY "{name}"; DROP ROLE IF EXISTS "{name}"')
    admin.dispose()
