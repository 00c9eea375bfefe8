"""Row versions and refused stale edits: two writers on one workspace (a file or a server).

Every write raises a row's version; an edit that names the version it saw is refused when
another writer got there first, with one sentence saying who changed what and when. The
version never reaches a plan hash or a JSON export, so signatures and exports stay as they
were; a copy carries it.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path
from typing import Any

import pytest
from workspace_sql import dump, select_rows

from planner.domain.errors import ConflictError
from planner.domain.plan_hash import plan_hash
from planner.operations import (
    add_escalation_level,
    add_system,
    assign_raci,
    create_entity,
    delete_entity,
    delete_escalation_level,
    move_escalation_level,
    revert,
    update_entity,
)
from planner.store.copying import content_hash, copy_workspace
from planner.store.plan_loader import load_plan
from planner.store.workspace import Workspace, open_workspace

# Priya's edits are stamped today at 10:42 (UTC, and the tests run with TZ=UTC).
AT_10_42 = dt.datetime.combine(dt.datetime.now(dt.UTC).date(), dt.time(10, 42))


@pytest.fixture(autouse=True)
def _utc(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()


@pytest.fixture
def priya(second_writer: Workspace) -> Workspace:
    second_writer.clock = lambda: AT_10_42
    return second_writer


def version(ws: Workspace, table: str, row_id: str) -> int:
    (row,) = select_rows(ws, table, id=row_id)
    return int(row["version"])


def new_system(ws: Workspace, name: str = "Claims Copilot") -> str:
    system_id = add_system(ws, name=name).first_id("system")
    assert system_id is not None
    return system_id


def refused(ws: Workspace, action: Any, match: str) -> str:
    """Run ``action``, which must be refused as a conflict and write nothing; its message."""
    before = dump(ws)
    with pytest.raises(ConflictError, match=match) as caught:
        action()
    assert dump(ws) == before
    return str(caught.value)


# --- versions -------------------------------------------------------------------------


def test_every_write_raises_the_version_and_an_empty_edit_does_not(ws: Workspace) -> None:
    system_id = new_system(ws)
    assert version(ws, "ai_system", system_id) == 1
    assert load_plan(ws).systems[system_id].system.version == 1
    change = update_entity(ws, kind_name="system", entity_id=system_id, values={"purpose": "A"})
    assert version(ws, "ai_system", system_id) == 2
    assert change.updated[0][1].values["version"] == 2
    update_entity(ws, kind_name="system", entity_id=system_id, values={"purpose": "A"})
    assert version(ws, "ai_system", system_id) == 2
    # Undo writes the old purpose back but never the old version: it is a write like any.
    undo = revert(ws, change=change)
    assert select_rows(ws, "ai_system", id=system_id)[0]["purpose"] == ""
    assert version(ws, "ai_system", system_id) == 3
    revert(ws, change=undo)
    assert version(ws, "ai_system", system_id) == 4
    assert load_plan(ws).systems[system_id].system.version == 4


def test_a_row_brought_back_by_undo_is_newer_than_when_it_went(ws: Workspace) -> None:
    team_id = create_entity(ws, kind_name="team", values={"name": "Ops"}).first_id("team")
    assert team_id is not None
    update_entity(ws, kind_name="team", entity_id=team_id, values={"email": "ops@example.org"})
    deletion = delete_entity(ws, kind_name="team", entity_id=team_id)
    revert(ws, change=deletion)
    assert version(ws, "team", team_id) == 3


def test_versions_stay_out_of_audit_values_plan_hashes_and_exports(ws: Workspace) -> None:
    from planner.export.json_export import export_document

    system_id = new_system(ws)
    plan = load_plan(ws)
    signed = plan_hash(plan, plan.systems[system_id])
    exported = export_document(ws)
    change = update_entity(ws, kind_name="system", entity_id=system_id, values={"purpose": "A"})
    revert(ws, change=change)
    plan = load_plan(ws)
    assert plan.systems[system_id].system.version == 3
    assert plan_hash(plan, plan.systems[system_id]) == signed
    again = export_document(ws)
    assert again["systems"] == exported["systems"]
    assert "version" not in json.dumps(again["systems"])
    events = select_rows(ws, "audit_event", order="seq")
    assert not any("version" in json.loads(e["before"] or "{}") for e in events)


def test_a_copy_carries_the_versions_and_verifies(ws: Workspace, tmp_path: Path) -> None:
    system_id = new_system(ws)
    update_entity(ws, kind_name="system", entity_id=system_id, values={"purpose": "A"})
    result = copy_workspace(ws, tmp_path / "copy.handover")
    with open_workspace(tmp_path / "copy.handover", actor="tester") as copy:
        assert version(copy, "ai_system", system_id) == 2
        assert content_hash(copy) == content_hash(ws) == result.digest


# --- refused edits --------------------------------------------------------------------


def _stale_purpose_edit(ws: Workspace, priya: Workspace, who: str) -> tuple[str, str]:
    """A new system whose purpose Priya changes while ``ws`` still shows the old version,
    then ``ws``'s edit of it, refused naming ``who``: (the system's id, the message)."""
    system_id = new_system(ws)
    seen = load_plan(ws).systems[system_id].system.version
    update_entity(priya, kind_name="system", entity_id=system_id, values={"purpose": "Theirs"})
    message = refused(
        ws,
        lambda: update_entity(
            ws,
            kind_name="system",
            entity_id=system_id,
            values={"purpose": "Mine"},
            expected_version=seen,
        ),
        who,
    )
    return system_id, message


def test_a_stale_edit_by_someone_who_set_no_name_says_so(ws: Workspace, priya: Workspace) -> None:
    """The audit trail records "unknown" for a writer with no name: not a name to print."""
    priya.actor = "unknown"
    _, message = _stale_purpose_edit(ws, priya, "Another user")
    assert message.startswith(
        "Another user (no name set) changed the purpose of the AI system 'Claims Copilot'"
    )


def test_a_stale_edit_says_who_changed_what_and_when(ws: Workspace, priya: Workspace) -> None:
    system_id, message = _stale_purpose_edit(ws, priya, "Priya Shah")
    assert message == (
        "Priya Shah changed the purpose of the AI system 'Claims Copilot' at 10:42 while you "
        "were editing; your change was not saved and the page now shows theirs."
    )
    # With the version it now shows, the same edit goes through.
    fresh = load_plan(ws).systems[system_id].system.version
    update_entity(
        ws,
        kind_name="system",
        entity_id=system_id,
        values={"purpose": "Mine"},
        expected_version=fresh,
    )
    assert select_rows(ws, "ai_system", id=system_id)[0]["purpose"] == "Mine"


def test_an_undo_by_another_writer_is_named_as_such(ws: Workspace, priya: Workspace) -> None:
    system_id = new_system(ws)
    change = update_entity(
        priya, kind_name="system", entity_id=system_id, values={"purpose": "Theirs"}
    )
    seen = version(ws, "ai_system", system_id)
    revert(priya, change=change)
    message = refused(
        ws,
        lambda: update_entity(
            ws,
            kind_name="system",
            entity_id=system_id,
            values={"workflow": "Mine"},
            expected_version=seen,
        ),
        "Priya Shah",
    )
    assert message.startswith("Priya Shah undid a change to the AI system 'Claims Copilot' at")


def test_editing_or_deleting_a_row_deleted_by_another_writer(
    ws: Workspace, priya: Workspace
) -> None:
    team_id = create_entity(ws, kind_name="team", values={"name": "Ops"}).first_id("team")
    assert team_id is not None
    delete_entity(priya, kind_name="team", entity_id=team_id)
    expected = (
        "The team 'Ops' was deleted by Priya Shah at 10:42 while you were editing; your "
        "change was not saved and the page now shows the plan without it."
    )
    edit = refused(
        ws,
        lambda: update_entity(
            ws, kind_name="team", entity_id=team_id, values={"email": ""}, expected_version=1
        ),
        "deleted",
    )
    assert edit == expected
    again = refused(
        ws,
        lambda: delete_entity(ws, kind_name="team", entity_id=team_id, expected_version=1),
        "deleted",
    )
    assert again == expected


def test_deleting_a_row_another_writer_changed_is_refused(ws: Workspace, priya: Workspace) -> None:
    team_id = create_entity(ws, kind_name="team", values={"name": "Ops"}).first_id("team")
    assert team_id is not None
    update_entity(priya, kind_name="team", entity_id=team_id, values={"name": "Operations"})
    message = refused(
        ws,
        lambda: delete_entity(ws, kind_name="team", entity_id=team_id, expected_version=1),
        "Priya Shah",
    )
    assert message.startswith("Priya Shah changed the name of the team 'Operations' at 10:42")


def _raci_world(ws: Workspace) -> tuple[str, str, str]:
    system_id = new_system(ws)
    person = create_entity(ws, kind_name="person", values={"name": "Sam Lee"})
    person_id = person.first_id("person")
    activity = load_plan(ws).activities[0]
    assert person_id is not None
    return system_id, activity.id, person_id


def test_raci_cells_refuse_stale_edits(ws: Workspace, priya: Workspace) -> None:
    system_id, activity_id, person_id = _raci_world(ws)
    cell = {"system_id": system_id, "activity_id": activity_id, "person_id": person_id}
    activity_key = load_plan(ws).activities[0].key.replace("_", " ")
    # Both saw an empty cell (version 0); Priya fills it first.
    assign_raci(priya, **cell, role="A", expected_version=0)
    filled = refused(ws, lambda: assign_raci(ws, **cell, role="R", expected_version=0), "Priya")
    assert filled.startswith(f"Priya Shah set Sam Lee to A for {activity_key} at 10:42")
    # Now both see A (version 1); Priya changes it, then clears it.
    assign_raci(priya, **cell, role="C", expected_version=1)
    changed = refused(ws, lambda: assign_raci(ws, **cell, role="R", expected_version=1), "to C")
    assert changed.startswith("Priya Shah set Sam Lee to C")
    assign_raci(priya, **cell, role=None, expected_version=2)
    cleared = refused(ws, lambda: assign_raci(ws, **cell, role="R", expected_version=2), "clear")
    assert cleared.startswith(f"Priya Shah cleared the role of Sam Lee for {activity_key}")
    assign_raci(ws, **cell, role="R", expected_version=0)
    assert select_rows(ws, "raci_assignment", system_id=system_id)[0]["role"] == "R"


def test_escalation_levels_refuse_stale_moves_and_deletes(ws: Workspace, priya: Workspace) -> None:
    system_id = new_system(ws)
    chain = create_entity(
        ws, kind_name="escalation_chain", values={"system_id": system_id, "severity": "sev1"}
    )
    chain_id = chain.first_id("escalation_chain")
    assert chain_id is not None
    first = add_escalation_level(ws, chain_id=chain_id).first_id("escalation_level")
    add_escalation_level(ws, chain_id=chain_id)
    assert first is not None
    seen = version(ws, "escalation_level", first)
    update_entity(priya, kind_name="escalation_level", entity_id=first, values={"note": "Call"})
    refused(
        ws,
        lambda: move_escalation_level(ws, level_id=first, position=1, expected_version=seen),
        "Priya Shah changed the note of the escalation level at 10:42",
    )
    refused(
        ws,
        lambda: delete_escalation_level(ws, level_id=first, expected_version=seen),
        "Priya Shah",
    )
    move_escalation_level(ws, level_id=first, position=1, expected_version=seen + 1)


def test_an_edit_without_a_version_still_goes_through(ws: Workspace, priya: Workspace) -> None:
    """The CLI and imports name no version: they write what they are told, as before."""
    system_id = new_system(ws)
    update_entity(priya, kind_name="system", entity_id=system_id, values={"purpose": "Theirs"})
    update_entity(ws, kind_name="system", entity_id=system_id, values={"purpose": "Mine"})
    assert version(ws, "ai_system", system_id) == 3


def test_a_row_deleted_with_its_parent_is_refused_without_guessing_who(
    ws: Workspace, priya: Workspace
) -> None:
    system_id = new_system(ws)
    document = create_entity(
        ws, kind_name="document", values={"system_id": system_id, "title": "Runbook"}
    ).first_id("document")
    assert document is not None
    update_entity(priya, kind_name="document", entity_id=document, values={"location": "wiki"})
    delete_entity(priya, kind_name="system", entity_id=system_id)
    # The cascade's event names the system, not the document: no name is better than a
    # wrong one (the last event naming the document is Priya's edit, not the deletion).
    message = refused(
        ws,
        lambda: update_entity(
            ws,
            kind_name="document",
            entity_id=document,
            values={"location": "x"},
            expected_version=2,
        ),
        "deleted",
    )
    assert message.startswith("The document was deleted by someone else while you were editing")
