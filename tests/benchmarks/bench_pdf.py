"""Benchmarks of the PDF packs: single packs, the portfolio pack at 6 to 2,000 systems.

Run: .venv/bin/python tests/benchmarks/bench_pdf.py [--sizes 6 200 2000] [--repeat N]
     [--no-memory] [--folder DIR]

Our export is given what the CLI gives it (the analysis and the audit trail). Every
figure is printed next to a baseline measured in the same run: plain reportlab building
the same tables (same rows, same columns, Paragraph cells, repeated header rows, a
heading before each table, same fonts) in one pass, without our layer: no cover,
contents, outline, header/footer, diagrams, fields tables, prose, script-aware markup
or page-number forms. Our document holds more than the baseline's (about twice the
text), so compare per page: both have about as much text per page (printed, from the
text layer, next to the times). Machines here are noisy, so compare ratios, not seconds.

Memory: each export runs once in a fresh process, after the plan is loaded; the figure
is how far it lifts the process's peak resident memory (VmHWM), in all and per page.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import io
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from argparse import SUPPRESS
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

from planner.analysis import analyse
from planner.analysis.engine import Analysis
from planner.demo import create_demo
from planner.domain.plan import Plan, SystemPlan
from planner.export.pdf.audit import AuditLine, load_audit
from planner.export.pdf.export import render_pdf
from planner.export.pdf.fonts import BOLD, REGULAR, register_fonts
from planner.store.plan_loader import load_plan
from planner.store.workspace import create_workspace, open_workspace

DATE = dt.date(2026, 11, 30)


Run = tuple[float, bytes, int]  # median seconds, the last run's PDF, its page count
CLOCKS = {"cpu": time.process_time, "wall": time.perf_counter}


def timed_pair(
    first: Callable[[], tuple[bytes, int]],
    second: Callable[[], tuple[bytes, int]],
    repeat: int,
    clock: Callable[[], float],
) -> tuple[Run, Run]:
    """Median times (s) of two actions run in turns, each with its last result.

    Taking turns (ours, baseline, ours, baseline) keeps the ratio honest on a shared
    machine: a burst of load from elsewhere slows both rather than one of them. The
    default clock is this process's CPU time, which other people's load barely moves
    (an export is one thread); --clock wall measures what a user waits.
    """
    times: tuple[list[float], list[float]] = ([], [])
    results: list[tuple[bytes, int]] = [(b"", 0), (b"", 0)]
    for _ in range(repeat):
        for index, action in enumerate((first, second)):
            start = clock()
            results[index] = action()
            times[index].append(clock() - start)
    return (
        (statistics.median(times[0]), *results[0]),
        (statistics.median(times[1]), *results[1]),
    )


@dataclass(frozen=True)
class Inputs:
    """What the CLI gives the export: the plan, its analysis and its audit trail."""

    plan: Plan
    analysis: Analysis
    audit: dict[str, list[AuditLine]]


def make_demo(folder: Path, systems: int) -> Path:
    """A demo workspace of ``systems`` systems, made once and kept in ``folder``."""
    path = folder / f"demo-{systems}.handover"
    if not path.exists():
        with create_workspace(path, actor="bench") as ws:
            create_demo(ws, systems=systems, seed=1, today=DATE)
    return path


def load_inputs(path: Path) -> Inputs:
    with open_workspace(path, read_only=True, actor="bench") as ws:
        plan = load_plan(ws)
        audit = load_audit(ws, list(plan.systems))
    return Inputs(plan, analyse(plan, today=DATE), audit)


# --- the baseline: the same tables, plain reportlab ------------------------------------


def _text(value: object) -> str:
    return escape("" if value is None else str(getattr(value, "label", value)))


def _tables(inputs: Inputs, system: SystemPlan) -> list[tuple[list[str], list[list[object]]]]:
    """(header, rows) of each table a system's chapter prints, with the same cells."""
    plan = inputs.plan
    name = plan.name_of
    s = system.system
    activities = {a.id: a.name for a in plan.activities}
    assignees = sorted({(r.person_id, r.team_id) for r in system.raci}, key=str)
    raci_rows = []
    for activity_id, activity in activities.items():
        cells = {
            (r.person_id, r.team_id): str(r.role)
            for r in system.raci
            if r.activity_id == activity_id
        }
        raci_rows.append([activity, *(cells.get(a, "") for a in assignees)])
    people = sorted(
        {t.person_id for c in system.chains for lv in c.levels for t in lv.targets} - {None}
    )
    found = inputs.analysis.systems.get(system.id)
    findings = sorted(found.findings, key=lambda f: (f.severity.rank, f.rule_id)) if found else []
    events = inputs.audit.get(system.id, [])
    return [
        (
            ["#", "When (UTC)", "Who", "What"],
            [[e.seq, e.at.strftime("%Y-%m-%d %H:%M"), e.actor, e.describe()] for e in events],
        ),
        (
            ["Field", "Value"],
            [
                [k, getattr(s, k)]
                for k in ("purpose", "workflow", "decision", "user_roles", "outcome")
            ],
        ),
        (
            ["Source", "Owner", "Refresh", "Integration point", "Quality checks", "Access rules"],
            [
                [
                    d.name,
                    name(d.owner_id),
                    d.refresh_cadence,
                    d.integration_point,
                    d.quality_checks,
                    d.access_rules,
                ]
                for d in system.data_sources
            ],
        ),
        (
            ["Severity", "Rule", "Finding", "Remedy"],
            [[f.severity.capitalize(), f.rule_id, f.message, f.remedy] for f in findings],
        ),
        (["Activity", *(name(p, t) for p, t in assignees)], raci_rows),
        (
            ["Tier", "Team", "Channel", "Address", "Hours", "Time zone", "Respond"],
            [
                [
                    t.level,
                    name(team_id=t.team_id),
                    t.channel,
                    t.address,
                    t.hours,
                    t.timezone,
                    t.response_minutes,
                ]
                for t in system.support_tiers
            ],
        ),
        (
            ["Level", "Who", "After", "Note"],
            [
                [
                    i,
                    ", ".join(name(t.person_id, t.team_id) for t in lv.targets),
                    lv.level.delay_minutes,
                    lv.level.note,
                ]
                for c in system.chains
                for i, lv in enumerate(c.levels, 1)
            ],
        ),
        (
            ["Name", "Email", "Phone", "Time zone"],
            [
                [
                    plan.people[p].name,
                    plan.people[p].email,
                    plan.people[p].phone,
                    plan.people[p].timezone,
                ]
                for p in people
                if p in plan.people
            ],
        ),
        (
            ["Type", "Title", "Owner", "Location", "Status", "Reviewed"],
            [
                [d.doc_type, d.title, name(d.owner_id), d.location, d.status, d.last_reviewed]
                for d in system.documents
            ],
        ),
        (
            ["Signal", "Metric", "Threshold", "Channel", "Owner"],
            [
                [g.kind, g.metric, g.threshold, g.alert_channel, name(g.owner_id)]
                for g in system.signals
            ],
        ),
        (
            ["Control", "Description", "Owner", "Status", "Evidence"],
            [
                [c.kind, c.description, name(c.owner_id), c.status, c.evidence]
                for c in system.controls
            ],
        ),
        (
            ["Area", "Status", "Owner", "Evidence"],
            [[c.area, c.status, name(c.owner_id), c.evidence] for c in system.criteria],
        ),
        (
            ["Metric", "Unit", "Baseline", "Target"],
            [[b.metric, b.unit, b.baseline_value, b.target_value] for b in system.baselines],
        ),
        (["Action", "Owner", "Due"], [[a.text, name(a.owner_id), a.due] for a in system.actions]),
    ]


def plain_reportlab(inputs: Inputs, systems: Sequence[SystemPlan]) -> tuple[bytes, int]:
    register_fonts()
    cell = ParagraphStyle("c", fontName=REGULAR, fontSize=8, leading=10)
    head = ParagraphStyle("h", fontName=BOLD, fontSize=8, leading=10)
    title = ParagraphStyle("t", fontName=BOLD, fontSize=16, leading=20)
    heading = ParagraphStyle("h2", fontName=BOLD, fontSize=11.5, leading=15, keepWithNext=1)
    width = A4[0] - 36 * mm
    story: list[Any] = []
    for system in systems:
        story.append(Paragraph(_text(system.name), title))
        for header, rows in _tables(inputs, system):
            if not rows:
                continue
            story.append(Paragraph(_text(", ".join(header)), heading))
            data = [[Paragraph(_text(h), head) for h in header]]
            data += [[Paragraph(_text(v), cell) for v in row] for row in rows]
            story.append(
                Table(
                    data,
                    colWidths=[width / len(header)] * len(header),
                    repeatRows=1,
                    splitInRow=1,
                    style=TableStyle(
                        [
                            ("GRID", (0, 0), (-1, -1), 0.4, "#C8C8C8"),
                            ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                        ]
                    ),
                )
            )
        story.append(PageBreak())
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, invariant=1
    )
    doc.build(story)
    return buffer.getvalue(), doc.page


def ours(inputs: Inputs, kind: str, systems: Sequence[str] | None = None) -> tuple[bytes, int]:
    """Our export, given what the CLI gives it (analysis and audit trail)."""
    return render_pdf(
        inputs.plan,
        kind=kind,
        systems=systems,
        date=DATE,
        actor="bench",
        analysis=inputs.analysis,
        audit_events=inputs.audit,
    )


def baseline(inputs: Inputs, systems: Sequence[str] | None = None) -> tuple[bytes, int]:
    chosen = [inputs.plan.systems[s] for s in systems] if systems else list(inputs.plan)
    return plain_reportlab(inputs, chosen)


def text_per_page(data: bytes, pages: int) -> float:
    """Printed characters (not white space) per page, from the PDF's text layer."""
    if shutil.which("pdftotext") is None:
        return float("nan")
    done = subprocess.run(
        ["pdftotext", "-q", "-", "-"], input=data, capture_output=True, check=False
    )
    return len(b"".join(done.stdout.split()).decode("utf-8", "replace")) / pages


# --- memory: one fresh process per export ----------------------------------------------


def _status_mb() -> dict[str, float]:
    """The process's resident memory now (VmRSS) and at its peak (VmHWM), in MB."""
    text = Path("/proc/self/status").read_text()
    return {
        key: int(re.search(rf"{key}:\s+(\d+)", text).group(1)) / 1024  # type: ignore[union-attr]
        for key in ("VmRSS", "VmHWM")
    }


def memory_child(path: Path, what: str) -> None:
    """Print, as JSON, how far one export lifts this process's peak resident memory.

    The plan, analysis and audit trail are loaded and a one-system export is made first
    (fonts, imports), so the figure is the export's own working memory.
    """
    inputs = load_inputs(path)
    first = [next(iter(inputs.plan)).id]
    run: Callable[[], tuple[bytes, int]]
    if what == "baseline":
        baseline(inputs, first)
        run = partial(baseline, inputs)
    else:
        ours(inputs, "pack", first)
        run = partial(ours, inputs, what)
    gc.collect()
    with contextlib.suppress(OSError):  # Linux >= 4.0: reset the peak to the current size
        Path("/proc/self/clear_refs").write_text("5")
    before = _status_mb()
    _, pages = run()
    after = _status_mb()
    peak = max(after["VmHWM"], before["VmHWM"])
    print(json.dumps({"pages": pages, "before": before["VmRSS"], "peak": peak}))


def measure_memory(path: Path, what: str) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, __file__, "--memory-child", str(path), what],
        capture_output=True,
        text=True,
        check=True,
    )
    figures: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    figures["growth"] = figures["peak"] - figures["before"]
    return figures


# --- the report --------------------------------------------------------------------------

HEAD = (
    f"{'what':30} {'pages':>6} {'ms/page':>8} {'base ms/page':>12} {'ratio':>6}"
    f" {'chars/page':>10} {'base chars/page':>15}"
)
MEMORY_HEAD = (
    f"{'memory (fresh process each)':30} {'pages':>6} {'peak MB':>8} {'KB/page':>8}"
    f" {'base peak MB':>12} {'base KB/page':>12}"
)


def time_row(
    label: str,
    inputs: Inputs,
    kind: str,
    systems: list[str] | None,
    repeat: int,
    clock: Callable[[], float],
) -> str:
    (t, data, pages), (base, base_data, base_pages) = timed_pair(
        lambda: ours(inputs, kind, systems), lambda: baseline(inputs, systems), repeat, clock
    )
    per_page, base_per_page = 1000 * t / pages, 1000 * base / base_pages
    chars, base_chars = text_per_page(data, pages), text_per_page(base_data, base_pages)
    return (
        f"{label:30} {pages:6} {per_page:8.1f} {base_per_page:12.1f}"
        f" {per_page / base_per_page:6.2f} {chars:10.0f} {base_chars:15.0f}"
        f"   ({t:.3f} s; baseline {base:.3f} s, {base_pages} pages)"
    )


def time_size(
    path: Path, count: int, *, packs: bool, repeat: int, clock: Callable[[], float]
) -> None:
    """Print the timings of one workspace size: the portfolio, and single packs if asked."""
    inputs = load_inputs(path)
    if packs:
        for system in list(inputs.plan)[:6]:
            label = "pack: " + system.name[:24]
            row = time_row(label, inputs, "pack", [system.id], max(repeat, 3), clock)
            print(row, flush=True)
    row = time_row(f"portfolio ({count} systems)", inputs, "portfolio", None, repeat, clock)
    print(row, flush=True)


def memory_row(path: Path, count: int) -> str:
    mine, base = measure_memory(path, "portfolio"), measure_memory(path, "baseline")
    return (
        f"{f'portfolio ({count} systems)':30} {mine['pages']:6.0f} {mine['growth']:8.0f}"
        f" {1024 * mine['growth'] / mine['pages']:8.1f} {base['growth']:12.0f}"
        f" {1024 * base['growth'] / base['pages']:12.1f}"
        f"   (process before the export: {mine['before']:.0f} MB)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="6 and 50 systems only, fewer repeats")
    parser.add_argument("--sizes", type=int, nargs="*", help="workspace sizes (systems)")
    parser.add_argument("--repeat", type=int, help="runs per figure (median)")
    parser.add_argument("--no-memory", action="store_true", help="timings only")
    parser.add_argument("--no-timing", action="store_true", help="memory only")
    parser.add_argument(
        "--clock", choices=sorted(CLOCKS), default="cpu", help="CPU time (default) or wall time"
    )
    parser.add_argument("--folder", type=Path, help="keep the demo workspaces here for next time")
    parser.add_argument("--memory-child", nargs=2, metavar=("WORKSPACE", "WHAT"), help=SUPPRESS)
    args = parser.parse_args()
    if args.memory_child:
        memory_child(Path(args.memory_child[0]), args.memory_child[1])
        return 0
    sizes = tuple(args.sizes or ((6, 50) if args.quick else (6, 200, 2000)))
    register_fonts()
    with contextlib.ExitStack() as stack:
        folder = args.folder or Path(stack.enter_context(tempfile.TemporaryDirectory()))
        folder.mkdir(parents=True, exist_ok=True)
        paths = {count: make_demo(folder, count) for count in sizes}
        if not args.no_timing:
            print(f"Times are {args.clock} time.\n{HEAD}")
        for count in [] if args.no_timing else sizes:
            repeat = args.repeat or (1 if args.quick or count > 200 else 3)
            clock = CLOCKS[args.clock]
            time_size(paths[count], count, packs=count == sizes[0], repeat=repeat, clock=clock)
        if not args.no_memory:
            print("\n" + MEMORY_HEAD)
            for count in sizes:
                print(memory_row(paths[count], count), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
