"""The list of a hierarchical catalog: its group tree on the left, the items on the right.

The tree starts at "All items" and loads each group's subgroups only when it is expanded. The
list shows the rows of the chosen group (subgroups first, as in 1C), or with "Include subgroups"
everything below it; the server filters (:class:`server.api.lists.ListFilter` ``parent``), so
paging stays keyset-exact. Ins creates an item in the chosen group, Ctrl+F9 a group, Enter
opens the row's form; ``open_requested`` asks the main window to do it. Del sets or clears the
deletion mark of the selected rows (in the tree: of the chosen group).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCheckBox, QSplitter, QTreeView, QVBoxLayout, QWidget

from forms.icons import icon
from forms.list_form import ListForm
from forms.list_model import error_text
from forms.worker import Loader
from server.api import Catalogs, Session
from server.api.list_query import ROOT, ListQuery
from server.api.lists import catalog_query
from server.metadata import Catalog, Registry

if TYPE_CHECKING:
    from sqlalchemy import Engine

ID_ROLE = Qt.ItemDataRole.UserRole + 1
LOADED_ROLE = Qt.ItemDataRole.UserRole + 2  # the node's subgroups were asked for
MARK_ROLE = Qt.ItemDataRole.UserRole + 3  # the group is marked for deletion
SHORTCUT = Qt.ShortcutContext.WidgetWithChildrenShortcut


class CatalogList(QWidget):
    """Group tree + :class:`ListForm` of one hierarchical catalog."""

    error = Signal(str)
    #: item id (None: a new one), is it a group, the new one's initial fields (its group)
    open_requested = Signal(object, bool, object)

    def __init__(
        self, engine: Engine, reg: Registry, catalog: Catalog, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.engine, self.reg, self.catalog = engine, reg, catalog
        self.setObjectName(f"catalog_list_{catalog.name}")
        self.list = ListForm(engine, catalog_query(catalog), self, reg)
        self.list.error.connect(self.error)
        self.list.activated.connect(self._open_row)
        self.list.commands.heading_lines = self._group_heading
        self.list.create_requested.connect(self.create_item)
        self.list.changed.connect(lambda *_: self._reload_tree())  # marks show in the tree
        self._loaders: dict[int, Loader] = {}
        self._applied: tuple[int, bool] | None = None  # the group the list shows

        self.model = QStandardItemModel(self)
        self.tree = QTreeView(self)
        self.tree.setObjectName("group_tree")
        self.tree.setAccessibleName(self.tr("Groups"))
        self.tree.setHeaderHidden(True)
        self.tree.setModel(self.model)
        self.tree.setEditTriggers(QTreeView.EditTrigger.NoEditTriggers)
        self.tree.installEventFilter(self)
        self.tree.expanded.connect(self._on_expanded)
        self.subgroups = QCheckBox(self.tr("Include &subgroups"), self)
        self.subgroups.setToolTip(self.tr("Show the items of the subgroups too"))
        self.subgroups.toggled.connect(self._apply_group)

        left = QWidget(self)
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.subgroups)
        ll.addWidget(self.tree, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.list)
        self.splitter.setStretchFactor(1, 1)
        ch = self.fontMetrics().horizontalAdvance("0")
        self.splitter.setSizes([ch * 28, ch * 90])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self._add_actions()

        self.root = QStandardItem(icon("folder"), self.tr("All items"))
        self.root.setData(ROOT, ID_ROLE)
        self.model.appendRow(self.root)
        self.tree.selectionModel().currentChanged.connect(self._apply_group)
        self.tree.setCurrentIndex(self.root.index())
        self._load_children(self.root)
        self.tree.expand(self.root.index())
        self.setFocusProxy(self.list)

    def _add_actions(self) -> None:
        create = self.list.commands.create_action  # the list's Create: into the chosen group
        create.setToolTip(self.tr("Create an item in the chosen group (Ins)"))
        group = QAction(icon("folder"), self.tr("Create &group"), self)
        group.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_F9))
        group.setShortcutContext(SHORTCUT)
        group.setToolTip(self.tr("Create a group in the chosen group (Ctrl+F9)"))
        group.triggered.connect(self.create_group)
        self.create_action, self.create_group_action = create, group
        self.addAction(group)
        toolbar = self.list.commands.toolbar
        actions = toolbar.actions()
        following = actions[actions.index(create) + 1 :]  # the group right after Create
        toolbar.insertAction(following[0] if following else None, group)  # type: ignore[arg-type]

    # -- the tree -------------------------------------------------------------------------
    def _load_children(self, item: QStandardItem) -> None:
        gid = int(item.data(ID_ROLE))
        item.setData(True, LOADED_ROLE)
        loader = self._loaders.get(gid)
        if loader is None:
            loader = self._loaders[gid] = Loader(self)
            loader.finished.connect(lambda rows, g=gid: self._on_children(g, rows))
            loader.failed.connect(lambda exc: self.error.emit(error_text(exc)))
        api, name = Catalogs(Session(self.engine), self.reg), self.catalog.name
        parent = None if gid == ROOT else gid
        loader.submit(lambda: api.groups(name, parent))

    def _find(self, gid: int, under: QStandardItem | None = None) -> QStandardItem | None:
        node = under or self.root
        if node.data(ID_ROLE) == gid:
            return node
        for r in range(node.rowCount()):
            child = node.child(r)
            if child is not None and child.data(ID_ROLE) is not None:
                found = self._find(gid, child)
                if found is not None:
                    return found
        return None

    def _on_children(self, gid: int, rows: list[dict[str, Any]]) -> None:
        """Put the subgroups under their node in name order, keeping the nodes still there
        (with what is loaded under them) and the chosen group."""
        item = self._find(gid)
        if item is None:
            return
        chosen = self.current_group()
        wanted = [row["id"] for row in rows]
        for r in reversed(range(item.rowCount())):  # the placeholder and vanished groups
            child = item.child(r)
            if child is None or child.data(ID_ROLE) not in wanted:
                item.removeRow(r)
        for i, row in enumerate(rows):
            at = next(
                (r for r in range(i, item.rowCount()) if item.child(r).data(ID_ROLE) == row["id"]),
                None,
            )
            if at is None:
                child = QStandardItem(row["name"])
                child.setData(row["id"], ID_ROLE)
                item.insertRow(i, [child])
            elif at != i:
                item.insertRow(i, item.takeRow(at))
            child = item.child(i)
            child.setText(row["name"])
            child.setIcon(icon("deleted") if row["deletion_mark"] else icon("folder"))
            child.setData(bool(row["deletion_mark"]), MARK_ROLE)
            if row["has_subgroups"] and not child.data(LOADED_ROLE) and not child.rowCount():
                child.appendRow(QStandardItem(self.tr("Loading…")))  # an expander until loaded
        moved = chosen is not None and self.current_group() != chosen
        if moved and not self.select_group(chosen["id"]):  # type: ignore[index]
            self.tree.setCurrentIndex(self.root.index())  # the chosen group vanished

    def _on_expanded(self, index: QModelIndex) -> None:
        item = self.model.itemFromIndex(index)
        if item is not None and not item.data(LOADED_ROLE):
            self._load_children(item)

    def current_group(self) -> dict[str, Any] | None:
        """The chosen group as ``{id, name}`` (None for "All items")."""
        item = self.model.itemFromIndex(self.tree.currentIndex())
        if item is None or item.data(ID_ROLE) in (None, ROOT):
            return None
        return {"id": int(item.data(ID_ROLE)), "name": item.text()}

    def _group_heading(self) -> list[str]:
        """The chosen group, written above an export of the list."""
        group = self.current_group()
        if group is None:
            return []
        text = self.tr("Group: {name} and its subgroups") if self.subgroups.isChecked() else None
        return [(text or self.tr("Group: {name}")).format(name=group["name"])]

    def select_group(self, gid: int) -> bool:
        """Choose a loaded group by id (False if it is not in the tree yet)."""
        item = self._find(gid)
        if item is None:
            return False
        self.tree.setCurrentIndex(item.index())
        return True

    def _apply_group(self, *_: Any) -> None:
        group = self.current_group()
        wanted = (group["id"] if group else ROOT, self.subgroups.isChecked())
        if wanted != self._applied:
            self._applied = wanted
            self.list.set_group(*wanted)

    # -- commands -------------------------------------------------------------------------
    def _initial(self) -> dict[str, Any] | None:
        group = self.current_group()
        return {"parent": group} if group else None

    def create_item(self) -> None:
        """Ins: a new item in the chosen group."""
        self.open_requested.emit(None, False, self._initial())

    def create_group(self) -> None:
        """Ctrl+F9: a new group in the chosen group."""
        self.open_requested.emit(None, True, self._initial())

    def mark_group(self) -> None:
        """Del in the tree: set or clear the chosen group's deletion mark."""
        group = self.current_group()
        item = self.model.itemFromIndex(self.tree.currentIndex())
        if group is not None and item is not None:
            group["deletion_mark"] = bool(item.data(MARK_ROLE))
            self.list.commands.toggle_mark([group])

    def _open_row(self, row: dict[str, Any]) -> None:
        self.open_requested.emit(row["id"], bool(row.get("is_group")), None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """In the tree: Ins creates an item in the group, Enter goes to its items, Del sets or
        clears the group's deletion mark."""
        if watched is self.tree and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Insert and not event.modifiers():
                self.create_item()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
                self.list.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
            if event.key() == Qt.Key.Key_Delete and not event.modifiers():
                self.mark_group()
                return True
        return super().eventFilter(watched, event)

    # -- state ----------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self.list.busy or any(loader.loading for loader in self._loaders.values())

    # the live-refresh interface of a list (see MainWindow._apply_changes)
    @property
    def query(self) -> ListQuery:
        return self.list.query

    @property
    def stale(self) -> bool:
        return self.list.stale

    @stale.setter
    def stale(self, value: bool) -> None:
        self.list.stale = value

    def live_refresh(self) -> None:
        """Someone else changed the catalog: re-read the rows in place and the open tree."""
        self.list.live_refresh()
        self._reload_tree()

    def refresh(self) -> None:
        """Re-read the rows and every loaded level of the tree (after a save elsewhere)."""
        self.list.refresh()
        self._reload_tree()

    def _reload_tree(self) -> None:
        stack = [self.root]
        while stack:
            node = stack.pop()
            if node.data(LOADED_ROLE):
                self._load_children(node)
                stack += [node.child(r) for r in range(node.rowCount()) if node.child(r)]
