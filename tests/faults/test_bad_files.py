"""Every kind of bad file through every reading command: exit 0, 1 or 2 with at most one
line on stderr, never a crash or a hang, and the file left as it was (a crashed change
rolled back is the one allowed write)."""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fault_bounds import KILLS, SEED

from planner.cli import main
from planner.demo import create_demo
from planner.store.workspace import create_workspace, open_workspace


@pytest.fixture(scope="module")
def good(make_scratch_folder: Callable[[], Path]) -> Iterator[Path]:
    folder = make_scratch_folder()
    with create_workspace(folder / "good.handover", actor="tester") as ws:
        create_demo(ws, systems=2, seed=5)
    yield folder / "good.handover"
    shutil.rmtree(folder, ignore_errors=True)


def png(path: Path, _good: Path) -> None:
    row = b"\x00\xff\x00\x00"
    data = zlib.compress(row)
    chunk = b"IDAT"
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + len(data).to_bytes(4, "big")
        + chunk
        + data
        + zlib.crc32(chunk + data).to_bytes(4, "big")
    )


def other_sqlite(path: Path, _good: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()


def truncated(fraction: float) -> Callable[[Path, Path], None]:
    def make(path: Path, good: Path) -> None:
        data = good.read_bytes()
        path.write_bytes(data[: int(len(data) * fraction)])

    return make


def bit_flips(index: int) -> Callable[[Path, Path], None]:
    def make(path: Path, good: Path) -> None:
        rng = random.Random(SEED + index)
        data = bytearray(good.read_bytes())
        for _ in range(rng.randint(1, 8)):
            spot = rng.randrange(100, len(data))  # past the header: the content is hit
            data[spot] ^= 1 << rng.randrange(8)
        path.write_bytes(bytes(data))

    return make


def newer(path: Path, good: Path) -> None:
    shutil.copyfile(good, path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()


def hot_journal(path: Path, good: Path) -> None:
    shutil.copyfile(good, path)
    script = (
        "import os, sqlite3, sys; c = sqlite3.connect(sys.argv[1], isolation_level=None);"
        "c.execute('PRAGMA cache_size=1'); c.execute('BEGIN IMMEDIATE');"
        "c.execute('UPDATE person SET name = hex(randomblob(200))'); os._exit(0)"
    )
    subprocess.run([sys.executable, "-c", script, str(path)], check=True)


def read_only_file(path: Path, good: Path) -> None:
    shutil.copyfile(good, path)
    path.chmod(0o444)


def directory(path: Path, _good: Path) -> None:
    path.mkdir()


def fifo(path: Path, _good: Path) -> None:
    os.mkfifo(path)


def symlink_loop(path: Path, _good: Path) -> None:
    path.symlink_to(path.name)


def missing(_path: Path, _good: Path) -> None:
    pass


KINDS: dict[str, Callable[[Path, Path], None]] = {
    "empty": lambda p, g: p.write_bytes(b""),
    "text": lambda p, g: p.write_text("Minutes of the workshop\n"),
    "png": png,
    "other sqlite": other_sqlite,
    **{f"truncated at {f:.0%}": truncated(f) for f in (0.01, 0.3, 0.7, 0.99)},
    **{f"bit flips {i}": bit_flips(i) for i in range(2 * KILLS)},
    "newer version": newer,
    "hot journal": hot_journal,
    "read-only file": read_only_file,
    "directory": directory,
    "fifo": fifo,
    "missing": missing,
    "symlink loop": symlink_loop,
}


def digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None
    except OSError:
        return None


@pytest.mark.parametrize("kind", list(KINDS))
def test_bad_file_kinds_through_every_reading_command(
    tmp_path: Path, good: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "x.handover"
    KINDS[kind](path, good)
    before = digest(path)
    commands = [
        ["check", str(path)],
        ["export", "json", str(path), "-o", str(tmp_path / "out.json")],
        ["audit-head", str(path)],
    ]
    for argv in commands:
        capsys.readouterr()
        code = main(argv)
        err = capsys.readouterr().err
        assert code in (0, 1, 2), (argv, err)
        assert "unexpected error" not in err
        assert err.count("\n") <= 1, err
    if kind != "hot journal":
        assert digest(path) == before
    assert not path.with_name(path.name + ".lock").exists()


def test_a_read_only_folder(tmp_path: Path, good: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "shelf"
    folder.mkdir()
    shutil.copyfile(good, folder / "x.handover")
    folder.chmod(0o555)
    try:
        assert main(["check", str(folder / "x.handover")]) in (0, 1)
        assert main(["demo", str(folder / "x.handover")]) == 2
        assert "its folder is read-only" in capsys.readouterr().err
    finally:
        folder.chmod(0o755)


def test_a_locked_workspace_can_be_read_not_written(
    tmp_path: Path, good: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "x.handover"
    shutil.copyfile(good, path)
    with open_workspace(path, actor="colleague"):
        assert main(["check", str(path)]) in (0, 1)
        assert main(["demo", str(path)]) == 2
        # The holder is named as they set their name for the audit trail.
        assert "already open by colleague" in capsys.readouterr().err
