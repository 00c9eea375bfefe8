"""The board's RACI grid as a table model: a name row, then activities; one column per assignee."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from planner.ui.board.board_colours import HEADER_TINTS

# An assignee column: ("person" | "team", entity id).
Key = tuple[str, str]
# A cell: (activity id, assignee key).
Cell = tuple[str, Key]
Index = QModelIndex | QPersistentModelIndex

NAME_ROW = 0
ADD_PLACEHOLDER = "type a name…"
MEANING = "R Responsible · A Accountable · C Consulted · I Informed"

# What a cell is, for the delegate: the name row, the "add a column" cell, or a RACI cell.
KindRole = Qt.ItemDataRole.UserRole + 1
# The gravest finding severity marking the cell ("blocker", "warning", "info") or None.
MarkRole = Qt.ItemDataRole.UserRole + 2
NAME_CELL, ADD_CELL, ROLE_CELL, EMPTY_CELL = "name", "add", "role", "empty"

_RANK = {"blocker": 0, "warning": 1, "info": 2}


def gravest(first: str | None, second: str | None) -> str | None:
    """The graver of two severities (None means no finding)."""
    if first is None:
        return second
    if second is None:
        return first
    return first if _RANK.get(first, 9) <= _RANK.get(second, 9) else second


class RaciGridModel(QAbstractTableModel):
    """Plain rows in, letters out; edits leave through ``name_entered`` and the view's signals."""

    # The facilitator typed a name into the "type a name…" cell of the name row.
    name_entered = Signal(str)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._activities: list[tuple[str, str]] = []  # (id, name)
        self._keys: list[Key] = []
        self._names: dict[Key, str] = {}
        self._roles: dict[Cell, str] = {}
        self._cell_marks: dict[Cell, str] = {}
        self._row_marks: dict[str, str] = {}
        self._column_marks: dict[Key, str] = {}
        self._messages: dict[Any, list[str]] = {}

    # -- reading -----------------------------------------------------------------------------

    @property
    def keys(self) -> tuple[Key, ...]:
        return tuple(self._keys)

    @property
    def add_column(self) -> int:
        return len(self._keys)

    def key_at(self, column: int) -> Key | None:
        return self._keys[column] if 0 <= column < len(self._keys) else None

    def activity_at(self, row: int) -> str | None:
        index = row - 1
        return self._activities[index][0] if 0 <= index < len(self._activities) else None

    def column_of(self, key: Key) -> int:
        return self._keys.index(key) if key in self._keys else -1

    def row_of(self, activity_id: str) -> int:
        for number, (aid, _name) in enumerate(self._activities):
            if aid == activity_id:
                return number + 1
        return -1

    def role_at(self, row: int, column: int) -> str | None:
        activity, key = self.activity_at(row), self.key_at(column)
        if activity is None or key is None:
            return None
        return self._roles.get((activity, key))

    def cell(self, row: int, column: int) -> tuple[str, str, str | None]:
        """(kind, text, mark) of a cell, read without a QVariant round trip (see the delegate)."""
        kind = self._kind(row, column)
        if kind == NAME_CELL:
            text = self._names.get(self._keys[column], "")
        elif kind == ADD_CELL:
            text = ADD_PLACEHOLDER
        else:
            text = (self.role_at(row, column) or "") if kind == ROLE_CELL else ""
        return kind, text, self._mark(row, column, kind)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._activities) + 1

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._keys) + 1

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.row() == NAME_ROW and index.column() == self.add_column:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def _kind(self, row: int, column: int) -> str:
        if row == NAME_ROW:
            return ADD_CELL if column == self.add_column else NAME_CELL
        return EMPTY_CELL if column == self.add_column else ROLE_CELL

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        kind = self._kind(row, column)
        if role == Qt.ItemDataRole.DisplayRole:
            if kind == NAME_CELL:
                return self._names.get(self._keys[column], "")
            if kind == ADD_CELL:
                return ADD_PLACEHOLDER
            if kind == ROLE_CELL:
                return self.role_at(row, column) or ""
            return ""
        if role == Qt.ItemDataRole.EditRole:
            return "" if kind == ADD_CELL else None
        if role == KindRole:
            return kind
        if role == MarkRole:
            return self._mark(row, column, kind)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column, kind)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if kind in (NAME_CELL, ADD_CELL):
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _mark(self, row: int, column: int, kind: str) -> str | None:
        if kind == NAME_CELL:
            return self._column_marks.get(self._keys[column])
        if kind == ADD_CELL:
            return None
        activity = self.activity_at(row)
        if activity is None:
            return None
        row_mark = self._row_marks.get(activity)
        if kind == EMPTY_CELL:
            return row_mark
        key = self._keys[column]
        # An activity-wide gap (nobody Accountable) marks the empty cells where it could go.
        marks = self._cell_marks.get((activity, key))
        if (activity, key) not in self._roles:
            marks = gravest(marks, row_mark)
        return marks

    def _tooltip(self, row: int, column: int, kind: str) -> str | None:
        lines: list[str] = []
        if kind == NAME_CELL:
            lines = self._messages.get(self._keys[column], [])
        elif kind == ADD_CELL:
            return "Type a name and press Enter to add a column (a new person if nobody has it)"
        elif (activity := self.activity_at(row)) is not None:
            lines = list(self._messages.get(activity, []))
            if kind == ROLE_CELL:
                lines += self._messages.get((activity, self._keys[column]), [])
        return "\n".join(lines) or None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < self.columnCount():
                return None
            key = self.key_at(section)
            if role == Qt.ItemDataRole.DisplayRole:
                if key is None:
                    return "+ add"
                # A text sign too, so a finding on the person does not rest on colour alone.
                return ("⚠ " if key in self._column_marks else "") + self._names.get(key, "")
            if role == Qt.ItemDataRole.ToolTipRole:
                if key is None:
                    return "Type a name in the top row of this column to add a person or team"
                lines = [self._names.get(key, ""), *self._messages.get(key, []), MEANING]
                return "\n".join(line for line in lines if line)
            mark = self._column_marks.get(key) if key is not None else None
            if role == Qt.ItemDataRole.BackgroundRole and mark:
                return QColor(HEADER_TINTS.get(mark, "#FFD9D9"))
            if role == Qt.ItemDataRole.ForegroundRole and mark:
                return QColor("#000000")
            return None
        if not 0 <= section < self.rowCount():
            return None
        activity = self.activity_at(section)
        if role == Qt.ItemDataRole.DisplayRole:
            if activity is None:
                return "Who →"
            # A text sign too, so the mark does not rest on colour alone.
            sign = "⚠ " if activity in self._row_marks else ""
            return sign + self._activities[section - 1][1]
        # Dark text on a light tint reads on light and dark palettes alike.
        if role == Qt.ItemDataRole.BackgroundRole and activity in self._row_marks:
            return QColor(HEADER_TINTS.get(self._row_marks[activity], "#FFD9D9"))
        if role == Qt.ItemDataRole.ForegroundRole and activity in self._row_marks:
            return QColor("#000000")
        if role == MarkRole:
            return self._row_marks.get(activity) if activity else None
        if role == Qt.ItemDataRole.ToolTipRole and activity:
            return "\n".join(self._messages.get(activity, [])) or None
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Only the "type a name…" cell is editable; the name goes out, nothing changes here."""
        if (
            index.isValid()
            and role == Qt.ItemDataRole.EditRole
            and index.row() == NAME_ROW
            and index.column() == self.add_column
            and isinstance(value, str)
            and value.strip()
        ):
            self.name_entered.emit(" ".join(value.split()))
        return False

    # -- updating ----------------------------------------------------------------------------

    def reset(
        self,
        activities: Sequence[tuple[str, str]],
        columns: Sequence[tuple[Key, str]],
        roles: Mapping[Cell, str],
    ) -> None:
        self.beginResetModel()
        self._activities = list(activities)
        self._keys = [key for key, _name in columns]
        self._names = dict(columns)
        self._roles = dict(roles)
        self._cell_marks, self._row_marks, self._column_marks, self._messages = {}, {}, {}, {}
        self.endResetModel()

    def append_column(self, key: Key, name: str) -> int:
        """Add an assignee column just before the "type a name…" column; returns its number."""
        if key in self._keys:
            return self._keys.index(key)
        column = len(self._keys)
        self.beginInsertColumns(QModelIndex(), column, column)
        self._keys.append(key)
        self._names[key] = name
        self.endInsertColumns()
        return column

    def set_names(self, names: Mapping[Key, str]) -> None:
        changed = [c for c, key in enumerate(self._keys) if names.get(key, "") != self._names[key]]
        self._names.update({key: names.get(key, "") for key in self._keys})
        for column in changed:
            self._emit_cell(NAME_ROW, column)
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, column, column)

    def set_roles(self, roles: Mapping[Cell, str]) -> None:
        """Take the system's current letters; repaint only the cells whose letter changed."""
        old = self._roles
        self._roles = dict(roles)
        for cell in old.keys() | self._roles.keys():
            if old.get(cell) != self._roles.get(cell):
                self._emit_at(cell)

    def set_marks(
        self,
        cells: Mapping[Cell, str],
        rows: Mapping[str, str],
        columns: Mapping[Key, str],
        messages: Mapping[Any, Iterable[str]],
    ) -> None:
        """Take the findings' marks; repaint the rows and cells whose mark changed."""
        old_cells, old_rows, old_columns = self._cell_marks, self._row_marks, self._column_marks
        self._cell_marks, self._row_marks = dict(cells), dict(rows)
        self._column_marks = dict(columns)
        self._messages = {key: list(lines) for key, lines in messages.items()}
        last = self.columnCount() - 1
        for activity in old_rows.keys() | self._row_marks.keys():
            if old_rows.get(activity) != self._row_marks.get(activity):
                row = self.row_of(activity)
                if row > 0:
                    self.dataChanged.emit(self.index(row, 0), self.index(row, last), [MarkRole])
                    self.headerDataChanged.emit(Qt.Orientation.Vertical, row, row)
        for cell in old_cells.keys() | self._cell_marks.keys():
            if old_cells.get(cell) != self._cell_marks.get(cell):
                self._emit_at(cell)
        for key in old_columns.keys() | self._column_marks.keys():
            if old_columns.get(key) != self._column_marks.get(key) and key in self._keys:
                column = self._keys.index(key)
                self._emit_cell(NAME_ROW, column)
                self.headerDataChanged.emit(Qt.Orientation.Horizontal, column, column)

    def _emit_at(self, cell: Cell) -> None:
        row, column = self.row_of(cell[0]), self.column_of(cell[1])
        if row > 0 and column >= 0:
            self._emit_cell(row, column)

    def _emit_cell(self, row: int, column: int) -> None:
        index = self.index(row, column)
        self.dataChanged.emit(index, index)
