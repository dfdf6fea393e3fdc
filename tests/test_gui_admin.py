"""The Administration section: subsystems, period closing and users, for administrators only."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import create_engine

from forms.admin_period import PeriodForm
from forms.admin_subsystems import SubsystemsForm
from forms.admin_users import UsersForm
from server.api import Session
from server.api.admin import is_admin, set_subsystems
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
    assert "Sales, Purchasing depend on Warehouse" in asked[0]
    assert form.boxes["inventory"].isChecked() and not form.dirty

    answer(monkeypatch, YES)
    form.boxes["inventory"].click()
    assert not any(form.boxes[n].isChecked() for n in ("inventory", "sales", "purchasing"))
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
    with pytest.raises(KontoraError, match="Sales, Purchasing need Warehouse"):
        set_subsystems(s, registry, {"inventory": False})
    set_subsystems(s, registry, {"inventory": False, "sales": False, "purchasing": False})
    with pytest.raises(KontoraError, match="Sales needs Warehouse"):
        set_subsystems(s, registry, {"sales": True})
    set_subsystems(s, registry, {"sales": True, "inventory": True})
    rows = s.rows("SELECT name FROM kontora.subsystems WHERE NOT enabled ORDER BY 1")
    assert [r["name"] for r in rows] == ["purchasing"]


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


def test_users_form_lists_users_and_roles(qtbot, db, storekeeper):
    name, _ = storekeeper
    w = make_window(qtbot, db.engine)
    form = w.open_admin("users")
    assert isinstance(form, UsersForm)
    qtbot.waitUntil(lambda: (name, "storekeeper") in form.users(), timeout=WAIT)


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
