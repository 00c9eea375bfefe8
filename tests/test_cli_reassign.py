"""The reassign command: dry run, names, systems, locks and exit codes."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from planner.cli import main
from planner.domain.enums import RaciRole
from planner.operations import assign_raci, create_entity, sign_off
from planner.store.plan_loader import load_plan
from planner.store.workspace import create_workspace, open_workspace

ROLES = ("business_owner", "it_operations", "data_owner", "support_lead")


def _new(ws: object, kind_name: str, values: dict[str, object]) -> str:
    created = create_entity(ws, kind_name=kind_name, values=values).first_id(kind_name)  # type: ignore[arg-type]
    assert created is not None
    return created


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    """Ana is accountable for support in two systems and owns a document in one."""
    path = tmp_path / "plan.handover"
    with create_workspace(path, actor="tester") as ws:
        ana = _new(ws, "person", {"name": "Ana Souza"})
        _new(ws, "person", {"name": "Ben Ode"})
        _new(ws, "team", {"name": "Ops"})
        support = next(a.id for a in load_plan(ws).activities if a.key == "support")
        for name in ("Claims Triage", "Fraud Watch"):
            system = _new(ws, "system", {"name": name})
            assign_raci(
                ws, system_id=system, activity_id=support, role=RaciRole.ACCOUNTABLE, person_id=ana
            )
        _new(ws, "document", {"system_id": system, "title": "Runbook", "owner_id": ana})
    return path


def _holders(path: Path) -> list[tuple[str, str | None]]:
    conn = sqlite3.connect(path)
    try:
        return sorted(
            conn.execute(
                "SELECT s.name, coalesce(p.name, t.name) FROM raci_assignment r "
                "JOIN ai_system s ON s.id = r.system_id LEFT JOIN person p ON p.id = r.person_id "
                "LEFT JOIN team t ON t.id = r.team_id"
            )
        )
    finally:
        conn.close()


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["reassign", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_dry_run_lists_the_moves_and_writes_nothing(
    plan_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = plan_file.read_bytes()
    code, out, _ = _run(
        capsys, str(plan_file), "--from", "ana souza", "--to", "BEN ODE", "--dry-run"
    )
    assert code == 0
    assert out.splitlines() == [
        "move   Claims Triage: Accountable for Support",
        "move   Fraud Watch: Accountable for Support",
        "move   Fraud Watch: Owner of document 'Runbook'",
        "dry run: would hand over 3 responsibilities of Ana Souza to Ben Ode",
    ]
    assert plan_file.read_bytes() == before


def test_reassign_to_a_person_in_one_system(
    plan_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(
        capsys, str(plan_file), "--from", "Ana Souza", "--to", "Ben Ode", "--system", "fraud watch"
    )
    assert code == 0
    assert "Hand over 2 responsibilities of Ana Souza to Ben Ode in 'Fraud Watch'" in out
    assert _holders(plan_file) == [("Claims Triage", "Ana Souza"), ("Fraud Watch", "Ben Ode")]


def test_reassign_to_a_team_says_owner_fields_stay(
    plan_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, str(plan_file), "--from", "Ana Souza", "--to", "ops")
    assert code == 0
    assert (
        "skip   Fraud Watch: Owner of document 'Runbook'  [an owner must be a person, not a team]"
        in out
    )
    assert out.rstrip().endswith("(1 left as they are)")
    assert _holders(plan_file) == [("Claims Triage", "Ops"), ("Fraud Watch", "Ops")]


def test_locked_system_is_refused_unless_skipped(
    plan_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_workspace(plan_file, actor="tester") as ws:
        plan = load_plan(ws)
        system = plan.system_named("Claims Triage")
        ben = next(p.id for p in plan.people.values() if p.name == "Ben Ode")
        assert system is not None
        for role in ROLES:
            sign_off(
                ws, system_id=system.id, role=role, person_id=ben, signed_on=dt.date(2026, 1, 5)
            )
    before = plan_file.read_bytes()
    code, _, err = _run(capsys, str(plan_file), "--from", "Ana Souza", "--to", "Ben Ode")
    assert code == 2
    assert err.strip().splitlines() == [
        "handover-planner: reassign: 'Claims Triage' is signed off and locked; reopen it first, "
        "or skip signed-off systems (--skip-locked)"
    ]
    assert plan_file.read_bytes() == before
    code, _, _ = _run(
        capsys, str(plan_file), "--from", "Ana Souza", "--to", "Ben Ode", "--skip-locked"
    )
    assert code == 0
    assert _holders(plan_file) == [("Claims Triage", "Ana Souza"), ("Fraud Watch", "Ben Ode")]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--from", "Zed", "--to", "Ben Ode"), "no person named 'Zed'"),
        (("--from", "Ana Souza", "--to", "Nobody"), "no person or team named 'Nobody'"),
        (("--from", "Ana Souza", "--to", "Ben Ode", "--system", "X"), "no system named 'X'"),
        (("--from", "Ana Souza", "--to", "ana souza"), "someone other than"),
        (("--from", "Ana Souza"), "the following arguments are required: --to"),
    ],
)
def test_bad_names_exit_2_with_one_line(
    plan_file: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    code, _, err = _run(capsys, str(plan_file), *args)
    assert code == 2
    assert len(err.strip().splitlines()) == 1
    assert message in err


def test_ambiguous_target_exits_2(plan_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with open_workspace(plan_file, actor="tester") as ws:
        _new(ws, "team", {"name": "BEN ODE"})
    code, _, err = _run(capsys, str(plan_file), "--from", "Ana Souza", "--to", "ben ode")
    assert code == 2
    assert "'ben ode' names more than one person or team" in err
