"""Print forms: a PDF (reportlab) of one or more documents, laid out from their declaration.

The generic form works for every document: the title "<Document> No. <number> of <date>", the
organization and the header fields, a table per tabular section (columns from the declaration,
numbers right-aligned with the declared decimals — quantities with their unit's — and totals of
the money columns), signature lines and "Page N of M" on each page. Long tables break across
pages repeating their heading row. DejaVu Sans is embedded so Cyrillic prints.

A print form is a :class:`PrintForm`: a name, a title and a function building the reportlab
story of one document from :class:`PrintData`. Document-specific layouts (invoice, waybill…)
are added with :func:`register` and listed after the generic one by :func:`print_forms`.
Nothing here imports Qt: the client passes its translation function and number format.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from reports.print_columns import (
    BOLD,
    FONT,
    NARROW_PAD,
    TABLE_PAD,
    column_widths,
    heading,
    is_number,
)
from reports.print_table import Lines
from server.api.lists import ORGANIZATION, document_for_form, enabled_subsystems
from server.api.session import Session
from server.metadata import (
    Choice,
    DocRef,
    Document,
    Field,
    Int,
    Money,
    Number,
    Qty,
    Ref,
    Registry,
    formula,
)
from server.metadata import Table as Section
from server.metadata.switched import off_names

FONT_DIR = Path(__file__).resolve().parent.parent / "resources" / "fonts"
Translate = Callable[[str], str]
S = "kontora"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate looks for
    """Marks a string for Qt's translation tools; the client translates it when rendering."""
    return text


CONTEXT = "PrintForm"
TITLE = QT_TRANSLATE_NOOP("PrintForm", "{title} No. {number} of {date}")
PAGE = QT_TRANSLATE_NOOP("PrintForm", "Page {page} of {pages}")
TOTAL = QT_TRANSLATE_NOOP("PrintForm", "Total")
PAGE_TOTAL = QT_TRANSLATE_NOOP("PrintForm", "Total for page")
LINE_NO = QT_TRANSLATE_NOOP("PrintForm", "No.")
GENERIC = QT_TRANSLATE_NOOP("PrintForm", "{title} (document)")
GENERIC_NAME = "generic"  # the generic form's name; "document" asks for the default form
SIGNATURES = (
    QT_TRANSLATE_NOOP("PrintForm", "Prepared by"),
    QT_TRANSLATE_NOOP("PrintForm", "Checked by"),
)
SIGNATURE_HINT = QT_TRANSLATE_NOOP("PrintForm", "signature / full name")
YES, NO = QT_TRANSLATE_NOOP("PrintForm", "Yes"), QT_TRANSLATE_NOOP("PrintForm", "No")


def register_fonts() -> None:
    """Register the bundled DejaVu Sans (regular and bold) once."""
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    pdfmetrics.registerFont(TTFont(FONT, str(FONT_DIR / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(FONT_DIR / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=FONT, boldItalic=BOLD)


@dataclass(frozen=True)
class PrintLocale:
    """How numbers and dates are written (the client passes its locale's separators)."""

    group: str = "\u00a0"
    point: str = "."
    date_format: str = "%Y-%m-%d"
    #: the language of texts a form composes itself (the total in words): "en", "ru"
    language: str = "en"

    def number(self, value: Decimal | int | None, scale: int) -> str:
        if value is None:
            return ""
        text = f"{Decimal(value):,.{scale}f}"
        return text.replace(",", "\x00").replace(".", self.point).replace("\x00", self.group)

    def date(self, value: Any) -> str:
        return value.strftime(self.date_format) if isinstance(value, dt.date) else str(value or "")


@dataclass
class PrintData:
    """One document as printed: values with references as ``{id, name}``, and the decimals
    of each referenced product's unit (quantities print with them)."""

    doc: Document
    values: dict[str, Any]
    unit_scale: dict[int, int] = field(default_factory=dict)
    #: fields referring to a switched-off subsystem's objects, left out of the print: header
    #: fields by name, line fields as ``<section>.<name>``
    hidden: frozenset[str] = frozenset()

    def shown(self, f: Field, section: str = "") -> bool:
        return (f"{section}.{f.name}" if section else f.name) not in self.hidden


def hidden_fields(reg: Registry, d: Document, enabled: Collection[str]) -> frozenset[str]:
    """:attr:`PrintData.hidden` of documents ``d`` while the subsystems ``enabled`` are on."""
    out = off_names(reg, d.header, enabled)
    for t in d.tables:
        out |= {f"{t.name}.{n}" for n in off_names(reg, t.fields, enabled)}
    return frozenset(out)


@dataclass(frozen=True)
class Context:
    """What a layout needs besides the data: translation, number format, paragraph styles."""

    tr: Translate
    loc: PrintLocale
    styles: dict[str, ParagraphStyle]


Story = list[Flowable]


@dataclass(frozen=True)
class PrintForm:
    """A named print form of a document type: ``build`` makes one document's story."""

    name: str
    title: str  # untranslated; "{title}" is replaced by the document's title
    build: Callable[[PrintData, Context], Story]
    #: reads what the layout needs beyond the document into its values (the organization's
    #: director for a signature line), before ``build``
    prepare: Callable[[Session, list[PrintData]], None] | None = None


_REGISTERED: dict[str, list[PrintForm]] = {}
#: documents whose own layouts replace the generic form (too many columns for a page)
_NO_GENERIC: set[str] = set()
#: (document, form) listed before the generic form: the document's default print form
_PRIMARY: set[tuple[str, str]] = set()


def register(
    document: str, form: PrintForm, *, replaces_generic: bool = False, primary: bool = False
) -> None:
    """Add a document-specific print form: listed after the generic one, or before it when
    ``primary`` (then it is what Print prints), or instead of it."""
    _REGISTERED.setdefault(document, []).append(form)
    if replaces_generic:
        _NO_GENERIC.add(document)
    if primary:
        _PRIMARY.add((document, form.name))


#: Modules registering document-specific layouts, imported when the forms are first listed.
LAYOUTS = ("reports.payroll_print", "reports.print_layouts")


def print_forms(document: str) -> list[PrintForm]:
    """The print forms of a document type: its primary layouts, the generic form (unless
    replaced), its other layouts. The first is the default."""
    for module in LAYOUTS:
        importlib.import_module(module)
    own = _REGISTERED.get(document, [])
    first = [f for f in own if (document, f.name) in _PRIMARY]
    rest = [f for f in own if (document, f.name) not in _PRIMARY]
    if document in _NO_GENERIC:
        return [*first, *rest]
    return [*first, PrintForm(GENERIC_NAME, GENERIC, generic_story), *rest]


def form_title(form: PrintForm, d: Document, tr: Translate = str) -> str:
    return tr(form.title).format(title=tr(d.title))


# -- data -------------------------------------------------------------------------------------
def _unit_scales(session: Session, reg: Registry, d: Document, docs: list[dict]) -> dict[int, int]:
    """Decimals of the unit of every item referenced by a quantity's ``unit_from``."""
    ids: set[int] = set()
    targets = set()
    for t in d.tables:
        for f in t.fields:
            if isinstance(f, Qty) and f.unit_from:
                ref = t.field(f.unit_from)
                assert isinstance(ref, Ref)
                catalog = reg.catalogs[ref.target]
                if not any(isinstance(x, Ref) and x.target == "units" for x in catalog.fields):
                    continue
                targets.add(catalog.table)
                for v in docs:
                    ids |= {r[ref.name]["id"] for r in v[t.name] if r.get(ref.name)}
    out: dict[int, int] = {}
    for table in targets:
        rows = session.rows(
            f"SELECT p.id, u.precision FROM {S}.{table} p JOIN {S}.cat_units u "
            "ON u.id = p.unit_id WHERE p.id = ANY(:ids)",
            ids=sorted(ids),
        )
        out.update({r["id"]: r["precision"] for r in rows})
    return out


def load(session: Session, reg: Registry, name: str, ids: Sequence[int]) -> list[PrintData]:
    """The documents ``ids`` of type ``name`` ready to print (in the given order)."""
    d = reg.document(name)
    docs = [document_for_form(session, reg, name, i) for i in ids]
    scales = _unit_scales(session, reg, d, docs)
    hidden = hidden_fields(reg, d, enabled_subsystems(session))
    return [PrintData(d, v, scales, hidden) for v in docs]


# -- the generic layout -----------------------------------------------------------------------
def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=FONT, fontSize=9, leading=11)
    return {
        "base": base,
        "title": ParagraphStyle("title", base, fontName=BOLD, fontSize=14, leading=18),
        "label": ParagraphStyle("label", base, textColor=colors.HexColor("#444444")),
        "cell": ParagraphStyle("cell", base, fontSize=8, leading=10),
        "num": ParagraphStyle("num", base, fontSize=8, leading=10, alignment=TA_RIGHT),
        "head": ParagraphStyle("head", base, fontName=BOLD, fontSize=8, leading=10),
        "headnum": ParagraphStyle(
            "headnum", base, fontName=BOLD, fontSize=8, leading=10, alignment=TA_RIGHT
        ),
        "small": ParagraphStyle("small", base, fontSize=7, leading=9),
    }


def _text(value: Any, f: Field, ctx: Context) -> str:
    if value is None:
        return ""
    if isinstance(f, Ref | DocRef):  # an item by its name, a document by its number
        return str(value.get("name", "")) if isinstance(value, dict) else str(value)
    if isinstance(f, Choice):
        return ctx.tr(f.title_of(value))
    if isinstance(value, dt.date):
        return ctx.loc.date(value)
    if isinstance(value, bool):
        return ctx.tr(YES) if value else ctx.tr(NO)
    return str(value)


def _scale(f: Field, row: dict[str, Any], section: Section, data: PrintData) -> int:
    if isinstance(f, Money):
        return 2
    if isinstance(f, Int):
        return 0
    value = row.get(f.name)
    if isinstance(f, Number) and f.maximum is not None and value is not None:
        exponent = int(Decimal(value).normalize().as_tuple().exponent)  # a percentage: 20, 12.5
        return min(f.scale, max(0, -exponent))
    if isinstance(f, Qty) and f.unit_from:
        ref = row.get(section.field(f.unit_from).name)
        if isinstance(ref, dict) and ref.get("id") in data.unit_scale:
            return data.unit_scale[ref["id"]]
    return f.scale if isinstance(f, Number) else 0


def header_block(data: PrintData, ctx: Context) -> Story:
    """The title and a two-column table of the organization and the header fields."""
    v, d = data.values, data.doc
    title = ctx.tr(TITLE).format(
        title=ctx.tr(d.title), number=v.get("number", ""), date=ctx.loc.date(v.get("date"))
    )
    rows = []
    for f in (ORGANIZATION, *d.header):
        text = _text(v.get(f.name), f, ctx) if data.shown(f) else ""
        if not text:
            continue
        rows.append(
            [
                Paragraph(escape(ctx.tr(f.label)) + ":", ctx.styles["label"]),
                Paragraph(escape(text).replace("\n", "<br/>"), ctx.styles["base"]),
            ]
        )
    story: Story = [Paragraph(escape(title), ctx.styles["title"]), Spacer(1, 4 * mm)]
    if rows:
        t = Table(rows, colWidths=[40 * mm, None], hAlign="LEFT")
        t.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                    ("TOPPADDING", (0, 0), (-1, -1), 1),
                ]
            )
        )
        story += [t, Spacer(1, 4 * mm)]
    return story


def _cell(text: str, width: float, ctx: Context) -> Any:
    """A text cell: a plain string when it fits its column on one line (fast), else a
    paragraph that wraps."""
    if "\n" not in text and pdfmetrics.stringWidth(text, FONT, 8) <= width - 2 * TABLE_PAD:
        return text
    return Paragraph(escape(text), ctx.styles["cell"])


def _totalled(fields: Sequence[Field]) -> set[str]:
    """Money columns are totalled, except factors of a computed amount (a price times a
    quantity) that are not amounts themselves."""
    computed = {f.name: f.computed for f in fields if isinstance(f, Money) and f.computed}
    factors = {n for c in computed.values() for n in formula.names(c)} - computed.keys()
    return {f.name for f in fields if isinstance(f, Money) and f.name not in factors}


def lines_table(
    data: PrintData,
    section: Section,
    ctx: Context,
    width: float,
    fields: Sequence[Field] | None = None,
    totals: Sequence[str] | None = None,
) -> Story:
    """A tabular section: line numbers, the declared columns (or ``fields``), totals of the
    money columns (or ``totals``); the heading row repeats on every page the table spans and
    each page ends with its subtotal."""
    rows_in = data.values.get(section.name) or []
    declared = list(fields or section.fields)
    fields = [f for f in declared if data.shown(f, section.name)]
    numeric = [is_number(f) for f in fields]
    st = ctx.styles
    titles = [ctx.tr(f.label) for f in fields]
    widths, narrow = column_widths(fields, titles, width)
    pad = NARROW_PAD if narrow else TABLE_PAD
    head = [Paragraph(escape(ctx.tr(LINE_NO)), st["headnum"])] + [
        heading(t, st["headnum" if x else "head"], w - 2 * pad)
        for t, x, w in zip(titles, numeric, widths[1:], strict=True)
    ]
    summed = set(_totalled(fields) if totals is None else totals)
    cols = {f.name: i for i, f in enumerate(fields, start=1) if f.name in summed}
    body: list[list[Any]] = []
    sums: list[dict[int, Decimal]] = []
    for n, row in enumerate(rows_in, start=1):
        cells: list[Any] = [str(n)]
        for f, is_num, w in zip(fields, numeric, widths[1:], strict=True):
            value = row.get(f.name)
            if is_num:
                cells.append(ctx.loc.number(value, _scale(f, row, section, data)))
            else:
                cells.append(_cell(_text(value, f, ctx), w, ctx))
        body.append(cells)
        sums.append({i: Decimal(row.get(k) or 0) for k, i in cols.items()})
    lines = Lines(
        head,
        body,
        widths,
        [True, *numeric],
        sums if cols else [],
        total_label=ctx.tr(TOTAL),
        page_label=ctx.tr(PAGE_TOTAL),
        label_col=min(cols.values(), default=2) - 1,
        number=lambda v: ctx.loc.number(v, 2),
        narrow=narrow,
    )
    out: Story = []
    if len(data.doc.tables) > 1 and section.title and declared == list(section.fields):
        out.append(Paragraph(escape(ctx.tr(section.title)), st["head"]))
    return [*out, lines.table(), Spacer(1, 6 * mm)]


def signatures(ctx: Context, names: Sequence[str] = SIGNATURES) -> Story:
    """A line to sign under each name, with a hint beneath it."""
    hint = Paragraph(escape(ctx.tr(SIGNATURE_HINT)), ctx.styles["small"])
    body: list[list[Any]] = []
    for n in names:
        body += [[Paragraph(escape(ctx.tr(n)) + ":", ctx.styles["base"]), "", ""], ["", hint, ""]]
    t = Table(body, colWidths=[35 * mm, 80 * mm, None], hAlign="LEFT")
    t.setStyle(
        TableStyle(
            [
                *[("LINEBELOW", (1, i), (1, i), 0.5, colors.black) for i in range(0, len(body), 2)],
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return [KeepTogether([Spacer(1, 4 * mm), t])]


def generic_story(data: PrintData, ctx: Context) -> Story:
    """The default print form of any document, from its declaration alone."""
    width = A4[0] - 30 * mm
    story = header_block(data, ctx)
    for section in data.doc.tables:
        story += lines_table(data, section, ctx, width)
    return story + signatures(ctx)


# -- rendering --------------------------------------------------------------------------------
class _DocStart(Flowable):
    """Zero-size marker: the pages that follow belong to document ``index`` (page numbers
    count within each document)."""

    def __init__(self, index: int, caption: str) -> None:
        super().__init__()
        self.index, self.caption = index, caption

    def wrap(self, *_: Any) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        canv = self.canv
        canv._kontora_doc = (self.index, self.caption)  # type: ignore[attr-defined]


def _numbered_canvas(tr: Translate) -> type[Canvas]:
    class NumberedCanvas(Canvas):
        """Defers the footers until the number of pages of each document is known."""

        def __init__(self, *args: Any, **kw: Any) -> None:
            super().__init__(*args, **kw)
            self._pages: list[dict[str, Any]] = []
            self._kontora_doc: tuple[int, str] = (0, "")

        def showPage(self) -> None:
            self._pages.append({**self.__dict__, "_kontora_page_doc": self._kontora_doc})
            self._startPage()

        def save(self) -> None:
            counts: dict[int, int] = {}
            for p in self._pages:
                i = p["_kontora_page_doc"][0]
                counts[i] = counts.get(i, 0) + 1
            seen: dict[int, int] = {}
            for p in self._pages:
                i, caption = p["_kontora_page_doc"]
                seen[i] = seen.get(i, 0) + 1
                self.__dict__.update(p)
                self._footer(caption, tr(PAGE).format(page=seen[i], pages=counts[i]))
                super().showPage()
            super().save()

        def _footer(self, caption: str, page: str) -> None:
            self.setFont(FONT, 7)
            self.setFillColor(colors.grey)
            self.drawString(15 * mm, 8 * mm, caption)
            self.drawRightString(A4[0] - 15 * mm, 8 * mm, page)

    return NumberedCanvas


def render(
    docs: Sequence[PrintData],
    path: str | Path,
    form: PrintForm | None = None,
    tr: Translate = str,
    loc: PrintLocale | None = None,
) -> Path:
    """Write the documents to one PDF (each starts on a new page); returns the path."""
    register_fonts()
    loc = loc or PrintLocale()
    ctx = Context(tr, loc, _styles())
    story: Story = []
    for i, data in enumerate(docs):
        form_ = form or print_forms(data.doc.name)[0]
        if i:
            story.append(PageBreak())
        caption = f"{tr(data.doc.title)} {data.values.get('number', '')}"
        story += [_DocStart(i, caption), *form_.build(data, ctx)]
    path = Path(path)
    title = ", ".join(f"{tr(d.doc.title)} {d.values.get('number', '')}" for d in docs)
    pdf = SimpleDocTemplate(
        str(path),
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=title,
        author="Kontora",
    )
    pdf.build(story or [Spacer(1, 1)], canvasmaker=_numbered_canvas(tr))
    return path


def print_documents(
    session: Session,
    reg: Registry,
    name: str,
    ids: Sequence[int],
    path: str | Path,
    form_name: str = "document",
    tr: Translate = str,
    loc: PrintLocale | None = None,
) -> Path:
    """Load the documents ``ids`` and render them with the print form ``form_name``."""
    forms = print_forms(name)
    # "document" asks for the default: the first form
    form = (
        forms[0]
        if form_name == "document"
        else next((f for f in forms if f.name == form_name), None)
    )
    if form is None:
        raise KeyError(f"{name} has no print form {form_name!r}")
    docs = load(session, reg, name, ids)
    if form.prepare is not None:
        form.prepare(session, docs)
    return render(docs, path, form, tr, loc)
