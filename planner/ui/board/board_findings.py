"""The live findings of one system, as the board shows them: counters and the cells to mark."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from planner.domain.plan import Plan
from planner.ui.board.raci_grid_model import Cell, Key, gravest
from planner.ui.finding_words import finding_message
from planner.ui.readiness_tracker import ReadinessTracker


@dataclass(frozen=True)
class BoardFindings:
    """Counts (None when unknown) and where the findings point, by grid cell, row and column."""

    blockers: int | None = None
    warnings: int | None = None
    score: int | None = None
    note: str = ""
    cells: dict[Cell, str] = field(default_factory=dict)
    rows: dict[str, str] = field(default_factory=dict)
    columns: dict[Key, str] = field(default_factory=dict)
    levels: dict[str, str] = field(default_factory=dict)
    messages: dict[Any, list[str]] = field(default_factory=dict)
    lines: tuple[str, ...] = ()


UNKNOWN = BoardFindings(note="analysis unavailable")


def board_findings(plan: Plan, system_id: str, tracker: ReadinessTracker) -> BoardFindings:
    """The tracker's findings of one system of ``plan``, translated into board marks."""
    if system_id not in plan.systems:
        return UNKNOWN
    result = tracker.system_result(system_id)
    if result is None:
        if tracker.busy:
            return BoardFindings(note="analysing…")
        if not tracker.available or tracker.analysis is None:
            return UNKNOWN
        return BoardFindings(note="not analysed (retired)")
    system = plan.systems[system_id]
    raci = {str(row.id): row for row in system.raci}
    cells: dict[Cell, str] = {}
    rows: dict[str, str] = {}
    columns: dict[Key, str] = {}
    levels: dict[str, str] = {}
    messages: dict[Any, list[str]] = defaultdict(list)
    warnings = 0
    for finding in result.findings:
        severity = str(finding.severity.value)
        warnings += severity == "warning"
        line = f"{finding.rule_id}: {finding_message(finding, plan)}"
        for kind_name, entity_id in finding.entities:
            target: Any = None
            if kind_name == "raci" and entity_id in raci:
                cell = raci[entity_id]
                key: Key = (
                    ("person", cell.person_id) if cell.person_id else ("team", cell.team_id or "")
                )
                target = (str(cell.activity_id), key)
                cells[target] = gravest(cells.get(target), severity) or severity
            elif kind_name == "activity":
                target = entity_id
                rows[target] = gravest(rows.get(target), severity) or severity
            elif kind_name in ("person", "team"):
                target = (kind_name, entity_id)
                columns[target] = gravest(columns.get(target), severity) or severity
            elif kind_name == "escalation_level":
                levels[entity_id] = gravest(levels.get(entity_id), severity) or severity
            if target is not None:
                messages[target].append(line)
    lines = tuple(
        f"{f.severity.value.upper()} {f.rule_id}: {finding_message(f, plan)}"
        for f in result.findings
        if f.severity.value != "info"
    )
    return BoardFindings(
        blockers=result.blockers,
        warnings=warnings,
        score=result.score,
        cells=cells,
        rows=rows,
        columns=columns,
        levels=levels,
        messages=dict(messages),
        lines=lines,
    )
