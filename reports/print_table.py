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
from reportlab.platypus import Flowable, Table, TableStyle

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
    heights: list[float] = field(default_factory=list)  # each line's, once measured
    head_h: float = 0.0
    sum_h: float = 0.0

    def _sum_row(self, label: str, start: int, stop: int) -> list[Any]:
        row: list[Any] = [""] * len(self.head)
        row[0] = label  # spans the columns up to the first sum
        cols = {c for s in self.sums for c in s}
        for c in cols:
            total = sum((s.get(c, Decimal(0)) for s in self.sums[start:stop]), Decimal(0))
            row[c] = self.number(total)
        return row

    def table(self, start: int = 0, stop: int | None = None, paged: bool = False) -> PagedTable:
        """Lines ``start:stop``; with ``paged`` a page subtotal row (when the table sums
        anything); the document's totals after the last line."""
        stop = len(self.body) if stop is None else stop
        rows = [self.head, *self.body[start:stop]]
        extra = 0
        if paged and self.sums:
            rows.append(self._sum_row(self.page_label, start, stop))
            extra += 1
        if stop == len(self.body) and self.totals and self.sums:
            rows.append(self._sum_row(self.total_label, 0, len(self.body)))
            extra += 1
        return PagedTable(self, rows, start, stop, extra)

    def measure(self, table: PagedTable) -> None:
        """Keep the heights of the heading, every line and a sum row, from the whole table
        (measured once: the pages' slices are cut without measuring the rest again)."""
        h = table._rowHeights
        n = len(self.body)
        self.heights = list(h[1 : 1 + n])
        self.head_h = h[0]
        self.sum_h = h[-1] if table._extra else 0.0

    def rest_height(self, start: int) -> float:
        sums = (1 if self.sums else 0) + (1 if self.totals and self.sums else 0)
        return self.head_h + sum(self.heights[start:]) + sums * self.sum_h

    def split(self, start: int, height: float) -> list[Any]:
        """This page's slice from line ``start`` (closed by its subtotal) and the rest."""
        used = self.head_h + (self.sum_h if self.sums else 0)
        k = 0
        for h in self.heights[start:]:
            if used + h > height:
                break
            used += h
            k += 1
        if start + k == len(self.body):
            k -= 1  # all the lines fit but not the totals: one line goes along with them
        if k <= 0:
            return []
        return [self.table(start, start + k, paged=True), Rest(self, start + k)]

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
        self, lines: Lines, rows: list[list[Any]], start: int, stop: int, extra: int
    ) -> None:
        super().__init__(rows, colWidths=lines.widths, repeatRows=1, hAlign="LEFT")
        self.setStyle(TableStyle(lines.style(len(rows), extra)))
        self._lines, self._start, self._stop, self._extra = lines, start, stop, extra

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        if getattr(self, "_rowHeights", None) is None:
            self._calc(availWidth, availHeight)
        if self._start != 0 or self._stop != len(self._lines.body):
            return super().split(availWidth, availHeight)  # a page's slice: never split again
        self._lines.measure(self)
        return self._lines.split(0, availHeight)


class Rest(Flowable):
    """The lines from ``start`` on, not yet laid out: sized from the heights measured once,
    split into a page's slice and a further rest, drawn as a table when it fits."""

    def __init__(self, lines: Lines, start: int) -> None:
        super().__init__()
        self._lines, self._start = lines, start

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = sum(self._lines.widths)
        self.height = self._lines.rest_height(self._start)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        return self._lines.split(self._start, availHeight)

    def draw(self) -> None:
        t = self._lines.table(self._start, paged=True)
        t.wrapOn(self.canv, self.width, self.height)
        t.drawOn(self.canv, 0, 0)
