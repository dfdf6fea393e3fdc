"""The editable grid of a tabular section: 1C keys over a :class:`LinesModel`.

Ins adds a row (after the current one) and starts editing it, F9 copies the current row, Del
deletes it, Enter starts editing or commits and moves down, Tab goes to the next cell. Reference
columns are edited with an in-cell :class:`RefEdit`; numbers with a right-aligned line edit
parsed in the user's locale.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from forms import switched_on
from forms.doc_ref_edit import DocRefEdit
from forms.formatting import decimal_text, parse_decimal
from forms.grid_columns import ColumnFitter
from forms.header_fields import field_line_edit
from forms.lines_model import LinesModel, as_decimal
from forms.ref_edit import RefEdit
from server.metadata import DocRef, Field, Number, Ref, Registry

if TYPE_CHECKING:
    from sqlalchemy import Engine

AnyIndex = QModelIndex | QPersistentModelIndex
RETURN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class CellDelegate(QStyledItemDelegate):
    """Creates the editor of a cell by its field kind and moves down on Enter."""

    def __init__(self, engine: Engine, reg: Registry, fields: tuple[Field, ...], view: LinesGrid):
        super().__init__(view)
        self.engine, self.reg, self.fields, self.view = engine, reg, fields, view
        self.editor: QWidget | None = None

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        f = self.fields[index.column()]
        editor: QLineEdit
        if isinstance(f, DocRef):  # an order a payment line pays: F4 chooses it
            editor = DocRefEdit(self.engine, self.reg.document(f.target), parent)
        elif isinstance(f, Ref):
            editor = RefEdit(self.engine, self.reg.catalogs[f.target], parent)
            editor.setPlaceholderText("")
        else:
            editor = field_line_edit(f, parent)
        editor.setFrame(False)
        self.editor = editor
        return editor

    def destroyEditor(self, editor: QWidget, index: AnyIndex) -> None:
        if editor is self.editor:
            self.editor = None
        super().destroyEditor(editor, index)

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        f = self.fields[index.column()]
        raw = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, DocRefEdit):
            editor.set_value(raw)
        elif isinstance(editor, RefEdit):
            if raw and raw.get("id") is not None:
                editor.set_value(raw)
            else:
                editor.set_value(None)
                editor.setText(raw["name"] if raw else "")
        elif isinstance(editor, QLineEdit):
            number = as_decimal(raw) if isinstance(f, Number) else None
            if number is not None:  # the locale's decimal point, no grouping while typing
                editor.setText(decimal_text(number, None).replace(QLocale().groupSeparator(), ""))
            else:
                editor.setText("" if raw is None else str(raw))
            editor.selectAll()

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        f = self.fields[index.column()]
        value: Any
        if isinstance(editor, DocRefEdit):
            value = editor.value()
        elif isinstance(editor, RefEdit):
            editor.accept_best()
            if editor.unresolved:
                value = {"id": None, "name": editor.text().strip()}
            else:
                value = editor.value()
        elif isinstance(editor, QLineEdit):
            text = editor.text()
            if isinstance(f, Number):
                parsed = parse_decimal(text)
                value = text.strip() if parsed is None else (parsed or None)
            else:
                value = text or None
        else:
            return
        model.setData(index, value, Qt.ItemDataRole.EditRole)

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        """Enter in an editor: commit, close and go one row down (1C)."""
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in RETURN_KEYS
            and not event.modifiers() & Qt.KeyboardModifier.ControlModifier
            and isinstance(editor, QWidget)
        ):
            if isinstance(editor, RefEdit) and editor.completer().popup().isVisible():
                return False
            self.commitData.emit(editor)
            self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            self.view.move_down()
            return True
        return super().eventFilter(editor, event)


class LinesGrid(QTableView):
    """The grid; the model does the data, this does the keys."""

    def __init__(
        self, engine: Engine, reg: Registry, model: LinesModel, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.lines = model
        self.delegate = CellDelegate(engine, reg, model.fields, self)
        self.setItemDelegate(self.delegate)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setTabKeyNavigation(True)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.horizontalHeader().setHighlightSections(False)
        self.reg = reg
        self.columns = ColumnFitter(self, model.fields)  # widths by type, fitted to the width
        self.setAccessibleName(model.table.title or model.table.name)
        self.apply_switches()
        switched_on.subscribe(self.apply_switches)

    def apply_switches(self) -> None:
        """Hide the columns referring to objects of switched-off subsystems (their values are
        kept and saved as they are); show them again when their subsystem is back."""
        off = switched_on.off_fields(self.reg, self.lines.fields)
        for i, f in enumerate(self.lines.fields):
            self.setColumnHidden(i, f.name in off)
        self.columns.fit()

    def shown_columns(self) -> list[str]:
        """Names of the columns shown (not hidden by a switched-off subsystem)."""
        return [f.name for i, f in enumerate(self.lines.fields) if not self.isColumnHidden(i)]

    # -- commands -------------------------------------------------------------------------
    def add_row(self) -> None:
        """Ins: a new row after the current one, editing its first cell."""
        if self.lines.read_only:
            return
        self.finish_editing()
        at = self.lines.insert_row(self.currentIndex().row() + 1 if self.lines.rows else 0)
        first = next((i for i in range(len(self.lines.fields)) if not self.isColumnHidden(i)), 0)
        self._edit_at(at, first)

    def copy_row(self) -> None:
        """F9: a copy of the current row below it."""
        i = self.currentIndex().row()
        if 0 <= i < self.lines.rowCount() and not self.lines.read_only:
            self.finish_editing()
            at = self.lines.copy_row(i)
            self.setCurrentIndex(self.lines.index(at, max(self.currentIndex().column(), 0)))

    def delete_row(self) -> None:
        """Del: remove the current row."""
        i = self.currentIndex().row()
        if 0 <= i < self.lines.rowCount() and not self.lines.read_only:
            col = self.currentIndex().column()
            self.lines.remove_row(i)
            if self.lines.rowCount():
                self.setCurrentIndex(self.lines.index(min(i, self.lines.rowCount() - 1), col))

    def move_down(self) -> None:
        index = self.currentIndex()
        if index.row() + 1 < self.lines.rowCount():
            self.setCurrentIndex(self.lines.index(index.row() + 1, index.column()))

    def finish_editing(self) -> None:
        """Commit the open cell editor, if any (before saving, before a row command)."""
        editor = self.delegate.editor
        if editor is not None and shiboken6.isValid(editor):
            self.delegate.commitData.emit(editor)
            self.delegate.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def _edit_at(self, row: int, col: int) -> None:
        index = self.lines.index(row, col)
        self.setCurrentIndex(index)
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self.edit(index)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        plain = not mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        if key == Qt.Key.Key_Insert and plain:
            self.add_row()
        elif key == Qt.Key.Key_F9 and plain:
            self.copy_row()
        elif key == Qt.Key.Key_Delete and plain:
            self.delete_row()
        elif key in RETURN_KEYS and plain and self.state() != QAbstractItemView.State.EditingState:
            index = self.currentIndex()
            if index.isValid() and index.flags() & Qt.ItemFlag.ItemIsEditable:
                self.edit(index)
            else:
                self.move_down()
        else:
            super().keyPressEvent(event)
