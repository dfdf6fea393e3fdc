"""A segment's form commands: refresh its members by the rules, export its mailing list; and
the members the last refresh found, as a read-only table under the rules.

The work runs off the GUI thread; the message bar says how many members the refresh found and
how many addresses went to the file. "Send by e-mail…" writes each address of the mailing list a
letter from a chosen template and sends it (server/api/mailing.py): each letter stays an e-mail
interaction of its partner, sent or with its error.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHeaderView,
    QInputDialog,
    QTableWidget,
    QTableWidgetItem,
)

from forms.form_support import form_action
from forms.formatting import display
from forms.worker import Loader
from server.api import Session
from server.api.mailing import send_mailing
from server.api.segments import MAILING_COLUMNS, export_mailing_list, members, refresh

if TYPE_CHECKING:
    from collections.abc import Callable

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
        self.send_action = form_action(
            form, form.toolbar, self.tr("Send by e-mail…"), lambda: self.send(), name="document"
        )
        self.members = QTableWidget(0, 3, form)
        self.members.setObjectName("segment_members")
        self.members.setHorizontalHeaderLabels(
            [self.tr("Member"), self.tr("Revenue in the period"), self.tr("Last purchase")]
        )
        self.members.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.members.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.members.verticalHeader().setVisible(False)
        self.members.setAccessibleName(self.tr("Segment members"))
        form.layout().addWidget(self.members, 2)
        self._loader = Loader(self)
        self._loader.failed.connect(form._on_failed)
        self.load_members()

    def load_members(self) -> None:
        if self.form.item_id is not None:
            engine, seg = self.form.engine, self.form.item_id
            self._loader.run(lambda: members(Session(engine), seg), self._show_members)

    def _show_members(self, rows: list[dict[str, Any]]) -> None:
        self.members.setRowCount(len(rows))
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for i, r in enumerate(rows):
            revenue = QTableWidgetItem(display(r["revenue"], "money"))
            revenue.setTextAlignment(right)
            last = r["last_purchase"]
            cells = [QTableWidgetItem(r["name"]), revenue]
            cells.append(QTableWidgetItem(display(last, "date") if last else ""))
            for col, item in enumerate(cells):
                self.members.setItem(i, col, item)

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
        self.load_members()
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

    def send(self, template: int | None = None) -> None:
        """Write and send the mailing: each address a letter from ``template`` (asked)."""
        if not self._ready():
            return
        engine = self.form.engine
        self.form._loader.run(lambda: _mailing_choices(Session(engine)), self._choose(template))

    def _choose(self, template: int | None) -> Callable[[dict[str, Any]], None]:
        """What to do with the templates and organization read off the GUI thread."""

        def chosen(choices: dict[str, Any]) -> None:
            f, rows = self.form, choices["templates"]
            tpl = template
            if tpl is None:
                if not rows:
                    f.message_bar.show_error(self.tr("Create an e-mail template first."))
                    return
                names = [r["name"] for r in rows]
                name, ok = QInputDialog.getItem(
                    f,
                    self.tr("Send by e-mail"),
                    self.tr("Letter from the template:"),
                    names,
                    0,
                    False,
                )
                if not ok:
                    return
                tpl = rows[names.index(name)]["id"]
            engine, seg, org = f.engine, f.item_id, choices["organization"]
            assert seg is not None
            f.message_bar.show_info(self.tr("Sending the mailing…"))
            f._loader.run(
                lambda: send_mailing(Session(engine), f.reg, seg, tpl, organization=org),
                self._on_sent,
            )

        return chosen

    def _on_sent(self, out: dict[str, Any]) -> None:
        text = self.tr("Letters sent: {sent} of {total}; failed: {failed} (kept as interactions).")
        self.form.message_bar.show_info(text.format(**out))


def _mailing_choices(session: Session) -> dict[str, Any]:
    """The e-mail templates to choose from and the organization the letters are written for."""
    return {
        "templates": session.rows(
            "SELECT id, name FROM kontora.cat_email_templates WHERE NOT deletion_mark ORDER BY name"
        ),
        "organization": session.scalar(
            "SELECT id FROM kontora.cat_organizations WHERE NOT deletion_mark ORDER BY name LIMIT 1"
        ),
    }
