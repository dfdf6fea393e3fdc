"""Reading a workbook (.xlsx) or a .csv file into a heading row and data rows, and turning a
cell into what a declared field validates (no Qt here: the import runs server-side).

Cells keep their row number in the sheet, so a refusal names the row the user sees in Excel.
A number cell read as a float becomes the exact decimal it shows (``12.3``, never
``12.300000000000000710…``); NaN and infinities stay refused by the field's own check.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from server.errors import QT_TRANSLATE_NOOP, InvalidValue, Owner
from server.metadata import Bool, DateField, Field, Int, Number, String

CSV_ENCODINGS = ("utf-8-sig", "cp1251")
_YES = {"1", "yes", "y", "true", "x", "+", "да", "д", "истина"}
_NO = {"0", "no", "n", "false", "-", "нет", "н", "ложь"}
_GROUPS = re.compile(r"(?<=\d)[\s\u00a0\u202f](?=\d{3}(\D|$))")  # "1 234,5": digit groups
_DAY_FIRST = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$")


@dataclass
class Sheet:
    """The heading row and the data rows of one sheet; ``numbers[i]`` is row i's number."""

    name: str
    headings: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)


def sheet_names(path: str | Path) -> list[str]:
    """The sheets of a workbook (a .csv file has one, named after the file)."""
    p = Path(path)
    if p.suffix.lower() == ".csv":
        return [p.stem]
    from openpyxl import load_workbook

    wb = load_workbook(p, read_only=True)
    try:
        return list(wb.sheetnames)
    finally:
        wb.close()


def _cells(raw: list[list[Any]], name: str) -> Sheet:
    """The first non-empty row is the headings; empty rows after it are skipped."""
    rows = [[None if v == "" else v for v in r] for r in raw]
    start = next((i for i, r in enumerate(rows) if any(v is not None for v in r)), len(rows))
    if start == len(rows):
        return Sheet(name, [])
    headings = [str(v).strip() if v is not None else "" for v in rows[start]]
    while headings and not headings[-1]:
        headings.pop()
    sheet = Sheet(name, headings)
    for i in range(start + 1, len(rows)):
        r = rows[i][: len(headings)]
        if any(v is not None and str(v).strip() for v in r):
            sheet.rows.append(r + [None] * (len(headings) - len(r)))
            sheet.numbers.append(i + 1)
    return sheet


def _read_csv(p: Path) -> Sheet:
    data = p.read_bytes()
    for enc in CSV_ENCODINGS:
        try:
            content = data.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1251 decodes any byte
        content = data.decode("latin-1")
    try:
        dialect: Any = csv.Sniffer().sniff(content[:4096], delimiters=";,\t")
    except csv.Error:
        dialect = csv.excel
    return _cells([list(r) for r in csv.reader(io.StringIO(content), dialect)], p.stem)


def read_sheet(path: str | Path, sheet: str | None = None) -> Sheet:
    """The headings and rows of ``sheet`` (the first one when None) of a .xlsx or .csv file."""
    p = Path(path)
    if p.suffix.lower() == ".csv":
        return _read_csv(p)
    from openpyxl import load_workbook

    wb = load_workbook(p, read_only=True, data_only=True)
    try:
        ws = wb[sheet] if sheet else wb.worksheets[0]
        return _cells([list(r) for r in ws.iter_rows(values_only=True)], ws.title)
    finally:
        wb.close()


def _number_text(value: Any) -> Any:
    """A cell as a number field takes it: floats exactly as shown, text without digit groups."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return "NaN" if math.isnan(value) else str(value)
        return Decimal(repr(value))
    if isinstance(value, str):
        return _GROUPS.sub("", value.strip())
    return value


def _bool(f: Field, value: Any, owner: Owner) -> bool:
    text = str(value).strip().lower()
    if isinstance(value, bool):
        return value
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise InvalidValue(owner, f.label, value, QT_TRANSLATE_NOOP("errors", "must be yes or no"))


def _date(f: Field, value: Any, owner: Owner) -> Any:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str):
        m = _DAY_FIRST.match(value.strip())
        if m:
            try:
                return dt.date(int(m[3]), int(m[2]), int(m[1]))
            except ValueError:
                pass
            raise InvalidValue(
                owner, f.label, value, QT_TRANSLATE_NOOP("errors", "is not a date (YYYY-MM-DD)")
            )
        return value.strip()
    return value


def cell_value(f: Field, value: Any, owner: Owner) -> Any:
    """A cell converted to what ``f.validate`` takes (a reference is resolved elsewhere)."""
    if isinstance(value, str) and not value.strip():
        value = None
    if value is None:
        return None
    if isinstance(f, Number):
        return _number_text(value)
    if isinstance(f, Int):
        v = _number_text(value)
        if isinstance(v, Decimal) and v == v.to_integral_value():
            return int(v)
        return v if not isinstance(v, Decimal) else str(v)
    if isinstance(f, Bool):
        return _bool(f, value, owner)
    if isinstance(f, DateField):
        return _date(f, value, owner)
    if isinstance(f, String):
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        if isinstance(value, dt.datetime):
            return value.date().isoformat()
        return str(value).strip() if not isinstance(value, str) else value.strip()
    return value
