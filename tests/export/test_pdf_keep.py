"""Page breaks that strand nothing: an escalation ladder never leaves one level alone."""

from __future__ import annotations

import ctypes
import io
import re
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from pdf_workspaces import DATE, Built, render
from pypdf import PdfReader

from planner.export.pdf.layout import FOOTER, MARGIN

CHAIN = re.compile(r"SEV\d \((?:critical|high|medium|low)\)")
STEP = re.compile(r"Level \d+\s+after ")


def _ladders(page: str) -> tuple[int, list[int]]:
    """(steps before the page's first chain heading, steps after each heading on the page)."""
    parts = CHAIN.split(page)
    return len(STEP.findall(parts[0])), [len(STEP.findall(part)) for part in parts[1:]]


@pytest.mark.parametrize("kind", ["pack", "portfolio"])
def test_an_escalation_ladder_never_leaves_one_level_alone_on_a_page(
    demo_path: Path, kind: str
) -> None:
    systems = ["Claims Triage"] if kind == "pack" else None
    data, _ = render(demo_path, kind=kind, systems=systems)
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(data)).pages]
    ladders = [_ladders(page) for page in pages]
    assert sum(len(after) for _, after in ladders) >= 3  # the chains were found
    for number, ((leading, after), (next_leading, _)) in enumerate(
        zip(ladders, ladders[1:] + [(0, [])], strict=True), start=1
    ):
        assert leading != 1, f"page {number} starts with one level of a chain alone"
        if next_leading and after:  # this page's last chain goes on over the page
            assert after[-1] >= 2, f"page {number} ends with {after[-1]} level of a chain"


def test_a_six_level_chain_breaks_with_two_levels_or_more_on_each_side(hostile: Built) -> None:
    data, _ = render(hostile.path, kind="pack")
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(data)).pages]
    ladders = [_ladders(page) for page in pages]
    assert max((max(after, default=0) for _, after in ladders), default=0) >= 2
    for (leading, after), (next_leading, _) in zip(ladders, ladders[1:] + [(0, [])], strict=True):
        assert leading != 1
        if next_leading and after:
            assert after[-1] >= 2


def _lowest_body_text_size(page: pdfium.PdfPage) -> float:
    """The font size of the lowest line of body text (above the footer) on a page."""
    footer_top = MARGIN + FOOTER
    lowest: tuple[float, float] | None = None
    for obj in page.get_objects():
        if obj.type != pdfium_c.FPDF_PAGEOBJ_TEXT:
            continue
        _left, bottom, _right, _top = obj.get_bounds()
        if bottom < footer_top:
            continue
        size = ctypes.c_float()
        pdfium_c.FPDFTextObj_GetFontSize(obj.raw, ctypes.byref(size))
        if lowest is None or bottom < lowest[0]:
            lowest = (bottom, size.value)
    return lowest[1] if lowest else 0.0


@pytest.mark.parametrize("kind", ["pack", "portfolio"])
def test_no_page_ends_with_a_heading(demo_path: Path, kind: str) -> None:
    systems = ["Claims Triage"] if kind == "pack" else None
    data, _ = render(demo_path, kind=kind, systems=systems)
    pdf = pdfium.PdfDocument(data)
    stranded = [
        number
        for number in range(2, len(pdf) + 1)  # the cover's title is meant to stand alone
        if _lowest_body_text_size(pdf[number - 1]) >= 11  # h1 16 pt, h2 11.5 pt
    ]
    assert not stranded


def test_a_table_leaves_no_row_alone_at_a_page_foot_or_top(demo_plan: object) -> None:
    """Wherever the page ends, each side of a split table holds two rows or none."""
    from reportlab.platypus import Frame, PageTemplate, Spacer
    from reportlab.platypus.doctemplate import BaseDocTemplate

    from planner.export.pdf.fonts import register_fonts
    from planner.export.pdf.kit import Kit
    from planner.export.pdf.layout import FRAME_HEIGHT, FRAME_WIDTH

    register_fonts()
    kit = Kit(demo_plan, date=DATE, actor="t")  # type: ignore[arg-type]
    rows = [[f"row{n}", "two\nlines"] for n in range(1, 9)]
    for used in range(int(FRAME_HEIGHT) - 150, int(FRAME_HEIGHT) - 10, 7):
        buffer = io.BytesIO()
        doc = BaseDocTemplate(buffer, pagesize=(FRAME_WIDTH + 20, FRAME_HEIGHT + 20))
        doc.addPageTemplates(
            [PageTemplate("p", [Frame(10, 10, FRAME_WIDTH, FRAME_HEIGHT, 0, 0, 0, 0)])]
        )
        doc.build([Spacer(1, used), kit.table(["Name", "Text"], rows, [1, 1])])
        counts = [len(re.findall(r"row\d", p.extract_text())) for p in PdfReader(buffer).pages]
        assert sum(counts) == len(rows)
        assert 1 not in counts, (used, counts)


def test_a_chain_that_fits_stays_on_the_page_it_starts_on(demo_plan: object) -> None:
    """Seen in every pack: each severity's chain began a new page, leaving the page before
    two-thirds blank (and the support path's diagram alone on its page). A KeepTogether
    nested in another reports an endless height, so reportlab always broke the page."""
    from reportlab.platypus import SimpleDocTemplate, Spacer

    from planner.export.pdf.fonts import register_fonts
    from planner.export.pdf.kit import Kit
    from planner.export.pdf.people import escalation

    register_fonts()
    kit = Kit(demo_plan, date=DATE, actor="t")  # type: ignore[arg-type]
    system = demo_plan.system_named("Help Centre Assistant")  # type: ignore[attr-defined]
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer).build([Spacer(1, 100), *escalation(kit, system, "k")])
    first = PdfReader(buffer).pages[0].extract_text()
    assert "SEV1 (critical)" in first
    assert "SEV2 (high)" in first


def test_a_chain_that_fits_without_its_table_starts_where_it_is(demo_plan: object) -> None:
    """Seen in the 200-system portfolio: a three-level chain and its who-to-call table,
    kept as one block, did not fit under the support-path diagram, so the whole block
    moved on and left the page half blank. The levels now stay (they are the ladder, with
    names and phones) and the table follows on the next page."""
    from reportlab.platypus import SimpleDocTemplate, Spacer

    from planner.export.pdf.fonts import register_fonts
    from planner.export.pdf.kit import Kit
    from planner.export.pdf.people import escalation

    register_fonts()
    kit = Kit(demo_plan, date=DATE, actor="t")  # type: ignore[arg-type]
    system = demo_plan.system_named("Claims Triage")  # type: ignore[attr-defined]
    buffer = io.BytesIO()
    # About 290 pt left: room for the SEV1 heading and its three levels (about 225 pt),
    # not for them and their table as well (about 350 pt).
    SimpleDocTemplate(buffer).build([Spacer(1, 396), *escalation(kit, system, "k")])
    pages = [page.extract_text() for page in PdfReader(buffer).pages]
    assert "SEV1 (critical)" in pages[0]
    assert "Level 3" in pages[0]
    assert "Time zone" in pages[1]  # the table, its header with it
