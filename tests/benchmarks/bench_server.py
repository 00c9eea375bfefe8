"""Benchmark of a server workspace next to a file: load, an edit to fresh findings, import.

Run: .venv/bin/python tests/benchmarks/bench_server.py [--systems N] [--server URL]

The server is the administrator URL of a throw-away PostgreSQL (``--server``, or
``HANDOVER_TEST_POSTGRES`` as ``.ci/postgres.sh start DIR`` prints it); a scratch database
is made there and dropped afterwards. The same plan (the demo at 200 systems) is measured
on both engines in the same run, the two taking turns so a slow moment of a noisy machine
hits both alike; compare the ratio, not the seconds.

- import: the demo's JSON export imported into a new, empty workspace;
- load: the whole typed plan (what the GUI reads on opening);
- edit to findings: a RACI cell changed with its expected version, the plan refreshed for
  that system and its findings re-analysed (what the GUI does after a keystroke).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: server_databases

from server_databases import fresh_database, make_template  # noqa: E402

from planner.analysis import analyse_system  # noqa: E402
from planner.demo import create_demo  # noqa: E402
from planner.domain.interchange import parse_document  # noqa: E402
from planner.export.json_export import dumps, export_document  # noqa: E402
from planner.operations import assign_raci  # noqa: E402
from planner.operations.interchange import import_workspace  # noqa: E402
from planner.store.plan_loader import load_plan, refresh_plan  # noqa: E402
from planner.store.server import open_server_workspace  # noqa: E402
from planner.store.workspace import Workspace, create_workspace  # noqa: E402

TODAY = dt.date.today()
LETTERS = ("C", "I")


def once(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


class Editor:
    """RACI edits on one system, each flipping a cell's letter, then fresh findings."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self.plan = load_plan(ws)
        system = next(s for s in self.plan if len(s.raci) > 10)
        self.system_id = system.id
        people = sorted({row.person_id for row in system.raci if row.person_id})
        self.cells = [(a.id, p) for a in self.plan.activities for p in people]
        self.count = 0

    def edit(self) -> None:
        n, self.count = self.count, self.count + 1
        activity_id, person_id = self.cells[n % len(self.cells)]
        role = LETTERS[(n // len(self.cells)) % 2]
        system = self.plan.systems[self.system_id]
        version = next(
            (
                r.version
                for r in system.raci
                if (r.activity_id, r.person_id) == (activity_id, person_id)
            ),
            0,
        )
        change = assign_raci(
            self.ws,
            system_id=self.system_id,
            activity_id=activity_id,
            person_id=person_id,
            role=role,
            expected_version=version,
        )
        self.plan = refresh_plan(self.ws, self.plan, system_ids=change.system_ids, directory=False)
        analyse_system(self.plan, self.system_id, today=TODAY)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--systems", type=int, default=200)
    parser.add_argument("--edits", type=int, default=200)
    parser.add_argument("--server", default=os.environ.get("HANDOVER_TEST_POSTGRES", ""))
    args = parser.parse_args()
    if not args.server:
        parser.error("name a throw-away server: --server URL or HANDOVER_TEST_POSTGRES")
    folder = Path(tempfile.mkdtemp(prefix="bench-server-"))
    source = create_workspace(folder / "demo.handover", actor="bench")
    create_demo(source, systems=args.systems, seed=1)
    raw = dumps(export_document(source))
    source.close()
    template = make_template(args.server)
    imports: dict[str, list[float]] = {"sqlite": [], "postgresql": []}
    with fresh_database(args.server, template) as url:
        # Import: a new file, and a new database, three times each, taking turns.
        for n in range(3):
            file_ws = create_workspace(folder / f"import-{n}.handover", actor="bench")
            imports["sqlite"].append(once(lambda w=file_ws: import_once(w, raw)))
            file_ws.close()
            with fresh_database(args.server, template) as scratch:
                server_ws = open_server_workspace(scratch, actor="bench")
                imports["postgresql"].append(once(lambda w=server_ws: import_once(w, raw)))
                server_ws.close()
        file_ws = create_workspace(folder / "measured.handover", actor="bench")
        import_once(file_ws, raw)
        server_ws = open_server_workspace(url, actor="bench")
        import_once(server_ws, raw)
        rows = measure(file_ws, server_ws, args.edits)
        file_ws.close()
        server_ws.close()
    rows.insert(0, (f"import JSON, {args.systems} systems", *medians(imports)))
    print(f"{'measure':44} {'SQLite s':>10} {'PostgreSQL s':>13} {'PG / SQLite':>12}")
    for label, sqlite_s, pg_s in rows:
        print(f"{label:44} {sqlite_s:10.4f} {pg_s:13.4f} {pg_s / sqlite_s:12.1f}")
    print(f"\nJSON at {args.systems} systems: {len(raw) / 1e6:.1f} MB; files in {folder}")
    return 0


def import_once(ws: Workspace, raw: bytes) -> None:
    import_workspace(ws, document=parse_document(raw))


def medians(samples: dict[str, list[float]]) -> tuple[float, float]:
    return statistics.median(samples["sqlite"]), statistics.median(samples["postgresql"])


def measure(file_ws: Workspace, server_ws: Workspace, edits: int) -> list[tuple[str, float, float]]:
    loads: dict[str, list[float]] = {"sqlite": [], "postgresql": []}
    for _ in range(5):
        loads["sqlite"].append(once(lambda: load_plan(file_ws)))
        loads["postgresql"].append(once(lambda: load_plan(server_ws)))
    editors = {"sqlite": Editor(file_ws), "postgresql": Editor(server_ws)}
    changes: dict[str, list[float]] = {"sqlite": [], "postgresql": []}
    for n in range(edits + 20):
        for engine, editor in editors.items():
            seconds = once(editor.edit)
            if n >= 20:  # the first rounds fill empty cells and warm caches
                changes[engine].append(seconds)
    systems = len(editors["sqlite"].plan.systems)
    return [
        (f"load typed plan, {systems} systems", *medians(loads)),
        ("RACI edit to updated findings", *medians(changes)),
    ]


if __name__ == "__main__":
    sys.exit(main())
