"""Defaults a clerk expects in a trade document's form, read off the GUI thread:

- a new document: the user's warehouse (or the only one);
- a partner chosen: its only counterparty (``counterparty`` or ``customer``) and its manager;
- a price type chosen: whether prices include VAT;
- a product chosen on a line: its price by the document's price type on the document's date,
  and its VAT rate (only into empty cells: nothing typed is overwritten).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QCheckBox, QLineEdit

from forms.ref_edit import RefEdit
from forms.worker import Loader
from server.api import Session
from server.api import prices as api

if TYPE_CHECKING:
    from forms.object_form import DocumentForm

COUNTERPARTY = ("counterparty", "customer")


class DocDefaults(QObject):
    """Fills defaults into one document form as its header and lines change."""

    def __init__(self, form: DocumentForm) -> None:
        super().__init__(form)
        self.form = form
        self.editors = form.header.editors
        self.session = Session(form.engine)
        fields = {f.name for f in form.table.fields}
        self.line_defaults = "product" in fields and bool({"price", "vat_rate"} & fields)
        self._seen: dict[str, Any] = {}
        self._loaders = {k: Loader(self) for k in ("partner", "price_type", "lines", "new")}
        for loader in self._loaders.values():
            loader.failed.connect(form.message_bar.show_error)
        form.header.changed.connect(self._header_changed)
        if self.line_defaults:
            form.lines.edited.connect(self._lines_changed)

    @property
    def busy(self) -> bool:
        return any(loader.loading for loader in self._loaders.values())

    def _ref(self, name: str) -> dict[str, Any] | None:
        w = self.editors.get(name)
        return w.value() if isinstance(w, RefEdit) else None

    # -- a new document -------------------------------------------------------------------
    def new_document(self) -> None:
        if isinstance(self.editors.get("warehouse"), RefEdit):
            self._loaders["new"].run(
                lambda: api.default_warehouse(self.session), self._set_warehouse
            )
        self._seen = {k: self._ref(k) for k in ("partner", "price_type")}

    def _set_warehouse(self, value: dict[str, Any] | None) -> None:
        w = self.editors["warehouse"]
        assert isinstance(w, RefEdit)
        if value and w.value() is None and not w.text():
            w.set_value(value)

    # -- header ---------------------------------------------------------------------------
    def _header_changed(self) -> None:
        for name, slot in (("partner", self._partner), ("price_type", self._price_type)):
            v = self._ref(name)
            if name in self.editors and v != self._seen.get(name):
                self._seen[name] = v
                if v:
                    slot(v["id"])

    def _partner(self, partner: int) -> None:
        self._loaders["partner"].run(
            lambda: api.partner_defaults(self.session, partner), self._on_partner
        )

    def _on_partner(self, d: dict[str, Any]) -> None:
        name = next((n for n in COUNTERPARTY if n in self.editors), None)
        cp = self.editors.get(name or "")
        if isinstance(cp, RefEdit) and d["counterparty"] and cp.value() != d["counterparty"]:
            cp.set_value(d["counterparty"], notify=True)
        manager = self.editors.get("manager")
        if isinstance(manager, QLineEdit) and not manager.text() and d["manager"]:
            manager.setText(d["manager"])
            manager.textEdited.emit(d["manager"])

    def _price_type(self, price_type: int) -> None:
        self._loaders["price_type"].run(
            lambda: api.vat_included(self.session, price_type), self._on_vat_included
        )

    def _on_vat_included(self, included: bool) -> None:
        box = self.editors.get("vat_included")
        if isinstance(box, QCheckBox):
            box.setChecked(included)

    # -- lines ----------------------------------------------------------------------------
    def _lines_changed(self) -> None:
        """Lines with a product and an empty price or VAT rate get the product's defaults."""
        wanted = {
            i: r["product"]["id"]
            for i, r in enumerate(self.form.lines.rows)
            if (r.get("product") or {}).get("id") is not None
            and (r.get("price") in (None, "") or r.get("vat_rate") in (None, ""))
            and i not in self._seen.setdefault("asked", {}).get(r["product"]["id"], set())
        }
        if not wanted:
            return
        for i, p in wanted.items():
            self._seen["asked"].setdefault(p, set()).add(i)
        price_type = (self._ref("price_type") or {}).get("id")
        date = self.form.header.values().get("date") or ""
        on = dt.date.fromisoformat(date[:10]) if date else dt.date.today()
        session = self.session

        def work() -> dict[int, dict[str, Any]]:
            return {i: api.line_defaults(session, p, price_type, on) for i, p in wanted.items()}

        self._loaders["lines"].run(work, self._on_lines)

    def _on_lines(self, found: dict[int, dict[str, Any]]) -> None:
        model = self.form.lines
        for i, d in found.items():
            if i >= model.rowCount():
                continue
            for name, value in d.items():
                if value is None or model.rows[i].get(name) not in (None, ""):
                    continue
                col = [f.name for f in model.fields].index(name)
                model.setData(model.index(i, col), value, Qt.ItemDataRole.EditRole)
