"""Work a list does on its rows, meant to run off the GUI thread (see :mod:`forms.worker`).

Batch operations on selected documents (post, unpost, deletion mark) go one document at a time
through :class:`server.api.Documents`, and the deletion mark of selected catalog items through
:class:`server.api.Catalogs`; a refusal of one (a shortfall, a closed period, a switched-off
subsystem) is recorded and the others go on. The export reads the list page by page into
:func:`reports.excel.export_rows`, counting progress and honouring a cancel flag. Nothing here
touches a widget.
"""

from __future__ import annotations

import itertools
import queue
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from PySide6.QtCore import QCoreApplication

from forms.texts import error_message, meta_tr
from server.api import Catalogs, Documents, Session
from server.api.lists import ListFilter, ListQuery, Sort
from server.errors import KontoraError
from server.metadata import Registry

if TYPE_CHECKING:
    from sqlalchemy import Engine

BatchAction = Literal["post", "unpost", "mark", "unmark"]


def _done_text(action: BatchAction, total: int) -> str:
    """ "{done} of %n documents posted; refused:" with plural forms of the total."""
    if action == "post":
        return QCoreApplication.translate(
            "BatchResult", "{done} of %n document(s) posted; refused:", None, total
        )
    if action == "unpost":
        return QCoreApplication.translate(
            "BatchResult", "{done} of %n document(s) unposted; refused:", None, total
        )
    if action == "mark":
        return QCoreApplication.translate(
            "BatchResult", "{done} of %n document(s) marked for deletion; refused:", None, total
        )
    return QCoreApplication.translate(
        "BatchResult", "{done} of %n document(s) unmarked; refused:", None, total
    )


def _items_done_text(action: BatchAction, total: int) -> str:
    """ "{done} of %n items marked for deletion; refused:" (catalog items and groups)."""
    if action == "mark":
        return QCoreApplication.translate(
            "BatchResult", "{done} of %n item(s) marked for deletion; refused:", None, total
        )
    return QCoreApplication.translate(
        "BatchResult", "{done} of %n item(s) unmarked; refused:", None, total
    )


@dataclass
class BatchResult:
    """What happened to each selected document (or catalog item: ``items``)."""

    action: BatchAction
    done: list[str] = field(default_factory=list)  # numbers (items: names)
    refused: list[tuple[str, str]] = field(default_factory=list)  # number, reason
    items: bool = False

    def message(self) -> str:
        """A summary naming every refused document and why (empty when all went through)."""
        if not self.refused:
            return ""
        total = len(self.done) + len(self.refused)
        text = _items_done_text if self.items else _done_text
        head = text(self.action, total).format(done=len(self.done))
        return "\n".join([head, *(f"{number}: {reason}" for number, reason in self.refused)])


def run_batch(
    engine: Engine, reg: Registry, name: str, rows: list[dict[str, Any]], action: BatchAction
) -> BatchResult:
    """Apply ``action`` to each document of ``rows`` in turn (each in its own transaction)."""
    docs = Documents(Session(engine), reg)
    result = BatchResult(action)
    for row in rows:
        number = str(row.get("number") or row["id"])
        try:
            if action == "post":
                docs.post(name, row["id"])
            elif action == "unpost":
                docs.unpost(name, row["id"])
            else:
                docs.mark(name, row["id"], action == "mark")
        except KontoraError as exc:
            result.refused.append((number, error_message(exc)))
        else:
            result.done.append(number)
    return result


def run_catalog_marks(
    engine: Engine, reg: Registry, name: str, rows: list[dict[str, Any]], mark: bool
) -> BatchResult:
    """Set (or clear) the deletion mark of each catalog item or group of ``rows`` in turn."""
    cats = Catalogs(Session(engine), reg)
    result = BatchResult("mark" if mark else "unmark", items=True)
    for row in rows:
        label = str(row.get("name") or row["id"])
        try:
            cats.mark(name, row["id"], mark)
        except KontoraError as exc:
            result.refused.append((label, error_message(exc)))
        else:
            result.done.append(label)
    return result


class Cancelled(Exception):
    """The user cancelled a long operation."""


@dataclass
class Progress:
    """Shared between a worker and the GUI: the worker writes, a GUI timer reads."""

    total: int = -1  # unknown until counted
    done: int = 0
    cancel: threading.Event = field(default_factory=threading.Event)


@dataclass(frozen=True)
class ExportJob:
    """Everything an export needs, captured in the GUI thread."""

    query: ListQuery
    columns: list[tuple[str, str, str]]
    path: str
    title: str
    filters_text: str
    text: str = ""
    flt: ListFilter | None = None
    sort: Sort | None = None


CHUNK_ROWS = 2000
_END = object()


class _Reader(threading.Thread):
    """Reads ``rows`` in chunks into a small queue until the end or until told to quit."""

    def __init__(self, rows: Iterator[dict[str, Any]]) -> None:
        super().__init__(name="export-reader", daemon=True)
        self.rows = rows
        self.chunks: queue.Queue[Any] = queue.Queue(maxsize=4)
        self.quit = threading.Event()

    def _put(self, item: Any) -> bool:
        while not self.quit.is_set():
            try:
                self.chunks.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def run(self) -> None:
        try:
            while chunk := list(itertools.islice(self.rows, CHUNK_ROWS)):
                if not self._put(chunk):
                    return
            self._put(_END)
        except BaseException as exc:  # handed to the caller's thread
            self._put(exc)


def prefetched(rows: Iterator[dict[str, Any]], stop: threading.Event) -> Iterator[dict[str, Any]]:
    """``rows``, read ahead in a thread of its own (a few chunks), so the database reads the
    next page while the caller writes this one. A reader's error is raised to the caller;
    ``stop`` raises :class:`Cancelled`; when the caller stops early the reader stops too."""
    reader = _Reader(rows)
    reader.start()
    try:
        while True:
            try:
                item = reader.chunks.get(timeout=0.1)
            except queue.Empty:
                if stop.is_set():
                    raise Cancelled from None
                continue
            if item is _END:
                return
            if isinstance(item, BaseException):
                raise item
            yield from item
    finally:
        reader.quit.set()
        reader.join()


def run_export(engine: Engine, job: ExportJob, progress: Progress) -> int:
    """Count, then read every matching row page by page into the workbook; return the count.

    The pages are read ahead in a second thread (:func:`prefetched`) while the workbook is
    written, so the database's time and the writer's overlap.
    """
    session = Session(engine)
    progress.total = job.query.count(session, job.text, job.flt)
    source = job.query.all_rows(Session(engine), job.text, job.flt, job.sort)

    def rows() -> Iterator[dict[str, Any]]:
        for row in prefetched(source, progress.cancel):
            if progress.cancel.is_set():
                raise Cancelled
            progress.done += 1
            yield row

    columns = [(key, meta_tr(title), kind) for key, title, kind in job.columns]
    from reports.excel import export_rows  # openpyxl: loaded with the first export

    title, words = meta_tr(job.title), excel_words()
    return export_rows(columns, rows(), job.path, title, job.filters_text, words)


def excel_words() -> dict[str, str]:
    """The words an export writes for flags and its totals line, translated."""
    return {
        "posted": QCoreApplication.translate("Excel", "Posted"),
        "yes": QCoreApplication.translate("Excel", "Yes"),
        "total": QCoreApplication.translate("Excel", "Total"),
    }
