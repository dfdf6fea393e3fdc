"""Bad input for every declared field of every catalog, document (header and tabular
sections) and information register: negative, zero, huge, too many decimals, NaN, Infinity,
empty, 10,000 characters, NUL bytes, impossible dates, wrong types — each refused with a
message naming the object and the field; right-to-left, emoji and SQL-looking text is text and
kept exactly as typed. The database's own CHECKs are compared with the declarations by
tests/test_metadata.py and tried as raw SQL in tests/test_bad_input.py and below."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

import pytest

from server.errors import InvalidValue, KontoraError
from server.metadata import (
    Bool,
    Choice,
    DateField,
    Field,
    Int,
    Moment,
    Number,
    String,
    registry,
)
from server.metadata.fields import _Reference

HUGE = "1" + "0" * 20  # 10^20
NUMBERS_BAD = ["NaN", "Infinity", "-Infinity", HUGE, "-" + HUGE, "abc", "1,2.3", 1.5, [1], "1e400"]
DATES_BAD = ["2026-02-30", "2026-13-01", "0000-01-01", "31.02.2026", "yesterday", "2026-1-1x"]
WEIRD_TEXT = [
    "\u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627",  # right-to-left
    "\U0001f600\U0001f680 \u2603",  # emoji
    "'; DROP TABLE kontora.cat_products; --",
    "Robert'); DELETE FROM kontora.history; --",
    "\u202eevil\u202c",  # a right-to-left override
]


def declared_fields() -> Iterator[tuple[str, Field]]:
    """(owner title, field) of every typed field a user can enter."""
    for c in registry.catalogs.values():
        for f in c.fields:
            yield c.title, f
        for t in c.tables:
            for f in t.fields:
                yield f"{c.title} {t.title}", f
    for d in registry.documents.values():
        for f in d.header:
            yield d.title, f
        for t in d.tables:
            for f in t.fields:
                yield f"{d.title} {t.title}", f
    for r in registry.info_registers.values():
        for f in (*r.dimensions, *r.resources):
            yield r.title, f


FIELDS = list(declared_fields())


def _ids(kind: type) -> list[tuple[str, Field]]:
    return [(o, f) for o, f in FIELDS if isinstance(f, kind)]


def refused(owner: str, f: Field, value: object) -> InvalidValue:
    with pytest.raises(InvalidValue) as e:
        f.validate(value, owner)
    text = str(e.value)
    assert owner in text and f.label in text, text
    return e.value


def test_the_sweep_covers_every_kind_of_field() -> None:
    kinds = {type(f).__name__ for _o, f in FIELDS}
    assert {"String", "Text", "Money", "Qty", "Number", "Int", "Bool", "DateField"} <= kinds
    assert {"Ref", "DocRef", "Choice", "Moment"} <= kinds
    assert len(FIELDS) > 300


@pytest.mark.parametrize(("owner", "f"), _ids(Number), ids=lambda x: getattr(x, "name", x))
def test_every_number_field_refuses_bad_numbers(owner: str, f: Number) -> None:
    for value in NUMBERS_BAD:
        refused(owner, f, value)
    refused(owner, f, "0." + "0" * f.scale + "1")  # one decimal too many
    if f.positive:
        refused(owner, f, "0")
        refused(owner, f, "-1")
    elif f.nonnegative:
        refused(owner, f, "-1")
    if f.required:
        refused(owner, f, "")
    assert f.validate("12.5", owner) == Decimal("12.5") or f.maximum is not None


@pytest.mark.parametrize(("owner", "f"), _ids(Int), ids=lambda x: getattr(x, "name", x))
def test_every_whole_number_field_refuses_bad_input(owner: str, f: Int) -> None:
    for value in [*NUMBERS_BAD, "12.5", Decimal("NaN"), Decimal("Infinity"), True, f.maximum + 1]:
        refused(owner, f, value)
    refused(owner, f, f.minimum - 1)


@pytest.mark.parametrize(("owner", "f"), _ids(String), ids=lambda x: getattr(x, "name", x))
def test_every_text_field_refuses_nul_and_overlong_and_keeps_odd_text(
    owner: str, f: String
) -> None:
    refused(owner, f, "a\x00b")
    refused(owner, f, "x" * max(10_000, f.max_len + 1))
    refused(owner, f, 42)
    if f.required:
        refused(owner, f, "   ")
        refused(owner, f, "")
    if isinstance(f, Choice):
        for value in WEIRD_TEXT:
            refused(owner, f, value[: f.max_len])
        return
    for value in WEIRD_TEXT:
        assert f.validate(value[: f.max_len], owner) == value[: f.max_len]


@pytest.mark.parametrize(
    ("owner", "f"), _ids(DateField) + _ids(Moment), ids=lambda x: getattr(x, "name", x)
)
def test_every_date_field_refuses_impossible_dates(owner: str, f: Field) -> None:
    for value in [*DATES_BAD, 2026.0101, "2026-02-29T25:00:00", "2026-02-30T10:00:00"]:
        refused(owner, f, value)
    assert f.validate("2024-02-29", owner) in (dt.date(2024, 2, 29), dt.datetime(2024, 2, 29))


@pytest.mark.parametrize(("owner", "f"), _ids(_Reference), ids=lambda x: getattr(x, "name", x))
def test_every_reference_refuses_what_is_not_an_item(owner: str, f: _Reference) -> None:
    for value in ["abc", "1; DROP TABLE x", 1.0, True, -1, 0, 10**20, "NaN"]:
        refused(owner, f, value)


@pytest.mark.parametrize(("owner", "f"), _ids(Bool), ids=lambda x: getattr(x, "name", x))
def test_every_flag_is_yes_or_no(owner: str, f: Bool) -> None:
    for value in ["yes", 1, "true", "NaN"]:
        refused(owner, f, value)


# -- as raw SQL, past every Python check --------------------------------------------------


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("price", "'NaN'"),
        ("price", "'Infinity'"),
        ("price", "1e20"),
        ("price", "1.234"),
        ("price", "-1"),
        ("min_stock", "'NaN'"),
        ("min_stock", "-5"),
    ],
)
def test_product_numbers_are_refused_as_raw_sql(world, column: str, value: str) -> None:
    product = world.products[0]
    with pytest.raises(KontoraError) as e:
        world.session.execute(
            f"UPDATE cat_products SET {column} = {value} WHERE id = :p", p=product
        )
    assert column in str(e.value) or column in str(e.value.detail)
    assert world.session.scalar(f"SELECT {column} FROM cat_products WHERE id = :p", p=product) in (
        None,
        Decimal(0),
    )


@pytest.mark.parametrize("value", ["2026-02-30", "0000-01-01", "2026-13-01"])
def test_impossible_dates_are_refused_as_raw_sql(world, value: str) -> None:
    with pytest.raises((KontoraError, Exception)) as e:
        world.session.execute(
            "UPDATE cat_organizations SET name = name WHERE id = :o AND CAST(:d AS date) IS NULL",
            o=world.org,
            d=value,
        )
    assert "date" in str(e.value).lower()


def test_odd_text_is_stored_exactly_as_typed(world) -> None:
    for text in WEIRD_TEXT:
        wid = world.session.scalar(
            "INSERT INTO cat_warehouses(name) VALUES (:n) RETURNING id", n=text
        )
        assert world.session.scalar("SELECT name FROM cat_warehouses WHERE id = :i", i=wid) == text
    assert world.session.scalar("SELECT count(*) FROM cat_products") == len(world.products) + 1
