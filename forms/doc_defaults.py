"""Defaults a clerk expects in a trade document's form, read off the GUI thread:

- a new document: the user's warehouse (or the only one); a purchase order the price type
  goods receipts record (the supplier's prices);
- a partner chosen: its only counterparty (``counterparty`` or ``customer``) and its manager;
- a price type chosen: whether prices include VAT;
- a product chosen on a line: its price by the document's price type on the document's date,
  its VAT rate, and (a sales order) a reserve of what is free, at most the quantity — only into
  empty cells: nothing typed is overwritten.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QCheckBox, QLineEdit

from forms.lines_model import as_decimal
from forms.ref_edit import RefEdit
from forms.texts import error_message
from forms.worker import Loader
from server.api import Session
from server.api import prices as api

if TYPE_CHECKING:
    from forms.object_form import DocumentForm


class DocDefaults(QObject):
    """Fills defaults into one document form as its header and lines change."""

    def __init__(self, form: DocumentForm) -> None:
        super().__init__(form)
        self.form = form
        self.editors = form.header.editors
        self.session = Session(form.engine)
        fields = {f.name for f in form.table.fields}
        self.line_defaults = "product" in fields and bool({"price", "vat_rate"} & fields)
        self.reserves = "reserve" in fields  # a sales order reserves what is free by default
        self._seen: dict[str, Any] = {}
        self._loaders = {k: Loader(self) for k in ("partner", "price_type", "lines", "new")}
        for loader in self._loaders.values():
            loader.failed.connect(lambda exc: form.message_bar.show_error(error_message(exc)))
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
        if isinstance(self.editors.get("price_type"), RefEdit) and (
            self.form.name in api.PURCHASE_PRICED
        ):
            self._loaders["price_type"].run(
                lambda: api.purchase_price_type(self.session),
                lambda v: self._set_ref("price_type", v),
            )
        self._seen = {k: self._ref(k) for k in ("partner", "price_type")}

    def _set_warehouse(self, value: dict[str, Any] | None) -> None:
        self._set_ref("warehouse", value)

    def _set_ref(self, name: str, value: dict[str, Any] | None) -> None:
        """An empty reference field takes ``value``."""
        w = self.editors[name]
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
        name = next((n for n in api.COUNTERPARTY_FIELDS if n in self.editors), None)
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
    def _needs(self, r: dict[str, Any]) -> bool:
        empty = (None, "")
        if r.get("price") in empty or r.get("vat_rate") in empty:
            return True
        return self.reserves and r.get("quantity") not in empty and r.get("reserve") in empty

    def _lines_changed(self) -> None:
        """Lines with a product and an empty price, VAT rate or reserve get the defaults: the
        price by the price type and date, the product's VAT rate, a reserve of what is free."""
        asked = self._seen.setdefault("asked", set())
        wanted = {}
        for i, r in enumerate(self.form.lines.rows):
            pid = (r.get("product") or {}).get("id")
            key = (i, pid, r.get("quantity"))
            if pid is not None and self._needs(r) and key not in asked:
                asked.add(key)
                wanted[i] = pid
        if not wanted:
            return
        price_type = (self._ref("price_type") or {}).get("id")
        warehouse = (self._ref("warehouse") or {}).get("id")
        date = self.form.header.values().get("date") or ""
        on = dt.date.fromisoformat(date[:10]) if date else dt.date.today()
        session, reserves = self.session, self.reserves and warehouse is not None

        def work() -> dict[int, dict[str, Any]]:
            out = {}
            for i, p in wanted.items():
                out[i] = api.line_defaults(session, p, price_type, on)
                if reserves:
                    out[i]["free"] = api.free_stock(session, warehouse, p)
            return out

        self._loaders["lines"].run(work, self._on_lines)

    def _on_lines(self, found: dict[int, dict[str, Any]]) -> None:
        model = self.form.lines
        names = [f.name for f in model.fields]
        for i, d in found.items():
            if i >= model.rowCount():
                continue
            row = model.rows[i]
            qty = as_decimal(row.get("quantity"))
            if "free" in d and qty is not None:
                d["reserve"] = max(Decimal(0), min(qty, d.pop("free")))
            for name, value in d.items():
                if name in names and value is not None and row.get(name) in (None, ""):
                    model.setData(
                        model.index(i, names.index(name)), value, Qt.ItemDataRole.EditRole
                    )
