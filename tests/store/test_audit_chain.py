"""The audit trail as a hash chain: every kind of tampering `check` must see, and none
where the app itself made the change (sign-offs, reopening, undo, redo, import)."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from planner.cli import main
from planner.demo import create_demo
from planner.domain.plan_hash import plan_hash
from planner.operations import reopen_system, revert
from planner.store.audit_chain import Tamper, head, verify, workspace_head
from planner.store.plan_loader import load_plan
from planner.store.workspace import Workspace, create_workspace, open_workspace


@pytest.fixture(scope="module")
def signed_file(make_scratch_folder: Callable[[], Path]) -> Iterator[Path]:
    """The demo: one system signed by every required role, and locked."""
    folder = make_scratch_folder()
    with create_workspace(folder / "demo.handover", actor="tester") as workspace:
        create_demo(workspace, systems=6, seed=1)
    yield folder / "demo.handover"
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def path(signed_file: Path, tmp_path: Path) -> Path:
    shutil.copyfile(signed_file, tmp_path / "plan.handover")
    return tmp_path / "plan.handover"


def findings(path: Path) -> list[Tamper]:
    with open_workspace(path, read_only=True) as ws, ws.read() as session:
        return verify(session)


def sql(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


def locked_system(path: Path) -> str:
    conn = sqlite3.connect(path)
    (system_id,) = conn.execute("SELECT id FROM ai_system WHERE locked = 1").fetchone()
    conn.close()
    return str(system_id)


def test_an_untouched_workspace_has_no_findings(path: Path) -> None:
    assert locked_system(path)
    assert findings(path) == []


TAMPERING = {
    "lock-cleared": lambda p: ["UPDATE ai_system SET locked = 0"],
    "sign-off-deleted": lambda p: [
        f"DELETE FROM sign_off WHERE id = (SELECT min(id) FROM sign_off "
        f"WHERE system_id = '{locked_system(p)}')"
    ],
    "signatory-changed": lambda p: [
        f"UPDATE sign_off SET person_id = (SELECT max(id) FROM person) WHERE id = "
        f"(SELECT min(id) FROM sign_off WHERE system_id = '{locked_system(p)}')"
    ],
    "event-edited": lambda p: ["UPDATE audit_event SET actor = 'someone else' WHERE seq = 3"],
    "events-deleted": lambda p: ["DELETE FROM audit_event WHERE seq = 3"],
    "events-renumbered": lambda p: [
        "DELETE FROM audit_event WHERE seq = 3",
        "UPDATE audit_event SET seq = seq - 1 WHERE seq > 3",
    ],
    "event-unchained": lambda p: [
        "INSERT INTO audit_event (seq, at, actor, operation, entity_type, app_version) "
        "SELECT max(seq) + 1, '2026-01-01 00:00:00.000000', 'x', 'note', 'system', '1' "
        "FROM audit_event"
    ],
}


@pytest.mark.parametrize("kind", list(TAMPERING))
def test_each_kind_of_tampering_is_found_and_named(path: Path, kind: str) -> None:
    sql(path, *TAMPERING[kind](path))

    found = findings(path)

    assert [t.kind for t in found] == [kind], found
    assert "\n" not in found[0].message


def test_re_signing_an_edit_with_the_apps_own_hash_is_found(path: Path) -> None:
    system_id = locked_system(path)
    sql(path, f"UPDATE ai_system SET purpose = 'quietly changed' WHERE id = '{system_id}'")
    with open_workspace(path, read_only=True) as ws:
        plan = load_plan(ws)
    forged = plan_hash(plan, plan.systems[system_id])
    sql(path, f"UPDATE ai_system SET signed_hash = '{forged}' WHERE id = '{system_id}'")

    assert [t.kind for t in findings(path)] == ["signature-replaced"]


def test_check_reports_tampering_as_lines_and_json(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sql(path, "UPDATE ai_system SET locked = 0", "UPDATE audit_event SET actor = 'x' WHERE seq=2")

    assert main(["check", str(path)]) == 1
    text = capsys.readouterr().out
    assert "Integrity: 2 signs of changes made outside the app" in text
    assert "event 2 was edited after it was recorded" in text
    assert "unlocked outside the app" in text

    assert main(["check", str(path), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert [t["kind"] for t in report["integrity"]] == ["event-edited", "lock-cleared"]


def test_audit_head_is_an_anchor_that_moves_with_every_change(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["audit-head", str(path)]) == 0
    first = capsys.readouterr().out.strip()
    seq, digest = first.split()
    assert int(seq) > 1
    assert len(digest) == 64

    with open_workspace(path) as ws:
        reopen_system(ws, system_id=locked_system(path), reason="review")
    assert main(["audit-head", str(path)]) == 0
    assert capsys.readouterr().out.strip().split()[0] == str(int(seq) + 1)

    sql(path, "UPDATE audit_event SET actor = 'x' WHERE seq = 2")
    assert main(["audit-head", str(path)]) == 1
    assert "event 2 was edited" in capsys.readouterr().err


def test_the_apps_own_lock_changes_are_not_tampering(path: Path) -> None:
    """Reopen, undo the reopening (locked again), redo it (open again): all recorded."""
    system_id = locked_system(path)
    with open_workspace(path, actor="tester") as ws:
        reopened = reopen_system(ws, system_id=system_id, reason="new model version")
        assert _verify(ws) == []
        undone = revert(ws, change=reopened)
        assert _verify(ws) == []
        assert load_plan(ws).systems[system_id].system.locked
        revert(ws, change=undone)
        assert _verify(ws) == []
        assert not load_plan(ws).systems[system_id].system.locked


def test_an_imported_signed_plan_is_not_tampering(path: Path, tmp_path: Path) -> None:
    from planner.domain.interchange import parse_document
    from planner.export.json_export import dumps, export_document
    from planner.operations.interchange import import_workspace

    with open_workspace(path, read_only=True) as source:
        document = dumps(export_document(source))
    with create_workspace(tmp_path / "other.handover", actor="tester") as target:
        import_workspace(target, document=parse_document(document))
        assert _verify(target) == []
    sql(tmp_path / "other.handover", "UPDATE ai_system SET locked = 0")
    assert [t.kind for t in findings(tmp_path / "other.handover")] == ["lock-cleared"]


def _verify(ws: Workspace) -> list[Tamper]:
    with ws.read() as session:
        return verify(session)


def test_the_chain_head_of_a_new_workspace(tmp_path: Path) -> None:
    with create_workspace(tmp_path / "new.handover") as ws:
        with ws.read() as session:
            tip = head(session)
        assert workspace_head(ws) == tip  # what the PDF pack prints
    assert tip.seq == 1
    assert len(tip.hash) == 64
    assert str(tip) == f"1 {tip.hash}"


def test_a_plan_signed_before_the_chain_existed_is_not_tampering(path: Path) -> None:
    """A workspace from the version before the chain: its locking events carry no
    signatories or seal, and the upgrade chained them as they were (0002_audit_chain)."""
    from planner.store.audit_chain import GENESIS, event_digest

    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    with conn:
        for row in conn.execute("SELECT seq, after FROM audit_event WHERE operation='sign_off'"):
            after = json.loads(row["after"])
            old = {
                k: after[k]
                for k in ("role", "person", "signed_on", "locked", "signed_hash")
                if k in after
            }
            conn.execute(
                "UPDATE audit_event SET after = ? WHERE seq = ?", (json.dumps(old), row["seq"])
            )
        previous = GENESIS
        for row in conn.execute("SELECT * FROM audit_event ORDER BY seq").fetchall():
            previous = event_digest(previous, dict(row))
            conn.execute("UPDATE audit_event SET hash = ? WHERE seq = ?", (previous, row["seq"]))
    conn.close()
    assert findings(path) == []
