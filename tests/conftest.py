"""Shared fixtures: every test gets a fresh workspace file in its own folder."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Without a display Qt aborts with no message; offscreen works everywhere, and setdefault
# leaves a real display (Xvfb screenshots) alone.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _isolated_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keep preferences, logs and the default workspace out of the real home folder."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("USER", "tester")


@pytest.fixture
def workspace_path(tmp_path: Path) -> Path:
    return tmp_path / "plan.handover"


@pytest.fixture
def ws(workspace_path: Path) -> Iterator[object]:
    """A fresh, empty workspace opened for writing by the actor 'tester'."""
    from planner.store.workspace import create_workspace

    workspace = create_workspace(workspace_path, actor="tester")
    yield workspace
    workspace.close()


@pytest.fixture
def demo_ws(tmp_path: Path) -> Iterator[object]:
    """A workspace filled with the six-system demo."""
    from planner.operations.demo import create_demo
    from planner.store.workspace import create_workspace

    workspace = create_workspace(tmp_path / "demo.handover", actor="tester")
    create_demo(workspace, systems=6, seed=1)
    yield workspace
    workspace.close()
