"""Posting stories: every rule of DESIGN §3 items 1–6, 8 and 9, seen from the API."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

import pytest

from server.api import new_document
from server.errors import (
    ConflictError,
    PeriodClosedError,
    ReadOnlyError,
    ShortageError,
    SubsystemOffError,
)
from tests.helpers import at, receipt, shipment, write_off


def test_shipment_beyond_stock_is_refused_with_numbers(world):
    p = world.products[0]
    receipt(world, 1, (p, "5"))
    with pytest.raises(ShortageError) as e:
        shipment(world, 2, (p, "8"))
    s = e.value.shortages[0]
    assert (s.asked, s.available, s.balance) == (Decimal(8), Decimal(5), Decimal(-3))
    assert s.key["product"]["name"] == "Bolt M4"
    assert "Bolt M4" in str(e.value) and "asked 8, available 5" in str(e.value)
    assert world.stock(p) == 5
    n = world.session.scalar("SELECT count(*) FROM doc_sales_shipment")
    assert n == 0, "a refused posting leaves no document behind"


def test_backdated_shipment_that_breaks_a_later_moment_is_refused(world):
    p = world.products[0]
    receipt(world, 1, (p, "10"))
    shipment(world, 5, (p, "8"))
    with pytest.raises(ShortageError) as e:
        shipment(world, 3, (p, "5"))  # on day 3 there are 10, but day 5 would go to -3
    assert e.value.shortages[0].at.startswith("2026-03-05")
    shipment(world, 3, (p, "2"))  # fits everywhere
    assert world.stock(p) == 0


def test_unposting_a_receipt_whose_goods_were_shipped_is_refused(world):
    p = world.products[0]
    gr = receipt(world, 1, (p, "10"))
    shipment(world, 2, (p, "7"))
    with pytest.raises(ShortageError, match="would fall to -7"):
        world.docs.unpost("goods_receipt", gr["id"])
    with pytest.raises(ShortageError):  # reducing it below what was shipped
        world.docs.save(
            "goods_receipt",
            {"id": gr["id"], "version": gr["version"], "lines": [{"product": p, "quantity": "6"}]},
        )
    with pytest.raises(ShortageError):  # moving it after the shipment
        world.docs.save("goods_receipt", {"id": gr["id"], "version": gr["version"], "date": at(3)})
    ok = world.docs.save(
        "goods_receipt",
        {"id": gr["id"], "version": gr["version"], "lines": [{"product": p, "quantity": "7"}]},
    )
    assert ok["posted"] and ok["version"] == gr["version"] + 1
    assert world.stock(p) == 0


def test_balance_at_any_moment_and_totals(world):
    p = world.products[1]
    receipt(world, 1, (p, "10"))
    shipment(world, 10, (p, "4"))
    write_off(world, 20, (p, "1"))
    assert world.stock(p, at=dt.datetime(2026, 3, 1, 8)) == 0
    assert world.stock(p, at=dt.datetime(2026, 3, 1, 9)) == 10
    assert world.stock(p, at=dt.datetime(2026, 3, 15)) == 6
    assert world.stock(p) == 5
    apr = world.docs.save(
        "goods_receipt",
        new_document(
            organization=world.org,
            warehouse=world.wh,
            date="2026-04-02T10:00:00",
            lines=[{"product": p, "quantity": "3"}],
        ),
        post=True,
    )
    assert apr["posted"]
    assert world.stock(p, at=dt.datetime(2026, 4, 30)) == 8
    assert world.stock(p, at=dt.datetime(2026, 3, 31, 23)) == 5


def test_repost_replaces_movements_and_unpost_removes_them(world):
    p, q = world.products[:2]
    gr = receipt(world, 1, (p, "10"), (q, "3"))
    assert len(world.regs.movements("stock", "goods_receipt", gr["id"])) == 2
    gr2 = world.docs.save(
        "goods_receipt",
        {"id": gr["id"], "version": gr["version"], "lines": [{"product": q, "quantity": "4"}]},
    )
    moves = world.regs.movements("stock", "goods_receipt", gr["id"])
    assert [(m["product_id"], m["quantity"]) for m in moves] == [(q, Decimal(4))]
    assert (world.stock(p), world.stock(q)) == (0, 4)
    world.docs.unpost("goods_receipt", gr2["id"])
    assert world.regs.movements("stock", "goods_receipt", gr["id"]) == []
    assert world.stock(q) == 0


def test_deletion_mark_unposts_and_blocks_posting(world):
    p = world.products[0]
    gr = receipt(world, 1, (p, "10"))
    marked = world.docs.mark("goods_receipt", gr["id"], True)
    assert marked["deletion_mark"] and not marked["posted"]
    assert world.stock(p) == 0
    with pytest.raises(ReadOnlyError, match="marked for deletion"):
        world.docs.post("goods_receipt", gr["id"])
    world.docs.mark("goods_receipt", gr["id"], False)
    assert world.docs.post("goods_receipt", gr["id"])["posted"]
    assert world.stock(p) == 10


def test_closed_period_refuses_post_unpost_change(world):
    p = world.products[0]
    gr = receipt(world, 1, (p, "10"))
    world.session.execute("UPDATE constants SET period_lock_date = '2026-03-02'")
    with pytest.raises(PeriodClosedError, match="closed up to 2026-03-02"):
        world.docs.unpost("goods_receipt", gr["id"])
    with pytest.raises(PeriodClosedError):
        world.docs.save(
            "goods_receipt", {"id": gr["id"], "version": gr["version"], "comment": "late fix"}
        )
    with pytest.raises(PeriodClosedError):
        receipt(world, 2, (p, "1"))
    with pytest.raises(PeriodClosedError):  # moving a later document into the closed period
        later = receipt(world, 9, (p, "1"))
        world.docs.save(
            "goods_receipt", {"id": later["id"], "version": later["version"], "date": at(2)}
        )
    receipt(world, 3, (p, "1"))
    world.session.execute("UPDATE constants SET period_lock_date = NULL")
    world.docs.unpost("goods_receipt", gr["id"])


def test_switched_off_subsystem_refuses_write_and_post(world):
    p = world.products[0]
    receipt(world, 1, (p, "10"))
    sh = shipment(world, 2, (p, "1"), post=False)
    world.session.execute("UPDATE subsystems SET enabled = false WHERE name = 'sales'")
    with pytest.raises(SubsystemOffError, match="Sales"):
        shipment(world, 3, (p, "1"))
    with pytest.raises(SubsystemOffError):
        world.docs.post("sales_shipment", sh["id"])
    receipt(world, 3, (p, "1"))  # warehouse documents still work


def test_optimistic_lock_names_the_conflict(world):
    p = world.products[0]
    gr = receipt(world, 1, (p, "10"))
    world.docs.save("goods_receipt", {"id": gr["id"], "version": gr["version"], "comment": "A"})
    with pytest.raises(ConflictError, match="changed by another user"):
        world.docs.save("goods_receipt", {"id": gr["id"], "version": gr["version"], "comment": "B"})


def test_retry_after_lost_acknowledgement_never_duplicates(world):
    p = world.products[0]
    payload = new_document(
        organization=world.org,
        warehouse=world.wh,
        date=at(1),
        lines=[{"product": p, "quantity": "10"}],
    )
    first = world.docs.save("goods_receipt", payload, post=True)
    again = world.docs.save("goods_receipt", payload, post=True)  # the resend
    assert again["id"] == first["id"] and again["replayed"]
    edit = {
        "id": first["id"],
        "version": first["version"],
        "request_key": str(uuid.uuid4()),
        "lines": [{"product": p, "quantity": "12"}],
    }
    e1 = world.docs.save("goods_receipt", edit)
    e2 = world.docs.save("goods_receipt", edit)  # resend of the same edit
    assert e2["replayed"] and e2["version"] == e1["version"]
    for _ in range(3):  # a double (triple) click on Post
        world.docs.post("goods_receipt", first["id"])
    assert world.session.scalar("SELECT count(*) FROM doc_goods_receipt") == 1
    assert world.session.scalar("SELECT count(*) FROM reg_stock") == 1
    assert world.stock(p) == 12


def test_numbers_are_unique_per_type_organization_and_year(world):
    p = world.products[0]
    a = receipt(world, 1, (p, "1"))
    b = receipt(world, 1, (p, "1"))
    assert a["number"] != b["number"]
    with pytest.raises(Exception, match=r"uq_doc_goods_receipt_number|already exists"):
        world.docs.save(
            "goods_receipt",
            new_document(
                organization=world.org,
                warehouse=world.wh,
                number=a["number"],
                date=at(2),
                lines=[{"product": p, "quantity": "1"}],
            ),
        )


def test_history_records_who_when_and_old_new_values(world):
    p = world.products[0]
    gr = receipt(world, 1, (p, "10"))
    world.docs.save(
        "goods_receipt", {"id": gr["id"], "version": gr["version"], "comment": "checked"}
    )
    rows = world.session.rows(
        "SELECT username, op, changes FROM history WHERE table_name = 'doc_goods_receipt' "
        "AND row_id = :i ORDER BY id",
        i=gr["id"],
    )
    assert rows[0]["op"] == "INSERT"
    upd = [r for r in rows if r["op"] == "UPDATE" and "comment" in r["changes"]]
    assert upd[0]["changes"]["comment"] == {"old": None, "new": "checked"}
    assert upd[0]["username"]


def test_exact_decimals_by_unit(world):
    from server.errors import KontoraError

    world.docs.save(
        "goods_receipt",
        new_document(
            organization=world.org,
            warehouse=world.wh,
            date=at(1),
            lines=[{"product": world.flour, "quantity": "1.125", "price": "0.35"}],
        ),
        post=True,
    )
    assert world.stock(world.flour) == Decimal("1.125")
    with pytest.raises(KontoraError, match="more decimals than its unit «pcs» allows"):
        receipt(world, 1, (world.products[0], "1.5"))
    amounts = world.session.rows("SELECT amount FROM doc_goods_receipt_lines")
    assert amounts == [{"amount": Decimal("0.39")}]  # 1.125 × 0.35 = 0.39375 → half-up 0.39


def test_header_only_edit_keeps_lines_and_movements(world):
    p = world.products[0]
    gr = receipt(world, 1, (p, "10"))
    world.docs.save("goods_receipt", {"id": gr["id"], "version": gr["version"], "comment": "ok"})
    assert world.stock(p) == 10
    assert len(world.docs.read("goods_receipt", gr["id"])["lines"]) == 1


def test_pooled_connections_go_back_to_transactions(world):
    """A save runs in autocommit on a pooled connection; the next unit of work must not."""
    receipt(world, 1, (world.products[0], "1"))

    def work(c):
        c.exec_driver_sql("SET LOCAL lock_timeout = '7s'")
        return c.exec_driver_sql("SHOW lock_timeout").scalar()

    assert world.session.run(work) == "7s"
