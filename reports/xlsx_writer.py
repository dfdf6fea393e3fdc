"""A streaming writer of one-sheet xlsx workbooks, for big list exports.

openpyxl, even in write-only mode, builds a cell object and an XML element per cell: about
1,000 rows a second on a busy machine, so 100,000 rows took over a minute. This writer emits the
sheet's XML as text straight into the zip member, row by row (strings inline, numbers exact,
dates as Excel serial numbers with a date format), keeping only the styles in memory. The
result is an ordinary Office Open XML workbook: a title, a frozen header, column widths,
an autofilter over the table. The file appears only when complete (written next to the target
and renamed).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from openpyxl.utils import get_column_letter

EPOCH = dt.datetime(1899, 12, 30)  # Excel's day 0 (1900 date system, leap-year bug included)
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # not allowed in XML 1.0
FLUSH_ROWS = 2000
BUILTIN_FORMATS = {"General": 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4}


@dataclass(frozen=True)
class Style:
    """A cell style: number format, font (bold, italic, size), alignment."""

    number_format: str = "General"
    bold: bool = False
    italic: bool = False
    size: float = 11
    wrap: bool = False
    indent: int = 0


class Styles:
    """The styles used, numbered as they first appear (0 is the default)."""

    def __init__(self) -> None:
        self.ids: dict[Style, int] = {Style(): 0}
        self.formats: dict[str, int] = {}

    def id(self, style: Style) -> int:
        found = self.ids.get(style)
        if found is None:
            found = self.ids[style] = len(self.ids)
            fmt = style.number_format
            if fmt not in BUILTIN_FORMATS and fmt not in self.formats:
                self.formats[fmt] = 164 + len(self.formats)
        return found

    def xml(self) -> str:
        fonts = sorted({(s.bold, s.italic, s.size) for s in self.ids}, key=lambda f: f != (
            False, False, 11))  # fmt: skip
        font_ids = {f: i for i, f in enumerate(fonts)}
        num_fmts = "".join(
            f"<numFmt numFmtId={quoteattr(str(i))} formatCode={quoteattr(f)}/>"
            for f, i in self.formats.items()
        )
        font_xml = "".join(
            "<font>" + ("<b/>" if b else "") + ("<i/>" if i else "") + f'<sz val="{size:g}"/>'
            '<name val="Calibri"/><family val="2"/></font>'
            for b, i, size in fonts
        )
        xfs = []
        for s in self.ids:  # insertion order = ids
            fmt = BUILTIN_FORMATS.get(s.number_format, self.formats.get(s.number_format, 0))
            align = ""
            if s.wrap or s.indent:
                wrap = ' wrapText="1" vertical="top"' if s.wrap else ""
                indent = f' indent="{s.indent}"' if s.indent else ""
                align = f"<alignment{wrap}{indent}/>"
            xfs.append(
                f'<xf numFmtId="{fmt}" fontId="{font_ids[(s.bold, s.italic, s.size)]}" '
                f'fillId="0" borderId="0" xfId="0" applyNumberFormat="{int(fmt != 0)}"'
                f' applyFont="1" applyAlignment="{int(bool(align))}">{align}</xf>'
            )
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<styleSheet xmlns="{MAIN_NS}">'
            f'<numFmts count="{len(self.formats)}">{num_fmts}</numFmts>'
            f'<fonts count="{len(fonts)}">{font_xml}</fonts>'
            '<fills count="2"><fill><patternFill patternType="none"/></fill>'
            '<fill><patternFill patternType="gray125"/></fill></fills>'
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border>'
            "</borders>"
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
            "</cellStyleXfs>"
            f'<cellXfs count="{len(xfs)}">{"".join(xfs)}</cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/>'
            "</cellStyles></styleSheet>"
        )


MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def _number(value: Decimal | int | float) -> str:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return repr(value) if isinstance(value, float) else str(value)


def _serial(value: dt.date) -> str:
    if isinstance(value, dt.datetime):
        delta = value.replace(tzinfo=None) - EPOCH
        return repr(delta.days + delta.seconds / 86400 + delta.microseconds / 86400e6)
    return str((value - EPOCH.date()).days)


def cell_xml(ref: str, value: Any, style: int) -> str:
    """One ``<c>`` element: a number, a date (serial), or an inline string."""
    s = f' s="{style}"' if style else ""
    if value is None or value == "":
        return f'<c r="{ref}"{s}/>' if style else ""
    if isinstance(value, (Decimal, int, float)) and not isinstance(value, bool):
        return f'<c r="{ref}"{s}><v>{_number(value)}</v></c>'
    if isinstance(value, dt.date):
        return f'<c r="{ref}"{s}><v>{_serial(value)}</v></c>'
    text = escape(_ILLEGAL.sub("", str(value)))
    return f'<c r="{ref}"{s} t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


class SheetWriter:
    """Writes one sheet named ``title`` to ``path``; use as a context manager.

    ``widths``: column widths in characters; ``freeze_row``: the first row that scrolls (the
    rows above stay); rows are lists of ``(value, style id)`` (style ids from :attr:`styles`).
    :meth:`autofilter` sets the filtered range, any time before the end.
    """

    def __init__(self, path: str | os.PathLike[str], title: str, widths: list[float],
                 freeze_row: int = 0) -> None:  # fmt: skip
        self.target = Path(path)
        self.tmp = self.target.with_name(f".{self.target.name}.part")
        self.title, self.widths, self.freeze_row = title, widths, freeze_row
        self.styles = Styles()
        self.row = 0
        self._filter = ""
        self._letters = [get_column_letter(i + 1) for i in range(max(len(widths), 1))]
        self._buffer: list[str] = []
        self._zip = zipfile.ZipFile(self.tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=1)
        self._sheet = self._zip.open("xl/worksheets/sheet1.xml", "w", force_zip64=True)
        self._sheet.write(self._sheet_head().encode())

    def __enter__(self) -> SheetWriter:
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is None:
            self.close()
        else:
            self.discard()

    def _sheet_head(self) -> str:
        pane = ""
        if self.freeze_row > 1:
            top = f"A{self.freeze_row}"
            pane = (
                f'<pane ySplit="{self.freeze_row - 1}" topLeftCell="{top}" activePane="bottomLeft"'
                f' state="frozen"/><selection pane="bottomLeft" activeCell="{top}" sqref="{top}"/>'
            )
        cols = "".join(
            f'<col min="{i}" max="{i}" width="{w:.2f}" customWidth="1"/>'
            for i, w in enumerate(self.widths, start=1)
        )
        return (
            f'{HEAD}<worksheet xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">'
            f'<sheetViews><sheetView workbookViewId="0">{pane}</sheetView></sheetViews>'
            '<sheetFormatPr defaultRowHeight="15"/>'
            + (f"<cols>{cols}</cols>" if cols else "")
            + "<sheetData>"
        )

    def append(self, cells: list[tuple[Any, int]]) -> None:
        """The next row."""
        self.row += 1
        n, letters = self.row, self._letters
        while len(letters) < len(cells):
            letters.append(get_column_letter(len(letters) + 1))
        body = "".join(
            cell_xml(f"{letters[i]}{n}", v, s) for i, (v, s) in enumerate(cells)
        )  # fmt: skip
        self._buffer.append(f'<row r="{n}">{body}</row>')
        if len(self._buffer) >= FLUSH_ROWS:
            self._flush()

    def autofilter(self, first_row: int, last_row: int, columns: int) -> None:
        self._filter = f"A{first_row}:{get_column_letter(max(columns, 1))}{last_row}"

    def _flush(self) -> None:
        self._sheet.write("".join(self._buffer).encode())
        self._buffer.clear()

    def close(self) -> None:
        """Finish the workbook and move it into place."""
        try:
            self._flush()
            tail = "</sheetData>"
            if self._filter:
                tail += f'<autoFilter ref="{self._filter}"/>'
            self._sheet.write((tail + "</worksheet>").encode())
            self._sheet.close()
            self._write_package()
            self._zip.close()
            os.replace(self.tmp, self.target)
        finally:
            self.tmp.unlink(missing_ok=True)

    def discard(self) -> None:
        """Abandon the workbook: nothing is left behind."""
        try:
            self._sheet.close()
            self._zip.close()
        finally:
            self.tmp.unlink(missing_ok=True)

    def _write_package(self) -> None:
        z = self._zip
        sheet = "application/vnd.openxmlformats-officedocument.spreadsheetml"
        z.writestr(
            "[Content_Types].xml",
            f'{HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{sheet}.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" '
            f'ContentType="{sheet}.worksheet+xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{sheet}.styles+xml"/></Types>',
        )
        z.writestr(
            "_rels/.rels",
            f'{HEAD}<Relationships xmlns="{PKG_REL_NS}"><Relationship Id="rId1" '
            f'Type="{REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        defined = ""
        if self._filter:
            a, b = self._filter.split(":")
            ref = f"{_abs(a)}:{_abs(b)}"
            name = quoteattr("'" + self.title.replace("'", "''") + "'!" + ref)[1:-1]
            defined = (
                '<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" '
                f'hidden="1">{name}</definedName></definedNames>'
            )
        z.writestr(
            "xl/workbook.xml",
            f'{HEAD}<workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}"><sheets>'
            f'<sheet name={quoteattr(self.title)} sheetId="1" r:id="rId1"/></sheets>'
            f"{defined}</workbook>",
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            f'{HEAD}<Relationships xmlns="{PKG_REL_NS}">'
            f'<Relationship Id="rId1" Type="{REL_NS}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{REL_NS}/styles" Target="styles.xml"/>'
            "</Relationships>",
        )
        z.writestr("xl/styles.xml", self.styles.xml())


def _abs(ref: str) -> str:
    """``A4`` → ``$A$4``."""
    m = re.fullmatch(r"([A-Z]+)(\d+)", ref)
    assert m is not None
    return f"${m.group(1)}${m.group(2)}"
