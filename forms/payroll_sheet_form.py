"""The payroll sheet's form extension: the computed rows follow the typed ones while the user
types — an employee's percentage bonus, income tax and the read-only "Employees" summary
(accrued, deducted, net) — by the rule of :mod:`server.config.documents.payroll_rules`, the
same rule PostgreSQL checks when the sheet is posted."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from forms.worker import Loader
from server.api import Session
from server.api.payroll import kinds
from server.config.documents.payroll_rules import Kinds, recalculate, summary

if TYPE_CHECKING:
    from forms.object_form import DocumentForm


class PayrollRecalc(QObject):
    """Recomputes a payroll sheet form's bonus, tax and summary rows on every change of the
    accruals or deductions (once the accrual and deduction types' kinds are read)."""

    def __init__(self, form: DocumentForm) -> None:
        super().__init__(form)
        self.form = form
        self.accruals = form.models["accruals"]
        self.deductions = form.models["deductions"]
        self.employees = form.models["employees"]
        self.employees.read_only = True
        self.kinds: Kinds | None = None
        self._updating = False  # the rule's own changes do not call it again
        self._loader = Loader(self)
        self._loader.failed.connect(form._on_failed)
        session = Session(form.engine)
        self._loader.run(lambda: kinds(session), self._on_kinds)
        for model in (self.accruals, self.deductions):
            model.edited.connect(self.recalculate)
            model.modelReset.connect(self.recalculate)
            model.dataChanged.connect(self._on_cells)

    @property
    def busy(self) -> bool:
        return self._loader.loading

    def _on_kinds(self, found: Kinds) -> None:
        self.kinds = found
        self.recalculate()

    def _on_cells(self, *_: Any) -> None:
        if not self._updating:
            self.recalculate()

    def recalculate(self) -> None:
        """Apply the rule to the form's rows; refresh the changed cells and the summary."""
        if self.kinds is None or self._updating:
            return
        self._updating = True
        try:
            models = {"accruals": self.accruals, "deductions": self.deductions}
            for section, i in recalculate(self.accruals.rows, self.deductions.rows, self.kinds):
                model = models[section]
                row = model.rows[i]
                row["base"], row["amount"] = format(row["base"], "f"), format(row["amount"], "f")
                model.dataChanged.emit(model.index(i, 0), model.index(i, model.columnCount() - 1))
            self.employees.load(summary(self.accruals.rows, self.deductions.rows))
        finally:
            self._updating = False
