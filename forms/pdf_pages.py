"""PDF pages as images (pypdfium2) and printing them on a QPrinter, off the GUI thread.

PySide6-Essentials has no QtPdf, so the preview and the printout rasterize the pages with PDFium.
PDFium is not thread-safe: every call goes through one lock, so two workers never use it at
once. Only QImage (never QPixmap) is made here, and a QPainter paints on a QPrinter — both are
allowed outside the GUI thread. Nothing here touches a widget.

Printing paints each page as an image at the printer's resolution, capped at
:data:`MAX_PRINT_DPI` (a PDF "printer" reports 1200 dpi: a page would be 0.5 GB; 300 dpi is what
office printers print text at), scaled onto the whole paper. When the printer makes copies
itself (a real printer driver) it is asked for them; otherwise (a PDF file) the pages are
painted ``copies`` times, collated.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

import pypdfium2 as pdfium
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrinter

from forms.list_actions import Cancelled, Progress

POINTS_PER_INCH = 72
MAX_PRINT_DPI = 300
_lock = threading.Lock()  # PDFium is not thread-safe


def page_sizes(path: str) -> list[tuple[float, float]]:
    """The size of every page of ``path``, in points (cheap: nothing is drawn)."""
    with _lock:
        pdf = pdfium.PdfDocument(path)
        try:
            return [pdf.get_page_size(i) for i in range(len(pdf))]
        finally:
            pdf.close()


def _image(page: pdfium.PdfPage, scale: float) -> QImage:
    """One page as an opaque RGB image (a copy owning its pixels)."""
    bitmap = page.render(scale=scale, rev_byteorder=True, prefer_bgrx=True)
    try:
        view = QImage(
            bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGBX8888
        )
        return view.copy()
    finally:
        bitmap.close()


def render_pages(path: str, scale: float, pages: Sequence[int]) -> dict[int, QImage]:
    """The ``pages`` (0-based) of ``path`` at ``scale`` pixels per point (1.0 = 72 dpi)."""
    images = {}
    with _lock:
        pdf = pdfium.PdfDocument(path)
        try:
            for i in pages:
                page = pdf[i]
                try:
                    images[i] = _image(page, scale)
                finally:
                    page.close()
        finally:
            pdf.close()
    return images


def _print_range(printer: QPrinter, count: int) -> range:
    """The pages the print dialog asked for (all when it asked for no range), 0-based."""
    first, last = printer.fromPage(), printer.toPage()
    if first <= 0 or last <= 0:
        return range(count)
    return range(min(first, count) - 1, min(last, count))


def print_pdf(path: str, printer: QPrinter, copies: int, progress: Progress) -> int:
    """Paint the pages of ``path`` on ``printer``, ``copies`` times; return the pages painted.

    ``progress`` counts pages (``total`` = pages × copies painted here) and its ``cancel``
    stops the job between pages (the printer job is then aborted).
    """
    copies = max(1, copies)
    own_copies = 1 if printer.supportsMultipleCopies() else copies
    printer.setCopyCount(1 if own_copies > 1 else copies)
    printer.setFullPage(True)
    dpi = min(printer.resolution(), MAX_PRINT_DPI)
    with _lock:
        pdf = pdfium.PdfDocument(path)
        try:
            pages = _print_range(printer, len(pdf))
            progress.total = len(pages) * own_copies
            return _paint(pdf, pages, own_copies, printer, dpi, progress)
        finally:
            pdf.close()


def _paint(
    pdf: pdfium.PdfDocument,
    pages: range,
    copies: int,
    printer: QPrinter,
    dpi: int,
    progress: Progress,
) -> int:
    painter = QPainter()
    if not painter.begin(printer):
        where = printer.printerName() or printer.outputFileName()
        raise OSError(f"cannot start printing on {where}")
    painted = 0
    try:
        for _copy in range(copies):
            for i in pages:
                if progress.cancel.is_set():
                    printer.abort()
                    raise Cancelled
                if painted and not printer.newPage():
                    raise OSError("the printer refused a new page")
                page = pdf[i]
                try:
                    image = _image(page, dpi / POINTS_PER_INCH)
                finally:
                    page.close()
                painter.drawImage(_fit(printer, image), image)
                painted += 1
                progress.done = painted
    finally:
        painter.end()
    return painted


def _fit(printer: QPrinter, image: QImage) -> QRectF:
    """The paper rectangle (device pixels) holding ``image`` centred, aspect kept."""
    paper = printer.paperRect(QPrinter.Unit.DevicePixel)
    ratio = min(paper.width() / image.width(), paper.height() / image.height())
    w, h = image.width() * ratio, image.height() * ratio
    return QRectF((paper.width() - w) / 2, (paper.height() - h) / 2, w, h)
