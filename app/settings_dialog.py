"""Tools → Settings…: the user's interface language (kept in QSettings ``ui/language``) and,
connected to an infobase, the user's own warehouse (a user setting in the database: new trade
documents start with it).

A new language takes effect at the next start: the windows are built with translated texts once,
and rebuilding every open form in place would lose nothing but cost much for a rare change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

from app import i18n
from forms.ref_edit import RefEdit
from server.api import Session, user_settings
from server.api.prices import WAREHOUSE_SETTING
from server.metadata import registry

if TYPE_CHECKING:
    from sqlalchemy import Engine


class SettingsDialog(QDialog):
    """The language choice and the user's warehouse; OK saves them and says when they apply."""

    def __init__(self, parent: QWidget | None = None, engine: Engine | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.language = QComboBox(self)
        for code, name in i18n.language_names().items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(i18n.saved_language())))
        form = QFormLayout()
        form.addRow(self.tr("Interface &language:"), self.language)
        self.engine = engine
        self.warehouse: RefEdit | None = None
        if engine is not None:
            self.warehouse = RefEdit(engine, registry.catalogs["warehouses"], self, creatable=False)
            self.warehouse.set_value(user_settings.get(Session(engine), WAREHOUSE_SETTING))
            form.addRow(self.tr("My &warehouse:"), self.warehouse)
        self.note = QLabel(self.tr("A new language takes effect after a restart."), self)
        self.note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.restart_needed = False

    def chosen(self) -> str:
        return str(self.language.currentData() or "")

    def accept(self) -> None:
        code = self.chosen()
        self.restart_needed = code != i18n.saved_language()
        i18n.save_language(code)
        if self.engine is not None and self.warehouse is not None:
            session, chosen = Session(self.engine), self.warehouse.value()
            if chosen and not self.warehouse.unresolved:
                user_settings.put(session, WAREHOUSE_SETTING, chosen)
            else:
                user_settings.delete(session, WAREHOUSE_SETTING)
        super().accept()


def open_settings(parent: QMainWindow) -> SettingsDialog:
    """Show the dialog (window-modal, non-blocking); a changed language is announced in the
    status bar."""
    dlg = SettingsDialog(parent, getattr(parent, "engine", None))

    def done() -> None:
        if dlg.restart_needed:
            parent.statusBar().showMessage(
                QCoreApplication.translate(
                    "SettingsDialog", "The new language takes effect when Kontora is started again."
                )
            )

    dlg.accepted.connect(done)
    dlg.open()
    return dlg


def add_settings_menu(window: QMainWindow) -> QAction:
    """A Tools menu with Settings… on ``window``'s menu bar."""
    tools = window.menuBar().addMenu(QCoreApplication.translate("SettingsDialog", "&Tools"))
    action = tools.addAction(QCoreApplication.translate("SettingsDialog", "&Settings…"))
    action.setMenuRole(QAction.MenuRole.PreferencesRole)
    action.triggered.connect(lambda: open_settings(window))
    return action
