"""Diagrams of the packs: the path a user's request takes, and escalation chains as ladders."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

from planner.export.pdf.fonts import markup

_ARROW = 14.0  # vertical room for the arrow between two ladder steps
_PAD = 5.0
_GAP = 16.0  # horizontal room for the arrow between two boxes of a row
_PER_ROW = 4
# Text in a diagram box is short by design; long notes are in the tables beside it.
_BOX_CHARS = 280


@dataclass(frozen=True)
class Box:
    """One box of a diagram: a bold title and a few lines of detail (plain user text)."""

    title: str
    lines: tuple[str, ...] = ()


def _paragraph(box: Box, title: ParagraphStyle, body: ParagraphStyle) -> list[Paragraph]:
    out = [Paragraph(f"<b>{markup(box.title, _BOX_CHARS)}</b>", title)]
    out.extend(Paragraph(markup(line, _BOX_CHARS), body) for line in box.lines if line)
    return out


def _height(paragraphs: Sequence[Paragraph], width: float) -> float:
    return float(sum(p.wrap(width, 10_000)[1] for p in paragraphs))


def _draw_stack(paragraphs: Sequence[Paragraph], canv: object, x: float, top: float) -> None:
    y = top
    for p in paragraphs:
        y -= p.height
        p.drawOn(canv, x, y)


def _arrow_down(canv: object, x: float, y_top: float, y_bottom: float, colour: object) -> None:
    c = canv
    c.setStrokeColor(colour)  # type: ignore[attr-defined]
    c.setFillColor(colour)  # type: ignore[attr-defined]
    c.setLineWidth(1.2)  # type: ignore[attr-defined]
    c.line(x, y_top, x, y_bottom + 4)  # type: ignore[attr-defined]
    path = c.beginPath()  # type: ignore[attr-defined]
    path.moveTo(x - 3.5, y_bottom + 5)
    path.lineTo(x + 3.5, y_bottom + 5)
    path.lineTo(x, y_bottom)
    path.close()
    c.drawPath(path, stroke=0, fill=1)  # type: ignore[attr-defined]


def _arrow_right(canv: object, x_left: float, x_right: float, y: float, colour: object) -> None:
    c = canv
    c.setStrokeColor(colour)  # type: ignore[attr-defined]
    c.setFillColor(colour)  # type: ignore[attr-defined]
    c.setLineWidth(1.2)  # type: ignore[attr-defined]
    c.line(x_left, y, x_right - 4, y)  # type: ignore[attr-defined]
    path = c.beginPath()  # type: ignore[attr-defined]
    path.moveTo(x_right - 5, y + 3.5)
    path.lineTo(x_right - 5, y - 3.5)
    path.lineTo(x_right, y)
    path.close()
    c.drawPath(path, stroke=0, fill=1)  # type: ignore[attr-defined]


class LadderStep(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """One level of an escalation chain: a badge on the left, who and how on the right.

    Each level is its own flowable, so a 50-level chain simply continues on the next page.
    """

    def __init__(
        self,
        badge: Box,
        box: Box,
        *,
        accent: colors.Color,
        styles: tuple[ParagraphStyle, ParagraphStyle, ParagraphStyle],
        arrow: bool,
        badge_width: float = 78.0,
    ) -> None:
        super().__init__()
        badge_style, title_style, body_style = styles
        self._badge = _paragraph(badge, badge_style, badge_style)
        self._body = _paragraph(box, title_style, body_style)
        self._accent = accent
        self._arrow = arrow
        self._badge_width = badge_width
        self._box_height = 0.0

    def wrap(self, avail_width: float, _avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        inner = max(avail_width - self._badge_width - 3 * _PAD, 40.0)
        body = _height(self._body, inner)
        badge = _height(self._badge, self._badge_width - 2 * _PAD)
        self._box_height = max(body, badge) + 2 * _PAD
        self.height = self._box_height + (_ARROW if self._arrow else 0.0)
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        h = self._box_height
        if self._arrow:
            _arrow_down(c, self._badge_width / 2, self.height, h, self._accent)
        c.setStrokeColor(self._accent)
        c.setLineWidth(0.8)
        c.setFillColor(colors.white)
        c.roundRect(0, 0, self.width, h, 4, stroke=1, fill=1)
        c.setFillColor(self._accent)
        c.roundRect(0, 0, self._badge_width, h, 4, stroke=0, fill=1)
        _draw_stack(self._badge, c, _PAD, h - _PAD)
        _draw_stack(self._body, c, self._badge_width + 2 * _PAD, h - _PAD)


class FlowRow(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """Up to four boxes side by side joined by arrows: one row of the support path."""

    def __init__(
        self,
        boxes: Sequence[Box],
        *,
        accent: colors.Color,
        styles: tuple[ParagraphStyle, ParagraphStyle],
        start_styles: tuple[ParagraphStyle, ParagraphStyle],
        lead_in: bool,
        first_is_start: bool = False,
    ) -> None:
        super().__init__()
        self._boxes = [
            _paragraph(box, *(start_styles if first_is_start and i == 0 else styles))
            for i, box in enumerate(boxes)
        ]
        self._accent = accent
        self._lead_in = lead_in
        self._first_is_start = first_is_start
        self._box_width = 0.0
        self._box_height = 0.0

    def wrap(self, avail_width: float, _avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        lead = _GAP if self._lead_in else 0.0
        self._box_width = (avail_width - lead - _GAP * (_PER_ROW - 1)) / _PER_ROW
        inner = self._box_width - 2 * _PAD
        self._box_height = max(_height(p, inner) for p in self._boxes) + 2 * _PAD
        self.height = self._box_height
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        h = self._box_height
        x = 0.0
        if self._lead_in:
            _arrow_right(c, 0, _GAP, h / 2, self._accent)
            x = _GAP
        for index, paragraphs in enumerate(self._boxes):
            start = self._first_is_start and index == 0
            c.setStrokeColor(self._accent)
            c.setLineWidth(0.8)
            c.setFillColor(self._accent if start else colors.white)
            c.roundRect(x, 0, self._box_width, h, 6, stroke=1, fill=1)
            if not start:
                c.setFillColor(self._accent)
                c.rect(x, h - 3, self._box_width, 3, stroke=0, fill=1)
            _draw_stack(paragraphs, c, x + _PAD, h - _PAD)
            if index < len(self._boxes) - 1:
                _arrow_right(
                    c, x + self._box_width, x + self._box_width + _GAP, h / 2, self._accent
                )
            x += self._box_width + _GAP


def flow_rows(
    boxes: Sequence[Box],
    *,
    accent: colors.Color,
    styles: tuple[ParagraphStyle, ParagraphStyle],
    start_styles: tuple[ParagraphStyle, ParagraphStyle],
) -> list[Flowable]:
    """The support path as rows of four boxes; the first box is the user's request."""
    rows: list[Flowable] = []
    for start in range(0, len(boxes), _PER_ROW):
        chunk = boxes[start : start + _PER_ROW]
        rows.append(
            FlowRow(
                chunk,
                accent=accent,
                styles=styles,
                start_styles=start_styles,
                lead_in=start > 0,
                first_is_start=start == 0,
            )
        )
    return rows
