"""The refusals of an import saved as a workbook: the refused rows as they were in the sheet,
each with its row number and every reason, so the user can fix them and import that file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from server.api.import_sheet import Sheet
from server.errors import Template


def _english(reason: Template | str) -> str:
    return reason.render() if isinstance(reason, Template) else reason


def refusal_rows(
    sheet: Sheet, report: Any, render: Callable[[Template | str], str] = _english
) -> list[list[Any]]:
    """Row number, the row's cells, and its reasons ("Column: reason; …"), by row."""
    reasons: dict[int, list[str]] = {}
    for e in report.errors:
        text = render(e.reason)
        reasons.setdefault(e.row, []).append(f"{e.column}: {text}" if e.column else text)
    cells = dict(zip(sheet.numbers, sheet.rows, strict=True))
    return [[n, *cells.get(n, []), "; ".join(r)] for n, r in sorted(reasons.items())]


def save_refusals(
    sheet: Sheet,
    report: Any,
    path: str | Path,
    render: Callable[[Template | str], str] = _english,
    titles: tuple[str, str] = ("Row", "Reason"),
) -> Path:
    """Write the refused rows to ``path`` (.xlsx) with a frozen, bold heading row."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = (sheet.name or "Refused")[:31]
    ws.append([titles[0], *sheet.headings, titles[1]])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in refusal_rows(sheet, report, render):
        ws.append([v if not isinstance(v, float) or v == v else str(v) for v in row])
    ws.freeze_panes = "A2"
    ws.column_dimensions[ws.cell(1, len(sheet.headings) + 2).column_letter].width = 60
    wb.save(path)
    return Path(path)
