"""A read-only table model over a tuple of typed rows, its columns declared as data."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Row = TypeVar("Row")
Index = QModelIndex | QPersistentModelIndex
# Custom role: the row itself (an audit event, a finding), for views that act on a row.
ROW_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class ColumnSpec(Generic[Row]):
    """One column: its header and the plain text a row shows in it."""

    header: str
    text: Callable[[Row], str]


class RowTableModel(QAbstractTableModel, Generic[Row]):
    """Rows are replaced whole by ``set_rows`` (a model reset) and never edited.

    The display text of a cell comes from its column's spec, the row itself from
    ``ROW_ROLE``; any other role from ``cell_data``, which a model overrides for its
    tooltips, icons and fonts. Roles nobody handles give None, as Qt expects.
    """

    def __init__(self, columns: Sequence[ColumnSpec[Row]], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)
        self._rows: tuple[Row, ...] = ()

    @property
    def rows(self) -> tuple[Row, ...]:
        return self._rows

    def set_rows(self, rows: Iterable[Row]) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self.endResetModel()

    def row(self, number: int) -> Row | None:
        return self._rows[number] if 0 <= number < len(self._rows) else None

    def cell_text(self, row: Row, column: int) -> str:
        return self.columns[column].text(row)

    def cell_data(self, row: Row, column: int, role: int) -> Any:
        """A role other than display text and the row; None unless a model says more."""
        del row, column, role
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.columns)
        ):
            return self.columns[section].header
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row(index.row()) if index.isValid() else None
        if row is None or not 0 <= index.column() < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell_text(row, index.column())
        if role == ROW_ROLE:
            return row
        return self.cell_data(row, index.column(), role)
