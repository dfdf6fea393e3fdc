"""Off means gone on the server side too: register reports leave out (and sum over) the
dimensions of a switched-off subsystem even when remembered settings ask for them; print forms
leave out fields and columns referring to it; the partner timeline, related documents, global
search, start-page figures and "create based on" show nothing of it."""

from __future__ import annotations

import datetime as dt

from reports.print_form import print_documents
from server.api import Catalogs, new_document
from server.api.admin import set_subsystems
from server.api.key_figures import key_figures
from server.api.related import based_on_payload, based_on_targets, related_documents
from server.api.reports import Reports, ReportSettings, groupable
from server.api.search import search
from server.api.timeline import partner_timeline
from server.metadata import registry
from server.metadata.switched import target_subsystem
from tests.helpers import at, receipt
from tests.sales_helpers import order
from tests.test_print_form import pages_text

MARCH = (dt.date(2026, 3, 1), dt.date(2026, 3, 31))


def test_no_register_offers_a_dimension_of_a_switched_off_subsystem():
    every = set(registry.subsystems)
    seen = set()
    for name in every:
        for r in registry.registers.values():
            offered = groupable(registry, r, every - {name})
            dims = {d.name: d for d in r.dimensions}
            for level, _ in offered:
                assert target_subsystem(registry, dims[level.split(".")[0]]) != name, (r, level)
            if len(offered) < len(groupable(registry, r, every)):
                seen.add((r.name, name))
    # The cases the brief names are among them: the warehouse, a sales order.
    assert {("stock", "warehouses"), ("customer_settlements", "sales")} <= seen


def test_remembered_warehouse_grouping_and_filter_are_dropped_while_off(world):
    p = world.products[0]
    receipt(world, 2, (p, "5"))
    receipt(world, 3, (p, "7"), wh=world.wh2)
    asked = ReportSettings("stock", *MARCH, ("warehouse", "product"), {"warehouse": (world.wh,)})
    on = Reports(world.session, registry).run(asked)
    assert on.levels == ("warehouse", "product") and on.total.values["quantity_close"] == 5
    set_subsystems(world.session, registry, {"warehouses": False})
    off = Reports(world.session, registry).run(asked)
    assert off.levels == ("product",) and off.settings.filters == {}
    assert off.total.values["quantity_close"] == 12  # every warehouse, summed
    assert [r.label for r in off.rows] == ["Bolt M4"]
    set_subsystems(world.session, registry, {"warehouses": True})
    assert Reports(world.session, registry).run(asked).total.values["quantity_close"] == 5


def _deal(world) -> int:
    cats = Catalogs(world.session, registry)
    kind = cats.save("deal_types", {"name": "Sale"})["id"]
    stage = cats.save("deal_stages", {"name": "Lead", "deal_type": kind, "sequence": 1})["id"]
    return cats.save(
        "deals",
        {"name": "Bolts deal", "partner": world.partner, "deal_type": kind, "stage": stage},
    )["id"]


def test_print_forms_leave_out_warehouse_and_deal_while_off(world, tmp_path):
    p = world.products[0]
    receipt(world, 1, (p, "10"))
    o = order(world, 2, (p, "1", "25.00"), deal=_deal(world))

    def printed(form: str) -> str:
        path = print_documents(world.session, registry, "sales_order", [o["id"]],
                               tmp_path / f"{form}.pdf", form)  # fmt: skip
        return "\n".join(pages_text(path))

    before = printed("generic")
    assert "Warehouse:" in before and "Deal:" in before and "Bolts deal" in before
    crm = dict.fromkeys(("crm", "marketing", "claims", "mailing"), False)
    set_subsystems(world.session, registry, {"warehouses": False, **crm})
    after = printed("generic")
    assert "Warehouse:" not in after and "Deal:" not in after and "Bolts deal" not in after
    assert "Bolt M4" in after and "25.00" in after  # the rest is printed as before
    set_subsystems(world.session, registry, {"warehouses": True, **dict.fromkeys(crm, True)})
    assert printed("generic") == before


def _on(world) -> set[str]:
    return set(
        world.session.scalar("SELECT array_agg(name) FROM subsystems WHERE subsystem_on(name)")
    )


def test_claims_off_leaves_no_trace_in_timeline_search_and_figures(world):
    p = world.products[0]
    receipt(world, 1, (p, "10"))
    o = order(world, 2, (p, "1", "25.00"))
    claim = world.docs.save(
        "claim",
        new_document(organization=world.org, date=at(3), partner=world.partner, order=o["id"],
                     description="Refund the scratched bolt"),
    )  # fmt: skip
    number = world.docs.read("claim", claim["id"])["number"]

    def seen() -> dict[str, bool]:
        s = world.session
        tl = {(r["type"], r["id"]) for r in partner_timeline(s, registry, world.partner)}
        return {
            "timeline": ("claim", claim["id"]) in tl,
            "search": any(h.name == "claim" for h in search(s, registry, number)),
            "figures": any(f.subsystem == "claims" for f in key_figures(s, registry)),
        }

    before = seen()
    assert before["timeline"] and before["search"]
    set_subsystems(world.session, registry, {"claims": False})
    assert not any(seen().values()), seen()
    assert ("sales_order", o["id"]) in {  # the rest of the timeline stays
        (r["type"], r["id"]) for r in partner_timeline(world.session, registry, world.partner)
    }
    assert world.session.scalar("SELECT count(*) FROM doc_claim") == 1  # its data stays
    set_subsystems(world.session, registry, {"claims": True})
    assert seen() == before


def test_sales_off_leaves_no_trace_in_related_documents_and_create_based_on(world):
    gr = receipt(world, 2, (world.products[0], "12"))
    p = based_on_payload(world.session, registry, "sales_shipment", "goods_receipt", gr["id"])
    p.update(customer=world.customer, date=at(4))
    ss = world.docs.save("sales_shipment", p)
    p = based_on_payload(world.session, registry, "write_off", "goods_receipt", gr["id"])
    p.update(reason="spoilage", expense_item=world.expense_item, date=at(3))
    wo = world.docs.save("write_off", p)

    def seen() -> tuple[set[tuple[str, int]], set[str]]:
        tree = related_documents(world.session, registry, "goods_receipt", gr["id"])
        related = {(n.type, n.id) for root in tree for _, n in root.walk()}
        targets = {t.name for t in based_on_targets(registry, "goods_receipt", _on(world))}
        return related, targets

    related, targets = seen()
    assert ("sales_shipment", ss["id"]) in related and "sales_shipment" in targets
    set_subsystems(world.session, registry, {"sales": False, "warehouses": False})
    related, targets = seen()
    assert related == {("goods_receipt", gr["id"]), ("write_off", wo["id"])}
    assert targets == {"write_off", "supplier_payment"}  # no shipment, no transfer
    set_subsystems(world.session, registry, {"sales": True, "warehouses": True})
    assert ("sales_shipment", ss["id"]) in seen()[0]
