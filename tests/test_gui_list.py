"""The dynamic list: filters, header sort, batch post/unpost/mark and export (pytest-qt)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import openpyxl
import pytest
from PySide6.QtCore import QItemSelectionModel, QPoint, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from forms.list_filters import CUSTOM, period_range
from forms.list_form import ListForm
from server.api import new_document
from server.api.lists import ListFilter, Sort, catalog_query, query_for
from server.metadata import registry
from tests.gui_support import WAIT
from tests.helpers import receipt, shipment

pytestmark = pytest.mark.usefixtures("gui_isolation")


def open_list(qtbot, db, name: str, kind: str = "document") -> ListForm:
    form = ListForm(db.engine, query_for(registry, kind, name))  # type: ignore[arg-type]
    qtbot.addWidget(form)
    form.resize(1200, 600)
    form.show()
    qtbot.waitUntil(lambda: not form.busy and form.model.complete, timeout=WAIT)
    return form


def settle(qtbot, form: ListForm) -> None:
    qtbot.waitUntil(lambda: not form.busy and form.model.complete, timeout=WAIT)


def column(form: ListForm, key: str) -> list:
    return [form.model.row(i)[key] for i in range(form.model.rowCount())]


def select(form: ListForm, rows: list[int]) -> None:
    sm = form.view.selectionModel()
    sm.clearSelection()
    sm.setCurrentIndex(form.model.index(rows[0], 0), QItemSelectionModel.SelectionFlag.NoUpdate)
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for i in rows:
        sm.select(form.model.index(i, 0), flags)


def test_period_presets() -> None:
    wed = dt.date(2026, 3, 11)
    assert period_range("today", wed) == (wed, wed)
    assert period_range("week", wed) == (dt.date(2026, 3, 9), dt.date(2026, 3, 15))
    assert period_range("month", wed) == (dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    assert period_range("month", dt.date(2026, 12, 5))[1] == dt.date(2026, 12, 31)  # type: ignore[index]
    assert period_range("last30", wed) == (dt.date(2026, 2, 10), wed)
    assert period_range("year", wed) == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert period_range("all", wed) is None


def test_filters_narrow_the_rows(qtbot, world):
    docs = [
        receipt(world, day, (world.products[0], "1"), post=day % 2 == 0) for day in range(1, 11)
    ]
    shop = receipt(world, 4, (world.products[0], "1"), wh=world.wh2)
    form = open_list(qtbot, world.db, "goods_receipt")
    assert form.model.rowCount() == 11
    assert form.filters.isVisibleTo(form) and "warehouse" in form.filters.refs

    form.filters.set_period(CUSTOM, dt.date(2026, 3, 3), dt.date(2026, 3, 5))
    settle(qtbot, form)
    assert sorted(d.day for d in column(form, "date")) == [3, 4, 4, 5]

    form.filters.set_posted(True)
    settle(qtbot, form)
    assert sorted(d.day for d in column(form, "date")) == [4, 4] and all(column(form, "posted"))

    form.filters.set_ref("warehouse", {"id": world.wh2, "name": "Shop"})
    settle(qtbot, form)
    assert column(form, "id") == [shop["id"]]

    form.filters.set_ref("warehouse", None)
    form.filters.set_posted(False)
    settle(qtbot, form)
    assert sorted(d.day for d in column(form, "date")) == [3, 5]
    assert "Posted state: Not posted" in form.filters.describe()

    world.docs.mark("goods_receipt", docs[2]["id"])  # day 3
    form.filters.hide_marked.setChecked(True)
    settle(qtbot, form)
    assert [d.day for d in column(form, "date")] == [5]

    form.filters.set_period("all")
    form.filters.set_posted(None)
    form.filters.hide_marked.setChecked(False)
    settle(qtbot, form)
    assert form.model.rowCount() == 11


def test_filters_and_search_with_keyset_pages(world):
    for day in range(1, 9):
        receipt(world, day, (world.products[0], "1"), post=day % 3 != 0)
    q = query_for(registry, "document", "goods_receipt")
    flt = ListFilter(
        date_from=dt.datetime(2026, 3, 2), date_to=dt.datetime(2026, 3, 8), posted=True
    )
    every = list(q.all_rows(world.session, "", flt, page_size=1000))
    paged = list(q.all_rows(world.session, "", flt, page_size=2))
    assert [r["id"] for r in paged] == [r["id"] for r in every]
    assert sorted(r["date"].day for r in every) == [2, 4, 5, 7]
    assert q.count(world.session, "", flt) == 4
    number = every[0]["number"]
    assert [r["number"] for r in q.all_rows(world.session, number, flt)] == [number]
    with pytest.raises(ValueError):
        q.fetch(world.session, sort=Sort("no_such_column"))
    with pytest.raises(ValueError):
        q.fetch(world.session, flt=ListFilter(refs=(("no_such_ref", 1),)))


def test_every_column_sort_pages_exactly(world):
    """Keyset pages in every sortable order equal one big page (ties and NULLs included)."""
    for day in (1, 1, 2, 3, 3):
        receipt(world, day, (world.products[0], "1"), post=day != 2)
    q = query_for(registry, "document", "goods_receipt")
    products = catalog_query(registry.catalogs["products"])
    for query in (q, products):
        for key, _ in query.sortable:
            for desc in (False, True):
                sort = Sort(key, desc)
                one = [r["id"] for r in query.all_rows(world.session, sort=sort, page_size=999)]
                two = [r["id"] for r in query.all_rows(world.session, sort=sort, page_size=2)]
                assert two == one, (query.name, key, desc)
                assert len(set(one)) == len(one)


def test_header_click_sorts_and_reverses(qtbot, world):
    for day in (5, 2, 9, 1, 7):
        receipt(world, day, (world.products[0], "1"))
    form = open_list(qtbot, world.db, "goods_receipt")
    default = column(form, "id")
    header = form.view.horizontalHeader()
    section = [c.key for c in form.query.columns].index("number")
    pos = QPoint(header.sectionViewportPosition(section) + 5, header.height() // 2)

    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    settle(qtbot, form)
    ascending = column(form, "number")
    assert ascending == sorted(ascending) and form.model.sort == Sort("number", False)

    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    settle(qtbot, form)
    assert column(form, "number") == list(reversed(ascending))

    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=pos)  # back to default
    settle(qtbot, form)
    assert form.model.sort is None and column(form, "id") == default

    form.sort_by("date")
    settle(qtbot, form)
    assert [d.day for d in column(form, "date")] == [1, 2, 5, 7, 9]


def test_batch_post_unpost_reports_refusals(qtbot, world, monkeypatch):
    p0, p1 = world.products[0], world.products[1]
    receipt(world, 1, (p0, "10"))
    ok1 = shipment(world, 2, (p0, "3"), post=False)
    bad = shipment(world, 3, (p1, "5"), post=False)  # nothing of p1 in stock
    ok2 = shipment(world, 4, (p0, "2"), post=False)
    form = open_list(qtbot, world.db, "sales_shipment")
    assert form.model.rowCount() == 3

    form.view.selectAll()
    form.commands.post_action.trigger()
    qtbot.waitUntil(lambda: form.commands.last_result is not None, timeout=WAIT)
    settle(qtbot, form)
    result = form.commands.last_result
    assert result is not None and len(result.done) == 2 and len(result.refused) == 1
    assert form.message_bar.isVisible()
    message = form.message_bar.text.text()
    assert bad["number"] in message and "Not enough" in message
    posted = {r["id"]: r["posted"] for r in form.model.rows()}
    assert posted == {ok1["id"]: True, bad["id"]: False, ok2["id"]: True}

    form.commands.last_result = None
    ids = column(form, "id")
    select(form, [ids.index(ok1["id"]), ids.index(ok2["id"])])
    form.commands.unpost_action.trigger()
    qtbot.waitUntil(lambda: form.commands.last_result is not None, timeout=WAIT)
    settle(qtbot, form)
    assert not any(column(form, "posted"))
    assert not form.message_bar.isVisible()

    yes = QMessageBox.StandardButton.Yes
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: yes)
    form.commands.last_result = None
    ids = column(form, "id")
    select(form, [ids.index(bad["id"])])
    form.view.setFocus()
    qtbot.keyClick(form.view, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: form.commands.last_result is not None, timeout=WAIT)
    settle(qtbot, form)
    marks = {r["id"]: r["deletion_mark"] for r in form.model.rows()}
    assert marks == {ok1["id"]: False, bad["id"]: True, ok2["id"]: False}


def test_export_current_filter_and_sort(qtbot, world, tmp_path, monkeypatch):
    for day in range(1, 8):
        receipt(world, day, (world.flour, "1.5"), post=day % 2 == 1)
    form = open_list(qtbot, world.db, "goods_receipt")
    form.filters.set_posted(True)
    form.sort_by("date")
    settle(qtbot, form)
    target = tmp_path / "receipts"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    form.commands.export_action.trigger()
    qtbot.waitUntil(lambda: form.commands.last_export is not None, timeout=WAIT)
    path, count = form.commands.last_export  # type: ignore[misc]
    assert path.endswith(".xlsx") and count == 4
    ws = openpyxl.load_workbook(path).active
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert values[0][0] == "Goods receipt"
    assert "Posted state: Posted" in [v[0] for v in values[1:4]]
    header = next(i for i, v in enumerate(values) if v[0] == "Number")
    rows = values[header + 1 : header + 1 + count]
    assert [v[1].day for v in rows] == [1, 3, 5, 7]
    amount = values[header].index("Amount")  # each 1.5 at 1.00: 1.50
    assert [v[amount] for v in rows] == [1.5] * 4
    assert values[header + 1 + count][amount] == 6  # the totals line under the list
    assert ws.freeze_panes == f"A{header + 2}"


def test_export_is_cancellable(world, tmp_path):
    from forms.list_actions import Cancelled, ExportJob, Progress, run_export

    for day in range(1, 4):
        receipt(world, day, (world.products[0], "1"))
    q = dataclasses.replace(query_for(registry, "document", "goods_receipt"))
    cols = [(c.key, c.label, c.kind) for c in q.columns]
    job = ExportJob(q, cols, str(tmp_path / "x.xlsx"), q.title, "")
    progress = Progress()
    progress.cancel.set()
    with pytest.raises(Cancelled):
        run_export(world.db.engine, job, progress)
    assert progress.total == 3 and list(tmp_path.iterdir()) == []


def test_columns_fit_their_texts_once(qtbot, world):
    """The first page fits each column to its header and its widest text shown (an icon's room
    besides, where the cell has one), within 36 characters; the user's widths stay after."""
    with world.db.engine.begin() as c:
        far = c.exec_driver_sql(
            "INSERT INTO kontora.cat_warehouses(name) VALUES (%s) RETURNING id",
            ("Far-away warehouse on the other side of the river " * 2,),
        ).scalar()
    receipt(world, 3, (world.products[0], "1"), wh=far)
    receipt(world, 4, (world.products[0], "1234567"))
    form = open_list(qtbot, world.db, "goods_receipt")
    view, model = form.view, form.model
    fm = view.fontMetrics()
    ch = fm.horizontalAdvance("0")
    keys = [c.key for c in form.query.columns]
    for i in range(model.columnCount()):
        if keys[i] == form.query.stretch:  # takes the spare width
            continue
        texts = [model.data(model.index(r, i)) or "" for r in range(model.rowCount())]
        widest = max(fm.horizontalAdvance(t) for t in texts)
        if any(model.data(model.index(r, i), Qt.ItemDataRole.DecorationRole) is not None
               for r in range(model.rowCount())):  # fmt: skip
            widest += fm.height()
        header = view.horizontalHeader().sectionSizeHint(i)
        width = view.columnWidth(i)
        assert min(max(widest, header), ch * 34) <= width <= ch * 36, (keys[i], width, widest)
    assert view.columnWidth(keys.index("warehouse")) == ch * 36  # capped, not 100 characters
    view.setColumnWidth(1, 5 * ch)
    form.refresh()
    settle(qtbot, form)
    assert view.columnWidth(1) == 5 * ch  # fitted once: a refresh keeps the user's width


def test_trade_document_lists_show_the_documents_amount(world):
    """The declared total — the lines' amounts, VAT on top added — is the lists' Amount column
    (after the party) and the shipment's debt in customer settlements alike; not a sort key."""
    on_top = world.docs.save(
        "goods_receipt",
        new_document(
            organization=world.org, warehouse=world.wh, date="2026-03-02T10:00:00",
            vat_included=False,
            lines=[
                {"product": world.products[0], "quantity": "2", "price": "10.00", "vat_rate": "20"},
                {"product": world.products[1], "quantity": "1", "price": "5.55"},
            ],
        ),
        post=True,
    )  # fmt: skip
    included = world.docs.save(
        "sales_shipment",
        new_document(
            organization=world.org, warehouse=world.wh, customer=world.customer,
            date="2026-03-03T10:00:00", vat_included=True,
            lines=[
                {"product": world.products[0], "quantity": "1", "price": "6.00", "vat_rate": "20"}
            ],
        ),
        post=True,
    )  # fmt: skip
    empty = world.docs.save(
        "sales_shipment",
        new_document(organization=world.org, warehouse=world.wh, customer=world.customer),
    )
    receipts = query_for(registry, "document", "goods_receipt")
    shipments = query_for(registry, "document", "sales_shipment")
    received = {r["id"]: r["total"] for r in receipts.all_rows(world.session)}
    amounts = {r["id"]: r["total"] for r in shipments.all_rows(world.session)}
    assert received[on_top["id"]] == Decimal("29.55")  # 20.00 + 4.00 VAT + 5.55
    assert amounts[included["id"]] == Decimal("6.00")  # VAT 1.00 inside
    assert amounts[empty["id"]] == Decimal("0")
    keys = [c.key for c in shipments.columns]
    assert keys[keys.index("customer") + 1] == "total"  # after whom it is owed by
    assert not shipments.can_sort("total")
    debt = world.session.scalar(
        "SELECT sum(amount) FROM kontora.reg_customer_settlements "
        "WHERE recorder_type = 'sales_shipment' AND recorder_id = :i",
        i=included["id"],
    )
    assert debt == amounts[included["id"]]
