"""Line amounts of sales documents against hand-computed figures: discount, VAT included or on
top, each rounded half-up to the cent; a document's total is the sum of its lines; and who may
post a sales order."""

from __future__ import annotations

import json
import uuid
from decimal import Decimal

import psycopg
import pytest

from server.api import new_document
from server.config.documents.trade_lines import AMOUNT, VAT
from server.metadata import formula
from tests.helpers import at, receipt
from tests.test_privileges import connect, users  # noqa: F401 - the fixture

D = Decimal
LINES = [  # quantity, price, discount %, VAT % -> amount, VAT included, VAT on top
    ("3", "33.33", "7.5", "20", "92.49", "15.42", "18.50"),  # 92.49075; 15.415; 18.498
    ("7", "0.15", None, "10", "1.05", "0.10", "0.11"),  # 0.0954…; 0.105 half-up
    ("2", "12.35", "33.333", None, "16.47", None, None),  # 16.4667…; without VAT
]


def _ship(w, vat_included: bool) -> dict:
    ps = w.products[:3]
    receipt(w, 1, *[(p, "10") for p in ps])
    lines = [
        {"product": p, "quantity": q, "price": pr, "discount": disc, "vat_rate": rate}
        for p, (q, pr, disc, rate, *_) in zip(ps, LINES, strict=True)
    ]
    doc = w.docs.save(
        "sales_shipment",
        new_document(
            organization=w.org,
            warehouse=w.wh,
            customer=w.customer,
            vat_included=vat_included,
            date=at(2),
            lines=lines,
        ),
        post=True,
    )
    return w.docs.read("sales_shipment", doc["id"])


@pytest.mark.parametrize("included", [True, False])
def test_discount_and_vat_rounding_and_totals_to_the_cent(world, included):
    doc = _ship(world, included)
    got = [(ln["amount"], ln["vat_amount"]) for ln in doc["lines"]]
    want = [
        (D(amount), None if v is None else D(v))
        for *_, amount, v_in, v_top in LINES
        for v in [v_in if included else v_top]
    ]
    assert got == want
    # The client computes the same figures from the same declaration.
    for (q, pr, disc, rate, *_), (a, v) in zip(LINES, got, strict=True):
        values = {"quantity": D(q), "price": D(pr), "discount": disc and D(disc)}
        assert formula.evaluate(AMOUNT, values) == a
        vat = formula.evaluate(
            VAT, {"amount": a, "vat_rate": rate and D(rate), "vat_included": included}
        )
        assert vat == v
    vat = D("15.52") if included else D("18.61")
    total = D("110.01") if included else D("128.62")
    net = D("94.49") if included else D("110.01")
    s = world.session.rows("SELECT sum(amount) a, sum(vat_amount) v FROM reg_sales")[0]
    assert (s["a"], s["v"]) == (net, vat)
    debt = world.session.scalar("SELECT sum(amount) FROM reg_customer_settlements")
    assert (
        debt
        == total
        == sum(ln["amount"] + (0 if included else ln["vat_amount"] or 0) for ln in doc["lines"])
    )


def test_a_storekeeper_cannot_post_a_sales_order_via_sql(world, users):  # noqa: F811
    w, a = world, world.products[0]
    payload = {
        "client_key": str(uuid.uuid4()),
        "organization_id": w.org,
        "partner_id": w.partner,
        "counterparty_id": w.customer,
        "warehouse_id": w.wh,
        "status": "to_ship",
        "lines": [{"product_id": a, "quantity": 1, "price": 1}],
    }
    with connect(w.db, users["store"]) as c:
        for stmt, args in (
            ("SELECT kontora.doc_sales_order_save(%s::jsonb, true)", (json.dumps(payload),)),
            ("SELECT kontora.doc_sales_order_post(1, true)", ()),
            ("SELECT kontora.sales_order_check(1, true)", ()),
            ("INSERT INTO reg_reserves VALUES ('sales_order', 1, 1, now(), 1, 1, 1, 5)", ()),
            ("UPDATE constants SET credit_limit_action = 'approval'", ()),
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                c.execute(stmt, args)
    assert w.session.scalar("SELECT count(*) FROM doc_sales_order") == 0
