"""The six-system demo: check finds exactly the gaps its generator leaves out on purpose."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from planner.analysis import Level, analyse
from planner.demo import create_demo
from planner.domain.plan import Plan
from planner.store.plan_loader import load_plan
from planner.store.workspace import create_workspace

TODAY = dt.date(2026, 11, 30)

# System name -> the rule ids (with counts) of the gaps planner/demo/__init__.py documents.
DELIBERATE = {
    "Invoice Capture": {},
    "Colleague Copilot": {"DOC-006": 1, "DOC-005": 1, "MON-002": 1, "RACI-003": 1},
    "Demand Forecast": {"RACI-005": 1, "RET-006": 1, "BASE-001": 1, "DATA-002": 1},
    "Help Centre Assistant": {
        "SUP-003": 1,
        "ESC-002": 1,
        "ESC-003": 1,
        "ACT-001": 1,
        "MON-004": 1,
    },
    "Claims Triage": {"HUM-001": 1, "DOC-001": 1, "RACI-001": 1, "RACI-004": 1},
}
# The idea-stage skeleton: only "not filled in yet" rules, nothing about wrong content.
SKELETON = {
    "RACI-001",
    "RACI-003",
    "SUP-002",
    "ESC-003",
    "DOC-001",
    "RET-002",
    "RET-003",
    "MON-002",
    "MON-003",
    "GOV-002",
    "RDY-001",
    "BASE-001",
    "DATA-001",
    "DATA-002",
    "DATA-003",
}


@pytest.fixture(scope="module")
def demo_plan(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Plan]:
    path: Path = tmp_path_factory.mktemp("demo") / "demo.handover"
    ws = create_workspace(path, actor="tester")
    create_demo(ws, systems=6, seed=1, today=TODAY)
    yield load_plan(ws)
    ws.close()


def _found(plan: Plan, name: str) -> Counter[str]:
    analysis = analyse(plan, today=TODAY)
    system = plan.system_named(name)
    assert system is not None
    return Counter(f.rule_id for f in analysis.systems[system.id].findings)


@pytest.mark.parametrize("name", sorted(DELIBERATE))
def test_demo_system_has_exactly_its_deliberate_gaps(demo_plan: Plan, name: str) -> None:
    assert _found(demo_plan, name) == Counter(DELIBERATE[name])


def test_the_idea_system_only_lacks_content(demo_plan: Plan) -> None:
    found = _found(demo_plan, "Payment Anomaly Watch")
    assert found
    assert set(found) <= SKELETON


def test_the_complete_system_is_signed_locked_and_clean(demo_plan: Plan) -> None:
    system = demo_plan.system_named("Invoice Capture")
    assert system is not None
    assert system.system.locked
    result = analyse(demo_plan, today=TODAY).systems[system.id]
    assert result.count(Level.BLOCKER) == result.count(Level.WARNING) == 0
    assert result.score == 100


def test_the_demo_has_no_workspace_wide_findings(demo_plan: Plan) -> None:
    assert analyse(demo_plan, today=TODAY).workspace_findings == ()
