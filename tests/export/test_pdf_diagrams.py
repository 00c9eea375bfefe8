"""Diagram geometry, read back from the PDF: boxes never overlap, text stays in its box."""

from __future__ import annotations

import ctypes
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
