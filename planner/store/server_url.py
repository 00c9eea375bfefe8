"""Telling a server workspace's URL from a file path, without importing the database driver.

The command line and the window ask this before anything is opened, when SQLAlchemy is not
imported yet (it costs most of a second); store/server.py uses the same test.
"""

from __future__ import annotations

SCHEMES = ("postgresql://", "postgres://")


def is_server_url(location: str) -> bool:
    """Whether ``location`` names a server workspace rather than a file."""
    return location.strip().lower().startswith(SCHEMES)
