"""The print preview window on real widgets (offscreen): a batch of documents from a list, the
page count, zoom, printing to a QPrinter writing a PDF (pages × copies) and Save as PDF."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtPrintSupport import QPrinter

from forms.print_preview import PrintPreview
from tests.gui_support import WAIT, make_window
from tests.helpers import receipt

pytestmark = pytest.mark.usefixtures("gui_isolation")


def batch_preview(qtbot, world, count: int) -> tuple[PrintPreview, str]:
    """Select ``count`` goods receipts in their list and print them: the preview that opens."""
    for day in range(count):
        receipt(world, 2 + day, (world.products[day % 2], str(3 + day)))
    w = make_window(qtbot, world.db.engine)
    lst = w.open("document", "goods_receipt")
    qtbot.waitUntil(lambda: lst.model.rowCount() == count, timeout=WAIT)
    sel = lst.view.selectionModel()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in range(count):
        sel.select(lst.model.index(row, 0), flags)
    cmds = lst.commands.doc_commands
    assert cmds is not None and cmds.fill_print_menu().actions()
    cmds.fill_print_menu().actions()[0].trigger()  # the first print form of the menu
    qtbot.waitUntil(lambda: isinstance(cmds.preview, PrintPreview), timeout=WAIT)
    preview = cmds.preview
    assert isinstance(preview, PrintPreview)
    qtbot.waitUntil(lambda: not preview.busy and preview.page_count() > 0, timeout=WAIT)
    assert cmds.last_pdf is not None
    return preview, cmds.last_pdf


def test_preview_of_a_batch_prints_copies_and_saves(qtbot, world, tmp_path):
    preview, pdf = batch_preview(qtbot, world, 3)
    pages = len(PdfReader(pdf).pages)
    assert pages == 3  # one page per receipt
    assert preview.page_count() == pages == len(preview.page_labels)
    assert preview.count_label.text().startswith("3 page")  # "3 pages" with the translator
    assert preview.isWindow() and "Goods receipt: 3 documents" in preview.windowTitle()

    # the 800-pixel offscreen screen is narrower than a page at 100 %: fitted to the width
    fitted = preview.zoom
    assert fitted < 1.0
    assert preview.page_labels[0].width() <= preview.scroll.viewport().width()
    # zoom re-renders sharper pages off the GUI thread
    width = preview.page_labels[0].pixmap().width()
    preview.step_zoom(1)
    preview.step_zoom(1)  # the newest zoom wins
    qtbot.waitUntil(lambda: not preview.busy, timeout=WAIT)
    assert preview.zoom == 1.25 and preview.zoom_label.text() == "125 %"
    assert preview.page_labels[0].pixmap().width() > width * 1.25 / fitted * 0.95

    # print to a PDF file through QPrinter: two copies of each page
    out = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    printer.setResolution(150)  # a draft printer: the test's time, not the feature
    preview.copies.setValue(2)
    with qtbot.waitSignal(preview.printed, timeout=WAIT) as printed:
        preview.print_to(printer)
    assert printed.args == [pages * 2]
    assert len(PdfReader(out).pages) == pages * 2
    assert preview.print_action.isEnabled() and not preview.message_bar.message()

    saved = tmp_path / "copy"
    with qtbot.waitSignal(preview.saved, timeout=WAIT):
        preview.save_as(str(saved) + ".pdf")
    assert Path(f"{saved}.pdf").read_bytes() == Path(pdf).read_bytes()

    if os.environ.get("KONTORA_SCREENSHOTS"):  # a look as a user: the window as a PNG
        preview.fit_width()
        qtbot.waitUntil(lambda: not preview.busy, timeout=WAIT)
        preview.grab().save(os.path.join(os.environ["KONTORA_SCREENSHOTS"], "preview.png"))


def test_a_cancelled_print_stops_and_says_nothing(qtbot, world, tmp_path):
    preview, _pdf = batch_preview(qtbot, world, 2)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "cancelled.pdf"))
    preview.copies.setValue(50)
    preview.print_to(printer)
    assert preview._job is not None
    preview._job.progress.cancel.set()
    qtbot.waitUntil(lambda: not preview.busy, timeout=WAIT)
    assert preview.print_action.isEnabled()
    assert not preview.message_bar.message()  # cancelled: no error


def test_print_dialog_takes_the_copies_and_prints(qtbot, world, tmp_path, monkeypatch):
    from PySide6.QtPrintSupport import QPrintDialog

    preview, _pdf = batch_preview(qtbot, world, 1)
    number = world.db.session().scalar("SELECT number FROM doc_goods_receipt")
    assert f"Goods receipt {number} of " in preview.windowTitle()  # not its database id
    out = tmp_path / "dialog.pdf"
    asked: list[int] = []

    def accept(dialog: QPrintDialog) -> int:
        """The user picks "print to file" and three copies in the dialog."""
        printer = dialog.printer()
        asked.append(printer.copyCount())  # the spin box's copies are offered
        printer.setOutputFileName(str(out))  # a .pdf name: PdfFormat
        printer.setResolution(150)
        printer.setCopyCount(3)
        return QPrintDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    preview.copies.setValue(2)
    with qtbot.waitSignal(preview.printed, timeout=WAIT):
        preview.print_action.trigger()
    assert asked == [2] and preview.copies.value() == 3
    assert len(PdfReader(out).pages) == 3


def test_only_the_pages_in_view_are_drawn(qtbot, world):
    preview, _pdf = batch_preview(qtbot, world, 24)
    assert preview.page_count() == 24
    first = set(preview.drawn)
    assert 0 in first and len(first) < 6  # the pages in view and the next one, not all 24
    assert all(preview.page_labels[i].pixmap().isNull() for i in range(8, 24))
    bar = preview.scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0, timeout=WAIT)
    bar.setValue(bar.maximum())  # to the end: the last pages are drawn, the first forgotten
    qtbot.waitUntil(lambda: 23 in preview.drawn and not preview.busy, timeout=WAIT)
    assert 0 not in preview.drawn and preview.page_labels[0].pixmap().isNull()
    assert not preview.page_labels[23].pixmap().isNull()
