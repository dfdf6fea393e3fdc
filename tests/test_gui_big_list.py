"""A list over 100,000 documents opens at once and scrolls to the end page by page."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import text

from forms.list_form import ListForm
from server.api.lists import document_query
from server.metadata import registry
from tests.conftest import make_world
from tests.gui_support import WAIT

pytestmark = [pytest.mark.usefixtures("gui_isolation"), pytest.mark.slow]
N = 100_000


def test_hundred_thousand_documents_scroll_to_the_end(qtbot, db):
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
    model = form.model
    started = time.monotonic()
    qtbot.waitUntil(lambda: model.rowCount() > 0 and not model.loading, timeout=WAIT)
    first_page = model.rowCount()
    assert first_page <= 200, "the list loaded more than a page to show its first screen"
    assert model.row(0)["number"] == "GR-100000"  # newest first
    biggest_step, last = first_page, first_page
    while not model.complete:
        form.view.scrollToBottom()  # what the user does; the view asks the model for more
        qtbot.waitUntil(lambda n=last: model.rowCount() > n or model.complete, timeout=WAIT)
        qtbot.waitUntil(lambda: not model.loading, timeout=WAIT)
        biggest_step, last = max(biggest_step, model.rowCount() - last), model.rowCount()
        assert time.monotonic() - started < 240
    assert model.rowCount() == N
    assert biggest_step <= 200, "a scroll step loaded more than one page"
    assert model.row(N - 1)["number"] == "GR-000001"
