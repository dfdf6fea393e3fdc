"""The import dialog driven as a user would (pytest-qt, offscreen): mapping guessed and
remembered, preview highlighting, import with its report, refusals saved, rights and menus."""

from __future__ import annotations

import uuid

import pytest
from openpyxl import load_workbook
from PySide6.QtGui import QColor

from forms import switched_on
from forms.import_dialog import BAD, ImportDialog
from forms.import_menu import import_titles
from server.metadata import registry
from tests.gui_support import WAIT, make_window
from tests.test_import import book

pytestmark = pytest.mark.usefixtures("gui_isolation")


def dialog(qtbot, engine, target: str, path) -> ImportDialog:
    d = ImportDialog(engine, registry, target)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitUntil(lambda: not d._loader.loading, timeout=WAIT)
    d.open_file(str(path))
    qtbot.waitUntil(lambda: d.sheet is not None and d.preview.rowCount() > 0, timeout=WAIT)
    qtbot.waitUntil(lambda: not d._preview_loader.loading, timeout=WAIT)
    return d


def test_import_dialog_maps_previews_imports_and_remembers(qtbot, world, tmp_path):
    headings = ["Наименование", "SKU", "Measure", "Price"]
    p1 = book(
        tmp_path / "one.xlsx",
        headings,
        ["Nut", "N-1", "pcs", "1.50"],
        ["Bad", "B-1", "pcs", "12,3.4"],
        ["Flour 2", "F-2", "kg", 3],
    )
    d = dialog(qtbot, world.db.engine, "products", p1)
    m = d.current_mapping()
    assert m == {"name": 0, "article": 1, "price": 3}  # "Measure" is not a heading it knows
    d.set_column("unit", 2)
    qtbot.waitUntil(lambda: d.preview.columnCount() == 5, timeout=WAIT)
    qtbot.waitUntil(lambda: not d._preview_loader.loading, timeout=WAIT)
    price_col = [d.preview.horizontalHeaderItem(i).text() for i in range(4)].index("Price")
    assert d.preview.item(1, price_col).background().color() == QColor(BAD)
    assert "is not a number" in d.preview.item(1, price_col).toolTip()
    assert d.preview.item(0, price_col).background().color() != QColor(BAD)
    d.grab().save(str(tmp_path / "import-dialog.png"))

    d.valid_mode.setChecked(True)
    with qtbot.waitSignal(d.imported, timeout=WAIT) as sig:
        d.import_button.click()
    report = sig.args[0]
    assert report.imported == 2 and report.refused == 1
    assert d.status.text() == "Imported 2 rows; refused 1."
    assert d.result.rowCount() == 1 and d.result.item(0, 0).text() == "3"
    assert d.save_button.isVisible()
    saved = d.save_refusals(str(tmp_path / "refused.xlsx"))
    rows = list(load_workbook(saved).active.iter_rows(values_only=True))
    assert rows[1][0] == 3 and "not a number" in rows[1][-1]
    assert world.session.scalar("SELECT count(*) FROM cat_products WHERE article = 'N-1'") == 1
    d.close()

    # The second import: the mapping chosen the first time is remembered (Measure → Unit).
    p2 = book(tmp_path / "two.xlsx", headings, ["Screw", "S-1", "pcs", "2"])
    d2 = dialog(qtbot, world.db.engine, "products", p2)
    assert d2.current_mapping() == {"name": 0, "article": 1, "unit": 2, "price": 3}
    with qtbot.waitSignal(d2.imported, timeout=WAIT) as sig:
        d2.import_button.click()
    assert sig.args[0].imported == 1 and d2.status.text() == "Imported 1 rows; refused 0."


def test_all_or_nothing_reports_nothing_stored(qtbot, world, tmp_path):
    p = book(tmp_path / "p.xlsx", ["Name", "SKU", "Unit"], ["A", "A-1", "pcs"], ["B", "A-1", "pcs"])
    d = dialog(qtbot, world.db.engine, "products", p)
    assert d.all_mode.isChecked()
    with qtbot.waitSignal(d.imported, timeout=WAIT):
        d.import_button.click()
    assert d.status.text() == "Nothing was stored (all or nothing): 1 rows refused."
    assert world.session.scalar("SELECT count(*) FROM cat_products WHERE article = 'A-1'") == 0
    assert d.path.text() == str(p) and d.current_mapping()  # the user's choices are kept


def test_import_refused_without_write_rights(qtbot, world, tmp_path):
    from server.users import add_user

    login = f"imp_{uuid.uuid4().hex[:8]}"
    with world.db.engine.begin() as c:
        add_user(c, login, "storekeeper", "pw")
    engine = world.db.engine_as(login, "pw")
    p = book(tmp_path / "prices.xlsx", ["Price type", "Product", "Price"], ["R", "Flour", 1])
    d = dialog(qtbot, engine, "prices", p)
    qtbot.waitUntil(lambda: bool(d.denied), timeout=WAIT)
    assert not d.import_button.isEnabled()
    assert d.status.text() == ("Importing Prices needs the right to write Prices (subsystem Sales)")
    engine.dispose()


def test_import_menu_follows_the_subsystems(qtbot, db):
    w = make_window(qtbot, db.engine)
    menu = w.findChild(type(w.menuBar().actions()[0].menu()), "import_menu")
    assert menu is not None
    menu.aboutToShow.emit()
    names = [a.objectName() for a in menu.actions()]
    assert names == [
        "import:products",
        "import:partners",
        "import:prices",
        "import:opening_stock",
    ]
    switched_on.set_enabled({"core", "inventory"})
    assert [n for n, _ in import_titles(w)] == ["products", "partners", "opening_stock"]


def test_catalog_list_offers_import(qtbot, db):
    from PySide6.QtWidgets import QApplication

    w = make_window(qtbot, db.engine)
    form = w.open("catalog", "products")
    action = form.list.commands.import_action
    assert action is not None and action.text() == "&Import from Excel…"
    assert action in form.list.commands.toolbar.actions()
    action.trigger()
    dialogs = [d for d in QApplication.topLevelWidgets() if isinstance(d, ImportDialog)]
    assert len(dialogs) == 1 and dialogs[0].target.name == "products"
    qtbot.waitUntil(lambda: not dialogs[0]._loader.loading, timeout=WAIT)
    dialogs[0].close()
    docs = w.open("document", "goods_receipt")
    assert docs.commands.import_action is None
