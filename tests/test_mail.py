"""E-mail from interactions: a template's placeholders, sending through a local SMTP server the
test starts, the letter and its outcome kept in the interaction; the password is readable by
no login, and only the roles that write CRM records may have it for sending."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from server.api import Catalogs
from server.api.documents import new_document
from server.api.mail import MailServer, compose, mail_server, render, send, set_mail_server
from server.api.session import Session
from server.errors import ForbiddenError, InvalidValue
from server.metadata import registry
from server.users import add_user
from tests import smtp_server
from tests.conftest import sql


@pytest.fixture
def smtp() -> Iterator[tuple[int, smtp_server.Mailbox]]:
    srv, box = smtp_server.start()
    yield srv.server_address[1], box
    srv.shutdown()
    srv.server_close()


@pytest.fixture
def letter(world):
    """A contact with an e-mail address and a template naming partner, contact and manager."""
    cats = Catalogs(world.session, registry)
    contact = cats.save(
        "contact_persons",
        {"name": "Anna Petrova", "partner": world.partner, "email": "anna@customer.test"},
    )["id"]
    template = cats.save(
        "email_templates",
        {
            "name": "Offer follow-up",
            "subject": "Our offer for {partner}",
            "body": "Dear {contact},\n\nas agreed, here is our offer.\n{unknown}\n\n{manager}",
        },
    )["id"]
    return {"contact": contact, "template": template}


def test_render_keeps_unknown_placeholders():
    assert render("Hi {contact}, {x} {}", {"contact": "Anna"}) == "Hi Anna, {x} {}"


def _email(world, letter) -> dict:
    header = {
        "organization": world.org,
        "kind": "email",
        "subject": "Offer",
        "partner": world.partner,
        "contact": letter["contact"],
        "manager": "Maria Sidorova",
        "template": letter["template"],
    }
    return {**header, **compose(world.session, header)}


def test_an_email_from_a_template_is_sent_and_kept(world, letter, smtp):
    port, box = smtp
    payload = _email(world, letter)
    assert payload["subject"] == "Our offer for Customer One"
    assert payload["body"].startswith("Dear Anna Petrova,") and "{unknown}" in payload["body"]
    assert (
        payload["body"].endswith("Maria Sidorova") and payload["email_to"] == "anna@customer.test"
    )
    server = MailServer("127.0.0.1", "sales@acme.test", port, login="sales", password="s3cret")
    set_mail_server(world.session, server)
    state = world.docs.save("interaction", new_document(**payload))
    after = send(world.session, registry, state["id"])
    assert after["posted"] is False and after["version"] == state["version"] + 1
    [got] = box.messages
    assert (got.sender, got.recipients) == ("sales@acme.test", ["anna@customer.test"])
    assert (got.login, got.password) == ("sales", "s3cret")
    assert got.message["Subject"] == "Our offer for Customer One"
    assert "here is our offer" in got.message.get_content()
    doc = world.docs.read("interaction", state["id"])
    assert doc["mail_status"] == "sent" and doc["sent_at"] is not None and not doc["mail_error"]
    with pytest.raises(InvalidValue, match="already sent"):
        send(world.session, registry, state["id"])
    assert len(box.messages) == 1


def test_a_refused_letter_keeps_the_error(world, letter, smtp):
    port, box = smtp
    box.refuse = True
    set_mail_server(world.session, MailServer("127.0.0.1", "sales@acme.test", port))
    state = world.docs.save("interaction", new_document(**_email(world, letter)))
    send(world.session, registry, state["id"])
    doc = world.docs.read("interaction", state["id"])
    assert doc["mail_status"] == "failed" and doc["sent_at"] is None
    assert "550" in doc["mail_error"] and "No such user" in doc["mail_error"]
    box.refuse = False
    send(world.session, registry, state["id"])  # a failed letter may be sent again
    assert world.docs.read("interaction", state["id"])["mail_status"] == "sent"
    assert len(box.messages) == 1


def test_the_password_is_kept_from_other_roles(world, db):
    set_mail_server(
        world.session, MailServer("mail.test", "a@acme.test", 587, "starttls", "u", "pw")
    )
    set_mail_server(world.session, MailServer("mail2.test", "a@acme.test", 25), keep_password=True)
    assert mail_server(world.session) == {
        "host": "mail2.test", "port": 25, "security": "none", "login": None,
        "sender": "a@acme.test",
    }  # fmt: skip
    tag = uuid.uuid4().hex[:6]
    with db.engine.begin() as c:
        for login, role in (("keeper", "storekeeper"), ("seller", "sales_manager")):
            add_user(c, f"u_{login}_{tag}", role, "pw-" + login)
    keeper = Session(db.engine_as(f"u_keeper_{tag}", "pw-keeper"))
    seller = Session(db.engine_as(f"u_seller_{tag}", "pw-seller"))
    assert mail_server(keeper)["host"] == "mail2.test"  # the settings, without the password
    for who in (keeper, seller):
        with pytest.raises(ForbiddenError):
            who.rows("SELECT password FROM kontora.mail_settings")
        with pytest.raises(ForbiddenError):
            set_mail_server(who, MailServer("evil.test", "x@evil.test"))
    with pytest.raises(ForbiddenError):
        keeper.scalar("SELECT kontora.mail_account()")
    assert seller.scalar("SELECT kontora.mail_account()")["password"] == "pw"  # sends mail
    assert sql(db.engine, "SELECT count(*) FROM history WHERE table_name = 'mail_settings'") == [
        (0,)
    ]


@pytest.mark.usefixtures("gui_isolation")
def test_the_form_fills_the_letter_and_sends_it(qtbot, world, letter, smtp):
    from PySide6.QtCore import Qt

    from forms.object_form import DocumentForm
    from tests.gui_support import WAIT, make_window

    port, box = smtp
    set_mail_server(world.session, MailServer("127.0.0.1", "sales@acme.test", port))
    w = make_window(qtbot, world.db.engine)
    lst = w.open("document", "interaction")
    qtbot.waitUntil(w.is_idle, timeout=WAIT)
    qtbot.keyClick(lst.view, Qt.Key.Key_Insert)
    form = w.tabs.currentWidget()
    assert isinstance(form, DocumentForm)
    qtbot.waitUntil(w.is_idle, timeout=WAIT)
    ed = form.header.editors
    assert not form.extension.send_action.isEnabled()  # a call has no letter
    ed["kind"].setCurrentIndex(ed["kind"].findData("email"))
    assert form.extension.send_action.isEnabled()
    ed["partner"].set_value({"id": world.partner, "name": "Customer One"})
    ed["contact"].set_value({"id": letter["contact"], "name": "Anna Petrova"})
    ed["template"].set_value({"id": letter["template"], "name": "Offer follow-up"})
    ed["manager"].setText("Maria Sidorova")
    form.extension.fill_action.trigger()
    qtbot.waitUntil(lambda: ed["subject"].text() == "Our offer for Customer One", timeout=WAIT)
    assert ed["email_to"].text() == "anna@customer.test" and form.dirty
    form.extension.send_action.trigger()  # saves the new interaction, then sends it
    qtbot.waitUntil(lambda: len(box.messages) == 1, timeout=WAIT)
    qtbot.waitUntil(lambda: ed["mail_status"].currentData() == "sent", timeout=WAIT)
    qtbot.waitUntil(w.is_idle, timeout=WAIT)
    assert not form.dirty
    content = box.messages[0].message.get_content().replace("\r\n", "\n")
    assert "Dear Anna Petrova,\n\nas agreed" in content
    assert ed["body"].toPlainText().count("\n") == 5  # the letter keeps its lines
