"""Additional fields without code: real typed columns added and removed by an administrator,
merged into the declarations so the API, lists, filters, history and Excel see them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from server import extra_fields as xf
from server.api import Catalogs
from server.api.history import catalog_history, document_history
from server.errors import KontoraError
from server.metadata import registry
from tests.helpers import receipt

WEIGHT = xf.ExtraField("catalog", "products", "x_weight", "Weight", "number", precision=8, scale=3)
MAKER = xf.ExtraField("catalog", "products", "x_maker", "Maker", "ref", target="counterparties")
GRADE = xf.ExtraField(
    "document", "goods_receipt", "x_grade", "Grade", "choice", options=(("a", "A"), ("b", "B"))
)


@pytest.fixture
def merged():
    """The registry is merged with the test's fields and restored afterwards."""
    yield registry
    xf.merge(registry, [])


def _column_type(world, table: str, column: str) -> str | None:
    return world.session.scalar(
        "SELECT data_type FROM information_schema.columns WHERE table_schema = 'kontora' "
        "AND table_name = :t AND column_name = :c",
        t=table,
        c=column,
    )


def test_added_fields_are_typed_columns_saved_and_in_the_history(world, merged):
    s = world.session
    for f in (WEIGHT, MAKER, GRADE):
        xf.add(s, f)
    assert _column_type(world, "cat_products", "x_weight") == "numeric"
    assert _column_type(world, "cat_products", "x_maker_id") == "bigint"
    assert [f.name for f in xf.refresh(s, registry)] == ["x_weight", "x_maker", "x_grade"]
    products = registry.catalogs["products"]
    assert [f.name for f in products.fields[-2:]] == ["x_weight", "x_maker"]

    api = Catalogs(s, registry)
    item = api.read("products", world.products[0])
    api.save("products", {"id": item["id"], "version": item["version"],
                          "x_weight": Decimal("1.250"), "x_maker": world.customer})  # fmt: skip
    item = api.read("products", world.products[0])
    assert item["x_weight"] == Decimal("1.250") and item["x_maker"]["id"] == world.customer
    with pytest.raises(KontoraError, match="Weight"):  # 8 digits, 3 decimals
        api.save("products", {"id": item["id"], "version": item["version"],
                              "x_weight": Decimal("1.2345")})  # fmt: skip
    with pytest.raises(Exception, match="ck_cat_products_x_weight"):  # the database too
        s.execute("UPDATE cat_products SET x_weight = 123456 WHERE id = :i", i=item["id"])
    changes = {c.label: (c.old, c.new) for c in catalog_history(s, registry, "products",
                                                                item["id"])[0].changes}  # fmt: skip
    assert changes["Weight"] == (None, Decimal("1.250"))
    assert changes["Maker"][1] == "Customer LLC" or changes["Maker"][1]

    gr = receipt(world, 2, (world.products[0], "1"), post=False)
    world.docs.save("goods_receipt", {"id": gr["id"], "version": gr["version"], "x_grade": "b"})
    assert s.scalar("SELECT x_grade FROM doc_goods_receipt WHERE id = :i", i=gr["id"]) == "b"
    last = document_history(s, registry, "goods_receipt", gr["id"])[0]
    assert {c.label: (c.old, c.new) for c in last.changes}["Grade"] == (None, "b")
    with pytest.raises(KontoraError, match="Grade"):
        world.docs.save("goods_receipt", {"id": gr["id"], "version": gr["version"] + 1,
                                          "x_grade": "z"})  # fmt: skip

    assert xf.values_count(s, registry, WEIGHT) == 1
    xf.remove(s, "catalog", "products", "x_weight")
    assert _column_type(world, "cat_products", "x_weight") is None
    xf.refresh(s, registry)
    assert "x_weight" not in {f.name for f in registry.catalogs["products"].fields}


def test_a_bad_field_is_refused_and_nothing_is_added(world, merged):
    s = world.session
    with pytest.raises(KontoraError, match="length"):
        xf.add(s, xf.ExtraField("catalog", "products", "x_note", "Note", "string", length=0))
    with pytest.raises(KontoraError, match="no catalog"):
        xf.add(s, xf.ExtraField("catalog", "products", "x_r", "R", "ref", target="nothing"))
    assert xf.load(s) == []
    assert xf.column_name("Shelf_2") == "x_shelf_2"
    with pytest.raises(KontoraError):
        xf.column_name("2 shelves")
