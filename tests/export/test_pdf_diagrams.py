"""Diagram geometry, read back from the PDF: boxes never overlap, text stays in its box."""

from __future__ import annotations

import ctypes
import datetime as dt
import io

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from reportlab.lib import colors
from reportlab.platypus import SimpleDocTemplate

from planner.export.pdf.diagrams import Box, flow_rows
from planner.export.pdf.fonts import register_fonts
from planner.export.pdf.layout import FRAME_WIDTH, PAGE
from planner.export.pdf.styles import stylesheet

Rect = tuple[float, float, float, float]  # left, bottom, right, top
LONG_NAME = "Lumen Artificial Intelligence Incorporated (vendor escalation desk)"
ARABIC_NAME = "فريق الدعم الفني للذكاء الاصطناعي في المكتب الإقليمي"
ADDRESS = "Ticket queue: vendor-escalations@support.lumen-artificial-intelligence.example"


def _boxes(count: int) -> list[Box]:
    names = [LONG_NAME, ARABIC_NAME, "L1 · Service Desk", "IT"]
    return [Box("User request", ("raised by a user of the system",))] + [
        Box(
            f"L{i} · {names[i % len(names)]}",
            (ADDRESS, "24x7 Europe/Stockholm", "respond within 8 h"),
        )
        for i in range(1, count)
    ]


def _draw_mode(obj: pdfium.PdfObject) -> tuple[bool, bool]:
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    pdfium_c.FPDFPath_GetDrawMode(obj.raw, ctypes.byref(fill), ctypes.byref(stroke))
    return bool(fill.value), bool(stroke.value)


def _geometry(count: int) -> tuple[list[Rect], list[Rect]]:
    """(box outlines, text objects) of a support path with ``count`` boxes, as drawn."""
    register_fonts()
    s = stylesheet(colors.HexColor("#1F5FAD"))
    rows = flow_rows(
        _boxes(count),
        accent=colors.HexColor("#1F5FAD"),
        styles=(s["box_title"], s["box_body"]),
        start_styles=(s["box_start"], s["box_start_body"]),
    )
    buffer = io.BytesIO()
    margin = (PAGE[0] - FRAME_WIDTH) / 2
    SimpleDocTemplate(buffer, pagesize=PAGE, leftMargin=margin, rightMargin=margin).build(rows)
    page = pdfium.PdfDocument(buffer.getvalue())[0]
    boxes, texts = [], []
    for obj in page.get_objects():
        if obj.type == pdfium_c.FPDF_PAGEOBJ_PATH and _draw_mode(obj) == (True, True):
            boxes.append(obj.get_bounds())  # a box: filled and outlined (arrows are one or other)
        elif obj.type == pdfium_c.FPDF_PAGEOBJ_TEXT:
            texts.append(obj.get_bounds())
    return boxes, texts


def _apart(a: Rect, b: Rect, gap: float) -> bool:
    return a[2] + gap <= b[0] or b[2] + gap <= a[0] or a[3] + gap <= b[1] or b[3] + gap <= a[1]


def _inside(inner: Rect, outer: Rect, slack: float = 0.5) -> bool:
    return (
        inner[0] >= outer[0] - slack
        and inner[1] >= outer[1] - slack
        and inner[2] <= outer[2] + slack
        and inner[3] <= outer[3] + slack
    )


@pytest.mark.parametrize("count", [4, 5, 9])
def test_support_path_boxes_never_touch_and_hold_their_text(count: int) -> None:
    boxes, texts = _geometry(count)
    assert len(boxes) == count
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert _apart(a, b, gap=8.0), (a, b)  # room for an arrow between any two
    assert texts
    for text in texts:
        assert sum(_inside(text, box) for box in boxes) == 1, text


def test_the_support_path_diagram_is_never_split_over_two_pages(demo_plan: object) -> None:
    """Seen in a pack: the vendor's box (the diagram's second row) alone on the next page,
    its elbow arrow coming from nowhere."""
    from pypdf import PdfReader
    from reportlab.platypus import Spacer

    from planner.export.pdf.kit import Kit
    from planner.export.pdf.layout import FRAME_HEIGHT
    from planner.export.pdf.people import support

    register_fonts()
    kit = Kit(demo_plan, date=dt.date(2026, 11, 30), actor="t")  # type: ignore[arg-type]
    system = next(s for s in demo_plan if len(s.support_tiers) >= 4)  # type: ignore[attr-defined]
    for used in range(0, int(FRAME_HEIGHT - 40), 16):
        buffer = io.BytesIO()
        SimpleDocTemplate(buffer, pagesize=PAGE).build(
            [Spacer(1, used), *support(kit, system, "key")]
        )
        pages = [p.extract_text() for p in PdfReader(buffer).pages]
        holding = [n for n, text in enumerate(pages) if "User request" in text]
        assert holding, used
        last_row = [n for n, text in enumerate(pages) if "Vendor ·" in text]
        assert last_row == holding, (used, holding, last_row)
