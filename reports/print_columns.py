"""Column widths and headings of a print form's lines table.

Each column needs at least its heading's longest word (headings wrap between words only) and,
a number, its widest usual value; a text column wants more (a reference 45 mm, other text
30 mm). The columns fill the page's text width: the room left goes to the text columns; when
short, the text columns give way down to their need, then the cells lose padding; when that is
still too wide, every column narrows alike and a heading whose word no longer fits takes a
smaller font (never a word broken in two).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Paragraph

from server.metadata import Bool, DocRef, Field, Int, Money, Number, Ref, String

FONT, BOLD = "DejaVuSans", "DejaVuSans-Bold"
SIZE = 8  # points: cells and headings
TABLE_PAD, NARROW_PAD = 6, 2  # points left and right inside a cell (ReportLab's default: 6)
MIN_HEADING_SIZE = 5.5  # points: a heading's font shrinks no further
LINE_NO_WIDTH = 10 * mm


def _sample(f: Field) -> str:
    """The widest usual value of a number column."""
    if isinstance(f, Number) and f.maximum is not None and f.maximum <= 100:
        return "100.00"
    if isinstance(f, Money):
        return "99 999.99"
    return "9 999.999" if isinstance(f, Number) else "99 999"


def is_number(f: Field) -> bool:
    return isinstance(f, Number | Int)


def _needs(fields: Sequence[Field], titles: Sequence[str], pad: float) -> list[float]:
    out = []
    for f, title in zip(fields, titles, strict=True):
        words = title.split() or [""]
        need = max(pdfmetrics.stringWidth(w, BOLD, SIZE) for w in words)
        if is_number(f):
            need = max(need, pdfmetrics.stringWidth(_sample(f), FONT, SIZE))
        out.append(need + 2 * pad + 1)
    return out


def _wants(fields: Sequence[Field], needs: list[float]) -> list[float]:
    def want(f: Field) -> float:
        if is_number(f) or isinstance(f, Bool):
            return 0
        if isinstance(f, String) and f.max_len <= 20:  # a unit, a code
            return 15 * mm
        return 45 * mm if isinstance(f, Ref | DocRef) else 30 * mm

    return [max(n, want(f)) for f, n in zip(fields, needs, strict=True)]


def column_widths(
    fields: Sequence[Field], titles: Sequence[str], width: float
) -> tuple[list[float], bool]:
    """The line number's width, then each column's; whether the cells lost their padding."""
    room = width - LINE_NO_WIDTH
    needs = _needs(fields, titles, TABLE_PAD)
    narrow = sum(needs) > room
    if narrow:
        needs = _needs(fields, titles, NARROW_PAD)
    wants = _wants(fields, needs)
    text = [i for i, f in enumerate(fields) if wants[i] > needs[i] or not is_number(f)]
    text = text or list(range(len(fields)))
    out = list(wants)
    spare = room - sum(wants)
    if spare >= 0:  # the room left goes to the text columns, by what they want
        share = sum(wants[i] for i in text) or 1
        for i in text:
            out[i] += spare * wants[i] / share
    elif sum(needs) <= room:  # the text columns give way, by what they can give
        can = sum(wants[i] - needs[i] for i in text)
        for i in text:
            out[i] -= (wants[i] - needs[i]) * -spare / can
    else:  # every column narrows alike
        out = [n * room / sum(needs) for n in needs]
    return [LINE_NO_WIDTH, *out], narrow


def heading(text: str, style: ParagraphStyle, room: float) -> Paragraph:
    """A column heading that wraps between words only: when its longest word is wider than
    the column's ``room`` (points inside the padding), the heading's font shrinks until it
    fits (not below :data:`MIN_HEADING_SIZE`)."""
    words = text.split() or [""]
    widest = max(pdfmetrics.stringWidth(w, style.fontName, style.fontSize) for w in words)
    if widest > room > 0:
        size = max(MIN_HEADING_SIZE, math.floor(style.fontSize * room / widest * 10) / 10)
        leading = size * style.leading / style.fontSize
        style = ParagraphStyle(f"{style.name}_{size}", style, fontSize=size, leading=leading)
    return Paragraph(escape(text), style)
