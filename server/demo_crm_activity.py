"""Demo CRM activity: contact persons, e-mail templates, the mail server (localhost), calls,
meetings, SMS and e-mails with the clients (next steps become reminder tasks, one of them due
for the demo login), a task of its own, and customer claims against shipments."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Engine

from server.api import Catalogs, Documents, Session, new_document
from server.api.mail import MailServer, compose, set_mail_server
from server.metadata import registry

TEMPLATES = (
    (
        "Offer follow-up",
        "Our offer for {partner}",
        "Dear {contact},\n\nthank you for your time. As agreed, our commercial offer on "
        "{deal} is attached.\n\nBest regards,\n{manager}",
    ),
    (
        "Delivery notice",
        "Your order is on its way, {partner}",
        "Dear {contact},\n\nyour goods left our warehouse today.\n\n{manager}",
    ),
)
CONTACTS = (("Anna Petrova", "Purchasing manager"), ("Ivan Sokolov", "Director"))
#: (kind, subject, result, next step or "", reminder in days from now, template or None)
TALKS = (
    ("call_in", "Asks for a discount on volume", "Promised an answer by Friday",
     "Send the volume price list", -1, None),
    ("meeting", "Visit to the warehouse", "Saw the racks; wants a trial lot",
     "Prepare the trial lot offer", 2, None),
    ("email", "Offer", "", "", 0, 0),
    ("sms", "Delivery tomorrow 10–12", "Confirmed", "", 0, None),
    ("call_out", "Payment reminder", "Will pay this week", "Check the payment", 5, None),
)  # fmt: skip


def load_activity(engine: Engine, today: dt.date) -> None:
    """Interactions, tasks and claims of the first clients (after the deals exist)."""
    session = Session(engine)
    cats, docs = Catalogs(session, registry), Documents(session, registry)
    org = session.scalar("SELECT min(id) FROM kontora.cat_organizations")
    clients = session.rows(
        "SELECT id, name, manager, email FROM kontora.cat_partners "
        "WHERE is_client AND NOT is_group ORDER BY id LIMIT 3"
    )
    if org is None or not clients:
        return
    templates = [
        cats.save("email_templates", {"name": n, "subject": s, "body": b})["id"]
        for n, s, b in TEMPLATES
    ]
    set_mail_server(session, MailServer("localhost", "sales@kontora.demo", 25))
    now = dt.datetime.combine(today, dt.time(10, 0))
    for n, client in enumerate(clients):
        contact = cats.save(
            "contact_persons",
            {"name": CONTACTS[n % 2][0], "position": CONTACTS[n % 2][1],
             "partner": client["id"], "email": f"buyer{n + 1}@client.demo"},
        )["id"]  # fmt: skip
        deal = session.scalar(
            "SELECT min(id) FROM kontora.cat_deals WHERE partner_id = :p", p=client["id"]
        )
        for k, (kind, subject, result, step, days, tpl) in enumerate(TALKS):
            header: dict[str, Any] = {
                "organization": org,
                "date": (now - dt.timedelta(days=10 - 2 * k, hours=n)).isoformat(),
                "kind": kind,
                "subject": subject,
                "partner": client["id"],
                "contact": contact,
                "deal": deal,
                "result": result or None,
                # The first client's talks are the demo login's own: its reminders show.
                "manager": client["manager"] if n else None,
                "participants": [{"contact": contact}],
            }
            if step:
                header["next_step"] = step
                header["remind_at"] = (now + dt.timedelta(days=days)).isoformat()
            if tpl is not None:
                header["template"] = templates[tpl]
                header.update(compose(session, header))
                header["mail_status"] = "draft"
            docs.save("interaction", new_document(**header))
    cats.save(
        "tasks",
        {"name": "Call back about the annual contract", "assignee": _me(session),
         "due": (now - dt.timedelta(hours=2)).isoformat(), "partner": clients[0]["id"]},
    )  # fmt: skip
    _claims(session, docs, org)


def _me(session: Session) -> str:
    return str(session.scalar("SELECT session_user"))


def _claims(session: Session, docs: Documents, org: int) -> None:
    """A claim on the first shipment still in progress, one on the second resolved."""
    shipments = session.rows(
        "SELECT s.id, s.date, coalesce(s.partner_id, c.partner_id) AS partner, l.product_id "
        "FROM kontora.doc_sales_shipment s "
        "JOIN kontora.cat_counterparties c ON c.id = s.customer_id "
        "JOIN kontora.doc_sales_shipment_lines l ON l.doc_id = s.id AND l.line_no = 1 "
        "WHERE s.posted ORDER BY s.id LIMIT 2"
    )
    for n, s in enumerate(shipments):
        claim = docs.save(
            "claim",
            new_document(
                organization=org,
                date=(s["date"] + dt.timedelta(days=2)).isoformat(),
                partner=s["partner"],
                shipment=s["id"],
                responsible=_me(session),
                deadline=(s["date"] + dt.timedelta(days=12)).date().isoformat(),
                description="Part of the lot arrived damaged" if n == 0 else "Short delivery",
                goods=[{"product": s["product_id"], "quantity": "1", "problem": "damaged"}],
            ),
        )
        moves: list[dict[str, Any]] = [{"status": "in_progress"}]
        if n == 1:
            moves.append({"status": "resolved", "resolution": "The missing unit was delivered"})
        for move in moves:
            claim = docs.save("claim", {"id": claim["id"], "version": claim["version"], **move})
