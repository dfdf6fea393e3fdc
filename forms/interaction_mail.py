"""The e-mail commands of an interaction's form: fill the letter from its template, send it
through the mail server (server/api/mail.py); the outcome shows in the form after the send."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from forms import switched_on
from forms.payroll_sheet_form import PayrollRecalc
from forms.worker import Loader
from server.api import Session
from server.api.mail import compose, send

MAILING = "mailing"  # the subsystem of templates and letters

if TYPE_CHECKING:
    from forms.object_form import DocumentForm


class InteractionMail(QObject):
    """ "Fill from template" and "Send e-mail" on the toolbar of an interaction's form."""

    def __init__(self, form: DocumentForm) -> None:
        super().__init__(form)
        self.form = form
        self.fill_action = form._action(self.tr("Fill from template"), self.fill)
        self.fill_action.setObjectName("command_fill_from_template")
        self.send_action = form._action(self.tr("Send e-mail"), self.send, name="mail")
        self.send_action.setObjectName("command_send_email")
        self._loader = Loader(self)
        self._loader.failed.connect(form._on_failed)
        self._send_after_save = False
        form.saved.connect(self._on_saved)
        form.header.changed.connect(self._update)
        form.title_changed.connect(self._update)
        self._update()
        switched_on.subscribe(self._update)

    def _update(self, *_: Any) -> None:
        """The letter commands are for e-mails only, while Mailing is switched on."""
        email = self.form.header.values().get("kind") == "email"
        on = switched_on.enabled()
        mailing = on is None or MAILING in on
        for action in (self.fill_action, self.send_action):
            action.setEnabled(email and mailing)
            action.setVisible(mailing)

    @property
    def busy(self) -> bool:
        return self._loader.loading

    def fill(self) -> None:
        """Subject, letter and address from the chosen template and the partner's data."""
        header, session = self.form.header.values(), Session(self.form.engine)
        self._loader.run(lambda: compose(session, header), self.form.header.set_values)

    def send(self) -> None:
        """Save first when there is something to save, then send."""
        if self.form.dirty or self.form.doc_id is None:
            self._send_after_save = True
            self.form.save()
            return
        doc_id, session, reg = self.form.doc_id, Session(self.form.engine), self.form.reg
        self._loader.run(lambda: send(session, reg, doc_id), self._sent)

    def _on_saved(self, _name: str) -> None:
        if self._send_after_save:
            self._send_after_save = False
            self.send()

    def _sent(self, _state: dict[str, Any]) -> None:
        self.form.reload()
        self.form.saved.emit(self.form.name)


#: Form extensions by document name.
EXTENSIONS: dict[str, Callable[[DocumentForm], QObject]] = {
    "interaction": InteractionMail,
    "payroll_sheet": PayrollRecalc,
}


def extend(form: DocumentForm) -> QObject | None:
    """The extension of ``form``'s document, if it has one."""
    ext = EXTENSIONS.get(form.name)
    return ext(form) if ext else None
