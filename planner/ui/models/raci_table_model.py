"""The RACI grid of one system: activities as rows, people and teams as columns."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from planner.domain.enums import RaciRole
from planner.domain.errors import PlannerError
from planner.domain.plan import SystemPlan
from planner.operations import assign_raci
from planner.ui.widgets.field_styles import gap_colour
from planner.ui.workspace_document import WorkspaceDocument

_Index = QModelIndex | QPersistentModelIndex

# An assignee column: ("person" | "team", id).
Assignee = tuple[str, str]


def assignee_of(row: Any) -> Assignee:
    """The column a RACI row (or an escalation target) names: its person, else its team."""
    return ("person", row.person_id) if row.person_id else ("team", row.team_id or "")


ROLE_BRUSHES = {
    "R": QBrush(QColor(214, 234, 248)),
    "A": QBrush(QColor(252, 228, 190)),
    "C": QBrush(QColor(226, 240, 217)),
    "I": QBrush(QColor(236, 236, 236)),
}
# The tints are light in every palette: the letter on them is dark, or a dark palette's
# light text vanishes on them.
LETTER_COLOUR = QBrush(QColor(26, 26, 26))


class RaciTableModel(QAbstractTableModel):
    """Cells hold one letter (R, A, C, I) or nothing; an edit runs assign_raci."""

    errorOccurred = Signal(str)

    def __init__(self, document: WorkspaceDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.read_only = False
        self._system_id: str | None = None
        self._activities: list[Any] = []
        self._assignees: list[Assignee] = []
        self._cells: dict[tuple[str, Assignee], str] = {}
        # The version of each filled cell as shown (an empty cell is version 0), handed
        # back with an edit so a cell another writer changed meanwhile is not overwritten.
        self._versions: dict[tuple[str, Assignee], int] = {}

    # --- content ------------------------------------------------------------------------

    def set_system(self, system: SystemPlan | None, extra: Iterable[Assignee] = ()) -> None:
        """Show a system's assignments, plus empty columns for ``extra`` assignees."""
        plan = self.document.plan
        cells: dict[tuple[str, Assignee], str] = {}
        self._versions = {}
        assignees: set[Assignee] = set(extra)
        if system is not None:
            for row in system.raci:
                who = assignee_of(row)
                assignees.add(who)
                cells[(row.activity_id, who)] = str(row.role)
                self._versions[(row.activity_id, who)] = row.version
        ordered = sorted(assignees, key=lambda a: (a[0] == "team", self._name(a).casefold(), a[1]))
        activities = list(plan.activities)
        new_id = system.id if system is not None else None
        same_shape = (
            new_id == self._system_id
            and ordered == self._assignees
            and [a.id for a in activities] == [a.id for a in self._activities]
        )
        if same_shape:
            self._activities = activities
            self._cells = cells
            if activities and ordered:
                self.dataChanged.emit(
                    self.index(0, 0), self.index(len(activities) - 1, len(ordered) - 1)
                )
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, max(len(activities) - 1, 0))
            return
        self.beginResetModel()
        self._system_id = new_id
        self._activities = activities if system is not None else []
        self._assignees = ordered
        self._cells = cells
        self.endResetModel()

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only

    def assignees(self) -> list[Assignee]:
        return list(self._assignees)

    def column_of(self, assignee: Assignee) -> int:
        return self._assignees.index(assignee) if assignee in self._assignees else -1

    def row_of_activity(self, activity_id: str) -> int:
        return next((i for i, a in enumerate(self._activities) if a.id == activity_id), -1)

    def role_at(self, row: int, column: int) -> str:
        return self._cells.get((self._activities[row].id, self._assignees[column]), "")

    def activities_without(self, letter: str) -> list[str]:
        """Names of activities nobody holds ``letter`` for."""
        held = {activity for (activity, _who), role in self._cells.items() if role == letter}
        return [str(a.name) for a in self._activities if a.id not in held]

    def _name(self, assignee: Assignee) -> str:
        plan = self.document.plan
        if assignee[0] == "person":
            person = plan.people.get(assignee[1])
            if person is None:
                return "(unknown)"
            return str(person.name) if person.active else f"{person.name} (inactive)"
        return plan.name_of(team_id=assignee[1]) + " (team)"

    # --- Qt model -----------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._activities)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._assignees)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(self._assignees):
                return None
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                # The column may be narrower than a long name: the tip shows it whole.
                return self._name(self._assignees[section])
            return None
        if not 0 <= section < len(self._activities):
            return None
        activity = self._activities[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return str(activity.name)
        if role == Qt.ItemDataRole.ForegroundRole and activity.name in self.activities_without("A"):
            return QBrush(gap_colour())  # read each time: the palette may turn dark
        if role == Qt.ItemDataRole.ToolTipRole and activity.name in self.activities_without("A"):
            return "Nobody is Accountable for this activity"
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not self.read_only:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._activities):
            return None
        letter = self.role_at(index.row(), index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return letter
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.BackgroundRole and letter:
            return ROLE_BRUSHES[letter]
        if role == Qt.ItemDataRole.ForegroundRole and letter:
            return LETTER_COLOUR
        if role == Qt.ItemDataRole.FontRole and letter == RaciRole.ACCOUNTABLE:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and letter:
            return RaciRole(letter).label
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.read_only:
            return False
        letter = str(value or "").strip().upper()
        if letter and letter not in ROLE_BRUSHES:
            self.errorOccurred.emit(f"RACI: {letter!r} is not one of R, A, C, I")
            return False
        if letter == self.role_at(index.row(), index.column()):
            return False
        kind, assignee_id = self._assignees[index.column()]
        activity_id = self._activities[index.row()].id
        try:
            self.document.run(
                assign_raci,
                system_id=self._system_id,
                activity_id=activity_id,
                role=letter or None,
                person_id=assignee_id if kind == "person" else None,
                team_id=assignee_id if kind == "team" else None,
                expected_version=self._versions.get((activity_id, (kind, assignee_id)), 0),
            )
        except PlannerError as exc:
            self.errorOccurred.emit(str(exc))
            return False
        return True
