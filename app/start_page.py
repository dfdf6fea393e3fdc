"""The start page: key figures of the switched-on subsystems, computed on the server.

Figures come from :mod:`server.api.key_figures` off the GUI thread, when the page is shown and
on Refresh (F5). A figure that lists something ("Items below minimum stock") has a button that
opens the list in a dialog; one with a report or list behind it ("Customers owe us": debts by
age) has a button asking the main window to open it (``open_requested``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from forms.formatting import decimal_text
from forms.icons import icon_button
from forms.list_model import error_text
from forms.message_bar import MessageBar
from forms.worker import Loader
from server.api import Session
from server.api.key_figures import FigureValue, below_minimum, key_figures
from server.metadata import Registry

COLUMNS = 3  # figure cards per row


def figure_text(f: FigureValue) -> str:
    return decimal_text(f.value, 2 if f.kind == "money" else 0)


class StartPage(QWidget):
    """Key figures as cards; F5 or the Refresh button reads them again."""

    open_requested = Signal(str, str)  # navigation kind and name: the report behind a figure

    def __init__(self, engine: Engine, reg: Registry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.reg = reg
        self.setObjectName("start_page")
        self.figures: list[FigureValue] = []
        self.values: dict[str, QLabel] = {}
        self.dialog: BelowMinimumDialog | None = None
        self._loader = Loader(self)
        self._loader.finished.connect(self._on_figures)
        self._loader.failed.connect(lambda exc: self.message_bar.show_error(error_text(exc)))

        heading = QLabel(self.tr("Key figures"), self)
        big = QFont(heading.font())
        big.setPointSizeF(big.pointSizeF() * 1.4)
        big.setBold(True)
        heading.setFont(big)
        self.refresh_button = icon_button(
            self, "refresh", self.tr("Refresh (F5)"), self.tr("Refresh"), self.refresh
        )
        self.status = QLabel(self)
        self.message_bar = MessageBar(self)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(self.status)
        top.addWidget(self.refresh_button)
        self.grid = QGridLayout()
        self.grid.setSpacing(self.fontMetrics().height())
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message_bar)
        layout.addLayout(self.grid)
        layout.addStretch(1)

        refresh = QAction(self.tr("Refresh"), self)
        refresh.setShortcut(QKeySequence(Qt.Key.Key_F5))
        refresh.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        refresh.triggered.connect(self.refresh)
        self.addAction(refresh)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    @property
    def busy(self) -> bool:
        return self._loader.loading

    def refresh(self) -> None:
        """Read the figures again (in the background)."""
        session, reg = Session(self.engine), self.reg
        self.status.setText(self.tr("Loading…"))
        self._loader.submit(lambda: key_figures(session, reg))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def value_text(self, name: str) -> str | None:
        """The text shown for figure ``name`` (None when it is not shown)."""
        label = self.values.get(name)
        return label.text() if label is not None else None

    def _on_figures(self, figures: list[FigureValue]) -> None:
        self.figures = figures
        self.status.clear()
        self.message_bar.clear()
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.values = {}
        for i, f in enumerate(figures):
            self.grid.addWidget(self._card(f), i // COLUMNS, i % COLUMNS)
        if not figures:
            empty = QLabel(self.tr("No key figures: their subsystems are switched off."), self)
            empty.setEnabled(False)
            self.grid.addWidget(empty, 0, 0)

    def _card(self, f: FigureValue) -> QFrame:
        card = QFrame(self)
        card.setObjectName(f"figure_{f.name}")
        card.setFrameShape(QFrame.Shape.StyledPanel)
        title = QLabel(QCoreApplication.translate("KeyFigures", f.title), card)
        value = QLabel(figure_text(f), card)
        value.setObjectName(f"value_{f.name}")
        font = QFont(value.font())
        font.setPointSizeF(font.pointSizeF() * 2)
        font.setBold(True)
        value.setFont(font)
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        value.setAccessibleName(title.text())
        box = QVBoxLayout(card)
        box.addWidget(title)
        box.addWidget(value)
        if f.drill:
            show = QPushButton(self.tr("Show items…"), card)
            show.setObjectName(f"show_{f.name}")
            show.setAccessibleName(self.tr("Show {title}").format(title=title.text()))
            show.setEnabled(f.value != Decimal(0))
            show.clicked.connect(self.show_below_minimum)
            box.addWidget(show, 0, Qt.AlignmentFlag.AlignLeft)
        if f.opens is not None:
            kind, name = f.opens
            label = self.tr("Open the report…") if kind == "report" else self.tr("Open the list…")
            opener = QPushButton(label, card)
            opener.setObjectName(f"open_{f.name}")
            opener.setAccessibleName(f"{label} {title.text()}")
            opener.clicked.connect(lambda _=False, k=kind, n=name: self.open_requested.emit(k, n))
            box.addWidget(opener, 0, Qt.AlignmentFlag.AlignLeft)
        box.addStretch(1)  # every card's title and figure on the same lines
        self.values[f.name] = value
        return card

    def show_below_minimum(self) -> BelowMinimumDialog:
        """The products below their minimum stock, with stock and minimum (non-modal)."""
        if self.dialog is None:
            self.dialog = BelowMinimumDialog(self.engine, self)
        self.dialog.reload()
        self.dialog.show()
        self.dialog.raise_()
        return self.dialog


class BelowMinimumDialog(QDialog):
    """Products whose stock summed over warehouses is below their minimum."""

    HEADERS = (
        ("code", QT_TRANSLATE_NOOP("BelowMinimumDialog", "Code")),
        ("name", QT_TRANSLATE_NOOP("BelowMinimumDialog", "Product")),
        ("stock", QT_TRANSLATE_NOOP("BelowMinimumDialog", "Stock")),
        ("min_stock", QT_TRANSLATE_NOOP("BelowMinimumDialog", "Minimum")),
        ("shortage", QT_TRANSLATE_NOOP("BelowMinimumDialog", "Shortage")),
    )

    def __init__(self, engine: Engine, parent: QWidget) -> None:
        super().__init__(parent)
        self.engine = engine
        self.setObjectName("below_minimum")
        self.setWindowTitle(self.tr("Items below minimum stock"))
        self.rows: list[dict[str, Any]] = []
        self.table = QTableWidget(0, len(self.HEADERS), self)
        self.table.setAccessibleName(self.windowTitle())
        self.table.setHorizontalHeaderLabels(
            [QCoreApplication.translate("BelowMinimumDialog", h) for _, h in self.HEADERS]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        ch = self.fontMetrics().horizontalAdvance("0")
        self.resize(ch * 90, self.fontMetrics().lineSpacing() * 24)
        self._loader = Loader(self)
        self._loader.finished.connect(self._on_rows)

    @property
    def busy(self) -> bool:
        return self._loader.loading

    def reload(self) -> None:
        session = Session(self.engine)
        self._loader.submit(lambda: below_minimum(session))

    def _on_rows(self, rows: list[dict[str, Any]]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            for j, (key, _) in enumerate(self.HEADERS):
                value = r[key]
                numeric = isinstance(value, Decimal | int)
                text = decimal_text(value, None) if numeric else str(value or "")
                item = QTableWidgetItem(text)
                if numeric:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(i, j, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

    def cell_texts(self) -> list[list[str]]:
        return [
            [self.table.item(i, j).text() for j in range(self.table.columnCount())]
            for i in range(self.table.rowCount())
        ]
