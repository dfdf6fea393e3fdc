"""A first story: receive goods, ship some, see the balance and the movements."""

from decimal import Decimal

from server.api import new_document


def test_receive_then_ship(world):
    p = world.products[0]
    gr = world.docs.save(
        "goods_receipt",
        new_document(
            organization=world.org,
            warehouse=world.wh,
            date="2026-03-01T09:00:00",
            lines=[{"product": p, "quantity": "10", "price": "2.50"}],
        ),
        post=True,
    )
    assert gr["posted"] and gr["number"].startswith("GR26-")
    sh = world.docs.save(
        "sales_shipment",
        new_document(
            organization=world.org,
            warehouse=world.wh,
            customer=world.customer,
            date="2026-03-02T09:00:00",
            lines=[{"product": p, "quantity": "4", "price": "5.25"}],
        ),
        post=True,
    )
    assert world.stock(p) == Decimal(6)
    moves = world.regs.movements("sales", "sales_shipment", sh["id"])
    assert [(m["quantity"], m["amount"]) for m in moves] == [(Decimal(4), Decimal("21.00"))]
