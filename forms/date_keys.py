"""Date field keys (Tryton's convention): ``=`` today, ``d``/``w``/``m``/``y`` one day, week, month
or year on, the same with Shift one back; Shift+F4 empties an optional date (as it clears a
reference).

One event filter per date or date-time edit, installed by the builders with :func:`install`.
The keys are read by position too, so a Russian layout's в/ц/ь/н work like d/w/m/y.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDateTimeEdit

K = Qt.Key
#: key code -> step kind. Qt codes other letters by their upper-case code point; В Ц Ь Н sit
#: on the D W M Y keys of the ЙЦУКЕН layout.
STEPS: dict[int, str] = {
    K.Key_D.value: "day",
    K.Key_W.value: "week",
    K.Key_M.value: "month",
    K.Key_Y.value: "year",
    ord("В"): "day",
    ord("Ц"): "week",
    ord("Ь"): "month",
    ord("Н"): "year",
}


def stepped(d: QDate, kind: str, n: int) -> QDate:
    """``d`` moved by ``n`` days, weeks, months or years (31 Jan + 1 month = end of February)."""
    if kind == "day":
        return d.addDays(n)
    if kind == "week":
        return d.addDays(7 * n)
    if kind == "month":
        return d.addMonths(n)
    return d.addYears(n)


def tooltip() -> str:
    return QCoreApplication.translate(
        "DateKeys", "= today · d/w/m/y: next day, week, month, year · Shift: back"
    )


class DateKeys(QObject):
    """The event filter: handles the keys, lets every other key through."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(watched, QDateTimeEdit):
            return False
        assert isinstance(event, QKeyEvent)
        mods = event.modifiers()
        if mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            return False
        if event.key() == K.Key_Equal or event.text() == "=":
            today(watched)
            return True
        if event.key() == K.Key_F4 and mods & Qt.KeyboardModifier.ShiftModifier:
            if watched.specialValueText():  # an optional date: Shift+F4 empties it
                watched.setDate(watched.minimumDate())
                return True
            return False
        kind = STEPS.get(int(event.key()))
        if kind is None:
            return False
        back = bool(mods & Qt.KeyboardModifier.ShiftModifier) or event.text().isupper()
        step(watched, kind, -1 if back else 1)
        return True


def today(edit: QDateTimeEdit) -> None:
    """``=``: today (a date-time edit keeps its time of day)."""
    edit.setDate(QDate.currentDate())


def step(edit: QDateTimeEdit, kind: str, n: int) -> None:
    if edit.specialValueText() and edit.date() == edit.minimumDate():
        today(edit)  # an empty optional date steps from today
    dt = edit.dateTime()
    edit.setDateTime(QDateTime(stepped(dt.date(), kind, n), dt.time()))


def install(edit: QDateTimeEdit) -> QDateTimeEdit:
    """Give ``edit`` the date keys (and say so in its tooltip); returns ``edit``."""
    keys = DateKeys(edit)
    edit.installEventFilter(keys)
    if not edit.toolTip():
        edit.setToolTip(tooltip())
    return edit
