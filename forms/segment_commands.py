"""A segment's form commands: refresh its members by the rules, export its mailing list.

Both run off the GUI thread through the form's loader; the message bar says how many members
the refresh found and how many addresses went to the file. Sending the mailing by e-mail is the
SMTP work of the interactions (TODO(h24 SMTP): an action here once the sender exists).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog

from forms.form_support import form_action
from server.api import Session
from server.api.segments import MAILING_COLUMNS, export_mailing_list, refresh

if TYPE_CHECKING:
    from forms.catalog_form import CatalogForm


class SegmentCommands(QObject):
    """Adds "Refresh members" and "Mailing list…" to a segment's form toolbar."""

    def __init__(self, form: CatalogForm) -> None:
        super().__init__(form)
        self.form = form
        form.toolbar.addSeparator()
        self.refresh_action = form_action(
            form, form.toolbar, self.tr("Refresh members"), self.refresh, name="refresh"
        )
        self.export_action = form_action(
            form, form.toolbar, self.tr("Mailing list…"), lambda: self.export(), name="report"
        )

    def _ready(self) -> bool:
        """A saved segment without unsaved edits (the rules refreshed are the stored ones)."""
        f = self.form
        if f.item_id is None or f.dirty:
            f.message_bar.show_error(self.tr("Save the segment first: its saved rules are used."))
            return False
        return not f.busy

    def refresh(self) -> None:
        if not self._ready():
            return
        engine, seg = self.form.engine, self.form.item_id
        assert seg is not None
        self.form._loader.run(lambda: refresh(Session(engine), seg), self._on_refreshed)

    def _on_refreshed(self, count: int) -> None:
        self.form.message_bar.show_info(
            self.tr("Members refreshed by the rules: {n}.").format(n=count)
        )

    def export(self, path: str | None = None) -> None:
        """The members' contact persons with an e-mail who have not opted out, to a file."""
        if not self._ready():
            return
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self.form, self.tr("Mailing list"), f"{self.form.item_name}.xlsx",
                self.tr("Excel workbook (*.xlsx);;CSV (*.csv)"),
            )  # fmt: skip
            if not path:
                return
            if Path(path).suffix.lower() not in (".xlsx", ".csv"):
                path += ".xlsx"
        engine, seg, target = self.form.engine, self.form.item_id, path
        assert seg is not None
        title = self.tr("Mailing list: {segment}").format(segment=self.form.item_name)
        headings = {
            "partner": self.tr("Partner"),
            "contact": self.tr("Contact person"),
            "position": self.tr("Position"),
            "email": self.tr("E-mail"),
        }
        assert set(headings) == {k for k, _, _ in MAILING_COLUMNS}
        self.form._loader.run(
            lambda: export_mailing_list(Session(engine), seg, target, title, headings),
            lambda n: self.form.message_bar.show_info(
                self.tr("{n} addresses written to {path}").format(n=n, path=target)
            ),
        )
