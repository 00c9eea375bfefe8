"""Table columns sized from their content, so no ordinary word is broken to fit a column.

A column is given at least the width of its widest unbreakable piece of text: a word, an
e-mail address, a time zone, a phone number or a date. The width left over is shared out
by the given weights. Only a piece wider than a large share of the table is broken.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from reportlab.pdfbase.pdfmetrics import stringWidth

from planner.export.pdf.fonts import BOLD, REGULAR, Markup, keep_together

CELL_SIZE = 8.0
PADDING = 3.0 + 3.0 + 1.0  # left and right cell padding, and a point of slack
# One column never claims more than this share of the table for its longest piece: past
# that, a piece is broken like any over-long word.
MAX_SHARE = 0.45
# Never lower a column's claim below this share of the table to make the others fit.
SMALL_SHARE = 0.15
# Where a line may break: any white space except the no-break space (str.split breaks there).
_BREAKS = re.compile(r"[^\S\u00a0]+")
_TAGS = re.compile(r"<[^>]*>")
_SAMPLE_ROWS = 400  # enough rows to know a column; a 2,000-row table need not be read twice


def needed_width(value: object, *, bold: bool = False) -> float:
    """The width a cell needs so that none of its words is broken (0 for non-text)."""
    if hasattr(value, "getPlainText"):  # a styled cell (a red MISSING): measured as bold
        value, bold = value.getPlainText(), True
    if not isinstance(value, str) or not value:
        return 0.0
    font = BOLD if bold else REGULAR
    if isinstance(value, Markup):  # already markup: measure the words, not the tags
        value = html.unescape(_TAGS.sub(" ", value))
    pieces = _BREAKS.split(keep_together(value[:2_000]))
    return max((float(stringWidth(p, font, CELL_SIZE)) for p in pieces), default=0.0) + PADDING


def fit_columns(
    header: Sequence[str], rows: Sequence[Sequence[object]], weights: Sequence[float], width: float
) -> list[float]:
    """Column widths adding up to ``width``: each at least its content's need, else by weight."""
    cap = width * MAX_SHARE
    needs = [min(needed_width(h, bold=True), cap) for h in header]
    for row in rows[:_SAMPLE_ROWS]:
        for index, value in enumerate(row):
            needs[index] = max(needs[index], min(needed_width(value), cap))
    # Too many long pieces (URLs, long titles) to fit side by side: lower their claim until
    # the short words (a status, a name, a date) fit whole; the long pieces then break.
    while sum(needs) >= width and cap > width * SMALL_SHARE:
        cap *= 0.8
        needs = [min(n, cap) for n in needs]
    if sum(needs) >= width:
        total = sum(needs)
        return [width * n / total for n in needs]
    fixed: dict[int, float] = {}
    while True:
        free = width - sum(fixed.values())
        weight = sum(w for i, w in enumerate(weights) if i not in fixed)
        widths = [fixed.get(i, free * w / weight) for i, w in enumerate(weights)]
        short = [i for i, w in enumerate(widths) if i not in fixed and w < needs[i]]
        if not short:
            return widths
        for i in short:
            fixed[i] = needs[i]
