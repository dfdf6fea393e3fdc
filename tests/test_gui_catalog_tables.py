"""A catalog item's tabular sections in its form: editable grids with Ins, F9, Del and
reference pickers, saved with the item; a refused line value is pinned to its cell."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from PySide6.QtCore import Qt

from forms.catalog_form import CatalogForm
from forms.ref_edit import RefEdit
from server.api import Catalogs
from server.metadata import registry
from tests.conftest import GUI_WAIT as WAIT
from tests.conftest import sql
from tests.gui_support import type_ahead

pytestmark = pytest.mark.usefixtures("gui_isolation")


@pytest.fixture
def deal_id(world) -> int:
    cats = Catalogs(world.session, registry)
    kind = cats.save("deal_types", {"name": "Sale"})["id"]
    stage = cats.save("deal_stages", {"name": "Lead", "deal_type": kind, "sequence": 1})["id"]
    cats.save("competitors", {"name": "Metiz-Trade"})
    return cats.save(
        "deals", {"name": "Bolts", "partner": world.partner, "deal_type": kind, "stage": stage}
    )["id"]


def cell_editor(qtbot, grid):
    qtbot.waitUntil(lambda: grid.delegate.editor is not None, timeout=WAIT)
    return grid.delegate.editor


def test_deal_competitors_are_entered_in_a_grid_and_saved(qtbot, world, deal_id):
    form = CatalogForm(world.db.engine, registry, "deals", deal_id)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitUntil(lambda: form.version is not None and not form.busy, timeout=WAIT)
    assert set(form.sections.models) == {"participants", "competitors"}
    grid = form.findChild(type(form.sections.grids[0]), "grid_competitors")
    model = form.sections.models["competitors"]

    grid.setFocus()
    qtbot.keyClick(grid, Qt.Key.Key_Insert)
    editor = cell_editor(qtbot, grid)
    assert isinstance(editor, RefEdit)  # a reference column has its picker
    popup = type_ahead(qtbot, editor, "Metiz-Trade")
    qtbot.keyClick(popup, Qt.Key.Key_Tab)  # takes the completion and moves on
    qtbot.waitUntil(lambda: grid.currentIndex().column() == 1, timeout=WAIT)
    qtbot.keyClicks(cell_editor(qtbot, grid), "M8 bolts")
    qtbot.keyClick(grid.delegate.editor, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: grid.currentIndex().column() == 2, timeout=WAIT)
    qtbot.keyClicks(cell_editor(qtbot, grid), "-3")
    qtbot.keyClick(grid.delegate.editor, Qt.Key.Key_Return)
    assert model.rowCount() == 1 and form.dirty, model.rows

    qtbot.keyClick(grid, Qt.Key.Key_F9)  # a copy of the line
    assert model.rowCount() == 2
    qtbot.keyClick(grid, Qt.Key.Key_Delete)
    assert model.rowCount() == 1

    qtbot.keyClick(form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not form.busy and form.message_bar.isVisible(), timeout=WAIT)
    assert (0, "price") in model.errors  # pinned to the cell of the line the server named
    assert form.dirty

    model.setData(model.index(0, 2), "120.50", Qt.ItemDataRole.EditRole)
    form.save()
    qtbot.waitUntil(lambda: not form.busy and not form.dirty, timeout=WAIT)
    rows = sql(
        world.db.engine,
        "SELECT c.name, l.offer, l.price FROM cat_deals_competitors l "
        "JOIN cat_competitors c ON c.id = l.competitor_id WHERE l.item_id = :i",
        i=deal_id,
    )
    assert [tuple(r) for r in rows] == [("Metiz-Trade", "M8 bolts", D("120.50"))]


def test_segment_form_refreshes_members_and_exports_the_mailing_list(qtbot, world, tmp_path):
    cats = Catalogs(world.session, registry)
    p = cats.read("partners", world.partner)
    cats.save("partners", {"id": world.partner, "version": p["version"], "region": "North"})
    for name, email, out in (("Ann", "ann@x.example", False), ("Bob", "bob@x.example", True)):
        cats.save(
            "contact_persons",
            {"name": name, "partner": world.partner, "email": email, "opt_out": out},
        )
    seg = cats.save("segments", {"name": "North", "region": "north"})["id"]
    form = CatalogForm(world.db.engine, registry, "segments", seg)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitUntil(lambda: form.version is not None and not form.busy, timeout=WAIT)
    table = form.segment.members
    assert table.rowCount() == 0  # never refreshed
    form.segment.refresh_action.trigger()
    qtbot.waitUntil(lambda: table.rowCount() == 1, timeout=WAIT)
    assert table.item(0, 0).text() == "Customer One"
    assert form.message_bar.isVisible() and "1" in form.message_bar.text.text()
    target = tmp_path / "north.csv"
    form.segment.export(str(target))
    qtbot.waitUntil(lambda: target.exists() and not form.busy, timeout=WAIT)
    text = target.read_text(encoding="utf-8-sig")
    assert "ann@x.example" in text and "bob@x.example" not in text  # Bob opted out
    # Send by e-mail: each address a letter from the template, through a local SMTP server.
    from server.api.mail import MailServer, set_mail_server
    from tests import smtp_server

    template = cats.save(
        "email_templates", {"name": "News", "subject": "News for {partner}", "body": "Hi {contact}"}
    )["id"]
    srv, box = smtp_server.start()
    try:
        set_mail_server(world.session, MailServer("127.0.0.1", "sales@kontora.test",
                                                  srv.server_address[1]))  # fmt: skip
        form.segment.send(template)
        qtbot.waitUntil(lambda: "Letters sent: 1 of 1" in form.message_bar.message(),
                        timeout=WAIT)  # fmt: skip
    finally:
        srv.shutdown()
        srv.server_close()
    assert [m.recipients for m in box.messages] == [["ann@x.example"]]
