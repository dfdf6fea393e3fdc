"""Sales → Prices: the prices of a price type on a chosen date, each product's history, and
new prices typed straight into the list, holding from the chosen date on.

Reads and writes go through :mod:`server.api.prices` off the GUI thread; PostgreSQL refuses the
write to users whose role may not set prices (only sales managers, accountants and
administrators may), and the refusal is shown in the message bar.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
)

from forms import date_keys
from forms.admin_base import AdminForm
from forms.formatting import decimal_text, parse_decimal
from forms.rows_export import RowsExport
from server.api.price_list import price_history, prices_on, set_prices
from server.metadata import Registry

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget
    from sqlalchemy import Engine

PRICE = 2  # the editable column


def _item(text: str, *, number: bool = False, editable: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if number:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
    item.setFlags(flags | Qt.ItemFlag.ItemIsEditable if editable else flags)
    return item


class PricesForm(AdminForm):
    """Price type, date and search above; products with their price on the date (the price
    column is editable); the chosen product's price history beside them."""

    watches = ("info_register:prices", "catalog:products", "catalog:price_types")

    def __init__(self, engine: Engine, reg: Registry, parent: QWidget | None = None) -> None:
        super().__init__(engine, reg, parent)
        self.setObjectName("prices")
        self.heading.setText(self.tr("Prices"))
        self.rows: list[dict[str, Any]] = []
        self._filling = False
        self.price_type = QComboBox(self)
        self.price_type.setObjectName("price_type")
        self.price_type.setAccessibleName(self.tr("Price type"))
        self.price_type.currentIndexChanged.connect(self.reload)
        self.date = QDateEdit(QDate.currentDate(), self)
        self.date.setObjectName("price_date")
        self.date.setCalendarPopup(True)
        self.date.setAccessibleName(self.tr("Prices on"))
        date_keys.install(self.date)
        self.date.dateChanged.connect(self.reload)
        self.search = QLineEdit(self)
        self.search.setObjectName("price_search")
        self.search.setPlaceholderText(self.tr("Search by name, code or SKU"))
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self.reload)
        bar = QHBoxLayout()
        for text, w in (
            (self.tr("Price &type:"), self.price_type),
            (self.tr("Prices &on:"), self.date),
        ):
            label = QLabel(text, self)
            label.setBuddy(w)
            bar.addWidget(label)
            bar.addWidget(w)
        bar.addWidget(self.search, 1)
        self.export = RowsExport(
            self, lambda: self.tr("Prices"), self._export_columns, lambda: self.rows,
            self._export_heading,
        )  # fmt: skip
        self.export.failed.connect(self.message_bar.show_error)
        bar.addWidget(self.export.button)
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("price_table")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Product"), self.tr("SKU"), self.tr("Price"), self.tr("Valid from")]
        )
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.setColumnWidth(0, self.fontMetrics().averageCharWidth() * 40)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setToolTip(
            self.tr("Type a price to set it from the chosen date on (Enter or F2 edits it)")
        )
        self.table.itemChanged.connect(self._price_edited)
        self.table.currentCellChanged.connect(lambda *_: self._load_history())
        self.history = QTableWidget(0, 2, self)
        self.history.setObjectName("price_history")
        self.history.setHorizontalHeaderLabels([self.tr("Valid from"), self.tr("Price")])
        self.history.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.history)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        self.body.addLayout(bar)
        self.body.addWidget(splitter, 1)
        frame = self.layout()
        frame.setStretch(frame.indexOf(self.body), 1)  # the lists take the height, not the
        frame.setStretch(frame.count() - 1, 0)  # frame's closing stretch
        self.setFocusProxy(self.table)
        self.load()

    # -- reading --------------------------------------------------------------------------
    def on_date(self) -> dt.date:
        d = self.date.date()
        return dt.date(d.year(), d.month(), d.day())

    def _export_columns(self) -> list[tuple[str, str, str]]:
        return [
            ("name", self.tr("Product"), "text"),
            ("article", self.tr("SKU"), "text"),
            ("price", self.tr("Price"), "money"),
            ("period", self.tr("Valid from"), "date"),
        ]

    def _export_heading(self) -> str:
        return self.tr("{type} on {date}").format(
            type=self.price_type.currentText(), date=self.on_date().isoformat()
        )

    def current_type(self) -> int | None:
        return self.price_type.currentData()

    def load(self) -> None:
        """The price types, then the prices of the chosen one."""
        session = self.session()
        self._run(
            lambda: session.rows(
                "SELECT id, name FROM kontora.cat_price_types WHERE NOT deletion_mark ORDER BY name"
            ),
            self._show_types,
        )

    def _show_types(self, types: list[dict[str, Any]]) -> None:
        wanted = self.current_type()
        self.price_type.blockSignals(True)
        self.price_type.clear()
        for t in types:
            self.price_type.addItem(t["name"], t["id"])
        at = self.price_type.findData(wanted)
        self.price_type.setCurrentIndex(max(at, 0))
        self.price_type.blockSignals(False)
        self.reload()

    def reload(self) -> None:
        """The prices of the chosen type on the chosen date."""
        pt = self.current_type()
        if pt is None:
            self._show_prices([])
            return
        session, on, text = self.session(), self.on_date(), self.search.text()
        self._run(lambda: prices_on(session, pt, on, text), self._show_prices)

    def _show_prices(self, rows: list[dict[str, Any]]) -> None:
        self.rows = rows
        self._filling = True
        try:
            self.table.setRowCount(len(rows))
            for i, r in enumerate(rows):
                self.table.setItem(i, 0, _item(r["name"]))
                self.table.setItem(i, 1, _item(r["article"] or ""))
                price = "" if r["price"] is None else decimal_text(r["price"], 2)
                self.table.setItem(i, PRICE, _item(price, number=True, editable=True))
                self.table.setItem(i, 3, _item(str(r["period"] or "")))
        finally:
            self._filling = False
        self._load_history()

    def _load_history(self) -> None:
        row, pt = self.table.currentRow(), self.current_type()
        if not 0 <= row < len(self.rows) or pt is None:
            self.history.setRowCount(0)
            return
        session, product = self.session(), self.rows[row]["id"]
        self._run(lambda: price_history(session, pt, product), self._show_history)

    def _show_history(self, rows: list[dict[str, Any]]) -> None:
        self.history.setRowCount(len(rows))
        for i, r in enumerate(rows):
            self.history.setItem(i, 0, _item(str(r["period"])))
            self.history.setItem(i, 1, _item(decimal_text(r["price"], 2), number=True))

    # -- writing --------------------------------------------------------------------------
    def _price_edited(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() != PRICE:
            return
        row, pt = item.row(), self.current_type()
        typed = item.text().strip()
        parsed = parse_decimal(typed)
        if pt is None or not typed:
            return
        price: Decimal | str = typed if parsed is None else parsed
        self.set_price(self.rows[row]["id"], price)

    def set_price(self, product: int, price: Decimal | str) -> None:
        """Write the price of ``product`` from the chosen date on, then re-read the list."""
        session, reg, pt, on = self.session(), self.reg, self.current_type(), self.on_date()
        assert pt is not None
        self._run(
            lambda: set_prices(session, reg, pt, on, [(product, price)]), self._saved, write=True
        )

    def _saved(self, _count: int) -> None:
        self.message_bar.show_info(
            self.tr("The price is set from {date} on.").format(date=self.on_date())
        )
        self.changed.emit("info_register:prices")
        self.reload()

    def _on_failed(self, exc: BaseException) -> None:
        super()._on_failed(exc)
        self.setEnabled(True)
        self.reload()  # the refused price is not shown as if it were set
