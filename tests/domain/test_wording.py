"""Plurals for people: one helper, right for the nouns the app counts."""

from __future__ import annotations

import pytest

from planner.domain.wording import actor_name, as_sentence, count_of, field_label, key_words, plural


@pytest.mark.parametrize(
    ("noun", "expected"),
    [
        ("blocker", "blockers"),
        ("activity", "activities"),
        ("responsibility", "responsibilities"),
        ("person", "people"),
        ("day", "days"),
        ("process", "processes"),
        ("data source", "data sources"),
        ("readiness criterion", "readiness criteria"),
        ("Person", "People"),
    ],
)
def test_plural(noun, expected):
    assert plural(noun) == expected


def test_count_of():
    assert count_of(1, "blocker") == "1 blocker"
    assert count_of(4, "blocker") == "4 blockers"
    assert count_of(0, "system") == "0 systems"
    assert count_of(2, "person") == "2 people"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("nobody is Accountable for Access control", "Nobody is Accountable for Access control"),
        (
            "no DPIA (the system processes personal data)",
            "No DPIA (the system processes personal data)",
        ),
        ("Lukas Haddad is inactive", "Lukas Haddad is inactive"),
        ("'Runbook' has no owner", "'Runbook' has no owner"),
        ("", ""),
    ],
)
def test_as_sentence_capitalises_the_first_letter(text, expected):
    assert as_sentence(text) == expected


def test_as_sentence_leaves_a_name_as_it_was_typed():
    keep = ["de Vries", "van der Berg"]
    assert as_sentence("de Vries is inactive but is Consulted", keep) == (
        "de Vries is inactive but is Consulted"
    )
    assert as_sentence("deputy missing", keep) == "Deputy missing"


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("import_raci", "import RACI"),
        ("sev1_definition", "SEV1 definition"),
        ("response_sla_minutes", "response SLA minutes"),
        ("export_pdf", "export PDF"),
        ("server_url", "server URL"),
        ("dpia_id", "DPIA ID"),
        ("ai_system", "AI system"),
        ("go_live", "go live"),
        ("identity", "identity"),
    ],
)
def test_key_words_keep_acronyms(key, expected):
    assert key_words(key) == expected


def test_field_label_keeps_acronyms():
    assert field_label("sev2_definition") == "SEV2 definition"
    assert field_label("approver_id") == "approver"


@pytest.mark.parametrize(
    ("actor", "expected"),
    [
        ("Priya Shah", "Priya Shah"),
        ("unknown", "another user (no name set)"),
        ("", "another user (no name set)"),
        ("  ", "another user (no name set)"),
    ],
)
def test_actor_name_says_when_nobody_set_a_name(actor, expected):
    assert actor_name(actor) == expected


def test_listed_words_read_as_running_text() -> None:
    from planner.domain.wording import listed

    assert listed(["a"]) == "a"
    assert listed(["a", "b"]) == "a and b"
    assert listed(["a", "b", "c"]) == "a, b and c"
