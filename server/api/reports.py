"""The universal balance-and-turnover report of any accumulation register.

Driven by the register's declaration only: any register, with any dimensions and resources,
gets its report. A *balance* register shows, per grouping, the opening balance, receipts
(positive movements), expenses (negative movements, shown positive) and the closing balance
of each resource; a *turnover* register its turnovers, optionally per day or month. Filters
choose items per dimension (a group of a hierarchical catalog brings all its descendants);
grouping may use the top-level group of a hierarchical catalog's item. Rows come as a tree:
one group row per value of every level but the last (with its subtotals), detail rows, and the
grand total. :meth:`Reports.movements` lists the movements behind one row (drill-down).

See :mod:`server.api.report_sql` for how the figures are read without scanning the history.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal

from sqlalchemy import text

from server.api.lists import enabled_subsystems
from server.api.report_attrs import attributes
from server.api.report_drill import Movement, drill_movements
from server.api.report_rows import ReportRow, build_rows
from server.api.report_sql import (
    GROUP_SUFFIX,
    PARTS,
    PERIOD,
    Window,
    attribute_of,
    base_dim,
    catalog_of,
    expand_ids,
    filter_params,
    opening_backward,
    report_sql,
    value_key,
)
from server.api.session import Session
from server.config.reports import DERIVED, Derived
from server.errors import QT_TRANSLATE_NOOP, InvalidValue
from server.metadata import AccumulationRegister, Money, RegisterKind, Registry
from server.metadata.switched import off_names

Periodicity = Literal["", "day", "month"]
PERIODICITIES = ("", "day", "month")
WORK_MEM = "64MB"  # a report's aggregates hash in memory instead of sorting on disk
MOVEMENTS_LIMIT = 10_000  # rows a drill-down returns at most
#: How a register's report is named ({register}: its declared title), context ``Sections``.
REPORT_TITLES = {
    RegisterKind.BALANCE: QT_TRANSLATE_NOOP("Sections", "{register}: balance and turnover"),
    RegisterKind.TURNOVER: QT_TRANSLATE_NOOP("Sections", "{register}: turnover"),
}
PART_TITLES = {
    "open": "Opening balance",
    "in": "Receipts",
    "out": "Expenses",
    "close": "Closing balance",
    "turnover": "Turnover",
}


@dataclass(frozen=True)
class ReportSettings:
    """What the user asked for. ``grouping``: levels in order, each a dimension name or
    ``"<dim>.group"`` (the top-level group of a hierarchical catalog's item); empty means every
    dimension in declared order. ``filters``: dimension -> item or group ids (document ids of a
    document reference); a declared attribute (``customer.manager``) -> its text values. A
    report on one date (debts by age) has ``date_from`` = ``date_to``. ``periodicity``
    (turnover registers): one row per day or month inside the last grouping level."""

    register: str
    date_from: dt.date
    date_to: dt.date
    grouping: tuple[str, ...] = ()
    filters: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    periodicity: Periodicity = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "date_from": self.date_from.isoformat(),
            "date_to": self.date_to.isoformat(),
            "grouping": list(self.grouping),
            "filters": {k: list(v) for k, v in self.filters.items()},
            "periodicity": self.periodicity,
        }

    @classmethod
    def from_json(cls, register: str, data: dict[str, Any]) -> ReportSettings:
        return cls(
            register,
            dt.date.fromisoformat(data["date_from"]),
            dt.date.fromisoformat(data["date_to"]),
            tuple(data.get("grouping") or ()),
            {k: _filter_values(k, v) for k, v in (data.get("filters") or {}).items()},
            data.get("periodicity") or "",
        )


def _filter_values(key: str, values: list[Any]) -> tuple[Any, ...]:
    """Remembered filter values: ids, or the text values of an attribute (``a.b``)."""
    return tuple(str(v) for v in values) if "." in key else tuple(int(v) for v in values)


@dataclass(frozen=True)
class ReportColumn:
    """One figure column: ``key`` in :attr:`ReportRow.values`; ``title`` the resource's
    declared label, ``part`` which figure (:data:`PART_TITLES`), ``kind`` "qty" or "money"."""

    key: str
    resource: str
    title: str
    part: str
    kind: str


@dataclass(frozen=True)
class Report:
    settings: ReportSettings
    title: str
    levels: tuple[str, ...]
    level_titles: tuple[str, ...]
    columns: tuple[ReportColumn, ...]
    rows: list[ReportRow]
    total: ReportRow


def columns_of(r: AccumulationRegister) -> tuple[ReportColumn, ...]:
    out = []
    for res in r.resources:
        kind = "money" if isinstance(res, Money) else "qty"
        for part in PARTS[r.kind]:
            out.append(ReportColumn(value_key(res.column, part), res.name, res.label, part, kind))
    last = PARTS[r.kind][-1]
    out += [ReportColumn(d.key, d.key, d.title, last, d.kind) for d in DERIVED.get(r.name, ())]
    return tuple(out)


def derive(row: ReportRow, derived: tuple[Derived, ...]) -> None:
    """The computed columns of one row (a subtotal's from its own sums), in declared order; a
    percentage of a zero base is 0 (shown empty)."""
    v = row.values
    for d in derived:
        a, b = v.get(d.a, Decimal(0)), v.get(d.b, Decimal(0))
        if d.op == "minus":
            v[d.key] = a - b
        else:
            v[d.key] = (a * 100 / b).quantize(Decimal("0.01"), ROUND_HALF_UP) if b else Decimal(0)


def off_levels(reg: Registry, r: AccumulationRegister, enabled: Collection[str] | None) -> set[str]:
    """The dimensions of register ``r`` referring to a subsystem not ``enabled``, and the
    attribute levels reached through them or referring to such a catalog themselves."""
    off = off_names(reg, r.dimensions, enabled)
    for a in attributes(reg, r):
        target = reg.catalogs.get(a.target) if a.kind == "ref" else None
        gone = target is not None and enabled is not None and target.subsystem not in enabled
        if a.dim in off or gone:
            off.add(a.level)
    return off


def groupable(
    reg: Registry, r: AccumulationRegister, enabled: Collection[str] | None = None
) -> list[tuple[str, str]]:
    """Grouping levels a register offers: (level, English title): each dimension, and the
    top-level group of each dimension whose catalog is hierarchical — but no dimension of a
    subsystem not ``enabled`` (the warehouse while "Several warehouses" is off)."""
    out = []
    off = off_levels(reg, r, enabled)
    for d in r.dimensions:
        if d.name in off:
            continue
        out.append((d.name, d.label))
        c = catalog_of(reg, d)
        if c is not None and c.hierarchical:
            out.append((d.name + GROUP_SUFFIX, f"{d.label} group"))
    out += [(a.level, a.title) for a in attributes(reg, r) if a.level not in off]
    return out


def level_title(reg: Registry, r: AccumulationRegister, level: str) -> str:
    if level == PERIOD:
        return "Period"
    attr = attribute_of(reg, r, level)
    if attr is not None:
        return attr.title
    d = next(x for x in r.dimensions if x.name == base_dim(level))
    return f"{d.label} group" if level.endswith(GROUP_SUFFIX) else d.label


class Reports:
    """Builds reports and drill-downs (one transaction each); every identifier in their SQL
    comes from the declarations, every value the user chose is a bound parameter."""

    def __init__(
        self, session: Session, reg: Registry, enabled: Collection[str] | None = None
    ) -> None:
        self.session = session
        self.reg = reg
        self._enabled = enabled  # the switched-on subsystems (None: read them when needed)

    def enabled(self) -> Collection[str]:
        if self._enabled is None:
            self._enabled = frozenset(enabled_subsystems(self.session))
        return self._enabled

    def switched(self, s: ReportSettings) -> tuple[ReportSettings, set[str]]:
        """``s`` without the levels and filters of dimensions whose subsystem is off (a
        remembered warehouse grouping while "Several warehouses" is off: the report sums the
        warehouses); and those dimensions' names."""
        r = self.reg.register(s.register)
        off = off_levels(self.reg, r, self.enabled())
        if not off:
            return s, off
        kept = {k: v for k, v in s.filters.items() if k not in off and base_dim(k) not in off}
        grouping = tuple(lv for lv in s.grouping if lv not in off and base_dim(lv) not in off)
        return replace(s, grouping=grouping, filters=kept), off

    def _checked(
        self, s: ReportSettings
    ) -> tuple[AccumulationRegister, tuple[str, ...], ReportSettings]:
        r = self.reg.register(s.register)
        s, off = self.switched(s)
        offered = {lv for lv, _ in groupable(self.reg, r, self.enabled())}
        levels = s.grouping or tuple(d.name for d in r.dimensions if d.name not in off)
        for lv in levels:
            if lv not in offered:
                raise InvalidValue(
                    r.title, "Grouping", lv, QT_TRANSLATE_NOOP("errors", "is not a dimension")
                )
        if s.date_to < s.date_from:
            raise InvalidValue(
                r.title,
                "Period",
                f"{s.date_from} – {s.date_to}",
                QT_TRANSLATE_NOOP("errors", "ends before it begins"),
            )
        if s.periodicity not in PERIODICITIES:  # it becomes part of the SQL text
            raise InvalidValue(
                r.title,
                "Period",
                s.periodicity,
                QT_TRANSLATE_NOOP("errors", "must be one of: {choices}"),
                choices=", ".join(p for p in PERIODICITIES if p),
            )
        if s.periodicity and r.kind is RegisterKind.TURNOVER:
            levels = (*levels, PERIOD)
        return r, tuple(levels), s

    def run(self, s: ReportSettings) -> Report:
        """The report of ``s``: rows as a tree with subtotals, and the grand total."""
        r, levels, s = self._checked(s)
        names, params, expand = filter_params(self.reg, r, s.filters)
        bucket = (s.periodicity or None) if r.kind is RegisterKind.TURNOVER else None
        window = Window.of(s.date_from, s.date_to, months=bucket != "day")
        params.update(window.params())

        def work(conn: Any) -> list[tuple[Any, ...]]:
            expand_ids(self.reg, conn, params, expand)
            back = r.kind is RegisterKind.BALANCE and opening_backward(conn, r, params["m0"])
            sql = report_sql(self.reg, r, levels, names, bucket, backward=back)
            conn.exec_driver_sql(f"SET LOCAL work_mem = '{WORK_MEM}'")
            return [tuple(row) for row in conn.execute(text(sql), params).all()]

        columns = columns_of(r)
        derived = DERIVED.get(r.name, ())
        figures = [c.key for c in columns[: len(columns) - len(derived)]]
        rows, total = build_rows(self.session.run(work), levels, figures)
        for row in [*rows, total]:
            derive(row, derived)
        return Report(
            replace(s, grouping=tuple(lv for lv in levels if lv != PERIOD)),
            r.title,
            levels,
            tuple(level_title(self.reg, r, lv) for lv in levels),
            columns,
            rows,
            total,
        )

    def movements(
        self, s: ReportSettings, key: dict[str, Any], limit: int = MOVEMENTS_LIMIT
    ) -> list[Movement]:
        """The movements behind one row of the report of ``s``: ``key`` maps the row's
        grouping levels to their values (an item id, a top group id or None, a period's first
        day), within the report's period and filters; by moment, then recorder."""
        r, levels, s = self._checked(s)
        return drill_movements(self, r, s, levels, key, limit)


__all__ = [
    "Movement",
    "Report",
    "ReportColumn",
    "ReportRow",
    "ReportSettings",
    "Reports",
    "columns_of",
    "groupable",
]
