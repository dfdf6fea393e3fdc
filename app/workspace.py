"""The main window's tabbed workspace: lists, documents, catalog items and administration forms
open in tabs (one per object), keep their titles, close (asking about unsaved changes) and are
remembered for the next start.

Strings keep the translation context ``MainWindow``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QLabel, QTabBar, QTabWidget, QWidget

from app.nav_panel import nav_text
from app.sections import NavItem
from forms.admin_audit import AuditForm
from forms.admin_backup import BackupForm
from forms.admin_base import AdminForm
from forms.admin_fields import FieldsForm
from forms.admin_mail import MailForm
from forms.admin_period import PeriodForm
from forms.admin_subsystems import SubsystemsForm
from forms.admin_users import UsersForm
from forms.analytics_form import AnalyticsForm
from forms.catalog_form import CatalogForm
from forms.catalog_list import CatalogList
from forms.icons import icon
from forms.list_form import ListForm
from forms.my_tasks import MyTasksForm
from forms.object_form import DocumentForm
from forms.pay_rates_form import PayRatesForm
from forms.prices_form import PricesForm
from forms.report_form import ReportForm
from forms.trade_report_form import TradeReportForm
from forms.work_calendar_form import WorkCalendarForm
from server.api.lists import query_for
from server.config.reports import TRADE_REPORTS

if TYPE_CHECKING:
    from app.main_window import MainWindow

ADMIN_FORMS: dict[str, type[AdminForm]] = {
    "subsystems": SubsystemsForm,
    "period": PeriodForm,
    "users": UsersForm,
    "mail": MailForm,
    "audit": AuditForm,
    "fields": FieldsForm,
    "backup": BackupForm,
    "my_tasks": MyTasksForm,
    "prices": PricesForm,
    "analytics": AnalyticsForm,
    "pay_rates": PayRatesForm,
    "work_calendar": WorkCalendarForm,
}


class Workspace(QObject):
    """The tabs of one main window and the forms open in them."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.forms: dict[
            str, ListForm | CatalogList | AdminForm | ReportForm | TradeReportForm
        ] = {}
        # open object forms: documents by "name:id", catalog items by "catalog:name:id"
        self.objects: dict[str, DocumentForm | CatalogForm] = {}
        self._new_forms = 0
        self.tabs = QTabWidget(window)
        self.tabs.setObjectName("workspace")
        self.tabs.setAccessibleName(QCoreApplication.translate("MainWindow", "Workspace"))
        self.tabs.setDocumentMode(True)
        self.tabs.setTabsClosable(True)
        self.tabs.setMovable(True)
        self.tabs.tabCloseRequested.connect(self.close_tab)
        self.tabs.currentChanged.connect(self._focus_current)
        self.placeholder = QLabel(
            QCoreApplication.translate(
                "MainWindow", "Choose a list in the navigation panel on the left."
            ),
            window,
        )
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setEnabled(False)

    # -- opening --------------------------------------------------------------------------
    def open_item(
        self, nav: NavItem
    ) -> ListForm | CatalogList | AdminForm | ReportForm | TradeReportForm:
        """Open (or focus) the list (or administration form) of ``nav`` in its own tab; a
        hierarchical catalog's list comes with its group tree."""
        w = self.window
        form = self.forms.get(nav.key)
        if form is None and nav.kind == "admin":
            form = ADMIN_FORMS[nav.name](w.engine, w.reg, self.tabs)
            form.error.connect(w.show_error)
            form.changed.connect(w.on_change)
            self.forms[nav.key] = form
            title = QCoreApplication.translate("Sections", nav.title)
            self.tabs.addTab(form, icon("catalog"), title)
            self._name_close_button(self.tabs.indexOf(form), title)
        if form is None and nav.kind == "report":
            form = self._report(nav.name)
        if form is None and nav.kind == "catalog":
            form = self._catalog_list(nav.name)
        if form is None:
            form = ListForm(w.engine, query_for(w.reg, nav.kind, nav.name), self.tabs)
            form.error.connect(w.show_error)
            if nav.kind == "catalog":
                name = nav.name
                form.activated.connect(
                    lambda row, n=name: w.open_catalog_item(
                        n, row["id"], group=bool(row.get("is_group"))
                    )
                )
                form.create_requested.connect(lambda n=name: w.open_catalog_item(n))
            if nav.kind == "document":
                name = nav.name
                form.activated.connect(lambda row, n=name: w.open_document(n, row["id"]))
                form.create_requested.connect(lambda n=name: w.open_document(n))
                form.commands.create_document_requested.connect(self._create_document)
        if nav.key not in self.forms:
            self.forms[nav.key] = form
            self.tabs.addTab(form, icon(nav.kind), nav_text(nav))
            self._name_close_button(self.tabs.indexOf(form), nav_text(nav))
        self._show(form)
        return form

    def _report(self, name: str) -> ReportForm | TradeReportForm:
        """The balance-and-turnover report of register ``name`` (or a trade report of that
        name); its drill-down opens documents."""
        w = self.window
        trade = any(t.name == name for t in TRADE_REPORTS)
        form = (TradeReportForm if trade else ReportForm)(w.engine, w.reg, name, self.tabs)
        form.error.connect(w.show_error)
        form.open_document_requested.connect(lambda n, i: w.open_document(n, i))
        return form

    def _catalog_list(self, name: str) -> CatalogList | None:
        """Groups tree + list for a hierarchical catalog (None for a flat one)."""
        w = self.window
        catalog = w.reg.catalogs[name]
        if not catalog.hierarchical:
            return None
        form = CatalogList(w.engine, w.reg, catalog, self.tabs)
        form.error.connect(w.show_error)
        form.open_requested.connect(
            lambda item_id, group, initial, n=name: w.open_catalog_item(
                n, item_id, group=group, initial=initial
            )
        )
        return form

    def _key(self, prefix: str, object_id: int | None) -> str:
        """The key of an object form: ``prefix:id``, or a new one's ``prefix:newN``."""
        if object_id is None:
            self._new_forms += 1
            return f"{prefix}:new{self._new_forms}"
        return f"{prefix}:{object_id}"

    def _add_object(self, key: str, form: DocumentForm | CatalogForm, kind: str) -> None:
        """Put a new object form into its own tab, titled (and retitled) as the form says."""
        self.objects[key] = form
        index = self.tabs.addTab(form, icon(kind), form.title())
        self._name_close_button(index, form.title())
        form.title_changed.connect(lambda t, f=form: self._retitle(f, t))
        form.close_requested.connect(lambda f=form: self.close_tab(self.tabs.indexOf(f), True))

    def _show(self, form: QWidget) -> None:
        self.tabs.setCurrentWidget(form)
        form.setFocus(Qt.FocusReason.OtherFocusReason)
        self.update_placeholder()

    def open_document(
        self, name: str, doc_id: int | None = None, initial: dict | None = None
    ) -> DocumentForm:
        """Open (or focus) a document's form in its own tab; ``doc_id`` None: a new one,
        filled from ``initial`` when given (created based on another document)."""
        key = self._key(name, doc_id)
        form = self.objects.get(key)
        if form is None:
            w = self.window
            form = DocumentForm(w.engine, w.reg, name, doc_id, self.tabs, initial)
            self._add_object(key, form, "document")
            form.saved.connect(self._refresh_lists)
            form.open_document_requested.connect(w.open_document)
            form.create_document_requested.connect(self._create_document)
        self._show(form)
        return form  # type: ignore[return-value]

    def _create_document(self, name: str, initial: dict) -> None:
        self.window.open_document(name, None, initial)

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
        key = self._key(f"catalog:{name}", item_id)
        form = self.objects.get(key)
        if not isinstance(form, CatalogForm):
            w = self.window
            form = CatalogForm(
                w.engine, w.reg, name, item_id, group=group, initial=initial, parent=self.tabs
            )
            self._add_object(key, form, "catalog")
            form.saved.connect(self._refresh_catalog)
            form.create_requested.connect(self._create_from_item)
        self._show(form)
        return form

    def _create_from_item(self, kind: str, name: str, initial: dict) -> None:
        """A document or catalog item created from a catalog item's form ("Create")."""
        if kind == "document":
            self.window.open_document(name, None, initial)
        else:
            self.window.open_catalog_item(name, None, initial=initial)

    def _refresh_catalog(self, name: str) -> None:
        form = self.forms.get(f"catalog:{name}")
        if form is not None:
            form.refresh()

    def _refresh_lists(self, name: str) -> None:
        form = self.forms.get(f"document:{name}")
        if isinstance(form, ListForm | CatalogList):
            form.live_refresh()

    def _retitle(self, form: QWidget, title: str) -> None:
        index = self.tabs.indexOf(form)
        if index >= 0:
            self.tabs.setTabText(index, title)
            self._name_close_button(index, title)

    def _name_close_button(self, index: int, title: str) -> None:
        """The tab's close button shows only a cross: give it a name for screen readers."""
        self.tabs.setTabToolTip(index, title)
        bar = self.tabs.tabBar()
        for side in (QTabBar.ButtonPosition.LeftSide, QTabBar.ButtonPosition.RightSide):
            button = bar.tabButton(index, side)
            if button is not None:
                button.setAccessibleName(
                    QCoreApplication.translate("MainWindow", "Close {title}").format(title=title)
                )
                button.setToolTip(
                    QCoreApplication.translate("MainWindow", "Close {title} (Ctrl+W)").format(
                        title=title
                    )
                )

    # -- closing and switching ------------------------------------------------------------
    def close_tab(self, index: int, force: bool = False) -> None:
        """Close a tab; a document form with unsaved changes asks first (unless ``force``)."""
        form = self.tabs.widget(index)
        if form is None:
            return
        if isinstance(form, DocumentForm | CatalogForm) and not force and not form.can_close():
            return
        if form is self.window.start_page:
            return
        self.tabs.removeTab(index)
        self.forms = {k: f for k, f in self.forms.items() if f is not form}
        self.objects = {k: f for k, f in self.objects.items() if f is not form}
        form.deleteLater()
        self.update_placeholder()

    def _focus_current(self, _index: int) -> None:
        widget = self.tabs.currentWidget()
        if isinstance(widget, ListForm | CatalogList) and widget.stale:
            widget.live_refresh()
        if widget is not None:
            widget.setFocus(Qt.FocusReason.TabFocusReason)
            self.window.nav.follow(self.nav_key(widget))

    def nav_key(self, widget: QWidget) -> str | None:
        """The navigation command (``kind:name``) of a tab's list, report or object form."""
        for key, form in self.forms.items():
            if form is widget:
                return key
        for key, obj in self.objects.items():
            if obj is widget:  # documents "name:id", catalog items "catalog:name:id"
                parts = key.split(":")
                return f"catalog:{parts[1]}" if parts[0] == "catalog" else f"document:{parts[0]}"
        return None

    def update_placeholder(self) -> None:
        empty = self.tabs.count() == 0
        self.tabs.setVisible(not empty)
        self.placeholder.setVisible(empty)

    # -- remembering ----------------------------------------------------------------------
    def reopen(self, saved: object, visible: set[str], first: str | None) -> None:
        """Reopen the lists of ``saved`` (the remembered keys) that are ``visible``; on the
        first start (nothing saved) the list ``first``; then show the start page."""
        keys = [k for k in str(saved or "").split(",") if k in visible]
        if saved is None and first:
            keys = [first]
        by_key = {i.key: i for s in self.window.sections for i in s.items}
        for k in keys:
            self.open_item(by_key[k])
        self.tabs.setCurrentWidget(self.window.start_page)  # the window opens on the start page

    def tab_keys(self) -> str:
        """The keys of the open lists, in tab order (what :meth:`reopen` reads)."""
        keys = [
            k
            for i in range(self.tabs.count())
            for k, f in self.forms.items()
            if f is self.tabs.widget(i)
        ]
        return ",".join(keys)
