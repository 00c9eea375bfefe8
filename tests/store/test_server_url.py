"""Telling a server URL from a file path, cheaply (before the database driver is imported)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from planner.store.server_url import is_server_url


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
