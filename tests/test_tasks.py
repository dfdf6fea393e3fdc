"""Tasks and reminders: an interaction's next step keeps its reminder task (PostgreSQL's rule);
"My tasks" and the due reminders of the logged-in user; the client's badge and list."""

from __future__ import annotations

import datetime as dt

import pytest

from server.api.documents import new_document
from server.api.tasks import due_tasks, my_tasks, set_done
from tests.conftest import sql

PAST = dt.datetime(2026, 1, 5, 10, 0)
FUTURE = dt.datetime(2099, 1, 1, 9, 30)


def _meeting(world, **fields) -> dict:
    header = {
        "organization": world.org,
        "kind": "meeting",
        "subject": "Visit to the plant",
        "partner": world.partner,
        "next_step": "Send the price list",
        "remind_at": PAST.isoformat(),
    }
    return world.docs.save("interaction", new_document(**{**header, **fields}))


def _tasks(world) -> list:
    return sql(
        world.db.engine,
        "SELECT name, assignee, due, partner_id, done, deletion_mark, interaction_id "
        "FROM cat_tasks ORDER BY id",
    )


def _edit(world, state: dict, **fields) -> dict:
    return world.docs.save(
        "interaction", {"id": state["id"], "version": state["version"], **fields}
    )


def test_the_next_step_keeps_its_reminder_task(world):
    me = sql(world.db.engine, "SELECT session_user")[0][0]
    state = _meeting(world)
    [task] = _tasks(world)
    assert tuple(task) == (
        "Send the price list",
        me,
        PAST,
        world.partner,
        False,
        False,
        state["id"],
    )
    state = _edit(world, state, remind_at=FUTURE.isoformat(), manager="maria")
    [task] = _tasks(world)
    assert (task.due, task.assignee) == (FUTURE, "maria")  # one task, moved and reassigned
    state = _edit(world, state, remind_at=None)
    [task] = _tasks(world)
    assert task.deletion_mark  # the reminder was cleared
    state = _edit(world, state, remind_at=PAST.isoformat(), manager=None)
    [task] = _tasks(world)
    assert not task.deletion_mark and task.assignee == me
    tid = sql(world.db.engine, "SELECT id FROM cat_tasks")[0][0]
    set_done(world.session, tid)
    _edit(world, state, next_step="Call again", remind_at=FUTURE.isoformat())
    [task] = _tasks(world)
    assert task.done and task.name == "Send the price list"  # a done task stays as it was


def test_my_tasks_and_the_due_ones(world):
    _meeting(world)
    _meeting(world, subject="Later", next_step="Prepare the contract", remind_at=FUTURE.isoformat())
    _meeting(world, subject="Not mine", next_step="Someone else's", manager="nobody_else")
    mine = my_tasks(world.session)
    assert [t["name"] for t in mine] == ["Send the price list", "Prepare the contract"]
    assert [t["overdue"] for t in mine] == [True, False]
    assert mine[0]["partner"] == "Customer One" and mine[0]["interaction"]
    assert [t["name"] for t in due_tasks(world.session)] == ["Send the price list"]
    set_done(world.session, mine[0]["id"])
    assert due_tasks(world.session) == []
    assert [t["done"] for t in my_tasks(world.session, include_done=True)] == [False, True]


@pytest.mark.usefixtures("gui_isolation")
def test_the_badge_shows_due_tasks_and_my_tasks_closes_them(qtbot, world):
    from forms.my_tasks import MyTasksForm
    from tests.gui_support import WAIT, make_window

    _meeting(world)
    w = make_window(qtbot, world.db.engine)
    badge = w.reminders.button
    qtbot.waitUntil(badge.isVisible, timeout=WAIT)
    assert badge.text() == "Tasks due: 1"
    assert "Reminder: Send the price list" in w.message_bar.text.text()
    badge.click()
    form = w.tabs.currentWidget()
    assert isinstance(form, MyTasksForm)
    qtbot.waitUntil(lambda: form.table.rowCount() == 1 and not form.busy, timeout=WAIT)
    assert form.table.item(0, 1).text() == "Send the price list"
    assert form.table.item(0, 1).font().bold()  # overdue
    form.table.selectRow(0)
    form.done_button.click()
    qtbot.waitUntil(lambda: form.table.rowCount() == 0, timeout=WAIT)
    qtbot.waitUntil(lambda: not badge.isVisible(), timeout=WAIT)
    assert sql(world.db.engine, "SELECT done FROM cat_tasks") == [(True,)]
