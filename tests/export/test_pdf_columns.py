"""Columns sized from content: no word is broken, whatever kind of cell holds it."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

from planner.export.pdf.columns import CELL_SIZE, fit_columns, needed_width
from planner.export.pdf.fonts import BOLD, register_fonts


def test_a_styled_cell_is_measured_like_text() -> None:
    """The documents register's red MISSING is a styled paragraph; it printed as MISSIN/G."""
    register_fonts()
    cell = Paragraph("MISSING", ParagraphStyle("late", fontName=BOLD, fontSize=CELL_SIZE))
    assert needed_width(cell) >= stringWidth("MISSING", BOLD, CELL_SIZE)
    widths = fit_columns(["Title", "Status"], [["A long title " * 8, cell]], [4.0, 0.3], 400)
    assert widths[1] >= stringWidth("MISSING", BOLD, CELL_SIZE)
