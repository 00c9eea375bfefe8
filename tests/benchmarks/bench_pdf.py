"""Benchmarks of the PDF packs: a system's pack, the portfolio pack at 6 to 2,000 systems.

Run: .venv/bin/python tests/benchmarks/bench_pdf.py [--quick] [--sizes 6 200 2000]

Every figure is printed next to a baseline measured in the same run: the same tables
(same rows, same columns, Paragraph cells, repeated header rows, same fonts) built by plain
reportlab in one pass, without our layer: no cover, contents, outline, header/footer,
diagrams, script-aware markup or page-number forms. Machines here are noisy, so compare
ratios, not seconds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

from planner.demo import create_demo
from planner.domain.plan import Plan, SystemPlan
from planner.export.pdf.export import render_pdf
from planner.export.pdf.fonts import BOLD, REGULAR, register_fonts
from planner.store.plan_loader import load_plan
from planner.store.workspace import create_workspace, open_workspace

DATE = dt.date(2026, 11, 30)


def timed(action: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """Median wall time of ``repeat`` runs in seconds, and the last result."""
    samples = []
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples), result


def make_demo(folder: Path, systems: int) -> Plan:
    path = folder / f"demo-{systems}.handover"
    with create_workspace(path, actor="bench") as ws:
        create_demo(ws, systems=systems, seed=1, today=DATE)
    with open_workspace(path, read_only=True, actor="bench") as ws:
        return load_plan(ws)


# --- the baseline: the same tables, plain reportlab ------------------------------------


def _text(value: object) -> str:
    return escape("" if value is None else str(getattr(value, "label", value)))


def _tables(plan: Plan, system: SystemPlan) -> list[tuple[list[str], list[list[object]]]]:
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
    return [
        (
            ["Field", "Value"],
            [
                [k, getattr(s, k)]
                for k in ("purpose", "workflow", "decision", "user_roles", "outcome")
            ],
        ),
        (
            ["Source", "Owner", "Refresh"],
            [[d.name, name(d.owner_id), d.refresh_cadence] for d in system.data_sources],
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


def plain_reportlab(plan: Plan, systems: Sequence[SystemPlan]) -> tuple[bytes, int]:
    register_fonts()
    cell = ParagraphStyle("c", fontName=REGULAR, fontSize=8, leading=10)
    head = ParagraphStyle("h", fontName=BOLD, fontSize=8, leading=10)
    title = ParagraphStyle("t", fontName=BOLD, fontSize=16, leading=20)
    width = A4[0] - 36 * mm
    story: list[Any] = []
    for system in systems:
        story.append(Paragraph(_text(system.name), title))
        for header, rows in _tables(plan, system):
            if not rows:
                continue
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


def ours(plan: Plan, kind: str, systems: Sequence[str] | None = None) -> tuple[bytes, int]:
    return render_pdf(plan, kind=kind, systems=systems, date=DATE, actor="bench")


def _peak_mb() -> float:
    """The process's peak resident memory so far, in MB (Linux reports KiB)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(plan: Plan, count: int, *, first: bool, quick: bool) -> None:
    """Print the figures for one workspace size."""
    systems = list(plan)
    if first:
        for system in systems[:6]:  # the first size's packs; 2,000 of them say no more
            t, (_, pages) = timed(lambda s=system: ours(plan, "pack", [s.id]), 3)
            base, (_, base_pages) = timed(lambda s=system: plain_reportlab(plan, [s]), 3)
            print(
                f"{'pack: ' + system.name:34} {t:7.3f} {pages:6} {1000 * t / pages:8.1f}"
                f" {1000 * base / base_pages:17.1f} {t / base:6.2f}"
            )
        t, (_, pages) = timed(lambda: ours(plan, "oncall", [s.id for s in systems[:6]]), 3)
        print(f"{f'on-call cards ({min(count, 6)})':34} {t:7.3f} {pages:6} {1000 * t / pages:8.1f}")
    repeat = 3 if count <= 50 and not quick else 1
    t, (_, pages) = timed(lambda: ours(plan, "portfolio"), repeat)
    base, (_, base_pages) = timed(lambda: plain_reportlab(plan, systems), repeat)
    print(
        f"{f'portfolio ({count} systems)':34} {t:7.3f} {pages:6} {1000 * t / pages:8.1f}"
        f" {1000 * base / base_pages:17.1f} {t / base:6.2f}"
        f"   (baseline {base:.2f} s, {base_pages} pages; peak RSS {_peak_mb():.0f} MB)"
    )
    sys.stdout.flush()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="6 and 50 systems only, fewer repeats")
    parser.add_argument("--sizes", type=int, nargs="*", help="workspace sizes (systems)")
    args = parser.parse_args()
    sizes = tuple(args.sizes or ((6, 50) if args.quick else (6, 50, 200, 2000)))
    register_fonts()
    print(f"{'what':34} {'s':>7} {'pages':>6} {'ms/page':>8} {'baseline ms/page':>17} {'ratio':>6}")
    with tempfile.TemporaryDirectory() as folder:
        for count in sizes:
            measure(
                make_demo(Path(folder), count), count, first=count == sizes[0], quick=args.quick
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
