"""The Find anything list: one row per search hit, its title with what and where it is."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from planner.analysis.search import Hit
from planner.ui.plain_text import tooltip

# Custom role: the Hit of a row.
HIT_ROLE = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex


def hit_text(hit: Hit, width: int = 0) -> str:
    """One line for a hit: "Runbook — Document · Claims Triage" (the title cut to ``width``
    characters, if given, so what and where it is always stay in sight)."""
    where = f"{hit.kind} · {hit.detail}" if hit.detail else hit.kind
    title = hit.title if not width or len(hit.title) <= width else f"{hit.title[: width - 1]}…"
    return f"{title} — {where}"


class SearchHitModel(QAbstractListModel):
    """Hits in the order the search ranked them."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._hits: list[Hit] = []

    def set_hits(self, hits: Sequence[Hit]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def hit(self, row: int) -> Hit | None:
        return self._hits[row] if 0 <= row < len(self._hits) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        hit = self.hit(index.row()) if index.isValid() else None
        if hit is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return hit_text(hit, 60)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(hit_text(hit))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return hit_text(hit)
        if role == HIT_ROLE:
            return hit
        return None
