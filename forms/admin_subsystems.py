"""Administration → Subsystems: switch areas of the product on and off.

A checkbox per declared subsystem. Unticking one that others need asks first and unticks them
too; ticking one that needs another ticks that one too (saying so). The core cannot be switched
off. Save sends every change in one transaction; the server checks the same rules.

Below the boxes, the impact of switching the chosen subsystem off: the subsystems that depend
on it and how many records of each of their objects it would hide (read with the switches).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
)

from forms.admin_base import AdminForm
from forms.texts import meta_tr
from server.api.admin import SubsystemState, dependents, set_subsystems, subsystems
from server.api.switch_impact import Impact, ObjectCount, impact, object_counts
from server.metadata import Registry

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget
    from sqlalchemy import Engine


class SubsystemsForm(AdminForm):
    """Checkboxes for the subsystem switches, with Save and Revert."""

    watches = ("subsystems",)

    def __init__(self, engine: Engine, reg: Registry, parent: QWidget | None = None) -> None:
        super().__init__(engine, reg, parent)
        self.setObjectName("admin_subsystems")
        self.heading.setText(self.tr("Subsystems"))
        self.states: dict[str, SubsystemState] = {}
        self.counts: list[ObjectCount] = []
        self.shown_impact: Impact | None = None
        self.boxes: dict[str, QCheckBox] = {}
        intro = QLabel(
            self.tr(
                "A switched-off subsystem disappears from every user's sections, and its "
                "documents can no longer be written or posted. Nothing is deleted."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.body.addWidget(intro)
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        for row, s in enumerate(reg.subsystems.values()):
            box = QCheckBox(meta_tr(s.title), self)
            box.setObjectName(f"subsystem_{s.name}")
            box.toggled.connect(lambda on, n=s.name: self._toggled(n, on))
            box.pressed.connect(lambda n=s.name: self.show_impact(n))
            self.boxes[s.name] = box
            grid.addWidget(box, row, 0)
            needs = [meta_tr(reg.subsystems[d].title) for d in s.depends]
            if needs:
                text = self.tr("needs {names}").format(names=", ".join(needs))
                hint = QLabel(text, self)
                hint.setEnabled(False)  # a dim note beside the box
                box.setAccessibleDescription(text)
                grid.addWidget(hint, row, 1)
        self.body.addLayout(grid)
        self.save_button = QPushButton(self.tr("&Save"), self)
        self.save_button.setShortcut(QKeySequence("Ctrl+S"))
        self.save_button.setToolTip(self.tr("Save the switches (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(self.tr("&Revert"), self)
        self.revert_button.setToolTip(self.tr("Show the switches as saved"))
        self.revert_button.clicked.connect(self.revert)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.revert_button)
        buttons.addStretch(1)
        self.body.addLayout(buttons)
        self.impact_label = QLabel(self)
        self.impact_label.setObjectName("subsystem_impact")
        self.impact_label.setWordWrap(True)
        self.impact_table = QTableWidget(0, 3, self)
        self.impact_table.setObjectName("subsystem_impact_objects")
        self.impact_table.setHorizontalHeaderLabels(
            [self.tr("Object"), self.tr("Subsystem"), self.tr("Records")]
        )
        self.impact_table.setAccessibleName(self.tr("What switching it off hides"))
        self.impact_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.impact_table.verticalHeader().setVisible(False)
        self.impact_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.body.addWidget(self.impact_label)
        self.body.addWidget(self.impact_table, 1)
        first = next(iter(self.boxes.values()), None)
        if first is not None:
            self.setFocusProxy(first)
        self._update_buttons()
        self.load()

    # -- reading --------------------------------------------------------------------------
    def load(self) -> None:
        session, reg = self.session(), self.reg
        self._run(
            lambda: (subsystems(session, reg), object_counts(session, reg)),
            self._loaded(self._show_all),
        )

    def _show_all(self, loaded: tuple[list[SubsystemState], list[ObjectCount]]) -> None:
        states, self.counts = loaded
        self._show(states)
        if self.shown_impact is not None:
            self.show_impact(self.shown_impact.name)

    def _show(self, states: list[SubsystemState]) -> None:
        self.states = {s.name: s for s in states}
        for s in states:
            box = self.boxes[s.name]
            box.blockSignals(True)
            box.setText(meta_tr(s.title))
            box.setChecked(s.enabled)
            box.setEnabled(not s.required)
            if s.required:
                box.setToolTip(self.tr("The core cannot be switched off"))
            box.blockSignals(False)
        self.dirty = False
        self._update_buttons()

    # -- impact ---------------------------------------------------------------------------
    def impact(self, name: str) -> Impact:
        return impact(self.reg, self.counts, name)

    def impact_text(self, imp: Impact) -> str:
        """One sentence: what depends on it, how many documents and records it hides."""
        text = self.tr("Switching {name} off hides {docs} documents and {records} records.")
        text = text.format(name=self._title(imp.name), docs=imp.documents, records=imp.records)
        if imp.dependents:
            text += " " + self.tr("Depend on it (switched off too): {names}.").format(
                names=", ".join(self._title(n) for n in imp.dependents)
            )
        return text

    def show_impact(self, name: str) -> None:
        """Show below the boxes what switching ``name`` off would hide, object by object."""
        imp = self.shown_impact = self.impact(name)
        self.impact_label.setText(self.impact_text(imp))
        self.impact_table.setRowCount(len(imp.objects))
        for row, o in enumerate(imp.objects):
            cells = (meta_tr(o.title), self._title(o.subsystem), str(o.count))
            for col, value in enumerate(cells):
                self.impact_table.setItem(row, col, QTableWidgetItem(value))

    def impact_rows(self) -> list[tuple[str, str, int]]:
        """(object, subsystem, records) as shown."""
        t = self.impact_table
        return [
            (t.item(r, 0).text(), t.item(r, 1).text(), int(t.item(r, 2).text()))
            for r in range(t.rowCount())
        ]

    # -- editing --------------------------------------------------------------------------
    def checked(self) -> dict[str, bool]:
        return {n: b.isChecked() for n, b in self.boxes.items()}

    def changes(self) -> dict[str, bool]:
        """Switches that differ from the saved state."""
        return {
            n: on
            for n, on in self.checked().items()
            if n in self.states and self.states[n].enabled != on
        }

    def _title(self, name: str) -> str:
        return self.boxes[name].text()

    def _set(self, names: list[str], on: bool) -> None:
        for n in names:
            self.boxes[n].blockSignals(True)
            self.boxes[n].setChecked(on)
            self.boxes[n].blockSignals(False)

    def _toggled(self, name: str, on: bool) -> None:
        self.show_impact(name)
        if on:
            needs = self._needed(name)
            if needs:
                self._set(needs, True)
                self.message_bar.show_info(
                    self.tr("{name} needs {needs}: switched on too.").format(
                        name=self._title(name), needs=", ".join(self._title(n) for n in needs)
                    )
                )
        else:
            using = [d for d in dependents(self.reg, name) if self.boxes[d].isChecked()]
            if using and not self._confirm_off(name, using):
                self._set([name], True)
            elif using:
                self._set(using, False)
        self.dirty = bool(self.changes())
        self._update_buttons()

    def _needed(self, name: str) -> list[str]:
        """What ``name`` needs (transitively) that is not ticked."""
        out: list[str] = []
        todo = list(self.reg.subsystems[name].depends)
        while todo:
            n = todo.pop()
            if n not in out and not self.boxes[n].isChecked():
                out.append(n)
                todo += list(self.reg.subsystems[n].depends)
        return out

    def _confirm_off(self, name: str, using: list[str]) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Switch off {name}").format(name=self._title(name)),
            self.tr(
                "{using} depend on {name} and will be switched off too. Their sections "
                "disappear for every user and their documents can no longer be written or "
                "posted. Continue?"
            ).format(using=", ".join(self._title(n) for n in using), name=self._title(name))
            + "\n\n"
            + self.impact_text(self.impact(name)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _update_buttons(self) -> None:
        self.save_button.setEnabled(self.dirty)
        self.revert_button.setEnabled(self.dirty)

    # -- saving ---------------------------------------------------------------------------
    def save(self) -> None:
        changes = self.changes()
        if not changes or self.writing:
            return
        session, reg = self.session(), self.reg

        def work() -> tuple[list[SubsystemState], list[ObjectCount]]:
            set_subsystems(session, reg, changes)
            return subsystems(session, reg), object_counts(session, reg)

        self._run(work, self._saved, write=True)

    def _saved(self, loaded: tuple[list[SubsystemState], list[ObjectCount]]) -> None:
        self._show_all(loaded)
        self.message_bar.show_info(self.tr("Saved: every user's sections follow at once."))
        self.changed.emit("subsystems")
