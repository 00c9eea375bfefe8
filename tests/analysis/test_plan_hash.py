"""The content hash a sign-off records: stable for the same plan, changed by any edit."""

from __future__ import annotations

import dataclasses
import json

from analysis_plans import edit, the_system, with_person, with_system, with_system_row

from planner.domain.plan import Plan
from planner.domain.plan_hash import canonical_json, plan_hash


def _hash(plan: Plan) -> str:
    return plan_hash(plan, the_system(plan))


def test_same_plan_same_hash_whatever_the_row_order(complete_plan: Plan) -> None:
    system = the_system(complete_plan)
    shuffled = with_system(complete_plan, raci=tuple(reversed(system.raci)))
    assert _hash(shuffled) == _hash(complete_plan)
    assert len(_hash(complete_plan)) == 64


def test_sign_off_fields_timestamps_and_sign_offs_do_not_count(complete_plan: Plan) -> None:
    signed = with_system_row(complete_plan, locked=True, signed_hash="x" * 64)
    signed = with_system(signed, sign_offs=(object(),))
    assert _hash(signed) == _hash(complete_plan)


def test_any_edit_changes_the_hash(complete_plan: Plan) -> None:
    system = the_system(complete_plan)
    document = edit(system.documents[0], location="https://elsewhere")
    changed = with_system(complete_plan, documents=(document, *system.documents[1:]))
    assert _hash(changed) != _hash(complete_plan)


def test_a_referenced_persons_phone_counts_an_unrelated_one_does_not(complete_plan: Plan) -> None:
    system = the_system(complete_plan)
    named = system.raci[0].person_id
    assert _hash(with_person(complete_plan, named, phone="+1 555")) != _hash(complete_plan)
    stranger = dataclasses.replace(
        complete_plan,
        people={**complete_plan.people, "x": edit(complete_plan.people[named], id="x")},
    )
    assert _hash(stranger) == _hash(complete_plan)


def test_canonical_json_is_compact_sorted_json(complete_plan: Plan) -> None:
    text = canonical_json(complete_plan, the_system(complete_plan))
    content = json.loads(text)
    assert text == json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert "locked" not in content["system"]
