"""Editors of declared fields in a two-column grid: a document's header, a catalog item's form.

A document's header starts with number and date (every document has them), then the organization
and the declared header fields; a catalog item's form with code, name and group. References get
a :class:`RefEdit`, numbers a right-aligned line edit parsed in the locale (stored as decimal
strings), text a line edit limited to its length, dates the date keys (:mod:`forms.date_keys`).
Each editor has an error label beneath it, shown when the server refuses its value.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QObject, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from forms import date_keys, switched_on
from forms.doc_ref_edit import DocRefEdit
from forms.formatting import date_format, decimal_text, parse_decimal
from forms.picture_edit import PictureEdit
from forms.ref_edit import RefEdit
from forms.texts import meta_tr
from server.api.lists import ORGANIZATION
from server.metadata import (
    Bool,
    Choice,
    DateField,
    DocRef,
    Document,
    Field,
    Money,
    Number,
    Picture,
    Ref,
    Registry,
    String,
    Text,
)

if TYPE_CHECKING:
    from sqlalchemy import Engine

NUMBER = String("number", "Number", max_len=40)
DATE = DateField("date", "Date")
#: An optional date left empty: the editor's minimum, shown blank (Qt's special value text).
NO_DATE = QDate(1900, 1, 1)
LONG_TEXT = 2000  # a text field longer than a comment gets a multi-line editor


def field_line_edit(f: Field, parent: QWidget | None) -> QLineEdit:
    """A line edit for a text or number field: numbers right-aligned, text at most max_len."""
    w = QLineEdit(parent)
    if isinstance(f, Number):
        w.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    elif isinstance(f, String):
        w.setMaxLength(f.max_len)
    return w


class FieldsGrid(QObject):
    """Editors of declared fields with their labels and error labels, in a two-column ``grid``.

    Shared by the document header and the catalog item form. ``group_refs`` names references
    that pick a group rather than an item (the parent of a hierarchical catalog's item).
    """

    changed = Signal()

    def __init__(
        self,
        engine: Engine,
        reg: Registry,
        fields: tuple[Field, ...],
        parent: QWidget,
        *,
        group_refs: tuple[str, ...] = (),
    ) -> None:
        super().__init__(parent)
        self.fields = fields
        self.group_refs = group_refs
        self.reg = reg
        self.editors: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.labels: dict[str, QLabel] = {}
        self._off: set[str] = set()  # hidden for a switched-off subsystem
        self.grid = QGridLayout()
        self.grid.setColumnStretch(1, 1)
        self.grid.setColumnStretch(3, 1)
        self._loading = False
        row, col = 0, 0
        for f in self.fields:
            editor = self._editor(engine, reg, f, parent)
            editor.setObjectName(f"field_{f.name}")
            editor.setAccessibleName(meta_tr(f.label))
            label = QLabel(f"{meta_tr(f.label)}:" + (" *" if f.required else ""), parent)
            label.setBuddy(editor)
            error = QLabel(parent)
            error.setObjectName(f"error_{f.name}")
            error.setWordWrap(True)
            error.setStyleSheet("color: palette(bright-text); background: darkred; padding: 1px;")
            error.hide()
            wide = isinstance(f, Text)
            if wide and col:
                row, col = row + 2, 0
            self.grid.addWidget(label, row, col, Qt.AlignmentFlag.AlignRight)
            span = 3 if wide else 1
            self.grid.addWidget(editor, row, col + 1, 1, span)
            self.grid.addWidget(error, row + 1, col + 1, 1, span)
            self.editors[f.name], self.errors[f.name] = editor, error
            self.labels[f.name] = label
            col = 0 if wide or col else 2
            row += 2 if col == 0 else 0
        self.apply_switches()
        switched_on.subscribe(self.apply_switches)

    def apply_switches(self) -> None:
        """Hide the fields referring to objects of switched-off subsystems (their values are
        kept and saved as they are); show them again when their subsystem is back."""
        off = switched_on.off_fields(self.reg, self.fields)
        for name in off ^ self._off:
            shown = name not in off
            self.labels[name].setVisible(shown)
            self.editors[name].setVisible(shown)
            if not shown:
                self.errors[name].hide()
        self._off = off

    def shown_fields(self) -> list[str]:
        """Names of the fields shown (not hidden by a switched-off subsystem)."""
        off = switched_on.off_fields(self.reg, self.fields)
        return [f.name for f in self.fields if f.name not in off]

    def _editor(self, engine: Engine, reg: Registry, f: Field, parent: QWidget) -> QWidget:
        w: QWidget
        if isinstance(f, DocRef):
            w = DocRefEdit(engine, reg.document(f.target), parent, partner=self._partner)
            w.value_changed.connect(self._changed)
        elif isinstance(f, Ref):
            w = RefEdit(
                engine,
                reg.catalogs[f.target],
                parent,
                groups=f.name in self.group_refs,
                scope=self._scope(f) if f.within else None,
            )
            w.value_changed.connect(self._changed)
            w.textEdited.connect(self._changed)
        elif isinstance(f, DateField):
            w = self._date_editor(f, parent)
        elif isinstance(f, Picture):
            w = PictureEdit(f, parent)
            w.value_changed.connect(self._changed)
        elif isinstance(f, Bool):
            w = QCheckBox(parent)
            w.toggled.connect(self._changed)
        elif isinstance(f, Choice):
            w = QComboBox(parent)
            if not f.required:
                w.addItem("", None)
            for key, title in f.options:
                w.addItem(meta_tr(title), key)
            if f.default is not None:
                w.setCurrentIndex(w.findData(f.default))
            w.currentIndexChanged.connect(self._changed)
        elif isinstance(f, Text) and f.max_len > LONG_TEXT:  # a letter: lines of its own
            w = QPlainTextEdit(parent)
            w.setTabChangesFocus(True)
            w.setMinimumHeight(w.fontMetrics().lineSpacing() * 8)
            w.textChanged.connect(self._changed)
        else:
            w = field_line_edit(f, parent)
            w.textEdited.connect(self._changed)
        return w

    def _date_editor(self, f: DateField, parent: QWidget) -> QWidget:
        """The document's date and time, or a date (blank while an optional one is empty)."""
        w: QDateTimeEdit
        if f is DATE:
            w = QDateTimeEdit(QDateTime.currentDateTime(), parent)
            w.setDisplayFormat(f"{date_format(w.locale())} HH:mm:ss")
            w.dateTimeChanged.connect(self._changed)
        else:
            w = QDateEdit(QDate.currentDate(), parent)
            if not f.required:  # may stay empty: blank until a date is chosen, Shift+F4 clears
                w.setMinimumDate(NO_DATE)
                w.setSpecialValueText(" ")
                w.setDate(NO_DATE)
            w.dateChanged.connect(self._changed)
        w.setCalendarPopup(True)
        date_keys.install(w)
        return w

    def _scope(self, f: Ref) -> Callable[[], tuple[str, int] | None]:
        """``within``: the picker offers the items of the owner chosen in the form (the
        counterparties of its partner, the stages of its deal type); none chosen: all."""
        owner = f.within
        assert owner is not None

        def scope() -> tuple[str, int] | None:
            w = self.editors.get(owner)
            v = w.value() if isinstance(w, RefEdit) else None
            return (owner, v["id"]) if v else None

        return scope

    def _partner(self) -> dict[str, Any] | None:
        """The form's partner (a document chooser shows that partner's documents)."""
        w = self.editors.get("partner")
        return w.value() if isinstance(w, RefEdit) else None

    def _changed(self, *_: Any) -> None:
        if not self._loading:
            self.changed.emit()

    # -- values ---------------------------------------------------------------------------
    def load(self, data: dict[str, Any]) -> None:
        """Show a document (references as ``{id, name}``) without marking the form dirty."""
        self._loading = True
        try:
            for f in self.fields:
                self._set(f, data.get(f.name))
        finally:
            self._loading = False

    def set_values(self, data: dict[str, Any]) -> None:
        """Change the fields named in ``data`` (as typed by the user: the form becomes dirty)."""
        for f in self.fields:
            if f.name in data:
                self._set(f, data[f.name])
        self.changed.emit()

    def _set(self, f: Field, v: Any) -> None:
        w = self.editors[f.name]
        if isinstance(w, RefEdit | DocRefEdit | PictureEdit):
            w.set_value(v)
        elif isinstance(w, QDateTimeEdit) and f is DATE:
            if isinstance(v, dt.datetime):
                w.setDateTime(
                    QDateTime(QDate(v.year, v.month, v.day), QTime(v.hour, v.minute, v.second))
                )
        elif isinstance(w, QDateEdit):
            if isinstance(v, dt.date):
                w.setDate(QDate(v.year, v.month, v.day))
            elif v is None and not f.required:
                w.setDate(NO_DATE)
        elif isinstance(w, QCheckBox):
            w.setChecked(bool(v))
        elif isinstance(w, QComboBox):
            assert isinstance(f, Choice)
            w.setCurrentIndex(max(0, w.findData(v if v is not None else f.default)))
        elif isinstance(w, QPlainTextEdit):
            w.setPlainText("" if v is None else str(v))
        elif isinstance(w, QLineEdit):
            if isinstance(f, Number) and v is not None:
                w.setText(decimal_text(v, 2 if isinstance(f, Money) else None))
            else:
                w.setText("" if v is None else str(v))

    def values(self) -> dict[str, Any]:
        """The payload part of the header (numbers as decimal strings, references as ids)."""
        out: dict[str, Any] = {}
        for f in self.fields:
            w = self.editors[f.name]
            if isinstance(w, RefEdit | DocRefEdit):
                v = w.value()
                out[f.name] = v["id"] if v and not w.unresolved else None
            elif isinstance(w, PictureEdit):
                out[f.name] = w.value()
            elif isinstance(w, QDateTimeEdit) and f is DATE:
                out[f.name] = w.dateTime().toString("yyyy-MM-ddTHH:mm:ss")
            elif isinstance(w, QDateEdit):
                empty = not f.required and w.date() == NO_DATE
                out[f.name] = None if empty else w.date().toString("yyyy-MM-dd")
            elif isinstance(w, QCheckBox):
                out[f.name] = w.isChecked()
            elif isinstance(w, QComboBox):
                out[f.name] = w.currentData()
            elif isinstance(w, QPlainTextEdit):
                out[f.name] = w.toPlainText() or None
            elif isinstance(w, QLineEdit):
                text = w.text()
                if isinstance(f, Number):
                    parsed = parse_decimal(text)
                    out[f.name] = text if parsed is None else (parsed or None)
                else:
                    out[f.name] = text or None
        return out

    def unresolved(self) -> list[Field]:
        return [
            f
            for f in self.fields
            if isinstance(w := self.editors[f.name], RefEdit) and w.unresolved
        ]

    # -- errors ---------------------------------------------------------------------------
    def field_by_label(self, label: str) -> Field | None:
        return next((f for f in self.fields if f.label == label or f.name == label), None)

    def set_error(self, name: str, message: str) -> None:
        self.errors[name].setText(message)
        self.errors[name].show()

    def clear_errors(self) -> None:
        for label in self.errors.values():
            label.clear()
            label.hide()

    @property
    def busy(self) -> bool:
        return any(isinstance(w, RefEdit) and w.busy for w in self.editors.values())


class HeaderFields(FieldsGrid):
    """The header editors of one document form: number, date, organization, declared fields."""

    def __init__(self, engine: Engine, reg: Registry, doc: Document, parent: QWidget) -> None:
        super().__init__(engine, reg, (NUMBER, DATE, ORGANIZATION, *doc.header), parent)
        number = self.editors["number"]
        assert isinstance(number, QLineEdit)
        number.setPlaceholderText(QCoreApplication.translate("HeaderFields", "assigned on saving"))
