"""Prices by date (the latest date not after the day) and who may write them (grants)."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from sqlalchemy import create_engine

from server.api import Session
from server.api.price_list import price_history, price_on, prices_on, set_prices
from server.errors import ForbiddenError, InvalidValue
from server.metadata import registry
from server.users import add_user

D = Decimal


@pytest.fixture
def retail(world) -> int:
    return int(
        world.session.scalar(
            "INSERT INTO cat_price_types(name, vat_included) VALUES ('Retail', true) RETURNING id"
        )
    )


def test_price_on_a_day_is_the_latest_set_on_or_before_it(world, retail):
    s, p, q = world.session, world.products[0], world.products[1]
    assert set_prices(s, registry, retail, "2026-03-01", [(p, "10.00"), (q, "4.50")]) == 2
    set_prices(s, registry, retail, dt.date(2026, 3, 15), [(p, "12.00")])
    set_prices(s, registry, retail, "2026-03-15", [(p, "12.50")])  # the same day: replaced
    assert price_on(s, retail, p, dt.date(2026, 2, 28)) is None
    assert price_on(s, retail, p, dt.date(2026, 3, 1)) == D("10.00")
    assert price_on(s, retail, p, dt.date(2026, 3, 14)) == D("10.00")
    assert price_on(s, retail, p, dt.date(2026, 3, 15)) == D("12.50")
    assert price_on(s, retail, q, dt.date(2027, 1, 1)) == D("4.50")
    rows = {
        r["name"]: (r["price"], r["period"]) for r in prices_on(s, retail, dt.date(2026, 3, 20))
    }
    assert rows["Bolt M4"] == (D("12.50"), dt.date(2026, 3, 15))
    assert rows["Bolt M5"] == (D("4.50"), dt.date(2026, 3, 1))
    assert rows["Flour"] == (None, None)  # no price yet, still listed to be set
    assert [r["name"] for r in prices_on(s, retail, dt.date(2026, 3, 20), "flo")] == ["Flour"]
    assert price_history(s, retail, p) == [
        {"period": dt.date(2026, 3, 15), "price": D("12.50")},
        {"period": dt.date(2026, 3, 1), "price": D("10.00")},
    ]


def test_bad_prices_are_refused_and_nothing_is_written(world, retail):
    s, p = world.session, world.products[0]
    with pytest.raises(InvalidValue, match="must not be negative"):
        set_prices(s, registry, retail, "2026-03-01", [(p, "1.00"), (world.products[1], "-1")])
    with pytest.raises(InvalidValue, match="at most 2 decimals"):
        set_prices(s, registry, retail, "2026-03-01", [(p, "1.001")])
    with pytest.raises(InvalidValue, match="not a date"):
        set_prices(s, registry, retail, "March", [(p, "1.00")])
    assert s.scalar("SELECT count(*) FROM inf_prices") == 0


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("sales_manager", True), ("accountant", True), ("admin", True), ("storekeeper", False)],
)
def test_only_sales_managers_accountants_and_admins_write_prices(world, retail, role, allowed):
    name = f"u_{role[:5]}_{uuid.uuid4().hex[:6]}"
    eng = create_engine(world.db.url, isolation_level="AUTOCOMMIT")
    with eng.connect() as c:
        add_user(c, name, role, "secret-pw")
    user = world.db.engine_as(name, "secret-pw")
    try:
        s = Session(user)
        p = world.products[0]
        if allowed:
            set_prices(s, registry, retail, "2026-03-01", [(p, "9.99")])
            assert price_on(s, retail, p, dt.date(2026, 3, 2)) == D("9.99")
        else:
            with pytest.raises(ForbiddenError, match="permission denied"):
                set_prices(s, registry, retail, "2026-03-01", [(p, "9.99")])
            assert price_on(s, retail, p, dt.date(2026, 3, 2)) is None  # reading is open
    finally:
        user.dispose()
        with eng.connect() as c:
            c.exec_driver_sql(f'DROP OWNED BY "{name}"; DROP ROLE "{name}"')
        eng.dispose()
