"""A report filter on one dimension: a set of catalog items (and groups, for a hierarchical
catalog) chosen with the usual reference pickers (:class:`forms.ref_edit.RefEdit`: type ahead,
F4 to choose), or of documents (a document reference: :class:`forms.doc_ref_edit.DocRefEdit`,
F4 chooses from the document list). Each choice joins the set shown beside the pickers; the
clear button empties it. :class:`TextFilter`: the text values of an attribute (the managers'
logins, an added text field), comma-separated; :class:`ChoiceFilter`: one option of an added
choice field.

Strings use the translation context ``DimFilter``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QSizePolicy, QWidget

from forms.doc_ref_edit import DocRefEdit, shown
from forms.icons import icon_button
from forms.ref_edit import RefEdit, RefValue
from forms.texts import meta_tr
from server.metadata import Catalog, DocRef, Document, Ref

if TYPE_CHECKING:
    from sqlalchemy import Engine


class DimFilter(QWidget):
    """The chosen ids (``chosen``: id -> name) of one dimension; ``changed`` on each change."""

    changed = Signal()

    def __init__(
        self,
        engine: Engine,
        dim: Ref | DocRef,
        catalog: Catalog | None,
        parent: QWidget | None = None,
        document: Document | None = None,
    ) -> None:
        super().__init__(parent)
        self.dim = dim
        self.chosen: dict[int, str] = {}
        self.groups: set[int] = set()
        self.item: RefEdit | DocRefEdit
        if document is not None:  # a document reference: F4 chooses from its list
            self.item = DocRefEdit(engine, document, self)
        else:
            assert catalog is not None
            self.item = RefEdit(engine, catalog, self, creatable=False)
        self.item.setAccessibleName(meta_tr(dim.label))
        self.item.value_changed.connect(lambda v: self._add(v, group=False))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.item, 2)
        self.group: RefEdit | None = None
        if catalog is not None and catalog.hierarchical:
            self.group = RefEdit(engine, catalog, self, groups=True, creatable=False)
            self.group.setPlaceholderText(self.tr("or a group (F4)"))
            self.group.setAccessibleName(
                self.tr("{dimension}: group").format(dimension=meta_tr(dim.label))
            )
            self.group.value_changed.connect(lambda v: self._add(v, group=True))
            layout.addWidget(self.group, 2)
        ch = self.fontMetrics().horizontalAdvance("0")
        for edit in (self.item, self.group):
            if edit is not None:
                edit.setMinimumWidth(ch * 18)  # room to read what is typed
        self.shown = QLabel(self)
        self.shown.setWordWrap(True)
        layout.addWidget(self.shown, 1)
        self.clear_button = icon_button(
            self,
            "close",
            self.tr("Clear the filter"),
            self.tr("Clear the filter: {dimension}").format(dimension=meta_tr(dim.label)),
            self.clear,
        )
        layout.addWidget(self.clear_button)
        self._show()

    def _add(self, value: RefValue, *, group: bool) -> None:
        if not value:
            return
        name = shown(value) if isinstance(self.item, DocRefEdit) else str(value["name"])
        self.chosen[int(value["id"])] = name
        if group:
            self.groups.add(int(value["id"]))
        for edit in (self.item, self.group):
            if edit is not None:
                edit.set_value(None)
        self._show()
        self.changed.emit()

    def set_chosen(self, chosen: dict[int, str], groups: set[int] | None = None) -> None:
        """Show ``chosen`` (remembered settings) without emitting ``changed``."""
        self.chosen = dict(chosen)
        self.groups = set(groups or ()) & set(chosen)
        self._show()

    def clear(self) -> None:
        if self.chosen:
            self.chosen.clear()
            self.groups.clear()
            self._show()
            self.changed.emit()

    def names(self) -> list[str]:
        """The chosen names (a group marked as such), in the order chosen."""
        group = self.tr("{name} (group)")
        return [group.format(name=n) if i in self.groups else n for i, n in self.chosen.items()]

    def _show(self) -> None:
        self.shown.setText(", ".join(self.names()) if self.chosen else self.tr("all"))
        self.clear_button.setEnabled(bool(self.chosen))


class TextFilter(QLineEdit):
    """Text values of one attribute (``title``), typed comma-separated; none: all."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.setAccessibleName(title)
        self.setClearButtonEnabled(True)
        self.setPlaceholderText(self.tr("all (or values separated by commas)"))

    def values(self) -> tuple[str, ...]:
        return tuple(v.strip() for v in self.text().split(",") if v.strip())

    def set_values(self, values: list[str]) -> None:
        self.setText(", ".join(values))

    def shown(self) -> tuple[str, ...]:
        return self.values()


class ChoiceFilter(QComboBox):
    """One option of a choice attribute (``options``: key, title), or all."""

    def __init__(
        self, title: str, options: tuple[tuple[str, str], ...], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.title = title
        self.setAccessibleName(title)
        self.addItem(QCoreApplication.translate("DimFilter", "all"), "")
        for key, text in options:
            self.addItem(meta_tr(text), key)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("0") * 18)
        fixed = QSizePolicy.Policy.Fixed
        self.setSizePolicy(fixed, fixed)  # as wide as its options, like the pickers beside

    def values(self) -> tuple[str, ...]:
        key = str(self.currentData() or "")
        return (key,) if key else ()

    def set_values(self, values: list[str]) -> None:
        """Choose the first of ``values`` still offered (none: all)."""
        found = [i for v in values if (i := self.findData(v)) > 0]
        self.setCurrentIndex(found[0] if found else 0)

    def shown(self) -> tuple[str, ...]:
        return (self.currentText(),) if self.values() else ()
