"""The settings panel of a report: period (or one date), grouping (which levels, in which
order), the breakdown of a turnover by day or month, a filter per dimension (catalog items and
groups, or documents) and per declared attribute (a manager's login) — all offered from the
declarations: a register's (:func:`register_spec`) or a trade report's (:func:`trade_spec`).
:meth:`ReportSettingsPanel.settings` gives what the server takes; :meth:`saved` /
:meth:`restore` what is remembered per user (with the chosen items' names).

Strings use the translation context ``ReportSettingsPanel`` (the presets: ``FilterBar``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from forms import date_keys, switched_on
from forms.dim_filter import ChoiceFilter, DimFilter, TextFilter
from forms.formatting import date_format, date_text
from forms.list_filters import MONTH, PRESETS, TODAY, WEEK, YEAR, period_range
from forms.report_model import attribute_title, level_heading
from forms.texts import meta_tr
from server.api.report_attrs import added_attributes, attributes
from server.api.report_sql import Dim, base_dim, catalog_of
from server.api.reports import ReportSettings, groupable
from server.config.reports import Attribute, TradeReport
from server.metadata import AccumulationRegister, DocRef, Ref, RegisterKind, Registry

if TYPE_CHECKING:
    from sqlalchemy import Engine

LEVEL_ROLE = Qt.ItemDataRole.UserRole
PERIOD_PRESETS = (TODAY, WEEK, MONTH, YEAR)
PERIODICITIES = (
    ("", QT_TRANSLATE_NOOP("ReportSettingsPanel", "No breakdown")),
    ("day", QT_TRANSLATE_NOOP("ReportSettingsPanel", "By day")),
    ("month", QT_TRANSLATE_NOOP("ReportSettingsPanel", "By month")),
)
BOUNDS = (
    QT_TRANSLATE_NOOP("ReportSettingsPanel", "From"),
    QT_TRANSLATE_NOOP("ReportSettingsPanel", "To"),
)


@dataclass(frozen=True)
class PanelSpec:
    """What a report's settings offer: ``levels`` to group by (none: fixed grouping),
    ``dimensions`` and ``attributes`` to filter by, a ``turnover``'s breakdown, ``on_date``
    one date instead of a period, the period ``preset`` of a first visit."""

    name: str
    levels: tuple[tuple[str, str], ...]
    dimensions: tuple[Dim, ...]
    attributes: tuple[Attribute, ...] = ()
    turnover: bool = False
    on_date: bool = False
    preset: str = MONTH


def register_spec(reg: Registry, r: AccumulationRegister) -> PanelSpec:
    """The universal report of register ``r``: any grouping, every dimension's filter."""
    return PanelSpec(
        r.name,
        tuple(groupable(reg, r)),
        tuple(r.dimensions),
        attributes(reg, r),
        turnover=r.kind is RegisterKind.TURNOVER,
    )


def trade_spec(reg: Registry, t: TradeReport) -> PanelSpec:
    """A trade report: its register's filters (or its own), its date or period (a year)."""
    if t.register:
        r = reg.register(t.register)
        dims, attrs = tuple(r.dimensions), attributes(reg, r)
    else:
        dims, attrs = t.filters, (*t.attributes, *added_attributes(reg, t.filters))
    return PanelSpec(
        t.name, (), dims, attrs, on_date=t.on_date, preset=TODAY if t.on_date else YEAR
    )


def _py(d: QDate) -> dt.date:
    return dt.date(d.year(), d.month(), d.day())


def _qt(d: dt.date) -> QDate:
    return QDate(d.year, d.month, d.day)


class ReportSettingsPanel(QWidget):
    """The choices of one report."""

    switched = Signal()  # what it offers changed with a subsystem switch

    def __init__(self, engine: Engine, reg: Registry, spec: PanelSpec, parent: QWidget) -> None:
        super().__init__(parent)
        self.spec = spec
        self._quiet = False  # the period is being set by a preset, not typed
        left = QFormLayout()
        period = self._period_row()
        left.addRow(self.tr("On date:") if spec.on_date else self.tr("Period:"), period)
        self.grouping = QListWidget(self)
        self.grouping.setAccessibleName(self.tr("Group by"))
        self.grouping.setToolTip(
            self.tr("Tick the levels to group by; drag them (or Alt+Up/Down) to reorder")
        )
        self.grouping.setDragDropMode(QListWidget.DragDropMode.InternalMove)
        for level, title in spec.levels:
            item = QListWidgetItem(level_heading(level, title), self.grouping)
            item.setData(LEVEL_ROLE, level)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.grouping.setMinimumWidth(self.fontMetrics().horizontalAdvance("0") * 16)
        rows = max(self.grouping.count(), 2)
        self.grouping.setMaximumHeight(self.fontMetrics().lineSpacing() * (rows + 1))
        self.grouping.installEventFilter(self)
        if spec.levels:
            left.addRow(self.tr("Group by:"), self.grouping)
        else:
            self.grouping.hide()
        self.periodicity: QComboBox | None = None
        if spec.turnover:
            self.periodicity = QComboBox(self)
            for key, text in PERIODICITIES:
                self.periodicity.addItem(self.tr(text), key)
            self.periodicity.setAccessibleName(self.tr("Breakdown"))
            left.addRow(self.tr("Breakdown:"), self.periodicity)
        right = self._right = QFormLayout()
        self.reg = reg
        self.filters: dict[str, DimFilter] = {}
        for d in spec.dimensions:
            catalog = catalog_of(reg, d)
            doc = reg.documents.get(d.target) if isinstance(d, DocRef) else None
            if catalog is None and doc is None:
                continue
            self.filters[d.name] = DimFilter(engine, d, catalog, self, document=doc)
            right.addRow(f"{meta_tr(d.label)}:", self.filters[d.name])
        self.texts: dict[str, TextFilter | ChoiceFilter] = {}
        for a in spec.attributes:
            self._attribute_filter(engine, reg, a, right)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left, 2)
        layout.addLayout(right, 3)
        self.off: set[str] = set()  # dimensions of switched-off subsystems (hidden)
        self.restore({})
        self.apply_switches()
        switched_on.subscribe(self.apply_switches)

    def apply_switches(self) -> None:
        """Hide the grouping levels and filters of dimensions referring to a switched-off
        subsystem (the warehouse while "Several warehouses" is off; the report then sums over
        it); they come back, as they were chosen, when it is switched on."""
        added = [f.dim for n, f in self.filters.items() if n != base_dim(n)]  # attributes
        off = switched_on.off_fields(self.reg, [*self.spec.dimensions, *added])
        changed, self.off = off != self.off, off
        self._hide_levels()
        for name, w in [*self.filters.items(), *self.texts.items()]:
            self._right.setRowVisible(w, not self.is_off(name))
        if changed:
            self.switched.emit()

    def _hide_levels(self) -> None:
        """Hide the levels of :attr:`off` (again after :meth:`set_levels` re-adds the items:
        a row's hidden state belongs to the view, not to the item)."""
        for i in range(self.grouping.count()):
            item = self.grouping.item(i)
            item.setHidden(self.is_off(str(item.data(LEVEL_ROLE))))

    def is_off(self, level: str) -> bool:
        """A level or filter of a dimension (or a reference attribute) whose subsystem is off."""
        return level in self.off or base_dim(level) in self.off

    def shown_levels(self) -> list[str]:
        """The grouping levels offered now (ticked or not)."""
        items = [self.grouping.item(i) for i in range(self.grouping.count())]
        return [str(i.data(LEVEL_ROLE)) for i in items if not i.isHidden()]

    def shown_filters(self) -> list[str]:
        """The dimensions and attributes offered as filters now."""
        return [n for n in [*self.filters, *self.texts] if not self.is_off(n)]

    def _attribute_filter(
        self, engine: Engine, reg: Registry, a: Attribute, form: QFormLayout
    ) -> None:
        """The filter of attribute ``a``: items of a reference's catalog, a choice's option,
        typed text values (numbers and dates are only grouped by)."""
        title = attribute_title(a.title)
        if a.kind == "ref":
            dim = Ref(a.level, title, target=a.target)
            self.filters[a.level] = w = DimFilter(engine, dim, reg.catalogs[a.target], self)
        elif a.kind == "choice":
            self.texts[a.level] = w = ChoiceFilter(title, a.options, self)
        elif a.kind == "text":
            self.texts[a.level] = w = TextFilter(title, self)
        else:
            return
        form.addRow(f"{title}:", w)

    def _period_row(self) -> QWidget:
        box = QWidget(self)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        self.preset = QComboBox(box)
        self.preset.addItem(self.tr("Custom period"), "")
        for key, text in PRESETS:
            if key in PERIOD_PRESETS:
                self.preset.addItem(QCoreApplication.translate("FilterBar", text), key)
        self.preset.setAccessibleName(self.tr("Period preset"))
        self.preset.activated.connect(self._apply_preset)
        self.date_from, self.date_to = QDateEdit(box), QDateEdit(box)
        for edit, name in zip((self.date_from, self.date_to), BOUNDS, strict=True):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(date_format(self.locale()))
            edit.setAccessibleName(self.tr(name))
            date_keys.install(edit)
            edit.dateChanged.connect(self._custom)
        dash = QLabel("–", box)
        row.addWidget(self.preset)
        row.addWidget(self.date_from)
        row.addWidget(dash)
        row.addWidget(self.date_to)
        row.addStretch(1)
        if self.spec.on_date:  # one date: the end of the period
            self.date_to.setAccessibleName(self.tr("On date"))
            for w in (self.preset, self.date_from, dash):
                w.hide()
        return box

    def _apply_preset(self) -> None:
        span = period_range(str(self.preset.currentData()), dt.date.today())
        if span is not None:
            self.set_period(*span, preset=str(self.preset.currentData()))

    def _custom(self) -> None:
        if not self._quiet:
            self.preset.setCurrentIndex(0)

    def set_period(self, start: dt.date, end: dt.date, preset: str = "") -> None:
        self._quiet = True
        try:
            self.date_from.setDate(_qt(start))
            self.date_to.setDate(_qt(end))
        finally:
            self._quiet = False
        self.preset.setCurrentIndex(max(self.preset.findData(preset), 0))

    # -- what the user chose ---------------------------------------------------------------
    def levels(self) -> tuple[str, ...]:
        items = [self.grouping.item(i) for i in range(self.grouping.count())]
        return tuple(
            str(i.data(LEVEL_ROLE))
            for i in items
            if i.checkState() == Qt.CheckState.Checked and not i.isHidden()
        )

    def set_levels(self, levels: tuple[str, ...] | list[str]) -> None:
        """Tick ``levels`` and put them first, in that order."""
        items = [self.grouping.takeItem(0) for _ in range(self.grouping.count())]
        by_level = {str(i.data(LEVEL_ROLE)): i for i in items}
        ordered = [by_level[lv] for lv in levels if lv in by_level]
        ordered += [i for i in items if i not in ordered]
        for i in ordered:
            self.grouping.addItem(i)
            checked = str(i.data(LEVEL_ROLE)) in levels
            i.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self._hide_levels()

    def settings(self) -> ReportSettings:
        filters: dict[str, tuple[Any, ...]] = {
            n: tuple(f.chosen) for n, f in self.filters.items() if f.chosen and not self.is_off(n)
        }
        filters |= {
            n: f.values() for n, f in self.texts.items() if f.values() and not self.is_off(n)
        }
        periodicity = str(self.periodicity.currentData()) if self.periodicity else ""
        end = _py(self.date_to.date())
        return ReportSettings(
            self.spec.name,
            end if self.spec.on_date else _py(self.date_from.date()),
            end,
            self.levels(),
            filters,
            periodicity,  # type: ignore[arg-type]
        )

    def describe(self) -> list[str]:
        """The period and the filters in words (the heading of an export)."""
        s = self.settings()
        if self.spec.on_date:
            lines = [self.tr("On date: {date}").format(date=date_text(s.date_to))]
        else:
            lines = [
                self.tr("Period: {start} – {end}").format(
                    start=date_text(s.date_from), end=date_text(s.date_to)
                )
            ]
        for n, f in self.filters.items():
            if f.chosen and not self.is_off(n):
                lines.append(f"{meta_tr(f.dim.label)}: {', '.join(f.names())}")
        for n, t in self.texts.items():
            if t.values() and not self.is_off(n):
                lines.append(f"{t.title}: {', '.join(t.shown())}")
        return lines

    # -- remembering -----------------------------------------------------------------------
    def saved(self) -> dict[str, Any]:
        """The settings as remembered per user: with the chosen items' names and the preset."""
        data = self.settings().to_json()
        items = [self.grouping.item(i) for i in range(self.grouping.count())]
        data["grouping"] = [  # a hidden level (its subsystem is off) is remembered too
            str(i.data(LEVEL_ROLE)) for i in items if i.checkState() == Qt.CheckState.Checked
        ]
        data["preset"] = str(self.preset.currentData())
        data["names"] = {
            n: {str(i): v for i, v in f.chosen.items()} for n, f in self.filters.items()
        }
        data["groups"] = {n: sorted(f.groups) for n, f in self.filters.items() if f.groups}
        return data

    def restore(self, data: dict[str, Any]) -> None:
        """Show remembered settings (``{}``: the spec's preset period — this month —, every
        dimension, no filter)."""
        preset = data.get("preset", self.spec.preset if not data else "")
        span = period_range(preset, dt.date.today()) if preset else None
        if span is None:
            try:
                span = (
                    dt.date.fromisoformat(data["date_from"]),
                    dt.date.fromisoformat(data["date_to"]),
                )
            except (KeyError, TypeError, ValueError):
                span, preset = period_range(self.spec.preset, dt.date.today()), self.spec.preset
        assert span is not None
        self.set_period(*span, preset=preset)
        dims = [d.name for d in self.spec.dimensions]
        offered = {lv for lv, _ in self.spec.levels}
        # a level no longer offered (a dropped field) is left out; none left: every dimension
        self.set_levels([lv for lv in data.get("grouping") or () if lv in offered] or dims)
        if self.periodicity is not None:
            self.periodicity.setCurrentIndex(
                max(self.periodicity.findData(data.get("periodicity", "")), 0)
            )
        names = data.get("names") or {}
        groups = data.get("groups") or {}
        for n, f in self.filters.items():
            chosen = {int(i): str(v) for i, v in (names.get(n) or {}).items()}
            f.set_chosen(chosen, {int(i) for i in groups.get(n) or ()})
        saved = data.get("filters") or {}
        for n, t in self.texts.items():
            t.set_values([str(v) for v in saved.get(n) or ()])

    def eventFilter(self, watched: Any, event: Any) -> bool:
        """Alt+Up / Alt+Down move the current grouping level (keyboard users)."""
        alt = Qt.KeyboardModifier.AltModifier
        if (
            watched is self.grouping
            and event.type() == QEvent.Type.KeyPress
            and event.modifiers() & alt
            and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)
        ):
            self._move(-1 if event.key() == Qt.Key.Key_Up else 1)
            return True
        return super().eventFilter(watched, event)

    def _move(self, step: int) -> None:
        row = self.grouping.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.grouping.count():
            return
        item = self.grouping.takeItem(row)
        self.grouping.insertItem(target, item)
        self.grouping.setCurrentRow(target)
