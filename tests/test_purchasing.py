"""Purchasing stories: purchase order → receipts → payment, goods expected, supplier
settlements and advances, line amounts with VAT included or on top."""

from __future__ import annotations

from decimal import Decimal

import pytest

from server.api import new_document
from server.api.related import based_on_payload
from server.errors import KontoraError, ShortageError
from server.metadata import registry
from tests.helpers import at

D = Decimal


@pytest.fixture
def buy(world):
    """The world with a supplier partner and its counterparty."""
    s = world.session
    world.supplier_partner = int(
        s.scalar(
            "INSERT INTO cat_partners(name, is_supplier) VALUES ('Bolts Inc', true) RETURNING id"
        )
    )
    world.supplier = int(
        s.scalar(
            "INSERT INTO cat_counterparties(name, partner_id) VALUES ('Bolts Inc LLC', :p) "
            "RETURNING id",
            p=world.supplier_partner,
        )
    )
    return world


def line_total(line: dict, vat_included: bool) -> Decimal:
    """What a line costs with its VAT (added when VAT is on top), as the test computes it."""
    amount, vat = line.get("amount") or D(0), line.get("vat_amount") or D(0)
    return amount if vat_included else amount + vat


def order(w, day: int, *lines: tuple[int, str, str], status="confirmed", vat_included=False,
          **kw) -> dict:  # fmt: skip
    return w.docs.save(
        "purchase_order",
        new_document(
            organization=w.org,
            partner=w.supplier_partner,
            counterparty=w.supplier,
            warehouse=w.wh,
            date=at(day),
            status=status,
            vat_included=vat_included,
            lines=[
                {"product": p, "quantity": q, "price": price, "vat_rate": "20"}
                for p, q, price in lines
            ],
        ),
        post=kw.get("post", True),
    )


def expected(w, order_id: int, product: int) -> Decimal:
    return w.regs.balance("goods_expected", order=order_id, product=product)["quantity"]


def owed(w, order_id: int = 0) -> Decimal:
    key = {"partner": w.supplier_partner, "counterparty": w.supplier, "order": order_id}
    return w.regs.balance("supplier_settlements", **key)["amount"]


def save_based_on(w, target: str, basis: str, basis_id: int, day: int, **changes) -> dict:
    payload = based_on_payload(w.session, registry, target, basis, basis_id)
    payload.update(date=at(day), **changes)
    return w.docs.save(target, payload, post=True)


def test_order_receipts_in_two_parts_then_payment_with_an_advance(buy):
    w = buy
    p, q = w.products[:2]
    po = order(w, 1, (p, "10", "5.00"), (q, "4", "2.50"))
    assert (expected(w, po["id"], p), expected(w, po["id"], q)) == (10, 4)
    assert owed(w, po["id"]) == 0  # an order owes nothing until goods arrive

    # First receipt: based on the order, part of it.
    payload = based_on_payload(w.session, registry, "goods_receipt", "purchase_order", po["id"])
    assert payload["order"] == {"id": po["id"], "name": po["number"]}
    assert [(ln["quantity"], ln["price"]) for ln in payload["lines"]] == [
        (D(10), D("5.00")),
        (D(4), D("2.50")),
    ]
    payload["lines"][0]["quantity"] = "6"
    payload["date"] = at(3)
    gr1 = w.docs.save("goods_receipt", payload, post=True)
    assert gr1["posted"]
    assert (expected(w, po["id"], p), expected(w, po["id"], q)) == (4, 0)
    # 6 × 5.00 = 30.00 + 20 % = 36.00; 4 × 2.50 = 10.00 + 2.00 = 12.00
    assert owed(w, po["id"]) == D("48.00")
    assert w.stock(p) == 6

    # Second receipt: "create based on" offers only what is still expected.
    rest = based_on_payload(w.session, registry, "goods_receipt", "purchase_order", po["id"])
    assert [(ln["product"]["id"], ln["quantity"]) for ln in rest["lines"]] == [(p, D(4))]
    save_based_on(w, "goods_receipt", "purchase_order", po["id"], 4)
    assert expected(w, po["id"], p) == 0
    assert owed(w, po["id"]) == D("72.00")  # + 4 × 5.00 × 1.2

    # Payment based on the order: the order's total, allocated to it; we pay 100.00.
    pay = based_on_payload(w.session, registry, "supplier_payment", "purchase_order", po["id"])
    assert pay["amount"] == D("72.00") and pay["orders"][0]["amount"] == D("72.00")
    pay.update(date=at(5), amount="100.00")
    sp = w.docs.save("supplier_payment", pay, post=True)
    assert sp["posted"]
    assert owed(w, po["id"]) == 0
    assert owed(w, 0) == D("-28.00")  # the excess is our advance
    # Nothing left to pay on the order.
    again = based_on_payload(w.session, registry, "supplier_payment", "purchase_order", po["id"])
    assert again["amount"] == 0 and again["orders"] == []
    purchases = w.session.rows(
        "SELECT product_id, sum(quantity) q, sum(amount) a, sum(vat_amount) v "
        "FROM reg_purchases GROUP BY product_id ORDER BY product_id"
    )
    assert [(r["q"], r["a"], r["v"]) for r in purchases] == [
        (D(10), D("50.00"), D("10.00")),
        (D(4), D("10.00"), D("2.00")),
    ]


def test_receiving_more_than_ordered_is_refused_naming_order_and_product(buy):
    w = buy
    p = w.products[0]
    po = order(w, 1, (p, "5", "1.00"))
    payload = based_on_payload(w.session, registry, "goods_receipt", "purchase_order", po["id"])
    payload["lines"][0]["quantity"] = "7"
    payload["date"] = at(2)
    with pytest.raises(ShortageError) as e:
        w.docs.save("goods_receipt", payload, post=True)
    msg = str(e.value)
    assert po["number"] in msg and "Bolt M4" in msg and "asked 7, available 5" in msg
    assert expected(w, po["id"], p) == 5


def test_a_product_not_ordered_is_refused_and_a_draft_order_expects_nothing(buy):
    w = buy
    p, q = w.products[:2]
    draft = order(w, 1, (p, "5", "1.00"), status="draft")
    assert expected(w, draft["id"], p) == 0
    payload = new_document(
        organization=w.org,
        warehouse=w.wh,
        order=draft["id"],
        supplier=w.supplier,
        date=at(2),
        lines=[{"product": p, "quantity": "1", "price": "1.00"}],
    )
    with pytest.raises(ShortageError, match="asked 1, available 0"):
        w.docs.save("goods_receipt", payload, post=True)
    po = order(w, 1, (p, "5", "1.00"))
    payload.update(order=po["id"], lines=[{"product": q, "quantity": "1", "price": "1.00"}])
    with pytest.raises(ShortageError, match="Bolt M5"):
        w.docs.save("goods_receipt", payload, post=True)


def test_closing_an_order_releases_what_is_not_received(buy):
    w = buy
    p, q = w.products[:2]
    po = order(w, 1, (p, "10", "1.00"), (q, "3", "1.00"), (p, "2", "1.00"))
    assert expected(w, po["id"], p) == 12
    payload = based_on_payload(w.session, registry, "goods_receipt", "purchase_order", po["id"])
    payload["lines"] = [{**payload["lines"][0], "quantity": "7"}]
    payload["date"] = at(2)
    w.docs.save("goods_receipt", payload, post=True)
    assert expected(w, po["id"], p) == 5
    doc = w.docs.read("purchase_order", po["id"])
    closed = w.docs.save(
        "purchase_order", {"id": po["id"], "version": doc["version"], "status": "closed"}
    )
    assert closed["posted"]
    assert (expected(w, po["id"], p), expected(w, po["id"], q)) == (0, 0)
    rest = based_on_payload(w.session, registry, "goods_receipt", "purchase_order", po["id"])
    assert rest["lines"] == []


def test_counterparty_must_belong_to_the_partner(buy):
    w = buy
    with pytest.raises(
        KontoraError, match="belongs to supplier «Customer One», not to «Bolts Inc»"
    ):
        w.docs.save(
            "purchase_order",
            new_document(
                organization=w.org,
                partner=w.supplier_partner,
                counterparty=w.customer,
                warehouse=w.wh,
                date=at(1),
                lines=[],
            ),
        )


def test_payment_allocating_more_than_paid_is_refused(buy):
    w = buy
    po = order(w, 1, (w.products[0], "1", "10.00"))
    with pytest.raises(KontoraError, match="more than the amount paid"):
        w.docs.save(
            "supplier_payment",
            new_document(
                organization=w.org,
                partner=w.supplier_partner,
                counterparty=w.supplier,
                date=at(2),
                amount="5.00",
                orders=[{"order": po["id"], "amount": "6.00"}],
            ),
            post=True,
        )


def test_receipt_without_order_owes_without_order_and_keeps_the_partner(buy):
    w = buy
    p = w.products[0]
    w.docs.save(
        "goods_receipt",
        new_document(
            organization=w.org,
            warehouse=w.wh,
            supplier=w.supplier,
            date=at(1),
            vat_included=True,
            lines=[{"product": p, "quantity": "3", "price": "12.00", "vat_rate": "20"}],
        ),
        post=True,
    )
    assert owed(w, 0) == D("36.00")  # VAT included: the amount is what we owe
    row = w.session.rows("SELECT amount, vat_amount FROM reg_purchases")[0]
    assert (row["amount"], row["vat_amount"]) == (D("30.00"), D("6.00"))


@pytest.mark.parametrize(
    ("vat_included", "expected_lines", "total"),
    [
        # 3 × 3.33 = 9.99, −10 % = 8.991 → 8.99; VAT on top 20 %: 1.798 → 1.80; total 10.79
        # 7 × 0.15 = 1.05; 10 %: 0.105 → 0.11 (half-up); total 1.16
        (False, [("8.99", "1.80", "10.79"), ("1.05", "0.11", "1.16")], "11.95"),
        # VAT included: 8.99 × 20 / 120 = 1.498… → 1.50; 1.05 × 10 / 110 = 0.0954… → 0.10
        (True, [("8.99", "1.50", "8.99"), ("1.05", "0.10", "1.05")], "10.04"),
    ],
)
def test_vat_included_or_on_top_rounds_each_line_and_totals_are_their_sum(
    buy, vat_included, expected_lines, total
):
    w = buy
    p, q = w.products[:2]
    gr = w.docs.save(
        "goods_receipt",
        new_document(
            organization=w.org,
            warehouse=w.wh,
            supplier=w.supplier,
            date=at(1),
            vat_included=vat_included,
            lines=[
                {
                    "product": p,
                    "quantity": "3",
                    "price": "3.33",
                    "discount": "10",
                    "vat_rate": "20",
                },
                {"product": q, "quantity": "7", "price": "0.15", "vat_rate": "10"},
            ],
        ),
        post=True,
    )
    lines = w.docs.read("goods_receipt", gr["id"])["lines"]
    totals = [line_total(ln, vat_included) for ln in lines]
    got = [(ln["amount"], ln["vat_amount"], t) for ln, t in zip(lines, totals, strict=True)]
    assert got == [tuple(D(x) for x in line) for line in expected_lines]
    assert sum(totals) == D(total)
    assert owed(w) == D(total)  # what we owe is the document total, to the cent
    net = w.session.scalar("SELECT sum(amount) FROM reg_purchases")
    vat = w.session.scalar("SELECT sum(vat_amount) FROM reg_purchases")
    assert net + vat == D(total)


def test_a_line_without_vat_has_no_vat_and_its_total_is_its_amount(buy):
    w = buy
    gr = w.docs.save(
        "goods_receipt",
        new_document(
            organization=w.org,
            warehouse=w.wh,
            date=at(1),
            lines=[{"product": w.products[0], "quantity": "2", "price": "1.25"}],
        ),
        post=True,
    )
    (line,) = w.docs.read("goods_receipt", gr["id"])["lines"]
    assert (line["amount"], line["vat_amount"]) == (D("2.50"), None)
    assert line_total(line, False) == D("2.50")
    assert w.session.scalar("SELECT count(*) FROM reg_supplier_settlements") == 0  # no supplier


def test_reorder_suggestions_against_hand_computed_figures(buy):
    from server.api.purchasing import reorder_suggestions

    w = buy
    s = w.session
    p4, p5, p6, p7 = w.products[:4]
    rate = s.scalar("INSERT INTO cat_vat_rates(name, rate) VALUES ('20%', 20) RETURNING id")
    for p, m in ((p4, "10"), (p5, "8"), (p6, "5"), (w.flour, "2.5")):
        s.execute("UPDATE cat_products SET min_stock = :m, vat_rate_id = :r WHERE id = :p",
                  m=m, r=rate, p=p)  # fmt: skip
    # Bolt M4: on hand 3 (bought at 1.00), 4 expected by a confirmed order → 10 − 7 = 3
    receipt = new_document(
        organization=w.org,
        warehouse=w.wh,
        date=at(1),
        lines=[{"product": p4, "quantity": "3", "price": "1.00"}],
    )
    w.docs.save("goods_receipt", receipt, post=True)
    order(w, 2, (p4, "4", "1.10"))
    # Bolt M5: 6 on hand in the *other* warehouse, 2 in a draft order → all 8 missing here
    w.docs.save(
        "goods_receipt",
        new_document(organization=w.org, warehouse=w.wh2, date=at(1),
                     lines=[{"product": p5, "quantity": "6", "price": "2.00"}]),
        post=True,
    )  # fmt: skip
    order(w, 2, (p5, "2", "2.00"), status="draft")
    # Bolt M6: 5 on hand = minimum → nothing; Bolt M7: no minimum → nothing
    w.docs.save(
        "goods_receipt",
        new_document(organization=w.org, warehouse=w.wh, date=at(1),
                     lines=[{"product": p6, "quantity": "5"}, {"product": p7, "quantity": "1"}]),
        post=True,
    )  # fmt: skip
    # Flour: 1.125 kg on hand → 2.5 − 1.125 = 1.375 kg
    w.docs.save(
        "goods_receipt",
        new_document(organization=w.org, warehouse=w.wh, date=at(1),
                     lines=[{"product": w.flour, "quantity": "1.125", "price": "0.80"}]),
        post=True,
    )  # fmt: skip
    rows = reorder_suggestions(s, registry, w.wh)
    got = [
        (r["product"]["name"], r["quantity"], r["on_hand"], r["expected"], r["price"]) for r in rows
    ]
    assert got == [
        ("Bolt M4", D(3), D(3), D(4), D("1.00")),
        ("Bolt M5", D(8), D(0), D(0), D("2.00")),  # last bought at 2.00
        ("Flour", D("1.375"), D("1.125"), D(0), D("0.80")),
    ]
    assert {r["vat_rate"] for r in rows} == {D(20)}


def test_lists_show_orders_by_number_and_settlements_with_advances(buy):
    import dataclasses

    from server.api.lists import query_for

    w = buy
    p = w.products[0]
    po = order(w, 1, (p, "2", "10.00"))
    save_based_on(w, "goods_receipt", "purchase_order", po["id"], 2)
    w.docs.save(
        "supplier_payment",
        new_document(organization=w.org, partner=w.supplier_partner, counterparty=w.supplier,
                     date=at(3), amount="30.00", orders=[{"order": po["id"], "amount": "20.00"}]),
        post=True,
    )  # fmt: skip
    receipts = query_for(registry, "document", "goods_receipt").fetch(w.session).rows
    assert receipts[0]["order"] == po["number"] and receipts[0]["supplier"] == "Bolts Inc LLC"
    orders = query_for(registry, "document", "purchase_order").fetch(w.session).rows
    assert orders[0]["status"] == "Confirmed"  # the option's title
    q = dataclasses.replace(query_for(registry, "report", "supplier_settlements"), page_size=1)
    first = q.fetch(w.session)
    assert first.cursor is not None
    second = q.fetch(w.session, first.cursor)  # keyset paging over a document dimension
    rows = [*first.rows, *second.rows]
    # 24.00 owed for the goods, 20.00 paid against the order, 10.00 more as an advance
    assert [(r["order"], r["amount"]) for r in rows] == [("", D("-10.00")), (po["number"], D(4))]
    assert second.cursor is None and q.count(w.session) == 2
    found = q.fetch(w.session, text=po["number"]).rows
    assert [(r["order"], r["amount"]) for r in found] == [(po["number"], D(4))]


def test_payment_based_on_an_order_takes_what_is_still_to_pay_from_the_database(buy):
    """Its total by the posting rules' line totals (discount, VAT on top, each line rounded),
    less what was paid against it; goods received dearer than ordered are owed in full."""
    w = buy
    p, q = w.products[:2]
    po = w.docs.save(
        "purchase_order",
        new_document(
            organization=w.org, partner=w.supplier_partner, counterparty=w.supplier,
            warehouse=w.wh, date=at(1), status="confirmed",
            lines=[
                {"product": p, "quantity": "3", "price": "3.33", "discount": "10",
                 "vat_rate": "20"},
                {"product": q, "quantity": "7", "price": "0.15", "vat_rate": "10"},
            ],
        ),
        post=True,
    )  # fmt: skip
    # 3 × 3.33 × 0.9 = 8.99 + 1.80; 7 × 0.15 = 1.05 + 0.11 (each rounded half-up) = 11.95
    pay = based_on_payload(w.session, registry, "supplier_payment", "purchase_order", po["id"])
    assert pay["amount"] == D("11.95") and pay["orders"][0]["amount"] == D("11.95")
    pay.update(date=at(2), amount="5.00")
    pay["orders"][0]["amount"] = "5.00"
    w.docs.save("supplier_payment", pay, post=True)  # a prepayment of part of it
    rest = based_on_payload(w.session, registry, "supplier_payment", "purchase_order", po["id"])
    assert rest["amount"] == D("6.95")
    # the goods come dearer than ordered: we owe what the receipt says
    gr = based_on_payload(w.session, registry, "goods_receipt", "purchase_order", po["id"])
    gr["lines"][1]["price"] = "2.00"  # 7 × 2.00 = 14.00 + 1.40
    gr.update(date=at(3), supplier=w.supplier)
    w.docs.save("goods_receipt", gr, post=True)
    assert owed(w, po["id"]) == D("10.79") + D("15.40") - D("5.00")
    again = based_on_payload(w.session, registry, "supplier_payment", "purchase_order", po["id"])
    assert again["amount"] == D("21.19") and again["orders"][0]["amount"] == D("21.19")
