"""The rules page in resources/docs is generated from the registry and must be current."""

from __future__ import annotations

from planner.analysis import RULES
from planner.analysis.report import rules_markdown
from planner.resources import resource_path


def test_rules_page_is_up_to_date() -> None:
    page = resource_path("docs", "rules.md").read_text(encoding="utf-8")
    assert page == rules_markdown(), (
        "regenerate it: handover-planner rules --markdown > resources/docs/rules.md"
    )


def test_every_rule_is_documented_with_its_why_and_fix() -> None:
    page = rules_markdown()
    for rule in RULES.values():
        assert f"### {rule.id}: {rule.title}" in page
        assert len(rule.explanation) > 60, rule.id
        assert rule.remedy.endswith("."), rule.id
