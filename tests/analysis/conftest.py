"""Fixtures of the analysis tests: the complete plan, built once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from analysis_plans import build_complete

from planner.domain.plan import Plan
from planner.store.plan_loader import load_plan
from planner.store.workspace import create_workspace


@pytest.fixture(scope="session")
def complete_plan(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Plan]:
    """The complete plan, built once (tests change copies of it in memory, never the file)."""
    path: Path = tmp_path_factory.mktemp("complete") / "complete.handover"
    workspace = create_workspace(path, actor="tester")
    build_complete(workspace)
    yield load_plan(workspace)
    workspace.close()
