"""'AI system' is the term: no message built from a label says "ai system" in lower case."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from planner import cli
from planner.analysis import analyse
from planner.demo import create_demo
from planner.domain.errors import PlannerError
from planner.domain.registry import KINDS
from planner.domain.wording import lower_first
from planner.operations import create_entity, update_entity
from planner.store.plan_loader import load_plan
from planner.store.workspace import Workspace, create_workspace

WRONG = "ai system"


def test_the_demos_findings_say_ai_system_with_capitals(tmp_path: Path) -> None:
    ws = create_workspace(tmp_path / "demo.handover", actor="tester")
    try:
        create_demo(ws, systems=6, seed=1, today=dt.date(2026, 11, 30))
        analysis = analyse(load_plan(ws), today=dt.date(2026, 11, 30))
    finally:
        ws.close()
    texts = [t for f in analysis.findings for t in (f.title, f.message, f.remedy)]
    assert texts
    assert [t for t in texts if WRONG in t] == []


def test_entity_nouns_keep_the_acronym() -> None:
    assert KINDS["system"].noun == "AI system"
    assert KINDS["escalation_level"].noun == "escalation level"
    assert [k.name for k in KINDS.values() if WRONG in k.noun] == []


def test_an_operation_error_names_the_ai_system(ws: Workspace) -> None:
    with pytest.raises(PlannerError) as raised:
        update_entity(ws, kind_name="system", entity_id="nope", values={"name": "x"})
    assert "no AI system with id nope" in str(raised.value)


def test_a_reference_to_a_missing_ai_system_says_so(ws: Workspace) -> None:
    with pytest.raises(PlannerError) as raised:
        create_entity(ws, kind_name="data_source", values={"system_id": "gone", "name": "CRM"})
    assert str(raised.value) == "Data source: system names no AI system (gone)"


def test_the_cli_continues_a_description_without_lowering_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["demo", str(tmp_path / "d.handover"), "--systems", "2"]) == 0
    out = capsys.readouterr().out
    assert WRONG not in out
    assert lower_first("Add AI system 'Ana'") == "add AI system 'Ana'"
    assert lower_first("AI system added") == "AI system added"
