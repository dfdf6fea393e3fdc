"""Declared print forms: a layout is a list of blocks, so a new form is a short declaration.

A :class:`Layout` names its document, its menu title and its blocks — the organization's
heading with the logo, a title with number and date, requisites of the parties (ours, the
customer's), the bank details to pay to, header fields, the lines with chosen columns (page
subtotals on long tables), the VAT breakdown by rate, the totals, the total in words, the
notes and the signature lines with the names of the organization's officers. :func:`declare`
registers it as a :class:`reports.print_form.PrintForm`; its ``prepare`` reads the requisites
the blocks name. The declarations themselves are in :mod:`reports.print_layouts`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO
from typing import Any, Protocol
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Image, KeepTogether, Paragraph, Spacer, Table, TableStyle

from reports.amount_words import amount_in_words
from reports.print_columns import BOLD, FONT
from reports.print_form import (
    QT_TRANSLATE_NOOP,
    TITLE,
    Context,
    PrintData,
    PrintForm,
    Story,
    _text,
    lines_table,
    register,
)
from server.api.lists import ORGANIZATION
from server.api.session import Session
from server.metadata import Field, Money, Ref, String, registry

WIDTH = A4[0] - 30 * mm
TIN, KPP = QT_TRANSLATE_NOOP("PrintForm", "TIN"), QT_TRANSLATE_NOOP("PrintForm", "KPP")
ACCOUNT = QT_TRANSLATE_NOOP("PrintForm", "Account No.")
BANK = QT_TRANSLATE_NOOP("PrintForm", "Recipient's bank")
BIC = QT_TRANSLATE_NOOP("PrintForm", "BIC")
CORR = QT_TRANSLATE_NOOP("PrintForm", "Corr. account No.")
RECIPIENT = QT_TRANSLATE_NOOP("PrintForm", "Recipient")
PHONE = QT_TRANSLATE_NOOP("PrintForm", "phone")
WITHOUT_VAT = QT_TRANSLATE_NOOP("PrintForm", "Without VAT")
VAT_RATE = QT_TRANSLATE_NOOP("PrintForm", "VAT rate")
BASE = QT_TRANSLATE_NOOP("PrintForm", "Amount without VAT")
VAT = QT_TRANSLATE_NOOP("PrintForm", "VAT")
WITH_VAT = QT_TRANSLATE_NOOP("PrintForm", "Amount with VAT")
TOTAL = QT_TRANSLATE_NOOP("PrintForm", "Total:")
VAT_IN = QT_TRANSLATE_NOOP("PrintForm", "Including VAT:")
VAT_ON = QT_TRANSLATE_NOOP("PrintForm", "VAT:")
TO_PAY = QT_TRANSLATE_NOOP("PrintForm", "Total to pay:")
ITEMS = QT_TRANSLATE_NOOP("PrintForm", "Items: {count}, for the amount of {amount}")
IN_WORDS = QT_TRANSLATE_NOOP("PrintForm", "Amount in words: {words}")
#: columns a layout may show that the section does not declare (filled by ``prepare``)
UNIT = String("unit", "Unit", max_len=20)
LINE_TOTAL = Money("total", "Amount with VAT")
EXTRA = {f.name: f for f in (UNIT, LINE_TOTAL)}


class Block(Protocol):
    """A part of a print form: builds its flowables from the document."""

    def story(self, data: PrintData, ctx: Context) -> Story: ...


def _para(text: str, ctx: Context, style: str = "base") -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), ctx.styles[style])


def _plain_table(rows: list[list[Any]], widths: list[Any], extra: Sequence[Any] = ()) -> Table:
    t = Table(rows, colWidths=widths, hAlign="LEFT")
    t.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                *extra,
            ]
        )
    )
    return t


def header_field(data: PrintData, name: str) -> Field:
    """A header field of the document (the organization included)."""
    return next(f for f in (ORGANIZATION, *data.doc.header) if f.name == name)


def party(data: PrintData, source: str) -> dict[str, Any]:
    """The requisites ``prepare`` read of ``source`` (``organization`` or a header reference)."""
    parties: dict[str, dict[str, Any]] = data.values.get("_parties") or {}
    return parties.get(source) or {}


def _name(row: dict[str, Any]) -> str:
    return str(row.get("full_name") or row.get("name") or "")


# -- totals by the convention of trade lines (amount, vat_rate, vat_amount, vat_included) -----
def _d(v: Any) -> Decimal:
    return Decimal(v) if v not in (None, "") else Decimal(0)


def vat_by_rate(data: PrintData, section: str) -> list[tuple[Decimal | None, Decimal, Decimal]]:
    """(rate, amount without VAT, VAT) per VAT rate of the lines, "without VAT" last."""
    included = bool(data.values.get("vat_included"))
    out: dict[Decimal | None, list[Decimal]] = {}
    for line in data.values.get(section) or []:
        rate = None if line.get("vat_rate") is None else Decimal(line["vat_rate"])
        amount, vat = _d(line.get("amount")), _d(line.get("vat_amount"))
        acc = out.setdefault(rate, [Decimal(0), Decimal(0)])
        acc[0] += amount - vat if included else amount
        acc[1] += vat
    keys = sorted((k for k in out if k is not None), reverse=True)
    keys += [None] if None in out else []
    return [(k, out[k][0], out[k][1]) for k in keys]


def trade_totals(data: PrintData, section: str) -> tuple[Decimal, Decimal, Decimal]:
    """The lines' amounts, their VAT and the total to pay."""
    lines = data.values.get(section) or []
    amount = sum((_d(x.get("amount")) for x in lines), Decimal(0))
    vat = sum((_d(x.get("vat_amount")) for x in lines), Decimal(0))
    return amount, vat, amount if data.values.get("vat_included") else amount + vat


def document_total(data: PrintData, total: str) -> Decimal:
    """``total``: a header money field, or a section whose lines follow the trade convention
    (or just have an ``amount``)."""
    if total in data.values and not isinstance(data.values[total], list):
        return _d(data.values[total])
    return trade_totals(data, total)[2]


# -- blocks -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Heading:
    """The organization's logo and name above the title, with its address and phone."""

    source: str = "organization"

    def story(self, data: PrintData, ctx: Context) -> Story:
        org = party(data, self.source)
        text = "\n".join(x for x in (_name(org), org.get("address"), org.get("phone")) if x)
        cells: list[Any] = [_para(text, ctx, "small")]
        widths: list[Any] = [None]
        logo = org.get("logo")
        if logo:
            img = Image(BytesIO(bytes(logo)))
            scale = 15 * mm / img.imageHeight
            img.drawHeight, img.drawWidth = 15 * mm, min(img.imageWidth * scale, 50 * mm)
            cells.insert(0, img)
            widths.insert(0, img.drawWidth + 4 * mm)
        return [_plain_table([cells], widths), Spacer(1, 3 * mm)]


@dataclass(frozen=True)
class Title:
    """ "<title> No. <number> of <date>"; ``by`` picks the title by a choice field's value."""

    text: str = TITLE
    by: str = ""
    texts: tuple[tuple[str, str], ...] = ()

    def story(self, data: PrintData, ctx: Context) -> Story:
        v = data.values
        template = dict(self.texts).get(str(v.get(self.by)), self.text) if self.by else self.text
        title = ctx.tr(template).format(
            title=ctx.tr(data.doc.title),
            number=v.get("number", ""),
            date=ctx.loc.date(v.get("date")),
        )
        return [_para(title, ctx, "title"), Spacer(1, 3 * mm)]


def requisites(row: dict[str, Any], ctx: Context, bank: bool = False) -> str:
    """ "Full name, TIN …, KPP …, address, phone …" (and the bank account)."""
    parts = [_name(row)]
    if row.get("tax_id"):
        parts.append(f"{ctx.tr(TIN)} {row['tax_id']}")
    if row.get("kpp"):
        parts.append(f"{ctx.tr(KPP)} {row['kpp']}")
    parts += [row[k] for k in ("address",) if row.get(k)]
    if row.get("phone"):
        parts.append(f"{ctx.tr(PHONE)} {row['phone']}")
    if bank and row.get("bank_account"):
        parts.append(f"{ctx.tr(ACCOUNT)} {row['bank_account']} {row.get('bank_name') or ''}")
    return ", ".join(str(p) for p in parts if p)


@dataclass(frozen=True)
class Parties:
    """Rows "<role>: <requisites>": each ``(role, source)``, a source being ``organization`` or
    header references tried in turn ("counterparty|partner")."""

    parties: tuple[tuple[str, str], ...]
    bank: bool = False

    def story(self, data: PrintData, ctx: Context) -> Story:
        rows = []
        for role, source in self.parties:
            row = next((party(data, s) for s in source.split("|") if party(data, s)), {})
            if row:
                rows.append(
                    [
                        _para(ctx.tr(role) + ":", ctx, "label"),
                        _para(requisites(row, ctx, self.bank), ctx),
                    ]
                )
        return [_plain_table(rows, [32 * mm, None]), Spacer(1, 3 * mm)] if rows else []


@dataclass(frozen=True)
class BankDetails:
    """The boxed bank details to pay to (an invoice's top): bank, BIC, accounts, recipient."""

    source: str = "organization"

    def story(self, data: PrintData, ctx: Context) -> Story:
        org, tr = party(data, self.source), ctx.tr
        recipient = f"{tr(TIN)} {org.get('tax_id') or ''}  {tr(KPP)} {org.get('kpp') or ''}"
        rows = [
            [_para(org.get("bank_name") or "", ctx), tr(BIC), org.get("bank_bic") or ""],
            [_para(tr(BANK), ctx, "small"), tr(CORR), org.get("corr_account") or ""],
            [_para(f"{recipient}\n{_name(org)}", ctx), tr(ACCOUNT), org.get("bank_account") or ""],
            [_para(tr(RECIPIENT), ctx, "small"), "", ""],
        ]
        grid = [
            ("FONT", (0, 0), (-1, -1), FONT, 8),
            ("BOX", (0, 0), (-1, -1), 0.5, colors.black),
            ("LINEAFTER", (0, 0), (1, -1), 0.5, colors.black),
            ("LINEBELOW", (0, 1), (-1, 1), 0.5, colors.black),
            ("LINEBELOW", (1, 0), (-1, 0), 0.5, colors.black),
        ]
        return [_plain_table(rows, [None, 30 * mm, 50 * mm], grid), Spacer(1, 4 * mm)]


@dataclass(frozen=True)
class Fields:
    """Header fields as "<label>: <value>" rows (empty ones left out)."""

    names: tuple[str, ...]

    def story(self, data: PrintData, ctx: Context) -> Story:
        rows = []
        for name in self.names:
            f, value = header_field(data, name), data.values.get(name)
            if not data.shown(f):  # a warehouse while "Several warehouses" is off
                continue
            money = isinstance(f, Money) and value is not None
            text = ctx.loc.number(value, 2) if money else _text(value, f, ctx)
            if text:
                rows.append([_para(ctx.tr(f.label) + ":", ctx, "label"), _para(text, ctx)])
        return [_plain_table(rows, [32 * mm, None]), Spacer(1, 3 * mm)] if rows else []


@dataclass(frozen=True)
class Lines:
    """A tabular section with the chosen ``columns`` (declared fields, ``unit``, ``total``);
    ``totals`` the summed columns (by default its money amounts)."""

    columns: tuple[str, ...]
    section: str = "lines"
    totals: tuple[str, ...] | None = None

    def story(self, data: PrintData, ctx: Context) -> Story:
        section = next(t for t in data.doc.tables if t.name == self.section)
        if not data.values.get(self.section):
            return []  # a payment allocated to nothing: no empty table
        names = {f.name: f for f in section.fields}
        fields: list[Field] = [names.get(c) or EXTRA[c] for c in self.columns]
        return lines_table(data, section, ctx, WIDTH, fields, self.totals)


@dataclass(frozen=True)
class VatBreakdown:
    """A small table: per VAT rate the amount without VAT, the VAT and the amount with it."""

    section: str = "lines"

    def story(self, data: PrintData, ctx: Context) -> Story:
        tr, num = ctx.tr, ctx.loc.number
        head = [
            Paragraph(escape(tr(x)), ctx.styles["headnum"]) for x in (VAT_RATE, BASE, VAT, WITH_VAT)
        ]
        rows: list[list[Any]] = [head]
        for rate, base, vat in vat_by_rate(data, self.section):
            label = tr(WITHOUT_VAT) if rate is None else f"{rate.normalize():f}%"
            rows.append([label, num(base, 2), num(vat, 2), num(base + vat, 2)])
        style = [
            ("FONT", (0, 0), (-1, -1), FONT, 8),
            ("FONT", (0, 0), (-1, 0), BOLD, 8),
            ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
            ("ALIGN", (0, 0), (-1, -1), "RIGHT"),
        ]
        t = _plain_table(rows, [28 * mm, 32 * mm, 28 * mm, 32 * mm], style)
        t.hAlign = "RIGHT"
        return [t, Spacer(1, 3 * mm)]


@dataclass(frozen=True)
class Totals:
    """Right-aligned "Total: / Including VAT: (or VAT:) / Total to pay:" of a trade section."""

    section: str = "lines"

    def story(self, data: PrintData, ctx: Context) -> Story:
        amount, vat, to_pay = trade_totals(data, self.section)
        num, tr = ctx.loc.number, ctx.tr
        included = bool(data.values.get("vat_included"))
        rows = [[tr(TOTAL), num(amount, 2)], [tr(VAT_IN if included else VAT_ON), num(vat, 2)]]
        rows.append([tr(TO_PAY), num(to_pay, 2)])
        style = [
            ("FONT", (0, 0), (-1, -1), BOLD, 9),
            ("ALIGN", (0, 0), (-1, -1), "RIGHT"),
        ]
        t = _plain_table(rows, [60 * mm, 35 * mm], style)
        t.hAlign = "RIGHT"
        return [t, Spacer(1, 2 * mm)]


@dataclass(frozen=True)
class InWords:
    """ "Items: N, for the amount of X" and the amount in words (the form's language)."""

    total: str = "lines"  # a section (the sum of its lines) or a header money field

    def story(self, data: PrintData, ctx: Context) -> Story:
        amount = document_total(data, self.total)
        lines = data.values.get(self.total)
        out: Story = []
        if isinstance(lines, list):
            text = ctx.tr(ITEMS).format(count=len(lines), amount=ctx.loc.number(amount, 2))
            out.append(_para(text, ctx))
        words = amount_in_words(amount, ctx.loc.language or "en")
        out += [_para(ctx.tr(IN_WORDS).format(words=words), ctx, "head"), Spacer(1, 3 * mm)]
        return out


@dataclass(frozen=True)
class Notes:
    """A header text field (the comment) under its label, when filled."""

    field: str = "comment"

    def story(self, data: PrintData, ctx: Context) -> Story:
        return Fields((self.field,)).story(data, ctx)


@dataclass(frozen=True)
class Signatures:
    """Signature lines: ``(role, officer)`` — an organization's field naming who signs
    ("director", "chief_accountant") or "" for a blank name."""

    roles: tuple[tuple[str, str], ...]

    def story(self, data: PrintData, ctx: Context) -> Story:
        org = party(data, "organization")
        rows = [
            [_para(ctx.tr(role), ctx), "", _para(f"/ {org[key]} /" if org.get(key) else "", ctx)]
            for role, key in self.roles
        ]
        style = [
            ("LINEBELOW", (1, 0), (1, -1), 0.5, colors.black),
            ("TOPPADDING", (0, 0), (-1, -1), 10),
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ]
        t = _plain_table(rows, [40 * mm, 45 * mm, None], style)
        return [KeepTogether([Spacer(1, 5 * mm), t])]


# -- the layout -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Layout:
    """A declared print form of ``document``: ``name`` and menu ``title``, then its blocks."""

    document: str
    name: str
    title: str
    blocks: tuple[Block, ...]

    def sources(self) -> set[str]:
        out = {"organization"}
        for b in self.blocks:
            if isinstance(b, Parties):
                out |= {s for _, src in b.parties for s in src.split("|")}
            elif isinstance(b, Heading | BankDetails):
                out.add(b.source)
        return out

    def build(self, data: PrintData, ctx: Context) -> Story:
        story: Story = []
        for b in self.blocks:
            story += b.story(data, ctx)
        return story

    def prepare(self, session: Session, docs: list[PrintData]) -> None:
        """Read the requisites of every party the blocks name; a line's unit name and its
        amount with VAT."""
        for data in docs:
            parties = data.values.setdefault("_parties", {})
            for source in self.sources():
                parties[source] = _requisites(session, data, source)
            _line_extras(session, data)


def _requisites(session: Session, data: PrintData, source: str) -> dict[str, Any]:
    ref = data.values.get(source)
    if not isinstance(ref, dict) or ref.get("id") is None:
        return {}
    f = header_field(data, source)
    if not isinstance(f, Ref):
        return {}
    table = registry.catalogs[f.target].table
    rows = session.rows(f"SELECT * FROM kontora.{table} WHERE id = :i", i=ref["id"])
    return dict(rows[0]) if rows else {}


def _line_extras(session: Session, data: PrintData) -> None:
    included = bool(data.values.get("vat_included"))
    for section in data.doc.tables:
        lines = data.values.get(section.name) or []
        ids = {x["product"]["id"] for x in lines if isinstance(x.get("product"), dict)}
        units = {}
        if ids:
            units = {
                r["id"]: r["unit"]
                for r in session.rows(
                    "SELECT p.id, u.name AS unit FROM kontora.cat_products p "
                    "JOIN kontora.cat_units u ON u.id = p.unit_id WHERE p.id = ANY(:ids)",
                    ids=sorted(ids),
                )
            }
        for x in lines:
            product = x.get("product")
            if isinstance(product, dict):
                x.setdefault("unit", units.get(product.get("id"), ""))
            if "amount" in x and "vat_amount" in x:
                amount, vat = _d(x.get("amount")), _d(x.get("vat_amount"))
                x.setdefault("total", amount if included else amount + vat)


def declare(layout: Layout, *, primary: bool = True) -> Layout:
    """Register ``layout`` as a print form of its document (by default, the one Print
    prints; the generic form follows it in the menu)."""
    form = PrintForm(layout.name, layout.title, layout.build, layout.prepare)
    register(layout.document, form, primary=primary)
    return layout
