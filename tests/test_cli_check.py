"""The check and rules commands: exit codes, text grouping and the JSON contract."""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

import pytest

from planner.analysis import DEFAULT_POLICY
from planner.cli import main
from planner.operations import create_entity, sign_off
from planner.store.workspace import create_workspace

sys.path.insert(0, str(Path(__file__).parent / "analysis"))
from analysis_plans import SYSTEM, TODAY, build_complete  # noqa: E402

ROLES = ("business_owner", "it_operations", "data_owner", "support_lead")


@pytest.fixture(scope="module")
def complete_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workspace whose one system is complete, in production and signed off."""
    path = tmp_path_factory.mktemp("cli") / "complete.handover"
    with create_workspace(path, actor="tester") as ws:
        system_id = build_complete(ws, stage="production")
        for number, role in enumerate(ROLES):
            # Each role signed by its own holder: one person signing twice is a finding.
            values = {"name": f"Signer {number}"}
            signer = create_entity(ws, kind_name="person", values=values).first_id("person")
            assert signer is not None
            sign_off(ws, system_id=system_id, role=role, person_id=signer, signed_on=TODAY)
    return path


@pytest.fixture
def gappy_file(tmp_path: Path) -> Path:
    """A workspace with one bare system in production: full of blockers."""
    path = tmp_path / "gappy.handover"
    with create_workspace(path, actor="tester") as ws:
        create_entity(ws, kind_name="system", values={"name": "Bare", "stage": "production"})
    return path


def _check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["check", *args, "--today", TODAY.isoformat()])
    out, err = capsys.readouterr()
    return code, out, err


def test_no_blockers_exits_0(complete_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _check(capsys, str(complete_file))
    assert code == 0
    assert f"{SYSTEM} [Production]: score 100/100, no findings" in out


def test_blockers_exit_1_grouped_by_system_and_severity(
    gappy_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _check(capsys, str(gappy_file))
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith("Bare [Production]: score ")
    assert lines[1].startswith("  blockers (")
    assert "    SUP-001    the support model has no L1 tier" in out
    assert "fix: Add an L1 support tier" in out
    assert out.index("  blockers (") < out.index("  warnings (")
    assert "portfolio score" in lines[-1]


def test_json_output_shape(gappy_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _check(capsys, str(gappy_file), "--format", "json")
    assert code == 1
    report = json.loads(out)
    assert set(report) == {
        "format",
        "version",
        "today",
        "score",
        "counts",
        "systems",
        "workspace_findings",
        "integrity",
    }
    assert report["integrity"] == []
    assert (report["format"], report["version"], report["today"]) == (
        "handover-planner-check",
        1,
        TODAY.isoformat(),
    )
    assert set(report["counts"]) == {"blocker", "warning", "info"}
    (system,) = report["systems"]
    assert set(system) == {"id", "name", "stage", "score", "counts", "findings"}
    finding = system["findings"][0]
    assert set(finding) == {
        "rule_id",
        "severity",
        "system_id",
        "title",
        "message",
        "remedy",
        "page",
        "entities",
        "cost",
    }
    assert finding["severity"] == "blocker"
    assert all(set(e) == {"kind", "id"} for f in system["findings"] for e in f["entities"])
    costs = sum(f["cost"] for f in system["findings"])
    blockers = system["counts"]["blocker"]
    # 100 minus the costs, held within the band of the open blockers.
    band = (DEFAULT_POLICY.ceiling(blockers + 1), DEFAULT_POLICY.ceiling(blockers))
    assert report["score"] == system["score"] == max(band[0], min(band[1], 100 - costs))


def test_system_option(gappy_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _check(capsys, str(gappy_file), "--system", "bare", "--format", "json")
    assert code == 1
    assert [s["name"] for s in json.loads(out)["systems"]] == ["Bare"]


def test_unknown_system_is_a_user_error(
    gappy_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _check(capsys, str(gappy_file), "--system", "Nope")
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert "no system named 'Nope'" in err


@pytest.mark.parametrize(
    "args",
    [
        ["check", "missing.handover"],
        ["check", "x.handover", "--today", "31/01/2026"],
        ["check", "x.handover", "--format", "xml"],
    ],
)
def test_bad_command_lines_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    assert main([*args[:1], str(tmp_path / args[1]), *args[2:]]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_raw_sql_edit_of_a_signed_system_is_reported(
    complete_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edited = tmp_path / "edited.handover"
    edited.write_bytes(complete_file.read_bytes())
    with sqlite3.connect(edited) as conn:
        conn.execute("UPDATE retraining_plan SET rollback_plan = 'Hope for the best'")
    code, out, _ = _check(capsys, str(edited))
    assert code == 1
    assert "SIGN-002   the plan no longer matches what was signed" in out


def test_rules_for_one_framework(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "--framework", "eu-ai-act"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("EU AI Act")
    assert "Art. 50: Transparency" in out
    assert "    GOV-006    Customer-facing system without a transparency notice" in out
    assert main(["rules", "--framework", "google-sre-prr"]) == 0
    assert "Not checked: The plan records no load" in capsys.readouterr().out


def test_rules_for_an_unknown_framework_is_a_user_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["rules", "--framework", "cobit"]) == 2
    err = capsys.readouterr().err
    assert "unknown framework 'cobit'; choose one of: nist-ai-rmf" in err
    assert "Traceback" not in err


def test_rules_lists_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    from planner.analysis import RULES

    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    for rule in RULES.values():
        assert rule.id in out
        assert rule.title in out
