"""Date keys in the date fields the builders make: ``=`` today, d/w/m/y on, Shift back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import QDateEdit, QDateTimeEdit

from forms import date_keys
from forms.header_fields import DATE, HeaderFields
from forms.list_filters import CUSTOM, FilterBar
from server.api.lists import document_query
from server.metadata import registry

SHIFT = Qt.KeyboardModifier.ShiftModifier


def press(qtbot, edit, key, mods=Qt.KeyboardModifier.NoModifier, text: str = "") -> None:
    qtbot.keyClick(edit, key, mods)


def test_letters_step_the_date_and_shift_steps_back(qtbot):
    edit = date_keys.install(QDateEdit(QDate(2026, 1, 31)))
    qtbot.addWidget(edit)
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_D)
    assert edit.date() == QDate(2026, 2, 1)
    qtbot.keyClick(edit, Qt.Key.Key_D, SHIFT)
    assert edit.date() == QDate(2026, 1, 31)
    qtbot.keyClick(edit, Qt.Key.Key_M)  # month end clamps
    assert edit.date() == QDate(2026, 2, 28)
    qtbot.keyClick(edit, Qt.Key.Key_W)
    assert edit.date() == QDate(2026, 3, 7)
    qtbot.keyClick(edit, Qt.Key.Key_Y, SHIFT)
    assert edit.date() == QDate(2025, 3, 7)
    qtbot.keyClick(edit, Qt.Key.Key_W, SHIFT)
    assert edit.date() == QDate(2025, 2, 28)
    qtbot.keyClicks(edit, "=")
    assert edit.date() == QDate.currentDate()
    assert "today" in edit.toolTip()


def test_document_header_date_keeps_its_time(qtbot, db):
    doc = registry.documents["goods_receipt"]
    from PySide6.QtWidgets import QWidget

    host = QWidget()
    qtbot.addWidget(host)
    header = HeaderFields(db.engine, registry, doc, host)
    edit = header.editors[DATE.name]
    assert isinstance(edit, QDateTimeEdit)
    edit.setDateTime(QDateTime(QDate(2026, 3, 10), QTime(14, 30)))
    changed = []
    header.changed.connect(lambda: changed.append(1))
    qtbot.keyClick(edit, Qt.Key.Key_D)
    assert edit.dateTime() == QDateTime(QDate(2026, 3, 11), QTime(14, 30))
    qtbot.keyClick(edit, Qt.Key.Key_M, SHIFT)
    assert edit.dateTime() == QDateTime(QDate(2026, 2, 11), QTime(14, 30))
    qtbot.keyClick(edit, Qt.Key.Key_Equal)
    assert edit.date() == QDate.currentDate() and edit.time() == QTime(14, 30)
    assert changed  # the form becomes dirty as with any other edit


@pytest.mark.parametrize("which", ["date_from", "date_to"])
def test_list_filter_dates_step_and_make_the_period_custom(qtbot, db, which):
    bar = FilterBar(db.engine, document_query(registry.documents["goods_receipt"]))
    qtbot.addWidget(bar)
    bar.set_period(CUSTOM, QDate(2026, 3, 1).toPython(), QDate(2026, 3, 31).toPython())
    edit = getattr(bar, which)
    before = edit.date()
    with qtbot.waitSignal(bar.changed):
        qtbot.keyClick(edit, Qt.Key.Key_W)
    assert edit.date() == before.addDays(7)
    assert bar.period.currentData() == CUSTOM


def test_an_optional_date_stays_empty_until_chosen_and_shift_f4_empties_it(qtbot, db):
    from PySide6.QtWidgets import QWidget

    host = QWidget()
    qtbot.addWidget(host)
    header = HeaderFields(db.engine, registry, registry.document("sales_order"), host)
    edit = header.editors["shipment_date"]  # optional
    assert isinstance(edit, QDateEdit)
    assert header.values()["shipment_date"] is None and edit.text().strip() == ""
    header.load({"shipment_date": None})
    assert header.values()["shipment_date"] is None  # loading nothing does not write today
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_D)  # from empty, a step starts at today
    assert edit.date() == QDate.currentDate().addDays(1)
    assert header.values()["shipment_date"] == edit.date().toString("yyyy-MM-dd")
    qtbot.keyClick(edit, Qt.Key.Key_F4, SHIFT)
    assert header.values()["shipment_date"] is None
