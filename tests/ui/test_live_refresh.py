"""The live refresh's note: who changed what, in the app's own words."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from planner.domain.plan import AuditEntry
from planner.store.plan_loader import load_plan
from planner.ui.live_refresh import update_note


def _event(operation: str, entity_type: str, **fields: Any) -> AuditEntry:
    values: dict[str, Any] = {
        "seq": 7,
        "at": dt.datetime(2026, 12, 6, 10, 42),
        "actor": "Ana Lopez",
        "operation": operation,
        "entity_type": entity_type,
        "entity_id": None,
        "system_id": None,
        "before": None,
        "after": None,
        "app_version": "1",
        **fields,
    }
    return AuditEntry(**values)


def test_the_note_continues_the_sentence_as_the_app_words_it(demo_ws: Any) -> None:
    plan = load_plan(demo_ws)
    system = next(iter(plan.systems.values()))
    edit = _event(
        "update_system",
        "system",
        entity_id=system.id,
        system_id=system.id,
        before=json.dumps({"purpose": "Old"}),
        after=json.dumps({"purpose": "New"}),
    )
    undo = _event("undo", "change", before=json.dumps({"seq": 6, "operation": "assign_raci"}))
    at = edit.at.replace(tzinfo=dt.UTC).astimezone().strftime("%H:%M")

    assert update_note(plan, [edit, undo]) == (
        f"Updated: Ana Lopez changed {system.name}: edit AI system '{system.name}', "
        f"Purpose: Old → New and 1 more change ({at})"
    )
    assert update_note(plan, [undo]) == (
        f"Updated: Ana Lopez changed the workspace: undo: assign RACI role ({at})"
    )
