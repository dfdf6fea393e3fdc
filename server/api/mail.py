"""E-mail from CRM interactions: templates with placeholders, the outgoing mail server, sending.

A template's subject and body may name ``{partner}``, ``{contact}``, ``{manager}``, ``{deal}``
and ``{subject}``; an unknown placeholder stays as written. Sending reads the server and its
password through ``kontora.mail_account()`` (only roles that write CRM records may), sends with
:mod:`smtplib` and keeps the outcome in the interaction: status, time sent, the error.
"""

from __future__ import annotations

import datetime as dt
import re
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import make_msgid
from typing import Any

from server.api.documents import Documents
from server.api.session import Session
from server.errors import QT_TRANSLATE_NOOP, InvalidValue, Meta, Template
from server.metadata import Registry

PLACEHOLDER = re.compile(r"\{(\w+)\}")
TIMEOUT = 30  # seconds to wait for the mail server
DOC = "interaction"


def render(text: str | None, values: dict[str, str]) -> str:
    """``text`` with each known ``{name}`` replaced; unknown ones are left as they are."""
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text or "")


@dataclass(frozen=True)
class MailServer:
    """The outgoing mail server (``security``: none, starttls or ssl)."""

    host: str
    sender: str
    port: int = 25
    security: str = "none"
    login: str | None = None
    password: str | None = None


def mail_server(session: Session) -> dict[str, Any] | None:
    """The settings as everyone may read them (without the password); None: not set up."""
    rows = session.rows(
        "SELECT host, port, security, login, sender FROM kontora.mail_settings WHERE id"
    )
    return rows[0] if rows else None


def set_mail_server(session: Session, server: MailServer, keep_password: bool = False) -> None:
    """Administrator: set the server; ``keep_password`` leaves the stored password as it is."""
    password = "" if keep_password else ", password = excluded.password"
    session.execute(
        "INSERT INTO kontora.mail_settings (id, host, port, security, login, password, sender) "
        "VALUES (true, :host, :port, :security, :login, :password, :sender) "
        "ON CONFLICT (id) DO UPDATE SET host = excluded.host, port = excluded.port, "
        "security = excluded.security, login = excluded.login, sender = excluded.sender" + password,
        host=server.host,
        port=server.port,
        security=server.security,
        login=server.login or None,
        password=server.password or None,
        sender=server.sender,
    )


def compose(session: Session, header: dict[str, Any]) -> dict[str, str]:
    """Subject and letter of an interaction from its template (``header`` as the form sends
    it: references as ids): the placeholders filled with the partner, contact, manager, deal."""
    rows = session.rows(
        """
        SELECT t.subject, t.body, p.name AS partner, c.name AS contact, d.name AS deal,
               coalesce(c.email, p.email) AS email
        FROM kontora.cat_email_templates t
        LEFT JOIN kontora.cat_partners p ON p.id = :partner
        LEFT JOIN kontora.cat_contact_persons c ON c.id = :contact
        LEFT JOIN kontora.cat_deals d ON d.id = :deal
        WHERE t.id = :template""",
        template=header.get("template"),
        partner=header.get("partner"),
        contact=header.get("contact"),
        deal=header.get("deal"),
    )
    if not rows:
        owner = Template("{object}", {"object": Meta("Interactions")})
        raise InvalidValue(
            owner, "E-mail template", None, QT_TRANSLATE_NOOP("errors", "is required")
        )
    r = rows[0]
    values = {
        "partner": r["partner"] or "",
        "contact": r["contact"] or r["partner"] or "",
        "deal": r["deal"] or "",
        "manager": header.get("manager") or "",
        "subject": header.get("subject") or "",
    }
    out = {"subject": render(r["subject"], values) or values["subject"]}
    out["body"] = render(r["body"], values)
    if r["email"]:
        out["email_to"] = r["email"]
    return out


def _account(session: Session) -> MailServer:
    acc = session.scalar("SELECT kontora.mail_account()")
    if not acc:
        owner = Template("{object}", {"object": Meta("Interactions")})
        raise InvalidValue(owner, "Mail server", None, QT_TRANSLATE_NOOP("errors", "is not set up"))
    return MailServer(
        acc["host"],
        acc["sender"],
        acc["port"],
        acc["security"],
        acc.get("login"),
        acc.get("password"),
    )


def deliver(server: MailServer, message: EmailMessage) -> None:
    """Send one message through ``server`` (raises OSError / smtplib.SMTPException)."""
    if server.security == "ssl":
        smtp: smtplib.SMTP = smtplib.SMTP_SSL(
            server.host, server.port, timeout=TIMEOUT, context=ssl.create_default_context()
        )
    else:
        smtp = smtplib.SMTP(server.host, server.port, timeout=TIMEOUT)
    with smtp:
        if server.security == "starttls":
            smtp.starttls(context=ssl.create_default_context())
        if server.login:
            smtp.login(server.login, server.password or "")
        smtp.send_message(message)


def send(session: Session, reg: Registry, doc_id: int) -> dict[str, Any]:
    """Send the letter of e-mail interaction ``doc_id`` and keep the outcome in it: status
    "sent" with the time, or "failed" with the error. Returns the document's state with the
    outcome (``mail_status``, ``sent_at``, ``mail_error``); a letter
    already sent, or one without an address, is refused (KN005)."""
    docs = Documents(session, reg)
    doc = docs.read(DOC, doc_id)
    owner = Template("{object} {number}", {"object": Meta("Interactions"), "number": doc["number"]})
    if doc["kind"] != "email":
        raise InvalidValue(owner, "Kind", doc["kind"], QT_TRANSLATE_NOOP("errors", "is not e-mail"))
    if doc["mail_status"] == "sent":
        raise InvalidValue(
            owner, "Letter status", doc["sent_at"], QT_TRANSLATE_NOOP("errors", "already sent")
        )
    if not doc["email_to"]:
        raise InvalidValue(owner, "To (e-mail)", None, QT_TRANSLATE_NOOP("errors", "is required"))
    server = _account(session)
    message = EmailMessage()
    message["From"], message["To"] = server.sender, doc["email_to"]
    message["Subject"] = doc["subject"]
    message["Message-ID"] = make_msgid(domain=server.sender.rpartition("@")[2] or None)
    message.set_content(doc["body"] or "")
    outcome: dict[str, Any] = {"mail_status": "sent", "sent_at": None, "mail_error": None}
    try:
        deliver(server, message)
        outcome["sent_at"] = dt.datetime.now().replace(microsecond=0)
    except (OSError, smtplib.SMTPException) as exc:
        outcome.update(mail_status="failed", mail_error=f"{type(exc).__name__}: {exc}"[:2000])
    return {**docs.save(DOC, {"id": doc_id, "version": doc["version"], **outcome}), **outcome}
