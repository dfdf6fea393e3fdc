"""The rows of a register report as a tree: a group row (with subtotals) for each value of every
grouping level but the last, the detail rows under it, and the grand total. Exact Decimals."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

from server.metadata import AccumulationRegister, RegisterKind

if TYPE_CHECKING:
    from server.api.reports import ReportColumn

RowKind = Literal["group", "item", "total"]
ZERO = Decimal(0)


@dataclass
class ReportRow:
    """``level``: depth in the tree (0 = first grouping level; the total has -1). ``keys``:
    the values of the levels down to this row's (what :meth:`Reports.movements` takes).
    ``label``: the item's name, a period's first day, or None (no group / not set)."""

    level: int
    kind: RowKind
    keys: dict[str, Any]
    label: Any
    values: dict[str, Decimal] = field(default_factory=dict)

    def add(self, values: dict[str, Decimal]) -> None:
        for k, v in values.items():
            self.values[k] = self.values.get(k, ZERO) + v


def _figures(
    raw: dict[str, Any], r: AccumulationRegister, columns: tuple[ReportColumn, ...]
) -> dict[str, Decimal]:
    """A row's figures; a balance register's closing balance is opening + receipts − expenses."""
    out: dict[str, Decimal] = {}
    for c in columns:
        if r.kind is RegisterKind.BALANCE and c.part == "close":
            base = c.key.removesuffix("_close")
            out[c.key] = out[f"{base}_open"] + out[f"{base}_in"] - out[f"{base}_out"]
        else:
            out[c.key] = Decimal(raw[c.key] or 0)
    return out


def build_rows(
    raw: list[dict[str, Any]],
    levels: tuple[str, ...],
    r: AccumulationRegister,
    columns: tuple[ReportColumn, ...],
) -> tuple[list[ReportRow], ReportRow]:
    """Rows in display order (``raw`` comes sorted level by level) and the grand total."""
    total = ReportRow(-1, "total", {}, None, {c.key: ZERO for c in columns})
    rows: list[ReportRow] = []
    open_groups: list[ReportRow] = []
    last = len(levels) - 1
    for item in raw:
        values = _figures(item, r, columns)
        path = {lv: item[f"g{i}"] for i, lv in enumerate(levels)}
        for k in range(last):
            keys = {lv: path[lv] for lv in levels[: k + 1]}
            if len(open_groups) > k and open_groups[k].keys == keys:
                continue
            del open_groups[k:]
            group = ReportRow(k, "group", keys, _label(item, levels, k))
            open_groups.append(group)
            rows.append(group)
        for g in open_groups:
            g.add(values)
        rows.append(ReportRow(last, "item", path, _label(item, levels, last), values))
        total.add(values)
    return rows, total


def _label(item: dict[str, Any], levels: tuple[str, ...], k: int) -> Any:
    name = item.get(f"n{k}")
    return item[f"g{k}"] if name is None and levels[k] == "period" else name
