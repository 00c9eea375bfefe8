"""The bring-back command: a dry run, the merge, and one sentence for bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from workspace_sql import select_rows

from planner.cli import main
from planner.operations import add_system, update_entity
from planner.store.workspace import create_workspace, open_workspace


@pytest.fixture
def team(tmp_path: Path) -> Path:
    with create_workspace(tmp_path / "team.handover", actor="lee") as ws:
        add_system(ws, name="Claims Copilot", purpose="Triage")
        add_system(ws, name="Fraud Radar")
    assert main(["copy", str(tmp_path / "team.handover"), str(tmp_path / "offline.handover")]) == 0
    with open_workspace(tmp_path / "offline.handover", actor="ana") as copy:
        rows = {r["name"]: r["id"] for r in select_rows(copy, "ai_system")}
        update_entity(
            copy,
            kind_name="system",
            entity_id=rows["Claims Copilot"],
            values={"purpose": "A & <b>"},
        )
        update_entity(
            copy, kind_name="system", entity_id=rows["Fraud Radar"], values={"purpose": "Off"}
        )
    with open_workspace(tmp_path / "team.handover", actor="lee") as ws:
        update_entity(
            ws, kind_name="system", entity_id=rows["Fraud Radar"], values={"purpose": "Here"}
        )
    return tmp_path


def test_dry_run_then_bring_back_then_nothing_left(
    team: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["bring-back", str(team / "offline.handover"), str(team / "team.handover")]
    assert main([*args, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "would apply 1 change, 1 conflict (the destination's version is kept)" in out
    assert "Claims Copilot: purpose: 'Triage' → 'A & <b>' (by ana)" in out
    assert (
        "  Fraud Radar: purpose\n      offline: 'Off' (by ana)\n      here:    'Here' (by lee)"
        in out
    )
    assert out.rstrip().endswith("nothing was changed (dry run)")
    assert main(args) == 0
    assert "applied 1 change, 1 conflict" in capsys.readouterr().out
    with open_workspace(team / "team.handover", read_only=True) as ws:
        purposes = {r["name"]: r["purpose"] for r in select_rows(ws, "ai_system")}
    assert purposes == {"Claims Copilot": "A & <b>", "Fraud Radar": "Here"}
    assert main(args) == 0
    assert "nothing changed in the copy" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("copy", "dest", "message"),
    [
        ("team.handover", "offline.handover", "team.handover is not an offline copy"),
        ("offline.handover", "other.handover", "offline.handover was not copied from other"),
        ("offline.handover", "offline.handover", "COPY and DEST are the same file"),
        ("missing.handover", "team.handover", "missing.handover: no such file"),
        ("notes.txt", "team.handover", "notes.txt: not a Handover Planner workspace"),
    ],
)
def test_bad_input_is_one_sentence_and_exit_2(
    team: Path, capsys: pytest.CaptureFixture[str], copy: str, dest: str, message: str
) -> None:
    create_workspace(team / "other.handover").close()
    (team / "notes.txt").write_text("hello")
    assert main(["bring-back", str(team / copy), str(team / dest)]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_copy_to_a_file_says_how_to_bring_it_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    create_workspace(tmp_path / "my plan.handover").close()
    source, copy = str(tmp_path / "my plan.handover"), str(tmp_path / "copy.handover")
    assert main(["copy", source, copy]) == 0
    out = capsys.readouterr().out
    assert f"handover-planner bring-back {copy} '{source}'" in out
