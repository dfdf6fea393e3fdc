"""Column choice, order and widths of a list, saved per user (roaming, in the database).

A right click on the header offers a checkbox per column and "Columns…" (a dialog to show,
hide and reorder them); columns can also be dragged to a new place. The header state — visual
order, hidden columns, widths the user set — is stored under ``list:<kind>:<name>:columns``
through :mod:`forms.settings_store` (debounced, off the GUI thread) and restored when the list
opens. Columns are stored by key, so a column added to the declaration later simply appears.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from forms import switched_on
from forms.settings_store import store_for
from forms.texts import meta_tr
from server.metadata import Field, registry

if TYPE_CHECKING:
    from forms.list_form import ListForm


def settings_key(kind: str, name: str) -> str:
    return f"list:{kind}:{name}:columns"


class ListColumns(QObject):
    """Keeps one list's header arrangement in the user's settings."""

    restored = Signal()

    def __init__(self, form: ListForm) -> None:
        super().__init__(form)
        self.form = form
        self.keys = [c.key for c in form.query.columns]
        self.labels = {c.key: meta_tr(c.label) for c in form.query.columns}

        self.key = settings_key(form.query.kind, form.query.name)
        self.store = store_for(form.engine)
        self.loaded = False
        self._applying = False
        self._widths: dict[str, int] = {}  # widths the user set
        header = form.view.horizontalHeader()
        self.header = header
        header.setSectionsMovable(True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._show_menu)
        header.sectionMoved.connect(lambda *_: self._changed())
        header.sectionResized.connect(self._resized)
        self.off: set[str] = set()  # hidden for a switched-off subsystem, not by the user
        self.apply_switches()
        switched_on.subscribe(self.apply_switches)
        self.store.load([self.key], self, self._on_loaded)

    def _fields(self) -> tuple[Field, ...]:
        """The declared fields behind the columns (keys are field names)."""
        kind, name, reg = self.form.query.kind, self.form.query.name, registry
        if kind == "document" and name in reg.documents:
            return reg.documents[name].header
        if kind == "catalog" and name in reg.catalogs:
            return reg.catalogs[name].fields
        if kind == "report" and name in reg.registers:
            return reg.registers[name].dimensions
        return ()

    def apply_switches(self) -> None:
        """Hide the columns of fields referring to a switched-off subsystem; show them again
        (unless the user hid them) when it is back."""
        off = switched_on.off_fields(registry, self._fields()) & set(self.keys)
        user_hidden = set(self.hidden())
        for key in off | self.off:
            self.header.setSectionHidden(self.keys.index(key), key in off or key in user_hidden)
        self.off = off

    # -- state ----------------------------------------------------------------------------
    def order(self) -> list[str]:
        """Column keys in the order shown (hidden ones included)."""
        return [self.keys[self.header.logicalIndex(v)] for v in range(self.header.count())]

    def hidden(self) -> list[str]:
        """Columns the user hid (not those of a switched-off subsystem)."""
        off = getattr(self, "off", set())
        return [
            k for i, k in enumerate(self.keys) if self.header.isSectionHidden(i) and k not in off
        ]

    def shown(self) -> list[str]:
        """Keys of the columns shown, in order."""
        return [k for k in self.order() if not self.header.isSectionHidden(self.keys.index(k))]

    def state(self) -> dict[str, Any]:
        return {"order": self.order(), "hidden": self.hidden(), "widths": dict(self._widths)}

    def apply(self, state: dict[str, Any]) -> None:
        """Arrange the header as ``state`` says (unknown keys ignored, new columns kept)."""
        self._applying = True
        try:
            order = [k for k in state.get("order", []) if k in self.keys]
            order += [k for k in self.keys if k not in order]
            for visual, key in enumerate(order):
                current = self.header.visualIndex(self.keys.index(key))
                if current != visual:
                    self.header.moveSection(current, visual)
            hidden = set(state.get("hidden", []))
            for i, k in enumerate(self.keys):
                self.header.setSectionHidden(i, k in hidden)
            for k in self.off:
                self.header.setSectionHidden(self.keys.index(k), True)
            if not self.visible():  # never hide everything
                self.header.setSectionHidden(self.keys.index(order[0]), False)
            widths = state.get("widths") or {}
            self._widths = {k: int(w) for k, w in widths.items() if k in self.keys}
            for k, w in self._widths.items():
                self.header.resizeSection(self.keys.index(k), w)
            if self._widths:
                self.form._sized = True  # the user's widths, not a fit to the first page
        finally:
            self._applying = False

    def visible(self) -> list[str]:
        return [k for k in self.order() if k not in self.hidden() and k not in self.off]

    def set_hidden(self, key: str, hidden: bool) -> None:
        """Hide or show a column (the last visible one stays)."""
        if hidden and self.visible() == [key]:
            return
        self.header.setSectionHidden(self.keys.index(key), hidden)
        self._changed()

    def _on_loaded(self, values: dict[str, Any]) -> None:
        state = values.get(self.key)
        if isinstance(state, dict):
            self.apply(state)
        self.loaded = True
        self.restored.emit()

    def _resized(self, logical: int, _old: int, new: int) -> None:
        """Only a width the user drags (or double-clicks) is remembered, not automatic fits."""
        if self._applying or QApplication.mouseButtons() == Qt.MouseButton.NoButton:
            return
        self._widths[self.keys[logical]] = new
        self._changed()

    def _changed(self) -> None:
        if not self._applying:
            self.store.save(self.key, self.state())

    def reset(self) -> None:
        """Back to the declared order, all columns shown, widths fitted."""
        self.apply({})
        self._widths = {}
        self.store.save(self.key, None)

    # -- commands -------------------------------------------------------------------------
    def build_menu(self) -> QMenu:
        """The header's context menu: a checkbox per column, "Columns…", "Reset columns"."""
        menu = QMenu(self.form)
        hidden = set(self.hidden())
        for key in [k for k in self.order() if k not in self.off]:
            action = menu.addAction(self.labels[key])
            action.setCheckable(True)
            action.setChecked(key not in hidden)
            action.setObjectName(f"column_{key}")
            action.toggled.connect(lambda on, k=key: self.set_hidden(k, not on))
        menu.addSeparator()
        menu.addAction(self.tr("Columns…"), self.choose)
        menu.addAction(self.tr("Reset columns"), self.reset)
        return menu

    def _show_menu(self, pos: QPoint) -> None:
        self.build_menu().exec(self.header.mapToGlobal(pos))

    def choose(self) -> None:
        """The "Columns…" dialog: tick the columns to show, reorder with the buttons or by
        dragging; OK applies and saves."""
        dialog = ColumnsDialog(self.order(), self.labels, set(self.hidden()), self.form)
        dialog.accepted.connect(lambda: self._chosen(dialog))
        dialog.open()

    def _chosen(self, dialog: ColumnsDialog) -> None:
        order, hidden = dialog.result_state()
        self.apply({"order": order, "hidden": hidden, "widths": self._widths})
        self._changed()


class ColumnsDialog(QDialog):
    """Show/hide and reorder the columns of a list."""

    def __init__(
        self, order: list[str], labels: dict[str, str], hidden: set[str], parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Columns"))
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Columns"))
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        for key in order:
            item = QListWidgetItem(labels[key], self.list)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            hide = key in hidden
            item.setCheckState(Qt.CheckState.Unchecked if hide else Qt.CheckState.Checked)
        self.list.setCurrentRow(0)
        up = QPushButton(self.tr("Move &up"), self)
        down = QPushButton(self.tr("Move &down"), self)
        up.clicked.connect(lambda: self.move(-1))
        down.clicked.connect(lambda: self.move(1))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        side = QVBoxLayout()
        side.addWidget(up)
        side.addWidget(down)
        side.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(buttons)

    def move(self, step: int) -> None:
        row = self.list.currentRow()
        to = row + step
        if 0 <= row < self.list.count() and 0 <= to < self.list.count():
            item = self.list.takeItem(row)
            self.list.insertItem(to, item)
            self.list.setCurrentRow(to)

    def result_state(self) -> tuple[list[str], list[str]]:
        items = [self.list.item(i) for i in range(self.list.count())]
        order = [str(i.data(Qt.ItemDataRole.UserRole)) for i in items]
        hidden = [
            str(i.data(Qt.ItemDataRole.UserRole))
            for i in items
            if i.checkState() != Qt.CheckState.Checked
        ]
        return order, hidden
