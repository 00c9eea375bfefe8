"""Which systems a change can move: the touched ones, and key people's other systems."""

from __future__ import annotations

from collections import Counter
from typing import Any

from planner.analysis.impact import affected_systems
from planner.domain.enums import RaciRole
from planner.operations import assign_raci, create_entity, update_entity
from planner.store.plan_loader import load_plan


def _key_person(plan: Any) -> tuple[str, list[str]]:
    """A person Accountable in more than one system, and those systems."""
    counts: Counter[str] = Counter()
    where: dict[str, list[str]] = {}
    for system in plan:
        for row in system.raci:
            if row.person_id and row.role == RaciRole.ACCOUNTABLE:
                counts[row.person_id] += 1
                where.setdefault(row.person_id, []).append(system.id)
    person, count = counts.most_common(1)[0]
    assert count > 1
    return person, where[person]


def test_an_edit_of_one_system_moves_that_system_only(demo_ws: Any) -> None:
    plan = load_plan(demo_ws)
    system = next(iter(plan))
    change = update_entity(
        demo_ws, kind_name="system", entity_id=system.id, values={"purpose": "Other"}
    )
    assert affected_systems(load_plan(demo_ws), change) == {system.id}


def test_people_changes_can_move_every_system(demo_ws: Any) -> None:
    change = create_entity(demo_ws, kind_name="person", values={"name": "New Person"})
    assert affected_systems(load_plan(demo_ws), change) is None


def test_making_a_key_person_accountable_reaches_their_other_systems(demo_ws: Any) -> None:
    plan = load_plan(demo_ws)
    person, owned = _key_person(plan)
    target = next(s for s in plan if s.id not in owned)
    activity = plan.activities[0].id
    change = assign_raci(
        demo_ws, system_id=target.id, activity_id=activity, role="A", person_id=person
    )
    assert affected_systems(load_plan(demo_ws), change) == {target.id, *owned}


def test_a_responsible_cell_stays_within_its_system(demo_ws: Any) -> None:
    plan = load_plan(demo_ws)
    person, owned = _key_person(plan)
    target = next(s for s in plan if s.id not in owned)
    activity = plan.activities[0].id
    change = assign_raci(
        demo_ws, system_id=target.id, activity_id=activity, role="R", person_id=person
    )
    assert affected_systems(load_plan(demo_ws), change) == {target.id}


def test_taking_accountability_away_reaches_the_other_systems(demo_ws: Any) -> None:
    plan = load_plan(demo_ws)
    person, owned = _key_person(plan)
    system = plan.systems[owned[0]]
    cell = next(r for r in system.raci if r.person_id == person and r.role == "A")
    change = assign_raci(
        demo_ws, system_id=system.id, activity_id=cell.activity_id, role="R", person_id=person
    )
    assert affected_systems(load_plan(demo_ws), change) == set(owned)
