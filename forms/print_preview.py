"""The print preview window: the pages of a rendered PDF, zoom, Print…, Save as PDF…, copies.

The pages are rasterized by PDFium (:mod:`forms.pdf_pages`) off the GUI thread, only those in
view (a batch of 300 documents does not hold 300 page pictures), again at each zoom step (so
they stay sharp); the window keeps answering meanwhile. Print… asks for a printer
(QPrintDialog, with the copies of the spin box) and paints the pages on it off the GUI thread,
with a cancellable progress dialog. Save as PDF… copies the rendered file.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QImage, QKeySequence, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QScrollArea,
    QSpinBox,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from forms.form_support import form_action
from forms.list_actions import Cancelled
from forms.list_model import error_text
from forms.message_bar import MessageBar
from forms.pdf_pages import POINTS_PER_INCH, page_sizes, print_pdf, render_pages
from forms.progress_dialog import JobProgress
from forms.worker import Loader

ZOOMS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0)
SCREEN_DPI = 96  # 100 % = the paper's real size on a common screen
PAGE_GAP = 12
MAX_COPIES = 99
BATCH_PAGES = 4  # pages drawn per background job
KEEP_PAGES = 10  # pictures kept this many pages away from the view
SCROLL_SETTLE_MS = 30


class PrintPreview(QWidget):
    """A top-level window previewing the PDF ``path`` titled ``title``."""

    rendered = Signal(int)  # pages shown
    printed = Signal(int)  # pages painted on the printer
    saved = Signal(str)

    def __init__(self, path: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setObjectName("print_preview")
        self.path, self.title = path, title
        self.setWindowTitle(self.tr("Print preview: {title}").format(title=title))
        self.zoom = 1.0
        self.sizes: list[tuple[float, float]] = []  # page sizes in points
        self.page_labels: list[QLabel] = []
        self.drawn: set[int] = set()  # pages whose picture is shown at the current zoom

        self.toolbar = QToolBar(self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.print_action = form_action(
            self, self.toolbar, self.tr("Print…"), self.print_dialog,
            QKeySequence.StandardKey.Print, name="print",
        )  # fmt: skip
        self.save_action = form_action(
            self, self.toolbar, self.tr("Save as PDF…"), lambda: self.save_as(),
            QKeySequence.StandardKey.Save, name="save",
        )  # fmt: skip
        self.toolbar.addWidget(QLabel(self.tr("Copies:"), self))
        self.copies = QSpinBox(self)
        self.copies.setObjectName("copies")
        self.copies.setRange(1, MAX_COPIES)
        self.copies.setAccessibleName(self.tr("Number of copies"))
        self.toolbar.addWidget(self.copies)
        self.toolbar.addSeparator()
        self.zoom_out_action = form_action(
            self, self.toolbar, self.tr("Zoom out"), lambda: self.step_zoom(-1),
            QKeySequence.StandardKey.ZoomOut,
        )  # fmt: skip
        self.zoom_label = QLabel(self)
        self.zoom_label.setObjectName("zoom")
        self.toolbar.addWidget(self.zoom_label)
        self.zoom_in_action = form_action(
            self, self.toolbar, self.tr("Zoom in"), lambda: self.step_zoom(1),
            QKeySequence.StandardKey.ZoomIn,
        )  # fmt: skip
        self.fit_action = form_action(
            self, self.toolbar, self.tr("Fit width"), self.fit_width, "Ctrl+0"
        )  # fmt: skip
        self.toolbar.addSeparator()
        self.count_label = QLabel(self)
        self.count_label.setObjectName("page_count")
        self.toolbar.addWidget(self.count_label)

        self.message_bar = MessageBar(self)
        self.sheet = QWidget()
        self.sheet.setObjectName("preview_sheet")
        self.sheet_layout = QVBoxLayout(self.sheet)
        self.sheet_layout.setSpacing(PAGE_GAP)
        self.sheet_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.scroll = QScrollArea(self)
        self.scroll.setWidget(self.sheet)
        self.scroll.setWidgetResizable(True)
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.scroll.setBackgroundRole(self.palette().ColorRole.Dark)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.scroll, 1)

        self._render = Loader(self)
        self._render.failed.connect(lambda exc: self.message_bar.show_error(error_text(exc)))
        self._print = Loader(self)
        self._print.finished.connect(self._on_printed)
        self._print.failed.connect(self._on_print_failed)
        self._printer: QPrinter | None = None
        self._job: JobProgress | None = None
        self.count_label.setText(self.tr("Rendering…"))
        self._scrolled = QTimer(self, singleShot=True, interval=SCROLL_SETTLE_MS)
        self._scrolled.timeout.connect(self._request)
        self.scroll.verticalScrollBar().valueChanged.connect(lambda _v: self._scrolled.start())
        self.resize(self._initial_size())
        self._start_render()

    def _initial_size(self) -> QSize:
        screen = QGuiApplication.primaryScreen().availableGeometry()
        width = round(210 / 25.4 * SCREEN_DPI) + 80  # an A4 page at 100 % and the margins
        return QSize(min(width, screen.width()), min(round(screen.height() * 0.9), 1100))

    @property
    def busy(self) -> bool:
        return self._render.loading or self._print.loading

    # -- pages -----------------------------------------------------------------------------
    def _scale(self) -> float:
        return self.zoom * SCREEN_DPI / POINTS_PER_INCH * self.devicePixelRatioF()

    def _start_render(self) -> None:
        """Read the page sizes, then lay out empty pages and draw the visible ones."""
        path = self.path
        self._render.run(lambda: page_sizes(path), self._lay_out)

    def _lay_out(self, sizes: list[tuple[float, float]]) -> None:
        self.sizes = sizes
        for _ in sizes:
            label = QLabel(self.sheet)
            label.setFrameShape(QLabel.Shape.Box)
            label.setAutoFillBackground(True)
            label.setBackgroundRole(self.palette().ColorRole.Base)
            label.setAccessibleName(self.tr("Page {n}").format(n=len(self.page_labels) + 1))
            self.sheet_layout.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
            self.page_labels.append(label)
        self.count_label.setText(self.tr("%n page(s)", "", len(sizes)))
        fit = self._fit_zoom()
        self.set_zoom(min(fit, self.zoom), force=True)  # a narrow window: see a page across

    def _page_size(self, i: int) -> QSize:
        w, h = self.sizes[i]
        k = self.zoom * SCREEN_DPI / POINTS_PER_INCH
        return QSize(round(w * k), round(h * k))

    def _visible(self) -> list[int]:
        """The pages in view and one on each side, by the layout's arithmetic (it holds before
        the widgets are laid out)."""
        top = self.scroll.verticalScrollBar().value()
        bottom = top + max(self.scroll.viewport().height(), 1)
        y, seen = self.sheet_layout.contentsMargins().top(), []
        for i in range(len(self.sizes)):
            h = self._page_size(i).height()
            if y + h >= top and y <= bottom:
                seen.append(i)
            y += h + PAGE_GAP
        if not seen:
            return []
        return list(range(max(seen[0] - 1, 0), min(seen[-1] + 2, len(self.sizes))))

    def _request(self) -> None:
        """Draw the visible pages not drawn at this zoom yet (a few at a time, off the GUI
        thread); forget the pictures of pages far from the view, so memory stays small."""
        if self._render.loading or not self.sizes:
            return
        visible = self._visible()
        near = range(visible[0] - KEEP_PAGES, visible[-1] + KEEP_PAGES) if visible else range(0)
        for i in [i for i in self.drawn if i not in near]:
            self.drawn.discard(i)
            self.page_labels[i].clear()
        wanted = [i for i in visible if i not in self.drawn][:BATCH_PAGES]
        if not wanted:
            self.rendered.emit(len(self.sizes))
            return
        path, scale = self.path, self._scale()
        self._render.run(
            lambda: render_pages(path, scale, wanted), lambda images: self._show(scale, images)
        )

    def _show(self, scale: float, images: dict[int, QImage]) -> None:
        if scale == self._scale():  # else the zoom changed meanwhile: draw again
            ratio = self.devicePixelRatioF()
            for i, image in images.items():
                pixmap = QPixmap.fromImage(image)
                pixmap.setDevicePixelRatio(ratio)
                self.page_labels[i].setPixmap(pixmap)
                self.drawn.add(i)
        self._request()

    def page_count(self) -> int:
        return len(self.sizes)

    def step_zoom(self, step: int) -> None:
        """The next zoom of :data:`ZOOMS` up (``step`` > 0) or down."""
        bigger = [z for z in ZOOMS if z > self.zoom + 1e-9]
        smaller = [z for z in ZOOMS if z < self.zoom - 1e-9]
        target = (bigger[:1] if step > 0 else smaller[-1:]) or [self.zoom]
        self.set_zoom(target[0])

    def set_zoom(self, zoom: float, force: bool = False) -> None:
        """Show the pages at ``zoom`` (1.0: their real size on a common screen)."""
        if zoom == self.zoom and not force:
            return
        self.zoom = zoom
        self.zoom_label.setText(f"{round(zoom * 100)} %")
        self.zoom_out_action.setEnabled(zoom > ZOOMS[0])
        self.zoom_in_action.setEnabled(zoom < ZOOMS[-1])
        self.drawn.clear()
        for i, label in enumerate(self.page_labels):
            label.clear()
            label.setFixedSize(self._page_size(i))
        self._render.cancel()  # a drawing at the old zoom is not wanted any more
        self._request()

    def _fit_zoom(self) -> float:
        """The zoom at which the widest page fills the visible width."""
        if not self.sizes:
            return self.zoom
        widest = max(w for w, _ in self.sizes) * SCREEN_DPI / POINTS_PER_INCH
        margins = self.sheet_layout.contentsMargins()
        bar = self.scroll.verticalScrollBar().sizeHint().width()
        room = self.scroll.viewport().width() - margins.left() - margins.right() - bar
        return round(max(ZOOMS[0], min(ZOOMS[-1], room / widest)), 2)

    def fit_width(self) -> None:
        """Zoom so that a page fills the window's width."""
        self.set_zoom(self._fit_zoom())

    # -- save ------------------------------------------------------------------------------
    def save_as(self, path: str | None = None) -> None:
        """Copy the PDF to ``path`` (asked for in a dialog without one)."""
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Save as PDF"), f"{self.title}.pdf", self.tr("PDF document (*.pdf)")
            )
            if not path:
                return
            if Path(path).suffix.lower() != ".pdf":
                path += ".pdf"
        try:
            shutil.copyfile(self.path, path)
        except OSError as exc:
            self.message_bar.show_error(self.tr("Could not save: {error}").format(error=exc))
            return
        self.saved.emit(path)

    # -- print -----------------------------------------------------------------------------
    def print_dialog(self) -> None:
        """Ask for a printer (and copies), then print."""
        if self._print.loading:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.title)
        printer.setCopyCount(self.copies.value())
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Print"))
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return
        self.copies.setValue(printer.copyCount())
        self.print_to(printer)

    def print_to(self, printer: QPrinter) -> None:
        """Paint the pages on ``printer`` (already set up) with the copies of the spin box."""
        if self._print.loading:
            return
        self.message_bar.clear()
        self._printer, copies, path = printer, self.copies.value(), self.path
        self._job = JobProgress(self, self.tr("Print"), self.tr("Printing…"), self._progress_text)
        progress = self._job.progress
        self.print_action.setEnabled(False)
        self._print.submit(lambda: print_pdf(path, printer, copies, progress))

    def _progress_text(self, done: int, total: int) -> str:
        return self.tr("Printed {done} of %n page(s)…", "", total).format(done=done)

    def _finish_print(self) -> None:
        self.print_action.setEnabled(True)
        job, self._job, self._printer = self._job, None, None
        if job is not None:
            job.finish()

    def _on_printed(self, pages: int) -> None:
        self._finish_print()
        self.printed.emit(pages)

    def _on_print_failed(self, exc: BaseException) -> None:
        self._finish_print()
        if not isinstance(exc, Cancelled):
            self.message_bar.show_error(
                self.tr("Printing failed: {error}").format(error=error_text(exc))
            )
