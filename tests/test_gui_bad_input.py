"""Bad input typed into a document form: each value is refused with a message naming the
field, the form keeps what was typed, and nothing is stored (pytest-qt, offscreen)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from forms.object_form import DocumentForm
from forms.ref_edit import RefEdit
from tests.gui_support import WAIT, make_window
from tests.test_gui_object_form import new_form, type_ref

pytestmark = pytest.mark.usefixtures("gui_isolation")

AMOUNTS = ["-5", "0", "1" + "0" * 20, "12.345", "NaN", "Infinity", "abc", "1,2.3", "'; DROP --"]
COMMENTS = ["x" * 10_000, "nul\x00byte"]


def _payment_form(qtbot, world) -> DocumentForm:
    w = make_window(qtbot, world.db.engine)
    form = new_form(qtbot, w, "customer_payment")
    partner, counterparty = form.header.editors["partner"], form.header.editors["counterparty"]
    assert isinstance(partner, RefEdit) and isinstance(counterparty, RefEdit)
    type_ref(qtbot, partner, "Customer")
    qtbot.waitUntil(lambda: not form.busy, timeout=WAIT)
    if counterparty.value() is None:  # the partner's only counterparty is usually filled in
        type_ref(qtbot, counterparty, "Customer")
    return form


def _save_refused(qtbot, form: DocumentForm) -> str:
    form.message_bar.clear()
    form.save_action.trigger()
    qtbot.waitUntil(lambda: not form.busy, timeout=WAIT)
    qtbot.waitUntil(form.message_bar.isVisible, timeout=WAIT)
    assert form.doc_id is None and form.dirty
    return form.message_bar.message()


def test_bad_amounts_and_comments_are_refused_and_kept_in_the_form(qtbot, world) -> None:
    form = _payment_form(qtbot, world)
    amount = form.header.editors["amount"]
    assert isinstance(amount, QLineEdit)
    for text in AMOUNTS:
        amount.setText(text)
        message = _save_refused(qtbot, form)
        assert "Amount" in message, (text, message)
        assert amount.text() == text  # what was typed is still there
    amount.setText("100.00")
    comment = form.header.editors["comment"]
    assert isinstance(comment, QPlainTextEdit | QLineEdit)
    for text in COMMENTS:
        if isinstance(comment, QPlainTextEdit):
            comment.setPlainText(text)
        else:
            comment.setText(text)
            if len(text) > comment.maxLength():  # a line edit holds no more than the field
                assert len(comment.text()) == comment.maxLength() == 2000
                continue
        message = _save_refused(qtbot, form)
        assert "Comment" in message, message
    assert world.session.scalar("SELECT count(*) FROM kontora.doc_customer_payment") == 0

    odd = "\u05e9\u05dc\u05d5\u05dd \U0001f600 '; DROP TABLE x; --"  # right-to-left, emoji, SQL
    if isinstance(comment, QPlainTextEdit):
        comment.setPlainText(odd)
    else:
        comment.setText(odd)
    form.save_action.trigger()
    qtbot.waitUntil(lambda: form.doc_id is not None, timeout=WAIT)
    stored = world.session.scalar(
        "SELECT comment FROM kontora.doc_customer_payment WHERE id = :i", i=form.doc_id
    )
    assert stored == odd
