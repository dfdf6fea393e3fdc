"""Server-side texts in the user's language: declared titles and typed error messages.

The server never imports Qt: declarations carry English titles and errors carry English
templates (:class:`server.errors.Template`). Here the client translates titles in context
``meta`` and templates in context ``errors`` (both collected by ``python -m app.i18n update``),
and formats the numbers and dates of a message in the user's locale.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication

from forms.formatting import date_text, decimal_text
from server.errors import Grouped, KontoraError, Meta, Template, notice_template


def meta_tr(text: str) -> str:
    """A declared title (subsystem, catalog, document, field, register…) in the user's language."""
    return QCoreApplication.translate("meta", text) if text else text


def _param(value: Any) -> str:
    if isinstance(value, Template):
        return render(value)
    if isinstance(value, list):
        return ", ".join(_param(v) for v in value)
    if isinstance(value, Meta):
        return meta_tr(str(value))
    if isinstance(value, Grouped):
        return decimal_text(int(value), 0)
    if isinstance(value, Decimal):
        return decimal_text(value, None)
    if isinstance(value, dt.datetime):
        return date_text(value.date()) + value.strftime(" %H:%M:%S")
    if isinstance(value, dt.date):
        return date_text(value)
    return str(value)


def render(t: Template) -> str:
    """``t`` in the user's language (an untranslated text stays English)."""
    text = QCoreApplication.translate("errors", t.text)
    params = {k: _param(v) for k, v in t.params.items()}
    try:
        return text.format(**params)
    except (KeyError, IndexError, ValueError):  # a broken translation: fall back to English
        return t.text.format(**params)


def error_message(exc: BaseException) -> str:
    """What to tell the user about ``exc``: its message in the user's language when the
    translation has its template, else the server's English message unchanged."""
    if not isinstance(exc, KontoraError):
        return str(exc)
    t = exc.template
    if t is None or QCoreApplication.translate("errors", t.text) == t.text:
        return exc.message
    return render(t)


def notice_text(notice: dict[str, Any]) -> str:
    """A save's notice (an order kept waiting for approval) in the user's language."""
    t = notice_template(notice)
    if t is None or QCoreApplication.translate("errors", t.text) == t.text:
        return str(notice.get("message", ""))
    return render(t)
