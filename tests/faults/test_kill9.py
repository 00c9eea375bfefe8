"""kill -9 at random points of edits, imports, exports, copies and migrations; then the app
reopens the file: intact, every acknowledged commit there, no operation half-done."""

from __future__ import annotations

import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fault_bounds import HERE, KILLS, SEED
from old_workspaces import downgrade

from planner.demo import create_demo
from planner.export.json_export import dumps, export_document
from planner.store.audit_chain import verify
from planner.store.plan_loader import load_plan
from planner.store.workspace import create_workspace, open_workspace

WORKER = HERE / "worker.py"


def run_and_kill(args: list[str], delay: float) -> list[str]:
    """Start the worker, kill -9 it ``delay`` seconds after it is ready; its output lines."""
    child = subprocess.Popen(
        [sys.executable, str(WORKER), *args], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    lines: list[str] = []
    ready = threading.Event()

    def read() -> None:
        assert child.stdout is not None
        for line in child.stdout:
            lines.append(line.strip())
            if line.strip() == "ready":
                ready.set()

    reader = threading.Thread(target=read)
    reader.start()
    try:
        assert ready.wait(60), "the worker did not start"
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
    finally:
        child.kill()
        child.wait()
        reader.join()
    return lines


def acks(lines: list[str]) -> list[int]:
    return [int(line.split()[1]) for line in lines if line.startswith("ack ")]


def partials(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if "partial" in p.name)


def assert_sound(path: Path) -> None:
    """Opens (recovering a crash), passes SQLite's integrity check and the audit chain."""
    with open_workspace(path, actor="checker") as ws, ws.read() as session:
        assert verify(session) == []
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()


def kill_points(low: float, high: float) -> list[float]:
    rng = random.Random(SEED)
    return [rng.uniform(low, high) for _ in range(KILLS)]


@pytest.fixture(scope="module")
def demo(make_scratch_folder: Callable[[], Path]) -> Iterator[Path]:
    folder = make_scratch_folder()
    with create_workspace(folder / "demo.handover", actor="tester") as ws:
        create_demo(ws, systems=6, seed=3)
    yield folder / "demo.handover"
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def demo_json(demo: Path) -> bytes:
    with open_workspace(demo, read_only=True) as ws:
        return dumps(export_document(ws))


@pytest.mark.parametrize("delay", kill_points(0.0, 1.5))
def test_kill_during_edits(tmp_path: Path, delay: float) -> None:
    path = tmp_path / "plan.handover"
    create_workspace(path, actor="tester").close()

    done = acks(run_and_kill(["edits", str(path)], delay))

    assert_sound(path)
    with open_workspace(path, read_only=True) as ws:
        plan = load_plan(ws)
    names = {s.name for s in plan}
    assert {f"S{n:04}" for n in done} <= names  # every acknowledged commit is there
    shapes = {(len(s.documents), len(s.support_tiers), len(s.chains)) for s in plan}
    assert len(shapes) <= 1, shapes  # no system half-made by an interrupted operation


@pytest.mark.parametrize("delay", kill_points(0.0, 2.5))
def test_kill_during_import_to_a_new_path(tmp_path: Path, demo_json: bytes, delay: float) -> None:
    source = tmp_path / "in.json"
    source.write_bytes(demo_json)
    target = tmp_path / "new.handover"

    run_and_kill(["import", str(target), str(source)], delay)

    if target.exists():  # complete, or not there at all
        assert_sound(target)
        with open_workspace(target, read_only=True) as ws:
            assert dumps(export_document(ws)) == demo_json
    else:
        from planner.cli import main

        assert main(["import", str(target), str(source)]) == 0
    assert partials(tmp_path) == []


@pytest.mark.parametrize("delay", kill_points(0.0, 1.5))
def test_kill_during_export(tmp_path: Path, demo: Path, demo_json: bytes, delay: float) -> None:
    out = tmp_path / "out.json"

    run_and_kill(["export", str(demo), str(out)], delay)

    if out.exists():
        assert out.read_bytes() == demo_json
    from planner.cli import main

    assert main(["export", "json", str(demo), "-o", str(out)]) == 0
    assert partials(tmp_path) == []


@pytest.mark.parametrize("delay", kill_points(0.0, 1.0))
def test_kill_during_save_a_copy(tmp_path: Path, demo: Path, delay: float) -> None:
    copy = tmp_path / "copy.handover"

    run_and_kill(["copy", str(demo), str(copy)], delay)

    if copy.exists():
        assert_sound(copy)
        with open_workspace(copy, read_only=True) as a, open_workspace(demo, read_only=True) as b:
            assert export_document(a) == export_document(b)
    with open_workspace(demo, read_only=True) as ws:
        ws.save_copy(copy)
    assert partials(tmp_path) == []


def make_old(path: Path, demo: Path) -> None:
    """The demo as the previous schema revision had it (no audit chain yet)."""
    shutil.copyfile(demo, path)
    downgrade(path, "0001_baseline")


@pytest.mark.parametrize("delay", kill_points(0.0, 0.8))
def test_kill_during_a_migration(
    tmp_path: Path, demo: Path, demo_json: bytes, delay: float
) -> None:
    path = tmp_path / "old.handover"
    make_old(path, demo)
    # What the old file holds, as an upgrade that is not interrupted makes of it.
    reference = tmp_path / "reference" / "old.handover"
    reference.parent.mkdir()
    shutil.copyfile(path, reference)
    open_workspace(reference, actor="tester").close()
    with open_workspace(reference, read_only=True) as ws:
        expected = dumps(export_document(ws))
    shutil.rmtree(reference.parent)

    run_and_kill(["migrate", str(path)], delay)

    assert_sound(path)  # migrates now if the killed run had not finished
    with open_workspace(path, read_only=True) as ws:
        assert dumps(export_document(ws)) == expected
    for backup in tmp_path.glob("*.bak"):
        conn = sqlite3.connect(backup)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (
            "0001_baseline",
        )
        conn.close()
    assert partials(tmp_path) == []


def test_one_writer_at_a_time_under_contention(tmp_path: Path) -> None:
    """Several processes race to open one workspace for writing, over and over, and
    some are killed mid-hold: never are two inside at once, and the survivors go on."""
    path = tmp_path / "plan.handover"
    create_workspace(path, actor="tester").close()
    # The first racer would race for a minute: it is still racing when it is killed,
    # however fast or slow the machine is. The others race long enough to get in after
    # the kill even on a loaded machine (start-up alone can take seconds there).
    racers = [
        subprocess.Popen(
            [sys.executable, str(WORKER), "contend", str(path), seconds],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for seconds in ("60", "8", "8")
    ]
    assert racers[0].stdout is not None
    assert racers[0].stdout.readline().strip() == "ready"
    time.sleep(2)
    racers[0].send_signal(signal.SIGKILL)  # a holder may die holding it
    results = [racer.communicate(timeout=120) for racer in racers]
    assert racers[0].returncode == -signal.SIGKILL
    for racer, (out, err) in zip(racers[1:], results[1:], strict=True):
        assert racer.returncode == 0, err
        assert "ack" in out
    assert sum(int(out.split()[-1]) for out, _ in results[1:]) > 0
