"""History on a catalog item's form: who changed what, and Restore this version (pytest-qt)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from forms.catalog_form import CatalogForm
from server.api import Catalogs
from server.metadata import registry
from tests.gui_support import WAIT

pytestmark = pytest.mark.usefixtures("gui_isolation")


def test_history_from_the_item_form_and_restore(qtbot, world, monkeypatch):
    api, pid = Catalogs(world.session, registry), world.products[0]
    item = api.read("products", pid)
    api.save("products", {"id": pid, "version": item["version"], "name": "Bolt M4 zinc"})
    form = CatalogForm(world.db.engine, registry, "products", pid)
    qtbot.addWidget(form)
    qtbot.waitUntil(lambda: not form.busy and form.item_name == "Bolt M4 zinc", timeout=WAIT)
    dialog = form.show_history()
    assert dialog is not None
    qtbot.waitUntil(lambda: not dialog.busy and dialog.panel.table.rowCount() > 1, timeout=WAIT)
    rows = dialog.panel.rows()
    assert rows[0][2:] == ["Changed", "Name", "Bolt M4", "Bolt M4 zinc"]
    assert rows[0][1] and any(r[2] == "Created" for r in rows)

    dialog.restore_selected()  # nothing selected
    assert "Select a change" in dialog.message_bar.message()
    created = next(i for i, r in enumerate(rows) if r[2] == "Created")
    dialog.panel.table.setCurrentCell(created, 3)
    asked: list[str] = []
    yes = QMessageBox.StandardButton.Yes
    monkeypatch.setattr(QMessageBox, "question", lambda _p, _t, text, *a: asked.append(text) or yes)
    dialog.restore_selected()
    qtbot.waitUntil(lambda: not dialog.busy and "Restored" in dialog.message_bar.message(),
                    timeout=WAIT)  # fmt: skip
    assert "Products as it was after the change of" in asked[0]
    qtbot.waitUntil(lambda: not form.busy and form.item_name == "Bolt M4", timeout=WAIT)
    qtbot.waitUntil(lambda: dialog.panel.rows()[0][4:] == ["Bolt M4 zinc", "Bolt M4"],
                    timeout=WAIT)  # fmt: skip
    dialog.close()
