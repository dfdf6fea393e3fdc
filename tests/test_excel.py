"""Export of list rows to xlsx: exact numbers with formats, dates, Cyrillic, header, freeze."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import zipfile
from decimal import Decimal

import openpyxl
import pytest

from reports.excel import MONEY_FORMAT, export_rows

COLUMNS = [
    ("number", "Номер", "text"),
    ("date", "Date", "datetime"),
    ("posted", "Posted", "posted"),
    ("customer", "Покупатель", "text"),
    ("amount", "Amount", "money"),
    ("quantity", "Quantity", "qty"),
    ("due", "Due", "date"),
]


def rows(n: int) -> list[dict]:
    return [
        {
            "number": f"SS26-{i:06d}",
            "date": dt.datetime(2026, 3, 1, 9, 30) + dt.timedelta(minutes=i),
            "posted": i % 2 == 0,
            "customer": "ООО «Ромашка»",
            "amount": Decimal("1234.50") + i,
            "quantity": Decimal("2.500"),
            "due": dt.date(2026, 4, 1),
        }
        for i in range(n)
    ]


def test_values_formats_header_and_frozen_pane(tmp_path):
    path = tmp_path / "list.xlsx"
    count = export_rows(COLUMNS, rows(3), path, "Отгрузки", "Period: 2026-03-01 – 2026-03-31")
    assert count == 3
    ws = openpyxl.load_workbook(path).active
    assert ws.title == "Отгрузки"
    assert ws["A1"].value == "Отгрузки" and ws["A1"].font.b
    assert ws["A2"].value == "Period: 2026-03-01 – 2026-03-31"
    header = [c.value for c in ws[4]]
    assert header == [t for _, t, _ in COLUMNS] and all(c.font.b for c in ws[4])
    assert ws.freeze_panes == "A5"
    first = ws[5]
    assert first[0].value == "SS26-000000"
    assert first[1].value == dt.datetime(2026, 3, 1, 9, 30) and first[1].is_date
    assert first[2].value == "Posted" and ws[6][2].value is None
    assert first[3].value == "ООО «Ромашка»"
    assert first[4].data_type == "n" and first[4].value == pytest.approx(1234.5)
    assert first[4].number_format == MONEY_FORMAT
    assert first[5].value == pytest.approx(2.5) and first[5].number_format == "#,##0.0"
    assert first[6].value == dt.datetime(2026, 4, 1) and first[6].number_format == "yyyy-mm-dd"
    widths = [ws.column_dimensions[c].width for c in "ABCDEFG"]
    assert widths[3] >= len("ООО «Ромашка»") and all(w and w >= 6 for w in widths)


def test_decimals_are_written_exactly_not_as_float_text(tmp_path):
    path = tmp_path / "exact.xlsx"
    values = [Decimal("0.10"), Decimal("7"), Decimal("123456789012.35")]
    export_rows([("a", "A", "money")], [{"a": v} for v in values], path, "T")
    xml = zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml").decode()
    assert "<v>0.1</v>" in xml and "<v>7</v>" in xml
    assert "<v>123456789012.35</v>" in xml


def test_failed_export_leaves_no_file(tmp_path):
    def broken():
        yield from rows(2)
        raise RuntimeError("connection lost")

    path = tmp_path / "broken.xlsx"
    with pytest.raises(RuntimeError):
        export_rows(COLUMNS, broken(), path, "T")
    assert list(tmp_path.iterdir()) == []


def test_twenty_thousand_rows_from_a_lazy_iterator(tmp_path):
    path = tmp_path / "big.xlsx"
    assert export_rows(COLUMNS, iter(rows(20_000)), path, "Big", "") == 20_000
    ws = openpyxl.load_workbook(path, read_only=True).active
    last = next(ws.iter_rows(min_row=20_003, max_row=20_003, values_only=True))
    assert last[0] == "SS26-019999" and last[4] == pytest.approx(1234.5 + 19_999)


def test_autofilter_totals_and_plain_text(tmp_path):
    path = tmp_path / "totals.xlsx"
    data = rows(3)
    data[1]["customer"] = "Tab\tand bell\x07 «ok»"  # a control character XML cannot hold
    assert export_rows(COLUMNS, data, path, "It's a list", "Search: x") == 3
    ws = openpyxl.load_workbook(path).active
    assert ws.title == "It's a list"
    assert ws.auto_filter.ref == "A4:G7"  # the header and the rows, not the totals
    assert ws[6][3].value == "Tab\tand bell «ok»"
    total = ws[8]
    assert total[3].value == "Total" and total[3].font.b
    assert total[4].value == pytest.approx(float(3 * Decimal("1234.50") + 3))
    assert total[4].number_format == MONEY_FORMAT and total[4].font.b
    assert all(c.value is None for i, c in enumerate(total) if i not in (3, 4))
    # the exact sum is in the file, not a float's rounding
    xml = zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml").decode()
    assert "<v>3706.5</v>" in xml
    assert ws.max_row == 8


def test_no_totals_line_without_money_columns_or_rows(tmp_path):
    path = tmp_path / "plain.xlsx"
    export_rows(COLUMNS[:2], rows(2), path, "Plain")
    ws = openpyxl.load_workbook(path).active
    assert ws.max_row == 5 and ws.auto_filter.ref == "A3:B5"
    export_rows(COLUMNS, [], path, "Empty")
    ws = openpyxl.load_workbook(path).active
    assert ws.max_row == 3 and [c.value for c in ws[3]][:2] == ["Номер", "Date"]


def test_libreoffice_converts_the_export(tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    path = tmp_path / "list.xlsx"
    export_rows(COLUMNS, rows(50), path, "List", "Period: March")
    done = subprocess.run(
        [soffice, "--headless", "--convert-to", "csv", "--outdir", str(tmp_path), str(path)],
        capture_output=True,
        timeout=120,
        check=False,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    assert done.returncode == 0, done.stderr
    csv_text = (tmp_path / "list.csv").read_text(encoding="utf-8", errors="replace")
    assert "SS26-000049" in csv_text and "Total" in csv_text


def test_rows_read_ahead_keep_order_errors_and_cancel():
    import threading

    from forms.list_actions import CHUNK_ROWS, Cancelled, prefetched

    stop = threading.Event()
    n = CHUNK_ROWS * 2 + 7
    assert [r["i"] for r in prefetched(iter({"i": i} for i in range(n)), stop)] == list(range(n))

    def broken():
        yield from ({"i": i} for i in range(CHUNK_ROWS + 1))
        raise RuntimeError("connection lost")

    seen = []
    with pytest.raises(RuntimeError, match="connection lost"):
        seen.extend(prefetched(broken(), stop))
    assert len(seen) == CHUNK_ROWS  # the whole chunks read before the error

    hang = threading.Event()

    def slow():
        yield {"i": 0}
        hang.wait(5)  # a page that takes long to come
        yield {"i": 1}

    it = prefetched(slow(), stop)
    stop.set()
    threading.Timer(0.3, hang.set).start()  # the page comes; the reader then quits
    with pytest.raises(Cancelled):
        list(it)
    before = threading.active_count()
    it = prefetched(iter({"i": i} for i in range(n)), threading.Event())
    assert next(it) == {"i": 0}
    it.close()  # the caller stops early: the reader thread ends
    assert threading.active_count() <= before
