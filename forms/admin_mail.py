"""Administration → Mail server: the SMTP server interactions' e-mails are sent through.

The password is never shown: the form writes a new one when typed, else keeps the stored one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QPushButton, QSpinBox

from forms.admin_base import AdminForm
from server.api.mail import MailServer, mail_server, set_mail_server
from server.metadata import Registry

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget
    from sqlalchemy import Engine


class MailForm(AdminForm):
    """Host, port, security, login, password (write-only) and the sender's address."""

    def __init__(self, engine: Engine, reg: Registry, parent: QWidget | None = None) -> None:
        super().__init__(engine, reg, parent)
        self.setObjectName("admin_mail")
        self.heading.setText(self.tr("Mail server"))
        self.host, self.login, self.sender = QLineEdit(self), QLineEdit(self), QLineEdit(self)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("(unchanged)"))
        self.port = QSpinBox(self)
        self.port.setRange(1, 65535)
        self.port.setValue(25)
        self.security = QComboBox(self)
        for key, title in (
            ("none", self.tr("None")),
            ("starttls", self.tr("STARTTLS")),
            ("ssl", self.tr("SSL/TLS")),
        ):
            self.security.addItem(title, key)
        form = QFormLayout()
        for label, w in (
            (self.tr("&Host:"), self.host),
            (self.tr("P&ort:"), self.port),
            (self.tr("&Security:"), self.security),
            (self.tr("&Login:"), self.login),
            (self.tr("Pass&word:"), self.password),
            (self.tr("Se&nder (From):"), self.sender),
        ):
            form.addRow(label, w)
        for e in (self.host, self.login, self.password, self.sender):
            e.textEdited.connect(self._edited)
        self.port.valueChanged.connect(self._edited)
        self.security.currentIndexChanged.connect(self._edited)
        self.save_button = QPushButton(self.tr("&Save"), self)
        self.save_button.setShortcut(QKeySequence("Ctrl+S"))
        self.save_button.clicked.connect(self.save)
        self.body.addLayout(form)
        self.body.addWidget(self.save_button)
        self.setFocusProxy(self.host)
        self.load()

    def _edited(self, *_: Any) -> None:
        self.dirty = True

    def load(self) -> None:
        session = self.session()
        self._run(lambda: mail_server(session), self._loaded(self._show))

    def _show(self, s: dict[str, Any] | None) -> None:
        s = s or {}
        self.host.setText(s.get("host") or "")
        self.port.setValue(int(s.get("port") or 25))
        self.security.setCurrentIndex(max(0, self.security.findData(s.get("security"))))
        self.login.setText(s.get("login") or "")
        self.sender.setText(s.get("sender") or "")
        self.password.clear()
        self.dirty = False

    def save(self) -> None:
        server = MailServer(
            self.host.text().strip(),
            self.sender.text().strip(),
            self.port.value(),
            str(self.security.currentData()),
            self.login.text().strip() or None,
            self.password.text() or None,
        )
        keep, session = not self.password.text(), self.session()

        def work() -> dict[str, Any] | None:
            set_mail_server(session, server, keep_password=keep)
            return mail_server(session)

        self._run(work, self._saved, write=True)

    def _saved(self, s: dict[str, Any] | None) -> None:
        self._show(s)
        self.message_bar.show_info(self.tr("Saved."))
