"""A second writer on a test's workspace, for tests of what several writers do."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import pytest


@contextlib.contextmanager
def another_writer(request: pytest.FixtureRequest, workspace: Any) -> Iterator[Any]:
    """Another writer ('Priya Shah') on the same workspace, as a colleague would be.

    On a server that is simply a second connection. A file lets one writer in through its
    lock; the second one here skips the lock (as no real instance does), so the tests can
    interleave two writers' edits on either engine.
    """
    if workspace.is_server:
        from planner.store.server import open_server_workspace

        other = open_server_workspace(request.getfixturevalue("server_url"), actor="Priya Shah")
    else:
        from planner.store.workspace import open_workspace

        other = open_workspace(workspace.path, actor="Priya Shah", take_lock=False)
    try:
        yield other
    finally:
        other.close()
