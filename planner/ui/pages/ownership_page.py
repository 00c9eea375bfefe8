"""The Ownership page: the RACI grid of who does what for each operating activity."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRegularExpression, Qt
from PySide6.QtGui import QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from planner.ui.models.raci_table_model import Assignee, RaciTableModel, assignee_of
from planner.ui.pages.editor_page import EditorPage
from planner.ui.widgets.entity_table_panel import plain_label
from planner.ui.widgets.pickers import assignee_value, fill_assignees
from planner.ui.workspace_document import WorkspaceDocument

_Index = QModelIndex | QPersistentModelIndex

LEGEND = (
    "Type R (Responsible), A (Accountable), C (Consulted) or I (Informed) in a cell: it is "
    "stored at once and the cursor moves down. Delete clears it. Each activity needs "
    "exactly one A."
)
EMPTY_LEGEND = "Nobody has a role in this system yet: add a person or team as a column to start."


class RaciLetterDelegate(QStyledItemDelegate):
    """Edits a RACI cell as one letter: R, A, C, I, or empty to clear."""

    def createEditor(
        self, parent: QWidget, _option: QStyleOptionViewItem, _index: _Index
    ) -> QWidget:
        editor = QLineEdit(parent)
        editor.setMaxLength(1)
        editor.setAlignment(Qt.AlignmentFlag.AlignCenter)
        editor.setValidator(QRegularExpressionValidator(QRegularExpression("[RACIraci]?"), editor))
        return editor


_LETTERS = {Qt.Key.Key_R: "R", Qt.Key.Key_A: "A", Qt.Key.Key_C: "C", Qt.Key.Key_I: "I"}
_CLEAR = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
_PLAIN = (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier)


class RaciLetterView(QTableView):
    """A RACI letter or Delete is stored at once and the cursor moves down, as in a spreadsheet.

    Other keys behave as in any table (Enter or a double click still opens the one-letter
    editor).
    """

    def keyPressEvent(self, event: QKeyEvent) -> None:
        index = self.currentIndex()
        editing = self.state() == QAbstractItemView.State.EditingState
        key = Qt.Key(event.key())
        letter = _LETTERS.get(key) if event.modifiers() in _PLAIN else None
        clear = key in _CLEAR and event.modifiers() == Qt.KeyboardModifier.NoModifier
        if editing or not index.isValid() or not (letter or clear):
            super().keyPressEvent(event)
            return
        event.accept()
        model = self.model()
        if not model.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return
        model.setData(index, letter or "", Qt.ItemDataRole.EditRole)
        below = model.index(index.row() + 1, index.column())
        if letter and below.isValid():
            self.setCurrentIndex(below)


class OwnershipPage(EditorPage):
    key = "ownership"
    title = "Ownership"

    def __init__(self, document: WorkspaceDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        # Columns a user added (or emptied) stay visible for that system in this session.
        self._extra: dict[str, set[Assignee]] = {}
        self.model = RaciTableModel(document, self)
        self.model.errorOccurred.connect(self.errorOccurred)
        self.view = RaciLetterView(self)
        self.view.setObjectName("raci_grid")
        self.view.setModel(self.model)
        self.view.setItemDelegate(RaciLetterDelegate(self.view))
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setMinimumSectionSize(60)
        # A long name is elided in its column (full name in the tip), not the column widened.
        header.setMaximumSectionSize(header.fontMetrics().averageCharWidth() * 24)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)

        self.legend = plain_label("", self)
        self.legend.setWordWrap(True)
        self.assignee_combo = QComboBox(self)
        self.assignee_combo.setObjectName("assignee_combo")
        # A page is about 410 px wide at 1366x768: the picker shrinks with it (names are
        # elided, the full name is in the list) rather than push the page sideways.
        self.assignee_combo.setMinimumContentsLength(12)
        self.assignee_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.add_column_button = QPushButton("Add column", self)
        self.add_column_button.clicked.connect(self._on_add_column_clicked)
        adding = plain_label("Add a person or team as a column:", self)
        adding.setBuddy(self.assignee_combo)
        row = QHBoxLayout()
        row.addWidget(self.assignee_combo, 1)
        row.addWidget(self.add_column_button)
        self.page_layout.addWidget(self.legend)
        self.page_layout.addWidget(adding)
        self.page_layout.addLayout(row)
        self.page_layout.addWidget(self.view, 1)

    def refresh(self) -> None:
        assert self.system is not None
        extra = self._extra.setdefault(self.system.id, set())
        if self.model._system_id == self.system.id:
            extra.update(self.model.assignees())
        self.model.set_read_only(self.read_only)
        self.model.set_system(self.system, extra)
        self.legend.setText(LEGEND if self.model.columnCount() else EMPTY_LEGEND)
        fill_assignees(self.assignee_combo, self.document.plan, exclude=set(self.model.assignees()))
        writable = not self.read_only
        self.add_column_button.setEnabled(writable and self.assignee_combo.count() > 0)
        self.assignee_combo.setEnabled(writable)

    def add_column(self, assignee: Assignee) -> None:
        """Show an (empty) column for a person or team, and put the cursor in it."""
        assert self.system is not None
        self._extra.setdefault(self.system.id, set()).add(assignee)
        self.refresh()
        column = self.model.column_of(assignee)
        if column >= 0 and self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(0, column))
            self.view.setFocus()

    def select_entity(self, kind_name: str, entity_id: str) -> bool:
        if kind_name != "raci" or self.system is None:
            return False
        row = next((r for r in self.system.raci if r.id == entity_id), None)
        if row is None:
            return False
        who = assignee_of(row)
        index = self.model.index(
            self.model.row_of_activity(row.activity_id), self.model.column_of(who)
        )
        self.view.setCurrentIndex(index)
        self.view.setFocus()
        return True

    def _on_add_column_clicked(self) -> None:
        assignee = assignee_value(self.assignee_combo)
        if assignee:
            self.add_column((assignee[0], assignee[1]))
