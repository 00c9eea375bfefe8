"""The paragraph styles of the PDFs, in one stylesheet per export (the accent colour varies)."""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from planner.export.pdf.fonts import BOLD, REGULAR

Styles = dict[str, ParagraphStyle]
DARK = colors.HexColor("#222222")
MUTED = colors.HexColor("#666666")
ALARM = colors.HexColor("#B00020")


def stylesheet(accent: colors.Color) -> Styles:
    """Every named style a document uses: body text, headings, table cells, diagram boxes."""
    base = ParagraphStyle("body", fontName=REGULAR, fontSize=9.5, leading=12.5, spaceAfter=4)
    return {
        "body": base,
        "muted": ParagraphStyle("muted", base, textColor=MUTED),
        **_headings(base, accent),
        **_cells(base),
        **_boxes(base),
    }


def right_aligned(style: ParagraphStyle) -> ParagraphStyle:
    """The same style aligned right, for text that starts in a right-to-left script."""
    return ParagraphStyle(f"{style.name}_rtl", style, alignment=TA_RIGHT)


def _headings(base: ParagraphStyle, accent: colors.Color) -> Styles:
    def heading(name: str, size: float, leading: float, colour: colors.Color, **kw: float) -> Any:
        return ParagraphStyle(
            name,
            base,
            fontName=BOLD,
            fontSize=size,
            leading=leading,
            textColor=colour,
            keepWithNext=1,
            **kw,
        )

    return {
        "h1": heading("h1", 16, 20, accent, spaceBefore=4, spaceAfter=8),
        "h2": heading("h2", 11.5, 15, DARK, spaceBefore=8, spaceAfter=4),
        "h3": heading("h3", 9.5, 12.5, DARK, spaceBefore=6, spaceAfter=2),
        # An on-call card's title and section headings: tighter, so a card fits a page.
        "card_title": heading("card_title", 15, 18, accent, spaceBefore=0, spaceAfter=3),
        "card_h": heading("card_h", 9.5, 11.5, DARK, spaceBefore=4, spaceAfter=1.5),
        # Not kept with the next flowable, so a card's last table may split under it rather
        # than move whole to a second page; the card asks for room before it instead.
        "card_section": ParagraphStyle(
            "card_section",
            base,
            fontName=BOLD,
            fontSize=9.5,
            leading=11.5,
            textColor=DARK,
            spaceBefore=4,
            spaceAfter=1.5,
        ),
        "title": ParagraphStyle(
            "title", base, fontName=BOLD, fontSize=26, leading=31, textColor=accent, spaceAfter=6
        ),
        "subtitle": ParagraphStyle("subtitle", base, fontSize=13, leading=17, textColor=MUTED),
        "toc": ParagraphStyle("toc", base, fontSize=10, leading=13, spaceAfter=0),
        "toc2": ParagraphStyle("toc2", base, fontSize=9, leading=12, leftIndent=12),
        "score": ParagraphStyle(
            "score", base, fontName=BOLD, fontSize=28, leading=32, textColor=accent
        ),
    }


def _cells(base: ParagraphStyle) -> Styles:
    cell = ParagraphStyle("cell", base, fontSize=8, leading=10, spaceAfter=0)
    return {
        "cell": cell,
        "late": ParagraphStyle("late", cell, fontName=BOLD, textColor=ALARM),
        "head": ParagraphStyle("head", cell, fontName=BOLD, textColor=colors.white),
        "band": ParagraphStyle("band", base, fontSize=10, leading=13, textColor=colors.white),
    }


def _boxes(base: ParagraphStyle) -> Styles:
    # Leading with room for Arabic and Devanagari, whose marks reach above and below Latin.
    title = ParagraphStyle("box_title", base, fontSize=8.5, leading=11.5, spaceAfter=1.5)
    body = ParagraphStyle("box_body", base, fontSize=7.5, leading=9.5, spaceAfter=0)
    return {
        "box_title": title,
        "box_body": body,
        "box_start": ParagraphStyle("box_start", title, textColor=colors.white),
        "box_start_body": ParagraphStyle("box_start_body", body, textColor=colors.white),
        "badge": ParagraphStyle(
            "badge", base, fontSize=8, leading=10, textColor=colors.white, spaceAfter=0
        ),
    }
