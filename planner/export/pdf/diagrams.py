"""Diagrams of the packs: the path a user's request takes, and escalation chains as ladders."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

from planner.export.pdf.fonts import Markup, break_identifiers, markup
from planner.export.pdf.layout import Para

_ARROW = 14.0  # vertical room for the arrow between two ladder steps
_PAD = 5.0
_GAP = 16.0  # horizontal room for the arrow between two boxes of a row
_ROW_GAP = 14.0  # vertical room between two rows of boxes, for the arrow from one to the next
_PER_ROW = 4
# Text in a diagram box is short by design; long notes are in the tables beside it.
_BOX_CHARS = 280


@dataclass(frozen=True)
class Box:
    """One box of a diagram: a bold title and a few lines of detail (plain user text)."""

    title: str
    lines: tuple[str, ...] = ()


def _paragraph(
    box: Box, title: ParagraphStyle, body: ParagraphStyle, *, width: float | None = None
) -> list[Paragraph]:
    """The box's text; given the box's inner ``width``, addresses break only after / . @ -."""

    def text(value: str, style: ParagraphStyle, bold: bool = False) -> str:
        if width is not None and not isinstance(value, Markup):
            value = break_identifiers(value[:_BOX_CHARS], width, size=style.fontSize, bold=bold)
        return markup(value, _BOX_CHARS)

    out = [Para(f"<b>{text(box.title, title, bold=True)}</b>", title)]
    out.extend(Para(text(line, body), body) for line in box.lines if line)
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
        self._box = box
        self._box_styles = (title_style, body_style)
        self._body: list[Paragraph] = []
        self._body_width: float | None = None
        self._accent = accent
        self._arrow = arrow
        self._badge_width = badge_width
        self._box_height = 0.0

    def wrap(self, avail_width: float, _avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        inner = max(avail_width - self._badge_width - 3 * _PAD, 40.0)
        if self._body_width != inner:  # built at the width it has: addresses break cleanly
            self._body = _paragraph(self._box, *self._box_styles, width=inner)
            self._body_width = inner
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
    """Up to four boxes side by side joined by arrows: one row of the support path.

    Every row has boxes of the same width. A row after the first starts one arrow's width
    in and leaves a gap above it, through which an elbow arrow comes down from the last
    box of the row before: rows never touch, and a box never sits on another.
    """

    def __init__(
        self,
        boxes: Sequence[Box],
        *,
        accent: colors.Color,
        styles: tuple[ParagraphStyle, ParagraphStyle],
        start_styles: tuple[ParagraphStyle, ParagraphStyle],
        row: int,
    ) -> None:
        super().__init__()
        first_is_start = row == 0
        self._specs = [
            (box, start_styles if first_is_start and i == 0 else styles)
            for i, box in enumerate(boxes)
        ]
        self._boxes: list[list[Paragraph]] = []
        self._accent = accent
        self._row = row
        self._lead_in = row > 0
        self._first_is_start = first_is_start
        self._wrapped_at: float | None = None
        self.box_width = 0.0
        self.box_height = 0.0

    @staticmethod
    def box_width_for(avail_width: float) -> float:
        """The width of every box of every row, for a frame ``avail_width`` wide."""
        return (avail_width - _GAP - _GAP * (_PER_ROW - 1)) / _PER_ROW

    def wrap(self, avail_width: float, _avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.box_width = self.box_width_for(avail_width)
        inner = self.box_width - 2 * _PAD
        if self._wrapped_at != inner:
            self._boxes = [_paragraph(box, *style, width=inner) for box, style in self._specs]
            self._wrapped_at = inner
        self.box_height = max(_height(p, inner) for p in self._boxes) + 2 * _PAD
        self.height = self.box_height + (_ROW_GAP if self._lead_in else 0.0)
        return self.width, self.height

    def box_rects(self) -> list[tuple[float, float, float, float]]:
        """(x, y, width, height) of each box, in this flowable's coordinates (after wrap)."""
        x = _GAP if self._lead_in else 0.0
        step = self.box_width + _GAP
        return [
            (x + i * step, 0.0, self.box_width, self.box_height) for i in range(len(self._boxes))
        ]

    def draw(self) -> None:
        c = self.canv
        h = self.box_height
        if self._lead_in:
            self._draw_elbow()
        for index, ((x, y, w, _h), paragraphs) in enumerate(
            zip(self.box_rects(), self._boxes, strict=True)
        ):
            start = self._first_is_start and index == 0
            c.setStrokeColor(self._accent)
            c.setLineWidth(0.8)
            c.setFillColor(self._accent if start else colors.white)
            c.roundRect(x, y, w, h, 6, stroke=1, fill=1)
            if not start:
                c.setFillColor(self._accent)
                c.rect(x, h - 3, w, 3, stroke=0, fill=1)
            _draw_stack(paragraphs, c, x + _PAD, h - _PAD)
            if index < len(self._boxes) - 1:
                _arrow_right(c, x + w, x + w + _GAP, h / 2, self._accent)

    def _draw_elbow(self) -> None:
        """From under the last box of the full row above, down, back left, and into box one."""
        c = self.canv
        top = self.height
        middle = top - _ROW_GAP / 2
        # The row above is full; the first row starts at 0, later rows one gap in.
        above = 0.0 if self._row == 1 else _GAP
        last_centre = above + (_PER_ROW - 1) * (self.box_width + _GAP) + self.box_width / 2
        c.setStrokeColor(self._accent)
        c.setLineWidth(1.2)
        path = c.beginPath()
        path.moveTo(last_centre, top)
        path.lineTo(last_centre, middle)
        path.lineTo(_GAP / 2, middle)
        path.lineTo(_GAP / 2, self.box_height / 2)
        c.drawPath(path, stroke=1, fill=0)
        _arrow_right(c, _GAP / 2, _GAP, self.box_height / 2, self._accent)


def flow_rows(
    boxes: Sequence[Box],
    *,
    accent: colors.Color,
    styles: tuple[ParagraphStyle, ParagraphStyle],
    start_styles: tuple[ParagraphStyle, ParagraphStyle],
) -> list[Flowable]:
    """The support path as rows of four boxes; the first box is the user's request."""
    return [
        FlowRow(
            boxes[start : start + _PER_ROW],
            accent=accent,
            styles=styles,
            start_styles=start_styles,
            row=start // _PER_ROW,
        )
        for start in range(0, len(boxes), _PER_ROW)
    ]
