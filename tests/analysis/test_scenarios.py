"""Expert scenarios: realistic plans with planted gaps; the checker's recall and false alarms.

Each ``scenarios/<name>.json`` is a plan in the interchange format; ``<name>.gaps.json``
lists the gaps planted in it, in the domain's words, each with the rule that must catch it
first and any other rule that rightly reports the same gap. Recall is the share of planted
gaps whose first rule fires; a false alarm is a finding of a rule no planted gap names.
The two control plans have no planted gaps and must show no blocker and no warning.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from planner.analysis import Finding, Level, analyse
from planner.domain.interchange import parse_document
from planner.operations.interchange import import_workspace
from planner.store.plan_loader import load_plan
from planner.store.workspace import create_workspace

FOLDER = Path(__file__).parent / "scenarios"
TODAY = dt.date(2026, 9, 1)
NAMES = sorted(p.name.removesuffix(".gaps.json") for p in FOLDER.glob("*.gaps.json"))
CONTROLS = [n for n in NAMES if n.startswith("control_")]
CASES = [n for n in NAMES if n not in CONTROLS]


@dataclass(frozen=True)
class Outcome:
    gaps: list[dict[str, object]]
    findings: tuple[Finding, ...]

    @property
    def fired(self) -> set[str]:
        return {f.rule_id for f in self.findings}

    @property
    def missed(self) -> list[str]:
        return [str(g["gap"]) for g in self.gaps if g["rules"][0] not in self.fired]  # type: ignore[index]

    @property
    def false_alarms(self) -> list[Finding]:
        named = {rule for g in self.gaps for rule in g["rules"]}  # type: ignore[attr-defined]
        return [f for f in self.findings if f.rule_id not in named]


def outcome(name: str, tmp_path: Path) -> Outcome:
    planted = json.loads((FOLDER / f"{name}.gaps.json").read_text(encoding="utf-8"))
    ws = create_workspace(tmp_path / f"{name}.handover", actor="tester")
    try:
        document = parse_document((FOLDER / f"{name}.json").read_bytes())
        import_workspace(ws, document=document)
        plan = load_plan(ws)
    finally:
        ws.close()
    system = plan.system_named(planted["system"])
    assert system is not None
    result = analyse(plan, today=TODAY).systems[system.id]
    return Outcome(planted["gaps"], result.findings)


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    folder = tmp_path_factory.mktemp("scenarios")
    return {name: outcome(name, folder) for name in NAMES}


def test_there_are_six_use_cases_with_six_to_ten_gaps_and_two_controls() -> None:
    assert len(CASES) == 6
    assert len(CONTROLS) == 2
    for name in CASES:
        gaps = json.loads((FOLDER / f"{name}.gaps.json").read_text())["gaps"]
        assert 6 <= len(gaps) <= 10, name


@pytest.mark.parametrize("name", CASES)
def test_every_planted_gap_is_caught_by_its_rule(outcomes: dict[str, Outcome], name: str) -> None:
    assert outcomes[name].missed == []


@pytest.mark.parametrize("name", CASES)
def test_no_false_alarms(outcomes: dict[str, Outcome], name: str) -> None:
    assert [f"{f.rule_id} {f.message}" for f in outcomes[name].false_alarms] == []


@pytest.mark.parametrize("name", CONTROLS)
def test_control_plans_show_no_blocker_or_warning(outcomes: dict[str, Outcome], name: str) -> None:
    serious = [
        f"{f.rule_id} {f.message}"
        for f in outcomes[name].findings
        if f.severity in (Level.BLOCKER, Level.WARNING)
    ]
    assert serious == []


def test_recall_and_false_alarms_are_reported(
    outcomes: dict[str, Outcome], capsys: pytest.CaptureFixture[str]
) -> None:
    planted = sum(len(outcomes[n].gaps) for n in CASES)
    caught = planted - sum(len(outcomes[n].missed) for n in CASES)
    alarms = sum(len(outcomes[n].false_alarms) for n in NAMES)
    with capsys.disabled():
        print(f"\nscenarios: recall {caught}/{planted} planted gaps; {alarms} false alarm(s)")
    assert planted >= 36
