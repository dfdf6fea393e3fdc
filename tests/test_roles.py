"""Roles enforced by PostgreSQL: a login of each role tries to read, write and post a
representative object of each subsystem, and the role matrix (read from the grants) agrees with
what happened; sales managers limited to their own partners' deals and interactions."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from server.api import Catalogs, Documents, Session
from server.api.admin import set_own_partners_only
from server.api.role_matrix import POST, READ, WRITE, role_matrix
from server.config.roles import ROLE_WRITES
from server.metadata import registry
from tests.helpers import two_managers

DENIED = "42501"  # insufficient_privilege
#: subsystem -> a representative object (kind, name)
REPRESENTATIVE = {
    "core": ("catalog", "organizations"),
    "inventory": ("document", "goods_receipt"),
    "warehouses": ("catalog", "warehouses"),
    "stock_counts": ("document", "stock_count"),
    "sales": ("document", "sales_order"),
    "purchasing": ("document", "purchase_order"),
    "crm": ("catalog", "tags"),
    "marketing": ("catalog", "ad_channels"),
    "claims": ("document", "claim"),
    "mailing": ("catalog", "email_templates"),
    "payroll": ("catalog", "positions"),
    "finance": ("document", "customer_payment"),
}


def _allowed(eng: Engine, sql: str) -> bool:
    """Run ``sql`` in a transaction rolled back: False only when the privilege is missing (any
    other refusal — a bad payload, a missing row — means PostgreSQL let the call in)."""
    with eng.connect() as c:
        try:
            c.execute(text(sql))
        except DBAPIError as exc:
            return getattr(exc.orig, "sqlstate", None) != DENIED
        finally:
            c.rollback()
    return True


def _tried(eng: Engine, kind: str, name: str) -> frozenset[str]:
    """What the login could do with the object, by trying."""
    if kind == "catalog":
        table = registry.catalogs[name].table
        tries = {
            READ: f"SELECT count(*) FROM kontora.{table}",
            WRITE: f"INSERT INTO kontora.{table} (name) VALUES ('tried')",
        }
    else:
        d = registry.document(name)
        tries = {
            READ: f"SELECT count(*) FROM kontora.{d.table}",
            WRITE: f"SELECT kontora.{d.table}_save('{{}}'::jsonb, NULL)",
        }
        if d.postable:
            tries[POST] = f"SELECT kontora.{d.table}_post(-1, true)"
    return frozenset(right for right, sql in tries.items() if _allowed(eng, sql))


def test_the_role_matrix_is_what_postgresql_enforces(db, login):
    assert set(REPRESENTATIVE) == set(registry.subsystems)  # every subsystem is tried
    matrix = {row.key: row.rights for row in role_matrix(db.session(), registry)}
    seen = {}
    for role in ROLE_WRITES:
        _, eng = login(role)
        for kind, name in REPRESENTATIVE.values():
            seen[(role, name)] = got = _tried(eng, kind, name)
            assert got == matrix[f"{kind}:{name}"][role], (role, name, got)
    # The matrix is not trivially full: the roles differ as declared.
    assert seen[("storekeeper", "goods_receipt")] == {READ, WRITE, POST}
    assert seen[("sales_manager", "goods_receipt")] == {READ}
    assert seen[("sales_manager", "positions")] == frozenset()  # payroll is private
    assert seen[("payroll_officer", "positions")] == {READ, WRITE}
    assert seen[("accountant", "customer_payment")] == {READ, WRITE, POST}
    assert seen[("storekeeper", "tags")] == {READ}
    assert seen[("admin", "claim")] == {READ, WRITE}  # a claim is only saved, never posted
    assert all(seen[("admin", n)] for _, n in REPRESENTATIVE.values())


def test_combined_roles_add_up(db, login):
    _, eng = login("storekeeper", "accountant")
    assert _tried(eng, "document", "goods_receipt") == {READ, WRITE, POST}
    assert _tried(eng, "document", "customer_payment") == {READ, WRITE, POST}
    assert _tried(eng, "catalog", "tags") == {READ}


def test_sales_managers_see_only_their_own_partners(world, login):
    m = two_managers(world, login)
    ann, bob, ann_eng, bob_eng, adm_eng = m.ann, m.bob, m.ann_eng, m.bob_eng, m.adm_eng
    partners, deals, calls, kind, stage = m.partners, m.deals, m.calls, m.deal_type, m.stage
    _, acc_eng = login("accountant")

    def sees(eng: Engine) -> tuple[set[int], set[int]]:
        s = Session(eng)
        d = {r["id"] for r in s.rows("SELECT id FROM kontora.cat_deals")}
        i = {r["id"] for r in s.rows("SELECT id FROM kontora.doc_interaction")}
        return d, i

    everything = (set(deals.values()), set(calls.values()))
    assert sees(ann_eng) == everything  # the option is off
    set_own_partners_only(world.session, True)
    assert sees(ann_eng) == ({deals[ann]}, {calls[ann]})
    assert sees(bob_eng) == ({deals[bob]}, {calls[bob]})
    assert sees(acc_eng) == everything and sees(adm_eng) == everything
    # Ann cannot write a deal for Bob's partner, nor change Bob's deal (she does not see it).
    ann_cats = Catalogs(Session(ann_eng), registry)
    with pytest.raises(Exception, match=r"managed by"):
        ann_cats.save(
            "deals",
            {"name": "Poached", "partner": partners[bob], "deal_type": kind, "stage": stage},
        )
    with ann_eng.begin() as c:
        changed = c.execute(
            text("UPDATE kontora.cat_deals SET amount = 1 WHERE id = :i"), {"i": deals[bob]}
        ).rowcount
    assert changed == 0
    assert ann_cats.save(
        "deals", {"name": "Hers", "partner": partners[ann], "deal_type": kind, "stage": stage}
    )["id"]
    # Off again: everyone sees everything.
    set_own_partners_only(world.session, False)
    assert sees(bob_eng)[0] >= set(deals.values())
    assert Documents(Session(bob_eng), registry).read("interaction", calls[ann])["id"] == calls[ann]


def test_kontora_admin_options_users_and_organization_locks(world):
    from typer.testing import CliRunner

    from server.cli import app

    def cli(*args: str, code: int = 0) -> str:
        r = CliRunner().invoke(app, [*args, "--infobase", world.db.url])
        assert r.exit_code == code, (r.output, r.exception)
        return r.output + (r.stderr if code else "")

    listed = cli("options", "list")
    assert "warehouses    on   Several warehouses  (needs inventory)" in listed
    assert "Marketing, Claims, Mailing need CRM" in cli("options", "off", "crm", code=1)
    for name in ("marketing", "claims", "mailing", "crm"):
        cli("options", "off", name)
    assert "crm           off" in cli("subsystem", "list")  # the older name still works
    cli("subsystem", "on", "crm")
    name = f"cli_{uuid.uuid4().hex[:6]}"
    try:
        cli("user", "add", name, "--role", "storekeeper", "--role", "accountant", "--password", "p")
        assert f"{name:<24} accountant" in cli("user", "list")
        cli("user", "disable", name)
        assert (
            world.session.scalar("SELECT rolcanlogin FROM pg_roles WHERE rolname = :n", n=name)
            is False
        )
        cli("user", "enable", name)
        cli("user", "roles", name, "--role", "admin")
        assert [r for u, r in list_users_of(world, name)] == ["admin"]
    finally:
        world.session.execute(f'DROP ROLE IF EXISTS "{name}"')
    cli("period-lock", "2026-03-05", "--organization", "Acme LLC")
    assert str(world.session.scalar("SELECT kontora.lock_date(:o)", o=world.org)) == "2026-03-05"
    assert "no organization" in cli("period-lock", "2026-03-05", "--organization", "Nope", code=1)


def list_users_of(world, name: str) -> list[tuple[str, str]]:
    from server import users

    return [row for row in world.session.run(users.list_users) if row[0] == name]
