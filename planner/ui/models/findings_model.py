"""The findings panel's list: severity, system and message of each readiness finding."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from planner.analysis.rule import Finding
from planner.ui.models.row_table_model import ColumnSpec, RowTableModel
from planner.ui.plain_text import tooltip
from planner.ui.widgets.status_icons import severity_icon

SEVERITY, SYSTEM, MESSAGE = range(3)

_LABELS = {"blocker": "Blocker", "warning": "Warning", "info": "Info"}
_RANK = {"blocker": 0, "warning": 1, "info": 2}


def severity_label(finding: Any) -> str:
    value = str(finding.severity)
    return _LABELS.get(value, value.capitalize())


@dataclass(frozen=True)
class FindingRow:
    """One finding, the name of its system and its message as the panel shows it."""

    finding: Finding
    system: str
    message: str


def _listing_order(row: FindingRow) -> tuple[int, str, str]:
    return (_RANK.get(str(row.finding.severity), 9), row.system.casefold(), row.finding.message)


# In the order of SEVERITY, SYSTEM, MESSAGE.
COLUMNS: tuple[ColumnSpec[FindingRow], ...] = (
    ColumnSpec("Severity", lambda row: severity_label(row.finding)),
    ColumnSpec("AI system", lambda row: row.system),
    ColumnSpec("Finding", lambda row: row.message),
)


class FindingsModel(RowTableModel[FindingRow]):
    """Findings sorted gravest first, then by system name, as the panel lists them."""

    def __init__(
        self,
        system_name: Callable[[str | None], str],
        parent: Any = None,
        message: Callable[[Finding], str] | None = None,
    ) -> None:
        super().__init__(COLUMNS, parent)
        self._system_name = system_name
        # How a finding's message is shown (the panel makes it a sentence).
        self._message = message or (lambda finding: str(finding.message))

    def set_findings(self, findings: Iterable[Finding]) -> None:
        rows = (FindingRow(f, self._system_name(f.system_id), self._message(f)) for f in findings)
        self.set_rows(sorted(rows, key=_listing_order))

    def finding(self, row: int) -> Finding | None:
        found = self.row(row)
        return found.finding if found is not None else None

    def counts(self) -> dict[str, int]:
        tally = {"blocker": 0, "warning": 0, "info": 0}
        for row in self.rows:
            key = str(row.finding.severity)
            tally[key] = tally.get(key, 0) + 1
        return tally

    def cell_data(self, row: FindingRow, column: int, role: int) -> Any:
        finding = row.finding
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
            return tooltip(f"{row.message}\n\nHow to fix: {finding.remedy}")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{severity_label(finding)}: {row.system}: {row.message}"
        return None
