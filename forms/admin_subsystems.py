"""Administration → Subsystems: switch areas of the product on and off.

A checkbox per declared subsystem. Unticking one that others need asks first and unticks them
too; ticking one that needs another ticks that one too (saying so). The core cannot be switched
off. Save sends every change in one transaction; the server checks the same rules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
)

from forms.admin_base import AdminForm
from forms.texts import meta_tr
from server.api.admin import SubsystemState, dependents, set_subsystems, subsystems
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
        first = next(iter(self.boxes.values()), None)
        if first is not None:
            self.setFocusProxy(first)
        self._update_buttons()
        self.load()

    # -- reading --------------------------------------------------------------------------
    def load(self) -> None:
        session, reg = self.session(), self.reg
        self._run(lambda: subsystems(session, reg), self._loaded(self._show))

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
            ).format(using=", ".join(self._title(n) for n in using), name=self._title(name)),
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

        def work() -> list[SubsystemState]:
            set_subsystems(session, reg, changes)
            return subsystems(session, reg)

        self._run(work, self._saved, write=True)

    def _saved(self, states: list[SubsystemState]) -> None:
        self._show(states)
        self.message_bar.show_info(self.tr("Saved: every user's sections follow at once."))
        self.changed.emit("subsystems")
