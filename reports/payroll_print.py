"""Print forms of a payroll sheet (registered with :func:`reports.print_form.register`):

- the **payroll statement**: a table of employees with accrued, tax, other deductions and the
  net to pay, a column to sign on receipt, the totals, and the signatures of the director and
  the chief accountant;
- **payslips**: one block per employee — their accruals (days and hours worked), deductions
  and the net to pay.
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

STATEMENT = QT_TRANSLATE_NOOP("PrintForm", "Payroll statement")
PAYSLIPS = QT_TRANSLATE_NOOP("PrintForm", "Payslips")
STATEMENT_TITLE = QT_TRANSLATE_NOOP("PrintForm", "Payroll statement No. {number} for {month}")
PAYSLIP_TITLE = QT_TRANSLATE_NOOP("PrintForm", "Payslip for {month}")
ORGANIZATION = QT_TRANSLATE_NOOP("PrintForm", "Organization")
DEPARTMENT = QT_TRANSLATE_NOOP("PrintForm", "Department")
EMPLOYEE = QT_TRANSLATE_NOOP("PrintForm", "Employee")
ACCRUED = QT_TRANSLATE_NOOP("PrintForm", "Accrued")
TAX = QT_TRANSLATE_NOOP("PrintForm", "Income tax")
OTHER = QT_TRANSLATE_NOOP("PrintForm", "Other deductions")
NET = QT_TRANSLATE_NOOP("PrintForm", "Net to pay")
SIGN = QT_TRANSLATE_NOOP("PrintForm", "Signature")
NO = QT_TRANSLATE_NOOP("PrintForm", "No.")
TOTAL = QT_TRANSLATE_NOOP("PrintForm", "Total")
ITEM = QT_TRANSLATE_NOOP("PrintForm", "Item")
DAYS = QT_TRANSLATE_NOOP("PrintForm", "Days")
HOURS = QT_TRANSLATE_NOOP("PrintForm", "Hours")
AMOUNT = QT_TRANSLATE_NOOP("PrintForm", "Amount")
TOTAL_ACCRUED = QT_TRANSLATE_NOOP("PrintForm", "Total accrued")
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
        Paragraph(escape(tr(x)), st["headnum" if x in (ACCRUED, TAX, OTHER, NET) else "head"])
        for x in (NO, EMPLOYEE, ACCRUED, TAX, OTHER, NET, SIGN)
    ]
    body: list[list[Any]] = [head]
    sums = [Decimal(0)] * 4
    for n, line in enumerate(data.values.get("lines") or [], start=1):
        amounts = [_d(line.get(k)) for k in ("total", "tax", "other", "net")]
        sums = [a + b for a, b in zip(sums, amounts, strict=True)]
        who = Paragraph(escape(_name(line.get("employee"))), ctx.styles["cell"])
        body.append([str(n), who, *(num(a, 2) for a in amounts), ""])
    body.append(["", tr(TOTAL), *(num(a, 2) for a in sums), ""])
    widths = [10 * mm, None, 24 * mm, 22 * mm, 22 * mm, 24 * mm, 30 * mm]
    widths[1] = WIDTH - sum(w for w in widths if w)
    t = Table(body, colWidths=widths, repeatRows=1, hAlign="LEFT")
    t.setStyle(
        TableStyle(
            [
                *GRID,
                ("ALIGN", (2, 1), (5, -1), "RIGHT"),
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


def _payslip(data: PrintData, line: dict[str, Any], ctx: Context) -> Story:
    tr, num = ctx.tr, ctx.loc.number
    rows: list[list[Any]] = [[tr(ITEM), tr(DAYS), tr(HOURS), tr(AMOUNT)]]
    rows.append(
        [
            _name(line.get("accrual_type")),
            str(line.get("days") or ""),
            num(line.get("hours"), 2) if line.get("hours") is not None else "",
            num(_d(line.get("accrued")), 2),
        ]
    )
    if _d(line.get("bonus")):
        rows.append([_name(line.get("bonus_type")), "", "", num(_d(line.get("bonus")), 2)])
    rows.append([tr(TOTAL_ACCRUED), "", "", num(_d(line.get("total")), 2)])
    if _d(line.get("tax")):
        rate = line.get("tax_rate")
        label = _name(line.get("deduction_type")) + (
            f" {Decimal(rate).normalize():f}%" if rate is not None else ""
        )
        rows.append([label, "", "", "−" + num(_d(line.get("tax")), 2)])
    if _d(line.get("other")):
        rows.append([_name(line.get("other_type")), "", "", "−" + num(_d(line.get("other")), 2)])
    rows.append([tr(NET), "", "", num(_d(line.get("net")), 2)])
    t = Table(rows, colWidths=[90 * mm, 20 * mm, 20 * mm, 30 * mm], hAlign="LEFT")
    t.setStyle(
        TableStyle(
            [*GRID, ("ALIGN", (1, 1), (-1, -1), "RIGHT"), ("FONT", (0, -1), (-1, -1), BOLD, 8)]
        )
    )
    who = f"{tr(EMPLOYEE)}: {_name(line.get('employee'))}"
    where = f"{tr(DEPARTMENT)}: {_name(line.get('department'))}"
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
    for line in data.values.get("lines") or []:
        story += _payslip(data, line, ctx)
    return story


# A sheet's line has 17 columns: no page holds them as a generic table, so the statement and
# the payslips replace the generic form.
register(
    "payroll_sheet",
    PrintForm("statement", STATEMENT, statement_story, officers),
    replaces_generic=True,
)
register("payroll_sheet", PrintForm("payslips", PAYSLIPS, payslips_story))
