"""Purchasing in real widgets (offscreen): a purchase order filled by reorder suggestions,
then "create based on" → goods receipt → post; the order's number shows in the receipt."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

from forms.object_form import DocumentForm
from tests.gui_support import WAIT, make_window
from tests.helpers import at

pytestmark = pytest.mark.usefixtures("gui_isolation")


def test_order_filled_by_suggestions_then_receipt_based_on_it_is_posted(qtbot, world):
    s = world.session
    supplier = s.scalar("INSERT INTO cat_partners(name, is_supplier) VALUES ('Bolts Inc', true) "
                        "RETURNING id")  # fmt: skip
    s.execute("INSERT INTO cat_counterparties(name, partner_id) VALUES ('Bolts Inc LLC', :p)",
              p=supplier)  # fmt: skip
    s.execute("UPDATE cat_products SET min_stock = 12 WHERE id = :p", p=world.products[0])
    w = make_window(qtbot, world.db.engine)
    po = w.open_document("purchase_order", None)
    qtbot.waitUntil(w.is_idle, timeout=WAIT)
    assert isinstance(po, DocumentForm)
    po.header.load(
        {
            "date": None,
            "organization": {"id": world.org, "name": "Acme LLC"},
            "partner": {"id": supplier, "name": "Bolts Inc"},
            "counterparty": {"id": s.scalar("SELECT max(id) FROM cat_counterparties"),
                             "name": "Bolts Inc LLC"},
            "warehouse": {"id": world.wh, "name": "Main warehouse"},
            "status": "confirmed",
        }
    )  # fmt: skip
    po.findChild(QAction, "command_fill_reorder").trigger()
    qtbot.waitUntil(lambda: po.lines.rowCount() == 1, timeout=WAIT)
    assert po.lines.rows[0]["product"]["name"] == "Bolt M4"
    assert po.lines.rows[0]["quantity"] == "12"
    po.lines.setData(po.lines.index(0, 2), "2.50")  # price
    po.lines.setData(po.lines.index(0, 5), "20")  # VAT rate, %
    # 12 × 2.50 = 30.00, 20 % VAT on top: 6.00
    assert (po.total("amount"), po.total("vat_amount")) == (Decimal("30.00"), Decimal("6.00"))
    said = po.message_bar.text.text()  # "(s)" or the English plural form, if installed
    assert said.startswith("1 line") and "filled" in said
    po.message_bar.hide()
    po.post()
    qtbot.waitUntil(lambda: po.posted or po.message_bar.isVisible(), timeout=WAIT)
    assert po.posted, po.message_bar.text.text()
    assert po.number.startswith("PO")

    po.commands.based_on_menu.aboutToShow.emit()
    names = [a.objectName() for a in po.commands.based_on_menu.actions()]
    assert names == ["based_on_goods_receipt", "based_on_supplier_payment"]
    po.commands.based_on_menu.actions()[0].trigger()
    qtbot.waitUntil(lambda: isinstance(w.tabs.currentWidget(), DocumentForm)
                    and w.tabs.currentWidget() is not po, timeout=WAIT)  # fmt: skip
    gr = w.tabs.currentWidget()
    assert isinstance(gr, DocumentForm) and gr.name == "goods_receipt"
    assert gr.header.editors["order"].text() == po.number  # shown by its number, read-only
    assert gr.header.editors["order"].isReadOnly()
    assert gr.header.editors["supplier"].text() == "Bolts Inc LLC"
    assert [(r["product"]["name"], r["quantity"], r["price"]) for r in gr.lines.rows] == [
        ("Bolt M4", "12", "2.50")
    ]
    gr.lines.setData(gr.lines.index(0, 1), "5")  # a part of the order arrives
    assert (gr.total("amount"), gr.total("vat_amount")) == (Decimal("12.50"), Decimal("2.50"))
    qtbot.keyClick(gr, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # post and close
    qtbot.waitUntil(lambda: gr.posted, timeout=WAIT)
    expected = world.regs.balance("goods_expected", order=po.doc_id, product=world.products[0])
    assert expected["quantity"] == 7
    assert world.stock(world.products[0]) == 5
    row = s.rows("SELECT order_id, date FROM doc_goods_receipt")[0]
    assert row["order_id"] == po.doc_id and str(row["date"]) > at(1).replace("T", " ")


def test_prices_list_in_the_sales_section_sets_a_price_from_a_date(qtbot, world):
    from forms.prices_form import PricesForm
    from server.api.price_list import set_prices
    from server.metadata import registry

    s = world.session
    retail = s.scalar("INSERT INTO cat_price_types(name) VALUES ('Retail') RETURNING id")
    set_prices(s, registry, retail, "2026-01-01", [(world.products[0], "10.00")])
    w = make_window(qtbot, world.db.engine)
    w.select_section("sales")
    assert "Prices" in w.nav_titles()
    form = w.open_admin("prices")
    assert isinstance(form, PricesForm)
    qtbot.waitUntil(lambda: not form.busy and form.table.rowCount() == 6, timeout=WAIT)
    form.date.setDate(form.date.date().fromString("2026-03-01", "yyyy-MM-dd"))
    qtbot.waitUntil(lambda: not form.busy and form.table.item(0, 2).text() == "10.00",
                    timeout=WAIT)  # fmt: skip
    assert form.table.item(0, 3).text() == "2026-01-01"
    form.table.item(0, 2).setText("12.50")  # typed into the list: from 2026-03-01 on
    qtbot.waitUntil(lambda: not form.busy and form.table.item(0, 3).text() == "2026-03-01",
                    timeout=WAIT)  # fmt: skip
    assert form.table.item(0, 2).text() == "12.50"
    form.table.setCurrentCell(0, 0)
    qtbot.waitUntil(lambda: form.history.rowCount() == 2, timeout=WAIT)
    assert [form.history.item(i, 1).text() for i in range(2)] == ["12.50", "10.00"]
    form.table.item(1, 2).setText("-1")  # refused: shown, nothing written
    qtbot.waitUntil(lambda: form.message_bar.isVisible() and not form.busy, timeout=WAIT)
    assert "must not be negative" in form.message_bar.text.text()
    assert s.scalar("SELECT count(*) FROM inf_prices") == 2


def test_a_new_order_takes_the_purchase_price_type_and_the_receipts_prices(qtbot, world):
    from tests.helpers import receipt
    from tests.test_gui_sales_order import _type_line

    s = world.session
    s.execute("INSERT INTO cat_price_types(name, from_purchases) VALUES ('Retail', false)")
    s.execute("INSERT INTO cat_price_types(name, from_purchases) VALUES ('Purchase', true)")
    receipt(world, 1, (world.products[0], "10"))  # at 1.00: recorded as the purchase price
    w = make_window(qtbot, world.db.engine)
    po = w.open_document("purchase_order", None)
    assert isinstance(po, DocumentForm)
    qtbot.waitUntil(lambda: po.header.editors["price_type"].text() == "Purchase", timeout=WAIT)
    qtbot.waitUntil(w.is_idle, timeout=WAIT)
    _type_line(qtbot, po, "Bolt M4", "3")
    qtbot.waitUntil(lambda: po.lines.rows[0].get("price") not in (None, ""), timeout=WAIT)
    assert Decimal(po.lines.rows[0]["price"]) == Decimal("1.00")
