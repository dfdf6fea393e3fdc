"""The tabular sections of a catalog item's form: one editable grid per declared section.

The same grid and model as a document's lines (:mod:`forms.lines_grid`, :mod:`forms.lines_model`):
Ins adds a line, F9 copies it, Del deletes it, F4 chooses a reference. Each section has its
heading with the keys; the lines travel with the item's save, by section name.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from forms.form_errors import check_references
from forms.header_fields import FieldsGrid
from forms.lines_grid import LinesGrid
from forms.lines_model import LinesModel
from forms.message_bar import MessageBar
from forms.texts import meta_tr
from server.errors import KontoraError
from server.metadata import Registry, Table

if TYPE_CHECKING:
    from sqlalchemy import Engine


class CatalogSections(QWidget):
    """Grids of the sections ``tables`` (none for a group); ``edited`` on any change."""

    edited = Signal()

    def __init__(
        self, engine: Engine, reg: Registry, tables: tuple[Table, ...], parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.models: dict[str, LinesModel] = {}
        self.grids: list[LinesGrid] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        keys = self.tr("Ins add  ·  F9 copy  ·  Del delete  ·  F4 choose")
        for t in tables:
            model = LinesModel(t, self)
            model.edited.connect(self.edited)
            grid = LinesGrid(engine, reg, model, self)
            grid.setObjectName(f"grid_{t.name}")
            layout.addWidget(QLabel(f"<b>{meta_tr(t.title or t.name)}</b>  ·  {keys}", self))
            layout.addWidget(grid, 1)
            self.models[t.name] = model
            self.grids.append(grid)

    def load(self, data: dict[str, Any]) -> None:
        for name, model in self.models.items():
            model.load(data.get(name) or [])

    def payload(self) -> dict[str, list[dict[str, Any]]]:
        return {name: model.payload() for name, model in self.models.items()}

    def finish_editing(self) -> None:
        for grid in self.grids:
            grid.finish_editing()

    def clear_errors(self) -> None:
        for model in self.models.values():
            model.clear_errors()

    def check_references(self, fields: FieldsGrid, bar: MessageBar) -> bool:
        """The header's and every section's typed references name items (else marked)."""
        if not self.models:
            return check_references(fields, None, bar)
        return all([check_references(fields, m, bar) for m in self.models.values()])

    def model_named(self, exc: KontoraError) -> LinesModel | None:
        """The section a refusal names ("…, Competitors line 2"), if any."""
        owner = str(exc.detail.get("object", ""))
        for model in self.models.values():
            title = re.escape(model.table.title or model.table.name)
            if re.search(rf"{title} line \d+$", owner):
                return model
        return None
