"""Create based on: the payload built from a basis, the link recorded by the save function,
related documents in both directions, and the link table guarded against clerks."""

from __future__ import annotations

import uuid
from decimal import Decimal

import psycopg
import pytest
from sqlalchemy import create_engine

from server.api.documents import new_document
from server.api.related import based_on_payload, based_on_targets, related_documents
from server.errors import InvalidValue, KontoraError, NotFoundError
from server.metadata import registry
from server.users import add_user
from tests.helpers import at, receipt


def test_every_declared_basis_names_existing_fields():
    for d in registry.documents.values():
        for b in d.based_on:
            b.check(d, registry.document(b.basis))
    assert [t.name for t in based_on_targets(registry, "goods_receipt")] == [
        "write_off",
        "stock_transfer",
        "sales_shipment",
        "supplier_payment",
    ]
    on = {"inventory", "warehouses"}
    assert [t.name for t in based_on_targets(registry, "goods_receipt", on)] == [
        "write_off",
        "stock_transfer",
    ]
    # One warehouse ("Several warehouses" off): no transfers.
    assert [t.name for t in based_on_targets(registry, "goods_receipt", {"inventory"})] == [
        "write_off"
    ]
    assert based_on_targets(registry, "write_off") == []


def test_payload_from_a_receipt_takes_warehouse_goods_and_quantities(world):
    gr = receipt(world, 2, (world.products[0], "12"), (world.flour, "2.5"))
    p = based_on_payload(world.session, registry, "write_off", "goods_receipt", gr["id"])
    assert p["organization"] == {"id": world.org, "name": "Acme LLC"}
    assert p["warehouse"] == {"id": world.wh, "name": "Main warehouse"}
    assert p["lines"] == [
        {"product": {"id": world.products[0], "name": "Bolt M4"}, "quantity": Decimal("12")},
        {"product": {"id": world.flour, "name": "Flour"}, "quantity": Decimal("2.500")},
    ]
    assert p["based_on"] == {"type": "goods_receipt", "id": gr["id"]}
    assert uuid.UUID(p["client_key"])
    assert set(p) == {"client_key", "organization", "warehouse", "lines", "based_on"}
    shipment = based_on_payload(
        world.session, registry, "sales_shipment", "goods_receipt", gr["id"]
    )
    assert "customer" not in shipment and "price" not in shipment["lines"][0]


def test_payload_refused_for_an_undeclared_basis_or_a_missing_document(world):
    with pytest.raises(InvalidValue, match="Write-off"):
        based_on_payload(world.session, registry, "goods_receipt", "write_off", 1)
    with pytest.raises(NotFoundError, match="Goods receipt #999"):
        based_on_payload(world.session, registry, "write_off", "goods_receipt", 999)


def test_saved_link_shows_in_related_documents_both_ways(world):
    gr = receipt(world, 2, (world.products[0], "12"))
    p = based_on_payload(world.session, registry, "write_off", "goods_receipt", gr["id"])
    p["reason"] = "spoilage"
    p["expense_item"] = world.expense_item
    p["date"] = at(3)
    wo = world.docs.save("write_off", p, post=True)
    assert world.stock(world.products[0]) == 0
    p2 = based_on_payload(world.session, registry, "sales_shipment", "goods_receipt", gr["id"])
    p2.update(customer=world.customer, date=at(4))
    ss = world.docs.save("sales_shipment", p2)

    tree = related_documents(world.session, registry, "goods_receipt", gr["id"])
    assert len(tree) == 1 and tree[0].current and tree[0].number == gr["number"]
    assert [(c.type, c.id, c.posted) for c in tree[0].children] == [
        ("write_off", wo["id"], True),
        ("sales_shipment", ss["id"], False),
    ]
    up = related_documents(world.session, registry, "write_off", wo["id"])
    assert [(depth, n.type_title, n.number, n.current) for depth, n in up[0].walk()] == [
        (0, "Goods receipt", gr["number"], False),
        (1, "Write-off", wo["number"], True),
    ]
    # A resend of the same payload (same client_key) neither duplicates the link nor fails.
    assert world.docs.save("write_off", p, post=True)["replayed"]
    rows = world.session.rows("SELECT * FROM doc_links ORDER BY doc_type")
    assert rows == [
        {"doc_type": "sales_shipment", "doc_id": ss["id"], "basis_type": "goods_receipt",
         "basis_id": gr["id"]},
        {"doc_type": "write_off", "doc_id": wo["id"], "basis_type": "goods_receipt",
         "basis_id": gr["id"]},
    ]  # fmt: skip
    lone = related_documents(world.session, registry, "goods_receipt", 12345)
    assert lone == []


def test_link_to_a_missing_or_undeclared_basis_is_refused(world):
    def doc(**kw):
        return new_document(
            organization=world.org,
            warehouse=world.wh,
            lines=[{"product": world.products[0], "quantity": "1"}],
            expense_item=world.expense_item,
            **kw,
        )

    with pytest.raises(NotFoundError, match=r"Write-off: the basis document Goods receipt #999"):
        world.docs.save("write_off", doc(based_on={"type": "goods_receipt", "id": 999}))
    with pytest.raises(KontoraError, match="cannot be created based on a document of type"):
        world.docs.save("goods_receipt", doc(based_on={"type": "write_off", "id": 1}))
    with pytest.raises(KontoraError, match="based on a document of type sales_order"):
        world.docs.save("write_off", doc(based_on={"type": "sales_order", "id": 1}))
    gr = receipt(world, 2, (world.products[0], "1"), post=False)
    world.docs.mark("goods_receipt", gr["id"])
    with pytest.raises(KontoraError, match="is marked for deletion"):
        world.docs.save("write_off", doc(based_on={"type": "goods_receipt", "id": gr["id"]}))
    assert world.session.scalar("SELECT count(*) FROM doc_links") == 0
    assert world.session.scalar("SELECT count(*) FROM doc_write_off") == 0


def test_a_clerk_typing_sql_cannot_write_links(db, world):
    gr = receipt(world, 2, (world.products[0], "1"))
    name = f"store_{uuid.uuid4().hex[:6]}"
    eng = create_engine(db.url, isolation_level="AUTOCOMMIT")
    with eng.connect() as c:
        add_user(c, name, "storekeeper", "secret-pw")
    u = db.engine.url.set(drivername="postgresql", username=name, password="secret-pw")
    try:
        with psycopg.connect(u.render_as_string(hide_password=False), autocommit=True) as conn:
            assert conn.execute("SELECT count(*) FROM kontora.doc_links").fetchone() == (0,)
            for stmt in (
                "INSERT INTO kontora.doc_links VALUES ('write_off', 1, 'goods_receipt', %s)",
                "DELETE FROM kontora.doc_links WHERE basis_id = %s",
                "UPDATE kontora.doc_links SET basis_id = %s",
            ):
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    conn.execute(stmt, (gr["id"],))
    finally:
        with eng.connect() as c:
            c.exec_driver_sql(f'DROP OWNED BY "{name}"; DROP ROLE "{name}"')
        eng.dispose()
