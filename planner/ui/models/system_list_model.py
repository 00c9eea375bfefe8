"""The navigator's table of AI systems: name, stage, readiness score, blockers.

Rows are plain tuples rebuilt only for the systems a change touched. Filtering and sorting
happen here, on Python values, not through a QSortFilterProxyModel (which would call
``data()`` many times a row and makes 2,000 systems sluggish).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from planner.domain.enums import LifecycleStage, RaciRole
from planner.domain.plan import Plan, SystemPlan
from planner.domain.wording import count_of
from planner.ui.widgets.status_icons import severity_icon

NAME, STAGE, SCORE, BLOCKERS = range(4)
HEADERS = ("AI system", "Stage", "Score", "Blockers")
TOOLTIPS = (
    "Name of the AI system",
    "Lifecycle stage",
    "Readiness score out of 100 (100 means nothing is missing)",
    "Findings that block production",
)
# Custom role: the system id of a row.
SYSTEM_ID_ROLE = Qt.ItemDataRole.UserRole + 1

_STAGE_ORDER = {stage.value: index for index, stage in enumerate(LifecycleStage)}

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class SystemRow:
    """What the navigator shows and filters by for one system."""

    id: str
    name: str
    folded: str
    stage: str
    score: int | None
    blockers: int
    # "person:<id>" / "team:<id>" of whoever is Accountable for any activity.
    owners: frozenset[str]


def owners_of(system: SystemPlan) -> frozenset[str]:
    """Keys of the people and teams Accountable for at least one activity of a system."""
    keys = set()
    for row in system.raci:
        if row.role == RaciRole.ACCOUNTABLE:
            if row.person_id is not None:
                keys.add(f"person:{row.person_id}")
            elif row.team_id is not None:
                keys.add(f"team:{row.team_id}")
    return frozenset(keys)


ReadinessLookup = Callable[[str], tuple[int | None, int]]


class SystemListModel(QAbstractTableModel):
    """All systems of a plan, filtered and sorted for display."""

    def __init__(self, readiness: ReadinessLookup | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._readiness: ReadinessLookup = readiness or (lambda _sid: (None, 0))
        self._rows: dict[str, SystemRow] = {}
        self._visible: list[SystemRow] = []
        self._search = ""
        self._stage: str | None = None
        self._owner: str | None = None
        self._sort_column = NAME
        self._sort_order = Qt.SortOrder.AscendingOrder

    # --- loading -------------------------------------------------------------------

    def _row(self, system: SystemPlan) -> SystemRow:
        score, blockers = self._readiness(system.id)
        name = system.name
        return SystemRow(
            system.id,
            name,
            name.casefold(),
            str(system.system.stage),
            score,
            blockers,
            owners_of(system),
        )

    def load(self, plan: Plan, system_ids: Iterable[str] | None = None) -> None:
        """Rebuild every row (``system_ids`` None) or only those of the given systems."""
        if system_ids is None:
            self._rows = {s.id: self._row(s) for s in plan}
        else:
            for system_id in system_ids:
                system = plan.systems.get(system_id)
                if system is None:
                    self._rows.pop(system_id, None)
                else:
                    self._rows[system_id] = self._row(system)
        self._refilter()

    def refresh_readiness(self, system_ids: Iterable[str] | None = None) -> None:
        """Re-read scores and blocker counts after the analysis ran again."""
        ids = list(self._rows) if system_ids is None else [i for i in system_ids if i in self._rows]
        for system_id in ids:
            row = self._rows[system_id]
            score, blockers = self._readiness(system_id)
            if (score, blockers) != (row.score, row.blockers):
                self._rows[system_id] = SystemRow(
                    row.id, row.name, row.folded, row.stage, score, blockers, row.owners
                )
        self._refilter()

    # --- filtering and sorting ------------------------------------------------------

    def set_search(self, text: str) -> None:
        self._search = text.strip().casefold()
        self._refilter()

    def set_stage_filter(self, stage: str | None) -> None:
        self._stage = stage or None
        self._refilter()

    def set_owner_filter(self, owner: str | None) -> None:
        self._owner = owner or None
        self._refilter()

    def _accepts(self, row: SystemRow) -> bool:
        if self._search and self._search not in row.folded:
            return False
        if self._stage is not None and row.stage != self._stage:
            return False
        return self._owner is None or self._owner in row.owners

    def _key(self) -> Callable[[SystemRow], Any]:
        column = self._sort_column
        if column == STAGE:
            return lambda r: (_STAGE_ORDER.get(r.stage, 99), r.folded, r.id)
        if column == SCORE:
            # Systems not analysed (retired) sort after every scored one.
            return lambda r: (r.score is None, r.score or 0, r.folded, r.id)
        if column == BLOCKERS:
            return lambda r: (r.blockers, r.folded, r.id)
        return lambda r: (r.folded, r.id)

    def _refilter(self) -> None:
        rows = [r for r in self._rows.values() if self._accepts(r)]
        rows.sort(key=self._key(), reverse=self._sort_order == Qt.SortOrder.DescendingOrder)
        if [r.id for r in rows] == [r.id for r in self._visible]:
            # Same rows in the same order (an edit, a new score): repaint, keep selection.
            self._visible = rows
            if rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(HEADERS) - 1))
            return
        self.beginResetModel()
        self._visible = rows
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(HEADERS):
            return
        self._sort_column, self._sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        ids = [self._visible[i.row()].id if i.isValid() else None for i in persistent]
        self._visible.sort(key=self._key(), reverse=order == Qt.SortOrder.DescendingOrder)
        where = {r.id: n for n, r in enumerate(self._visible)}
        self.changePersistentIndexList(
            persistent,
            [
                self.index(where[i], p.column()) if i is not None else QModelIndex()
                for p, i in zip(persistent, ids, strict=True)
            ],
        )
        self.layoutChanged.emit()

    # --- lookups -------------------------------------------------------------------

    @property
    def total(self) -> int:
        return len(self._rows)

    def system_id(self, row: int) -> str | None:
        return self._visible[row].id if 0 <= row < len(self._visible) else None

    def row_of(self, system_id: str | None) -> int:
        """Visible row of a system, or -1 when it is filtered out or gone."""
        if system_id is None:
            return -1
        return next((n for n, r in enumerate(self._visible) if r.id == system_id), -1)

    def row_data(self, system_id: str) -> SystemRow | None:
        return self._rows.get(system_id)

    # --- Qt model ------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            # The blocker sign (the findings' red octagon) heads its column: the word was
            # as wide as the name column's cut-off names at 1366 px.
            return None if section == BLOCKERS else HEADERS[section]
        if role == Qt.ItemDataRole.DecorationRole and section == BLOCKERS:
            return severity_icon("blocker")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{HEADERS[section]}: {TOOLTIPS[section][:1].lower()}{TOOLTIPS[section][1:]}"
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._visible):
            return None
        row = self._visible[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == NAME:
                return row.name
            if column == STAGE:
                return _stage_label(row.stage)
            if column == SCORE:
                return "–" if row.score is None else str(row.score)
            if column == BLOCKERS:
                return str(row.blockers) if row.blockers else ""
            return None
        if role == SYSTEM_ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (SCORE, BLOCKERS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return _describe(row)
        return None


def _stage_label(stage: str) -> str:
    try:
        return LifecycleStage(stage).label
    except ValueError:
        return stage


def _describe(row: SystemRow) -> str:
    score = "not scored" if row.score is None else f"readiness {row.score} of 100"
    blockers = count_of(row.blockers, "blocker")
    return f"{row.name}: {_stage_label(row.stage)}, {score}, {blockers}"
