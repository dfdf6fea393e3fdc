"""A small read-only table of rows (My tasks, a partner's timeline): selection by rows, and
one call that fills it, a row's font marking it (overdue in bold, marked for deletion struck)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtWidgets import QAbstractItemView, QTableWidget, QTableWidgetItem, QWidget


def row_table(parent: QWidget, headers: Sequence[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(list(headers))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def moment_text(v: dt.datetime | None) -> str:
    return v.strftime("%Y-%m-%d %H:%M") if v else ""


def fill(table: QTableWidget, rows: Sequence[Sequence[str]], *, bold=(), strike=()) -> None:
    """Show ``rows`` of cell texts; rows whose index is in ``bold`` / ``strike`` are so."""
    table.setRowCount(len(rows))
    for n, cells in enumerate(rows):
        for col, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if n in bold or n in strike:
                font = item.font()
                font.setBold(n in bold)
                font.setStrikeOut(n in strike)
                item.setFont(font)
            table.setItem(n, col, item)
    table.resizeColumnsToContents()
