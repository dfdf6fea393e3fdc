"""Administration → Additional fields: a number and a reference added to products from the form
show in the product's form, its list (column and filter) and the Excel export; then removed."""

from __future__ import annotations

from decimal import Decimal

import openpyxl
import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from forms.admin_fields import FieldsForm
from forms.catalog_form import CatalogForm
from forms.list_form import ListForm
from server import extra_fields as xf
from server.api.lists import catalog_query
from server.metadata import registry
from tests.gui_support import WAIT

pytestmark = pytest.mark.usefixtures("gui_isolation")


@pytest.fixture
def fields_form(qtbot, world):
    form = FieldsForm(world.db.engine, registry)
    qtbot.addWidget(form)
    qtbot.waitUntil(lambda: not form.busy, timeout=WAIT)
    yield form
    xf.merge(registry, [])


def _add(qtbot, form: FieldsForm, title: str, name: str, kind: str, **widgets) -> None:
    form.title.setText(title)
    form.name.setText(name)
    form.kind.setCurrentIndex(form.kind.findData(kind))
    for attr, value in widgets.items():
        w = getattr(form, attr)
        w.setValue(value) if hasattr(w, "setValue") else w.setCurrentIndex(w.findData(value))
    form.add()
    qtbot.waitUntil(lambda: not form.busy, timeout=WAIT)


def _list(qtbot, engine) -> ListForm:
    lst = ListForm(engine, catalog_query(registry.catalogs["products"]))
    qtbot.addWidget(lst)
    lst.resize(1200, 600)
    lst.show()
    qtbot.waitUntil(lambda: not lst.busy and lst.model.complete, timeout=WAIT)
    return lst


def test_add_fields_use_them_everywhere_and_remove(qtbot, world, fields_form, tmp_path,
                                                   monkeypatch):  # fmt: skip
    form = fields_form
    form.select_object("catalog", "products")
    _add(qtbot, form, "Weight", "weight", "number", digits=8, decimals=3)
    _add(qtbot, form, "Maker", "maker", "ref", target="counterparties")
    assert form.fields() == [("Weight", "x_weight", "Number (8, 3)"),
                             ("Maker", "x_maker", "Reference: Counterparties")]  # fmt: skip
    assert "Done: Maker" in form.message_bar.message()

    item = CatalogForm(world.db.engine, registry, "products", world.products[1])
    qtbot.addWidget(item)
    qtbot.waitUntil(lambda: not item.busy and item.version is not None, timeout=WAIT)
    assert {"x_weight", "x_maker"} <= set(item.fields.editors)
    item.fields.set_values(
        {"x_weight": Decimal("2.125"), "x_maker": {"id": world.customer, "name": "Customer"}}
    )
    item.save()
    qtbot.waitUntil(lambda: not item.busy and not item.dirty, timeout=WAIT)
    assert item.message_bar.message() == ""
    stored = world.session.rows("SELECT x_weight, x_maker_id FROM cat_products WHERE id = :i",
                                i=world.products[1])  # fmt: skip
    assert stored == [{"x_weight": Decimal("2.125"), "x_maker_id": world.customer}]

    lst = _list(qtbot, world.db.engine)
    assert {"x_weight", "x_maker"} <= {c.key for c in lst.query.columns}
    assert "x_maker" in lst.filters.refs
    lst.filters.set_ref("x_maker", {"id": world.customer, "name": "Customer"})
    qtbot.waitUntil(lambda: not lst.busy and lst.model.complete, timeout=WAIT)
    rows = lst.model.rows()
    assert [r["id"] for r in rows] == [world.products[1]]
    assert rows[0]["x_weight"] == Decimal("2.125")
    target = tmp_path / "products"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    lst.commands.export_action.trigger()
    qtbot.waitUntil(lambda: lst.commands.last_export is not None, timeout=WAIT)
    path, count = lst.commands.last_export  # type: ignore[misc]
    values = [[c.value for c in row] for row in openpyxl.load_workbook(path).active.iter_rows()]
    header = next(v for v in values if v[0] == "Code")
    assert "Weight" in header and "Maker" in header and count == 1
    row = values[values.index(header) + 1]  # the one product (a totals line may follow)
    assert row[header.index("Weight")] == Decimal("2.125") or row[header.index("Weight")] == 2.125
    assert row[header.index("Maker")]

    asked: list[str] = []
    yes = QMessageBox.StandardButton.Yes
    monkeypatch.setattr(QMessageBox, "question", lambda _p, _t, text, *a: asked.append(text) or yes)
    form.remove_field("x_weight")
    qtbot.waitUntil(lambda: not form.busy, timeout=WAIT)
    assert "Its values (1) are deleted" in asked[0]
    assert [f[1] for f in form.fields()] == ["x_maker"]
    assert "x_weight" not in {f.name for f in registry.catalogs["products"].fields}
    assert "x_weight" not in {c.key for c in _list(qtbot, world.db.engine).query.columns}


def test_a_bad_name_is_refused_in_the_form(qtbot, fields_form):
    fields_form.select_object("catalog", "products")
    _add(qtbot, fields_form, "Shelf", "2 shelves", "string")
    assert "a-z" in fields_form.message_bar.message()
    assert fields_form.fields() == []


def test_the_window_merges_added_fields_at_connect_and_on_change(qtbot, world, fields_form):
    from tests.gui_support import make_window

    xf.add(world.session, xf.ExtraField("catalog", "products", "x_shelf", "Shelf", "string",
                                        length=20))  # fmt: skip
    xf.merge(registry, [])
    w = make_window(qtbot, world.db.engine)
    qtbot.waitUntil(lambda: "x_shelf" in {f.name for f in registry.catalogs["products"].fields},
                    timeout=WAIT)  # fmt: skip
    xf.add(world.session, xf.ExtraField("catalog", "products", "x_grade", "Grade", "choice",
                                        options=(("a", "A"), ("b", "B"))))  # fmt: skip
    qtbot.waitUntil(lambda: "reopen" in w.message_bar.message(), timeout=WAIT)
    assert "Products" in w.message_bar.message()
    qtbot.waitUntil(lambda: "x_grade" in {f.name for f in registry.catalogs["products"].fields},
                    timeout=WAIT)  # fmt: skip
