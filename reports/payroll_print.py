"""Print forms of a payroll sheet (registered with :func:`reports.print_form.register`):

- the **payroll statement**: one row per employee with the accrued, the deducted and the net
  to pay (summed from the sheet's accruals and deductions), a column to sign on receipt, the
  totals, and the signatures of the director and the chief accountant;
- **payslips**: one block per employee — each accrual (days and hours worked), the total
  accrued, each deduction (with its rate), the total deducted and the net to pay.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

from reports.print_form import (
    BOLD,
    FONT,
    QT_TRANSLATE_NOOP,
    Context,
    PrintData,
    PrintForm,
    Story,
    register,
)
from server.api.session import Session
from server.config.documents.payroll_rules import Pay, by_employee, ref_id

STATEMENT = QT_TRANSLATE_NOOP("PrintForm", "Payroll statement")
PAYSLIPS = QT_TRANSLATE_NOOP("PrintForm", "Payslips")
STATEMENT_TITLE = QT_TRANSLATE_NOOP("PrintForm", "Payroll statement No. {number} for {month}")
PAYSLIP_TITLE = QT_TRANSLATE_NOOP("PrintForm", "Payslip for {month}")
ORGANIZATION = QT_TRANSLATE_NOOP("PrintForm", "Organization")
DEPARTMENT = QT_TRANSLATE_NOOP("PrintForm", "Department")
EMPLOYEE = QT_TRANSLATE_NOOP("PrintForm", "Employee")
ACCRUED = QT_TRANSLATE_NOOP("PrintForm", "Accrued")
DEDUCTED = QT_TRANSLATE_NOOP("PrintForm", "Deducted")
NET = QT_TRANSLATE_NOOP("PrintForm", "Net to pay")
SIGN = QT_TRANSLATE_NOOP("PrintForm", "Signature")
NO = QT_TRANSLATE_NOOP("PrintForm", "No.")
TOTAL = QT_TRANSLATE_NOOP("PrintForm", "Total")
ITEM = QT_TRANSLATE_NOOP("PrintForm", "Item")
DAYS = QT_TRANSLATE_NOOP("PrintForm", "Days")
HOURS = QT_TRANSLATE_NOOP("PrintForm", "Hours")
AMOUNT = QT_TRANSLATE_NOOP("PrintForm", "Amount")
TOTAL_ACCRUED = QT_TRANSLATE_NOOP("PrintForm", "Total accrued")
TOTAL_DEDUCTED = QT_TRANSLATE_NOOP("PrintForm", "Total deducted")
DIRECTOR = QT_TRANSLATE_NOOP("PrintForm", "Director")
CHIEF_ACCOUNTANT = QT_TRANSLATE_NOOP("PrintForm", "Chief accountant")

WIDTH = A4[0] - 30 * mm
GRID = [
    ("FONT", (0, 0), (-1, -1), FONT, 8),
    ("FONT", (0, 0), (-1, 0), BOLD, 8),
    ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
]


def _name(v: Any) -> str:
    return str(v.get("name", "")) if isinstance(v, dict) else str(v or "")


def _month(data: PrintData, ctx: Context) -> str:
    m = data.values.get("month")
    return m.strftime("%m.%Y") if m is not None and hasattr(m, "strftime") else str(m or "")


def _d(v: Any) -> Decimal:
    return Decimal(v) if v not in (None, "") else Decimal(0)


def _pays(data: PrintData) -> list[Pay]:
    """Accrued, deducted and net per employee of the sheet, by name."""
    v = data.values
    pays = by_employee(v.get("accruals") or [], v.get("deductions") or [])
    return sorted(pays, key=lambda p: (_name(p.employee), ref_id(p.employee) or 0))


def _heading(data: PrintData, ctx: Context, title: str) -> Story:
    v = data.values
    rows = [(ORGANIZATION, _name(v.get("organization"))), (DEPARTMENT, _name(v.get("department")))]
    text = "<br/>".join(
        f"{escape(ctx.tr(label))}: {escape(value)}" for label, value in rows if value
    )
    return [
        Paragraph(escape(title), ctx.styles["title"]),
        Spacer(1, 3 * mm),
        Paragraph(text, ctx.styles["base"]),
        Spacer(1, 4 * mm),
    ]


def statement_story(data: PrintData, ctx: Context) -> Story:
    """Employees, amounts and a column to sign; totals; director and chief accountant."""
    tr, num = ctx.tr, ctx.loc.number
    title = tr(STATEMENT_TITLE).format(
        number=data.values.get("number", ""), month=_month(data, ctx)
    )
    st = ctx.styles  # headings wrap between words in their column
    head = [
        Paragraph(escape(tr(x)), st["headnum" if x in (ACCRUED, DEDUCTED, NET) else "head"])
        for x in (NO, EMPLOYEE, ACCRUED, DEDUCTED, NET, SIGN)
    ]
    body: list[list[Any]] = [head]
    sums = [Decimal(0)] * 3
    for n, pay in enumerate(_pays(data), start=1):
        amounts = [pay.accrued, pay.deducted, pay.net]
        sums = [a + b for a, b in zip(sums, amounts, strict=True)]
        who = Paragraph(escape(_name(pay.employee)), ctx.styles["cell"])
        body.append([str(n), who, *(num(a, 2) for a in amounts), ""])
    body.append(["", tr(TOTAL), *(num(a, 2) for a in sums), ""])
    widths = [10 * mm, None, 26 * mm, 26 * mm, 26 * mm, 34 * mm]
    widths[1] = WIDTH - sum(w for w in widths if w)
    t = Table(body, colWidths=widths, repeatRows=1, hAlign="LEFT")
    t.setStyle(
        TableStyle(
            [
                *GRID,
                ("ALIGN", (2, 1), (4, -1), "RIGHT"),
                ("FONT", (0, -1), (-1, -1), BOLD, 8),
                ("BOTTOMPADDING", (0, 1), (-1, -2), 8),
                ("TOPPADDING", (0, 1), (-1, -2), 8),
            ]
        )
    )
    return [*_heading(data, ctx, title), t, *_signed(data, ctx)]


def _signed(data: PrintData, ctx: Context) -> Story:
    """Director and chief accountant: role, a line to sign, the name (when known)."""
    people = data.values.get("officers") or {}
    body = [
        [
            Paragraph(escape(ctx.tr(role)), ctx.styles["base"]),
            "",
            Paragraph(escape(people.get(key) or ""), ctx.styles["base"]),
        ]
        for role, key in ((DIRECTOR, "director"), (CHIEF_ACCOUNTANT, "chief_accountant"))
    ]
    t = Table(body, colWidths=[40 * mm, 50 * mm, None], hAlign="LEFT")
    t.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (1, 0), (1, -1), 0.5, colors.black),
                ("TOPPADDING", (0, 0), (-1, -1), 10),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ]
        )
    )
    return [KeepTogether([Spacer(1, 6 * mm), t])]


def officers(session: Session, docs: list[PrintData]) -> None:
    """The director and the chief accountant of each sheet's organization (``officers``)."""
    for data in docs:
        org = data.values.get("organization")
        org_id = org.get("id") if isinstance(org, dict) else org
        rows = session.rows(
            "SELECT director, chief_accountant FROM kontora.cat_organizations WHERE id = :i",
            i=org_id,
        )
        data.values["officers"] = rows[0] if rows else {}


def _rate(v: Any) -> str:
    return f" {Decimal(v).normalize():f}%" if v not in (None, "") else ""


def _payslip_rows(data: PrintData, pay: Pay, ctx: Context) -> list[list[Any]]:
    tr, num = ctx.tr, ctx.loc.number
    who = ref_id(pay.employee)
    rows: list[list[Any]] = [[tr(ITEM), tr(DAYS), tr(HOURS), tr(AMOUNT)]]
    for a in data.values.get("accruals") or []:
        if ref_id(a.get("employee")) == who:
            hours = a.get("hours")
            rows.append(
                [
                    _name(a.get("accrual_type")) + _rate(a.get("percent")),
                    str(a.get("days") or ""),
                    num(hours, 2) if hours not in (None, "") else "",
                    num(_d(a.get("amount")), 2),
                ]
            )
    rows.append([tr(TOTAL_ACCRUED), "", "", num(pay.accrued, 2)])
    for d in data.values.get("deductions") or []:
        if ref_id(d.get("employee")) == who:
            label = _name(d.get("deduction_type")) + _rate(d.get("rate"))
            rows.append([label, "", "", "−" + num(_d(d.get("amount")), 2)])
    rows.append([tr(TOTAL_DEDUCTED), "", "", "−" + num(pay.deducted, 2)])
    rows.append([tr(NET), "", "", num(pay.net, 2)])
    return rows


def _payslip(data: PrintData, pay: Pay, ctx: Context) -> Story:
    tr = ctx.tr
    rows = _payslip_rows(data, pay, ctx)
    t = Table(rows, colWidths=[90 * mm, 20 * mm, 20 * mm, 30 * mm], hAlign="LEFT")
    t.setStyle(
        TableStyle(
            [*GRID, ("ALIGN", (1, 1), (-1, -1), "RIGHT"), ("FONT", (0, -1), (-1, -1), BOLD, 8)]
        )
    )
    departments = {
        _name(a.get("department"))
        for a in data.values.get("accruals") or []
        if ref_id(a.get("employee")) == ref_id(pay.employee) and a.get("department")
    }
    who = f"{tr(EMPLOYEE)}: {_name(pay.employee)}"
    where = f"{tr(DEPARTMENT)}: {', '.join(sorted(departments))}"
    return [
        KeepTogether(
            [
                Paragraph(
                    escape(tr(PAYSLIP_TITLE).format(month=_month(data, ctx))), ctx.styles["head"]
                ),
                Paragraph(escape(_name(data.values.get("organization"))), ctx.styles["base"]),
                Paragraph(escape(who), ctx.styles["base"]),
                Paragraph(escape(where), ctx.styles["base"]),
                Spacer(1, 2 * mm),
                t,
                Spacer(1, 10 * mm),
            ]
        )
    ]


def payslips_story(data: PrintData, ctx: Context) -> Story:
    """A payslip per employee of the sheet (kept whole on a page)."""
    story: Story = []
    for pay in _pays(data):
        story += _payslip(data, pay, ctx)
    return story


# A sheet is read per employee (accrued, deducted, net): the statement and the payslips
# replace the generic form of its two sections.
register(
    "payroll_sheet",
    PrintForm("statement", STATEMENT, statement_story, officers),
    replaces_generic=True,
)
register("payroll_sheet", PrintForm("payslips", PAYSLIPS, payslips_story))
