"""Segments: refresh their members by the rules, read them, and build mailing lists.

The members are found by ``kontora.refresh_segment(id)`` (server/sqlgen/segments.py), one
set-based statement run as the owner: the members register is written by nobody else. A mailing
list is the members' contact persons with an e-mail, except those who opted out of mailings
(``opt_out``) or are marked for deletion; it is exported to Excel (xlsx) or CSV.

Sending: server/api/mailing.py writes each address a letter from a template (each letter an
interaction) and sends it through the configured server; :func:`mailing_list` is the one place
that decides who receives a mailing.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path
from typing import Any

from reports.excel import Column, export_rows
from server.api.session import Session

S = "kontora"
MAILING_COLUMNS: list[Column] = [
    ("partner", "Partner", "text"),
    ("contact", "Contact person", "text"),
    ("position", "Position", "text"),
    ("email", "E-mail", "text"),
]


def refresh(session: Session, segment_id: int) -> int:
    """Replace the segment's members by its rules now; returns how many there are."""
    return int(session.scalar(f"SELECT {S}.refresh_segment(:i)", i=segment_id))


def refresh_all(session: Session) -> dict[str, int]:
    """Refresh every segment not marked for deletion (the scheduler's job): name -> members."""
    rows = session.rows(
        f"SELECT id, name FROM {S}.cat_segments WHERE NOT deletion_mark ORDER BY name, id"
    )
    return {r["name"]: refresh(session, r["id"]) for r in rows}


def members(session: Session, segment_id: int) -> list[dict[str, Any]]:
    """The partners the last refresh found: id, name, revenue in the period, last purchase."""
    return session.rows(
        f"SELECT p.id, p.name, m.revenue, m.last_purchase FROM {S}.inf_segment_members m "
        f"JOIN {S}.cat_partners p ON p.id = m.partner_id WHERE m.segment_id = :i "
        "ORDER BY p.name, p.id",
        i=segment_id,
    )


def mailing_list(
    session: Session, segment_id: int, *, writable: bool = False
) -> list[dict[str, Any]]:
    """The members' contact persons who may receive a mailing: with an e-mail, not opted out,
    not marked for deletion; one row per distinct address (the first contact by name).
    ``writable``: only partners the login may write interactions for (a sales manager's own
    while "sales managers see only their own partners" is on: server/sqlgen/access.py)."""
    own = f" AND {S}.sees_partner(p.id)" if writable else ""
    return session.rows(
        f"""SELECT DISTINCT ON (lower(btrim(c.email))) p.name AS partner, c.name AS contact,
                  c.position, btrim(c.email) AS email, c.id AS contact_id, p.id AS partner_id
           FROM {S}.inf_segment_members m
           JOIN {S}.cat_partners p ON p.id = m.partner_id
           JOIN {S}.cat_contact_persons c ON c.partner_id = p.id
           WHERE m.segment_id = :i AND NOT c.deletion_mark AND NOT coalesce(c.opt_out, false)
             AND nullif(btrim(c.email), '') IS NOT NULL{own}
           ORDER BY lower(btrim(c.email)), c.name, c.id""",
        i=segment_id,
    )


def export_mailing_list(
    session: Session,
    segment_id: int,
    path: str | os.PathLike[str],
    title: str = "Mailing list",
    headings: dict[str, str] | None = None,
) -> int:
    """Write the mailing list to ``path``: CSV (UTF-8, ``;``-separated, for Excel in Russian
    locales too) when it ends with .csv, else an xlsx workbook; returns the row count.
    ``headings`` translate the column titles (the client passes them)."""
    rows = sorted(mailing_list(session, segment_id), key=lambda r: (r["partner"], r["contact"]))
    columns = [(k, (headings or {}).get(k, t), kind) for k, t, kind in MAILING_COLUMNS]
    target = Path(path)
    if target.suffix.lower() != ".csv":
        return export_rows(columns, rows, target, title)
    tmp = target.with_name(f".{target.name}.part")
    try:
        with tmp.open("w", encoding="utf-8-sig", newline="") as f:
            w = csv.writer(f, delimiter=";")
            w.writerow([t for _, t, _ in columns])
            w.writerows([[r[k] or "" for k, _, _ in columns] for r in rows])
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return len(rows)
