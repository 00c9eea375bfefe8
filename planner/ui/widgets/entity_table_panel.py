"""A titled, editable table of one entity kind with Add and Delete buttons."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from planner.domain.errors import PlannerError
from planner.domain.registry import kind
from planner.domain.wording import in_running_text, plural
from planner.operations import create_entity, delete_entity
from planner.ui.models.entity_table_model import TEXT, Column, EntityTableModel
from planner.ui.widgets.field_delegate import FieldDelegate
from planner.ui.widgets.icons import themed_icon
from planner.ui.widgets.row_details import RowDetails
from planner.ui.workspace_document import WorkspaceDocument

# The long-text column never gets narrower than this (px) while other columns give way.
STRETCH_MINIMUM = 110

# What an empty table needs and why, for every kind a page lists (the empty state).
EMPTY_TEXTS = {
    "data_source": "No data sources yet: add each feed the model reads, so someone owns its "
    "refresh and quality.",
    "support_tier": "No support tiers yet: add L1, L2 and L3 so users know who answers when "
    "the system misbehaves.",
    "escalation_level": "No levels yet: add a level for whoever is called first, then who is "
    "called if nobody responds.",
    "document": "No documents yet: add the runbook, model card and user guide the new owners "
    "will need.",
    "monitoring_signal": "No monitoring signals yet: add what is watched (drift, errors, "
    "usage) so a failure is noticed.",
    "human_review_rule": "No human review rules yet: say which outputs a person checks before "
    "they affect a decision.",
    "governance_control": "No governance controls yet: add access, audit and change controls "
    "with their owners.",
    "readiness_criterion": "No readiness criteria yet: add the areas to assess before go-live.",
    "baseline": "No baselines yet: record today's numbers so the benefit can be measured "
    "after the handover.",
    "action_item": "No action items yet: park open questions here with an owner and a due "
    "date, so none is lost.",
    "person": "No people yet: add everyone who will own, support or sign off a system.",
    "team": "No teams yet: add the teams that can hold a role or answer an escalation.",
}


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A label that never interprets user text as HTML."""
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def make_list_view(model: QAbstractItemModel, object_name: str, accessible_name: str) -> QTreeView:
    """A read-only list of rows (QTreeView without a tree): whole-row selection, one at a time."""
    view = QTreeView()
    view.setObjectName(object_name)
    view.setAccessibleName(accessible_name)
    view.setModel(model)
    view.setRootIsDecorated(False)
    view.setUniformRowHeights(True)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    return view


def make_table_view(parent: QWidget | None = None) -> QTableView:
    view = QTableView(parent)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked
        | QAbstractItemView.EditTrigger.EditKeyPressed
        | QAbstractItemView.EditTrigger.AnyKeyPressed
        | QAbstractItemView.EditTrigger.SelectedClicked
    )
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 12)
    header = view.horizontalHeader()
    header.setStretchLastSection(True)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setDefaultSectionSize(150)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return view


class EntityTablePanel(QWidget):
    """Editable rows of one kind; ``new_values`` gives the fields of a row added with Add."""

    errorOccurred = Signal(str)

    def __init__(
        self,
        document: WorkspaceDocument,
        kind_name: str,
        columns: Sequence[Column],
        *,
        title: str = "",
        new_values: Callable[[], dict[str, Any] | None] | None = None,
        empty_text: str = "",
        sortable: bool = False,
        details: Sequence[str] = (),
        stretch: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``details``: fields shown for the selected row under the table, not in it (a page
        is ~390 px wide at 1366x768); ``stretch``: the long-text column that takes the width
        the others leave (by default the first text column shown)."""
        super().__init__(parent)
        self.document = document
        self.kind_name = kind_name
        self._new_values = new_values
        # Asked before a delete with the row's id; False keeps the row (set by the owner).
        self.confirm_delete: Callable[[str], bool] | None = None
        label = kind(kind_name).label
        self._build_table(document, kind_name, columns, sortable)
        self._build_details(document, [c for c in columns if c.field in details])
        shown = [c for c in columns if c.field not in details]
        texts = [c for c in shown if c.kind == TEXT] or shown
        self.stretch_field = stretch or (texts[0].field if texts else "")
        self.title_label = plain_label(title, self)
        font = self.title_label.font()
        font.setBold(True)
        self.title_label.setFont(font)
        self.title_label.setWordWrap(True)  # a long title takes two lines on a narrow page
        default = f"No {plural(in_running_text(label))} yet."
        self.empty_label = plain_label(empty_text or EMPTY_TEXTS.get(kind_name, default), self)
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet("color: #666666; font-style: italic;")
        self.add_button = QPushButton(f"Add {in_running_text(label)}", self)
        self.delete_button = QPushButton("Delete", self)
        self.add_button.setIcon(themed_icon("plus"))
        self.delete_button.setIcon(themed_icon("trash-2"))
        self.add_button.setVisible(new_values is not None)
        self.add_button.clicked.connect(self._on_add_clicked)
        self.delete_button.clicked.connect(self._on_delete_clicked)
        delete_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.view)
        delete_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete_key.activated.connect(self._on_delete_key_activated)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self._build_layout()
        if not title:
            self.title_label.hide()
        self._update_buttons()

    def _build_layout(self) -> None:
        """Title and buttons over the empty-state line, the table and the details."""
        top = QHBoxLayout()
        self.button_row = top
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.title_label)
        top.addStretch(1)
        top.addWidget(self.add_button)
        top.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        # Under the buttons, not between them and the title: that row must fit a page
        # ~430 px wide at 1366x768.
        layout.addWidget(self.empty_label)
        layout.addWidget(self.view, 1)  # spare height goes to the rows, not the details
        if self.details is not None:
            layout.addWidget(self.details)

    def _build_table(
        self, document: WorkspaceDocument, kind_name: str, columns: Sequence[Column], sortable: bool
    ) -> None:
        """The table of rows with its model and editing delegate."""
        self.model = EntityTableModel(document, kind_name, columns, self)
        self.model.errorOccurred.connect(self.errorOccurred)
        self.view = make_table_view(self)
        self.view.setObjectName(f"{kind_name}_table")
        self.view.setModel(self.model)
        self.delegate = FieldDelegate(document, self.view)
        self.delegate.errorOccurred.connect(self.errorOccurred)
        self.view.setItemDelegate(self.delegate)
        if sortable:
            self.view.setSortingEnabled(True)
            self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.view.horizontalHeader().setStretchLastSection(False)
        # Columns are fitted to the view's width whenever it changes (see _fit_columns).
        self.view.viewport().installEventFilter(self)

    def _build_details(self, document: WorkspaceDocument, columns: Sequence[Column]) -> None:
        """The box under the table with the selected row's remaining fields (if any)."""
        self.details: RowDetails | None = None
        if not columns:
            return
        for column in columns:
            self.view.setColumnHidden(self.model.column_of(column.field), True)
        self.details = RowDetails(document, self.kind_name, columns, self)
        self.details.errorOccurred.connect(self.errorOccurred)
        self.view.selectionModel().selectionChanged.connect(self._show_details)
        self.model.modelReset.connect(self._show_details)

    def _show_details(self, *_args: object) -> None:
        if self.details is None:
            return
        entity_id = self.current_id()
        row = self.model.row_at(self.model.row_of(entity_id)) if entity_id else None
        self.details.show_row(row)
        self.details.setVisible(self.model.rowCount() > 0)  # nothing to select: no hint

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The viewport's own resize, not the view's: a filter sees the view's resize before
        # the view lays out its viewport, whose width would still be the old one (a hidden
        # directory fitted its columns to a stale width and kept them when shown).
        if watched is self.view.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        return super().eventFilter(watched, event)

    # --- content ------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.model.set_rows(rows)
        self._fit_columns()
        self._show_details()  # the selected row's new values (and version)
        self._update_buttons()

    def set_read_only(self, read_only: bool) -> None:
        self.model.set_read_only(read_only)
        if self.details is not None:
            self.details.form.set_read_only(read_only)
        self._update_buttons()

    def select_entity(self, entity_id: str) -> bool:
        row = self.model.row_of(entity_id)
        if row < 0:
            return False
        index = self.model.index(row, 0)
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        self.view.setFocus()
        return True

    def current_id(self) -> str | None:
        index = self.view.currentIndex()
        if not index.isValid() or not self.view.selectionModel().isRowSelected(index.row()):
            return None
        return str(self.model.row_at(index.row()).id)

    def missing(self) -> list[str]:
        return self.model.missing_fields()

    # --- actions ------------------------------------------------------------------------

    def _run(self, operation: Callable[..., Any], **kwargs: Any) -> Any:
        try:
            return self.document.run(operation, **kwargs)
        except PlannerError as exc:
            self.errorOccurred.emit(str(exc))
            return None

    def _on_add_clicked(self) -> None:
        values = self._new_values() if self._new_values is not None else None
        if values is None:
            return
        change = self._run(create_entity, kind_name=self.kind_name, values=values)
        new_id = change.first_id(self.kind_name) if change is not None else None
        if new_id and self.select_entity(new_id):
            first = next((i for i, c in enumerate(self.model.columns) if c.editable), 0)
            self.view.edit(self.model.index(self.model.row_of(new_id), first))

    def _on_delete_clicked(self) -> None:
        entity_id = self.current_id()
        if entity_id is None:
            return
        if self.confirm_delete is not None and not self.confirm_delete(entity_id):
            return
        self._run(
            delete_entity,
            kind_name=self.kind_name,
            entity_id=entity_id,
            expected_version=self.model.row_at(self.model.row_of(entity_id)).version,
        )

    def _on_delete_key_activated(self) -> None:
        if self.delete_button.isVisible() and self.delete_button.isEnabled():
            self._on_delete_clicked()

    def _update_buttons(self, *_args: object) -> None:
        writable = not self.model.read_only and not self.document.read_only
        self.add_button.setEnabled(writable)
        self.delete_button.setEnabled(writable and self.current_id() is not None)
        self.empty_label.setVisible(self.model.rowCount() == 0)

    def _fit_columns(self) -> None:
        """Each column as wide as its header and widest cell (up to a third of the view),
        the long-text column taking the rest. In a narrow view the other columns give way
        down to their headers, their cells elided (the tooltip holds the whole text), so no
        column is cut off at the right and nothing scrolls sideways."""
        view, header = self.view, self.view.horizontalHeader()
        width = view.viewport().width()
        if width <= 0 or not self.stretch_field:
            return
        stretch = self.model.column_of(self.stretch_field)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        others = [
            c
            for c in range(self.model.columnCount())
            if c != stretch and not view.isColumnHidden(c)
        ]
        floor = {c: header.sectionSizeHint(c) for c in others}
        cap = max(width // 3, 120)
        wants = {c: max(floor[c], min(view.sizeHintForColumn(c) + 8, cap)) for c in others}
        room = width - max(header.sectionSizeHint(stretch), STRETCH_MINIMUM)
        excess = sum(wants.values()) - room
        slack = sum(wants[c] - floor[c] for c in others)
        for c in others:
            give = (wants[c] - floor[c]) * min(1.0, excess / slack) if excess > 0 and slack else 0
            header.resizeSection(c, wants[c] - int(give + 0.999))
