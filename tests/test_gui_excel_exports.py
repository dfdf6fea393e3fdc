"""Export to Excel from every kind of list and report, driven in real widgets (offscreen) and
read back with openpyxl: values of the right type, number formats, frozen header, autofilter,
headings and totals."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from forms.catalog_list import CatalogList
from forms.my_tasks import MyTasksForm
from forms.prices_form import PricesForm
from reports.excel import DATE_FORMAT, DATETIME_FORMAT, MONEY_FORMAT
from server.api import new_document
from server.api.price_list import set_prices
from server.metadata import registry
from tests.gui_support import WAIT, make_window
from tests.helpers import at
from tests.payroll_helpers import sheet, staff

pytestmark = pytest.mark.usefixtures("gui_isolation")


def rows_of(path: str | Path) -> tuple[openpyxl.worksheet.worksheet.Worksheet, list[list]]:
    ws = openpyxl.load_workbook(path).active
    return ws, [[c.value for c in row] for row in ws.iter_rows()]


def header_index(values: list[list], first: str) -> int:
    """The 1-based row number of the header starting with ``first``."""
    return next(i for i, v in enumerate(values, start=1) if v and v[0] == first)


def test_document_list_money_dates_filter_and_totals(qtbot, world, tmp_path):
    for day, amount in ((3, "1200.50"), (4, "99.99"), (5, "0.01")):
        world.docs.save(
            "customer_payment",
            new_document(organization=world.org, partner=world.partner,
                         counterparty=world.customer, date=at(day), amount=amount),
            post=True,
        )  # fmt: skip
    w = make_window(qtbot, world.db.engine)
    lst = w.open("document", "customer_payment")
    qtbot.waitUntil(lambda: lst.model.rowCount() == 3, timeout=WAIT)
    lst.commands.export_to_excel(str(tmp_path / "payments.xlsx"))
    qtbot.waitUntil(lambda: lst.commands.last_export is not None, timeout=WAIT)
    path, count = lst.commands.last_export  # type: ignore[misc]
    assert count == 3
    ws, values = rows_of(path)
    head = header_index(values, "Number")
    headings = values[head - 1]
    col = {h: i for i, h in enumerate(headings)}
    assert ws.freeze_panes == f"A{head + 1}"
    last = openpyxl.utils.get_column_letter(len(headings))
    assert ws.auto_filter.ref == f"A{head}:{last}{head + 3}"
    first = ws[head + 1]
    assert first[col["Date"]].is_date and first[col["Date"]].number_format == DATETIME_FORMAT
    assert isinstance(first[col["Date"]].value, dt.datetime)
    money = first[col["Amount"]]
    assert money.data_type == "n" and money.number_format == MONEY_FORMAT
    assert isinstance(first[col["Number"]].value, str)
    amounts = sorted(values[r][col["Amount"]] for r in range(head, head + 3))
    assert amounts == pytest.approx([0.01, 99.99, 1200.50])
    total = ws[head + 4]
    assert total[col["Amount"]].value == pytest.approx(1300.50) and total[col["Amount"]].font.b
    assert "Total" in [c.value for c in total]
    assert ws.column_dimensions["A"].width >= len("Number")


def test_hierarchical_catalog_list_exports_the_chosen_group(qtbot, world, tmp_path):
    s = world.session
    group = s.scalar(
        "INSERT INTO cat_partners(name, is_group) VALUES ('Wholesale', true) RETURNING id"
    )
    s.execute(
        "INSERT INTO cat_partners(name, parent_id, credit_limit) VALUES ('Big buyer', :g, 5000)",
        g=group,
    )
    w = make_window(qtbot, world.db.engine)
    cat = w.open("catalog", "partners")
    assert isinstance(cat, CatalogList)
    lst = cat.list
    qtbot.waitUntil(lambda: lst.model.rowCount() >= 2 and not lst.model.loading, timeout=WAIT)
    qtbot.waitUntil(lambda: cat.select_group(group), timeout=WAIT)
    qtbot.waitUntil(lambda: lst.model.rowCount() == 1 and not lst.model.loading, timeout=WAIT)
    lst.commands.export_to_excel(str(tmp_path / "partners.xlsx"))
    qtbot.waitUntil(lambda: lst.commands.last_export is not None, timeout=WAIT)
    ws, values = rows_of(tmp_path / "partners.xlsx")
    assert values[1][0] == "Group: Wholesale"
    head = header_index(values, "Code")
    col = {h: i for i, h in enumerate(values[head - 1])}
    assert values[head][col["Name"]] == "Big buyer"
    limit = ws[head + 1][col["Credit limit"]]
    assert limit.value == 5000 and limit.number_format == MONEY_FORMAT
    assert ws.max_row == head + 2  # the row and its totals line


def test_my_tasks_and_prices_export_what_they_show(qtbot, world, tmp_path):
    world.docs.save(
        "interaction",
        new_document(organization=world.org, kind="meeting", subject="Visit",
                     partner=world.partner, next_step="Send the price list",
                     remind_at="2026-03-02T10:00:00"),
    )  # fmt: skip
    retail = world.session.scalar(
        "INSERT INTO cat_price_types(name) VALUES ('Retail') RETURNING id"
    )
    set_prices(world.session, registry, retail, "2026-01-01", [(world.products[0], "10.50")])
    w = make_window(qtbot, world.db.engine)
    tasks = w.open_admin("my_tasks")
    assert isinstance(tasks, MyTasksForm)
    qtbot.waitUntil(lambda: tasks.table.rowCount() == 1 and not tasks.busy, timeout=WAIT)
    with qtbot.waitSignal(tasks.export.exported, timeout=WAIT):
        tasks.export.export(str(tmp_path / "tasks.xlsx"))
    ws, values = rows_of(tmp_path / "tasks.xlsx")
    assert values[0][0] == "My tasks"
    head = header_index(values, "Due")
    due = ws[head + 1][0]
    assert isinstance(due.value, dt.datetime) and due.number_format == DATETIME_FORMAT
    assert values[head][1:3] == ["Send the price list", "Customer One"]
    assert ws.auto_filter.ref == f"A{head}:E{head + 1}"

    prices = w.open_admin("prices")
    assert isinstance(prices, PricesForm)
    qtbot.waitUntil(lambda: not prices.busy and prices.table.rowCount() == 6, timeout=WAIT)
    prices.date.setDate(prices.date.date().fromString("2026-03-01", "yyyy-MM-dd"))
    qtbot.waitUntil(lambda: not prices.busy and prices.table.item(0, 2).text() == "10.50",
                    timeout=WAIT)  # fmt: skip
    with qtbot.waitSignal(prices.export.exported, timeout=WAIT):
        prices.export.export(str(tmp_path / "prices.xlsx"))
    ws, values = rows_of(tmp_path / "prices.xlsx")
    assert values[1][0] == "Retail on 2026-03-01"
    head = header_index(values, "Product")
    price, since = ws[head + 1][2], ws[head + 1][3]
    assert price.value == 10.5 and price.number_format == MONEY_FORMAT
    assert since.value == dt.datetime(2026, 1, 1) and since.number_format == DATE_FORMAT


def test_payroll_report_export_heading_formats_filter_and_total(qtbot, world, tmp_path):
    s = staff(world)
    sheet(world, s)
    sheet(world, s, month=dt.date(2026, 12, 1))
    w = make_window(qtbot, world.db.engine)
    form = w.open_report("payroll")
    qtbot.waitUntil(lambda: form.settings_loaded, timeout=WAIT)
    form.panel.set_period(dt.date(2026, 11, 1), dt.date(2026, 12, 31))
    form.panel.set_levels(["department"])
    with qtbot.waitSignal(form.generated, timeout=WAIT):
        form.generate()
    with qtbot.waitSignal(form.exported, timeout=WAIT) as written:
        form.export_to_excel(str(tmp_path / "payroll.xlsx"))
    ws, values = rows_of(written.args[0])
    assert values[0][0] == "Payroll: turnover" and ws.title == "Payroll  turnover"
    assert values[1][0].startswith("Period: ")
    head = 4
    assert ws.freeze_panes == f"B{head + 1}"
    lines = values[head:]
    assert lines[0][0] == "Office" and lines[-1][0] == "Total"
    last = openpyxl.utils.get_column_letter(len(values[head - 1]))
    assert ws.auto_filter.ref == f"A{head}:{last}{head + len(lines) - 1}"  # not the total
    figures = [c for c in ws[head + 1][1:] if c.value is not None]
    assert figures and all(c.data_type == "n" for c in figures)
    assert all(c.number_format == MONEY_FORMAT for c in figures)
    total = ws[head + len(lines)]
    assert total[0].font.b and all(c.font.b for c in total[1:] if c.value is not None)
    assert [c.value for c in total[1:]] == [c.value for c in ws[head + 1][1:]]  # one department
