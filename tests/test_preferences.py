"""Preferences: the recent list never holds a password, whatever form the URL takes."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.preferences import Preferences

# (the URL as typed or pasted, what the recent list keeps)
URL_FORMS = [
    ("postgresql://ana:s3cret@db.example/plans", "postgresql://ana@db.example/plans"),
    ("postgresql://ana:s3cret@db.example:6543/plans", "postgresql://ana@db.example:6543/plans"),
    ("postgresql://ana@db.example:6543/plans", "postgresql://ana@db.example:6543/plans"),
    ("postgresql://:s3cret@db.example/plans", "postgresql://db.example/plans"),
    ("postgresql://ana:s3cret%40x%2Fy@db.example/plans", "postgresql://ana@db.example/plans"),
    # libpq reads a raw '/', '?' or ':' in a password as part of it, and so does SQLAlchemy.
    ("postgresql://ana:s3cret/x?y:z@db.example/plans", "postgresql://ana@db.example/plans"),
    ("postgresql://ana:s3cret and more@db.example/plans", "postgresql://ana@db.example/plans"),
    (
        "postgresql://ana@db.example/plans?sslmode=require&password=s3cret",
        "postgresql://ana@db.example/plans?sslmode=require",
    ),
    (
        "POSTGRES://ana:s3cret@/plans?password=s3cret&host=/run/pg",
        "POSTGRES://ana@/plans?host=/run/pg",
    ),
]


@pytest.mark.parametrize(("typed", "kept"), URL_FORMS)
def test_a_password_never_reaches_the_recent_list(typed: str, kept: str, tmp_path: Path) -> None:
    preferences = Preferences()
    preferences.add_recent(typed)
    preferences.save(tmp_path / "preferences.json")
    assert "s3cret" not in (tmp_path / "preferences.json").read_text(encoding="utf-8")
    assert Preferences.load(tmp_path / "preferences.json").recent_files == [kept]
