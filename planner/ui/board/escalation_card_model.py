"""One escalation chain's levels as a list model of cards, in the order they are called."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from planner.domain.plan import LevelPlan, Plan

LEVEL_MIME = "application/x-handover-escalation-level"
Index = QModelIndex | QPersistentModelIndex

# The card's first line ("Level 2 · after 15 min") and its second (who is called).
TitleRole = Qt.ItemDataRole.UserRole + 1
TargetsRole = Qt.ItemDataRole.UserRole + 2
LevelIdRole = Qt.ItemDataRole.UserRole + 3


class EscalationCard:
    """What a card shows, computed once from the plan's rows."""

    __slots__ = ("level_id", "note", "targets", "title")

    def __init__(self, level: LevelPlan, number: int, plan: Plan) -> None:
        row = level.level
        self.level_id = str(row.id)
        timing = "at once" if not row.delay_minutes else f"+{row.delay_minutes} min"
        response = f" · reply ≤ {row.response_minutes} min" if row.response_minutes else ""
        self.title = f"Level {number} · {timing}{response}"
        names = [plan.name_of(t.person_id, t.team_id) for t in level.targets]
        self.targets = ", ".join(names) if names else "nobody yet"
        self.note = str(row.note or "")


class EscalationCardModel(QAbstractListModel):
    """Plain cards, in position order; moves leave through the view, never through setData."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._cards: list[EscalationCard] = []

    def set_levels(self, levels: Sequence[LevelPlan], plan: Plan) -> None:
        self.beginResetModel()
        self._cards = [EscalationCard(level, n + 1, plan) for n, level in enumerate(levels)]
        self.endResetModel()

    def level_id(self, row: int) -> str | None:
        return self._cards[row].level_id if 0 <= row < len(self._cards) else None

    def row_of(self, level_id: str) -> int:
        return next((n for n, c in enumerate(self._cards) if c.level_id == level_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._cards)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._cards):
            return None
        card = self._cards[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{card.title}: {card.targets}"
        if role == TitleRole:
            return card.title
        if role == TargetsRole:
            return card.targets + (f" — {card.note}" if card.note else "")
        if role == LevelIdRole:
            return card.level_id
        if role == Qt.ItemDataRole.ToolTipRole:
            return card.note or None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return (
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        )

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [LEVEL_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        mime = QMimeData()
        ids = [self.level_id(i.row()) for i in indexes if i.isValid()]
        mime.setData(LEVEL_MIME, QByteArray(",".join(i for i in ids if i).encode()))
        return mime


def dragged_level(mime: QMimeData) -> str | None:
    """The level id a drag carries (the first, if several), or None for a foreign drag."""
    if not mime.hasFormat(LEVEL_MIME):
        return None
    raw = bytes(mime.data(LEVEL_MIME).data()).decode(errors="replace")
    return raw.split(",")[0] or None
