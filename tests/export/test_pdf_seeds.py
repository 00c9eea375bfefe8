"""Every demo builds: packs, portfolios and cards over many seeds, sizes and export dates."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas

from planner.export.pdf.export import render_pdf
from planner.export.pdf.fonts import REGULAR, register_fonts
from planner.export.pdf.layout import Para

# Export dates that move documents and actions in and out of "overdue".
DATES = (dt.date(2026, 1, 15), dt.date(2026, 12, 6), dt.date(2027, 9, 1))


def test_a_paragraph_that_found_no_room_still_draws_after_rewrapping() -> None:
    """A row split that fits no line of a cell drops the cell's line breaking (reportlab
    deletes it); the cached wrap must not then claim it is still there."""
    register_fonts()
    para = Para("Overdue since 2026-01-01 " * 30, ParagraphStyle("t", fontName=REGULAR))
    para.wrap(120, 1_000)
    assert para.split(120, 1) == []  # no room for one line: reportlab drops blPara
    para.wrap(120, 1_000)
    canvas = Canvas(io.BytesIO())
    para.drawOn(canvas, 0, 0)


def _demo(tmp_path: Path, *, systems: int, seed: int) -> Any:
    from planner.demo import create_demo
    from planner.store.plan_loader import load_plan
    from planner.store.workspace import create_workspace, open_workspace

    path = tmp_path / f"demo-{systems}-{seed}.handover"
    with create_workspace(path, actor="tester") as ws:
        create_demo(ws, systems=systems, seed=seed, today=dt.date(2026, 6, 1))
    with open_workspace(path, read_only=True, actor="tester") as ws:
        return load_plan(ws)


@pytest.mark.slow
def test_the_200_system_demo_chapter_that_crashed_builds(tmp_path: Path) -> None:
    from planner.analysis import analyse

    plan = _demo(tmp_path, systems=200, seed=1)
    date = dt.date(2026, 12, 6)
    name = "Colleague Copilot Nordics 2"
    _, pages = render_pdf(
        plan,
        kind="portfolio",
        systems=[name],
        date=date,
        actor="t",
        analysis=analyse(plan, today=date),
    )
    assert pages > 5


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(1, 7))
def test_every_kind_builds_for_many_seeds_and_dates(tmp_path: Path, seed: int) -> None:
    from planner.analysis import analyse

    plan = _demo(tmp_path, systems=14, seed=seed)
    for date in DATES:
        analysis = analyse(plan, today=date)
        for kind in ("portfolio", "oncall"):
            _, pages = render_pdf(plan, kind=kind, date=date, actor="t", analysis=analysis)
            assert pages >= len(plan.systems)
