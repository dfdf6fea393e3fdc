"""The payroll sheet's recalculation rule across rows — the client's side (the document form
recomputes while the user types; server/api/payroll.py fills with it). PostgreSQL's side is
``kontora.payroll_sheet_expected`` (server/sqlgen/hooks/payroll_sheet_check.sql), which the
posting compares the sheet with; tests/test_payroll_rules.py proves the two agree.

Per employee:

- a **percentage bonus** row (accrual type of kind ``percent_bonus``) with a percent:
  ``base`` = the sum of the employee's other accruals (every row of another kind),
  ``amount`` = round(base × percent / 100, 2) half-up;
- an **income tax** row (deduction type of kind ``income_tax``) with a rate:
  ``base`` = the employee's accrued total (every accrual is taxable),
  ``amount`` = round(base × rate / 100) half-up to whole roubles (rounding ``rouble``, NDFL) or
  to kopecks (``kopeck``);
- any other row, and a bonus without a percent or a tax without a rate, is typed by hand;
- the **employees** summary: a row per employee of either section, in the order they first
  appear: accrued = the sum of their accruals, deducted = of their deductions, net = accrued −
  deducted.

Rows are dicts as the form or the API holds them: references as ``{"id", ...}`` or ids, numbers
as Decimals or decimal strings (empty: 0).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

Row = dict[str, Any]
CENT = Decimal("0.01")
ROUBLE = Decimal(1)


def ref_id(v: Any) -> int | None:
    """The id of a reference cell (``{"id": …}``, an id, or empty)."""
    if isinstance(v, dict):
        v = v.get("id")
    return int(v) if v not in (None, "") else None


def num(v: Any) -> Decimal | None:
    """A number cell as a Decimal (None: empty or not a number)."""
    if v is None or v == "":
        return None
    try:
        d = v if isinstance(v, Decimal) else Decimal(str(v))
    except InvalidOperation:
        return None
    return d if d.is_finite() else None


def _half_up(v: Decimal, step: Decimal) -> Decimal:
    return v.quantize(step, ROUND_HALF_UP)


@dataclass(frozen=True)
class Kinds:
    """What the rule needs of the types: accrual type id → kind; income-tax deduction type id
    → its rounding (``rouble`` or ``kopeck``)."""

    accruals: Mapping[int, str]
    taxes: Mapping[int, str]


def _sums(rows: list[Row], include) -> dict[int | None, Decimal]:
    out: dict[int | None, Decimal] = {}
    for r in rows:
        if include(r):
            e = ref_id(r.get("employee"))
            out[e] = out.get(e, Decimal(0)) + (num(r.get("amount")) or Decimal(0))
    return out


def expected(
    accruals: list[Row], deductions: list[Row], kinds: Kinds
) -> tuple[dict[int, tuple[Decimal, Decimal]], dict[int, tuple[Decimal, Decimal]]]:
    """(base, amount) the rule gives each computed row: {accrual row index: …},
    {deduction row index: …}. The rows themselves are not changed."""

    def is_pct(r: Row) -> bool:
        return kinds.accruals.get(ref_id(r.get("accrual_type")) or 0) == "percent_bonus"

    other = _sums(accruals, lambda r: not is_pct(r))
    acc: dict[int, tuple[Decimal, Decimal]] = {}
    for i, r in enumerate(accruals):
        pct = num(r.get("percent"))
        if is_pct(r) and pct is not None:
            base = other.get(ref_id(r.get("employee")), Decimal(0))
            acc[i] = (base, _half_up(base * pct / 100, CENT))
    total: dict[int | None, Decimal] = {}
    for i, r in enumerate(accruals):
        e = ref_id(r.get("employee"))
        amount = acc[i][1] if i in acc else num(r.get("amount")) or Decimal(0)
        total[e] = total.get(e, Decimal(0)) + amount
    ded: dict[int, tuple[Decimal, Decimal]] = {}
    for i, r in enumerate(deductions):
        rounding = kinds.taxes.get(ref_id(r.get("deduction_type")) or 0)
        rate = num(r.get("rate"))
        if rounding is not None and rate is not None:
            base = total.get(ref_id(r.get("employee")), Decimal(0))
            step = ROUBLE if rounding == "rouble" else CENT
            ded[i] = (base, _half_up(base * rate / 100, step))
    return acc, ded


def recalculate(accruals: list[Row], deductions: list[Row], kinds: Kinds) -> list[tuple[str, int]]:
    """Apply the rule to the rows in place (values as Decimals); returns the changed rows as
    (section, index)."""
    acc, ded = expected(accruals, deductions, kinds)
    changed = []
    for section, rows, values in (("accruals", accruals, acc), ("deductions", deductions, ded)):
        for i, (base, amount) in values.items():
            r = rows[i]
            if num(r.get("base")) != base or num(r.get("amount")) != amount:
                r["base"], r["amount"] = base, amount
                changed.append((section, i))
    return changed


@dataclass
class Pay:
    """One employee's accrued, deducted and net."""

    employee: Any
    accrued: Decimal
    deducted: Decimal

    @property
    def net(self) -> Decimal:
        return self.accrued - self.deducted


def by_employee(accruals: list[Row], deductions: list[Row]) -> list[Pay]:
    """Accrued, deducted and net per employee, in the order employees first appear."""
    out: dict[int | None, Pay] = {}
    for rows, attr in ((accruals, "accrued"), (deductions, "deducted")):
        for r in rows:
            e = ref_id(r.get("employee"))
            pay = out.setdefault(e, Pay(r.get("employee"), Decimal(0), Decimal(0)))
            setattr(pay, attr, getattr(pay, attr) + (num(r.get("amount")) or Decimal(0)))
    return list(out.values())


def summary(accruals: list[Row], deductions: list[Row]) -> list[Row]:
    """The sheet's "Employees" section as the rule gives it."""
    return [
        {"employee": p.employee, "accrued": p.accrued, "deducted": p.deducted, "net": p.net}
        for p in by_employee(accruals, deductions)
    ]
