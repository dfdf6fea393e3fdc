"""Sending a segment's mailing by e-mail: one letter per address of the mailing list (opt-outs
already left out by :func:`server.api.segments.mailing_list`), each written from a template and
kept as an e-mail interaction of its partner and contact, then sent through the configured
server (:func:`server.api.mail.send`); in batches, so a long list can report progress and be
stopped between batches. A failed letter stays an interaction with its error, to be sent again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from server.api.documents import Documents, new_document
from server.api.mail import compose, send
from server.api.segments import mailing_list
from server.api.session import Session
from server.metadata import Registry

BATCH = 25


def send_mailing(
    session: Session,
    reg: Registry,
    segment_id: int,
    template_id: int,
    *,
    organization: int,
    manager: str | None = None,
    batch: int = BATCH,
    progress: Callable[[int, int], bool] | None = None,
) -> dict[str, Any]:
    """Write and send the letters; ``progress(done, total)`` after each batch (False stops).
    Returns counts and the interactions written (``sent``, ``failed``, ``ids``). Refused while
    the Mailing subsystem is switched off."""
    session.scalar("SELECT kontora.require_subsystem('mailing', 'Mailing')::text")
    rows = mailing_list(session, segment_id, writable=True)  # the interactions it may write
    docs = Documents(session, reg)
    out: dict[str, Any] = {"total": len(rows), "sent": 0, "failed": 0, "ids": []}
    for start in range(0, len(rows), batch):
        for r in rows[start : start + batch]:
            header = {
                "organization": organization,
                "kind": "email",
                "subject": "",
                "partner": r["partner_id"],
                "contact": r["contact_id"],
                "manager": manager,
                "template": template_id,
            }
            letter = {**header, **compose(session, header), "email_to": r["email"]}
            doc = docs.save("interaction", new_document(**letter))
            state = send(session, reg, doc["id"])
            out["ids"].append(doc["id"])
            out["sent" if state["mail_status"] == "sent" else "failed"] += 1
        if progress is not None and not progress(min(start + batch, len(rows)), len(rows)):
            break
    return out
