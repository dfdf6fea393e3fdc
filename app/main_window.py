"""The main window: sections panel, navigation panel, tabbed workspace, message bar.

A thin shell composing its parts, each in its own module: :mod:`app.nav_panel` (sections and
navigation), :mod:`app.workspace` (the tabs and the forms open in them), :mod:`app.status_bar`
(busy indicator, connection banner: the client stays usable when the server is slow or gone)
and :mod:`app.live_refresh` (other clients' changes refresh open lists and documents).
"""

from __future__ import annotations

import hashlib
from typing import Any

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt, QThreadPool, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QSplitter, QTabBar, QVBoxLayout, QWidget
from sqlalchemy import Engine

from app import global_search
from app.backup_schedule import BackupSchedule
from app.favorites import Favorites
from app.live_refresh import LiveRefresh
from app.nav_panel import NavPanels, section_text
from app.reminders import Reminders
from app.sections import NavItem, Section, build_sections
from app.settings_dialog import add_settings_menu
from app.start_page import StartPage
from app.status_bar import StatusIndicators
from app.workspace import Workspace
from forms import switched_on
from forms.admin_base import AdminForm
from forms.catalog_form import CatalogForm
from forms.catalog_list import CatalogList
from forms.icons import icon
from forms.import_menu import add_import_menu
from forms.list_form import ListForm
from forms.list_model import error_text
from forms.message_bar import MessageBar
from forms.object_form import DocumentForm
from forms.report_form import ReportForm
from forms.settings_store import store_for
from forms.texts import meta_tr
from forms.trade_report_form import TradeReportForm
from forms.worker import Loader
from server import extra_fields
from server.api import Session
from server.api.admin import is_admin
from server.api.lists import enabled_subsystems
from server.metadata import Registry


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
        self._settings_key = hashlib.sha1(self.infobase_title.encode()).hexdigest()[:12]
        self._restore_tabs = True

        self.setWindowTitle(self.infobase_title)  # Qt appends " — Kontora"
        self.setObjectName("main_window")

        self.message_bar = MessageBar(self)
        self.status = StatusIndicators(self)
        self.connection_bar = self.status.connection_bar
        self.monitor = self.status.monitor
        self.infobase_label, self.user_label = self.status.infobase_label, self.status.user_label
        self.busy_label, self.busy_spinner = self.status.busy_label, self.status.busy_spinner
        self.nav = NavPanels(self)
        self.section_list, self.navigation = self.nav.section_list, self.nav.navigation
        self.workspace = Workspace(self)
        self.tabs, self.placeholder = self.workspace.tabs, self.workspace.placeholder

        self._build_layout()
        self._add_actions()
        self._add_home()
        self._loader = Loader(self)
        self._loader.finished.connect(self._on_subsystems)
        self._loader.failed.connect(lambda exc: self.show_error(error_text(exc)))
        self.backups = BackupSchedule(engine, self)
        self.backups.failed.connect(self.show_error)
        self.live = LiveRefresh(self)
        self.feed = self.live.feed
        self.reminders = Reminders(self)
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
        self.workspace.update_placeholder()

    def _add_actions(self) -> None:
        menu = self.menuBar().addMenu(self.tr("&File"))
        close_tab = menu.addAction(self.tr("Close tab"))
        close_tab.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_W))
        close_tab.triggered.connect(lambda: self.close_tab(self.tabs.currentIndex()))
        menu.addSeparator()
        add_import_menu(self, menu)
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
        self.workspace.update_placeholder()
        self.sections_loaded.connect(self.start_page.refresh)
        self.start_page.open_requested.connect(self.open_nav)
        self.favorites = Favorites(self)
        self.global_search = global_search.install(self)

    def sizeHint(self) -> QSize:
        fm = self.fontMetrics()
        return QSize(fm.horizontalAdvance("0") * 150, fm.lineSpacing() * 42)

    # -- sections -------------------------------------------------------------------------
    @property
    def sections(self) -> list[Section]:
        return self.nav.sections

    def rebuild(self) -> None:
        """Re-read the subsystem switches (in the background) and rebuild the panels."""
        session = Session(self.engine)
        self._loader.submit(
            lambda: (enabled_subsystems(session), is_admin(session), extra_fields.load(session))
        )

    def _on_subsystems(self, loaded: tuple[dict[str, str], bool, list]) -> None:
        enabled, admin, extras = loaded
        extra_fields.merge(self.reg, extras)  # fields added without code, in every form
        for form in [f for f in self.forms.values() if isinstance(f, ReportForm)]:
            form.reshape()  # an added field's grouping and filter in the open reports too
        if admin:
            self.backups.start()
        switched_on.set_enabled(set(enabled))
        current = self.current_section()
        sections = build_sections(self.reg, enabled, admin=admin)
        self.nav.sections = sections
        visible = {i.key for s in sections for i in s.items}
        for key in [k for k in self.forms if k not in visible]:
            self.close_tab(self.tabs.indexOf(self.forms[key]))
        wanted = current or str(self._settings().value("section", "") or "")
        self.nav.set_sections(sections, wanted)
        if self._restore_tabs:
            self._restore_tabs = False
            saved = self._settings().value("tabs", None)
            self.workspace.reopen(saved, visible, self.nav.first_key())
            self.nav.set_sections(sections, wanted)  # the remembered section, not the last tab's
        self.sections_loaded.emit()

    def section_titles(self) -> list[str]:
        """The sections' titles as shown (in the user's language)."""
        return [section_text(s) for s in self.sections]

    def current_section(self) -> str | None:
        return self.nav.current_section()

    def select_section(self, name: str) -> None:
        self.nav.select_section(name)

    def nav_titles(self) -> list[str]:
        """Titles of the commands of the navigation panel, in order."""
        return self.nav.nav_titles()

    # -- workspace ------------------------------------------------------------------------
    @property
    def forms(self) -> dict[str, ListForm | CatalogList | AdminForm | ReportForm | TradeReportForm]:
        """Open lists, reports and administration forms by their navigation key."""
        return self.workspace.forms

    @property
    def objects(self) -> dict[str, DocumentForm | CatalogForm]:
        """Open object forms: documents by "name:id", catalog items by "catalog:name:id"."""
        return self.workspace.objects

    def open_item(
        self, nav: NavItem
    ) -> ListForm | CatalogList | AdminForm | ReportForm | TradeReportForm:
        """Open (or focus) the list (report, administration form) of ``nav`` in its own tab."""
        return self.workspace.open_item(nav)

    def open(self, kind: str, name: str) -> ListForm | CatalogList:
        """Open a visible list by kind and name (``document``, ``goods_receipt``)."""
        form = self.open_item(self._nav(kind, name))
        assert isinstance(form, ListForm | CatalogList)
        return form

    def open_report(self, name: str) -> ReportForm | TradeReportForm:
        """Open the balance-and-turnover report of a visible register (``stock``), or a trade
        report (``customer_aging``)."""
        form = self.open_item(self._nav("report", name))
        assert isinstance(form, ReportForm | TradeReportForm)
        return form

    def open_admin(self, name: str) -> AdminForm:
        """Open an administration form (``subsystems``, ``period``, ``users``)."""
        form = self.open_item(self._nav("admin", name))
        assert isinstance(form, AdminForm)
        return form

    def open_nav(self, kind: str, name: str) -> None:
        """Open the list or report ``kind:name`` if the sections show it (the user may)."""
        nav = self._find_nav(kind, name)
        if nav is not None:
            self.open_item(nav)

    def _find_nav(self, kind: str, name: str) -> NavItem | None:
        items = (i for s in self.sections for i in s.items)
        return next((i for i in items if (i.kind, i.name) == (kind, name)), None)

    def _nav(self, kind: str, name: str) -> NavItem:
        nav = self._find_nav(kind, name)
        if nav is None:
            raise KeyError(f"{kind}:{name} is not in the sections")
        return nav

    def open_document(
        self, name: str, doc_id: int | None = None, initial: dict | None = None
    ) -> DocumentForm:
        """Open (or focus) a document's form in its own tab (see :class:`Workspace`)."""
        return self.workspace.open_document(name, doc_id, initial)

    def open_catalog_item(
        self,
        name: str,
        item_id: int | None = None,
        *,
        group: bool = False,
        initial: dict | None = None,
    ) -> CatalogForm:
        """Open (or focus) a catalog item's (or group's) form in its own tab."""
        return self.workspace.open_catalog_item(name, item_id, group=group, initial=initial)

    def close_tab(self, index: int, force: bool = False) -> None:
        """Close a tab; a document form with unsaved changes asks first (unless ``force``)."""
        self.workspace.close_tab(index, force)

    # -- live refresh, connection, busy indicator ----------------------------------------
    def on_change(self, change: str) -> None:
        """Another client (or an admin form) changed ``'<kind>:<name>'``: apply it soon."""
        self.live.on_change(change)
        self.reminders.on_change(change)

    def fields_changed(self, objects: list[str]) -> None:
        """An administrator added or removed fields of ``objects``: forms opened from now on
        show them; the open ones of those objects are to be reopened."""
        titles = []
        for name in objects:
            obj = self.reg.catalogs.get(name) or self.reg.documents.get(name)
            titles.append(meta_tr(obj.title) if obj else name)
        self.message_bar.show_info(
            self.tr("The fields of {objects} changed: reopen their open forms to see them.").format(
                objects=", ".join(titles)
            )
        )

    def resync(self) -> None:
        """The change feed was cut off for a while: refresh everything once."""
        self.live.resync()

    @property
    def connected(self) -> bool:
        return self.status.connected

    @property
    def busy_shown(self) -> bool:
        """The status bar shows the busy indicator."""
        return self.status.busy_shown

    # -- state ----------------------------------------------------------------------------
    def show_error(self, message: str) -> None:
        """Show an error in the non-modal message bar."""
        self.message_bar.show_error(message)

    def is_idle(self) -> bool:
        """Nothing is loading: the sections are built and every open list has its page."""
        forms: list[Any] = [*self.forms.values(), *self.objects.values()]
        pages = (*forms, self.start_page, self.global_search, self.reminders)
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
        per_ib.setValue("tabs", self.workspace.tab_keys())
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
        self.live.stop()
        self.backups.stop()
        self.status.stop()
        store_for(self.engine).flush()  # favorites, history, list columns
        self._loader.cancel()
        QThreadPool.globalInstance().waitForDone(5000)
