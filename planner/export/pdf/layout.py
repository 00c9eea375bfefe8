"""Layout primitives of the PDFs: page geometry, cached paragraphs, bookmarks, form references."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table
from reportlab.platypus.doctemplate import NullActionFlowable

from planner.export.pdf.shaping import COMPLEX, TextObject, base_right_to_left, display_lines

PAGE = A4
MARGIN = 18 * mm
HEADER = 14 * mm
FOOTER = 12 * mm
# The frame every body page lays its story into.
FRAME_WIDTH = PAGE[0] - 2 * MARGIN
FRAME_HEIGHT = PAGE[1] - 2 * MARGIN - HEADER - FOOTER
# Cells of a table hold at most this much text; the full value is in the workspace.
CELL_CHARS = 3_000
NOT_DEFINED = "Not yet defined."
LINK_SCHEMES = ("http://", "https://", "mailto:", "file:", "ftp://")

# Told (done, total, what) as the layout advances; it may raise to cancel the export.
Progress = Callable[[int, int, str], None]


class PageState(Protocol):
    """What flowables tell the document while it is drawn: header context, used forms."""

    context: str
    context_page: int
    context_system: str | None
    forms_used: set[str]


@dataclass(frozen=True)
class Mark:
    """Where a heading lands: a bookmark key, its title, outline level, and TOC presence."""

    key: str
    title: str
    level: int
    toc: bool


class Para(Paragraph):  # type: ignore[misc]  # reportlab is untyped
    """A Paragraph that remembers its line breaking and draws right-to-left words in order.

    A table wraps every cell twice with the same width, once to size the rows and once
    to draw them; line breaking is the largest single cost of a long pack. The cache is
    only trusted while the line breaking is still there: a split that fits no line
    deletes it (reportlab's ``split`` does ``del self.blPara``), and drawing after a
    cached wrap would then fail.

    Lines are kept unshaped and in logical order (a split builds its second half from
    them); complex scripts are shaped and put in display order only while drawn: see
    ``shaping``.
    """

    blPara: Any  # reportlab's line breaking, set by wrap  # noqa: N815
    _wrapped_at: float | None = None
    # None: nothing to shape or reorder; else the paragraph's direction (right-to-left?).
    _right_to_left: bool | None = None

    def __init__(self, text: str | None, style: Any = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(text, style, *args, **kwargs)
        if text is not None and COMPLEX.search(text):
            self._right_to_left = base_right_to_left(
                "".join(getattr(frag, "text", "") for frag in self.frags)
            )

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if avail_width == self._wrapped_at and "blPara" in self.__dict__:
            return self.width, self.height
        size: tuple[float, float] = super().wrap(avail_width, avail_height)
        self._wrapped_at = avail_width
        return size

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        parts: list[Flowable] = super().split(avail_width, avail_height)
        for part in parts:
            # The second half starts mid-paragraph: its direction is still the whole's.
            part._right_to_left = self._right_to_left
        return parts

    def beginText(self, x: float, y: float) -> TextObject:  # noqa: N802  # reportlab's name
        return TextObject(self.canv, x, y)

    def drawPara(self, debug: int = 0) -> None:  # noqa: N802  # reportlab's name
        if self._right_to_left is None:
            super().drawPara(debug)
            return
        logical = self.blPara
        self.blPara = display_lines(logical, right_to_left=self._right_to_left)
        try:
            super().drawPara(debug)
        finally:
            self.blPara = logical


class Heading(Para):
    """A paragraph that becomes a bookmark, an outline entry and maybe a contents line."""

    mark: Mark | None = None


class SetContext(Flowable):  # type: ignore[misc]
    """Zero-size marker: pages from here on carry ``name`` in their header."""

    def __init__(self, state: PageState, name: str, system_id: str | None = None) -> None:
        super().__init__()
        self._state = state
        self._name = name
        self._system_id = system_id
        self.width = self.height = 0

    def wrap(self, _avail_width: float, _avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self._state.context = self._name
        self._state.context_page = self.canv.getPageNumber()
        self._state.context_system = self._system_id


class Deferred(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """Flowables built only when the layout reaches them: one chapter, one card.

    A 2,000-system portfolio built its whole story before laying out the first page:
    about 0.9 MB of flowables a system, 2 GB at once. Deferred, a chapter is built when
    the page before it is done and dropped once drawn, so memory stays flat per chapter.
    reportlab asks a flowable too tall for the frame to split: that is when it is built.
    """

    def __init__(self, build: Callable[[], list[Flowable]]) -> None:
        super().__init__()
        self._build = build

    def wrap(self, avail_width: float, _avail_height: float) -> tuple[float, float]:
        return avail_width, 0xFFFFFF  # never fits, so reportlab calls split

    def split(self, _avail_width: float, _avail_height: float) -> list[Flowable]:
        # An action flowable first: reportlab then puts the whole list back on the story
        # rather than drawing its first item at once, wherever it would land.
        return [NullActionFlowable(), *headings_into_blocks(self._build())]


def keep_in_pairs(
    lead: list[Flowable], steps: list[Flowable], tail: Sequence[Flowable] = ()
) -> list[Flowable]:
    """``lead`` (a heading), ``steps`` (levels of a chain) and ``tail`` (its table), never
    one step alone on a page.

    The heading goes with the first two steps and the last two go with the tail, so a
    page break falls where at least two steps stand on either side; up to three steps
    are one block, which leaves its tail to the next page rather than move whole.
    """
    if len(steps) <= 3:
        return [KeepWithTail([*lead, *steps], tail)]
    first, middle, last = steps[:2], steps[2:-2], steps[-2:]
    return [KeepTogether([*lead, *first]), *middle, KeepTogether([*last, *tail])]


class KeepWithTail(KeepTogether):  # type: ignore[misc]  # reportlab is untyped
    """A block kept together, whose ``tail`` (a chain's who-to-call table) may follow on
    the next page when all before it fits here.

    Kept whole, a three-level chain and its table that did not fit under the support
    path's diagram moved on together and left half a page blank; the levels already
    name whom to call and their phones.
    """

    def __init__(self, head: Sequence[Flowable], tail: Sequence[Flowable]) -> None:
        super().__init__([*head, *tail])
        self.head, self.tail = list(head), list(tail)

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        if self.tail and _height(self.head, avail_width) <= avail_height:
            # An action first: reportlab then puts the parts back on the story (it would
            # try to draw the first at once, and a KeepTogether never fits that way).
            return [NullActionFlowable(), KeepTogether(self.head), *self.tail]
        parts: list[Flowable] = super().split(avail_width, avail_height)
        return parts


def _height(flowables: Sequence[Flowable], width: float) -> float:
    """How tall ``flowables`` are laid out ``width`` wide, with the space between them."""
    return float(
        sum(
            f.wrap(width, FRAME_HEIGHT)[1] + f.getSpaceBefore() + f.getSpaceAfter()
            for f in flowables
        )
    )


def headings_into_blocks(story: list[Flowable]) -> list[Flowable]:
    """``story`` with each heading that precedes a KeepTogether block moved into the block.

    reportlab keeps a heading (keepWithNext) with the flowable after it, but not when
    that is a KeepTogether: it cannot nest one, so the heading was left alone at the foot
    of a page while the block moved on to the next.
    """
    out: list[Flowable] = []
    for flowable in story:
        if isinstance(flowable, KeepTogether):
            lead: list[Flowable] = []
            while out and _keeps_with_next(out[-1]):
                lead.insert(0, out.pop())
            if lead:
                flowable = _with_lead(flowable, lead)
        out.append(flowable)
    return out


def _with_lead(block: KeepTogether, lead: list[Flowable]) -> KeepTogether:
    if isinstance(block, KeepWithTail):
        return KeepWithTail([*lead, *block.head], block.tail)
    return KeepTogether([*lead, *block._content], block._maxHeight)


class KeepWithStart(KeepTogether):  # type: ignore[misc]  # reportlab is untyped
    """A heading kept with what follows it, without moving a long block to a new page.

    reportlab groups a keepWithNext heading and the next flowable into a KeepTogether,
    which goes to the next page whenever the pair does not fit: after a heading followed
    by a 200-row table the page stayed blank below a five-row one. A block taller than
    half a page stays when the heading and the first rows of its table fit here.
    """

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        *lead, last = self._content
        # A data table (its header repeats) may flow from here; a diagram never splits.
        table = isinstance(last, Table) and bool(last.repeatRows)
        tall = table and self.wrap(avail_width, avail_height)[1] > FRAME_HEIGHT / 2
        if lead and tall:
            used = sum(
                f.wrap(avail_width, avail_height)[1] + f.getSpaceBefore() + f.getSpaceAfter()
                for f in lead
            )
            if used < avail_height and last.split(avail_width, avail_height - used):
                return list(self._content)
        parts: list[Flowable] = super().split(avail_width, avail_height)
        return parts


def _keeps_with_next(flowable: Flowable) -> bool:
    return not isinstance(flowable, KeepTogether) and bool(flowable.getKeepWithNext())


class FormRef(Flowable):  # type: ignore[misc]
    """A number filled in at save time, right-aligned on the line (the cover's go / no-go
    band names the page its blockers are listed on this way)."""

    def __init__(self, form: str, state: PageState) -> None:
        super().__init__()
        self._form = form
        self._state = state

    def wrap(self, avail_width: float, _avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.height = 9.0
        return self.width, self.height

    def draw(self) -> None:
        self._state.forms_used.add(self._form)
        self.canv.saveState()
        self.canv.translate(self.width, 1)
        self.canv.doForm(self._form)
        self.canv.restoreState()


class ContentsEntry(Flowable):  # type: ignore[misc]
    """A contents line: the linked title, dot leaders, and its page number on one baseline.

    The number is a form filled in at save time, drawn on the baseline of the title's last
    line; the leaders run from the end of that line to just before the number.
    """

    _NUMBER_ROOM = 32.0  # room kept for a page number of up to four digits, and a gap
    _PAD = 3.0

    def __init__(self, title: Paragraph, form: str, state: PageState, rule: Any) -> None:
        super().__init__()
        self._title = title
        self._form = form
        self._state = state
        self._rule = rule

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        _w, height = self._title.wrap(avail_width - self._NUMBER_ROOM - 6, avail_height)
        self.height = height + 2 * self._PAD
        return self.width, self.height

    def _last_baseline(self) -> float:
        """The y of the title's last line, the way reportlab's drawPara places it."""
        title = self._title
        lines = title.blPara.lines
        first = lines[0] if hasattr(lines[0], "fontSize") else title.blPara
        offset = first.fontSize
        if not rl_config.paraFontSizeHeightOffset:
            offset = getattr(first, "ascent", first.fontSize)
        return float(title.height - offset - (len(lines) - 1) * title.style.leading)

    def draw(self) -> None:
        c = self.canv
        self._state.forms_used.add(self._form)
        self._title.drawOn(c, 0, self._PAD)
        baseline = self._PAD + self._last_baseline()
        text_end = self._title.style.leftIndent + self._title.getActualLineWidths0()[-1]
        c.saveState()
        c.setStrokeColor(self._rule)
        c.setLineWidth(0.9)
        c.setLineCap(1)
        c.setDash([0, 3.2])
        leaders_end = self.width - self._NUMBER_ROOM
        if leaders_end - text_end > 8:
            c.line(text_end + 4, baseline, leaders_end, baseline)
        c.restoreState()
        c.saveState()
        c.translate(self.width, baseline)
        c.doForm(self._form)
        c.restoreState()


def keep_if_short(flowables: list[Flowable], width: float) -> list[Flowable]:
    """``flowables`` kept on one page when they take at most half of one.

    Moving a short table to the next page keeps its rows together; moving a long one
    would leave most of a page empty (and strand the heading before it), so it splits.
    """
    if is_short(flowables, width, FRAME_HEIGHT / 2):
        return [KeepTogether(flowables)]
    return list(flowables)


def is_short(flowables: Sequence[Flowable], width: float, limit: float) -> bool:
    """Whether ``flowables`` laid out ``width`` wide take at most ``limit`` points."""
    return float(sum(f.wrap(width, FRAME_HEIGHT)[1] for f in flowables)) <= limit


class LayoutProgress:
    """Turns reportlab's layout events into (flowables laid out, of how many, page) calls."""

    def __init__(self, report: Progress) -> None:
        self.report = report
        self.total = 0
        self.done = 0
        self.page = 0

    def __call__(self, event: str, value: int) -> None:
        if event == "SIZE_EST":
            self.total = value
        elif event == "PAGE":
            self.page = value
        elif event == "PROGRESS" and self.total:
            # A split table counts as more flowables for a while; never step backwards.
            self.done = min(max(self.done, value), self.total)
            self.report(self.done, self.total, f"Laying out page {self.page}…")
        elif event == "FINISHED" and self.total:
            self.report(self.total, self.total, f"{self.page} pages laid out")


def load_logo(data: bytes | None, fmt: str | None) -> Any:
    """The workspace logo as an ImageReader (PNG) or a Drawing (SVG); None if unusable.

    A broken logo never stops an export: the pack prints without it.
    """
    if not data:
        return None
    try:
        if fmt == "svg":
            from svglib.svglib import svg2rlg

            drawing = svg2rlg(io.BytesIO(data))
            if drawing is None or not drawing.width or not drawing.height:
                return None
            return drawing
        reader = ImageReader(io.BytesIO(data))
        width, height = reader.getSize()
        return reader if width and height else None
    except Exception:  # any decoder error: print the pack without the logo
        return None


def duration(minutes: int | None) -> str:
    """30 -> '30 min', 120 -> '2 h', 1500 -> '1 d 1 h'."""
    if minutes is None:
        return ""
    days, rest = divmod(int(minutes), 1440)
    hrs, mins = divmod(rest, 60)
    parts = [
        f"{days} d" if days else "",
        f"{hrs} h" if hrs else "",
        f"{mins} min" if mins else "",
    ]
    return " ".join(p for p in parts if p) or "0 min"


def label_of(value: object) -> str:
    """An enum's label, or the value as text ('' for None)."""
    if value is None:
        return ""
    text = getattr(value, "label", None)
    return str(text) if text is not None else str(value)


def date_text(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value.isoformat()


def num_text(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:g}"
