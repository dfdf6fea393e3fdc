"""The generic forms of the inventory documents: a stock count filled from the book balances
with its form command, a stock transfer refused between the same warehouse."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QDate, QDateTime, QTime

from tests.gui_support import WAIT, make_window
from tests.helpers import receipt, shipment
from tests.test_gui_object_form import new_form, wait_idle

pytestmark = pytest.mark.usefixtures("gui_isolation")


def test_stock_count_fills_from_book_balances_and_posts_the_difference(qtbot, world):
    p, q = world.products[0], world.products[1]
    receipt(world, 1, (p, "10"), (q, "3"))
    shipment(world, 5, (p, "4"))  # after the count's date: not in its book quantity
    w = make_window(qtbot, world.db.engine)
    form = new_form(qtbot, w, "stock_count")
    form.header.editors["warehouse"].set_value({"id": world.wh, "name": "Main warehouse"})
    form.header.editors["date"].setDateTime(QDateTime(QDate(2026, 3, 3), QTime(12, 0)))
    action = form.findChild(type(form.save_action), "command_fill_from_balances")
    assert action is not None and action.text() == "Fill from book balances"
    action.trigger()
    qtbot.waitUntil(lambda: len(form.lines.rows) == 2, timeout=WAIT)
    assert [(r["product"]["name"], r["book_quantity"]) for r in form.lines.rows] == [
        ("Bolt M4", "10"),
        ("Bolt M5", "3"),
    ]
    assert form.dirty
    assert form.lines.data(form.lines.index(0, 3)) == "0"  # difference: computed live
    form.lines.setData(form.lines.index(0, 2), "9")  # one bolt missing
    assert form.lines.data(form.lines.index(0, 3)) == "-1"
    form.post()
    qtbot.waitUntil(lambda: form.doc_id is not None and form.posted, timeout=WAIT)
    wait_idle(qtbot, w)
    assert world.stock(p) == 5 and world.stock(q) == 3
    cost = world.regs.balance("stock", warehouse=world.wh, product=p)["cost"]
    assert cost == Decimal("5.00")  # receipts at 1.00 a unit


def test_stock_transfer_form_refuses_the_same_warehouse(qtbot, world):
    receipt(world, 1, (world.products[0], "2"))
    w = make_window(qtbot, world.db.engine)
    form = new_form(qtbot, w, "stock_transfer")
    main = {"id": world.wh, "name": "Main warehouse"}
    form.header.editors["warehouse"].set_value(main)
    form.header.editors["to_warehouse"].set_value(main)
    form.lines.load([{"product": {"id": world.products[0], "name": "Bolt M4"}, "quantity": 1}])
    form.post()
    qtbot.waitUntil(lambda: form.message_bar.isVisible(), timeout=WAIT)
    assert "must differ from the source warehouse" in form.message_bar.text.text()
    assert form.doc_id is None
