"""Excel import on the real PostgreSQL: good workbooks of each target, broken ones (every kind of
refusal, with its row, column and reason), all-or-nothing stores nothing, valid-rows stores
exactly the good rows whole."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from server.api import user_settings
from server.api.import_report import save_refusals
from server.api.import_sheet import read_sheet, sheet_names
from server.api.import_targets import guess_mapping, remembered, targets, to_remember
from server.api.importing import prepare, run_import
from server.errors import ForbiddenError
from server.metadata import registry


def book(path: Path, headings: list[str], *rows: list, sheet: str = "Data") -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append(headings)
    for r in rows:
        ws.append(list(r))
    wb.save(path)
    return path


def run(w, path: Path, target: str, mode: str = "all", **options):
    sheet = read_sheet(path)
    mapping = guess_mapping(targets(registry)[target], sheet.headings)
    return run_import(w.session, registry, target, sheet, mapping, mode, options)


def count(w, sql: str, **p) -> int:
    return int(w.session.scalar(sql, **p))


def reasons(report) -> list[tuple[int, str, str]]:
    return [(e.row, e.column, e.text) for e in report.errors]


def test_products_good_workbook(world, tmp_path):
    w = world
    w.session.execute("INSERT INTO cat_vat_rates(name, rate) VALUES ('20%', 20)")
    w.session.execute(
        "INSERT INTO cat_products(name, unit_id, is_group) VALUES ('Fasteners', :u, true)", u=w.pcs
    )
    p = book(
        tmp_path / "p.xlsx",
        ["Наименование", "Артикул", "Ед. изм.", "Ставка НДС", "Группа", "Цена", "Штрихкод"],
        ["Nut M8", "N-8", "pcs", "20%", "Fasteners", 1.5, 4600000000012],
        ["Sugar", 1001, "KG", 20, None, "12,30", None],
    )
    rep = run(w, p, "products")
    assert rep.errors == [] and rep.imported == 2 and rep.stored
    nut = w.session.rows(
        "SELECT p.article, p.price, p.barcode, u.name AS unit, v.name AS vat, g.name AS grp "
        "FROM cat_products p JOIN cat_units u ON u.id = p.unit_id "
        "LEFT JOIN cat_vat_rates v ON v.id = p.vat_rate_id "
        "LEFT JOIN cat_products g ON g.id = p.parent_id WHERE p.name = 'Nut M8'"
    )[0]
    assert nut == {
        "article": "N-8",
        "price": Decimal("1.5"),
        "barcode": "4600000000012",
        "unit": "pcs",
        "vat": "20%",
        "grp": "Fasteners",
    }
    sugar = w.session.rows("SELECT article, price FROM cat_products WHERE name = 'Sugar'")[0]
    assert sugar == {"article": "1001", "price": Decimal("12.30")}


BROKEN = [
    ["Good one", "G-1", "pcs", "1.00"],
    ["Unknown unit", "U-1", "boxes", "1"],
    ["Bad number", "B-1", "pcs", "12,3.4"],
    ["Decimals", "D-1", "pcs", "1.234"],
    ["Dup in file", "G-1", "pcs", "1"],
    ["Dup in db", "OLD-1", "pcs", "1"],
    [None, "E-1", "pcs", "1"],
    ["Huge", "H-1", "pcs", 10**20],
    ["NaN", "N-1", "pcs", "NaN"],
    ["Text", "T-1", "pcs", "ten"],
    ["Negative", "M-1", "pcs", -5],
    ["Good two", "G-2", "kg", 7],
]


def _broken(w, tmp_path) -> Path:
    w.session.execute(
        "INSERT INTO cat_products(name, unit_id, article) VALUES ('Old', :u, 'OLD-1')", u=w.pcs
    )
    return book(tmp_path / "broken.xlsx", ["Name", "SKU", "Unit", "Price"], *BROKEN)


def test_broken_products_report_every_reason(world, tmp_path):
    w = world
    path = _broken(w, tmp_path)
    before = count(w, "SELECT count(*) FROM cat_products")
    rep = run(w, path, "products", "all")
    got = reasons(rep)
    assert got == [
        (3, "Unit", "is not found by code or name"),
        (4, "Price", "is not a number"),
        (5, "Price", "allows at most 2 decimals"),
        (6, "SKU", "is the same as in row 2"),
        (7, "SKU", "is already in the database"),
        (8, "Name", "is required"),
        (9, "Price", "must be less than 10,000,000,000,000"),
        (10, "Price", "must be a finite number"),
        (11, "Price", "is not a number"),
        (12, "Price", "must not be negative"),
    ]
    assert rep.errors[1].value == "12,3.4"
    # all or nothing: nothing stored
    assert rep.imported == 0 and not rep.stored and rep.refused == 10
    assert count(w, "SELECT count(*) FROM cat_products") == before


def test_broken_products_valid_rows_stores_exactly_the_good(world, tmp_path):
    w = world
    rep = run(w, _broken(w, tmp_path), "products", "valid")
    assert rep.imported == 2 and rep.refused == 10 and rep.stored
    names = w.session.rows("SELECT name FROM cat_products WHERE article IN ('G-1', 'G-2')")
    assert sorted(r["name"] for r in names) == ["Good one", "Good two"]
    assert count(w, "SELECT count(*) FROM cat_products WHERE article LIKE '_-1'") == 1


def test_refusals_saved_as_xlsx(world, tmp_path):
    w = world
    p = _broken(w, tmp_path)
    sheet = read_sheet(p)
    mapping = guess_mapping(targets(registry)["products"], sheet.headings)
    rep = run_import(w.session, registry, "products", sheet, mapping, "valid")
    out = save_refusals(sheet, rep, tmp_path / "refused.xlsx")
    ws = load_workbook(out).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("Row", "Name", "SKU", "Unit", "Price", "Reason")
    assert len(rows) == 11
    assert rows[1][:5] == (3, "Unknown unit", "U-1", "boxes", "1")
    assert rows[1][5] == "Unit: is not found by code or name"


def test_partners_with_counterparties_whole_or_not_at_all(world, tmp_path):
    w = world
    p = book(
        tmp_path / "partners.xlsx",
        ["Наименование", "Клиент", "Контрагент", "ИНН", "КПП", "Адрес", "Вид контрагента"],
        ["Alpha", "да", "Alpha LLC", "7701234567", "770101001", "Moscow", "company"],
        ["Beta", "нет", None, "7702", None, None, None],
        ["Gamma", "yes", "Gamma LLC", "1234567890123", None, None, None],  # tax id too long
        ["Delta", "maybe", None, None, None, None, None],
        ["Epsilon", "1", "Epsilon IE", None, None, None, "kind"],
    )
    rep = run(w, p, "partners", "valid")
    assert reasons(rep) == [
        (4, "ИНН", "is 13 characters long; at most 12"),
        (5, "Клиент", "must be yes or no"),
        (6, "Вид контрагента", "must be one of: company, entrepreneur, person"),
    ]
    assert rep.imported == 2
    got = w.session.rows(
        "SELECT p.name, p.is_client, c.name AS cp, c.tax_id, c.kpp, c.address, c.legal_form "
        "FROM cat_partners p LEFT JOIN cat_counterparties c ON c.partner_id = p.id "
        "WHERE p.name IN ('Alpha', 'Beta', 'Gamma', 'Delta', 'Epsilon') ORDER BY p.name"
    )
    assert got == [
        {
            "name": "Alpha",
            "is_client": True,
            "cp": "Alpha LLC",
            "tax_id": "7701234567",
            "kpp": "770101001",
            "address": "Moscow",
            "legal_form": "company",
        },
        {
            "name": "Beta",
            "is_client": False,
            "cp": "Beta",  # named after its partner
            "tax_id": "7702",
            "kpp": None,
            "address": None,
            "legal_form": "company",
        },
    ]


def test_partner_refused_by_postgresql_leaves_no_half_row(world, tmp_path):
    """A counterparty refused by the database itself (a CHECK the import does not know in
    advance) takes its partner with it: never a partner without its counterparty."""
    w = world
    w.session.execute(
        "ALTER TABLE cat_counterparties ADD CONSTRAINT ck_cat_counterparties_kpp_digits "
        "CHECK (kpp ~ '^[0-9]{9}$')"
    )
    p = book(
        tmp_path / "partners.xlsx",
        ["Name", "Counterparty", "KPP"],
        ["Good", "Good LLC", "770101001"],
        ["Bad", "Bad LLC", "KPP"],
    )
    rep = run(w, p, "partners", "valid")
    assert rep.imported == 1 and [e.row for e in rep.errors] == [3]
    assert "kpp" in rep.errors[0].text.lower()
    assert count(w, "SELECT count(*) FROM cat_partners WHERE name = 'Bad'") == 0
    assert count(w, "SELECT count(*) FROM cat_counterparties WHERE name = 'Bad LLC'") == 0
    rep = run(w, p, "partners", "all")
    assert rep.imported == 0 and [e.row for e in rep.errors] == [3]
    assert count(w, "SELECT count(*) FROM cat_partners WHERE name = 'Good'") == 1  # the first


def test_prices(world, tmp_path):
    w = world
    w.session.execute("UPDATE cat_products SET article = 'BM4' WHERE id = :p", p=w.products[0])
    w.session.execute("INSERT INTO cat_price_types(name) VALUES ('Retail')")
    p = book(
        tmp_path / "prices.xlsx",
        ["Вид цены", "Товар", "Цена", "Дата"],
        ["Retail", "BM4", 10.5, dt.datetime(2026, 11, 1)],
        ["Retail", "Flour", "99.99", "01.11.2026"],
        ["Retail", "Flour", "98", "2026-11-01"],  # the same day twice
        ["Wholesale", "Flour", "1", "2026-11-01"],
        ["Retail", "Bolt M5", "1", "31.02.2026"],
        ["Retail", "Bolt M6", "1", "tomorrow"],
    )
    rep = run(w, p, "prices", "valid")
    assert reasons(rep) == [
        (4, "Дата", "is the same as in row 3"),
        (5, "Вид цены", "is not found by code or name"),
        (6, "Дата", "is not a date (YYYY-MM-DD)"),
        (7, "Дата", "is not a date (YYYY-MM-DD)"),
    ]
    got = w.session.rows(
        "SELECT product_id, period, price FROM inf_prices ORDER BY product_id, period"
    )
    assert got == [
        {"product_id": w.products[0], "period": dt.date(2026, 11, 1), "price": Decimal("10.5")},
        {"product_id": w.flour, "period": dt.date(2026, 11, 1), "price": Decimal("99.99")},
    ]


def test_opening_stock_posts_a_document_per_warehouse(world, tmp_path):
    w = world
    p = book(
        tmp_path / "stock.csv.xlsx",
        ["Склад", "Товар", "Количество", "Себестоимость"],
        ["Main warehouse", "Bolt M4", 10, 25],
        ["Main warehouse", "Flour", "2,5", "100.50"],
        ["Shop", "Bolt M4", 3, 7.5],
        ["Shop", "Bolt M5", "1.5", 1],  # pieces have no decimals
        ["Shop", "Bolt M6", 0, 1],
    )
    rep = run(w, p, "opening_stock", "valid", date=dt.date(2026, 1, 1))
    assert reasons(rep) == [
        (5, "Количество", "allows at most 0 decimals for unit pcs"),
        (6, "Количество", "must be greater than zero"),
    ]
    assert rep.imported == 3
    assert w.stock(w.products[0]) == 10 and w.stock(w.flour) == Decimal("2.5")
    assert w.stock(w.products[0], wh=w.wh2) == 3
    cost = w.regs.balance("stock", warehouse=w.wh, product=w.flour)["cost"]
    assert cost == Decimal("100.50")
    docs = w.session.rows("SELECT posted, date FROM doc_opening_stock ORDER BY id")
    assert docs == [{"posted": True, "date": dt.datetime(2026, 1, 1)}] * 2
    assert count(w, "SELECT count(*) FROM inf_prices") == 0  # no purchase prices recorded


def test_opening_stock_all_or_nothing(world, tmp_path):
    w = world
    p = book(
        tmp_path / "stock.xlsx",
        ["Warehouse", "Product", "Quantity", "Cost"],
        ["Main warehouse", "Bolt M4", 10, 25],
        ["Attic", "Bolt M4", 1, 1],
    )
    rep = run(w, p, "opening_stock", "all")
    assert reasons(rep) == [(3, "Warehouse", "is not found by code or name")]
    assert count(w, "SELECT count(*) FROM doc_opening_stock") == 0
    assert w.stock(w.products[0]) == 0


def test_csv_and_sheets(world, tmp_path):
    w = world
    p = tmp_path / "products.csv"
    p.write_text("Name;SKU;Unit;Price\nWasher;W-1;pcs;1 234,50\n", encoding="cp1251")
    assert sheet_names(p) == ["products"]
    rep = run(w, p, "products")
    assert rep.imported == 1, reasons(rep)
    assert w.session.scalar("SELECT price FROM cat_products WHERE article = 'W-1'") == Decimal(
        "1234.50"
    )
    x = book(tmp_path / "two.xlsx", ["Name"], ["A"], sheet="First")
    assert sheet_names(x) == ["First"]


def test_mapping_guess_and_remember(db):
    t = targets(registry)["partners"]
    headings = ["Name", "Counterparty", "Tax ID", "Counterparty: Tax ID", "E-mail", "x"]
    m = guess_mapping(t, headings)
    assert m["name"] == 0 and m["counterparty.name"] == 1 and m["email"] == 4
    assert m["counterparty.tax_id"] in (2, 3)
    stored = to_remember(m, headings)
    s = db.session()
    user_settings.put(s, "import:partners", stored)
    assert remembered(user_settings.get(s, "import:partners"), list(reversed(headings))) == {
        k: len(headings) - 1 - i for k, i in m.items()
    }


def test_preview_checks_only_the_first_rows(world, tmp_path):
    sheet = read_sheet(_broken(world, tmp_path))
    mapping = guess_mapping(targets(registry)["products"], sheet.headings)
    good, errors = prepare(world.session, registry, "products", sheet, mapping, limit=3)
    assert [r.number for r in good] == [2] and [e.row for e in errors] == [3, 4]


def test_import_needs_write_rights(world, tmp_path):
    """A storekeeper may not write prices (Sales): refused, naming what is missing."""
    from server.api import Session
    from server.users import add_user

    login = f"imp_{uuid.uuid4().hex[:8]}"
    with world.db.engine.begin() as c:
        add_user(c, login, "storekeeper", "pw")
    s = Session(world.db.engine_as(login, "pw"))
    p = book(tmp_path / "prices.xlsx", ["Price type", "Product", "Price"], ["R", "Flour", 1])
    sheet = read_sheet(p)
    with pytest.raises(ForbiddenError) as e:
        run_import(s, registry, "prices", sheet, {"price_type": 0, "product": 1, "price": 2})
    assert e.value.message == ("Importing Prices needs the right to write Prices (subsystem Sales)")
