"""responsibilities_of: everything one person holds, Accountable first, said for people."""

from __future__ import annotations

from planner.analysis.responsibilities import responsibilities_of
from planner.domain.enums import RaciRole
from planner.operations import update_entity
from planner.store.plan_loader import load_plan


def test_every_kind_of_holding_is_listed(demo_ws):
    plan = load_plan(demo_ws)
    system = next(s for s in plan if s.chains and s.sign_offs)
    signer = system.sign_offs[0].person_id
    held = responsibilities_of(plan, signer)
    assert any(r.kind_name == "sign_off" and r.removed_with_person for r in held)
    accountable = [
        r for s in plan for r in s.raci if r.person_id == signer and r.role == RaciRole.ACCOUNTABLE
    ]
    assert sum(r.accountable for r in held) == len(accountable)
    assert [r.accountable for r in held] == sorted((r.accountable for r in held), reverse=True)
    for entry in held:
        assert entry.what
        assert "_" not in entry.what


def test_deputies_and_owners_are_listed_and_not_removed(demo_ws):
    plan = load_plan(demo_ws)
    people = list(plan.people.values())
    holder, other = people[0].id, people[1].id
    update_entity(demo_ws, kind_name="person", entity_id=other, values={"deputy_id": holder})
    system = next(iter(plan))
    source = system.data_sources[0]
    update_entity(
        demo_ws, kind_name="data_source", entity_id=source.id, values={"owner_id": holder}
    )
    plan = load_plan(demo_ws)
    held = responsibilities_of(plan, holder)
    deputy = [r for r in held if r.field == "deputy_id"]
    assert f"Deputy of {plan.people[other].name}" in [r.what for r in deputy]
    owned = [r for r in held if r.kind_name == "data_source"]
    assert owned[0].what == f"Owner of the data source “{source.name}”"
    assert not owned[0].removed_with_person
    assert owned[0].system_name == system.name


def test_someone_holding_nothing_holds_nothing(demo_ws):
    from planner.operations import create_entity

    change = create_entity(demo_ws, kind_name="person", values={"name": "Newcomer"})
    assert responsibilities_of(load_plan(demo_ws), change.first_id("person")) == []
