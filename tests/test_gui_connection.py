"""A lost connection on a real database: banner, input kept, reconnection, one document saved.

The server stays up: the test kills the client's backend connections from an admin connection,
so the next database call fails as if the network had dropped, and the monitor's next ping
reconnects. The back-off schedule is checked with a fake ping that always fails.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app.connection_monitor import ConnectionMonitor
from forms.ref_edit import RefEdit
from forms.worker import OFFLINE_MESSAGE, Loader, OfflineError, is_offline, set_offline
from server.errors import ConnectionLostError
from server.infobase import Infobase
from tests.conftest import World, drop_db, make_db, make_world
from tests.gui_support import WAIT, focus, make_window
from tests.test_gui_object_form import enter_line, new_form, type_ref


@pytest.fixture(autouse=True)
def _online_afterwards(gui_isolation) -> Iterator[None]:
    """The shared GUI isolation, and the process back online after each test."""
    yield
    set_offline(False)


@pytest.fixture
def live(cluster: Infobase) -> Iterator[World]:
    """A dedicated database (its connections are killed by the test)."""
    d = make_db(cluster)
    yield make_world(d)
    drop_db(cluster, d)


def kill_connections(cluster: Infobase, database: str) -> int:
    """Terminate every backend of ``database``, as a dropped network would."""
    admin = create_engine(
        make_url(cluster.url()).set(database="postgres"), isolation_level="AUTOCOMMIT"
    )
    try:
        with admin.connect() as c:
            killed = c.execute(
                text(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    "WHERE datname = :db AND pid <> pg_backend_pid()"
                ),
                {"db": database},
            ).scalar()
    finally:
        admin.dispose()
    return int(killed or 0)


def test_lost_connection_keeps_the_form_and_saves_once_after_reconnecting(
    qtbot, cluster, live
) -> None:
    w = make_window(qtbot, live.db.engine)
    form = new_form(qtbot, w, "goods_receipt")
    warehouse = form.header.editors["warehouse"]
    assert isinstance(warehouse, RefEdit)
    type_ref(qtbot, warehouse, "Main")
    enter_line(qtbot, form, "Bolt M5", "12", "2.5")
    enter_line(qtbot, form, "Flour", "0.5", "10")
    typed = [dict(r) for r in form.lines.rows]
    assert len(typed) == 2 and form.dirty
    lst = w.forms["document:goods_receipt"]
    qtbot.waitUntil(w.is_idle, timeout=WAIT)

    assert kill_connections(cluster, live.db.name) >= 1
    form.save()  # the pooled connection is dead: the save fails, the form stays as typed
    qtbot.waitUntil(lambda: not w.connected, timeout=WAIT)
    w.monitor.timer.stop()  # hold the reconnection to look at the offline state
    banner = w.connection_bar
    assert banner.isVisible()
    assert banner.message() == "Connection to the server lost — reconnecting… (attempt 1)"
    assert banner.action_button.isVisible() and banner.action_button.text() == "Retry now"
    qtbot.waitUntil(lambda: not form.busy, timeout=WAIT)
    assert form.lines.rows == typed and form.dirty and form.doc_id is None
    assert form.message_bar.isVisible() and "connection" in form.message_bar.message().lower()
    assert w.tabs.currentWidget() is form and form in w.objects.values()

    form.save()  # refused at once while offline: nothing is sent
    qtbot.waitUntil(lambda: form.message_bar.message() == OFFLINE_MESSAGE, timeout=WAIT)
    qtbot.waitUntil(lambda: not form.busy, timeout=WAIT)
    assert form.lines.rows == typed and form.doc_id is None
    lst.refresh()  # a list keeps its rows and says why it cannot refresh
    assert w.message_bar.message() == OFFLINE_MESSAGE
    partner = form.header.editors["partner"]  # type-ahead cannot ask: the field says why
    assert isinstance(partner, RefEdit)
    focus(qtbot, partner)
    qtbot.keyClicks(partner, "Suppl")
    qtbot.waitUntil(lambda: partner.lookup_error == OFFLINE_MESSAGE, timeout=WAIT)
    assert partner.text() == "Suppl" and partner.unresolved and partner.mark_action.isVisible()
    assert partner.toolTip() == OFFLINE_MESSAGE and not partner.completer().popup().isVisible()
    partner.clear_value()

    qtbot.mouseClick(banner.action_button, Qt.MouseButton.LeftButton)  # "Retry now"
    qtbot.waitUntil(lambda: w.connected, timeout=WAIT)
    assert banner.message() == "Connection restored" and not is_offline()
    qtbot.waitUntil(lambda: not lst.busy, timeout=WAIT)  # the list re-read after restoring

    form.save()
    qtbot.waitUntil(lambda: form.doc_id is not None and not form.busy, timeout=WAIT)
    assert not form.dirty and not form.message_bar.isVisible()
    count = live.session.scalar(
        "SELECT count(*) FROM kontora.doc_goods_receipt WHERE warehouse_id = :w", w=live.wh
    )
    assert count == 1
    qtbot.waitUntil(lambda: lst.model.rowCount() == 1 and not lst.busy, timeout=WAIT)


def test_reconnection_backs_off_1_2_5_then_10_seconds(qtbot) -> None:
    calls: list[int] = []
    up = False

    def ping() -> None:
        calls.append(1)
        if not up:
            raise ConnectionLostError("server down")

    monitor = ConnectionMonitor(ping)
    try:
        attempts: list[int] = []
        monitor.attempt_changed.connect(attempts.append)
        monitor.report_lost(ConnectionLostError("lost"))
        assert not monitor.connected and is_offline()
        delays = [monitor.timer.interval()]
        for _ in range(4):
            assert monitor.timer.isActive()
            monitor.ping_now()  # what the timer would do when it fires
            assert not monitor.timer.isActive()
            qtbot.waitUntil(lambda: not monitor.pinging, timeout=WAIT)
            delays.append(monitor.timer.interval())
        assert delays == [1000, 2000, 5000, 10000, 10000]
        assert len(calls) == 4 and attempts == [1, 2, 3, 4, 5]

        ran: list[int] = []
        loader = Loader()
        with qtbot.waitSignal(loader.failed, timeout=WAIT) as refused:
            loader.submit(lambda: ran.append(1))
        assert isinstance(refused.args[0], OfflineError) and not ran

        up = True
        with qtbot.waitSignal(monitor.restored, timeout=WAIT):
            monitor.ping_now()
        assert monitor.connected and not is_offline() and not monitor.timer.isActive()
    finally:
        monitor.stop()


def test_busy_indicator_shows_only_for_slow_work(qtbot, live) -> None:
    w = make_window(qtbot, live.db.engine)
    qtbot.waitUntil(w.is_idle, timeout=WAIT)
    release = threading.Event()
    loader = Loader(w)
    loader.submit(lambda: release.wait(WAIT / 1000))
    assert not w.busy_shown  # not at once: quick work does not flicker
    qtbot.waitUntil(lambda: w.busy_shown, timeout=WAIT)
    assert w.busy_spinner.isVisible() and w.busy_label.text() == "Working…"
    release.set()
    qtbot.waitUntil(lambda: not w.busy_shown, timeout=WAIT)
