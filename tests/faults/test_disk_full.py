"""A full disk (a small tmpfs): every command says so in one line, and nothing is left
half-written: no partial files, no empty backups, the workspace as it was."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from old_workspaces import downgrade

from planner.cli import main
from planner.demo import create_demo
from planner.export.json_export import dumps, export_document
from planner.operations import add_system, update_entity
from planner.store.workspace import WorkspaceError, create_workspace, open_workspace

SIZE = "1m"


@pytest.fixture
def small_disk() -> Iterator[Path]:
    """A 1 MiB tmpfs, where the machine lets us mount one."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root and mount(8)")
    folder = Path(tempfile.mkdtemp(prefix="handover-full-"))
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={SIZE}", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        folder.rmdir()
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield folder
    finally:
        if subprocess.run(["umount", str(folder)], check=False).returncode != 0:
            subprocess.run(["umount", "-l", str(folder)], check=False)
        with contextlib.suppress(OSError):
            folder.rmdir()


def fill(folder: Path, leave: int = 0) -> None:
    """Fill the disk, then free ``leave`` bytes again."""
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    try:
        with contextlib.suppress(OSError):
            while True:
                os.write(fd, b"\0" * 4096)
    finally:
        os.close(fd)
    if leave:
        size = filler.stat().st_size
        os.truncate(filler, max(0, size - leave))


@pytest.fixture(scope="module")
def demo_json(make_scratch_folder: Callable[[], Path]) -> Iterator[bytes]:
    folder = make_scratch_folder()
    with create_workspace(folder / "demo.handover", actor="tester") as ws:
        create_demo(ws, systems=6, seed=2)
        yield dumps(export_document(ws))
    shutil.rmtree(folder, ignore_errors=True)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != "filler")


def one_line(capsys: pytest.CaptureFixture[str], words: str) -> None:
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert words in err, err


def test_new_on_a_full_disk(small_disk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fill(small_disk)
    assert main(["new", str(small_disk / "new.handover")]) == 2
    one_line(capsys, "the disk is full")
    assert leftovers(small_disk) == []


def test_import_on_a_full_disk(
    small_disk: Path, demo_json: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = small_disk / "plan.handover"
    create_workspace(path, actor="tester").close()
    source = tmp_path / "demo.json"
    source.write_bytes(demo_json)
    fill(small_disk, leave=16_384)
    before = digest(path)

    assert main(["import", str(path), str(source)]) == 2
    one_line(capsys, "the disk is full")
    assert digest(path) == before
    assert leftovers(small_disk) == ["plan.handover"]
    assert main(["import", str(small_disk / "new.handover"), str(source)]) == 2
    one_line(capsys, "the disk is full")
    assert leftovers(small_disk) == ["plan.handover"]


def test_save_a_copy_on_a_full_disk(small_disk: Path, tmp_path: Path, demo_json: bytes) -> None:
    source = tmp_path / "demo.json"
    source.write_bytes(demo_json)
    assert main(["import", str(tmp_path / "demo.handover"), str(source)]) == 0
    fill(small_disk, leave=8_192)
    ws = open_workspace(tmp_path / "demo.handover", read_only=True)
    try:
        with pytest.raises(WorkspaceError, match="copy.handover: the copy was not written: the"):
            ws.save_copy(small_disk / "copy.handover")
    finally:
        ws.close()
    assert leftovers(small_disk) == []


def test_export_on_a_full_disk(
    small_disk: Path, tmp_path: Path, demo_json: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "demo.json"
    source.write_bytes(demo_json)
    assert main(["import", str(tmp_path / "demo.handover"), str(source)]) == 0
    (small_disk / "out.json").write_bytes(b"the previous export")
    fill(small_disk, leave=4_096)
    capsys.readouterr()
    assert (
        main(
            ["export", "json", str(tmp_path / "demo.handover"), "-o", str(small_disk / "out.json")]
        )
        == 2
    )
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert os.strerror(errno.ENOSPC) in err
    assert (small_disk / "out.json").read_bytes() == b"the previous export"
    assert leftovers(small_disk) == ["out.json"]


def test_a_migration_on_a_full_disk(
    small_disk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = small_disk / "old.handover"
    with create_workspace(path, actor="tester") as ws:
        create_demo(ws, systems=1, seed=2)
    downgrade(path, "0001_baseline")
    conn = sqlite3.connect(path)
    conn.execute("VACUUM")
    conn.close()
    fill(small_disk, leave=4_096)
    before = digest(path)

    assert main(["demo", str(path), "--systems", "1"]) == 2
    one_line(capsys, "the disk is full")
    assert digest(path) == before
    assert leftovers(small_disk) == ["old.handover"]  # no backup, not even an empty one


def test_bring_back_a_copy_on_a_full_disk(
    small_disk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The copy must record what came back; when its disk is full, nothing is applied at
    the destination either, and once there is room the changes come back once."""
    team, copy = tmp_path / "team.handover", small_disk / "offline.handover"
    with create_workspace(team, actor="lee") as ws:
        system = add_system(ws, name="Claims Copilot").first_id("system")
    assert main(["copy", str(team), str(copy)]) == 0
    with open_workspace(copy, actor="ana") as offline:
        update_entity(offline, kind_name="system", entity_id=system, values={"purpose": "Off"})
    fill(small_disk, leave=4_096)  # room for the lock file, not the fork
    before, args = digest(team), ["bring-back", str(copy), str(team)]
    capsys.readouterr()

    assert main(args) == 2
    one_line(capsys, "the disk is full")
    assert digest(team) == before
    (small_disk / "filler").unlink()
    assert main(args) == 0
    assert "applied 1 change" in capsys.readouterr().out
    assert main(args) == 0
    assert "nothing changed in the copy" in capsys.readouterr().out
