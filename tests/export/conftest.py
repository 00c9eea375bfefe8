"""Workspaces shared by the PDF tests, built once per session (rendering is the slow part)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pdf_workspaces import DATE, Built, build_hostile


@pytest.fixture(scope="session")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from planner.demo import create_demo
    from planner.store.workspace import create_workspace

    path = tmp_path_factory.mktemp("demo") / "demo.handover"
    with create_workspace(path, actor="tester") as ws:
        create_demo(ws, systems=6, seed=1, today=DATE)
    return path


@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_hostile(tmp_path_factory.mktemp("hostile") / "hostile.handover")


@pytest.fixture(scope="session")
def demo_plan(demo_path: Path) -> Iterator[Any]:
    from planner.store.plan_loader import load_plan
    from planner.store.workspace import open_workspace

    with open_workspace(demo_path, read_only=True, actor="tester") as ws:
        yield load_plan(ws)
