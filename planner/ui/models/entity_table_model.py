"""A table model over plain rows of one entity kind, editable through update_entity."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from planner.domain.enums import LabelledEnum
from planner.domain.errors import ConflictError, PlannerError
from planner.domain.plan import Plan
from planner.operations import update_entity
from planner.ui.plain_text import tooltip
from planner.ui.workspace_document import WorkspaceDocument

# The role under which a view's delegate finds the Column of an index.
COLUMN_ROLE = Qt.ItemDataRole.UserRole + 1
# The role under which the entity id of a row is found.
ID_ROLE = Qt.ItemDataRole.UserRole + 2

MISSING_BRUSH = QBrush(QColor(255, 228, 228))

_Index = QModelIndex | QPersistentModelIndex

# How a column's value is shown and edited.
TEXT, ENUM, PERSON, TEAM, DATE, INT, FLOAT, BOOL, COMPUTED = (
    "text",
    "enum",
    "person",
    "team",
    "date",
    "int",
    "float",
    "bool",
    "computed",
)


@dataclass(frozen=True)
class Column:
    """One column of an entity table: which field, how it is edited, whether it is required."""

    field: str
    title: str
    kind: str = TEXT
    enum: type[LabelledEnum] | None = None
    required: bool = False
    # Whether the field accepts None (enum, person, team, date and number pickers offer "none").
    optional: bool = True
    # For COMPUTED columns: the text shown for a row, given the plan.
    compute: Callable[[Any, Plan], Any] | None = None
    minimum: float = 0
    maximum: float = 525_600
    # A person picker that must not offer the row itself (a person is not their own deputy).
    not_own_row: bool = False

    @property
    def editable(self) -> bool:
        return self.kind != COMPUTED


def display_value(column: Column, value: Any, plan: Plan) -> str:
    """The text a user sees for a stored value."""
    if value is None or value == "":
        return ""
    if column.kind == ENUM and column.enum is not None:
        try:
            return column.enum(value).label
        except ValueError:
            return str(value)
    if column.kind == PERSON:
        return person_label(plan, value)
    if column.kind == TEAM:
        return plan.name_of(team_id=value)
    if column.kind == DATE and isinstance(value, dt.date):
        return value.isoformat()
    if column.kind == FLOAT and isinstance(value, float):
        return f"{value:g}"
    return str(value)


def person_label(plan: Plan, person_id: str | None) -> str:
    """A person's name, marked when they are no longer active."""
    if person_id is None:
        return ""
    row = plan.people.get(person_id)
    if row is None:
        return "(unknown)"
    return str(row.name) if row.active else f"{row.name} (inactive)"


def is_empty(value: Any) -> bool:
    return value is None or value == "" or value == []


class EntityTableModel(QAbstractTableModel):
    """Rows of one entity kind (plain snapshot rows); edits go through ``document.run``.

    The owner hands in rows with ``set_rows``; an edit that keeps the same rows in the same
    order updates cells in place (so selection and the current cell survive), anything else
    resets the model.
    """

    # A domain error from an edit, for the user to read.
    errorOccurred = Signal(str)

    def __init__(
        self,
        document: WorkspaceDocument,
        kind_name: str,
        columns: Sequence[Column],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.kind_name = kind_name
        self.columns = tuple(columns)
        self.read_only = False
        # Why the last setData refused its value ("" when it did not).
        self.last_error = ""
        self.quiet_errors = False
        self._rows: list[Any] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None

    # --- content ------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[Any]) -> None:
        rows = self._sorted(list(rows))
        old_ids = [r.id for r in self._rows]
        new_ids = [r.id for r in rows]
        if new_ids != old_ids and sorted(new_ids) == sorted(old_ids):
            # Same rows in a new order (a rename in a sorted table): move them, so the
            # selection and any open editor follow their row instead of being reset.
            self.layoutAboutToBeChanged.emit()
            old = {row_id: i for i, row_id in enumerate(old_ids)}
            width = range(len(self.columns))
            moved_from = [self.index(old[row_id], c) for row_id in new_ids for c in width]
            moved_to = [self.index(i, c) for i in range(len(new_ids)) for c in width]
            self._rows = rows
            self.changePersistentIndexList(moved_from, moved_to)
            self.layoutChanged.emit()
            old_ids = new_ids
        if new_ids == old_ids:
            self._rows = rows
            if rows:
                last = self.index(len(rows) - 1, len(self.columns) - 1)
                self.dataChanged.emit(self.index(0, 0), last)
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def set_read_only(self, read_only: bool) -> None:
        if read_only != self.read_only:
            self.read_only = read_only
            if self._rows:
                last = self.index(len(self._rows) - 1, len(self.columns) - 1)
                self.dataChanged.emit(self.index(0, 0), last)

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def rows(self) -> list[Any]:
        return list(self._rows)

    def row_of(self, entity_id: str) -> int:
        """The row number of an entity, or -1."""
        return next((i for i, r in enumerate(self._rows) if r.id == entity_id), -1)

    def column_of(self, field: str) -> int:
        return next((i for i, c in enumerate(self.columns) if c.field == field), -1)

    def missing_fields(self) -> list[str]:
        """Titles of required columns that are empty in some row, in column order."""
        return [
            c.title
            for c in self.columns
            if c.required and any(is_empty(self._value(r, c)) for r in self._rows)
        ]

    # --- Qt model -----------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.columns[section].title
            return None
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        column = self.columns[index.column()]
        if self.read_only or not column.editable:
            return flags
        if column.kind == BOOL:
            return flags | Qt.ItemFlag.ItemIsUserCheckable
        return flags | Qt.ItemFlag.ItemIsEditable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = self.columns[index.column()]
        value = self._value(row, column)
        if role == Qt.ItemDataRole.DisplayRole:
            if column.kind == BOOL:
                return None
            return display_value(column, value, self.document.plan)
        if role == Qt.ItemDataRole.EditRole:
            return value
        if role == Qt.ItemDataRole.CheckStateRole and column.kind == BOOL:
            return Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.BackgroundRole and column.required and is_empty(value):
            return MISSING_BRUSH
        if role == Qt.ItemDataRole.ToolTipRole:
            if column.required and is_empty(value):
                return f"{column.title} is missing"
            if column.kind in (TEXT, COMPUTED) and len(text := str(value or "")) > 30:
                return tooltip(text)  # long text is cut off in the cell; escaped, never markup
            return None
        if role == COLUMN_ROLE:
            return column
        if role == ID_ROLE:
            return row.id
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or not self.flags(index) & (
            Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsUserCheckable
        ):
            return False
        column = self.columns[index.column()]
        self.last_error = ""
        if role == Qt.ItemDataRole.CheckStateRole and column.kind == BOOL:
            value = Qt.CheckState(value) == Qt.CheckState.Checked
        elif role != Qt.ItemDataRole.EditRole:
            return False
        try:
            value = self._normalise(column, value)
        except ValueError:
            self._refuse(f"{column.title}: “{value}” is not a number.")
            return False
        row = self._rows[index.row()]
        if value == getattr(row, column.field):
            return False
        try:
            self.document.run(
                update_entity,
                kind_name=self.kind_name,
                entity_id=row.id,
                values={column.field: value},
                expected_version=row.version,
            )
        except ConflictError as exc:
            # Not reopened for another try: the table now shows the other writer's value.
            self.errorOccurred.emit(str(exc))
            return False
        except PlannerError as exc:
            self._refuse(str(exc))
            return False
        return True

    def _refuse(self, message: str) -> None:
        # Kept for the delegate, which reopens the cell with the text and this reason
        # (and says it under the cell itself: then it sets quiet_errors).
        self.last_error = message
        if not self.quiet_errors:
            self.errorOccurred.emit(message)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        old = {r.id: i for i, r in enumerate(self._rows)}
        self._rows = self._sorted(self._rows)
        width = range(len(self.columns))
        moved_from = [self.index(old[r.id], c) for r in self._rows for c in width]
        moved_to = [self.index(i, c) for i in range(len(self._rows)) for c in width]
        self.changePersistentIndexList(moved_from, moved_to)
        self.layoutChanged.emit()

    # --- helpers ------------------------------------------------------------------------

    def _value(self, row: Any, column: Column) -> Any:
        if column.compute is not None:
            return column.compute(row, self.document.plan)
        return getattr(row, column.field)

    def _sorted(self, rows: list[Any]) -> list[Any]:
        if self._sort is None:
            return rows
        number, order = self._sort
        column = self.columns[number]
        plan = self.document.plan

        def key(row: Any) -> tuple[int, Any]:
            value = self._value(row, column)
            if is_empty(value):
                return (1, "")
            if column.kind in (INT, FLOAT, DATE, BOOL):
                return (0, value)
            return (0, display_value(column, value, plan).casefold())

        reverse = order == Qt.SortOrder.DescendingOrder
        return sorted(rows, key=key, reverse=reverse)

    @staticmethod
    def _normalise(column: Column, value: Any) -> Any:
        if isinstance(value, str):
            value = value.strip()
            if column.kind in (PERSON, TEAM, ENUM, DATE, INT, FLOAT) and value == "":
                return None
            if column.kind == INT:
                return int(value)
            if column.kind == FLOAT:
                return float(value)
        return value
