"""The audit trail as a table: when, who, which system, what was done, and what changed."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from PySide6.QtCore import Qt

from planner.analysis.audit_changes import entity_name, field_changes, operation_label, subject
from planner.domain.enums import SignOffRole
from planner.domain.plan import AuditEntry, Plan
from planner.domain.wording import in_running_text, lower_first
from planner.ui.models.row_table_model import ColumnSpec, RowTableModel
from planner.ui.plain_text import tooltip

WHEN, WHO, SYSTEM, WHAT, CHANGES = range(5)


def _short(text: str, width: int = 40) -> str:
    return text if len(text) <= width else f"{text[: width - 1]}…"


def _signing(entry: AuditEntry, system_name: str) -> str:
    """A sign-off names what was signed and in which role; the signer is in its changes.

    Its recorded subject is the signer's name, which would read as signing off a person.
    """
    after = json.loads(entry.after or "{}")
    try:
        role = in_running_text(SignOffRole(after.get("role")).label)
    except ValueError:
        role = ""
    lock = " and lock" if after.get("locked") else ""
    named = f" '{system_name}'" if system_name else ""
    return f"Sign off{lock}{named}" + (f" as {role}" if role else "")


def describe(plan: Plan, entry: AuditEntry) -> tuple[str, str, str, str, str]:
    """The five cells of one event, as plain text."""
    system = plan.systems.get(entry.system_id) if entry.system_id else None
    where = system.name if system is not None else ("(deleted)" if entry.system_id else "")
    what = operation_label(entry.operation)
    if entry.entity_type == "change":
        # An undo or redo records which step it reversed (its sequence number and
        # operation): bookkeeping. Say which kind of step it was, in words.
        step = operation_label(str(json.loads(entry.before or "{}").get("operation", "")))
        step = lower_first(step)
        return (
            entry.at.strftime("%Y-%m-%d %H:%M"),
            entry.actor,
            where,
            f"{what}: {step}" if step else what,
            "",
        )
    named = subject(entry.before, entry.after) or entity_name(
        plan, entry.entity_type, entry.entity_id, entry.system_id
    )
    if entry.operation == "sign_off":
        what = _signing(entry, where)
    elif named:
        what = f"{what} '{named}'"
    changes = field_changes(plan, entry.before, entry.after, entry.entity_type)
    return (
        entry.at.strftime("%Y-%m-%d %H:%M"),
        entry.actor,
        where,
        what,
        # Long texts (a purpose, a list of moves) are cut so both sides of the arrow show.
        "\n".join(f"{c.field}: {_short(c.before)} → {_short(c.after)}" for c in changes),
    )


@dataclass(frozen=True)
class AuditRow:
    """One event and its five cells, described once when the trail is loaded."""

    entry: AuditEntry
    when: str
    who: str
    system: str
    what: str
    changes: str


# In the order of WHEN, WHO, SYSTEM, WHAT, CHANGES.
COLUMNS: tuple[ColumnSpec[AuditRow], ...] = (
    ColumnSpec("When (UTC)", attrgetter("when")),
    ColumnSpec("Who", attrgetter("who")),
    ColumnSpec("AI system", attrgetter("system")),
    ColumnSpec("What", attrgetter("what")),
    ColumnSpec("Changes", attrgetter("changes")),
)


class AuditTrailModel(RowTableModel[AuditRow]):
    """Audit events, newest first, described for a reader."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(COLUMNS, parent)

    def set_entries(self, plan: Plan, entries: Sequence[AuditEntry]) -> None:
        self.set_rows(AuditRow(entry, *describe(plan, entry)) for entry in entries)

    def cell_data(self, row: AuditRow, column: int, role: int) -> Any:
        text = self.cell_text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and text:
            return tooltip(text)
        return None
