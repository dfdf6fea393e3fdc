"""Showing values to people: locale-aware numbers and dates, never ``str(Decimal)``."""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, QTime, QTimeZone

_UTC = QTimeZone.utc()


def decimal_text(value: Decimal | int, scale: int | None, locale: QLocale | None = None) -> str:
    """Group digits and use the locale's decimal point; ``scale`` None trims trailing zeros."""
    loc = locale or QLocale()
    d = Decimal(value)
    if scale is None:
        d = d.normalize() if d != d.to_integral_value() else d.quantize(Decimal(1))
        text = f"{d:,f}"
    else:
        text = f"{d:,.{scale}f}"
    group, point = loc.groupSeparator(), loc.decimalPoint()
    return text.replace(",", "\x00").replace(".", point).replace("\x00", group)


def date_format(loc: QLocale) -> str:
    if loc.language() == QLocale.Language.C:
        return "yyyy-MM-dd"
    fmt = loc.dateFormat(QLocale.FormatType.ShortFormat)
    return fmt if "yyyy" in fmt else fmt.replace("yy", "yyyy")


def date_text(value: dt.date, locale: QLocale | None = None) -> str:
    loc = locale or QLocale()
    return loc.toString(QDate(value.year, value.month, value.day), date_format(loc))


def datetime_text(value: dt.datetime, locale: QLocale | None = None) -> str:
    loc = locale or QLocale()
    # A wall-clock time shown as it is: in UTC, Qt neither looks up the local time zone (90 µs
    # a value, most of a list page's formatting) nor trips over a daylight-saving gap.
    qdt = QDateTime(
        QDate(value.year, value.month, value.day),
        QTime(value.hour, value.minute, value.second),
        _UTC,
    )
    return loc.toString(qdt, f"{date_format(loc)} HH:mm")


def display(value: Any, kind: str, locale: QLocale | None = None) -> str:
    """Text of a list cell of column kind ``kind``."""
    if value is None:
        return ""
    if kind == "money":
        return decimal_text(value, 2, locale)
    if kind == "qty":
        return decimal_text(value, None, locale)
    if kind == "int":
        return decimal_text(value, 0, locale)
    if kind == "percent":
        return decimal_text(value, 2, locale)
    if kind == "bool":
        return QCoreApplication.translate("Formatting", "Yes") if value else ""
    if kind == "datetime" and isinstance(value, dt.datetime):
        return datetime_text(value, locale)
    if kind in ("date", "datetime") and isinstance(value, dt.date):
        return date_text(value, locale)
    return str(value)


def parse_decimal(text: str, locale: QLocale | None = None) -> str | None:
    """A number typed in the locale ("1 234,5") as a plain Decimal string ("1234.5").

    Returns "" for empty input and None when the text is not a number. Group separators (the
    locale's, or spaces) are taken only between groups of three digits: "1,2.3" is not 12.3.
    Never goes through float.
    """
    loc = locale or QLocale()
    t = text.strip().replace("\u00a0", " ").replace("\u202f", " ")
    if not t:
        return ""
    group, point = loc.groupSeparator(), loc.decimalPoint()
    whole, _, fraction = t.partition(point)
    separators = {" "} | ({group} if group and group != point else set())
    if any(sep in whole for sep in separators):
        pattern = "[-+]?\\d{1,3}(?:[" + re.escape("".join(separators)) + "]\\d{3})+"
        if not re.fullmatch(pattern, whole):
            return None
        for sep in separators:
            whole = whole.replace(sep, "")
    t = f"{whole}.{fraction}" if point in t else whole
    try:
        d = Decimal(t)
    except ArithmeticError:
        return None
    if not d.is_finite():
        return None
    return format(d, "f")


def money(value: Decimal) -> Decimal:
    """Half-up to cents: the one rounding rule of amounts."""
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
