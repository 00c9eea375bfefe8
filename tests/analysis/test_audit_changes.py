"""Audit events in words: operation names, field changes with names for ids, enum labels."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from planner.analysis.audit_changes import (
    FieldChange,
    entity_name,
    field_changes,
    operation_label,
    subject,
)
from planner.domain.plan import Plan
from planner.operations import create_entity, update_entity
from planner.store.audit import event_actors, load_events
from planner.store.plan_loader import load_plan
from planner.store.workspace import Workspace, create_workspace


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    ws = create_workspace(tmp_path / "audit.handover", actor="Pat")
    yield ws
    ws.close()


def _new(ws: Workspace, kind_name: str, values: dict[str, object]) -> str:
    created = create_entity(ws, kind_name=kind_name, values=values).first_id(kind_name)
    assert created is not None
    return created


def test_operations_read_as_actions() -> None:
    assert operation_label("update_document") == "Edit document"
    assert operation_label("create_governance_control") == "Add governance control"
    assert operation_label("delete_system") == "Delete AI system"
    assert operation_label("reassign_responsibilities") == "Hand over responsibilities"
    assert operation_label("import_workspace") == "Import workspace"


def test_acronyms_stay_in_capitals_in_labels_made_from_keys() -> None:
    """An import of a RACI sheet showed as "Import raci" in the audit trail."""
    from planner.analysis.audit_changes import field_label
    from planner.export.pdf.audit import AuditLine

    assert operation_label("import_raci") == "Import RACI"
    assert field_label("sev1_definition") == "SEV1 definition"
    assert field_label("response_sla_minutes") == "Response SLA minutes"
    assert field_label("owner_id") == "Owner"
    line = AuditLine(1, dt.datetime(2026, 1, 1), "Pat", "import_raci", "raci")
    assert line.describe().startswith("Import RACI")
    assert "Raci" not in line.describe()


def test_an_owner_change_names_both_people_and_hides_bookkeeping(workspace: Workspace) -> None:
    ana = _new(workspace, "person", {"name": "Ana"})
    ben = _new(workspace, "person", {"name": "Ben"})
    system = _new(workspace, "system", {"name": "Claims"})
    doc = _new(workspace, "document", {"system_id": system, "title": "Runbook", "owner_id": ana})
    update_entity(
        workspace,
        kind_name="document",
        entity_id=doc,
        values={"owner_id": ben, "status": "approved"},
    )
    plan = load_plan(workspace)
    event = load_events(workspace, limit=1)[0]
    changes = field_changes(plan, event.before, event.after, event.entity_type)
    assert [str(c) for c in changes] == ["Owner: Ana → Ben", "Status: Missing → Approved"]
    created = load_events(workspace, limit=2)[1]
    assert subject(created.before, created.after) == "Runbook"
    shown = [str(c) for c in field_changes(plan, created.before, created.after, "document")]
    assert "Title: — → Runbook" in shown
    assert "Owner: — → Ana" in shown
    assert not [line for line in shown if line.startswith(("Id", "System"))]


def test_values_of_unknown_shape_and_markup_stay_plain_text() -> None:
    plan = Plan(info=None, people={}, teams={}, activities=(), systems={})  # type: ignore[arg-type]
    before = json.dumps({"note": "<b>old</b> & gone", "flag": True, "tags": ["a", "b"]})
    after = json.dumps({"note": "new", "flag": False, "tags": []})
    assert field_changes(plan, before, after) == [
        FieldChange("Note", "<b>old</b> & gone", "new"),
        FieldChange("Flag", "yes", "no"),
        FieldChange("Tags", "a; b", "—"),
    ]
    assert field_changes(plan, None, None) == []
    assert field_changes(plan, '"text"', None) == [FieldChange("Value", "text", "—")]


def test_events_filter_by_system_actor_and_date(workspace: Workspace) -> None:
    first = _new(workspace, "system", {"name": "First"})
    workspace.actor = "Kim"
    second = _new(workspace, "system", {"name": "Second"})
    _new(workspace, "document", {"system_id": second, "title": "Card"})
    assert [e.operation for e in load_events(workspace, system_id=second)] == [
        "create_document",
        "create_system",
    ]
    assert {e.system_id for e in load_events(workspace, actor="Pat")} >= {first}
    assert all(e.actor == "Kim" for e in load_events(workspace, actor="Kim"))
    day = load_events(workspace, limit=1)[0].at.date()
    assert len(load_events(workspace, since=day, until=day)) == len(load_events(workspace))
    assert load_events(workspace, until=day.replace(year=day.year - 1)) == []
    assert event_actors(workspace) == ["Kim", "Pat"]


def test_a_row_of_a_system_is_named_from_the_typed_plan(workspace: Workspace) -> None:
    """The plan's records are slotted: naming a row walks its fields, not a __dict__."""
    from planner.demo import create_demo

    create_demo(workspace, systems=1)
    plan = load_plan(workspace)
    system = next(iter(plan))
    document = system.documents[0]
    assert entity_name(plan, "document", document.id, system.id) == document.title
    cell = system.raci[0]
    assert entity_name(plan, "raci", cell.id, system.id) == ""
