"""After a crash, on a read-only disk, and for files that are not files: what opening does."""

from __future__ import annotations

import fcntl
import hashlib
import os
import socket
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from planner.cli import main
from planner.operations import add_system
from planner.store.plan_loader import load_plan
from planner.store.workspace import WorkspaceError, create_workspace, journal_path, open_workspace

# A child that starts changing every system and dies (os._exit: no clean-up, as kill -9),
# with a tiny page cache so the half-done change has already reached the file itself.
CRASH_MID_WRITE = """
import os, sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA cache_size=1")
conn.execute("BEGIN IMMEDIATE")
conn.execute("UPDATE ai_system SET purpose = hex(randomblob(3000))")
conn.execute("UPDATE person SET name = 'half-done ' || name")
os._exit(0)
"""


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def crashed_workspace(path: Path) -> list[str]:
    """A workspace whose last change was interrupted; returns its systems' names."""
    ws = create_workspace(path, actor="tester")
    names = [f"System {i}" for i in range(8)]
    for name in names:
        add_system(ws, name=name, template="claims_review_support")
    ws.close()
    subprocess.run([sys.executable, "-c", CRASH_MID_WRITE, str(path)], check=True)
    assert journal_path(path).stat().st_size > 0
    return names


def test_a_crash_mid_write_is_rolled_back_not_called_damage(tmp_path: Path) -> None:
    path = tmp_path / "plan.handover"
    names = crashed_workspace(path)

    ws = open_workspace(path, read_only=True)
    try:
        plan = load_plan(ws)
    finally:
        ws.close()

    assert sorted(s.name for s in plan) == names
    assert not any(p.name.startswith("half-done") for p in plan.people.values())
    assert any("rolled back" in notice for notice in ws.notices)
    assert not journal_path(path).exists()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()


@pytest.mark.parametrize("command", ["check", "audit-head", "export json"])
def test_every_command_recovers_and_says_so_in_one_line(
    tmp_path: Path, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "plan.handover"
    crashed_workspace(path)
    argv = [*command.split(), str(path)]
    if command == "export json":
        argv += ["-o", str(tmp_path / "out.json")]

    assert main(argv) in (0, 1)

    err = capsys.readouterr().err
    assert "damaged" not in err
    assert err.count("\n") == 1
    assert "rolled back" in err


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "shelf"
    folder.mkdir()
    yield folder
    folder.chmod(0o755)


def test_a_crash_in_a_read_only_folder_is_explained_and_left_alone(
    read_only_folder: Path,
) -> None:
    path = read_only_folder / "plan.handover"
    crashed_workspace(path)
    before = digest(path), digest(journal_path(path))
    read_only_folder.chmod(0o555)

    with pytest.raises(WorkspaceError, match="interrupted.*writable") as caught:
        open_workspace(path, read_only=True)

    assert "damaged" not in str(caught.value)
    assert (digest(path), digest(journal_path(path))) == before


def test_a_read_only_file_opens_read_only_and_says_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "plan.handover"
    create_workspace(path).close()
    path.chmod(0o444)
    before = digest(path)

    ws = open_workspace(path)
    assert ws.read_only
    assert ws.read_only_reason == "the file is read-only"
    assert ws.lock is None
    ws.close()

    source = tmp_path / "in.json"
    assert main(["export", "json", str(path), "-o", str(source)]) == 0
    assert main(["import", str(path), str(source)]) == 2
    assert main(["demo", str(path)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[-1] == "handover-planner: plan.handover cannot be changed: the file is read-only"
    assert digest(path) == before


def test_a_read_only_folder_opens_read_only(read_only_folder: Path) -> None:
    path = read_only_folder / "plan.handover"
    create_workspace(path).close()
    read_only_folder.chmod(0o555)

    ws = open_workspace(path)
    try:
        assert ws.read_only
        assert ws.read_only_reason == "its folder is read-only"
        assert load_plan(ws).info is not None
    finally:
        ws.close()


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _socket(path: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))


def _device(path: Path) -> None:
    path.symlink_to("/dev/zero")


def _loop(path: Path) -> None:
    path.symlink_to(path.name)


SPECIAL = {
    "fifo": (_fifo, "named pipe"),
    "socket": (_socket, "socket"),
    "device": (_device, "device"),
    "symlink loop": (_loop, "cannot be opened"),
}


@pytest.mark.parametrize("case", list(SPECIAL))
def test_anything_but_a_regular_file_is_refused_without_reading_it(
    tmp_path: Path, case: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    make, expected = SPECIAL[case]
    path = tmp_path / "x.handover"
    make(path)
    monkeypatch.chdir(tmp_path)
    for argv in (["check", str(path)], ["export", "json", str(path), "-o", "out.json"]):
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert expected in err
        assert err.count("\n") == 1
    assert not (tmp_path / "out.json").exists()


def test_a_fifo_does_not_hang_the_check(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "x.handover")
    # In a child with a timeout: before the fix, reading the FIFO blocked forever.
    result = subprocess.run(
        [sys.executable, "-m", "planner", "check", str(tmp_path / "x.handover")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr == "handover-planner: x.handover: is a named pipe, not a workspace file\n"


@pytest.mark.parametrize("kind", ["json", "pdf"])
def test_exports_get_the_users_file_mode(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "plan.handover"
    with create_workspace(path, actor="tester") as ws:
        add_system(ws, name="Claims triage")
    out = tmp_path / f"share.{kind}"
    extra = ["--kind", "oncall"] if kind == "pdf" else []

    old = os.umask(0o022)
    try:
        assert main(["export", kind, str(path), "-o", str(out), *extra]) == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o644


def test_an_export_cleans_up_after_a_crashed_one(ws, tmp_path: Path) -> None:
    from planner.export.json_export import export_json

    stranded = tmp_path / ".out.json.k3j2h.partial"
    stranded.write_bytes(b'{"half": ')
    busy = tmp_path / ".out.json.zz9.partial"
    busy.write_bytes(b"")
    holder = os.open(busy, os.O_RDONLY)
    fcntl.flock(holder, fcntl.LOCK_EX)  # a writer still at work
    try:
        export_json(ws, tmp_path / "out.json")
    finally:
        os.close(holder)

    assert not stranded.exists()
    assert busy.exists()
    assert sorted(p.name for p in tmp_path.glob(".out.json*")) == [busy.name]


def test_save_a_copy_on_a_full_disk_is_one_sentence_and_no_file(
    ws, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from planner.store import workspace

    def disk_full(_source: object, destination: Path) -> None:
        destination.write_bytes(b"SQLite format 3\x00")
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(workspace, "backup_to", disk_full)
    with pytest.raises(WorkspaceError, match="copy.handover: the copy was not written: the disk"):
        ws.save_copy(tmp_path / "copy.handover")
    assert not list(tmp_path.glob("*copy.handover*"))
