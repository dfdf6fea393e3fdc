"""CRM interactions (1C "Взаимодействия"): meetings, calls, SMS and e-mails with a partner.

An interaction is a document that is only saved, never posted (``postable=False``). Its contact
person and deal belong to its partner (``within``); its next step with a reminder time keeps
the interaction's reminder task up to date (server/sqlgen/hooks/interaction_rules.sql). An
e-mail may be written from a template and sent through the configured SMTP server
(server/api/mail.py); the letter stays in the interaction with its status.
"""

from server.config.crm import SOURCE
from server.metadata import (
    Bool,
    Catalog,
    Choice,
    DateField,
    DocRef,
    Document,
    Moment,
    Qty,
    Ref,
    String,
    Table,
    Text,
)

KINDS = (
    ("meeting", "Meeting"),
    ("call_in", "Incoming call"),
    ("call_out", "Outgoing call"),
    ("sms", "SMS"),
    ("email", "E-mail"),
)
MAIL_STATUSES = (("draft", "Not sent"), ("sent", "Sent"), ("failed", "Failed"))

EMAIL_TEMPLATES = Catalog(
    "email_templates",
    "E-mail templates",
    "mailing",
    fields=(
        String("subject", "Subject", max_len=250),
        # Placeholders: {partner}, {contact}, {manager}, {deal}, {subject}
        Text("body", "Body", max_len=20000),
    ),
)

INTERACTION = Document(
    "interaction",
    "Interactions",
    "crm",
    "IA",
    header=(
        Choice("kind", "Kind", required=True, options=KINDS, default="call_out"),
        String("subject", "Subject", required=True, max_len=250),
        Ref("partner", "Partner", target="partners"),
        Ref("contact", "Contact person", target="contact_persons", within="partner"),
        Ref("deal", "Deal", target="deals", within="partner"),
        String("manager", "Manager", max_len=63),  # the login of the responsible user
        *SOURCE,  # where the partner came from (its source when not given): the first contact
        Text("result", "Result"),
        Text("next_step", "Next step"),
        Moment("remind_at", "Reminder"),
        # The letter of an e-mail: to whom, its text (from a template), what became of it.
        String("email_to", "To (e-mail)", max_len=250),
        Ref("template", "E-mail template", target="email_templates"),
        Text("body", "Letter", max_len=20000),
        Choice("mail_status", "Letter status", options=MAIL_STATUSES),
        Moment("sent_at", "Sent"),
        Text("mail_error", "Sending error"),
    ),
    tables=(
        Table(
            "participants",
            (
                String("login", "User (login)", max_len=63),
                Ref("contact", "Contact person", target="contact_persons"),
                String("note", "Note"),
            ),
            "Participants",
        ),
    ),
    postable=False,
    triggers=("interaction_rules", "partner_source"),
)

#: A manager's task (the name says what to do); an interaction's next step with a reminder
#: time keeps one task of its own (``interaction``) up to date.
TASKS = Catalog(
    "tasks",
    "Tasks",
    "crm",
    fields=(
        String("assignee", "Assignee (login)", required=True, max_len=63),
        Moment("due", "Due"),
        Ref("partner", "Partner", target="partners"),
        Ref("deal", "Deal", target="deals", within="partner"),
        DocRef("interaction", "Interaction", target="interaction", indexed=True),
        Bool("done", "Done"),
        Text("comment", "Comment"),
    ),
)

#: A customer's claim (1C "Претензии клиентов") against a shipment or an order of its partner;
#: its status moves new → in progress → resolved | rejected and never back
#: (server/sqlgen/hooks/claim_rules.sql).
CLAIM_STATUSES = (
    ("new", "New"),
    ("in_progress", "In progress"),
    ("resolved", "Resolved"),
    ("rejected", "Rejected"),
)
CLAIM = Document(
    "claim",
    "Customer claims",
    "claims",
    "CL",
    header=(
        Ref("partner", "Partner", required=True, target="partners"),
        Ref("customer", "Customer", target="counterparties", within="partner"),
        DocRef("shipment", "Shipment", target="sales_shipment", indexed=True),
        DocRef("order", "Order", target="sales_order", indexed=True),
        Choice("status", "Status", required=True, options=CLAIM_STATUSES, default="new"),
        String("responsible", "Responsible (login)", max_len=63),
        DateField("deadline", "Deadline"),
        Text("description", "Claim"),
        Text("resolution", "Resolution"),
    ),
    tables=(
        Table(
            "goods",
            (
                Ref("product", "Product", target="products"),
                Qty("quantity", "Quantity", nonnegative=True, unit_from="product"),
                String("problem", "Problem"),
            ),
            "Claimed goods",
        ),
    ),
    postable=False,
    triggers=("claim_rules",),
)

DECLARED = (EMAIL_TEMPLATES, INTERACTION, TASKS, CLAIM)
