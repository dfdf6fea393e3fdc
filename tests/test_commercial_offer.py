"""A commercial offer from a deal (CRM): created from the deal's form with its partner, saved and
printed but never posted, then the sales order created based on it takes its goods and prices
and the deal."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from pypdf import PdfReader

from reports.print_form import print_documents
from server.api import Catalogs
from server.api.create_from import initial_from, targets
from server.errors import ReadOnlyError
from server.metadata import registry
from tests.helpers import at
from tests.sales_helpers import based_on


def test_offer_from_a_deal_then_an_order_based_on_it(world, tmp_path):
    cats = Catalogs(world.session, registry)
    kind = cats.save("deal_types", {"name": "Sale"})["id"]
    stage = cats.save("deal_stages", {"name": "Offer", "deal_type": kind, "sequence": 1})["id"]
    deal = cats.save(
        "deals", {"name": "Bolts", "partner": world.partner, "deal_type": kind, "stage": stage}
    )["id"]
    target = next(t for t in targets(registry, "deals") if t.name == "commercial_offer")
    offer = initial_from(world.session, registry, target, "deals", deal)
    assert offer["deal"]["id"] == deal and offer["counterparty"]["id"] == world.customer
    offer.update(
        organization=world.org,
        date=at(5),
        vat_included=True,
        lines=[
            {"product": world.products[0], "quantity": "10", "price": "2.50", "vat_rate": "20"},
            {"product": world.products[1], "quantity": "4", "price": "7.00", "discount": "10"},
        ],
    )
    state = world.docs.save("commercial_offer", offer, post=True)
    assert state["posted"] is False  # an offer moves nothing
    with pytest.raises(ReadOnlyError):
        world.docs.post("commercial_offer", state["id"])
    pdf = print_documents(world.session, registry, "commercial_offer", [state["id"]],
                          tmp_path / "offer.pdf")  # fmt: skip
    text = "".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "Commercial offer" in text and "Bolt M4" in text and "25.20" in text  # 4 × 7 − 10 %
    order = based_on(world, "sales_order", "commercial_offer", state["id"])
    assert order["deal"]["id"] == deal and order["partner"]["id"] == world.partner
    got = [
        (ln["product"]["id"], ln["quantity"], ln["price"], ln["discount"]) for ln in order["lines"]
    ]
    assert got == [
        (world.products[0], D("10"), D("2.50"), None),
        (world.products[1], D("4"), D("7.00"), D("10")),
    ]
