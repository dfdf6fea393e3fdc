"""A field added without code while the client is open: after the live refresh the open stock
report offers "Product.Brand" to group and filter by; the brand rows, their drill-down and the
Excel export; the field dropped, the report falls back to what still exists."""

from __future__ import annotations

import datetime as dt
import os
import shutil

import openpyxl
import pytest
from sqlalchemy import create_engine

from forms.dim_filter import ChoiceFilter
from server import extra_fields as xf
from server.api import Session
from server.metadata import registry
from tests.gui_support import WAIT, make_window
from tests.helpers import receipt, shipment

pytestmark = pytest.mark.usefixtures("gui_isolation")
BRAND = xf.ExtraField(
    "catalog", "products", "x_brand", "Brand", "choice", options=(("acme", "Acme"), ("zen", "Zen"))
)


@pytest.fixture
def admin(world):
    """Another client (an administrator's): its own connections to the same infobase."""
    eng = create_engine(world.db.url)
    yield Session(eng)
    eng.dispose()
    xf.merge(registry, [])


def _offered(form) -> set[str]:
    return {lv for lv, _ in form.panel.spec.levels}


def test_an_added_field_groups_filters_drills_and_exports(qtbot, world, admin, tmp_path):
    p = world.products
    receipt(world, 2, (p[0], "10"), (p[1], "5"), (p[2], "7"))
    shipment(world, 5, (p[0], "3"))
    w = make_window(qtbot, world.db.engine)
    w.resize(1300, 760)
    w.select_section("inventory")
    form = w.open_report("stock")
    qtbot.waitUntil(lambda: form.settings_loaded and w.feed.connected, timeout=WAIT)
    assert "product.x_brand" not in _offered(form)

    xf.add(admin, BRAND)  # the administrator adds it; the open report learns of it
    for i, brand in ((0, "acme"), (1, "acme"), (2, "zen")):
        admin.execute("UPDATE cat_products SET x_brand = :b WHERE id = :i", b=brand, i=p[i])
    qtbot.waitUntil(lambda: "product.x_brand" in _offered(form), timeout=WAIT)
    panel = form.panel
    titles = [panel.grouping.item(i).text() for i in range(panel.grouping.count())]
    assert "Product.Brand" in titles
    brand = panel.texts["product.x_brand"]
    assert isinstance(brand, ChoiceFilter)
    assert [brand.itemText(i) for i in range(brand.count())] == ["all", "Acme", "Zen"]

    panel.set_period(dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    panel.set_levels(["product.x_brand", "product"])
    with qtbot.waitSignal(form.generated, timeout=WAIT):
        form.generate()
    m = form.model
    assert m.heading(0) == "Product.Brand / Product"
    shown = [m.text(i, 0) for i in range(m.rowCount())]
    assert shown == ["Acme", "    Bolt M4", "    Bolt M5", "Zen", "    Bolt M6", "Total"]
    closing = 4  # quantity: opening, receipts, expenses, closing
    assert [m.text(i, closing) for i in (0, 3, 5)] == ["12", "7", "19"]

    drill = form.drill(0)  # the movements behind "Acme"
    assert drill is not None
    qtbot.waitUntil(lambda: not drill.busy and drill.table.rowCount() > 0, timeout=WAIT)
    assert drill.table.rowCount() == 3  # two receipt lines and the shipment
    assert "Acme" in drill.windowTitle()
    drill.close()

    with qtbot.waitSignal(form.exported, timeout=WAIT) as written:
        form.export_to_excel(str(tmp_path / "by-brand.xlsx"))
    sheet = openpyxl.load_workbook(written.args[0]).active
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    header = next(i for i, r in enumerate(cells) if r[0] == "Product.Brand / Product")
    assert [r[0] for r in cells[header + 1 :]] == ["Acme", "Bolt M4", "Bolt M5", "Zen",
                                                   "Bolt M6", "Total"]  # fmt: skip
    assert cells[header + 1][4] == 12

    brand.set_values(["zen"])
    with qtbot.waitSignal(form.generated, timeout=WAIT):
        form.generate()
    assert [m.text(i, 0) for i in range(m.rowCount())] == ["Zen", "    Bolt M6", "Total"]
    assert "Product.Brand: Zen" in form.panel.describe()
    if os.environ.get("KONTORA_SCREENSHOTS"):  # a look as a user: the window, the sheet
        w.grab().save(os.path.join(os.environ["KONTORA_SCREENSHOTS"], "report-brand.png"))
        shutil.copy(written.args[0], os.environ["KONTORA_SCREENSHOTS"])

    xf.remove(admin, "catalog", "products", "x_brand")  # dropped: the report falls back
    qtbot.waitUntil(lambda: "product.x_brand" not in _offered(form), timeout=WAIT)
    assert form.panel.levels() == ("product",)
    assert "product.x_brand" not in form.panel.texts
    assert not form.panel.settings().filters
    with qtbot.waitSignal(form.generated, timeout=WAIT):
        form.generate()
    assert [m.text(i, 0) for i in range(m.rowCount())] == ["Bolt M4", "Bolt M5", "Bolt M6",
                                                           "Total"]  # fmt: skip
