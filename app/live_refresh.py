"""Live refresh of the main window: the :class:`ChangeFeed` reports what other clients changed;
open lists showing it re-read their rows in place (debounced), a change of the subsystems
rebuilds the sections, and an open document changed by someone else says so in its message bar.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from app.change_feed import ChangeFeed, listen_url, watches
from forms.admin_base import AdminForm
from forms.catalog_list import CatalogList
from forms.list_form import ListForm
from forms.object_form import DocumentForm
from forms.worker import Loader
from server.api import Documents, Session

if TYPE_CHECKING:
    from app.main_window import MainWindow

CHANGE_DELAY_MS = 300  # changes arriving within this time refresh the lists once


class LiveRefresh(QObject):
    """Listens for other clients' changes; applies them in bursts every CHANGE_DELAY_MS."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._changes: set[str] = set()
        self._change_timer = QTimer(self)
        self._change_timer.setSingleShot(True)
        self._change_timer.setInterval(CHANGE_DELAY_MS)
        self._change_timer.timeout.connect(self._apply_changes)
        self._versions = Loader(self)
        self._versions.finished.connect(self._on_versions)
        self.feed = ChangeFeed(listen_url(window.engine), self)
        self.feed.changed.connect(self.on_change)
        self.feed.resync.connect(self.resync)
        self.feed.start()

    def on_change(self, change: str) -> None:
        """Another client (or an admin form) changed ``'<kind>:<name>'``: apply it soon, once
        per burst (the first change starts the timer; later ones join it)."""
        self._changes.add(change)
        if not self._change_timer.isActive():
            self._change_timer.start()

    def resync(self) -> None:
        """The change feed was cut off for a while: refresh everything once."""
        self._changes.add("subsystems")
        self._changes.update(f"document:{n}" for n in self.window.reg.documents)
        for form in self.window.forms.values():
            if isinstance(form, ListForm | CatalogList):
                form.stale = True
        self._apply_changes()

    def _apply_changes(self) -> None:
        w = self.window
        self._change_timer.stop()
        changes, self._changes = self._changes, set()
        if "subsystems" in changes:
            w.rebuild()
        reshaped = sorted(c.partition(":")[2] for c in changes if c.startswith("extra_fields:"))
        if reshaped:  # an administrator added or removed a field: new forms show it
            if "subsystems" not in changes:
                w.rebuild()
            w.fields_changed(reshaped)
        current = w.tabs.currentWidget()
        for form in w.forms.values():
            if isinstance(form, AdminForm):
                if any(c in form.watches for c in changes):
                    form.refresh()
            elif not isinstance(form, ListForm | CatalogList):
                continue  # a report shows what it read when generated, until generated again
            elif form.stale or any(watches(w.reg, form.query, c) for c in changes):
                if form is current:
                    form.live_refresh()
                else:
                    form.stale = True  # refreshed when its tab is shown
        self._check_documents({c.partition(":")[2] for c in changes if c.startswith("document:")})

    def _check_documents(self, names: set[str]) -> None:
        """Read the versions of the open documents of ``names`` (off the GUI thread)."""
        wanted: dict[str, list[int]] = {}
        for form in self.window.objects.values():
            if not isinstance(form, DocumentForm):
                continue
            if form.name in names and form.doc_id is not None and not form.busy:
                wanted.setdefault(form.name, []).append(form.doc_id)
        if wanted:
            docs = Documents(Session(self.window.engine), self.window.reg)
            self._versions.submit(lambda: {n: docs.states(n, ids) for n, ids in wanted.items()})

    def _on_versions(self, states: dict[str, dict[int, dict]]) -> None:
        for form in self.window.objects.values():
            if not isinstance(form, DocumentForm):
                continue
            now = states.get(form.name, {}).get(form.doc_id or 0)
            if now is None or form.version is None or form.busy:
                continue
            if now["version"] > form.version or (now["posted"], now["deletion_mark"]) != (
                form.posted,
                form.deletion_mark,
            ):
                form.changed_elsewhere()

    def stop(self) -> None:
        """Stop listening and forget the changes not yet applied."""
        self.feed.stop()
        self._change_timer.stop()
