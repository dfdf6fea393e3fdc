"""Export of list rows to an Excel workbook (xlsx) with openpyxl in write-only mode.

Numbers stay numbers (a Decimal is written exactly, with a number format, never as float text),
dates stay dates, the header row is bold and frozen, and the active filters are written above
the table so a printout says what it shows. Column widths come from the first rows (write-only
mode must know them before the first row is written). Nothing here imports Qt: the caller
passes the headings, title and filter text, and the words for flags (``words``), translated.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

Column = tuple[str, str, str]  # row key, heading, kind (the list column kinds)
MONEY_FORMAT = "#,##0.00"
INT_FORMAT = "#,##0"
PERCENT_FORMAT = "0.00"  # a percentage as its number (12.50 means 12.5 %)
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
SAMPLE_ROWS = 500  # rows looked at to size the columns
MAX_WIDTH = 60
MAX_SCALE = 6


def number_format(kind: str, value: Any) -> str | None:
    """The Excel number format of a cell of column ``kind`` holding ``value``."""
    if isinstance(value, dt.datetime):
        return DATETIME_FORMAT
    if isinstance(value, dt.date):
        return DATE_FORMAT
    if kind == "money":
        return MONEY_FORMAT
    if kind == "int":
        return INT_FORMAT
    if kind == "percent":
        return PERCENT_FORMAT
    if isinstance(value, Decimal):  # quantities: as many decimals as the value has
        exponent = value.normalize().as_tuple().exponent
        scale = min(MAX_SCALE, -exponent) if isinstance(exponent, int) and exponent < 0 else 0
        return INT_FORMAT + ("." + "0" * scale if scale else "")
    if isinstance(value, int) and not isinstance(value, bool):
        return INT_FORMAT
    return None


#: flag words and the totals line's word; the client passes them translated
WORDS = {"posted": "Posted", "yes": "Yes", "total": "Total"}


def cell_value(kind: str, value: Any, words: dict[str, str] = WORDS) -> Any:
    """What the sheet stores for ``value``: numbers and dates as such, flags as words."""
    if value is None:
        return None
    if kind == "posted":
        return words["posted"] if value else ""
    if kind == "bool" or isinstance(value, bool):
        return words["yes"] if value else ""
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None) if value.tzinfo else value  # xlsx has no time zones
    if isinstance(value, (Decimal, int, float, dt.date)):
        return value
    if isinstance(value, dict) and "name" in value:  # a reference {id, name}
        return value["name"]
    return str(value)


def _text_width(kind: str, value: Any) -> int:
    if value is None or value == "":
        return 0
    if isinstance(value, dt.datetime):
        return len(DATETIME_FORMAT)
    if isinstance(value, dt.date):
        return len(DATE_FORMAT)
    if isinstance(value, (Decimal, int, float)) and not isinstance(value, bool):
        digits = len(f"{abs(value):.{2 if kind == 'money' else 0}f}")
        return digits + digits // 3 + 4  # group separators, decimals, sign
    return max((len(line) for line in str(value).splitlines()), default=0)


def column_widths(
    columns: Sequence[Column], rows: Sequence[dict[str, Any]], words: dict[str, str] = WORDS
) -> list[float]:
    """Widths (in characters) fitting the header and the sampled rows, capped."""
    widths = []
    for key, title, kind in columns:
        longest = max(
            (_text_width(kind, cell_value(kind, r.get(key), words)) for r in rows), default=0
        )
        widths.append(min(MAX_WIDTH, max(longest, len(title), 4) + 2))
    return widths


def export_rows(
    columns: list[Column],
    rows: Iterable[dict[str, Any]],
    path: str | os.PathLike[str],
    title: str,
    filters_text: str = "",
    words: dict[str, str] = WORDS,
) -> int:
    """Write ``rows`` under a title, the filter description and a header; return the row count.

    Below the rows a bold totals line sums the money columns (exactly, as Decimals), with the
    word ``words["total"]``; an autofilter covers the header and the rows. ``rows`` may be a lazy
    iterator (a list read page by page): it is consumed once, and only the first rows are held
    for sizing the columns. The sheet is streamed by :class:`reports.xlsx_writer.SheetWriter`
    (100,000 rows in a few seconds); the file appears only when complete, so a failed or
    cancelled export leaves nothing behind.
    """
    from reports.xlsx_writer import SheetWriter, Style

    it = iter(rows)
    sample = list(itertools.islice(it, SAMPLE_ROWS))
    lines = [line for line in (filters_text or "").splitlines() if line.strip()]
    header_row = len(lines) + 3  # title, filter lines, an empty row, then the header
    widths = column_widths(columns, sample, words)
    with SheetWriter(path, _sheet_title(title), widths, header_row + 1) as out:
        styles = out.styles
        out.append([(title, styles.id(Style(bold=True, size=14)))])
        italic = styles.id(Style(italic=True))
        for line in lines:
            out.append([(line, italic)])
        out.append([])
        head = styles.id(Style(bold=True, wrap=True))
        out.append([(t, head) for _, t, _ in columns])
        by_format: dict[str | None, int] = {None: 0}
        money = [i for i, (_, _, kind) in enumerate(columns) if kind == "money"]
        totals = [Decimal(0) for _ in columns]
        count = 0
        for row in itertools.chain(sample, it):
            cells = []
            for key, _, kind in columns:
                value = cell_value(kind, row.get(key), words)
                fmt = number_format(kind, value)
                style = by_format.get(fmt)
                if style is None:
                    style = by_format[fmt] = styles.id(Style(number_format=fmt or "General"))
                cells.append((value, style))
            for i in money:
                value = cells[i][0]
                if isinstance(value, (Decimal, int)):
                    totals[i] += value
            out.append(cells)
            count += 1
        out.autofilter(header_row, header_row + count, len(columns))
        if money and count:
            out.append(_totals_line(columns, totals, money, words, styles))
    return count


def _totals_line(
    columns: list[Column],
    totals: list[Decimal],
    money: list[int],
    words: dict[str, str],
    styles: Any,
) -> list[tuple[Any, int]]:
    """The bold line under a list: the sums of its money columns, "Total" before the first."""
    from reports.xlsx_writer import Style

    bold, bold_money = styles.id(Style(bold=True)), styles.id(Style(MONEY_FORMAT, bold=True))
    line: list[tuple[Any, int]] = [(None, 0)] * len(columns)
    for i in money:
        line[i] = (totals[i], bold_money)
    if money[0] > 0:
        line[money[0] - 1 if money[0] - 1 not in money else 0] = (words.get("total", "Total"), bold)
    return line


def save_atomically(wb: Workbook, target: Path) -> None:
    """Save next to ``target`` and rename: the file appears only when complete."""
    tmp = target.with_name(f".{target.name}.part")
    try:
        wb.save(tmp)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def _cell(
    ws: WriteOnlyWorksheet, kind: str, raw: Any, words: dict[str, str]
) -> WriteOnlyCell | Any:
    value = cell_value(kind, raw, words)
    fmt = number_format(kind, value)
    if fmt is None:
        return value
    cell = WriteOnlyCell(ws, value=value)
    cell.number_format = fmt
    return cell


def _styled(
    ws: WriteOnlyWorksheet, value: Any, font: Font, alignment: Alignment | None = None
) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=value)
    cell.font = font
    if alignment is not None:
        cell.alignment = alignment
    return cell


def _discard(ws: WriteOnlyWorksheet) -> None:
    """Remove the temporary file of an abandoned write-only sheet (best effort)."""
    writer = getattr(ws, "_writer", None)
    out = getattr(writer, "out", None)
    if isinstance(out, str):
        Path(out).unlink(missing_ok=True)


def _sheet_title(title: str) -> str:
    """A valid sheet name: at most 31 characters, none of ``[]:*?/\\``."""
    clean = "".join(" " if ch in "[]:*?/\\" else ch for ch in title).strip()
    return (clean or "List")[:31]


ReportLine = tuple[str, int, bool, list[Any]]  # label, indent level, bold, figures


def export_report(
    path: str | os.PathLike[str],
    title: str,
    heading: list[str],
    columns: list[Column],
    lines: list[ReportLine],
) -> int:
    """Write a report: its title, ``heading`` lines (period, filters), a frozen header row of
    ``columns`` (the first one the grouping), then ``lines`` — the grouping label indented by
    level, figures as numbers with a number format, group and total lines bold. Returns the
    number of lines; the file appears only when complete."""
    target = Path(path)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=_sheet_title(title))
    longest = max((len(label) + 2 * level for label, level, _, _ in lines), default=0)
    ws.column_dimensions["A"].width = min(MAX_WIDTH, max(longest, len(columns[0][1]), 10) + 2)
    for i, (_, head, _) in enumerate(columns[1:], start=2):
        width = max(len(part) for part in head.splitlines()) if head else 0
        ws.column_dimensions[get_column_letter(i)].width = max(width + 2, 16)
    header_row = len(heading) + 3
    ws.freeze_panes = f"B{header_row + 1}"
    ws.append([_styled(ws, title, Font(bold=True, size=14))])
    for line in heading:
        ws.append([_styled(ws, line, Font(italic=True))])
    ws.append([])
    wrap = Alignment(vertical="top", wrap_text=True)
    ws.append([_styled(ws, head, Font(bold=True), wrap) for _, head, _ in columns])
    fonts = {False: Font(), True: Font(bold=True)}  # shared: a style object per cell is slow
    indents: dict[int, Alignment] = {}
    formats = [number_format(kind, Decimal(0)) for _, _, kind in columns[1:]]
    for label, level, bold, figures in lines:
        first = WriteOnlyCell(ws, value=label)
        first.font = fonts[bold]
        first.alignment = indents.setdefault(level, Alignment(indent=level))
        cells: list[Any] = [first]
        for (_, _, kind), fmt, value in zip(columns[1:], formats, figures, strict=True):
            cell = WriteOnlyCell(ws, value=cell_value(kind, value))
            cell.number_format = number_format(kind, cell.value) or fmt or "General"
            if bold:
                cell.font = fonts[True]
            cells.append(cell)
        ws.append(cells)
    total = 1 if lines and lines[-1][2] and lines[-1][1] == 0 else 0
    last = get_column_letter(len(columns))
    ws.auto_filter.ref = f"A{header_row}:{last}{header_row + len(lines) - total}"
    save_atomically(wb, target)
    return len(lines)
