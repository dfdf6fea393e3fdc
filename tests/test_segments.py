"""Segments of partners by rules and their mailing lists, against a small example computed by
hand (the figures in the comments)."""

from __future__ import annotations

import csv
import datetime as dt
import uuid
from decimal import Decimal as D

import openpyxl
import pytest
from sqlalchemy import create_engine
from typer.testing import CliRunner

from server.api import Catalogs, Session, new_document
from server.api.segments import export_mailing_list, mailing_list, members, refresh
from server.cli import app
from server.errors import ForbiddenError
from server.metadata import registry
from server.users import add_user


def _sell(w, when: str, customer: int, price: str) -> None:
    w.docs.save(
        "sales_shipment",
        new_document(
            organization=w.org,
            warehouse=w.wh,
            customer=customer,
            date=when,
            lines=[{"product": w.products[0], "quantity": "1", "price": price}],
        ),
        post=True,
    )


@pytest.fixture
def market(world):
    """Six partners. March 2026 revenue (net of VAT): P1 500, P2 250, P3 120, P4 80, P5 50 of
    1000 — ABC (80/15/5): cumulative share before P1 0, P2 50, P3 75 → A; P4 87 → B; P5 95 → C.
    P6 bought only on 15 January (300): no March revenue, last purchase 15 January."""
    w = world
    w.docs.save(
        "goods_receipt",
        new_document(
            organization=w.org,
            warehouse=w.wh,
            date="2025-12-01T08:00:00",
            lines=[{"product": w.products[0], "quantity": "1000", "price": "1.00"}],
        ),
        post=True,
    )
    cats = Catalogs(w.session, registry)
    vip = cats.save("tags", {"name": "VIP"})["id"]
    spec = {
        "P1": ("North", "anna", [vip], "500"),
        "P2": ("north ", "boris", [], "250"),
        "P3": ("South", "anna", [vip], "120"),
        "P4": ("North", "anna", [], "80"),
        "P5": ("South", "anna", [], "50"),
        "P6": ("South", "anna", [], None),
    }
    ids = {}
    for name, (region, manager, tags, march) in spec.items():
        p = cats.save(
            "partners",
            {
                "name": name,
                "is_client": True,
                "region": region,
                "manager": manager,
                "tags": [{"tag": t} for t in tags],
            },
        )["id"]
        ids[name] = p
        cp = cats.save("counterparties", {"name": f"{name} LLC", "partner": p})["id"]
        if march:
            _sell(w, "2026-03-10T10:00:00", cp, march)
    _sell(w, "2026-01-15T10:00:00", cp, "300")  # cp: P6's, the last one
    return {"cats": cats, "ids": ids, "vip": vip}


def _segment(market, **rules) -> int:
    return market["cats"].save("segments", {"name": f"S {uuid.uuid4().hex[:6]}", **rules})["id"]


def _names(world, seg: int) -> list[str]:
    refresh(world.session, seg)
    return [m["name"] for m in members(world.session, seg)]


MARCH = {"period_start": "2026-03-01", "period_end": "2026-03-31"}


def test_segment_rules_select_the_hand_computed_members(world, market):
    assert _names(world, _segment(market, abc_class="A", **MARCH)) == ["P1", "P2", "P3"]
    assert _names(world, _segment(market, abc_class="C", **MARCH)) == ["P5"]
    # revenue ≥ 100 in the North (case and spaces aside): P1 500, P2 250; P4 has only 80
    seg = _segment(market, revenue_min="100", region="NORTH", **MARCH)
    assert _names(world, seg) == ["P1", "P2"]
    assert [m["revenue"] for m in members(world.session, seg)] == [D("500.00"), D("250.00")]
    # revenue ≤ 100 in March and a purchase since 1 January: P4 80, P5 50, P6 0 (January);
    # the world's partner never bought, so it has no last purchase
    seg = _segment(market, revenue_max="100", bought_after="2026-01-01", **MARCH)
    assert _names(world, seg) == ["P4", "P5", "P6"]
    assert members(world.session, seg)[2]["last_purchase"] == dt.date(2026, 1, 15)
    # tag VIP and last purchase on or before 31 March: P1, P3
    assert _names(world, _segment(market, tag=market["vip"], bought_before="2026-03-31")) == [
        "P1",
        "P3",
    ]
    assert _names(world, _segment(market, bought_before="2026-02-28")) == ["P6"]
    assert _names(world, _segment(market, manager="boris")) == ["P2"]


def test_refresh_follows_changes_and_members_are_not_writable(world, market):
    cats, ids = market["cats"], market["ids"]
    seg = _segment(market, region="North")
    assert _names(world, seg) == ["P1", "P2", "P4"]
    p4 = cats.read("partners", ids["P4"])
    cats.save("partners", {"id": ids["P4"], "version": p4["version"], "region": "East"})
    assert _names(world, seg) == ["P1", "P2"]  # the refresh replaces the members
    name = f"u_sales_{uuid.uuid4().hex[:6]}"
    eng = create_engine(world.db.url, isolation_level="AUTOCOMMIT")
    with eng.connect() as c:
        add_user(c, name, "sales_manager", "secret-pw")
    user = world.db.engine_as(name, "secret-pw")
    try:
        assert refresh(Session(user), seg) == 2  # a CRM user refreshes through the rules
        with pytest.raises(ForbiddenError, match="permission denied"):
            Session(user).execute(
                "INSERT INTO inf_segment_members (segment_id, partner_id) VALUES (:s, :p)",
                s=seg,
                p=ids["P4"],
            )
    finally:
        user.dispose()
        with eng.connect() as c:
            c.exec_driver_sql(f'DROP OWNED BY "{name}"; DROP ROLE "{name}"')
        eng.dispose()


def test_mailing_list_respects_opt_out_and_exports(world, market, tmp_path):
    cats, ids = market["cats"], market["ids"]
    seg = _segment(market, abc_class="A", **MARCH)  # P1, P2, P3
    for partner, name, email, extra in (
        ("P1", "Ann", "ann@p1.example", {}),
        ("P1", "Bob", "bob@p1.example", {"opt_out": True}),  # asked not to be mailed
        ("P2", "Cid", "  ", {}),  # no address
        ("P3", "Dan", "dan@p3.example", {}),
        ("P3", "Eve", "ANN@p1.example", {}),  # the same address again: once
        ("P4", "Fay", "fay@p4.example", {}),  # not a member
    ):
        cats.save(
            "contact_persons", {"name": name, "partner": ids[partner], "email": email, **extra}
        )
    gone = cats.save(
        "contact_persons", {"name": "Gil", "partner": ids["P3"], "email": "gil@p3.example"}
    )
    cats.mark("contact_persons", gone["id"])
    refresh(world.session, seg)
    got = [(r["partner"], r["contact"], r["email"]) for r in mailing_list(world.session, seg)]
    assert got == [("P1", "Ann", "ann@p1.example"), ("P3", "Dan", "dan@p3.example")]

    assert export_mailing_list(world.session, seg, tmp_path / "list.csv") == 2
    with (tmp_path / "list.csv").open(encoding="utf-8-sig") as f:
        rows = list(csv.reader(f, delimiter=";"))
    assert rows[0] == ["Partner", "Contact person", "Position", "E-mail"]
    assert [r[3] for r in rows[1:]] == ["ann@p1.example", "dan@p3.example"]

    assert export_mailing_list(world.session, seg, tmp_path / "list.xlsx", "Key clients") == 2
    ws = openpyxl.load_workbook(tmp_path / "list.xlsx").active
    values = [row for row in ws.iter_rows(values_only=True) if any(row)]
    assert values[0][0] == "Key clients"
    assert [v[3] for v in values[-2:]] == ["ann@p1.example", "dan@p3.example"]


def test_admin_command_refreshes_every_segment(world, market):
    seg = _segment(market, region="South")
    url = world.db.url.replace("postgresql+psycopg://", "postgresql://")
    result = CliRunner().invoke(app, ["segments", "refresh", "--infobase", url])
    assert result.exit_code == 0, result.output
    assert "3 members" in result.output
    assert [m["name"] for m in members(world.session, seg)] == ["P3", "P5", "P6"]


def test_a_mailing_is_sent_in_batches_each_letter_an_interaction(world, market):
    from server.api.mail import MailServer, set_mail_server
    from server.api.mailing import send_mailing
    from tests import smtp_server

    cats, ids = market["cats"], market["ids"]
    seg = _segment(market, abc_class="A", **MARCH)  # P1, P2, P3
    for partner, name, email, extra in (
        ("P1", "Ann", "ann@p1.example", {}),
        ("P1", "Bob", "bob@p1.example", {"opt_out": True}),
        ("P2", "Cid", "cid@p2.example", {}),
        ("P3", "Dan", "dan@p3.example", {}),
    ):
        cats.save(
            "contact_persons", {"name": name, "partner": ids[partner], "email": email, **extra}
        )
    template = cats.save(
        "email_templates",
        {"name": "Spring", "subject": "Spring prices for {partner}", "body": "Dear {contact},"},
    )["id"]
    refresh(world.session, seg)
    srv, box = smtp_server.start()
    try:
        set_mail_server(world.session, MailServer("127.0.0.1", "sales@kontora.test",
                                                  srv.server_address[1]))  # fmt: skip
        seen: list[tuple[int, int]] = []
        out = send_mailing(world.session, registry, seg, template, organization=world.org,
                           batch=2, progress=lambda d, t: seen.append((d, t)) or True)  # fmt: skip
    finally:
        srv.shutdown()
        srv.server_close()
    assert (out["total"], out["sent"], out["failed"]) == (3, 3, 0)
    assert seen == [(2, 3), (3, 3)]
    assert sorted(m.recipients for m in box.messages) == [
        ["ann@p1.example"], ["cid@p2.example"], ["dan@p3.example"]
    ]  # fmt: skip
    rows = world.session.rows(
        "SELECT subject, body, mail_status, email_to FROM doc_interaction ORDER BY email_to"
    )
    first = rows[0]
    assert (first["subject"], first["body"], first["mail_status"]) == (
        "Spring prices for P1", "Dear Ann,", "sent"
    )  # fmt: skip
    assert len(rows) == 3  # Bob opted out: no letter, no interaction
