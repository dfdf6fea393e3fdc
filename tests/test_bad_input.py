"""Bad input is refused with a clear message and nothing is stored — through the API and as
raw SQL (numeric(15,3) would silently round, and 'NaN' >= 0 is true, so plain CHECKs lie)."""

from __future__ import annotations

import json
import uuid

import pytest
from sqlalchemy.exc import DBAPIError

from server.api import new_document
from server.errors import InvalidValue, KontoraError

BAD_QUANTITIES = [
    ("1.2345", "at most 3 decimals"),
    ("0", "greater than zero"),
    ("-5", "greater than zero"),
    ("1e20", "less than"),
    ("NaN", "finite"),
    ("Infinity", "finite"),
    ("-Infinity", "finite"),
    ("", "required"),
    ("abc", "not a number"),
    (1.5, "not a float"),
]


@pytest.mark.parametrize(("qty", "message"), BAD_QUANTITIES)
def test_bad_quantity_is_refused_by_the_api(world, qty, message):
    with pytest.raises(InvalidValue, match=message) as e:
        world.docs.save(
            "goods_receipt",
            new_document(
                organization=world.org,
                warehouse=world.wh,
                lines=[{"product": world.products[0], "quantity": qty}],
            ),
            post=True,
        )
    assert "Goods receipt" in str(e.value) and "Quantity" in str(e.value)
    assert world.session.scalar("SELECT count(*) FROM doc_goods_receipt") == 0


@pytest.mark.parametrize(
    ("comment", "message"),
    [
        ("x" * 10_000, "10000 characters long"),
        ("nul\x00byte", "NUL"),
    ],
)
def test_bad_text_is_refused_by_the_api(world, comment, message):
    with pytest.raises(InvalidValue, match=message):
        world.docs.save(
            "goods_receipt",
            new_document(
                organization=world.org,
                warehouse=world.wh,
                comment=comment,
                lines=[{"product": world.products[0], "quantity": "1"}],
            ),
        )


RAW_QUANTITIES = ["1.2345", "0", "-5", "1e20", "NaN", "Infinity", "-Infinity", "1.5"]


@pytest.mark.parametrize("qty", RAW_QUANTITIES)
def test_bad_quantity_is_refused_as_raw_sql(world, qty):
    """Skipping the Python checks: the database refuses on its own, with a readable reason."""
    payload = json.dumps(
        {
            "client_key": str(uuid.uuid4()),
            "organization_id": world.org,
            "warehouse_id": world.wh,
            "lines": [{"product_id": world.products[0], "quantity": qty}],
        }
    )
    with pytest.raises(KontoraError) as e:
        world.session.run(
            lambda c: c.exec_driver_sql(
                "SELECT kontora.doc_goods_receipt_save(%s::jsonb, true)", (payload,)
            )
        )
    assert "quantity" in str(e.value).lower()
    assert world.session.scalar("SELECT count(*) FROM doc_goods_receipt_lines") == 0
    assert world.session.scalar("SELECT count(*) FROM reg_stock") == 0


@pytest.mark.parametrize(
    ("name", "problem"), [("", "nonempty"), ("   ", "nonempty"), ("y" * 10_000, "len")]
)
def test_bad_catalog_names_are_refused_as_raw_sql(world, name, problem):
    with pytest.raises(KontoraError, match="name") as e:
        world.session.execute("INSERT INTO cat_warehouses(name) VALUES (:n)", n=name)
    assert e.value.detail["constraint"] == f"ck_cat_warehouses_name_{problem}"


def test_nul_byte_is_refused_as_raw_sql(world):
    with pytest.raises((KontoraError, DBAPIError, ValueError)):
        world.session.execute("INSERT INTO cat_warehouses(name) VALUES (:n)", n="a\x00b")
    assert world.session.scalar("SELECT count(*) FROM cat_warehouses WHERE name LIKE 'a%'") == 0
