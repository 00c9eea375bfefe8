"""The bundled starter templates load, and each one is internally sensible."""

from __future__ import annotations

import pytest

from planner.domain.enums import ControlKind, HoursOfOperation, Severity, SignalKind, SupportLevel
from planner.domain.templates import Template, get_template, load_templates

EXPECTED_KEYS = [
    "document_extraction",
    "ai_copilot",
    "forecasting_model",
    "customer_support_assistant",
    "claims_review_support",
    "anomaly_detection",
]

REQUIRED_SIGNALS = {
    SignalKind.DATA_DRIFT,
    SignalKind.OUTPUT_QUALITY,
    SignalKind.USAGE,
    SignalKind.EXCEPTIONS,
    SignalKind.USER_FEEDBACK,
}

REQUIRED_CONTROLS = {
    ControlKind.ROLE_BASED_ACCESS,
    ControlKind.AUDIT_TRAIL,
    ControlKind.MODEL_CHANGE_CONTROL,
    ControlKind.INCIDENT_RESPONSE,
}

TEMPLATES = list(load_templates().values())


def _ids(template: Template) -> str:
    return template.key


def test_load_templates_returns_the_six_keys_in_file_order() -> None:
    assert list(load_templates()) == EXPECTED_KEYS


@pytest.mark.parametrize("template", TEMPLATES, ids=_ids)
def test_template_covers_required_monitoring_kinds(template: Template) -> None:
    kinds = {signal.kind for signal in template.monitoring_signals}
    missing = REQUIRED_SIGNALS - kinds
    assert not missing, missing


@pytest.mark.parametrize("template", TEMPLATES, ids=_ids)
def test_template_has_core_governance_controls(template: Template) -> None:
    kinds = {control.kind for control in template.governance_controls}
    missing = REQUIRED_CONTROLS - kinds
    assert not missing, missing


@pytest.mark.parametrize(
    "template",
    [t for t in TEMPLATES if t.system.hours_required is HoursOfOperation.ALWAYS],
    ids=_ids,
)
def test_24x7_template_has_l1_tier_covering_24x7(template: Template) -> None:
    l1_hours = [tier.hours for tier in template.support_tiers if tier.level is SupportLevel.L1]
    assert HoursOfOperation.ALWAYS in l1_hours


def test_some_templates_are_24x7() -> None:
    always = {t.key for t in TEMPLATES if t.system.hours_required is HoursOfOperation.ALWAYS}
    assert {"customer_support_assistant", "anomaly_detection"} <= always


@pytest.mark.parametrize("template", TEMPLATES, ids=_ids)
def test_escalation_chains_have_at_least_two_levels(template: Template) -> None:
    assert template.escalation_chains
    for chain in template.escalation_chains:
        assert len(chain.levels) >= 2, chain.severity


@pytest.mark.parametrize("template", TEMPLATES, ids=_ids)
def test_sev1_response_never_looser_than_sev2_at_same_level(template: Template) -> None:
    chains = {chain.severity: chain for chain in template.escalation_chains}
    assert {Severity.SEV1, Severity.SEV2} <= set(chains)
    pairs = zip(chains[Severity.SEV1].levels, chains[Severity.SEV2].levels, strict=False)
    for index, (sev1, sev2) in enumerate(pairs):
        if sev1.response_minutes is not None and sev2.response_minutes is not None:
            assert sev1.response_minutes <= sev2.response_minutes, index


@pytest.mark.parametrize("template", TEMPLATES, ids=_ids)
def test_escalation_delays_positive_after_first_level(template: Template) -> None:
    for chain in template.escalation_chains:
        for level in chain.levels[1:]:
            assert level.delay_minutes > 0, chain.severity


def test_get_template_returns_the_named_template() -> None:
    assert get_template("ai_copilot").name == "AI copilot"


def test_get_template_unknown_key_lists_available_ones() -> None:
    with pytest.raises(KeyError, match="nope") as excinfo:
        get_template("nope")
    message = str(excinfo.value)
    for key in EXPECTED_KEYS:
        assert key in message


@pytest.mark.parametrize("template", TEMPLATES, ids=_ids)
def test_tiers_resolve_after_they_respond_and_say_when_a_case_moves_up(
    template: Template,
) -> None:
    tiers = template.support_tiers
    for tier in tiers:
        assert tier.resolution_minutes is not None, tier.level
        assert tier.response_minutes is not None, tier.level
        assert tier.resolution_minutes > tier.response_minutes, tier.level
    assert all(tier.escalate_when for tier in tiers[:-1])
    assert tiers[-1].escalate_when == ""  # the last tier has nowhere to pass a case on to
