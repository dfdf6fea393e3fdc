"""What every benchmark's throw-away infobase starts with: an organization, a warehouse, a unit."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, text

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
