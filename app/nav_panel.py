"""The main window's sections panel (the subsystems switched on) and navigation panel (the
lists and forms of the current section, grouped by kind).

Strings keep the translation contexts ``MainWindow`` and ``Sections``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
)

from app.sections import ADMIN, REPORTS, NavItem, Section
from forms.icons import icon
from forms.texts import meta_tr

if TYPE_CHECKING:
    from app.main_window import MainWindow

ITEM_ROLE = Qt.ItemDataRole.UserRole
GROUPS = (
    ("document", QT_TRANSLATE_NOOP("Sections", "Documents")),
    ("catalog", QT_TRANSLATE_NOOP("Sections", "Catalogs")),
    ("report", QT_TRANSLATE_NOOP("Sections", "Reports")),
    ("admin", QT_TRANSLATE_NOOP("Sections", "Settings")),
)


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
    if nav.template:  # a register's report
        return QCoreApplication.translate("Sections", nav.template).format(
            register=meta_tr(nav.title)
        )
    return meta_tr(nav.title)


class NavPanels(QObject):
    """The sections list and the navigation tree of one main window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.sections: list[Section] = []
        self._nav_fitted = False
        self.section_list = QListWidget(window)
        self.section_list.setObjectName("sections")
        self.section_list.setAccessibleName(QCoreApplication.translate("MainWindow", "Sections"))
        big = QFont(self.section_list.font())
        big.setPointSizeF(big.pointSizeF() * 1.1)
        self.section_list.setFont(big)
        self.section_list.setSpacing(2)
        self.section_list.currentRowChanged.connect(self.show_section)

        self.navigation = QTreeWidget(window)
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName(QCoreApplication.translate("MainWindow", "Navigation"))
        self.navigation.setHeaderHidden(True)
        self.navigation.setRootIsDecorated(False)
        self.navigation.setIndentation(window.fontMetrics().horizontalAdvance("0") * 2)
        self.navigation.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.navigation.itemClicked.connect(self._open_nav_item)
        self.navigation.itemActivated.connect(self._open_nav_item)

    def set_sections(self, sections: list[Section], wanted: str) -> None:
        """Show ``sections``; select ``wanted`` (a section's name) if it is one of them."""
        self.sections = sections
        self.section_list.blockSignals(True)
        self.section_list.clear()
        for s in sections:
            item = QListWidgetItem(section_text(s), self.section_list)
            item.setData(ITEM_ROLE, s.name)
        self.section_list.blockSignals(False)
        fm = self.section_list.fontMetrics()
        widest = max((fm.horizontalAdvance(section_text(s)) for s in sections), default=0)
        self.section_list.setMinimumWidth(widest + 4 * self.window.fontMetrics().averageCharWidth())
        names = [s.name for s in sections]
        self.section_list.setCurrentRow(names.index(wanted) if wanted in names else 0)
        self.show_section(self.section_list.currentRow())

    def current_section(self) -> str | None:
        item = self.section_list.currentItem()
        return str(item.data(ITEM_ROLE)) if item else None

    def select_section(self, name: str) -> None:
        names = [s.name for s in self.sections]
        self.section_list.setCurrentRow(names.index(name))

    def follow(self, key: str | None) -> None:
        """Show the section of the open tab's list or object (``kind:name``): the current
        section if it has the command (a report is in its subsystem's section and in Reports),
        else the first that has it; the command is selected in the navigation panel."""
        owners = [i for i, s in enumerate(self.sections) if any(n.key == key for n in s.items)]
        if key is None or not owners:
            return
        if self.section_list.currentRow() not in owners:
            self.section_list.setCurrentRow(owners[0])  # rebuilds the navigation panel
        nav = self.navigation
        for i in range(nav.topLevelItemCount()):
            group = nav.topLevelItem(i)
            for j in range(group.childCount()):
                item = group.child(j)
                data = item.data(0, ITEM_ROLE)
                if isinstance(data, NavItem) and data.key == key:
                    nav.setCurrentItem(item)
                    return

    def first_key(self) -> str | None:
        """The key of the first command of the current section (None without sections)."""
        if not self.sections:
            return None
        return self.sections[self.section_list.currentRow()].items[0].key

    def show_section(self, row: int) -> None:
        self.navigation.clear()
        if not 0 <= row < len(self.sections):
            return
        section = self.sections[row]
        bold = QFont(self.navigation.font())
        bold.setBold(True)
        for kind, heading in GROUPS:
            items = [i for i in section.items if i.heading == kind]
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
                tip = QCoreApplication.translate("MainWindow", "Open {title}")
                if nav.kind not in ("admin", "report"):
                    tip = QCoreApplication.translate("MainWindow", "Open the list {title}")
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
        splitter = self.window.splitter
        sizes = splitter.sizes()
        if len(sizes) == 3 and 0 < sizes[1] < needed and not self._nav_fitted:
            self._nav_fitted = True  # once: later the user's own width stays
            grow = min(needed - sizes[1], max(sizes[2] - ch * 60, 0))
            splitter.setSizes([sizes[0], sizes[1] + grow, sizes[2] - grow])

    def nav_titles(self) -> list[str]:
        """Titles of the commands of the navigation panel, in order."""
        out = []
        for i in range(self.navigation.topLevelItemCount()):
            group = self.navigation.topLevelItem(i)
            out += [group.child(j).text(0) for j in range(group.childCount())]
        return out

    def _open_nav_item(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        nav = item.data(0, ITEM_ROLE)
        if isinstance(nav, NavItem):
            self.window.open_item(nav)
