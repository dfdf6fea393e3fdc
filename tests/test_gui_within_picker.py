"""A reference declared ``within`` another offers only the owner's items (real widgets): the
counterparty picker of a sales order shows the chosen partner's counterparties — by type-ahead
and in the F4 list — and all of them while no partner is chosen."""

from __future__ import annotations

import pytest

from forms.ref_edit import Chooser
from server.api.lists import lookup
from server.metadata import registry
from tests.gui_support import WAIT, focus, make_window, type_ahead

pytestmark = pytest.mark.usefixtures("gui_isolation")


def test_counterparty_picker_keeps_to_the_partner(qtbot, world):
    s = world.session
    other = s.scalar("INSERT INTO cat_partners(name) VALUES ('Other partner') RETURNING id")
    s.execute("INSERT INTO cat_counterparties(name, partner_id) VALUES ('Customer Two', :p)",
              p=other)  # fmt: skip
    cps = registry.catalogs["counterparties"]
    names = lambda rows: sorted(r["name"] for r in rows)  # noqa: E731
    assert names(lookup(s, cps, "Customer")) == ["Customer One", "Customer Two"]
    assert names(lookup(s, cps, "Customer", scope=("partner", other))) == ["Customer Two"]

    w = make_window(qtbot, world.db.engine)
    form = w.open_document("sales_order", None)
    qtbot.waitUntil(w.is_idle, timeout=WAIT)
    cp = form.header.editors["counterparty"]
    assert cp.scope() is None  # no partner yet: every counterparty
    form.header.editors["partner"].set_value({"id": other, "name": "Other partner"}, notify=True)
    assert cp.scope() == ("partner", other)
    qtbot.waitUntil(lambda: not form.busy, timeout=WAIT)  # the partner's defaults
    cp.clear_value()
    cp.clear()
    focus(qtbot, cp)
    type_ahead(qtbot, cp, "Cust")
    assert [x for x in cp._names.stringList() if x.startswith("Customer")] == ["Customer Two"]
    chooser = Chooser(world.db.engine, cps, "", form, scope=cp.scope())
    qtbot.addWidget(chooser)
    qtbot.waitUntil(lambda: chooser.list.model.rowCount() > 0, timeout=WAIT)
    rows = [chooser.list.model.row(i)["name"] for i in range(chooser.list.model.rowCount())]
    assert rows == ["Customer Two"]
