"""Telling a server URL from a file path, cheaply (before the database driver is imported)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from planner.store.server_url import is_server_url, redact_password


@pytest.mark.parametrize(
    ("location", "expected"),
    [
        ("postgresql://me@db/handover", True),
        ("  POSTGRES://me@db/handover", True),
        ("plans/postgresql.handover", False),
        ("C:\\plans\\team.handover", False),
    ],
)
def test_a_server_url_is_told_from_a_file(location: str, expected: bool) -> None:
    assert is_server_url(location) is expected


def test_asking_does_not_import_sqlalchemy() -> None:
    """The command line and the window ask before they open anything; SQLAlchemy costs
    most of a second to import, so the answer must not need it."""
    code = (
        "import sys, planner.store.server_url as u; u.is_server_url('x'); "
        "print('sqlalchemy' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize(
    ("location", "shown"),
    [
        ("postgresql://ana:s3cret@db:6543/plans", "postgresql://ana:***@db:6543/plans"),
        ("postgresql://ana:s3/c?r:t@db/plans", "postgresql://ana:***@db/plans"),
        ("postgresql://ana@db/plans", "postgresql://ana@db/plans"),
        (
            "postgresql://ana@db/plans?password=s3cret&sslmode=require",
            "postgresql://ana@db/plans?password=***&sslmode=require",
        ),
        ("plans/ana:s3cret@team.handover", "plans/ana:s3cret@team.handover"),  # a file
        ("connection to server at db failed", "connection to server at db failed"),
    ],
)
def test_a_password_is_masked_for_messages(location: str, shown: str) -> None:
    assert redact_password(location) == shown


def test_a_parsed_location_opens_again_without_its_password() -> None:
    from planner.store.server import ServerLocation

    location = ServerLocation.parse("postgresql://ana:s3cret@db/plans?password=x&sslmode=require")
    assert location.public_url == "postgresql://ana@db/plans?sslmode=require"
    assert ServerLocation.parse(location.public_url).url.password is None
