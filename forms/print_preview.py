"""The print preview window: the pages of a rendered PDF, zoom, Print…, Save as PDF…, copies.

The pages are rasterized by PDFium (:mod:`forms.pdf_pages`) off the GUI thread, again at each
zoom step (so they stay sharp); the window keeps answering meanwhile. Print… asks for a printer
(QPrintDialog, with the copies of the spin box) and paints the pages on it off the GUI thread,
with a cancellable progress dialog. Save as PDF… copies the rendered file.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QPixmap
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
from forms.pdf_pages import POINTS_PER_INCH, RenderedPages, print_pdf, render_pages
from forms.progress_dialog import JobProgress
from forms.worker import Loader

ZOOMS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0)
SCREEN_DPI = 96  # 100 % = the paper's real size on a common screen
PAGE_GAP = 12
MAX_COPIES = 99


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
        self._fitted = False  # the first pages shown were fitted to the window once
        self.pages: RenderedPages | None = None
        self.page_labels: list[QLabel] = []

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
        path, scale = self.path, self._scale()
        self.zoom_label.setText(f"{round(self.zoom * 100)} %")
        self.zoom_out_action.setEnabled(self.zoom > ZOOMS[0])
        self.zoom_in_action.setEnabled(self.zoom < ZOOMS[-1])
        self._render.run(lambda: render_pages(path, scale), self._show_pages)

    def _show_pages(self, pages: RenderedPages) -> None:
        self.pages = pages
        while len(self.page_labels) > len(pages.images):
            self.page_labels.pop().deleteLater()
        while len(self.page_labels) < len(pages.images):
            label = QLabel(self.sheet)
            label.setFrameShape(QLabel.Shape.Box)
            label.setAccessibleName(self.tr("Page {n}").format(n=len(self.page_labels) + 1))
            self.sheet_layout.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
            self.page_labels.append(label)
        ratio = self.devicePixelRatioF()
        for label, image in zip(self.page_labels, pages.images, strict=True):
            pixmap = QPixmap.fromImage(image)
            pixmap.setDevicePixelRatio(ratio)
            label.setPixmap(pixmap)
        self.count_label.setText(self.tr("%n page(s)", "", len(pages.images)))
        if not self._fitted:
            self._fitted = True
            if pages.sizes and self._fit_zoom() < self.zoom:  # a narrow window: see all across
                self.fit_width()
                return
        self.rendered.emit(len(pages.images))

    def _fit_zoom(self) -> float:
        """The zoom at which the widest page fills the visible width."""
        if not self.pages or not self.pages.sizes:
            return self.zoom
        widest = max(w for w, _ in self.pages.sizes) * SCREEN_DPI / POINTS_PER_INCH
        margins = self.sheet_layout.contentsMargins()
        room = self.scroll.viewport().width() - margins.left() - margins.right() - 4
        return max(ZOOMS[0], min(ZOOMS[-1], room / widest))

    def fit_width(self) -> None:
        """Zoom so that a page fills the window's width."""
        self.set_zoom(round(self._fit_zoom(), 2))

    def page_count(self) -> int:
        return len(self.pages.images) if self.pages else 0

    def step_zoom(self, step: int) -> None:
        """The next zoom of :data:`ZOOMS` up (``step`` > 0) or down."""
        bigger = [z for z in ZOOMS if z > self.zoom + 1e-9]
        smaller = [z for z in ZOOMS if z < self.zoom - 1e-9]
        target = (bigger[:1] if step > 0 else smaller[-1:]) or [self.zoom]
        self.set_zoom(target[0])

    def set_zoom(self, zoom: float) -> None:
        if zoom != self.zoom:
            self.zoom = zoom
            self._start_render()

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
