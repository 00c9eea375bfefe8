"""Benchmarks of the workspace core: demo creation, loading, JSON export and import.

Run: .venv/bin/python tests/benchmarks/bench_store.py [--quick]

Every figure is printed next to a baseline measured in the same run: raw sqlite3 reading
every row of the same workspace (``SELECT *`` of each table into tuples). Machines here
are noisy, so compare ratios, not seconds.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from planner.demo import create_demo
from planner.domain.interchange import parse_document
from planner.export.json_export import dumps, export_document
from planner.operations.interchange import import_workspace
from planner.store.plan_loader import load_plan
from planner.store.workspace import create_workspace, open_workspace


def timed(action: Callable[[], object], repeat: int) -> float:
    """Median wall time of ``repeat`` runs, in seconds."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def raw_read(path: Path) -> int:
    """The floor: every row of every table, read by plain sqlite3."""
    conn = sqlite3.connect(path)
    tables = [
        row[0]
        for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
        if row[0] not in ("alembic_version", "audit_event")
    ]
    count = sum(len(conn.execute(f'SELECT * FROM "{table}"').fetchall()) for table in tables)
    conn.close()
    return count


def make_demo(folder: Path, systems: int) -> Path:
    path = folder / f"demo-{systems}.handover"
    ws = create_workspace(path, actor="bench")
    create_demo(ws, systems=systems, seed=1)
    ws.close()
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the 2,000-system demo")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-store-"))
    sizes = (6, 200) if args.quick else (6, 200, 2000)

    created: dict[int, Path] = {}
    print(f"{'measure':44} {'seconds':>9} {'rows':>8} {'x raw read':>11}")
    for systems in sizes:
        start = time.perf_counter()
        created[systems] = make_demo(folder, systems)
        seconds = time.perf_counter() - start
        rows = raw_read(created[systems])
        floor = timed(lambda p=created[systems]: raw_read(p), 5)
        label = f"create demo, {systems} systems"
        print(f"{label:44} {seconds:9.3f} {rows:8} {seconds / floor:11.1f}")

    for systems in sizes[1:]:
        # Interleaved, so a burst of load on a noisy machine hits both sides alike.
        floors, loads = [], []
        with open_workspace(created[systems], read_only=True) as ws:
            for _ in range(5 if systems < 2000 else 2):
                floors.append(timed(lambda p=created[systems]: raw_read(p), 1))
                loads.append(timed(lambda w=ws: load_plan(w), 1))
        floor, load = statistics.median(floors), statistics.median(loads)
        rows = raw_read(created[systems])
        label = f"baseline: raw sqlite3 read, {systems} systems"
        print(f"{label:44} {floor:9.4f} {rows:8} {1.0:11.1f}")
        label = f"load typed plan (load_plan), {systems} systems"
        print(f"{label:44} {load:9.4f} {rows:8} {load / floor:11.1f}")

    path = created[200]
    floor = timed(lambda: raw_read(path), 7)
    rows = raw_read(path)
    ws = open_workspace(path, read_only=True)
    export = timed(lambda: dumps(export_document(ws)), 3)
    print(f"{'export JSON, 200 systems':44} {export:9.3f} {rows:8} {export / floor:11.1f}")
    raw = dumps(export_document(ws))
    ws.close()

    def import_once() -> None:
        target = Path(tempfile.mkdtemp(dir=folder)) / "import.handover"
        fresh = create_workspace(target, actor="bench")
        import_workspace(fresh, document=parse_document(raw))
        fresh.close()

    imported = timed(import_once, 3)
    label = "import JSON into a new workspace, 200 systems"
    print(f"{label:44} {imported:9.3f} {rows:8} {imported / floor:11.1f}")
    print(f"\nJSON size at 200 systems: {len(raw) / 1e6:.1f} MB; files in {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
