"""The system's action items as a list model for the board's parking lot, newest first."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from planner.domain.enums import ActionStatus
from planner.domain.plan import ActionItem, Plan

Index = QModelIndex | QPersistentModelIndex
ActionIdRole = Qt.ItemDataRole.UserRole + 1


class ParkingLotModel(QAbstractListModel):
    """Plain (id, line, status) rows; open items first, then newest first, sorted here."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, str, bool]] = []

    def set_actions(self, actions: Sequence[ActionItem], plan: Plan) -> None:
        rows = []
        for action in actions:
            parts = [action.text]
            if action.owner_id:
                parts.append(f"@{plan.name_of(action.owner_id)}")
            if action.due:
                parts.append(f"due {action.due.isoformat()}")
            rows.append((action, " · ".join(parts)))
        rows.reverse()  # the plan lists them oldest first
        # Stable: newest first within the open items and within the closed ones.
        rows.sort(key=lambda pair: pair[0].status != ActionStatus.OPEN)
        self.beginResetModel()
        self._rows = [(a.id, line, a.status == ActionStatus.OPEN) for a, line in rows]
        self.endResetModel()

    def action_id(self, row: int) -> str | None:
        return self._rows[row][0] if 0 <= row < len(self._rows) else None

    def row_of(self, action_id: str) -> int:
        return next((n for n, r in enumerate(self._rows) if r[0] == action_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        action_id, line, is_open = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return line if is_open else f"✓ {line}"
        if role == ActionIdRole:
            return action_id
        if role == Qt.ItemDataRole.ToolTipRole:
            return line
        return None
