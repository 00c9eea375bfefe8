"""Plurals for people: one helper, right for the nouns the app counts."""

from __future__ import annotations

import pytest

from planner.domain.wording import count_of, plural


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
