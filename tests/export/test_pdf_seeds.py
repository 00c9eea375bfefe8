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


def blank_pages(pdf: bytes) -> list[int]:
    """Pages (from 1) with nothing drawn between the running header and footer."""
    import pypdfium2 as pdfium

    from planner.export.pdf.layout import FOOTER, HEADER, MARGIN

    blank = []
    for number, page in enumerate(pdfium.PdfDocument(pdf), start=1):
        low, high = MARGIN + FOOTER + 2, page.get_height() - MARGIN - HEADER - 2
        if not any(
            low < obj.get_bounds()[1] and obj.get_bounds()[3] < high for obj in page.get_objects()
        ):
            blank.append(number)
    return blank


@pytest.mark.slow
def test_no_page_is_left_blank_between_two_chapters(tmp_path: Path) -> None:
    # In the 200-system demo exported on 2026-12-06, "Colleague Copilot APAC 4" ends with
    # its signature boxes at the foot of a page; the 4 mm of space after its last section
    # found no room there and took a page of its own, blank but for the header.
    from planner.analysis import analyse
    from planner.demo import create_demo
    from planner.store.audit_chain import workspace_head
    from planner.store.plan_loader import load_plan
    from planner.store.workspace import create_workspace, open_workspace

    date = dt.date(2026, 12, 6)
    path = tmp_path / "demo.handover"
    with create_workspace(path, actor="tester") as ws:
        create_demo(ws, systems=200, seed=1, today=date)
    with open_workspace(path, read_only=True, actor="tester") as ws:
        plan = load_plan(ws)
        head = str(workspace_head(ws))
    pdf, _ = render_pdf(
        plan,
        kind="portfolio",
        systems=["Colleague Copilot APAC 4", "Colleague Copilot Americas"],
        date=date,
        actor="",  # as the command line exports when no name is set
        analysis=analyse(plan, today=date),
        chain_head=head,
    )
    assert blank_pages(pdf) == []
