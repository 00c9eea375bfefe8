"""The standards crosswalk against the rule registry, and the applicability table."""

from __future__ import annotations

import json

import pytest
from analysis_plans import TODAY, the_system, with_system, with_system_row

from planner.analysis import RULES, analyse
from planner.analysis.crosswalk import (
    APPLIES_TO,
    CONDITIONS,
    CROSSWALK_FILE,
    Status,
    applicability,
    frameworks,
    items_served,
)
from planner.domain.plan import Plan
from planner.resources import resource_path

REQUIRED = {
    "nist-ai-rmf": {
        "GOVERN 1.6",
        "GOVERN 1.7",
        "GOVERN 2.1",
        "GOVERN 3.2",
        "MEASURE 2.4",
        "MANAGE 1.1",
        "MANAGE 2.4",
        "MANAGE 4.1",
        "MANAGE 4.3",
    },
    "iso-42001": {"A.3.2", "A.6.2.6", "A.6.2.7", "A.6.2.8", "A.10"},
    "eu-ai-act": {"Art. 14", "Art. 26", "Art. 50"},
}


def test_every_rule_serves_at_least_one_item() -> None:
    assert [rule_id for rule_id in RULES if not items_served(rule_id)] == []


def test_every_item_is_served_or_says_why_not() -> None:
    for chosen in frameworks().values():
        for item in chosen.items:
            assert bool(item.rules) != bool(item.unserved.strip()), (chosen.key, item.id)
            assert set(item.rules) <= set(RULES), (chosen.key, item.id)
            assert item.applies_when in (None, *CONDITIONS), (chosen.key, item.id)
            assert item.applies_when in (None, *APPLIES_TO)


def test_the_items_the_reviewers_asked_for_are_all_there() -> None:
    known = {key: {i.id for i in f.items} for key, f in frameworks().items()}
    for key, items in REQUIRED.items():
        assert items <= known[key]
    assert {"google-sre-prr", "itil"} <= set(known)


def test_the_file_names_no_unknown_keys() -> None:
    raw = json.loads(resource_path(*CROSSWALK_FILE).read_text(encoding="utf-8"))
    for data in raw["frameworks"].values():
        assert set(data) == {"title", "items"}
        for item in data["items"]:
            assert set(item) <= {"id", "title", "rules", "unserved", "applies_when"}


def _rows(plan: Plan, name: str) -> dict[str, tuple[Status, str]]:
    analysis = analyse(plan, today=TODAY)
    system_id = the_system(plan).id
    return {r.item: (r.status, r.why) for r in applicability(analysis, system_id, name)}


def test_a_complete_plan_meets_every_applicable_item(complete_plan: Plan) -> None:
    rows = _rows(complete_plan, "eu-ai-act")
    assert rows["Art. 14"][0] == Status.MET
    assert rows["Art. 14"][1].startswith("Met: no findings of HUM-001")
    # The claims system is not customer-facing: transparency to its users does not apply.
    assert rows["Art. 50"] == (
        Status.NOT_APPLICABLE,
        "Does not apply: the system is not customer-facing.",
    )
    sre = _rows(complete_plan, "google-sre-prr")
    assert sre["Capacity planning"][0] == Status.NOT_APPLICABLE
    assert sre["Capacity planning"][1].startswith("Not checked by this plan: ")


def test_an_open_item_names_the_findings_that_keep_it_open(complete_plan: Plan) -> None:
    plan = with_system_row(complete_plan, overseer_id=None, customer_facing=True)
    rows = _rows(plan, "eu-ai-act")
    status, why = rows["Art. 14"]
    assert status == Status.OPEN
    assert "HUM-003 nobody is named as the system's overseer" in why
    assert rows["Art. 50"][0] == Status.OPEN
    assert "GOV-006" in rows["Art. 50"][1]


def test_applicability_rows_serialise_for_the_pack(complete_plan: Plan) -> None:
    plan = with_system(complete_plan, baselines=())
    analysis = analyse(plan, today=TODAY)
    rows = applicability(analysis, the_system(plan).id, "nist-ai-rmf")
    measure = next(r for r in rows if r.item == "MEASURE 2.4")
    assert measure.to_json()["status"] == "open"
    assert "BASE-002" in measure.to_json()["why"]
    assert [r.item for r in rows][:2] == ["GOVERN 1.6", "GOVERN 1.7"]


def test_an_unknown_framework_is_named_with_the_choices(complete_plan: Plan) -> None:
    analysis = analyse(complete_plan, today=TODAY)
    with pytest.raises(KeyError, match="choose one of: nist-ai-rmf"):
        applicability(analysis, the_system(complete_plan).id, "cobit")
