"""The F4 choice forms of catalog and document references are one ListChooser: the list, OK
and Cancel; Enter, a double click or OK picks the current row if it may be chosen."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from forms.doc_ref_edit import DocChooser
from forms.list_chooser import ListChooser
from forms.ref_edit import Chooser
from server.metadata import registry
from tests.gui_support import WAIT
from tests.helpers import receipt
from tests.sales_helpers import order

pytestmark = pytest.mark.usefixtures("gui_isolation")


def _loaded(qtbot, chooser: ListChooser, rows: int) -> None:
    qtbot.waitUntil(
        lambda: chooser.list.model.rowCount() == rows and not chooser.list.busy, timeout=WAIT
    )


def _ok(chooser: ListChooser, row: int) -> None:
    chooser.list.view.setCurrentIndex(chooser.list.model.index(row, 0))
    chooser.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_the_document_chooser_picks_an_order_of_the_partner(qtbot, world):
    receipt(world, 1, (world.products[0], "10"))
    so = order(world, 2, (world.products[0], "2", "10.00"))
    other = world.session.scalar(
        "INSERT INTO cat_partners(name, is_client) VALUES ('Other', true) RETURNING id"
    )
    cp = world.session.scalar(
        "INSERT INTO cat_counterparties(name, partner_id) VALUES ('Other', :p) RETURNING id",
        p=other,
    )
    order(world, 3, (world.products[0], "1", "10.00"), partner=other, counterparty=cp)
    partner = {"id": world.partner, "name": "Customer One"}
    chooser = DocChooser(world.db.engine, registry.document("sales_order"), partner, None)
    qtbot.addWidget(chooser)
    assert isinstance(chooser, ListChooser)
    assert chooser.windowTitle() == "Choose: Sales order"
    _loaded(qtbot, chooser, 1)  # the partner's orders only, of any date
    _ok(chooser, 0)
    assert chooser.result() == QDialog.DialogCode.Accepted
    assert chooser.chosen["id"] == so["id"] and chooser.chosen["name"] == so["number"]
    assert chooser.chosen["date"] is not None


def test_the_catalog_chooser_refuses_a_group_where_an_item_is_wanted(qtbot, world):
    group = world.session.scalar(
        "INSERT INTO cat_products(name, is_group) VALUES ('AAA fasteners', true) RETURNING id"
    )
    chooser = Chooser(world.db.engine, registry.catalogs["products"], "", None)
    qtbot.addWidget(chooser)
    assert isinstance(chooser, ListChooser) and chooser.windowTitle() == "Choose: Products"
    _loaded(qtbot, chooser, 7)
    rows = [chooser.list.model.row(i)["id"] for i in range(7)]
    _ok(chooser, rows.index(group))
    assert chooser.chosen is None and chooser.result() != QDialog.DialogCode.Accepted
    _ok(chooser, rows.index(world.products[0]))
    assert chooser.chosen == {"id": world.products[0], "name": "Bolt M4"}
    assert chooser.result() == QDialog.DialogCode.Accepted
