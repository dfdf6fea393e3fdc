"""Administration → Additional fields: typed fields added to a catalog or document without code.

The administrator picks the object, sees its added fields, adds one (string with a length,
number with digits and decimals, date, reference to a catalog, choice with options) or removes
one after confirming that its data is lost. Each is a real column (:mod:`server.extra_fields`);
the registry is merged at once, so forms opened from now on show the field; other clients
hear of the change and merge it too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
)

from forms.admin_base import AdminForm
from forms.texts import meta_tr
from server import extra_fields as xf
from server.metadata import Registry

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget
    from sqlalchemy import Engine


class FieldsForm(AdminForm):
    """The added fields of one object; Add and Remove."""

    watches = ("extra_fields",)

    def __init__(self, engine: Engine, reg: Registry, parent: QWidget | None = None) -> None:
        super().__init__(engine, reg, parent)
        self.setObjectName("admin_fields")
        self.heading.setText(self.tr("Additional fields"))
        self.extras: list[xf.ExtraField] = []
        self.kinds = {
            "string": self.tr("String"),
            "number": self.tr("Number"),
            "date": self.tr("Date"),
            "ref": self.tr("Reference"),
            "choice": self.tr("Choice"),
        }
        self.object = QComboBox(self)
        for c in reg.catalogs.values():
            self.object.addItem(self.tr("Catalog: {title}").format(title=meta_tr(c.title)),
                                f"catalog:{c.name}")  # fmt: skip
        for d in reg.documents.values():
            self.object.addItem(self.tr("Document: {title}").format(title=meta_tr(d.title)),
                                f"document:{d.name}")  # fmt: skip
        self.object.currentIndexChanged.connect(lambda _i: self._fill())
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels([self.tr("Title"), self.tr("Column"), self.tr("Type")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.remove_button = QPushButton(self.tr("&Remove the field…"), self)
        self.remove_button.clicked.connect(self._remove_selected)
        self.title, self.name, self.options = QLineEdit(self), QLineEdit(self), QLineEdit(self)
        self.options.setPlaceholderText(self.tr("key=Title, key=Title"))
        self.kind = QComboBox(self)
        for key, text in self.kinds.items():
            self.kind.addItem(text, key)
        self.length, self.digits, self.decimals = QSpinBox(self), QSpinBox(self), QSpinBox(self)
        self.length.setRange(1, 1000)
        self.length.setValue(50)
        self.digits.setRange(1, 28)
        self.digits.setValue(15)
        self.decimals.setRange(0, 10)
        self.decimals.setValue(2)
        self.target = QComboBox(self)
        for c in reg.catalogs.values():
            self.target.addItem(meta_tr(c.title), c.name)
        self.add_button = QPushButton(self.tr("&Add the field"), self)
        self.add_button.clicked.connect(self.add)
        top = QFormLayout()
        top.addRow(self.tr("&Object:"), self.object)
        self.body.addLayout(top)
        self.body.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addWidget(self.remove_button)
        row.addStretch(1)
        self.body.addLayout(row)
        form = QFormLayout()
        for label, w in (
            (self.tr("&Title:"), self.title),
            (self.tr("&Name (a-z, 0-9, _):"), self.name),
            (self.tr("T&ype:"), self.kind),
            (self.tr("&Length:"), self.length),
            (self.tr("&Digits:"), self.digits),
            (self.tr("D&ecimals:"), self.decimals),
            (self.tr("&Catalog:"), self.target),
            (self.tr("O&ptions:"), self.options),
        ):
            form.addRow(label, w)
        form.addRow("", self.add_button)
        self.body.addLayout(form)
        self.setFocusProxy(self.object)
        self.load()

    def current_object(self) -> tuple[str, str]:
        kind, _, name = str(self.object.currentData()).partition(":")
        return kind, name

    def select_object(self, kind: str, name: str) -> None:
        self.object.setCurrentIndex(self.object.findData(f"{kind}:{name}"))

    # -- reading --------------------------------------------------------------------------
    def load(self) -> None:
        session = self.session()
        self._run(lambda: xf.load(session), self._show)

    def _show(self, extras: list[xf.ExtraField]) -> None:
        self.extras = extras
        xf.merge(self.reg, extras)  # forms opened from now on show them
        self._fill()

    def _fill(self) -> None:
        kind, name = self.current_object()
        mine = [x for x in self.extras if (x.object_kind, x.object_name) == (kind, name)]
        self.table.setRowCount(len(mine))
        for i, x in enumerate(mine):
            for j, text in enumerate((x.title, x.name, self._describe(x))):
                self.table.setItem(i, j, QTableWidgetItem(text))
        self.remove_button.setEnabled(bool(mine))

    def _describe(self, x: xf.ExtraField) -> str:
        kind = self.kinds.get(x.kind, x.kind)
        if x.kind == "string":
            return f"{kind} ({x.length})"
        if x.kind == "number":
            return f"{kind} ({x.precision}, {x.scale})"
        if x.kind == "ref":
            c = self.reg.catalogs.get(str(x.target))
            return f"{kind}: {meta_tr(c.title) if c else x.target}"
        if x.kind == "choice":
            return f"{kind}: " + ", ".join(t for _, t in x.options)
        return kind

    def fields(self) -> list[tuple[str, str, str]]:
        """(title, column, type) as shown."""
        t = self.table
        return [tuple(t.item(r, c).text() for c in range(3)) for r in range(t.rowCount())]  # type: ignore[misc]

    # -- writing --------------------------------------------------------------------------
    def _spec(self) -> xf.ExtraField:
        kind, obj = self.current_object()
        field_kind = str(self.kind.currentData())
        options = tuple(
            (k.strip(), (t or k).strip())
            for k, _, t in (p.partition("=") for p in self.options.text().split(","))
            if k.strip()
        )
        return xf.ExtraField(
            kind,
            obj,
            xf.column_name(self.name.text() or self.title.text().replace(" ", "_")),
            self.title.text().strip(),
            field_kind,
            length=self.length.value() if field_kind == "string" else None,
            precision=self.digits.value() if field_kind == "number" else None,
            scale=self.decimals.value() if field_kind == "number" else None,
            target=str(self.target.currentData()) if field_kind == "ref" else None,
            options=options if field_kind == "choice" else (),
        )

    def add(self) -> None:
        if not self.title.text().strip():
            self.message_bar.show_error(self.tr("Give the field a title."))
            return
        try:
            spec = self._spec()
        except Exception as exc:  # a name that cannot be a column
            self._on_failed(exc)
            return
        session = self.session()

        def work() -> list[xf.ExtraField]:
            xf.add(session, spec)
            return xf.load(session)

        self._run(work, lambda extras: self._written(extras, spec.object_name, spec.title), True)

    def _written(self, extras: list[xf.ExtraField], obj: str, title: str) -> None:
        self._show(extras)
        self.title.clear()
        self.name.clear()
        self.changed.emit(f"extra_fields:{obj}")
        text = self.tr("Done: {field}. Forms opened from now on show it; reopen the open ones.")
        self.message_bar.show_info(text.format(field=title))

    def _remove_selected(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.remove_field(self.table.item(row, 1).text())

    def remove_field(self, name: str) -> None:
        """Remove the field ``name`` of the current object after the administrator confirms."""
        kind, obj = self.current_object()
        x = next(
            x for x in self.extras if (x.object_kind, x.object_name, x.name) == (kind, obj, name)
        )
        try:
            held = xf.values_count(self.session(), self.reg, x)
        except Exception:
            held = 0
        answer = QMessageBox.question(
            self,
            self.tr("Remove the field"),
            self.tr(
                "Remove the field {field}? Its values ({count}) are deleted and cannot be restored."
            ).format(field=x.title, count=held),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        session = self.session()

        def work() -> list[xf.ExtraField]:
            xf.remove(session, kind, obj, name)
            return xf.load(session)

        self._run(work, lambda extras: self._written(extras, obj, x.title), True)
