"""Workspace files: what is accepted, what is refused untouched, and how files are kept safe."""

from __future__ import annotations

import hashlib
import json
import os
import socket
import sqlite3
from pathlib import Path

import pytest

from planner.domain.errors import ReadOnlyError
from planner.operations import add_system, create_entity
from planner.store.database import APPLICATION_ID
from planner.store.lock import LockHeldError, WorkspaceLock
from planner.store.plan_loader import load_plan
from planner.store.workspace import (
    WorkspaceError,
    create_workspace,
    inspect_file,
    open_workspace,
)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _text(path: Path) -> None:
    path.write_text("Minutes of the handover workshop\n", encoding="utf-8")


def _other_database(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes (body) VALUES ('not ours')")
    conn.commit()
    conn.close()


def _our_id_but_no_schema(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()


def _truncated(path: Path) -> None:
    create_workspace(path).close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _corrupt(path: Path) -> None:
    ws = create_workspace(path)
    add_system(ws, name="Invoice reader")
    ws.close()
    data = bytearray(path.read_bytes())
    # Scribble over the second page onwards (the first holds the header we check).
    page = int.from_bytes(data[16:18], "big")
    data[page : page * 3] = b"\xff" * (page * 2)
    path.write_bytes(bytes(data))


def _newer(path: Path) -> None:
    create_workspace(path).close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.commit()
    conn.close()


BAD_FILES = {
    "empty": (_empty, "empty"),
    "text": (_text, "not a Handover Planner workspace"),
    "other program": (_other_database, "another program"),
    "no schema": (_our_id_but_no_schema, "damaged"),
    "truncated": (_truncated, "truncated"),
    "corrupt": (_corrupt, "damaged"),
    "newer version": (_newer, "newer version"),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_bad_files_are_refused_and_left_untouched(tmp_path: Path, case: str) -> None:
    make, expected = BAD_FILES[case]
    path = tmp_path / "suspect.handover"
    make(path)
    before = digest(path)
    siblings = sorted(p.name for p in tmp_path.iterdir())

    with pytest.raises(WorkspaceError, match=expected) as caught:
        open_workspace(path)

    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith("suspect.handover")
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == siblings  # no lock, journal or backup


def test_missing_file_and_folder_are_refused(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError, match="no such file"):
        open_workspace(tmp_path / "absent.handover")
    with pytest.raises(WorkspaceError, match="folder"):
        open_workspace(tmp_path)


def test_new_workspace_is_one_recognisable_file(workspace_path: Path) -> None:
    create_workspace(workspace_path).close()

    assert [p.name for p in workspace_path.parent.iterdir()] == [workspace_path.name]
    conn = sqlite3.connect(workspace_path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()
    assert inspect_file(workspace_path).needs_migration is False


def test_create_refuses_to_replace_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.handover"
    path.write_text("precious")
    with pytest.raises(WorkspaceError, match="already exists"):
        create_workspace(path)
    assert path.read_text() == "precious"


def test_connections_enforce_foreign_keys_and_durability(ws) -> None:
    with ws.read() as session:
        connection = session.connection()
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL


def test_data_survives_reopening(workspace_path: Path) -> None:
    ws = create_workspace(workspace_path, actor="tester")
    add_system(ws, name="Claims triage", template="claims_review_support")
    ws.close()

    reopened = open_workspace(workspace_path)
    plan = load_plan(reopened)
    reopened.close()
    (system,) = plan.systems.values()
    assert system.name == "Claims triage"
    assert system.documents


def test_a_second_writer_is_refused_and_may_read(ws) -> None:
    with pytest.raises(LockHeldError, match="read-only"):
        open_workspace(ws.path)

    reader = open_workspace(ws.path, read_only=True)
    try:
        assert load_plan(reader).info.organisation == ""
        with pytest.raises(ReadOnlyError):
            create_entity(reader, kind_name="team", values={"name": "Service Desk"})
    finally:
        reader.close()


def test_a_lock_file_nobody_holds_is_taken_over(workspace_path: Path) -> None:
    """A crashed owner's lock file (its content says who; the kernel lock is gone)."""
    create_workspace(workspace_path).close()
    lock = WorkspaceLock(workspace_path)
    ghost = {"user": "ghost", "host": socket.gethostname(), "pid": 999999999, "since": "9:00"}
    lock.path.write_text(json.dumps(ghost))
    ws = open_workspace(workspace_path)
    owner = lock.read_owner()
    assert owner is not None
    assert owner.pid == os.getpid()
    ws.close()
    assert not lock.path.exists()


def test_the_lock_names_its_holder(ws) -> None:
    with pytest.raises(LockHeldError, match=f"tester on {socket.gethostname()}"):
        open_workspace(ws.path)


def test_an_empty_lock_file_of_a_live_owner_is_respected(ws) -> None:
    """Its owner writes it after creating it: empty for a moment is not stale."""
    WorkspaceLock(ws.path).path.write_bytes(b"")
    with pytest.raises(LockHeldError, match="another instance"):
        open_workspace(ws.path)


def test_a_lock_is_never_deleted_by_someone_who_does_not_own_it(workspace_path: Path) -> None:
    create_workspace(workspace_path).close()
    first = WorkspaceLock(workspace_path)
    first.acquire()
    first.path.unlink()  # e.g. a user tidying the folder, or an older app's release
    second = WorkspaceLock(workspace_path)
    second.acquire()

    first.release()

    assert second.path.exists()
    with pytest.raises(LockHeldError):
        WorkspaceLock(workspace_path).acquire()
    second.release()
    WorkspaceLock(workspace_path).acquire()


def test_the_lock_is_held_by_the_kernel_for_another_process(workspace_path: Path) -> None:
    import subprocess
    import sys

    create_workspace(workspace_path).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path;"
            "from planner.store.workspace import open_workspace;"
            f"ws = open_workspace(Path({str(workspace_path)!r}));"
            "print('ready', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(LockHeldError, match=f"process {holder.pid}"):
            open_workspace(workspace_path)
        holder.kill()  # as kill -9: no clean-up runs
        holder.wait()
        open_workspace(workspace_path).close()
    finally:
        holder.kill()
        holder.wait()


def test_save_a_copy_is_a_complete_workspace(ws, tmp_path: Path) -> None:
    add_system(ws, name="Invoice reader")
    copy = tmp_path / "copy.handover"

    ws.save_copy(copy)

    other = open_workspace(copy, read_only=True)
    assert [s.name for s in load_plan(other)] == ["Invoice reader"]
    other.close()
    with pytest.raises(WorkspaceError, match="another file name"):
        ws.save_copy(ws.path)


def test_failed_operation_writes_nothing(ws) -> None:
    add_system(ws, name="Invoice reader")
    before = digest(ws.path)
    with pytest.raises(Exception, match="already one"):
        add_system(ws, name="Invoice reader", template="document_extraction")
    assert digest(ws.path) == before


def test_the_lock_names_the_user_by_the_name_they_set(
    workspace_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for variable in ("USER", "USERNAME", "LOGNAME"):
        monkeypatch.delenv(variable, raising=False)
    create_workspace(workspace_path).close()
    holder = open_workspace(workspace_path, actor="Ana Example")
    try:
        with pytest.raises(LockHeldError, match="Ana Example on") as refused:
            open_workspace(workspace_path)
        assert "unknown" not in str(refused.value)
    finally:
        holder.close()


def test_the_lock_says_when_its_holder_set_no_name(
    workspace_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With no name and no system user name, the message said "already open by unknown"."""
    for variable in ("USER", "USERNAME", "LOGNAME"):
        monkeypatch.delenv(variable, raising=False)
    create_workspace(workspace_path).close()
    holder = open_workspace(workspace_path)
    try:
        with pytest.raises(LockHeldError, match=r"another user \(no name set\) on") as refused:
            open_workspace(workspace_path)
        assert "unknown" not in str(refused.value)
    finally:
        holder.close()


def _written_by(path: Path, *, user_version: int, audit_version: str | None) -> None:
    """A file as a newer app would leave it: unknown revision, its version recorded."""
    _newer(path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {user_version}")
    if audit_version is not None:
        conn.execute(
            "INSERT INTO audit_event (at, actor, operation, entity_type, app_version) "
            "VALUES ('2030-01-01 00:00:00', 'x', 'op', 'system', ?)",
            (audit_version,),
        )
    conn.commit()
    conn.close()


def test_a_new_workspace_records_the_app_version_that_made_its_schema(
    workspace_path: Path,
) -> None:
    from planner import __version__
    from planner.store.migrations import version_number

    create_workspace(workspace_path).close()
    conn = sqlite3.connect(workspace_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == version_number(__version__)
    conn.close()


@pytest.mark.parametrize(
    ("user_version", "audit_version", "named"),
    [
        (2_003_004, None, "2.3.4"),  # the version that migrated it to its schema
        (0, "1.7.0", "1.7.0"),  # a file from before user_version: its newest audit event
        (2_003_004, "2.5.0", "2.5.0"),  # the newer of the two
    ],
)
def test_a_newer_file_names_the_version_needed(
    tmp_path: Path, user_version: int, audit_version: str | None, named: str
) -> None:
    path = tmp_path / "future.handover"
    _written_by(path, user_version=user_version, audit_version=audit_version)
    before = digest(path)
    with pytest.raises(WorkspaceError) as caught:
        open_workspace(path)
    message = str(caught.value)
    assert f"Handover Planner {named}" in message
    assert "newer version" in message
    assert digest(path) == before


def test_version_number_orders_versions_and_survives_odd_strings() -> None:
    from planner.store.migrations import version_number, version_text

    assert version_number("0.1.0") < version_number("0.10.0") < version_number("1.0.0")
    assert version_text(version_number("2.3.4")) == "2.3.4"
    assert version_number("1.2.0rc1") == version_number("1.2.0")
    assert version_number("garbage") == 0
