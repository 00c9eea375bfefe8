"""Benchmark of Find anything at 2,000 systems: building the index and each keystroke.

Run: .venv/bin/python tests/benchmarks/bench_search.py [--systems N] [--repeat R]

The six demo systems are cloned in memory (with their rows and findings) up to N systems.
A keystroke should stay under a frame (16 ms); the first build happens when the dialog
opens, and a rebuild after one edit re-folds only the changed system.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import statistics
import tempfile
import time
from pathlib import Path

from planner.analysis import analyse
from planner.analysis.search import IndexCache, search
from planner.demo import create_demo
from planner.domain.plan import Plan
from planner.store.plan_loader import load_plan
from planner.store.workspace import create_workspace

QUERIES = ("c", "cl", "cla", "claims", "claims 1999", "runbook owner", "garcia", "zzz")


def portfolio(plan: Plan, count: int) -> Plan:
    originals = list(plan.systems.values())
    systems = {}
    for n in range(count):
        source = originals[n % len(originals)]
        row = dataclasses.replace(source.system, id=f"s{n:05}", name=f"{source.name} {n:04}")
        systems[row.id] = dataclasses.replace(source, system=row)
    return dataclasses.replace(plan, systems=systems)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--systems", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        ws = create_workspace(Path(folder) / "demo.handover", actor="bench")
        create_demo(ws, systems=6, seed=1)
        small = load_plan(ws)
        ws.close()
    plan = portfolio(small, args.systems)
    findings = list(analyse(small, today=dt.date(2026, 6, 1)).findings) * (args.systems // 6)
    builds, rebuilds, keys = [], [], []
    for _ in range(args.repeat):
        cache = IndexCache()
        started = time.perf_counter()
        index = cache.index(plan, findings)
        builds.append(time.perf_counter() - started)
        first = next(iter(plan.systems.values()))
        edited = dataclasses.replace(
            plan, systems={**plan.systems, first.id: dataclasses.replace(first)}
        )
        started = time.perf_counter()
        cache.index(edited, findings)
        rebuilds.append(time.perf_counter() - started)
        for query in QUERIES:
            started = time.perf_counter()
            search(index, query)
            keys.append(time.perf_counter() - started)
    print(f"{args.systems} systems, {len(index):,} entries ({len(findings):,} findings)")
    print(f"first build        median {statistics.median(builds) * 1000:7.0f} ms")
    print(f"after one edit     median {statistics.median(rebuilds) * 1000:7.0f} ms")
    print(
        f"keystroke          median {statistics.median(keys) * 1000:7.2f} ms,"
        f" worst {max(keys) * 1000:.1f} ms"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
