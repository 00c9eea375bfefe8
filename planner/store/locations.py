"""Where a workspace lives: a file path or a postgresql:// URL, opened the same way."""

from __future__ import annotations

from pathlib import Path

from planner.store.server import open_server_workspace
from planner.store.server_url import is_server_url
from planner.store.workspace import Workspace, create_workspace, open_workspace


def open_location(
    location: str, *, read_only: bool = False, actor: str | None = None, create: bool = False
) -> Workspace:
    """Open a workspace file or server; ``create`` makes a missing file (not a server)."""
    if is_server_url(location):
        return open_server_workspace(location, read_only=read_only, actor=actor)
    path = Path(location)
    if create and not path.exists():
        return create_workspace(path, actor=actor)
    return open_workspace(path, read_only=read_only, actor=actor)


def location_exists(location: str) -> bool:
    """Whether opening ``location`` finds something (a server always exists)."""
    return is_server_url(location) or Path(location).exists()


def remove_new_file(location: str) -> None:
    """Remove a file workspace a failed command created (never a server's content)."""
    if not is_server_url(location):
        Path(location).unlink(missing_ok=True)
