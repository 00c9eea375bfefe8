"""Handing a person's responsibilities over: the planned list, duplicates, locks, undo, audit."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from workspace_sql import dump, query

from planner.domain.enums import RaciRole, SignOffRole
from planner.domain.errors import DomainError, LockedError
from planner.operations import (
    add_escalation_level,
    assign_raci,
    create_entity,
    revert,
    sign_off,
)
from planner.operations.reassign import (
    MoveKind,
    find_assignee,
    find_person,
    plan_handover,
    reassign_responsibilities,
)
from planner.store.plan_loader import load_plan
from planner.store.workspace import Workspace


def _new(ws: Workspace, kind_name: str, values: dict[str, Any]) -> str:
    created = create_entity(ws, kind_name=kind_name, values=values).first_id(kind_name)
    assert created is not None
    return created


def _dump(ws: Workspace, *, versions: bool = True) -> str:
    return dump(ws, audit=False, versions=versions)


def _rows(ws: Workspace, sql: str, *args: object) -> list[tuple[Any, ...]]:
    return query(ws, sql, *args)


@dataclass
class World:
    ana: str
    ben: str
    ops: str
    claims: str
    fraud: str
    support: str
    monitoring: str


@pytest.fixture
def world(ws: Workspace) -> World:
    ops = _new(ws, "team", {"name": "Ops"})
    ana = _new(ws, "person", {"name": "Ana Souza", "email": "ana@example.org"})
    ben = _new(ws, "person", {"name": "Ben Ode", "email": "ben@example.org"})
    claims = _new(ws, "system", {"name": "Claims Triage"})
    fraud = _new(ws, "system", {"name": "Fraud Watch"})
    activities = {a.key: a.id for a in load_plan(ws).activities}
    support, monitoring = activities["support"], activities["monitoring"]
    for system in (claims, fraud):
        assign_raci(
            ws, system_id=system, activity_id=support, role=RaciRole.ACCOUNTABLE, person_id=ana
        )
        _new(ws, "document", {"system_id": system, "title": "Runbook", "owner_id": ana})
    assign_raci(
        ws, system_id=claims, activity_id=monitoring, role=RaciRole.RESPONSIBLE, person_id=ana
    )
    _new(ws, "retraining_plan", {"system_id": claims, "owner_id": ana, "approver_id": ana})
    _new(ws, "action_item", {"text": "Book the workshop", "owner_id": ana})
    chain = _new(ws, "escalation_chain", {"system_id": claims})
    add_escalation_level(ws, chain_id=chain, person_ids=[ana])
    return World(ana, ben, ops, claims, fraud, support, monitoring)


def _what(moves: tuple[Any, ...]) -> list[tuple[str, str, str]]:
    return [(m.system_name, m.what, m.kind.value) for m in moves]


def test_the_plan_lists_every_responsibility_and_changes_nothing(
    ws: Workspace, world: World
) -> None:
    before = _dump(ws)
    handover = plan_handover(load_plan(ws), from_person_id=world.ana, to_person_id=world.ben)
    assert _what(handover.moves) == [
        ("Claims Triage", "Accountable for Support", "move"),
        ("Claims Triage", "Responsible for Monitoring", "move"),
        ("Claims Triage", "Escalation target, SEV1 level 1", "move"),
        ("Claims Triage", "Owner of document 'Runbook'", "move"),
        ("Claims Triage", "Owner of the retraining plan", "move"),
        ("Claims Triage", "Approver of the retraining plan", "move"),
        ("Fraud Watch", "Accountable for Support", "move"),
        ("Fraud Watch", "Owner of document 'Runbook'", "move"),
        ("", "Owner of action item 'Book the workshop'", "move"),
    ]
    assert (handover.from_name, handover.to_name) == ("Ana Souza", "Ben Ode")
    assert _dump(ws) == before


def test_handover_moves_everything_in_one_audited_undoable_step(
    ws: Workspace, world: World
) -> None:
    before = _dump(ws, versions=False)
    change = reassign_responsibilities(ws, from_person_id=world.ana, to_person_id=world.ben)
    assert change.description == "Hand over 9 responsibilities of Ana Souza to Ben Ode"
    assert _rows(ws, "SELECT count(*) FROM raci_assignment WHERE person_id = ?", world.ana) == [
        (0,)
    ]
    assert _rows(ws, "SELECT count(*) FROM raci_assignment WHERE person_id = ?", world.ben) == [
        (3,)
    ]
    assert _rows(ws, "SELECT person_id FROM escalation_target") == [(world.ben,)]
    assert _rows(ws, "SELECT owner_id, approver_id FROM retraining_plan") == [
        (world.ben, world.ben)
    ]
    assert {r[0] for r in _rows(ws, "SELECT owner_id FROM document")} == {world.ben}
    assert _rows(ws, "SELECT owner_id FROM action_item") == [(world.ben,)]
    events = _rows(
        ws,
        "SELECT operation, entity_id, after FROM audit_event "
        "WHERE operation = 'reassign_responsibilities'",
    )
    assert len(events) == 1
    assert events[0][1] == world.ana
    assert "Claims Triage: Accountable for Support" in events[0][2]
    revert(ws, change=change)
    assert _dump(ws, versions=False) == before


def test_limited_to_one_system(ws: Workspace, world: World) -> None:
    reassign_responsibilities(
        ws, from_person_id=world.ana, to_person_id=world.ben, system_id=world.fraud
    )
    holders = _rows(ws, "SELECT system_id, person_id FROM raci_assignment ORDER BY role")
    assert sorted(holders) == sorted(
        [(world.claims, world.ana), (world.claims, world.ana), (world.fraud, world.ben)]
    )
    assert _rows(ws, "SELECT owner_id FROM action_item") == [(world.ana,)]


def test_to_a_team_moves_roles_and_targets_but_not_owner_fields(
    ws: Workspace, world: World
) -> None:
    handover = plan_handover(load_plan(ws), from_person_id=world.ana, to_team_id=world.ops)
    skipped = {m.what for m in handover.skipped}
    assert "Owner of document 'Runbook'" in skipped
    assert {m.note for m in handover.skipped} == {"an owner must be a person, not a team"}
    reassign_responsibilities(ws, from_person_id=world.ana, to_team_id=world.ops)
    assert _rows(ws, "SELECT DISTINCT person_id, team_id FROM raci_assignment") == [
        (None, world.ops)
    ]
    assert _rows(ws, "SELECT person_id, team_id FROM escalation_target") == [(None, world.ops)]
    assert {r[0] for r in _rows(ws, "SELECT owner_id FROM document")} == {world.ana}


def test_same_role_already_held_is_merged_not_duplicated(ws: Workspace, world: World) -> None:
    assign_raci(
        ws,
        system_id=world.fraud,
        activity_id=world.support,
        role=RaciRole.ACCOUNTABLE,
        person_id=world.ben,
    )
    handover = plan_handover(load_plan(ws), from_person_id=world.ana, to_person_id=world.ben)
    merged = [m for m in handover.moves if m.kind == MoveKind.MERGE]
    assert [(m.system_name, m.note) for m in merged] == [
        ("Fraud Watch", "Ben Ode is already Accountable; this role is removed")
    ]
    reassign_responsibilities(ws, from_person_id=world.ana, to_person_id=world.ben)
    cell = _rows(
        ws,
        "SELECT person_id, role FROM raci_assignment WHERE system_id = ? AND activity_id = ?",
        world.fraud,
        world.support,
    )
    assert cell == [(world.ben, "A")]


def test_a_weaker_role_held_by_the_target_is_raised_to_the_stronger_one(
    ws: Workspace, world: World
) -> None:
    assign_raci(
        ws,
        system_id=world.claims,
        activity_id=world.support,
        role=RaciRole.INFORMED,
        person_id=world.ben,
    )
    change = reassign_responsibilities(ws, from_person_id=world.ana, to_person_id=world.ben)
    cell = _rows(
        ws,
        "SELECT person_id, role FROM raci_assignment WHERE system_id = ? AND activity_id = ?",
        world.claims,
        world.support,
    )
    assert cell == [(world.ben, "A")]
    revert(ws, change=change)
    cell = _rows(
        ws,
        "SELECT person_id, role FROM raci_assignment WHERE system_id = ? AND activity_id = ? "
        "ORDER BY role",
        world.claims,
        world.support,
    )
    assert sorted(cell) == sorted([(world.ana, "A"), (world.ben, "I")])


def test_already_a_target_on_that_level_is_merged(ws: Workspace, world: World) -> None:
    chain = load_plan(ws).systems[world.claims].chains[0]
    level = chain.levels[0].level.id
    _new(ws, "escalation_target", {"level_id": level, "person_id": world.ben, "position": 1})
    reassign_responsibilities(ws, from_person_id=world.ana, to_person_id=world.ben)
    assert _rows(ws, "SELECT person_id FROM escalation_target") == [(world.ben,)]


def _lock(ws: Workspace, system_id: str, person_id: str) -> None:
    for role in (
        SignOffRole.BUSINESS_OWNER,
        SignOffRole.IT_OPERATIONS,
        SignOffRole.DATA_OWNER,
        SignOffRole.SUPPORT_LEAD,
    ):
        sign_off(
            ws,
            system_id=system_id,
            role=role,
            person_id=person_id,
            signed_on=dt.date(2026, 1, 5),
        )


def test_locked_systems_are_refused_by_name_and_nothing_is_written(
    ws: Workspace, world: World
) -> None:
    _lock(ws, world.claims, world.ben)
    _lock(ws, world.fraud, world.ben)
    before = _dump(ws)
    with pytest.raises(LockedError, match="'Claims Triage', 'Fraud Watch' are signed off"):
        reassign_responsibilities(ws, from_person_id=world.ana, to_person_id=world.ben)
    assert _dump(ws) == before


def test_locked_systems_can_be_skipped_when_asked(ws: Workspace, world: World) -> None:
    _lock(ws, world.claims, world.ben)
    handover = plan_handover(
        load_plan(ws), from_person_id=world.ana, to_person_id=world.ben, skip_locked=True
    )
    assert handover.locked_systems == ("Claims Triage",)
    assert {m.system_name for m in handover.skipped} == {"Claims Triage"}
    reassign_responsibilities(
        ws, from_person_id=world.ana, to_person_id=world.ben, skip_locked=True
    )
    holders = _rows(ws, "SELECT system_id, person_id FROM raci_assignment")
    assert sorted(holders) == sorted(
        [(world.claims, world.ana), (world.claims, world.ana), (world.fraud, world.ben)]
    )


def test_nothing_to_hand_over_writes_nothing(ws: Workspace, world: World) -> None:
    change = reassign_responsibilities(ws, from_person_id=world.ben, to_person_id=world.ana)
    assert change.is_empty
    assert change.description == "Nothing to hand over"


@pytest.mark.parametrize(
    ("to_person", "to_team", "message"),
    [
        ("ana", None, "someone other than"),
        (None, None, "exactly one person or one team"),
        ("inactive", None, "inactive"),
    ],
)
def test_bad_targets_are_refused(
    ws: Workspace, world: World, to_person: str | None, to_team: str | None, message: str
) -> None:
    ids = {"ana": world.ana}
    if to_person == "inactive":
        ids["inactive"] = _new(ws, "person", {"name": "Cy", "email": "c@x.org", "active": False})
    with pytest.raises(DomainError, match=message):
        reassign_responsibilities(
            ws,
            from_person_id=world.ana,
            to_person_id=ids.get(to_person) if to_person else None,
            to_team_id=to_team,
        )


def test_names_are_matched_case_insensitively_and_ambiguity_is_refused(
    ws: Workspace, world: World
) -> None:
    plan = load_plan(ws)
    assert find_person(plan, "ANA SOUZA") == world.ana
    assert find_assignee(plan, "ops") == (None, world.ops)
    assert find_assignee(plan, "ben ode") == (world.ben, None)
    with pytest.raises(DomainError, match="no person named 'Zed'"):
        find_person(plan, "Zed")
    _new(ws, "person", {"name": "OPS", "email": "ops@x.org"})
    with pytest.raises(DomainError, match="more than one person or team"):
        find_assignee(load_plan(ws), "Ops")
