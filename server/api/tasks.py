"""Tasks and reminders of the logged-in user (the database login): "My tasks" and the tasks
that are due now (the client's reminder badge). Tasks are the catalog ``tasks``
(server/config/interactions.py); an interaction's next step keeps its own reminder task."""

from __future__ import annotations

from typing import Any

from server.api.session import Session

_MINE = """
    SELECT t.id, t.name, t.due, t.done, t.partner_id, p.name AS partner, t.deal_id,
           d.name AS deal, t.interaction_id, i.number AS interaction,
           (NOT t.done AND t.due <= localtimestamp) AS overdue
    FROM kontora.cat_tasks t
    LEFT JOIN kontora.cat_partners p ON p.id = t.partner_id
    LEFT JOIN kontora.cat_deals d ON d.id = t.deal_id
    LEFT JOIN kontora.doc_interaction i ON i.id = t.interaction_id
    WHERE t.assignee = session_user AND NOT t.deletion_mark"""


def my_tasks(session: Session, include_done: bool = False) -> list[dict[str, Any]]:
    """The user's tasks, the soonest due first (those without a due time last)."""
    done = "" if include_done else " AND NOT t.done"
    return session.rows(_MINE + done + " ORDER BY t.done, t.due NULLS LAST, t.id")


def due_tasks(session: Session) -> list[dict[str, Any]]:
    """The user's open tasks whose due time has come (the reminders to show)."""
    return session.rows(_MINE + " AND NOT t.done AND t.due <= localtimestamp ORDER BY t.due, t.id")


def set_done(session: Session, task_id: int, done: bool = True) -> None:
    """Mark one of the user's tasks done (or open again)."""
    session.execute(
        "UPDATE kontora.cat_tasks SET done = :done WHERE id = :id AND done IS DISTINCT FROM :done",
        id=task_id,
        done=done,
    )
