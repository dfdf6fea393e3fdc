"""The filter bar above a dynamic list: period, referenced items, posted state, deletion marks.

The bar only collects choices into a :class:`ListFilter`; the server applies them (WHERE with
bound parameters, see :mod:`server.api.list_query`). Document lists get a period (presets plus
a custom from–to range), one picker per reference the list can be filtered by (organization,
warehouse, customer…), the posted state and "hide marked"; catalog lists only "hide marked".
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from forms import date_keys, switched_on
from forms.formatting import date_format, date_text
from forms.texts import meta_tr
from server.api.lists import ListFilter, ListQuery

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from forms.ref_edit import RefEdit

ALL, TODAY, WEEK, MONTH, LAST_30, YEAR, CUSTOM = (
    "all",
    "today",
    "week",
    "month",
    "last30",
    "year",
    "custom",
)
PRESETS = (
    (ALL, QT_TRANSLATE_NOOP("FilterBar", "All dates")),
    (TODAY, QT_TRANSLATE_NOOP("FilterBar", "Today")),
    (WEEK, QT_TRANSLATE_NOOP("FilterBar", "This week")),
    (MONTH, QT_TRANSLATE_NOOP("FilterBar", "This month")),
    (LAST_30, QT_TRANSLATE_NOOP("FilterBar", "Last 30 days")),
    (YEAR, QT_TRANSLATE_NOOP("FilterBar", "This year")),
    (CUSTOM, QT_TRANSLATE_NOOP("FilterBar", "Custom period")),
)
POSTED_STATES = (
    ("all", QT_TRANSLATE_NOOP("FilterBar", "Posted and not")),
    ("posted", QT_TRANSLATE_NOOP("FilterBar", "Posted")),
    ("draft", QT_TRANSLATE_NOOP("FilterBar", "Not posted")),
)
PERIOD_SHORTCUT = "Ctrl+Shift+P"


def period_range(preset: str, today: dt.date) -> tuple[dt.date, dt.date] | None:
    """First and last day (both inclusive) of a preset period; None for "all" and "custom"."""
    if preset == TODAY:
        return today, today
    if preset == WEEK:
        start = today - dt.timedelta(days=today.weekday())
        return start, start + dt.timedelta(days=6)
    if preset == MONTH:
        start = today.replace(day=1)
        nxt = (start + dt.timedelta(days=32)).replace(day=1)
        return start, nxt - dt.timedelta(days=1)
    if preset == LAST_30:
        return today - dt.timedelta(days=29), today
    if preset == YEAR:
        return today.replace(month=1, day=1), today.replace(month=12, day=31)
    return None


def _tr(text: str) -> str:
    return QCoreApplication.translate("FilterBar", text)


def _py(d: QDate) -> dt.date:
    return dt.date(d.year(), d.month(), d.day())


def _qt(d: dt.date) -> QDate:
    return QDate(d.year, d.month, d.day)


def placeholder_width(edit: QLineEdit) -> int:
    """Wide enough to read the whole placeholder beside the edit's icons (the picker's
    search icon takes an icon's width plus its margins; the frame and text margins too)."""
    fm = edit.fontMetrics()
    icon = edit.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize, None, edit)
    icons = len(edit.actions()) * (icon + fm.horizontalAdvance("0") * 2)
    frame = edit.style().pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth, None, edit)
    margins = edit.textMargins()
    text = fm.horizontalAdvance(edit.placeholderText() + "00")
    return text + icons + 2 * frame + margins.left() + margins.right()


class FilterBar(QWidget):
    """Filter controls for one list query; ``changed`` fires with each new choice."""

    changed = Signal()

    def __init__(self, engine: Engine, query: ListQuery, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.query = query
        self.setObjectName("filter_bar")
        self.period: QComboBox | None = None
        self.date_from: QDateEdit | None = None
        self.date_to: QDateEdit | None = None
        self.posted: QComboBox | None = None
        self.refs: dict[str, RefEdit] = {}
        self._ref_subsystems: dict[str, str] = {}
        self._quiet = False
        # Two rows, so the bar never forces a window wider than a laptop screen: the period and
        # the states above, the reference filters (long labels in Russian) below.
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        layout, refs = QHBoxLayout(), QHBoxLayout()
        rows.addLayout(layout)
        rows.addLayout(refs)
        if query.date_column:
            self._add_period(layout)
        if query.kind == "document" or query.ref_filters:  # a catalog: its added references
            self._add_refs(engine, refs)
        if query.posted_column:
            self.posted = QComboBox(self)
            for key, label in POSTED_STATES:
                self.posted.addItem(_tr(label), key)
            self.posted.setAccessibleName(self.tr("Posted state"))
            self.posted.setToolTip(self.tr("Posted state"))
            self.posted.currentIndexChanged.connect(self._emit)
            layout.addWidget(self.posted)
        self.hide_marked = QCheckBox(self.tr("Hide &marked"), self)
        self.hide_marked.setToolTip(self.tr("Hide the rows marked for deletion"))
        self.hide_marked.setVisible(query.mark_column is not None)
        self.hide_marked.toggled.connect(self._emit)
        layout.addWidget(self.hide_marked)
        layout.addStretch(1)
        if query.mark_column is None and not query.date_column:
            self.hide()  # nothing to filter (balance reports)

    # -- building -------------------------------------------------------------------------
    def _add_period(self, layout: QHBoxLayout) -> None:
        label = QLabel(self.tr("&Period:"), self)
        self.period = QComboBox(self)
        for key, text in PRESETS:
            self.period.addItem(_tr(text), key)
        self.period.setAccessibleName(self.tr("Period"))
        self.period.setToolTip(self.tr("Period ({keys})").format(keys=PERIOD_SHORTCUT))
        label.setBuddy(self.period)
        focus = QAction(self.tr("Period"), self)
        focus.setShortcut(QKeySequence(PERIOD_SHORTCUT))
        focus.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        focus.triggered.connect(lambda: self.period and self.period.setFocus())
        self.addAction(focus)
        today = QDate.currentDate()
        self.date_from, self.date_to = QDateEdit(today, self), QDateEdit(today, self)
        names = (self.tr("Period from"), self.tr("Period to"))
        for edit, name in zip((self.date_from, self.date_to), names, strict=True):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(date_format(self.locale()))
            edit.setAccessibleName(name)
            date_keys.install(edit)
            edit.setEnabled(False)
            edit.dateChanged.connect(self._on_date_edited)
        self.period.currentIndexChanged.connect(self._on_preset)
        for w in (label, self.period, self.date_from, QLabel("–", self), self.date_to):
            layout.addWidget(w)

    def _add_refs(self, engine: Engine, layout: QHBoxLayout) -> None:
        from forms.ref_edit import RefEdit  # ref_edit imports the list form itself
        from server.metadata import registry

        for rf in self.query.ref_filters:
            catalog = registry.catalogs.get(rf.target)
            if catalog is None:
                continue
            edit = RefEdit(engine, catalog, self)
            label = meta_tr(rf.label)
            edit.setPlaceholderText(label)
            edit.setMinimumWidth(placeholder_width(edit))
            edit.setAccessibleName(self.tr("Filter by {field}").format(field=label.lower()))
            edit.setToolTip(
                self.tr("Only rows with this {field} (F4 chooses, Shift+F4 clears)").format(
                    field=label.lower()
                )
            )
            edit.value_changed.connect(self._emit)
            self.refs[rf.name] = edit
            self._ref_subsystems[rf.name] = catalog.subsystem
            layout.addWidget(edit, 1)
        self.apply_switches()
        switched_on.subscribe(self.apply_switches)

    def apply_switches(self) -> None:
        """A filter by a catalog of a switched-off subsystem is hidden (and cleared)."""
        on = switched_on.enabled()
        for name, edit in self.refs.items():
            shown = on is None or self._ref_subsystems[name] in on
            if not shown and edit.value() is not None:
                edit.clear_value()
            edit.setVisible(shown)

    # -- choices --------------------------------------------------------------------------
    def set_period(self, preset: str, start: dt.date | None = None, end: dt.date | None = None):
        """Choose a preset (``custom`` with ``start`` and ``end``, both inclusive)."""
        assert self.period and self.date_from and self.date_to
        self._quiet = True
        try:
            if preset == CUSTOM and start and end:
                self.date_from.setDate(_qt(start))
                self.date_to.setDate(_qt(end))
            self.period.setCurrentIndex(self.period.findData(preset))
        finally:
            self._quiet = False
        self._on_preset()

    def set_posted(self, state: bool | None) -> None:
        assert self.posted
        self.posted.setCurrentIndex({None: 0, True: 1, False: 2}[state])

    def set_ref(self, name: str, value: dict[str, Any] | None) -> None:
        self.refs[name].set_value(value, notify=True)

    def _on_preset(self, *_: Any) -> None:
        assert self.period and self.date_from and self.date_to
        if self._quiet:
            return
        preset = self.period.currentData()
        span = period_range(preset, _py(QDate.currentDate()))
        self._quiet = True
        try:
            if span is not None:
                self.date_from.setDate(_qt(span[0]))
                self.date_to.setDate(_qt(span[1]))
        finally:
            self._quiet = False
        for edit in (self.date_from, self.date_to):
            edit.setEnabled(preset != ALL)
        self._emit()

    def _on_date_edited(self, *_: Any) -> None:
        """Editing a date makes the period custom."""
        if self._quiet or self.period is None:
            return
        self._quiet = True
        try:
            self.period.setCurrentIndex(self.period.findData(CUSTOM))
        finally:
            self._quiet = False
        self._emit()

    def _emit(self, *_: Any) -> None:
        if not self._quiet:
            self.changed.emit()

    # -- result ---------------------------------------------------------------------------
    def dates(self) -> tuple[dt.date, dt.date] | None:
        """The chosen period (inclusive), None for all dates."""
        if self.period is None or self.period.currentData() == ALL:
            return None
        assert self.date_from and self.date_to
        return _py(self.date_from.date()), _py(self.date_to.date())

    def value(self) -> ListFilter:
        """The choices as a filter for the server."""
        start = end = None
        span = self.dates()
        if span is not None:
            start = dt.datetime.combine(span[0], dt.time.min)
            end = dt.datetime.combine(span[1] + dt.timedelta(days=1), dt.time.min)
        refs = tuple((n, int(e.value()["id"])) for n, e in self.refs.items() if e.value())
        state = self.posted.currentData() if self.posted else "all"
        return ListFilter(
            date_from=start,
            date_to=end,
            refs=refs,
            posted={"all": None, "posted": True, "draft": False}[state],
            hide_marked=self.hide_marked.isChecked(),
        )

    def describe(self) -> str:
        """The active filters in words, one per line (written above exports)."""
        lines = []
        span = self.dates()
        if span is not None:
            lines.append(
                self.tr("Period: {start} – {end}").format(
                    start=date_text(span[0]), end=date_text(span[1])
                )
            )
        for rf in self.query.ref_filters:
            edit = self.refs.get(rf.name)
            if edit is not None and edit.value():
                lines.append(f"{meta_tr(rf.label)}: {edit.value()['name']}")  # type: ignore[index]
        if self.posted is not None and self.posted.currentData() != "all":
            lines.append(self.tr("Posted state: {state}").format(state=self.posted.currentText()))
        if self.hide_marked.isChecked():
            lines.append(self.tr("Rows marked for deletion are hidden"))
        return "\n".join(lines)
