"""The Administration section: subsystems, period closing and users, for administrators only."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import create_engine

from forms.admin_period import PeriodForm
from forms.admin_subsystems import SubsystemsForm
from forms.admin_users import UsersForm, role_titles
from server.api import Session
from server.api.admin import is_admin, set_period_lock, set_subsystems
from server.config.roles import ROLE_WRITES
from server.errors import ForbiddenError, KontoraError, SubsystemOffError
from server.metadata import registry
from server.users import add_user
from tests.gui_support import WAIT, make_window
from tests.helpers import receipt

pytestmark = pytest.mark.usefixtures("gui_isolation")
YES = QMessageBox.StandardButton.Yes
NO = QMessageBox.StandardButton.No


@pytest.fixture
def storekeeper(db):
    """A storekeeper login (cluster-wide role, dropped afterwards) and an engine for it."""
    name = f"store_{uuid.uuid4().hex[:6]}"
    admin = create_engine(db.url, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        add_user(c, name, "storekeeper", "secret-pw")
    eng = db.engine_as(name, "secret-pw")
    yield name, eng
    eng.dispose()
    with admin.connect() as c:
        c.exec_driver_sql(f'DROP OWNED BY "{name}"; DROP ROLE "{name}"')
    admin.dispose()


def answer(monkeypatch, button: QMessageBox.StandardButton) -> list[str]:
    """QMessageBox.question answers ``button``; returns the texts it was asked."""
    asked: list[str] = []

    def question(parent, title, text, *args, **kwargs):
        asked.append(text)
        return button

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def test_switching_warehouse_off_and_on_from_the_form(qtbot, world, monkeypatch):
    w = make_window(qtbot, world.db.engine)
    assert "Administration" in w.section_titles()
    w.select_section("admin")
    assert w.nav_titles()[:4] == ["Subsystems", "Period closing", "Users", "Mail server"]
    assert {"Additional fields", "Backups"} <= set(w.nav_titles())
    form = w.open_admin("subsystems")
    assert isinstance(form, SubsystemsForm)
    qtbot.waitUntil(lambda: not form.busy and bool(form.states), timeout=WAIT)
    assert not form.boxes["core"].isEnabled()  # the core cannot be switched off

    asked = answer(monkeypatch, NO)  # asked and refused: nothing changes
    form.boxes["inventory"].click()
    assert "Several warehouses, Stock counts, Sales, Purchasing depend on Warehouse" in asked[0]
    assert "Switching Warehouse off hides 0 documents and" in asked[0]  # the impact, asked
    assert "Depend on it (switched off too): Several warehouses" in form.impact_label.text()
    assert ("Warehouses", "Several warehouses", 2) in form.impact_rows()  # counts per object
    assert form.boxes["inventory"].isChecked() and not form.dirty

    answer(monkeypatch, YES)
    form.boxes["inventory"].click()
    off = ("inventory", "warehouses", "stock_counts", "sales", "purchasing")
    assert not any(form.boxes[n].isChecked() for n in off)
    form.save_button.click()
    qtbot.waitUntil(lambda: "Warehouse" not in w.section_titles(), timeout=WAIT)
    assert "Sales" not in w.section_titles()
    with pytest.raises(SubsystemOffError) as refused:  # the database refuses it too
        receipt(world, 1, (world.products[0], "5"))
    assert refused.value.code == "KN003" and "Warehouse" in refused.value.message

    form.boxes["sales"].click()  # needs Warehouse: ticked too, and said so
    assert form.boxes["inventory"].isChecked()
    assert "Sales needs Warehouse" in form.message_bar.message()
    form.save_button.click()
    qtbot.waitUntil(lambda: "Warehouse" in w.section_titles(), timeout=WAIT)
    assert "Sales" in w.section_titles() and "Purchasing" not in w.section_titles()
    receipt(world, 1, (world.products[0], "5"))


def test_the_server_keeps_the_rules_between_subsystems(db):
    s = db.session()
    with pytest.raises(KontoraError, match="core subsystem cannot be switched off"):
        set_subsystems(s, registry, {"core": False})
    with pytest.raises(
        KontoraError, match="Several warehouses, Stock counts, Sales, Purchasing need Warehouse"
    ):
        set_subsystems(s, registry, {"inventory": False})
    inventory = ("inventory", "warehouses", "stock_counts", "sales", "purchasing")
    set_subsystems(s, registry, dict.fromkeys(inventory, False))
    with pytest.raises(KontoraError, match="Sales needs Warehouse"):
        set_subsystems(s, registry, {"sales": True})
    set_subsystems(s, registry, {"sales": True, "inventory": True})
    rows = s.rows("SELECT name FROM kontora.subsystems WHERE NOT enabled ORDER BY 1")
    assert [r["name"] for r in rows] == ["purchasing", "stock_counts", "warehouses"]


def test_period_closing_form_sets_and_clears_the_lock_date(qtbot, world):
    w = make_window(qtbot, world.db.engine)
    form = w.open_admin("period")
    assert isinstance(form, PeriodForm)
    qtbot.waitUntil(lambda: not form.busy, timeout=WAIT)
    assert form.lock_date is None and "open" in form.state.text()
    form.date.setDate(dt.date(2026, 3, 31))
    form.save_button.click()
    qtbot.waitUntil(lambda: form.lock_date == dt.date(2026, 3, 31), timeout=WAIT)
    with pytest.raises(KontoraError, match="closed period"):
        receipt(world, 2, (world.products[0], "5"))
    form.clear_button.click()
    qtbot.waitUntil(lambda: form.lock_date is None, timeout=WAIT)
    assert world.session.scalar("SELECT period_lock_date FROM kontora.constants") is None
    receipt(world, 2, (world.products[0], "5"))


def test_period_closing_per_organization_from_the_form(qtbot, world):
    beta = world.session.scalar("INSERT INTO cat_organizations(name) VALUES ('Beta') RETURNING id")
    w = make_window(qtbot, world.db.engine)
    form = w.open_admin("period")
    qtbot.waitUntil(lambda: form.organization.count() == 3, timeout=WAIT)
    form.organization.setCurrentIndex(form.organization.findData(world.org))
    qtbot.waitUntil(lambda: not form.busy and "own" in form.state.text(), timeout=WAIT)
    form.date.setDate(dt.date(2026, 3, 5))
    form.save_button.click()
    qtbot.waitUntil(lambda: form.lock_date == dt.date(2026, 3, 5), timeout=WAIT)
    assert world.session.scalar(
        "SELECT lock_date FROM period_locks WHERE organization_id = :o", o=world.org
    ) == dt.date(2026, 3, 5)
    assert world.session.scalar("SELECT kontora.lock_date(:o)", o=beta) is None
    with pytest.raises(KontoraError, match="closed period"):
        receipt(world, 2, (world.products[0], "5"))


def test_an_administrator_confirms_a_change_in_the_closed_period(qtbot, world, monkeypatch):
    saved = receipt(world, 2, (world.products[0], "5"))
    set_period_lock(world.session, dt.date(2026, 3, 5), world.org)
    w = make_window(qtbot, world.db.engine)  # the superuser: an administrator
    doc = w.open_document("goods_receipt", saved["id"])
    qtbot.waitUntil(lambda: doc.version == saved["version"] and not doc.busy, timeout=WAIT)
    asked = answer(monkeypatch, NO)
    doc.unpost()
    qtbot.waitUntil(lambda: bool(asked) and not doc.busy, timeout=WAIT)
    assert "closed period" in asked[0] and "administrator" in asked[0]
    assert "closed period" in doc.message_bar.message() and doc.posted
    asked = answer(monkeypatch, YES)
    doc.unpost()
    qtbot.waitUntil(lambda: not doc.posted and not doc.busy, timeout=WAIT)
    assert asked and not world.docs.read("goods_receipt", saved["id"])["posted"]


def test_users_form_lists_users_and_roles(qtbot, db, storekeeper):
    name, _ = storekeeper
    w = make_window(qtbot, db.engine)
    form = w.open_admin("users")
    assert isinstance(form, UsersForm)
    qtbot.waitUntil(lambda: (name, "Storekeeper") in form.users(), timeout=WAIT)


def test_users_form_creates_resets_disables_and_assigns_roles(qtbot, db, monkeypatch):
    name = f"ann_{uuid.uuid4().hex[:6]}"
    w = make_window(qtbot, db.engine)
    form = w.open_admin("users")
    qtbot.waitUntil(lambda: not form.busy and bool(form.matrix_rows), timeout=WAIT)
    try:
        form.add_user(name, ["sales_manager", "accountant"], "first-pw")
        qtbot.waitUntil(
            lambda: (name, "Sales manager, Accountant") in form.users() and not form.busy,
            timeout=WAIT,
        )
        login = db.engine_as(name, "first-pw")
        assert Session(login).scalar("SELECT current_user") == name
        login.dispose()

        verifier = "SELECT rolpassword FROM pg_authid WHERE rolname = :n"
        before = db.session().scalar(verifier, n=name)
        form.reset_password(name, "second-pw")
        qtbot.waitUntil(lambda: "password" in form.message_bar.message(), timeout=WAIT)
        after = db.session().scalar(verifier, n=name)
        assert after.startswith("SCRAM-SHA-256$") and after != before

        form.select(name)
        form.toggle_enabled()  # disable
        qtbot.waitUntil(
            lambda: any(u.name == name and not u.enabled for u in form.rows) and not form.busy,
            timeout=WAIT,
        )
        assert form.enable_button.text().replace("&", "") in ("Enable", "Disable")
        with pytest.raises(Exception, match="not permitted to log in"):
            db.engine_as(name, "second-pw").connect()
        form.set_enabled(name, True)
        qtbot.waitUntil(lambda: not form.busy, timeout=WAIT)  # one change at a time
        form.set_roles(name, ["storekeeper"])
        qtbot.waitUntil(lambda: (name, "Storekeeper") in form.users(), timeout=WAIT)
        assert next(u for u in form.rows if u.name == name).enabled

        form.select(name)
        asked = answer(monkeypatch, NO)  # Remove…, then No: nothing happens
        form.remove_button.click()
        assert asked and name in asked[0] and "disable" in asked[0]
        assert not form.busy and (name, "Storekeeper") in form.users()
        answer(monkeypatch, YES)
        form.remove_button.click()
        qtbot.waitUntil(lambda: "removed" in form.message_bar.message(), timeout=WAIT)
        qtbot.waitUntil(lambda: not form.busy and name not in dict(form.users()), timeout=WAIT)
        assert "removed" in form.message_bar.message()  # the list read again keeps the outcome
        role = "SELECT count(*) FROM pg_roles WHERE rolname = :n"
        assert db.session().scalar(role, n=name) == 0
        assert not form.remove_button.isEnabled()  # nothing selected now
    finally:
        with db.engine.connect() as c:
            c.exec_driver_sql(f'DROP ROLE IF EXISTS "{name}"')
            c.commit()


def test_the_role_matrix_grid_shows_the_grants(qtbot, db):
    w = make_window(qtbot, db.engine)
    form = w.open_admin("users")
    qtbot.waitUntil(lambda: bool(form.matrix_rows), timeout=WAIT)
    assert set(role_titles(str)) == set(ROLE_WRITES)  # a title for every declared role
    assert form.matrix.rowCount() == len(form.matrix_rows) > 40
    assert form.matrix_cell("document:goods_receipt", "storekeeper") == {"read", "write", "post"}
    assert form.matrix_cell("document:goods_receipt", "sales_manager") == {"read"}
    assert form.matrix_cell("catalog:positions", "sales_manager") == set()  # payroll: private
    assert form.matrix_cell("document:claim", "sales_manager") == {"read", "write"}
    # Revoke a grant by hand: the grid follows PostgreSQL, not a copy of the rules.
    with db.engine.begin() as c:
        c.exec_driver_sql(
            "REVOKE EXECUTE ON FUNCTION kontora.doc_goods_receipt_post(bigint, boolean) "
            "FROM kontora_storekeeper"
        )
    form.load()
    qtbot.waitUntil(
        lambda: form.matrix_cell("document:goods_receipt", "storekeeper") == {"read", "write"},
        timeout=WAIT,
    )


def test_the_own_partners_option_from_the_form(qtbot, db):
    w = make_window(qtbot, db.engine)
    form = w.open_admin("users")
    qtbot.waitUntil(lambda: not form.busy and bool(form.matrix_rows), timeout=WAIT)
    assert not form.own_partners.isChecked()
    form.own_partners.click()
    qtbot.waitUntil(lambda: not form.busy and form.own_partners.isChecked(), timeout=WAIT)
    assert db.session().scalar("SELECT own_partners_only FROM kontora.constants") is True


def test_a_storekeeper_sees_no_administration_and_cannot_switch(storekeeper, qtbot, db):
    _, eng = storekeeper
    assert is_admin(db.session()) and not is_admin(Session(eng))
    with pytest.raises(ForbiddenError):
        set_subsystems(Session(eng), registry, {"crm": False})
    w = make_window(qtbot, eng)
    assert "Administration" not in w.section_titles()
    assert "Warehouse" in w.section_titles()


def test_mail_server_form_keeps_the_password_unless_typed(qtbot, db):
    """Administration → Mail server: settings saved; an empty password field keeps the old."""
    from forms.admin_mail import MailForm
    from server.api.mail import MailServer, set_mail_server

    session = db.session()
    set_mail_server(session, MailServer("old.test", "a@acme.test", login="u", password="pw"))
    form = MailForm(db.engine, registry)
    qtbot.addWidget(form)
    qtbot.waitUntil(lambda: form.host.text() == "old.test", timeout=WAIT)
    assert form.password.text() == ""  # never shown
    form.host.setText("smtp.acme.test")
    form.port.setValue(587)
    form.security.setCurrentIndex(form.security.findData("starttls"))
    form.save()
    qtbot.waitUntil(lambda: not form.busy and not form.dirty, timeout=WAIT)
    acc = session.scalar("SELECT kontora.mail_account()")
    assert (acc["host"], acc["port"], acc["security"], acc["password"]) == (
        "smtp.acme.test", 587, "starttls", "pw"
    )  # fmt: skip
