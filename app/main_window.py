"""The main window: sections panel, navigation panel, tabbed workspace, message bar.

It also keeps the client usable when the server is slow or gone: a busy indicator in the status
bar while background work takes longer than a moment, and a connection banner (with "Retry now")
while the :class:`ConnectionMonitor` reconnects; open forms and their unsaved input stay.

Live refresh: the :class:`ChangeFeed` reports what other clients changed; open lists showing it
re-read their rows in place (debounced), a change of the subsystems rebuilds the sections, and an
open document changed by someone else says so in its message bar.
"""

from __future__ import annotations

import hashlib
import logging
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QByteArray,
    QCoreApplication,
    QSettings,
    QSize,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import QCloseEvent, QFont, QFontMetrics, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QProgressBar,
    QSplitter,
    QStyle,
    QTabBar,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from app import global_search
from app.change_feed import ChangeFeed, listen_url, watches
from app.connection_monitor import ConnectionMonitor, engine_ping
from app.favorites import Favorites
from app.sections import ADMIN, REPORTS, NavItem, Section, build_sections
from app.settings_dialog import add_settings_menu
from app.start_page import StartPage
from forms import switched_on
from forms.admin_base import AdminForm
from forms.admin_period import PeriodForm
from forms.admin_subsystems import SubsystemsForm
from forms.admin_users import UsersForm
from forms.catalog_form import CatalogForm
from forms.catalog_list import CatalogList
from forms.icons import icon
from forms.list_form import ListForm
from forms.list_model import error_text
from forms.message_bar import MessageBar
from forms.object_form import DocumentForm
from forms.settings_store import store_for
from forms.texts import meta_tr
from forms.worker import Loader, relay
from server.api import Documents, Session
from server.api.admin import is_admin
from server.api.lists import enabled_subsystems, query_for
from server.metadata import Registry

log = logging.getLogger(__name__)
ITEM_ROLE = Qt.ItemDataRole.UserRole
BUSY_DELAY_MS = 300  # work shorter than this shows no busy indicator
RESTORED_SHOWN_MS = 3000
LOST_TEXT = QT_TRANSLATE_NOOP(
    "MainWindow", "Connection to the server lost — reconnecting… (attempt {n})"
)
RESTORED_TEXT = QT_TRANSLATE_NOOP("MainWindow", "Connection restored")
GROUPS = (
    ("document", QT_TRANSLATE_NOOP("Sections", "Documents")),
    ("catalog", QT_TRANSLATE_NOOP("Sections", "Catalogs")),
    ("report", QT_TRANSLATE_NOOP("Sections", "Reports")),
    ("admin", QT_TRANSLATE_NOOP("Sections", "Settings")),
)
ADMIN_FORMS: dict[str, type[AdminForm]] = {
    "subsystems": SubsystemsForm,
    "period": PeriodForm,
    "users": UsersForm,
}
CHANGE_DELAY_MS = 300  # changes arriving within this time refresh the lists once


def section_text(s: Section) -> str:
    """A section's title in the user's language (a subsystem's declared title, or one of the
    client's own sections: Reports, Administration)."""
    if s.name in (REPORTS, ADMIN):
        return QCoreApplication.translate("Sections", s.title)
    return meta_tr(s.title)


def nav_text(nav: NavItem) -> str:
    """A navigation command's title in the user's language (declared titles: context meta)."""
    if nav.kind == "admin":
        return QCoreApplication.translate("Sections", nav.title)
    return meta_tr(nav.title)


class MainWindow(QMainWindow):
    """Kontora's shell over one engine; sections follow the infobase's subsystem switches."""

    sections_loaded = Signal()

    def __init__(
        self,
        engine: Engine,
        reg: Registry,
        *,
        title: str = "",
        user: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self.reg = reg
        self.infobase_title = title or engine.url.render_as_string(hide_password=True)
        self.user = user or engine.url.username or ""
        self.sections: list[Section] = []
        self.forms: dict[str, ListForm | CatalogList | AdminForm] = {}
        # open object forms: documents by "name:id", catalog items by "catalog:name:id"
        self.objects: dict[str, DocumentForm | CatalogForm] = {}
        self._new_forms = 0
        self._settings_key = hashlib.sha1(self.infobase_title.encode()).hexdigest()[:12]
        self._restore_tabs = True
        self._nav_fitted = False

        self.setWindowTitle(self.infobase_title)  # Qt appends " — Kontora"
        self.setObjectName("main_window")

        self.message_bar = MessageBar(self)
        self.connection_bar = MessageBar(self)
        self.connection_bar.setObjectName("connection_banner")
        self.connection_bar.setAccessibleName(self.tr("Connection"))
        self.section_list = QListWidget(self)
        self.section_list.setObjectName("sections")
        self.section_list.setAccessibleName(self.tr("Sections"))
        big = QFont(self.section_list.font())
        big.setPointSizeF(big.pointSizeF() * 1.1)
        self.section_list.setFont(big)
        self.section_list.setSpacing(2)
        self.section_list.currentRowChanged.connect(self._show_section)

        self.navigation = QTreeWidget(self)
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName(self.tr("Navigation"))
        self.navigation.setHeaderHidden(True)
        self.navigation.setRootIsDecorated(False)
        self.navigation.setIndentation(self.fontMetrics().horizontalAdvance("0") * 2)
        self.navigation.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.navigation.itemClicked.connect(self._open_nav_item)
        self.navigation.itemActivated.connect(self._open_nav_item)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("workspace")
        self.tabs.setAccessibleName(self.tr("Workspace"))
        self.tabs.setDocumentMode(True)
        self.tabs.setTabsClosable(True)
        self.tabs.setMovable(True)
        self.tabs.tabCloseRequested.connect(self.close_tab)
        self.tabs.currentChanged.connect(self._focus_current)
        self.placeholder = QLabel(
            self.tr("Choose a list in the navigation panel on the left."), self
        )
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setEnabled(False)

        self._build_layout()
        self._build_status_bar()
        self._add_actions()
        self._add_home()
        self._loader = Loader(self)
        self._loader.finished.connect(self._on_subsystems)
        self._loader.failed.connect(lambda exc: self.show_error(error_text(exc)))
        self._watch_connection()
        self._watch_changes()
        self._restore_geometry()
        self.rebuild()

    # -- construction ---------------------------------------------------------------------
    def _build_layout(self) -> None:
        work = QWidget(self)
        wl = QVBoxLayout(work)
        wl.setContentsMargins(0, 0, 0, 0)
        wl.addWidget(self.tabs, 1)
        wl.addWidget(self.placeholder, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("main_splitter")
        self.splitter.addWidget(self.section_list)
        self.splitter.addWidget(self.navigation)
        self.splitter.addWidget(work)
        self.splitter.setStretchFactor(2, 1)
        self.splitter.setChildrenCollapsible(False)
        ch = self.fontMetrics().horizontalAdvance("0")
        self.splitter.setSizes([ch * 14, ch * 24, ch * 90])
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.connection_bar)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self._update_placeholder()

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.infobase_label = QLabel(
            self.tr("Infobase: {title}").format(title=self.infobase_title), self
        )
        self.user_label = QLabel(self.tr("User: {user}").format(user=self.user), self)
        self.busy_label = QLabel(self.tr("Working…"), self)
        self.busy_label.setObjectName("busy_label")
        self.busy_spinner = QProgressBar(self)
        self.busy_spinner.setObjectName("busy_spinner")
        self.busy_spinner.setAccessibleName(self.tr("Working"))
        self.busy_spinner.setRange(0, 0)  # indeterminate: a moving bar
        self.busy_spinner.setTextVisible(False)
        self.busy_spinner.setMaximumWidth(self.fontMetrics().horizontalAdvance("0") * 10)
        self.busy_spinner.setMaximumHeight(self.fontMetrics().height())
        for w in (self.busy_spinner, self.busy_label):
            w.hide()
            bar.addPermanentWidget(w)
        self._busy_timer = QTimer(self)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.setInterval(BUSY_DELAY_MS)
        self._busy_timer.timeout.connect(self._show_busy)
        relay().active_changed.connect(self._on_active)
        bar.addPermanentWidget(self.infobase_label)
        bar.addPermanentWidget(self.user_label)

    def _add_actions(self) -> None:
        menu = self.menuBar().addMenu(self.tr("&File"))
        close_tab = menu.addAction(self.tr("Close tab"))
        close_tab.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_W))
        close_tab.triggered.connect(lambda: self.close_tab(self.tabs.currentIndex()))
        menu.addSeparator()
        quit_ = menu.addAction(self.tr("E&xit"))
        quit_.setShortcut(QKeySequence.StandardKey.Quit)
        quit_.triggered.connect(self.close)
        view = self.menuBar().addMenu(self.tr("&View"))
        reload_ = view.addAction(self.tr("Reload sections"))
        reload_.triggered.connect(self.rebuild)
        add_settings_menu(self)  # Tools → Settings… (language)

    def _add_home(self) -> None:
        """The start page (first tab, not closable), favorites/history, the global search."""
        self.start_page = StartPage(self.engine, self.reg, self.tabs)
        self.tabs.insertTab(0, self.start_page, icon("home"), self.tr("Home"))
        bar = self.tabs.tabBar()
        for side in (QTabBar.ButtonPosition.LeftSide, QTabBar.ButtonPosition.RightSide):
            if bar.tabButton(0, side) is not None:
                bar.setTabButton(0, side, None)
        self._update_placeholder()
        self.sections_loaded.connect(self.start_page.refresh)
        self.favorites = Favorites(self)
        self.global_search = global_search.install(self)

    def _watch_connection(self) -> None:
        self.monitor = ConnectionMonitor(engine_ping(self.engine), self)
        self.monitor.lost.connect(self._on_connection_lost)
        self.monitor.attempt_changed.connect(self._show_reconnecting)
        self.monitor.restored.connect(self._on_connection_restored)
        self._restored_timer = QTimer(self)
        self._restored_timer.setSingleShot(True)
        self._restored_timer.setInterval(RESTORED_SHOWN_MS)
        self._restored_timer.timeout.connect(self._hide_restored)

    def _watch_changes(self) -> None:
        """Listen for other clients' changes; apply them in bursts every CHANGE_DELAY_MS."""
        self._changes: set[str] = set()
        self._change_timer = QTimer(self)
        self._change_timer.setSingleShot(True)
        self._change_timer.setInterval(CHANGE_DELAY_MS)
        self._change_timer.timeout.connect(self._apply_changes)
        self._versions = Loader(self)
        self._versions.finished.connect(self._on_versions)
        self.feed = ChangeFeed(listen_url(self.engine), self)
        self.feed.changed.connect(self.on_change)
        self.feed.resync.connect(self.resync)
        self.feed.start()

    def sizeHint(self) -> QSize:
        fm = self.fontMetrics()
        return QSize(fm.horizontalAdvance("0") * 150, fm.lineSpacing() * 42)

    # -- sections -------------------------------------------------------------------------
    def rebuild(self) -> None:
        """Re-read the subsystem switches (in the background) and rebuild the panels."""
        session = Session(self.engine)
        self._loader.submit(lambda: (enabled_subsystems(session), is_admin(session)))

    def _on_subsystems(self, loaded: tuple[dict[str, str], bool]) -> None:
        enabled, admin = loaded
        switched_on.set_enabled(set(enabled))
        current = self.current_section()
        self.sections = build_sections(self.reg, enabled, admin=admin)
        visible = {i.key for s in self.sections for i in s.items}
        for key in [k for k in self.forms if k not in visible]:
            self.close_tab(self.tabs.indexOf(self.forms[key]))
        self.section_list.blockSignals(True)
        self.section_list.clear()
        for s in self.sections:
            item = QListWidgetItem(section_text(s), self.section_list)
            item.setData(ITEM_ROLE, s.name)
        self.section_list.blockSignals(False)
        fm = self.section_list.fontMetrics()
        widest = max((fm.horizontalAdvance(section_text(s)) for s in self.sections), default=0)
        self.section_list.setMinimumWidth(widest + 4 * self.fontMetrics().averageCharWidth())
        names = [s.name for s in self.sections]
        wanted = current or str(self._settings().value("section", "") or "")
        self.section_list.setCurrentRow(names.index(wanted) if wanted in names else 0)
        self._show_section(self.section_list.currentRow())
        if self._restore_tabs:
            self._restore_tabs = False
            self._reopen_tabs(visible)
        self.sections_loaded.emit()

    def section_titles(self) -> list[str]:
        """The sections' titles as shown (in the user's language)."""
        return [section_text(s) for s in self.sections]

    def current_section(self) -> str | None:
        item = self.section_list.currentItem()
        return str(item.data(ITEM_ROLE)) if item else None

    def select_section(self, name: str) -> None:
        names = [s.name for s in self.sections]
        self.section_list.setCurrentRow(names.index(name))

    def _show_section(self, row: int) -> None:
        self.navigation.clear()
        if not 0 <= row < len(self.sections):
            return
        section = self.sections[row]
        bold = QFont(self.navigation.font())
        bold.setBold(True)
        for kind, heading in GROUPS:
            items = [i for i in section.items if i.kind == kind]
            if not items:
                continue
            group = QTreeWidgetItem(
                self.navigation, [QCoreApplication.translate("Sections", heading)]
            )
            group.setFont(0, bold)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for nav in items:
                title = nav_text(nav)
                child = QTreeWidgetItem(group, [title])
                child.setIcon(0, icon("catalog" if nav.kind == "admin" else nav.kind))
                child.setData(0, ITEM_ROLE, nav)
                tip = self.tr("Open {title}")
                if nav.kind != "admin":
                    tip = self.tr("Open the list {title}")
                child.setToolTip(0, tip.format(title=title))
            group.setExpanded(True)
        self._fit_navigation()

    def _fit_navigation(self) -> None:
        """Widen the navigation panel to the longest command of the section (titles are longer
        in Russian), taking the room from the workspace; the user may narrow it again."""
        nav = self.navigation
        bold = QFont(nav.font())
        bold.setBold(True)
        widest = 0
        for i in range(nav.topLevelItemCount()):
            group = nav.topLevelItem(i)
            widest = max(widest, QFontMetrics(bold).horizontalAdvance(group.text(0)))
            for j in range(group.childCount()):
                text = nav.fontMetrics().horizontalAdvance(group.child(j).text(0))
                widest = max(widest, text + nav.indentation())
        icon = nav.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize, None, nav)
        ch = nav.fontMetrics().horizontalAdvance("0")
        needed = widest + icon + 2 * nav.frameWidth() + 3 * ch
        sizes = self.splitter.sizes()
        if len(sizes) == 3 and 0 < sizes[1] < needed and not self._nav_fitted:
            self._nav_fitted = True  # once: later the user's own width stays
            grow = min(needed - sizes[1], max(sizes[2] - ch * 60, 0))
            self.splitter.setSizes([sizes[0], sizes[1] + grow, sizes[2] - grow])

    def nav_titles(self) -> list[str]:
        """Titles of the commands of the navigation panel, in order."""
        out = []
        for i in range(self.navigation.topLevelItemCount()):
            group = self.navigation.topLevelItem(i)
            out += [group.child(j).text(0) for j in range(group.childCount())]
        return out

    # -- workspace ------------------------------------------------------------------------
    def _open_nav_item(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        nav = item.data(0, ITEM_ROLE)
        if isinstance(nav, NavItem):
            self.open_item(nav)

    def open_item(self, nav: NavItem) -> ListForm | CatalogList | AdminForm:
        """Open (or focus) the list (or administration form) of ``nav`` in its own tab; a
        hierarchical catalog's list comes with its group tree."""
        form = self.forms.get(nav.key)
        if form is None and nav.kind == "admin":
            form = ADMIN_FORMS[nav.name](self.engine, self.reg, self.tabs)
            form.error.connect(self.show_error)
            form.changed.connect(self.on_change)
            self.forms[nav.key] = form
            title = QCoreApplication.translate("Sections", nav.title)
            self.tabs.addTab(form, icon("catalog"), title)
            self._name_close_button(self.tabs.indexOf(form), title)
        if form is None and nav.kind == "catalog":
            form = self._catalog_list(nav.name)
        if form is None:
            form = ListForm(self.engine, query_for(self.reg, nav.kind, nav.name), self.tabs)
            form.error.connect(self.show_error)
            if nav.kind == "catalog":
                name = nav.name
                form.activated.connect(
                    lambda row, n=name: self.open_catalog_item(
                        n, row["id"], group=bool(row.get("is_group"))
                    )
                )
                form.create_requested.connect(lambda n=name: self.open_catalog_item(n))
            if nav.kind == "document":
                name = nav.name
                form.activated.connect(lambda row, n=name: self.open_document(n, row["id"]))
                form.create_requested.connect(lambda n=name: self.open_document(n))
                form.commands.create_document_requested.connect(self._create_document)
        if nav.key not in self.forms:
            self.forms[nav.key] = form
            self.tabs.addTab(form, icon(nav.kind), nav_text(nav))
            self._name_close_button(self.tabs.indexOf(form), nav_text(nav))
        self.tabs.setCurrentWidget(form)
        form.setFocus(Qt.FocusReason.OtherFocusReason)
        self._update_placeholder()
        return form

    def _catalog_list(self, name: str) -> CatalogList | None:
        """Groups tree + list for a hierarchical catalog (None for a flat one)."""
        catalog = self.reg.catalogs[name]
        if not catalog.hierarchical:
            return None
        form = CatalogList(self.engine, self.reg, catalog, self.tabs)
        form.error.connect(self.show_error)
        form.open_requested.connect(
            lambda item_id, group, initial, n=name: self.open_catalog_item(
                n, item_id, group=group, initial=initial
            )
        )
        return form

    def open(self, kind: str, name: str) -> ListForm | CatalogList:
        """Open a visible list by kind and name (``document``, ``goods_receipt``)."""
        form = self.open_item(self._nav(kind, name))
        assert isinstance(form, ListForm | CatalogList)
        return form

    def open_admin(self, name: str) -> AdminForm:
        """Open an administration form (``subsystems``, ``period``, ``users``)."""
        form = self.open_item(self._nav("admin", name))
        assert isinstance(form, AdminForm)
        return form

    def _nav(self, kind: str, name: str) -> NavItem:
        return next(i for s in self.sections for i in s.items if (i.kind, i.name) == (kind, name))

    def open_document(
        self, name: str, doc_id: int | None = None, initial: dict | None = None
    ) -> DocumentForm:
        """Open (or focus) a document's form in its own tab; ``doc_id`` None: a new one,
        filled from ``initial`` when given (created based on another document)."""
        if doc_id is None:
            self._new_forms += 1
            key = f"{name}:new{self._new_forms}"
        else:
            key = f"{name}:{doc_id}"
        form = self.objects.get(key)
        if form is None:
            form = DocumentForm(self.engine, self.reg, name, doc_id, self.tabs, initial)
            self.objects[key] = form
            index = self.tabs.addTab(form, icon("document"), form.title())
            self._name_close_button(index, form.title())
            form.title_changed.connect(lambda t, f=form: self._retitle(f, t))
            form.saved.connect(self._refresh_lists)
            form.close_requested.connect(lambda f=form: self.close_tab(self.tabs.indexOf(f), True))
            form.open_document_requested.connect(self.open_document)
            form.create_document_requested.connect(self._create_document)
        self.tabs.setCurrentWidget(form)
        form.setFocus(Qt.FocusReason.OtherFocusReason)
        self._update_placeholder()
        return form

    def _create_document(self, name: str, initial: dict) -> None:
        self.open_document(name, None, initial)

    def open_catalog_item(
        self,
        name: str,
        item_id: int | None = None,
        *,
        group: bool = False,
        initial: dict | None = None,
    ) -> CatalogForm:
        """Open (or focus) a catalog item's (or group's) form in its own tab; ``item_id``
        None: a new one, ``initial`` its first values (the group it goes into)."""
        if item_id is None:
            self._new_forms += 1
            key = f"catalog:{name}:new{self._new_forms}"
        else:
            key = f"catalog:{name}:{item_id}"
        form = self.objects.get(key)
        if not isinstance(form, CatalogForm):
            form = CatalogForm(
                self.engine, self.reg, name, item_id, group=group, initial=initial, parent=self.tabs
            )
            self.objects[key] = form
            index = self.tabs.addTab(form, icon("catalog"), form.title())
            self._name_close_button(index, form.title())
            form.title_changed.connect(lambda t, f=form: self._retitle(f, t))
            form.saved.connect(self._refresh_catalog)
            form.close_requested.connect(lambda f=form: self.close_tab(self.tabs.indexOf(f), True))
        self.tabs.setCurrentWidget(form)
        form.setFocus(Qt.FocusReason.OtherFocusReason)
        self._update_placeholder()
        return form

    def _refresh_catalog(self, name: str) -> None:
        form = self.forms.get(f"catalog:{name}")
        if form is not None:
            form.refresh()

    def _retitle(self, form: QWidget, title: str) -> None:
        index = self.tabs.indexOf(form)
        if index >= 0:
            self.tabs.setTabText(index, title)
            self._name_close_button(index, title)

    def _refresh_lists(self, name: str) -> None:
        form = self.forms.get(f"document:{name}")
        if isinstance(form, ListForm | CatalogList):
            form.live_refresh()

    # -- live refresh ---------------------------------------------------------------------
    def on_change(self, change: str) -> None:
        """Another client (or an admin form) changed ``'<kind>:<name>'``: apply it soon, once
        per burst (the first change starts the timer; later ones join it)."""
        self._changes.add(change)
        if not self._change_timer.isActive():
            self._change_timer.start()

    def resync(self) -> None:
        """The change feed was cut off for a while: refresh everything once."""
        self._changes.add("subsystems")
        self._changes.update(f"document:{n}" for n in self.reg.documents)
        for form in self.forms.values():
            if isinstance(form, ListForm | CatalogList):
                form.stale = True
        self._apply_changes()

    def _apply_changes(self) -> None:
        self._change_timer.stop()
        changes, self._changes = self._changes, set()
        if "subsystems" in changes:
            self.rebuild()
        current = self.tabs.currentWidget()
        for form in self.forms.values():
            if isinstance(form, AdminForm):
                if any(c in form.watches for c in changes):
                    form.refresh()
            elif form.stale or any(watches(self.reg, form.query, c) for c in changes):
                if form is current:
                    form.live_refresh()
                else:
                    form.stale = True  # refreshed when its tab is shown
        self._check_documents({c.partition(":")[2] for c in changes if c.startswith("document:")})

    def _check_documents(self, names: set[str]) -> None:
        """Read the versions of the open documents of ``names`` (off the GUI thread)."""
        wanted: dict[str, list[int]] = {}
        for form in self.objects.values():
            if not isinstance(form, DocumentForm):
                continue
            if form.name in names and form.doc_id is not None and not form.busy:
                wanted.setdefault(form.name, []).append(form.doc_id)
        if wanted:
            docs = Documents(Session(self.engine), self.reg)
            self._versions.submit(lambda: {n: docs.states(n, ids) for n, ids in wanted.items()})

    def _on_versions(self, states: dict[str, dict[int, dict]]) -> None:
        for form in self.objects.values():
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

    def _name_close_button(self, index: int, title: str) -> None:
        """The tab's close button shows only a cross: give it a name for screen readers."""
        self.tabs.setTabToolTip(index, title)
        bar = self.tabs.tabBar()
        for side in (QTabBar.ButtonPosition.LeftSide, QTabBar.ButtonPosition.RightSide):
            button = bar.tabButton(index, side)
            if button is not None:
                button.setAccessibleName(self.tr("Close {title}").format(title=title))
                button.setToolTip(self.tr("Close {title} (Ctrl+W)").format(title=title))

    def close_tab(self, index: int, force: bool = False) -> None:
        """Close a tab; a document form with unsaved changes asks first (unless ``force``)."""
        form = self.tabs.widget(index)
        if form is None:
            return
        if isinstance(form, DocumentForm | CatalogForm) and not force and not form.can_close():
            return
        if form is self.start_page:
            return
        self.tabs.removeTab(index)
        self.forms = {k: f for k, f in self.forms.items() if f is not form}
        self.objects = {k: f for k, f in self.objects.items() if f is not form}
        form.deleteLater()
        self._update_placeholder()

    def _focus_current(self, _index: int) -> None:
        widget = self.tabs.currentWidget()
        if isinstance(widget, ListForm | CatalogList) and widget.stale:
            widget.live_refresh()
        if widget is not None:
            widget.setFocus(Qt.FocusReason.TabFocusReason)

    def _update_placeholder(self) -> None:
        empty = self.tabs.count() == 0
        self.tabs.setVisible(not empty)
        self.placeholder.setVisible(empty)

    def _reopen_tabs(self, visible: set[str]) -> None:
        saved = self._settings().value("tabs", None)
        keys = [k for k in str(saved or "").split(",") if k in visible]
        if saved is None and self.sections:  # first start: show the first list of the section
            keys = [self.sections[self.section_list.currentRow()].items[0].key]
        by_key = {i.key: i for s in self.sections for i in s.items}
        for k in keys:
            self.open_item(by_key[k])
        self.tabs.setCurrentWidget(self.start_page)  # the window opens on the start page

    # -- connection and busy indicator ---------------------------------------------------
    @property
    def connected(self) -> bool:
        return self.monitor.connected

    def _on_connection_lost(self, exc: object) -> None:
        log.warning("connection to the server lost: %s", exc)
        self._restored_timer.stop()

    def _show_reconnecting(self, attempt: int) -> None:
        self.connection_bar.show_error(
            self.tr(LOST_TEXT).format(n=attempt), self.tr("Retry now"), self.monitor.ping_now
        )

    def _on_connection_restored(self) -> None:
        """Say so briefly; lists re-read what changed meanwhile (object forms keep their input)."""
        log.info("connection to the server restored")
        self.connection_bar.show_info(self.tr(RESTORED_TEXT))

        self._restored_timer.start()
        if not self.sections:
            self.rebuild()
        for form in self.forms.values():
            form.refresh()

    def _hide_restored(self) -> None:
        if self.monitor.connected:
            self.connection_bar.clear()

    def _on_active(self, running: int) -> None:
        if running and not self._busy_timer.isActive() and self.busy_label.isHidden():
            self._busy_timer.start()
        elif not running:
            self._busy_timer.stop()
            self.busy_label.hide()
            self.busy_spinner.hide()

    def _show_busy(self) -> None:
        if relay().active:
            self.busy_label.show()
            self.busy_spinner.show()

    @property
    def busy_shown(self) -> bool:
        """The status bar shows the busy indicator."""
        return not self.busy_label.isHidden()

    # -- state ----------------------------------------------------------------------------
    def show_error(self, message: str) -> None:
        """Show an error in the non-modal message bar."""
        self.message_bar.show_error(message)

    def is_idle(self) -> bool:
        """Nothing is loading: the sections are built and every open list has its page."""
        forms: list[Any] = [*self.forms.values(), *self.objects.values()]
        pages = (*forms, self.start_page, self.global_search)
        return not self._loader.loading and not any(f.busy for f in pages)

    def _settings(self) -> QSettings:
        s = QSettings()
        s.beginGroup(f"infobases/{self._settings_key}")
        return s

    def _restore_geometry(self) -> None:
        s = QSettings()
        geometry = s.value("main/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(self.sizeHint())
        splitter = s.value("main/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)

    def save_settings(self) -> None:
        s = QSettings()
        s.setValue("main/geometry", self.saveGeometry())
        s.setValue("main/splitter", self.splitter.saveState())
        per_ib = self._settings()
        keys = [
            k
            for i in range(self.tabs.count())
            for k, f in self.forms.items()
            if f is self.tabs.widget(i)
        ]
        per_ib.setValue("tabs", ",".join(keys))
        per_ib.setValue("section", self.current_section() or "")

    def closeEvent(self, event: QCloseEvent) -> None:
        for form in list(self.objects.values()):
            self.tabs.setCurrentWidget(form)
            if not form.can_close():
                event.ignore()
                return
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Save the window's settings and stop everything that runs in the background."""
        self.save_settings()
        self.feed.stop()
        self._change_timer.stop()
        self.monitor.stop()
        self._busy_timer.stop()
        store_for(self.engine).flush()  # favorites, history, list columns
        self._loader.cancel()
        QThreadPool.globalInstance().waitForDone(5000)
