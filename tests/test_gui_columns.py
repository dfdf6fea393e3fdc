"""Column choice and order of a list are saved per user and come back in a new window."""

from __future__ import annotations

import pytest

from forms.list_columns import settings_key
from server.api import user_settings as us
from tests.gui_support import WAIT, make_window

pytestmark = pytest.mark.usefixtures("gui_isolation")


def test_hidden_and_moved_columns_survive_reopening(qtbot, world):
    w = make_window(qtbot, world.db.engine)
    form = w.open("document", "goods_receipt")
    cols = form.columns
    qtbot.waitUntil(lambda: cols.loaded, timeout=WAIT)
    declared = [c.key for c in form.query.columns]
    assert cols.order() == declared and cols.hidden() == []

    menu = cols.build_menu()
    posted = next(a for a in menu.actions() if a.objectName() == "column_posted")
    posted.trigger()  # untick "Posted" in the header's context menu
    assert cols.hidden() == ["posted"]
    header = form.view.horizontalHeader()
    header.moveSection(header.visualIndex(declared.index("warehouse")), 0)  # as a drag does
    assert cols.order()[0] == "warehouse"
    shown = [k for k, _, _ in form.visible_columns()]
    assert shown[0] == "warehouse" and "posted" not in shown
    w.close()  # writes what is pending

    key = settings_key("document", "goods_receipt")
    assert us.get(world.session, key)["hidden"] == ["posted"]

    again = make_window(qtbot, world.db.engine)
    form = again.forms.get("document:goods_receipt") or again.open("document", "goods_receipt")
    cols = form.columns
    qtbot.waitUntil(lambda: cols.loaded, timeout=WAIT)
    assert cols.hidden() == ["posted"]
    assert cols.order()[0] == "warehouse"
    assert form.view.horizontalHeader().isSectionHidden(declared.index("posted"))

    # The last visible column cannot be hidden; "Reset columns" restores the declaration.
    for k in declared:
        cols.set_hidden(k, True)
    assert len(cols.visible()) == 1
    cols.reset()
    assert cols.order() == declared and cols.hidden() == []
    again.close()
    assert us.get(world.session, key) is None
