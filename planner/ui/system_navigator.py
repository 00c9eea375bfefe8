"""The navigator: every AI system with its stage, readiness score and blockers.

Search and filters (stage, owner) narrow the list; Add, Duplicate and Delete change the
portfolio through the document, so each is one undoable step.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from planner.domain.enums import LifecycleStage
from planner.domain.errors import PlannerError
from planner.domain.wording import count_of
from planner.operations import Change, add_system, delete_entity, duplicate_system
from planner.ui.dialogs.add_system_dialog import AddSystemDialog
from planner.ui.dialogs.message_boxes import ask_text, confirm
from planner.ui.models.system_list_model import (
    BLOCKERS,
    NAME,
    SCORE,
    STAGE,
    SystemListModel,
)
from planner.ui.readiness_tracker import ReadinessTracker
from planner.ui.undo_keys import FILTER_FIELD
from planner.ui.widgets.entity_table_panel import make_list_view
from planner.ui.widgets.icons import themed_icon
from planner.ui.workspace_document import WorkspaceDocument


class SystemNavigator(QWidget):
    """List of systems with search, filters and the add / duplicate / delete actions."""

    # The selected system's id, or None when nothing is selected.
    system_selected = Signal(object)
    # A one-line message for the user (an operation refused).
    error = Signal(str)

    def __init__(
        self,
        document: WorkspaceDocument,
        tracker: ReadinessTracker,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("system_navigator")
        self._document = document
        self._tracker = tracker
        self._current: str | None = None

        self._build_filters()
        self._build_list(tracker)
        buttons = self._build_actions()
        filters = QHBoxLayout()
        filters.addWidget(self.stage_filter, 1)
        filters.addWidget(self.owner_filter, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count_label)
        layout.addLayout(buttons)
        self.setTabOrder(self.search, self.stage_filter)
        self.setTabOrder(self.stage_filter, self.owner_filter)
        self.setTabOrder(self.owner_filter, self.view)

        document.changed.connect(self._on_document_changed)
        tracker.updated.connect(self._on_tracker_updated)
        self.model.load(document.plan)
        self._fill_owner_filter()
        self._update_actions()
        self._update_count()

    def _build_filters(self) -> None:
        """The search box and the stage and owner filters."""
        self.search = QLineEdit()
        # A filter, not workspace data: Ctrl+Z here undoes the last change (see undo_keys).
        self.search.setProperty(FILTER_FIELD, True)
        self.search.setObjectName("system_search")
        self.search.setPlaceholderText("Search systems")
        self.search.setAccessibleName("Search AI systems by name")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search_text_changed)

        self.stage_filter = QComboBox()
        self.stage_filter.setObjectName("stage_filter")
        self.stage_filter.setAccessibleName("Filter by lifecycle stage")
        self.stage_filter.addItem("All stages", None)
        for stage in LifecycleStage:
            self.stage_filter.addItem(stage.label, stage.value)
        self.stage_filter.currentIndexChanged.connect(self._on_stage_filter_changed)

        self.owner_filter = QComboBox()
        self.owner_filter.setObjectName("owner_filter")
        self.owner_filter.setAccessibleName("Filter by accountable owner")
        self.owner_filter.setToolTip("Show only systems where this person or team is Accountable")
        self.owner_filter.currentIndexChanged.connect(self._on_owner_filter_changed)
        self.owner_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.owner_filter.setMinimumContentsLength(10)

    def _build_list(self, tracker: ReadinessTracker) -> None:
        """The list of systems and the count under it."""
        self.model = SystemListModel(tracker.readiness, self)
        self.view = make_list_view(self.model, "system_list", "AI systems")
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        # Widths from what the columns can hold, worked out once: ResizeToContents would
        # measure every row after every change. Each column is as wide as its header or
        # its widest value (a stage's label, "100"), so the names get the rest.
        metrics = self.view.fontMetrics()
        margin = 2 * (self.view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 4)
        widest_stage = max(metrics.horizontalAdvance(s.label) for s in LifecycleStage)
        widest_number = metrics.horizontalAdvance("100")
        for column, widest in (
            (STAGE, widest_stage),
            (SCORE, widest_number),
            (BLOCKERS, widest_number),
        ):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, max(header.sectionSizeHint(column), widest + margin))
        self.view.selectionModel().currentRowChanged.connect(self._on_current_row_changed)

        self.count_label = QLabel()
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        self.count_label.setAccessibleName("Number of systems shown")

    def _build_actions(self) -> QHBoxLayout:
        """Add, duplicate, delete and history, in the context menu and as buttons."""
        self.add_action = QAction("&Add system…", self)
        self.add_action.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.add_action.setToolTip("Add an AI system, empty or from a starter template")
        self.add_action.triggered.connect(self._on_add_triggered)
        self.duplicate_action = QAction("D&uplicate system…", self)
        self.duplicate_action.setShortcut(QKeySequence("Ctrl+D"))
        self.duplicate_action.setToolTip("Copy the selected system's plan under a new name")
        self.duplicate_action.triggered.connect(self._on_duplicate_triggered)
        self.delete_action = QAction("De&lete system…", self)
        self.delete_action.setShortcut(QKeySequence("Ctrl+Shift+Del"))
        self.delete_action.setToolTip("Delete the selected system and its whole plan (undoable)")
        self.delete_action.triggered.connect(self._on_delete_triggered)
        self.history_action = QAction("Show &history…", self)
        self.history_action.setToolTip("Every change to the selected system: who, when, what")
        self.history_action.triggered.connect(self._on_history_triggered)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._on_view_context_menu)
        self.history: QWidget | None = None

        # Short labels under the list, so icon and text fit a narrow navigator; the menu
        # keeps the full text.
        for action, icon, short in (
            (self.add_action, "plus", "Add"),
            (self.duplicate_action, "copy", "Duplicate"),
            (self.delete_action, "trash-2", "Delete"),
        ):
            action.setIcon(themed_icon(icon))
            action.setIconText(short)
        buttons = QHBoxLayout()
        for action, name in (
            (self.add_action, "Add"),
            (self.duplicate_action, "Duplicate"),
            (self.delete_action, "Delete"),
        ):
            button = QToolButton()
            button.setDefaultAction(action)
            button.setAccessibleName(action.toolTip())
            button.setObjectName(f"{name.lower()}_system_button")
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            buttons.addWidget(button)
        buttons.addStretch(1)
        return buttons

    # --- public --------------------------------------------------------------------

    @property
    def current_system(self) -> str | None:
        return self._current

    def select_system(self, system_id: str | None) -> None:
        """Select a system (clearing search and filters if they hide it)."""
        if system_id is not None and self.model.row_of(system_id) < 0:
            if self.model.row_data(system_id) is None:
                system_id = None
            else:
                self.search.clear()
                self.stage_filter.setCurrentIndex(0)
                self.owner_filter.setCurrentIndex(0)
        self._select(system_id)

    # --- internals -----------------------------------------------------------------

    def _select(self, system_id: str | None) -> None:
        row = self.model.row_of(system_id)
        selection = self.view.selectionModel()
        if row < 0:
            selection.clearSelection()
            selection.setCurrentIndex(QModelIndex(), QItemSelectionModel.SelectionFlag.NoUpdate)
            self._set_current(
                None if system_id is None or self.model.row_data(system_id) is None else system_id
            )
            return
        index = self.model.index(row, NAME)
        selection.setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.view.scrollTo(index)
        self._set_current(system_id)

    def _is_selected(self, row: int) -> bool:
        return row >= 0 and self.view.selectionModel().isRowSelected(row)

    def _set_current(self, system_id: str | None) -> None:
        if system_id != self._current:
            self._current = system_id
            self._update_actions()
            self.system_selected.emit(system_id)
        else:
            self._update_actions()

    def _update_actions(self) -> None:
        writable = not self._document.read_only
        self.add_action.setEnabled(writable)
        self.duplicate_action.setEnabled(writable and self._current is not None)
        self.delete_action.setEnabled(writable and self._current is not None)
        self.history_action.setEnabled(self._current is not None)

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total
        if total == 0:
            text = "No AI systems yet: add one to start planning its handover."
        elif shown == total:
            text = count_of(total, "system")
        else:
            text = f"{shown} of {total} systems match"
        self.count_label.setText(text)

    def _fill_owner_filter(self) -> None:
        plan = self._document.plan
        keys: set[str] = set()
        for system_id in plan.systems:
            row = self.model.row_data(system_id)
            if row is not None:
                keys |= row.owners
        entries = []
        for key in keys:
            kind, _, entity_id = key.partition(":")
            name = plan.name_of(entity_id) if kind == "person" else plan.name_of(team_id=entity_id)
            entries.append((name.casefold(), name if kind == "person" else f"{name} (team)", key))
        entries.sort()
        chosen = self.owner_filter.currentData()
        self.owner_filter.blockSignals(True)
        self.owner_filter.clear()
        self.owner_filter.addItem("All owners", None)
        for _folded, label, key in entries:
            self.owner_filter.addItem(label, key)
        found = self.owner_filter.findData(chosen) if chosen is not None else 0
        self.owner_filter.setCurrentIndex(max(found, 0))
        self.owner_filter.blockSignals(False)
        if chosen is not None and found < 0:
            self._on_owner_filter_changed(0)

    def _after_model_reset(self) -> None:
        keep = self._current
        current = self.view.selectionModel().currentIndex()
        row = self.model.row_of(keep)
        if row < 0 and keep is not None and self.model.row_data(keep) is not None:
            # Hidden by search or a filter, but still the system being edited: the editor
            # keeps it, and it comes back selected when the filter no longer hides it.
            self._clear_view_selection()
        elif not (current.isValid() and current.row() == row and self._is_selected(row)):
            self._select(keep if row >= 0 else None)
        self._update_count()

    def _clear_view_selection(self) -> None:
        selection = self.view.selectionModel()
        selection.blockSignals(True)
        selection.clearSelection()
        selection.setCurrentIndex(QModelIndex(), QItemSelectionModel.SelectionFlag.NoUpdate)
        selection.blockSignals(False)
        self.view.viewport().update()

    def _run(self, operation: object, **kwargs: object) -> Change | None:
        try:
            return self._document.run(operation, **kwargs)  # type: ignore[arg-type]
        except PlannerError as exc:
            self.error.emit(str(exc))
        except ValueError as exc:  # pydantic validation of the values
            self.error.emit(str(exc).splitlines()[0])
        return None

    # --- slots ---------------------------------------------------------------------

    def _on_search_text_changed(self, text: str) -> None:
        self.model.set_search(text)
        self._after_model_reset()

    def _on_stage_filter_changed(self, _index: int) -> None:
        self.model.set_stage_filter(self.stage_filter.currentData())
        self._after_model_reset()

    def _on_owner_filter_changed(self, _index: int) -> None:
        self.model.set_owner_filter(self.owner_filter.currentData())
        self._after_model_reset()

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        system_id = self.model.system_id(current.row()) if current.isValid() else None
        if system_id is not None:
            self._set_current(system_id)

    def _on_document_changed(self, change: Change | None) -> None:
        plan = self._document.plan
        if change is None or change.workspace_wide:
            self.model.load(plan)
        else:
            self.model.load(plan, change.system_ids)
        if self._current is not None and self._current not in plan.systems:
            self._current = None
            self.system_selected.emit(None)
        if change is None or "raci" in change.kinds or change.workspace_wide:
            self._fill_owner_filter()
        self._after_model_reset()

    def _on_tracker_updated(self, system_ids: frozenset[str] | None) -> None:
        self.model.refresh_readiness(system_ids)
        self._after_model_reset()

    def _on_add_triggered(self) -> None:
        dialog = AddSystemDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        name = dialog.name() or (dialog.template_box.currentText() if dialog.template() else "")
        if not name:
            return
        change = self._run(add_system, name=name, template=dialog.template())
        if change is not None:
            self.select_system(change.first_id("system"))

    def _on_duplicate_triggered(self) -> None:
        source = self._document.plan.systems.get(self._current or "")
        if source is None:
            return
        name = ask_text(
            self,
            "Duplicate AI system",
            f"Name of the copy of {source.name}:",
            self._free_name(f"Copy of {source.name}"),
        )
        if name is None:
            return
        change = self._run(duplicate_system, system_id=source.id, name=name)
        if change is not None:
            self.select_system(change.first_id("system"))

    def _free_name(self, base: str) -> str:
        plan = self._document.plan
        name, n = base, 2
        while plan.system_named(name) is not None:
            name, n = f"{base} ({n})", n + 1
        return name

    def _on_history_triggered(self) -> None:
        from planner.ui.dialogs.audit_trail_dialog import AuditTrailDialog

        if self._current is None:
            return
        if self.history is not None:
            self.history.close()
        self.history = AuditTrailDialog(self._document, self._current, self)
        self.history.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.history.destroyed.connect(self._on_history_destroyed)
        self.history.show()
        self.history.raise_()
        self.history.activateWindow()

    def _on_history_destroyed(self, *_args: object) -> None:
        self.history = None

    def _on_view_context_menu(self, position: QPoint) -> None:
        menu = QMenu(self)
        for action in (self.add_action, self.duplicate_action, self.delete_action):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.history_action)
        menu.exec(self.view.viewport().mapToGlobal(position))

    def _on_delete_triggered(self) -> None:
        system = self._document.plan.systems.get(self._current or "")
        if system is None:
            return
        if not confirm(
            self,
            "Delete AI system",
            f"Delete {system.name} and its whole handover plan?\n\n"
            "You can undo this with Edit > Undo.",
            "Delete",
        ):
            return
        row = self.model.row_of(system.id)
        deleted = self._run(
            delete_entity,
            kind_name="system",
            entity_id=system.id,
            expected_version=system.system.version,
        )
        if deleted is not None:
            neighbour = self.model.system_id(min(row, self.model.rowCount() - 1))
            self._select(neighbour)
