"""The rows of a register report as a tree: a group row (with subtotals) for each value of every
grouping level but the last, the detail rows under it, and the grand total. Exact Decimals."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

RowKind = Literal["group", "item", "total"]
ZERO = Decimal(0)


@dataclass
class ReportRow:
    """``level``: depth in the tree (0 = first grouping level; the total has -1). ``keys``:
    the values of the levels down to this row's (what :meth:`Reports.movements` takes).
    ``label``: the item's name, a period's first day, or None (no group / not set). ``ref``:
    what else the row stands for (an order line's product), for its drill-down."""

    level: int
    kind: RowKind
    keys: dict[str, Any]
    label: Any
    values: dict[str, Decimal] = field(default_factory=dict)
    ref: dict[str, Any] = field(default_factory=dict)


def build_rows(
    raw: list[tuple[Any, ...]], levels: tuple[str, ...], keys: list[str]
) -> tuple[list[ReportRow], ReportRow]:
    """Rows in display order and the grand total. ``raw`` comes sorted level by level, each
    row holding the level values, the figures (in ``keys`` order), then the level names."""
    n, width, last = len(levels), len(keys), len(levels) - 1
    total = [ZERO] * width
    rows: list[ReportRow] = []
    groups: list[tuple[tuple[Any, ...], ReportRow, list[Decimal]]] = []  # the open ones
    finished: list[tuple[ReportRow, list[Decimal]]] = []
    for item in raw:
        path, figures = item[:n], item[n : n + width]
        for k in range(last):
            if len(groups) > k and groups[k][0] == path[: k + 1]:
                continue
            del groups[k:]
            row = ReportRow(k, "group", dict(zip(levels, path[: k + 1], strict=False)), None)
            row.label = _label(item, levels, k)
            groups.append((path[: k + 1], row, [ZERO] * width))
            finished.append((row, groups[-1][2]))
            rows.append(row)
        for acc in [g[2] for g in groups] + [total]:
            for j, v in enumerate(figures):
                acc[j] += v
        keys_ = dict(zip(levels, path, strict=True))
        values = dict(zip(keys, figures, strict=True))
        rows.append(ReportRow(last, "item", keys_, _label(item, levels, last), values))
    for row, acc in finished:
        row.values = dict(zip(keys, acc, strict=True))
    return rows, ReportRow(-1, "total", {}, None, dict(zip(keys, total, strict=True)))


def _label(item: tuple[Any, ...], levels: tuple[str, ...], k: int) -> Any:
    """The name of level ``k`` (the names follow the figures), a period's first day."""
    if levels[k] == "period":
        return item[k]
    return item[len(item) - len(levels) + k]
