"""The rows of one tabular section, edited in a grid: typed values kept exactly as entered.

A cell holds a reference ``{"id", "name"}`` (``id`` None while the typed text names nothing), a
number as a plain decimal string (``"2.5"``, never a float; unparsable text is kept and marked)
or text. Computed money columns (``product_of=(a, b)`` or a ``formula``, which may read the
document header: :attr:`LinesModel.header`) are computed live exactly as the server computes them
(:mod:`server.metadata.formula`), and are read-only. Errors reported by the server can be pinned
to a cell.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtCore import Signal as _Signal
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import QApplication

from forms.doc_ref_edit import shown
from forms.formatting import decimal_text
from forms.texts import meta_tr
from server.metadata import DocRef, Field, Money, Number, Qty, Ref, Table, formula

AnyIndex = QModelIndex | QPersistentModelIndex
Row = dict[str, Any]


def as_decimal(value: Any) -> Decimal | None:
    """The exact value of a stored number cell (None if empty or not a number)."""
    if value is None or value == "":
        return None
    try:
        d = Decimal(str(value))
    except InvalidOperation:
        return None
    return d if d.is_finite() else None


def _plain(value: Any) -> Any:
    return format(value, "f") if isinstance(value, Decimal) else value


def is_computed(f: Field) -> bool:
    return isinstance(f, Number) and f.computed is not None


def is_summed(f: Field) -> bool:
    """Whether the totals line sums ``f`` (``Number.summed``; by default quantities and
    computed amounts)."""
    if not isinstance(f, Number):
        return False
    return f.summed if f.summed is not None else isinstance(f, Qty) or is_computed(f)


class LinesModel(QAbstractTableModel):
    """Rows of a tabular section; ``edited`` fires on every change (dirty flag, totals)."""

    edited = _Signal()

    def __init__(self, table: Table, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.table = table
        self.fields: tuple[Field, ...] = table.fields
        self.rows: list[Row] = []
        self.errors: dict[tuple[int, str], str] = {}
        self.header: dict[str, Any] = {}
        # column -> its heading broken into two lines (set by forms/grid_columns.py)
        self.headings: dict[int, str] = {}
        #: A section the form computes (a payroll sheet's per-employee summary): no cell is
        #: editable and no row is added, copied or deleted by hand.
        self.read_only = False

    # -- data in and out ------------------------------------------------------------------
    def load(self, rows: list[Row]) -> None:
        """Rows as read from the server (Decimals, references as dicts)."""
        self.beginResetModel()
        self.rows = [{f.name: _plain(r.get(f.name)) for f in self.fields} for r in rows]
        self.errors.clear()
        self.endResetModel()

    def payload(self) -> list[dict[str, Any]]:
        """The lines as the server API takes them (computed columns left to the server)."""
        out = []
        for r in self.rows:
            line: dict[str, Any] = {}
            for f in self.fields:
                if is_computed(f):
                    continue
                v = r.get(f.name)
                ref = isinstance(f, Ref | DocRef)
                line[f.name] = v["id"] if ref and v else (None if v == "" else v)
            out.append(line)
        return out

    def unresolved(self) -> list[tuple[int, Field]]:
        """Reference cells whose typed text names no item."""
        return [
            (i, f)
            for i, r in enumerate(self.rows)
            for f in self.fields
            if isinstance(f, Ref) and r.get(f.name) and r[f.name].get("id") is None
        ]

    def value(self, row: int, f: Field) -> Any:
        """A cell's value; a computed amount is a×b half-up (or None when a or b is empty)."""
        r = self.rows[row]
        if is_computed(f):
            assert isinstance(f, Number) and f.computed
            values = dict(self.header)
            for g in self.fields:
                if g.name in formula.names(f.computed):
                    values[g.name] = self._operand(row, g)
            return formula.evaluate(f.computed, values)
        v = r.get(f.name)
        return as_decimal(v) if isinstance(f, Number) else v

    def _operand(self, row: int, f: Field) -> Any:
        """A cell as a formula operand: numbers as Decimals (computed ones computed)."""
        if is_computed(f):
            return self.value(row, f)
        v = self.rows[row].get(f.name)
        return as_decimal(v) if isinstance(f, Number) else v

    def set_header(self, header: dict[str, Any]) -> None:
        """The header's values the formulas read (VAT included or on top…); recomputes the
        computed cells (not an edit: the header's own change marks the form dirty)."""
        if header == self.header:
            return
        self.header = header
        cols = [i for i, f in enumerate(self.fields) if is_computed(f)]
        if cols and self.rows:
            last = len(self.rows) - 1
            self.dataChanged.emit(self.index(0, min(cols)), self.index(last, max(cols)))

    def totals(self) -> dict[str, Decimal]:
        """Sums of the summed columns (:func:`is_summed`: a sum of prices means nothing)."""
        out = {}
        for f in self.fields:
            if is_summed(f):
                values = (self.value(i, f) for i in range(len(self.rows)))
                out[f.name] = sum((v for v in values if v is not None), Decimal(0))
        return out

    def set_error(self, row: int, name: str, message: str) -> None:
        self.errors[(row, name)] = message
        col = [f.name for f in self.fields].index(name)
        self.dataChanged.emit(self.index(row, col), self.index(row, col))

    def clear_errors(self) -> None:
        if self.errors:
            self.errors.clear()
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, 0))

    # -- row commands ---------------------------------------------------------------------
    def insert_row(self, at: int, row: Row | None = None) -> int:
        at = max(0, min(at, len(self.rows)))
        self.beginInsertRows(QModelIndex(), at, at)
        self.rows.insert(at, dict(row) if row else {f.name: None for f in self.fields})
        self.endInsertRows()
        self._shift_errors(at, +1)
        self.edited.emit()
        return at

    def copy_row(self, i: int) -> int:
        copy = {k: (dict(v) if isinstance(v, dict) else v) for k, v in self.rows[i].items()}
        return self.insert_row(i + 1, copy)

    def remove_row(self, i: int) -> None:
        if not 0 <= i < len(self.rows):
            return
        self.beginRemoveRows(QModelIndex(), i, i)
        del self.rows[i]
        self.endRemoveRows()
        self.errors = {k: v for k, v in self.errors.items() if k[0] != i}
        self._shift_errors(i, -1)
        self.edited.emit()

    def _shift_errors(self, at: int, by: int) -> None:
        first = at + (by < 0)  # rows from here on move
        self.errors = {(r + by if r >= first else r, n): m for (r, n), m in self.errors.items()}

    # -- Qt model -------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.fields)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.headings.get(section) or meta_tr(self.fields[section].label)
        return str(section + 1)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        f = self.fields[index.column()] if index.isValid() else None
        # A document reference in a line is filled by "create based on" (no editor of its own).
        editable = f is not None and not self.read_only
        if editable and not is_computed(f) and not isinstance(f, DocRef):
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        f = self.fields[index.column()]
        raw = self.rows[index.row()].get(f.name)
        bad = self._bad(index.row(), f)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(index.row(), f)
        if role == Qt.ItemDataRole.EditRole:
            return raw
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(f, Number):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return bad
        if role == Qt.ItemDataRole.ForegroundRole and bad:
            return QBrush(QApplication.palette().color(QPalette.ColorRole.BrightText))
        if role == Qt.ItemDataRole.BackgroundRole and bad:
            return QBrush(Qt.GlobalColor.darkRed)
        if role == Qt.ItemDataRole.BackgroundRole and is_computed(f):
            return QApplication.palette().brush(QPalette.ColorRole.AlternateBase)
        return None

    def _text(self, row: int, f: Field) -> str:
        raw = self.rows[row].get(f.name)
        if isinstance(f, DocRef):
            return shown(raw)
        if isinstance(f, Ref):
            return raw["name"] if raw else ""
        if isinstance(f, Number):
            v = self.value(row, f)
            if v is None:
                return "" if raw in (None, "") or is_computed(f) else str(raw)
            return decimal_text(v, 2 if isinstance(f, Money) else None)
        return "" if raw is None else str(raw)

    def _bad(self, row: int, f: Field) -> str | None:
        """Why a cell is wrong (a server error pinned to it, or what the client can tell)."""
        if (row, f.name) in self.errors:
            return self.errors[(row, f.name)]
        raw = self.rows[row].get(f.name)
        if isinstance(f, Ref) and raw and raw.get("id") is None:
            return self.tr("No {field} is named “{name}”").format(
                field=meta_tr(f.label).lower(), name=raw["name"]
            )
        number = isinstance(f, Number) and not is_computed(f)
        if number and raw not in (None, "") and as_decimal(raw) is None:
            return self.tr("{field}: “{text}” is not a number").format(
                field=meta_tr(f.label), text=raw
            )
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        f = self.fields[index.column()]
        row = self.rows[index.row()]
        if row.get(f.name) == value:
            return False
        row[f.name] = value
        self.errors.pop((index.row(), f.name), None)
        last = self.index(index.row(), self.columnCount() - 1)
        self.dataChanged.emit(self.index(index.row(), 0), last)  # computed cells follow
        self.edited.emit()
        return True
