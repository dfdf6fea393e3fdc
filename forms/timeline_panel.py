"""The timeline on a partner's form: every interaction, deal, order, shipment, payment, return
and claim of the partner (server/api/timeline.py), newest first; Enter or a double-click opens
the row's own form."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from forms.row_table import fill, moment_text, row_table
from forms.texts import meta_tr
from forms.worker import Loader
from server.api import Session
from server.api.timeline import partner_timeline
from server.metadata import Registry

if TYPE_CHECKING:
    from sqlalchemy import Engine

#: Catalogs whose item form shows the timeline of the item.
TIMELINE_CATALOGS = ("partners",)


class TimelinePanel(QWidget):
    """A read-only table of the partner's timeline; ``open_requested(kind, type, id)``."""

    open_requested = Signal(str, str, int)

    def __init__(self, engine: Engine, reg: Registry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timeline")
        self.engine, self.reg = engine, reg
        self.rows: list[dict[str, Any]] = []
        heading = QLabel(f"<b>{self.tr('Timeline')}</b>", self)
        self.table = row_table(
            self, [self.tr("Date"), self.tr("Type"), self.tr("Number or name"), self.tr("About")]
        )
        self.table.setObjectName("timeline_table")
        self.table.doubleClicked.connect(lambda _i: self.open_current())
        self.table.setAccessibleName(self.tr("Timeline"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(self.table, 1)
        self._loader = Loader(self)

    @property
    def busy(self) -> bool:
        return self._loader.loading

    def load(self, partner_id: int) -> None:
        session, reg = Session(self.engine), self.reg
        self._loader.run(lambda: partner_timeline(session, reg, partner_id), self._show)

    def _show(self, rows: list[dict[str, Any]]) -> None:
        self.rows = rows
        cells = [
            (
                moment_text(r["at"]),
                meta_tr(r["type_title"]),
                r["title"],
                " · ".join([*(meta_tr(t) for t in r["states"]), *filter(None, [r["about"]])]),
            )
            for r in rows
        ]
        fill(self.table, cells, strike={n for n, r in enumerate(rows) if r["deletion_mark"]})

    def open_current(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.rows):
            r = self.rows[row]
            self.open_requested.emit(r["kind"], r["type"], int(r["id"]))

    def keyPressEvent(self, event: Any) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.open_current()
            return
        super().keyPressEvent(event)
