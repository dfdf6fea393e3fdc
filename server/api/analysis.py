"""The result of an analysis (funnel, ABC, XYZ, BCG, KPIs, marketing): a table the client shows,
charts and exports to Excel, computed by PostgreSQL from the registers and catalogs.

Columns are ``(key, title, kind)`` as the list export takes them (reports/excel.py); ``chart``
says which columns the picture draws, so the client needs no knowledge of each analysis.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

Column = tuple[str, str, str]  # key, title, kind ("text", "money", "qty", "int", "percent")


@dataclass(frozen=True)
class Chart:
    """What to draw: ``kind`` bar | funnel | pareto | scatter | grouped; ``label`` the column
    naming each item; ``values`` the measured columns; ``line`` a second axis (pareto's
    cumulative share); ``color`` a class column colouring the items; scatter: x and y."""

    kind: str
    label: str
    values: tuple[str, ...]
    line: str | None = None
    color: str | None = None
    x: str | None = None
    y: str | None = None
    guides: tuple[Decimal | None, Decimal | None] = (None, None)  # scatter: quadrant lines


@dataclass
class Analysis:
    title: str
    columns: list[Column]
    rows: list[dict[str, Any]]
    chart: Chart | None = None
    notes: list[str] = field(default_factory=list)  # how it was computed, for the reader


def period_params(start: dt.date, end: dt.date) -> dict[str, Any]:
    """The query parameters of a period of whole days: ``:f`` its start, ``:t`` the day after."""
    return {"f": start, "t": end + dt.timedelta(days=1)}


def percent(part: Decimal | int, whole: Decimal | int) -> Decimal | None:
    """``part`` of ``whole`` in percent, rounded half-up to 0.01 (None when whole is 0)."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), ROUND_HALF_UP)
