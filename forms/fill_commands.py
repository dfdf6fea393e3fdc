"""Commands that fill a document's lines from the registers, per document type.

A purchase order gets "Fill by reorder suggestions": the products whose stock at the order's
warehouse (on hand + expected − reserved) is below their minimum, with the quantity to order
(:func:`server.api.purchasing.reorder_suggestions`). The lines are replaced; the form becomes
dirty and nothing is saved until the user saves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QToolBar

from forms.form_support import form_action
from forms.texts import error_message
from forms.worker import Loader
from server.api import Session
from server.api.purchasing import reorder_suggestions

if TYPE_CHECKING:
    from forms.object_form import DocumentForm


class FillCommands(QObject):
    """The fill commands of one document form (none for most types)."""

    def __init__(self, form: DocumentForm, toolbar: QToolBar) -> None:
        super().__init__(form)
        self.form = form
        self._loader = Loader(self)
        self._loader.failed.connect(lambda exc: form.message_bar.show_error(error_message(exc)))
        self.reorder_action = None
        if form.name == "purchase_order":
            self.reorder_action = form_action(
                form, toolbar, self.tr("Fill by reorder suggestions"), self.fill_reorder
            )
            self.reorder_action.setObjectName("fill_reorder")

    @property
    def busy(self) -> bool:
        return self._loader.loading

    def fill_reorder(self) -> None:
        warehouse = self.form.header.values().get("warehouse")
        if not warehouse:
            self.form.message_bar.show_error(self.tr("Choose the warehouse first."))
            return
        session, reg = Session(self.form.engine), self.form.reg
        self._loader.run(lambda: reorder_suggestions(session, reg, warehouse), self._on_rows)

    def _on_rows(self, rows: list[dict[str, Any]]) -> None:
        if not rows:
            self.form.message_bar.show_info(
                self.tr("Every product is above its minimum stock at this warehouse.")
            )
            return
        fields = ("product", "quantity", "price", "vat_rate")
        self.form.lines.load([{f: r[f] for f in fields} for r in rows])
        self.form.lines.edited.emit()
        self.form.message_bar.show_info(
            self.tr("%n product(s) below their minimum stock.", "", len(rows))
        )
