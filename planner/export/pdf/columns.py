"""Table columns sized from their content, so no ordinary word is broken to fit a column.

A column is given at least the width of its widest unbreakable piece of text: a word, an
e-mail address, a time zone, a phone number or a date. The width left over is shared out
by the given weights. Only a piece wider than a large share of the table is broken, and
then only after ``/ . @ -`` (an address or path); the column keeps room for the widest
part between two such breaks, so "Europe/Stockholm" may become "Europe/" "Stockholm",
never "Stockhol" "m".
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from reportlab.pdfbase.pdfmetrics import stringWidth

from planner.export.pdf.fonts import BOLD, REGULAR, Markup, identifier_parts, keep_together

CELL_SIZE = 8.0
PADDING = 3.0 + 3.0 + 1.0  # left and right cell padding, and a point of slack
# One column never claims more than this share of the table for its longest piece: past
# that, a piece is broken like any over-long word.
MAX_SHARE = 0.45
# Never lower a column's claim below this share of the table to make the others fit.
SMALL_SHARE = 0.15
# An identifier's widest part between two breaks claims at most this share.
PART_SHARE = 0.25
# Where a line may break: any white space except the no-break space (str.split breaks there).
_BREAKS = re.compile(r"[^\S\u00a0]+")
_TAGS = re.compile(r"<[^>]*>")
_SAMPLE_ROWS = 400  # enough rows to know a column; a 2,000-row table need not be read twice


def needed_width(value: object, *, bold: bool = False) -> float:
    """The width a cell needs so that none of its words is broken (0 for non-text)."""
    return _needs(value, bold=bold)[0]


def _needs(value: object, *, bold: bool = False) -> tuple[float, float]:
    """(width of the widest piece, width of the widest part an identifier may break into)."""
    if hasattr(value, "getPlainText"):  # a styled cell (a red MISSING): measured as bold
        value, bold = value.getPlainText(), True
    if not isinstance(value, str) or not value:
        return 0.0, 0.0
    font = BOLD if bold else REGULAR
    if isinstance(value, Markup):  # already markup: measure the words, not the tags
        value = html.unescape(_TAGS.sub(" ", value))
    widest = floor = 0.0
    for piece in _BREAKS.split(keep_together(value[:2_000])):
        parts = identifier_parts(piece)
        width = float(stringWidth(piece, font, CELL_SIZE))
        widest = max(widest, width)
        if len(parts) > 1:
            floor = max(floor, max(float(stringWidth(p, font, CELL_SIZE)) for p in parts))
    return (widest + PADDING if widest else 0.0), (floor + PADDING if floor else 0.0)


def fit_columns(
    header: Sequence[str], rows: Sequence[Sequence[object]], weights: Sequence[float], width: float
) -> list[float]:
    """Column widths adding up to ``width``: each at least its content's need, else by weight."""
    cap = width * MAX_SHARE
    needs = [min(needed_width(h, bold=True), cap) for h in header]
    # An identifier may break after / . @ -: its column never gets less than its widest part.
    floors = [0.0] * len(header)
    for row in rows[:_SAMPLE_ROWS]:
        for index, value in enumerate(row):
            full, part = _needs(value)
            needs[index] = max(needs[index], min(full, cap))
            floors[index] = max(floors[index], min(part, width * PART_SHARE))
    needs = [max(n, f) for n, f in zip(needs, floors, strict=True)]
    # Too many long pieces (URLs, long titles) to fit side by side: lower their claim until
    # the short words (a status, a name, a date) fit whole; the long pieces then break.
    while sum(needs) >= width and cap > width * SMALL_SHARE:
        cap *= 0.8
        needs = [max(min(n, cap), f) for n, f in zip(needs, floors, strict=True)]
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
