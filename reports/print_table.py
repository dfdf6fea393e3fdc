"""A print form's lines table that breaks across pages like 1C's ТОРГ-12.

On every page the table spans, its heading row repeats and a "Total for page" row closes the
page with the sums of that page's lines; the last part then adds the document's totals. A table
that fits on one page has no page subtotal. The rows are built once by :class:`Lines`;
:class:`PagedTable` is one page's slice of them and splits itself when the frame is short.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from reportlab.lib import colors
from reportlab.platypus import Table, TableStyle

from reports.print_columns import BOLD, FONT, NARROW_PAD


@dataclass
class Lines:
    """The rows of a lines table and how to sum them; ``table`` makes a page's slice."""

    head: list[Any]
    body: list[list[Any]]
    widths: list[float]
    numeric: list[bool]  # per column, line number included
    sums: list[dict[int, Decimal]] = field(default_factory=list)  # per line: column -> value
    total_label: str = "Total"
    page_label: str = "Total for page"
    label_col: int = 1
    number: Any = str  # formats a Decimal sum
    totals: bool = True
    narrow: bool = False

    def _sum_row(self, label: str, start: int, stop: int) -> list[Any]:
        row: list[Any] = [""] * len(self.head)
        row[0] = label  # spans the columns up to the first sum
        cols = {c for s in self.sums for c in s}
        for c in cols:
            total = sum((s.get(c, Decimal(0)) for s in self.sums[start:stop]), Decimal(0))
            row[c] = self.number(total)
        return row

    def table(self, start: int = 0, stop: int | None = None, paged: bool = False) -> PagedTable:
        """Lines ``start:stop``; with ``paged`` a page subtotal row; the document's totals
        after the last line."""
        stop = len(self.body) if stop is None else stop
        rows = [self.head, *self.body[start:stop]]
        extra = 0
        if paged:
            rows.append(self._sum_row(self.page_label, start, stop))
            extra += 1
        final = stop == len(self.body) and self.totals and bool(self.sums)
        if final:
            rows.append(self._sum_row(self.total_label, 0, len(self.body)))
            extra += 1
        return PagedTable(self, rows, start, stop, extra, paged)

    def style(self, n_rows: int, extra: int) -> list[Any]:
        body_end = n_rows - extra - 1
        out: list[Any] = [
            ("FONT", (0, 0), (-1, -1), FONT, 8),
            ("FONT", (0, 0), (-1, 0), BOLD, 8),
            ("GRID", (0, 0), (-1, body_end), 0.4, colors.grey),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
        out += [("ALIGN", (i, 1), (i, -1), "RIGHT") for i, x in enumerate(self.numeric) if x]
        for r in range(n_rows - extra, n_rows):
            out += [
                ("FONT", (0, r), (-1, r), BOLD, 8),
                ("SPAN", (0, r), (self.label_col, r)),
                ("ALIGN", (0, r), (self.label_col, r), "RIGHT"),
            ]
        if self.narrow:
            out += [
                ("LEFTPADDING", (0, 0), (-1, -1), NARROW_PAD),
                ("RIGHTPADDING", (0, 0), (-1, -1), NARROW_PAD),
            ]
        return out


class PagedTable(Table):
    """A slice of :class:`Lines` that, split by the page's end, closes the page with a
    subtotal row and leaves the rest (heading repeated) to the next page."""

    def __init__(
        self, lines: Lines, rows: list[list[Any]], start: int, stop: int, extra: int, paged: bool
    ) -> None:
        super().__init__(rows, colWidths=lines.widths, repeatRows=1, hAlign="LEFT")
        self.setStyle(TableStyle(lines.style(len(rows), extra)))
        self._lines, self._start, self._stop, self._extra = lines, start, stop, extra

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        self._calc(availWidth, availHeight)
        heights = self._rowHeights
        sub = max(heights[-1] if self._extra else 0, 12.0)  # a subtotal row's height
        used = heights[0] + sub
        k = 0
        for h in heights[1 : 1 + self._stop - self._start]:
            if used + h > availHeight:
                break
            used += h
            k += 1
        if k == self._stop - self._start:
            k -= 1  # all the lines fit but not the totals: one line goes along with them
        if k <= 0:
            return []
        cut = self._start + k
        head = self._lines.table(self._start, cut, paged=True)
        rest = self._lines.table(cut, self._stop, paged=True)
        return [head, rest]
