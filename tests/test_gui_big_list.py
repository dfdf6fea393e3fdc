"""A list over 100,000 documents opens at once, scrolls to the end and back with a flat window."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import text

from forms.list_form import ListForm
from server.api.lists import document_query
from server.metadata import registry
from tests.conftest import make_world
from tests.gui_support import WAIT

pytestmark = [pytest.mark.usefixtures("gui_isolation"), pytest.mark.slow]
N = 100_000


def _number(i: int) -> str:
    return f"GR-{i:06d}"


@pytest.fixture
def big_list(qtbot, db):
    world = make_world(db, n_products=1)
    with db.engine.begin() as c:  # test data in bulk: triggers off for this transaction only
        c.exec_driver_sql("SET LOCAL session_replication_role = replica")
        c.execute(
            text(
                "INSERT INTO kontora.doc_goods_receipt (client_key, number, date, "
                "organization_id, warehouse_id) SELECT gen_random_uuid(), "
                "'GR-' || lpad(i::text, 6, '0'), timestamp '2026-01-01' + i * interval '1 minute', "
                ":org, :wh FROM generate_series(1, :n) i"
            ),
            {"org": world.org, "wh": world.wh, "n": N},
        )
    form = ListForm(db.engine, document_query(registry.document("goods_receipt")))
    qtbot.addWidget(form)
    form.resize(900, 600)
    form.show()
    qtbot.waitUntil(lambda: form.model.rowCount() > 0 and not form.model.loading, timeout=WAIT)
    return form


def _numbers(form: ListForm) -> list[str]:
    return [form.model.row(i)["number"] for i in range(form.model.rowCount())]


def _top_number(form: ListForm) -> str:
    return form.model.row(form.view.rowAt(0))["number"]


def test_hundred_thousand_documents_scroll_to_the_end(qtbot, big_list):
    form, model = big_list, big_list.model
    started = time.monotonic()
    first_page = model.rowCount()
    assert first_page <= 200, "the list loaded more than a page to show its first screen"
    assert model.row(0)["number"] == _number(N)  # newest first
    seen: set[str] = set(_numbers(form))
    biggest_window, steps = first_page, 0
    while not model.complete:
        before = _numbers(form)[-1]
        form.view.scrollToBottom()  # what the user does; the view asks the model for more
        qtbot.waitUntil(lambda b=before: _numbers(form)[-1] != b or model.complete, timeout=WAIT)
        qtbot.waitUntil(lambda: not model.loading, timeout=WAIT)
        numbers = _numbers(form)
        # the window is contiguous: every row follows the one above it
        assert numbers == [_number(int(numbers[0][3:]) - i) for i in range(len(numbers))]
        seen.update(numbers)
        biggest_window = max(biggest_window, model.rowCount())
        steps += 1
        assert time.monotonic() - started < 240
    assert len(seen) == N, "scrolling page by page missed or repeated rows"
    assert model.row(model.rowCount() - 1)["number"] == _number(1)
    assert biggest_window <= model.window_rows, "the window grew past its limit (memory)"
    assert not model.at_start and model.offset == N - model.rowCount()
    assert form.status.text() == f"Rows: {N}"


def test_window_slides_back_up_keeping_the_rows_on_screen(qtbot, big_list):
    form, model = big_list, big_list.model
    while model.at_start:  # scroll down until the window dropped its first pages
        before = _numbers(form)[-1]
        form.view.scrollToBottom()
        qtbot.waitUntil(lambda b=before: _numbers(form)[-1] != b, timeout=WAIT)
        qtbot.waitUntil(lambda: not model.loading, timeout=WAIT)
    assert model.rowCount() <= model.window_rows
    # reading a page below drops one above: the document on top of the screen stays there
    form.view.scrollTo(model.index(model.rowCount() - 30, 0), form.view.ScrollHint.PositionAtTop)
    top = _top_number(form)
    first = model.row(0)["number"]
    model.fetchMore(model.index(-1, -1))
    qtbot.waitUntil(lambda: model.row(0)["number"] != first, timeout=WAIT)
    assert _top_number(form) == top
    # and reading a page above (dropping one below) keeps it too
    form.view.scrollTo(model.index(10, 0), form.view.ScrollHint.PositionAtTop)
    top = _top_number(form)
    first = model.row(0)["number"]
    model.fetch_before()
    qtbot.waitUntil(lambda: model.row(0)["number"] != first, timeout=WAIT)
    assert _top_number(form) == top
    form.view.scrollToTop()  # back up: the page above the window is read again
    qtbot.waitUntil(lambda: not model.loading, timeout=WAIT)
    qtbot.waitUntil(lambda: model.row(0)["number"] != top or model.at_start, timeout=WAIT)
    on_screen = _top_number(form)
    while not model.at_start:
        form.view.scrollToTop()
        qtbot.waitUntil(lambda: not model.loading, timeout=WAIT)
        numbers = _numbers(form)
        assert numbers == [_number(int(numbers[0][3:]) - i) for i in range(len(numbers))]
        assert _top_number(form) != on_screen or model.at_start  # moved up, not stuck
        on_screen = _top_number(form)
    assert model.row(0)["number"] == _number(N)
    assert model.offset == 0


def test_ctrl_end_shows_the_last_page_at_once_and_ctrl_home_the_first(qtbot, big_list):
    form, model = big_list, big_list.model
    form.view.setFocus()
    qtbot.keyClick(form.view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: model.complete and not model.loading, timeout=WAIT)
    assert model.rowCount() <= model.query.page_size
    assert model.row(model.rowCount() - 1)["number"] == _number(1)
    assert form.current_row()["number"] == _number(1)
    assert form.status.text() == "End of the list"
    qtbot.keyClick(form.view, Qt.Key.Key_Up)  # reading upwards from the end
    form.view.scrollToTop()
    qtbot.waitUntil(lambda: model.rowCount() > model.query.page_size, timeout=WAIT)
    numbers = _numbers(form)
    assert numbers == [_number(int(numbers[0][3:]) - i) for i in range(len(numbers))]
    assert numbers[-1] == _number(1)
    qtbot.keyClick(form.view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: model.at_start and not model.loading, timeout=WAIT)
    assert form.current_row()["number"] == _number(N)
