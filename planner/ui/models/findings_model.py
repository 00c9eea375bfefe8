"""The findings panel's list: severity, system and message of each readiness finding."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from planner.ui.plain_text import tooltip
from planner.ui.widgets.status_icons import severity_icon

SEVERITY, SYSTEM, MESSAGE = range(3)
HEADERS = ("Severity", "AI system", "Finding")
# Custom role: the Finding object of a row.
FINDING_ROLE = Qt.ItemDataRole.UserRole + 1

_LABELS = {"blocker": "Blocker", "warning": "Warning", "info": "Info"}
_RANK = {"blocker": 0, "warning": 1, "info": 2}

Index = QModelIndex | QPersistentModelIndex


def severity_label(finding: Any) -> str:
    value = str(finding.severity)
    return _LABELS.get(value, value.capitalize())


class FindingsModel(QAbstractTableModel):
    """Findings sorted gravest first, then by system name, as the panel lists them."""

    def __init__(
        self,
        system_name: Callable[[str | None], str],
        parent: Any = None,
        message: Callable[[Any], str] | None = None,
    ) -> None:
        super().__init__(parent)
        self._system_name = system_name
        # How a finding's message is shown (the panel makes it a sentence).
        self._message = message or (lambda finding: str(finding.message))
        self._rows: list[tuple[Any, str]] = []

    def set_findings(self, findings: Iterable[Any]) -> None:
        self.beginResetModel()
        rows = [(f, self._system_name(f.system_id)) for f in findings]
        rows.sort(key=lambda r: (_RANK.get(str(r[0].severity), 9), r[1].casefold(), r[0].message))
        self._rows = rows
        self.endResetModel()

    def finding(self, row: int) -> Any:
        return self._rows[row][0] if 0 <= row < len(self._rows) else None

    def counts(self) -> dict[str, int]:
        tally = {"blocker": 0, "warning": 0, "info": 0}
        for finding, _name in self._rows:
            key = str(finding.severity)
            tally[key] = tally.get(key, 0) + 1
        return tally

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(HEADERS)
        ):
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        finding, system = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == SEVERITY:
                return severity_label(finding)
            if column == SYSTEM:
                return system
            if column == MESSAGE:
                return self._message(finding)
            return None
        if role == Qt.ItemDataRole.DecorationRole and column == SEVERITY:
            # A shape per severity (octagon, triangle, circle): not colour alone.
            return severity_icon(str(finding.severity))
        if (
            role == Qt.ItemDataRole.FontRole
            and column == SEVERITY
            and _RANK.get(str(finding.severity)) == 0
        ):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(f"{self._message(finding)}\n\nHow to fix: {finding.remedy}")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{severity_label(finding)}: {system}: {self._message(finding)}"
        if role == FINDING_ROLE:
            return finding
        return None
