"""The PDF renderer: handover packs, the portfolio pack and on-call cards, built with reportlab.

One pass of layout only. "Page X of Y" and the contents page's page numbers are PDF forms
that are referenced while pages are drawn and filled in just before the file is saved, so
no second layout pass is needed and bookmarks keep pointing at the right pages.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepInFrame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from planner import APP_NAME, __version__
from planner.domain.enums import (
    ActionStatus,
    DocumentStatus,
    DocumentType,
    LifecycleStage,
    RaciRole,
    SignOffRole,
)
from planner.domain.registry import KINDS
from planner.domain.wording import count_of
from planner.export.pack_input import AuditLine, PackFindings, SystemFindings, severity_rank
from planner.export.pdf_diagrams import Box, LadderStep, flow_rows
from planner.export.pdf_fonts import (
    BOLD,
    REGULAR,
    Markup,
    draw_text,
    fits_plain,
    join,
    markup,
    plain,
    register_fonts,
)
from planner.store.plan_hash import plan_hash
from planner.store.snapshot import ChainPlan, Plan, SystemPlan

PAGE = A4
MARGIN = 18 * mm
HEADER = 14 * mm
FOOTER = 12 * mm
# Cells of a table hold at most this much text; the full value is in the workspace.
CELL_CHARS = 3_000
NOT_DEFINED = "Not yet defined."
RACI_COLUMNS = 8
LINK_SCHEMES = ("http://", "https://", "mailto:", "file:", "ftp://")

KINDS_OF_PACK = ("pack", "portfolio", "oncall")


@dataclass(frozen=True)
class _Mark:
    """Where a heading lands: a bookmark key, its title, outline level, and TOC presence."""

    key: str
    title: str
    level: int
    toc: bool


class Para(Paragraph):  # type: ignore[misc]  # reportlab is untyped
    """A Paragraph that remembers its line breaking for the width it was last wrapped at.

    A table wraps every cell twice with the same width, once to size the rows and once
    to draw them; line breaking is the largest single cost of a long pack.
    """

    _wrapped_at: float | None = None

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if avail_width == self._wrapped_at:
            return self.width, self.height
        size: tuple[float, float] = super().wrap(avail_width, avail_height)
        self._wrapped_at = avail_width
        return size


class _Heading(Para):
    mark: _Mark | None = None


class _SetContext(Flowable):  # type: ignore[misc]
    """Zero-size marker: pages from here on carry ``name`` in their header."""

    def __init__(self, renderer: PackRenderer, name: str) -> None:
        super().__init__()
        self._renderer = renderer
        self._name = name
        self.width = self.height = 0

    def wrap(self, _avail_width: float, _avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self._renderer.context = self._name


class _FormRef(Flowable):  # type: ignore[misc]
    """A number filled in at save time (a contents page's page number)."""

    def __init__(self, form: str, renderer: PackRenderer) -> None:
        super().__init__()
        self._form = form
        self._renderer = renderer

    def wrap(self, avail_width: float, _avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.height = 9.0
        return self.width, self.height

    def draw(self) -> None:
        self._renderer.forms_used.add(self._form)
        self.canv.saveState()
        self.canv.translate(self.width, 1)
        self.canv.doForm(self._form)
        self.canv.restoreState()


class _Doc(BaseDocTemplate):  # type: ignore[misc]
    def __init__(self, renderer: PackRenderer, out: BinaryIO, **kwargs: Any) -> None:
        super().__init__(out, **kwargs)
        self._renderer = renderer

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802  # reportlab's name
        mark = getattr(flowable, "mark", None)
        if mark is None:
            return
        canv = self.canv
        canv.bookmarkPage(mark.key)
        canv.addOutlineEntry(mark.title, mark.key, level=mark.level, closed=mark.level > 0)
        self._renderer.pages[mark.key] = canv.getPageNumber()


def _hours(minutes: int | None) -> str:
    """30 -> '30 min', 120 -> '2 h', 1500 -> '1 d 1 h'."""
    if minutes is None:
        return ""
    days, rest = divmod(int(minutes), 1440)
    hours, mins = divmod(rest, 60)
    parts = [
        f"{days} d" if days else "",
        f"{hours} h" if hours else "",
        f"{mins} min" if mins else "",
    ]
    return " ".join(p for p in parts if p) or "0 min"


def _label(value: object) -> str:
    if value is None:
        return ""
    label = getattr(value, "label", None)
    return str(label) if label is not None else str(value)


def _date(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value.isoformat()


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:g}"


def _load_logo(data: bytes | None, fmt: str | None) -> Any:
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


# Told (done, total, what) as the layout advances; it may raise to cancel the export.
Progress = Callable[[int, int, str], None]


class _LayoutProgress:
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


class PackRenderer:
    """Builds one PDF from a loaded plan: a system's pack, the portfolio, or on-call cards."""

    def __init__(
        self,
        plan: Plan,
        *,
        date: dt.date,
        actor: str,
        findings: PackFindings | None = None,
        audit: dict[str, Sequence[AuditLine]] | None = None,
        progress: Progress | None = None,
    ) -> None:
        register_fonts()
        self.progress = progress
        self.plan = plan
        self.date = date
        self.actor = actor
        self.findings = findings
        self.audit = audit or {}
        info = plan.info
        self.organisation = str(info.organisation or "")
        self.accent = colors.HexColor(str(info.accent_colour or "#1F5FAD"))
        self.accent_light = colors.Color(
            1 - (1 - self.accent.red) * 0.12,
            1 - (1 - self.accent.green) * 0.12,
            1 - (1 - self.accent.blue) * 0.12,
        )
        self.logo = _load_logo(info.logo, info.logo_format)
        self.width = PAGE[0] - 2 * MARGIN
        self.height = PAGE[1] - 2 * MARGIN - HEADER - FOOTER
        self.context = ""
        self.doc_label = "Handover pack"
        self.pages: dict[str, int] = {}
        self.forms_used: set[str] = set()
        self._styles = self._stylesheet()

    # --- styles and page furniture ----------------------------------------------------

    def _stylesheet(self) -> dict[str, ParagraphStyle]:
        base = ParagraphStyle("body", fontName=REGULAR, fontSize=9.5, leading=12.5, spaceAfter=4)
        dark = colors.HexColor("#222222")
        muted = colors.HexColor("#666666")
        return {
            "body": base,
            "muted": ParagraphStyle("muted", base, textColor=muted),
            "h1": ParagraphStyle(
                "h1",
                base,
                fontName=BOLD,
                fontSize=16,
                leading=20,
                textColor=self.accent,
                spaceBefore=4,
                spaceAfter=8,
                keepWithNext=1,
            ),
            "h2": ParagraphStyle(
                "h2",
                base,
                fontName=BOLD,
                fontSize=11.5,
                leading=15,
                textColor=dark,
                spaceBefore=8,
                spaceAfter=4,
                keepWithNext=1,
            ),
            "h3": ParagraphStyle(
                "h3",
                base,
                fontName=BOLD,
                fontSize=9.5,
                leading=12.5,
                textColor=dark,
                spaceBefore=6,
                spaceAfter=2,
                keepWithNext=1,
            ),
            "cell": ParagraphStyle("cell", base, fontSize=8, leading=10, spaceAfter=0),
            "late": ParagraphStyle(
                "late",
                base,
                fontName=BOLD,
                fontSize=8,
                leading=10,
                spaceAfter=0,
                textColor=colors.HexColor("#B00020"),
            ),
            "cell_r": ParagraphStyle("cell_r", base, fontSize=8, leading=10, alignment=TA_RIGHT),
            "head": ParagraphStyle(
                "head",
                base,
                fontName=BOLD,
                fontSize=8,
                leading=10,
                textColor=colors.white,
                spaceAfter=0,
            ),
            "title": ParagraphStyle(
                "title",
                base,
                fontName=BOLD,
                fontSize=26,
                leading=31,
                textColor=self.accent,
                spaceAfter=6,
            ),
            "subtitle": ParagraphStyle("subtitle", base, fontSize=13, leading=17, textColor=muted),
            "toc": ParagraphStyle("toc", base, fontSize=10, leading=13, spaceAfter=0),
            "toc2": ParagraphStyle("toc2", base, fontSize=9, leading=12, leftIndent=12),
            "box_title": ParagraphStyle(
                "box_title", base, fontSize=8.5, leading=10.5, spaceAfter=1
            ),
            "box_body": ParagraphStyle("box_body", base, fontSize=7.5, leading=9.5, spaceAfter=0),
            "box_start": ParagraphStyle(
                "box_start", base, fontSize=8.5, leading=10.5, textColor=colors.white, spaceAfter=1
            ),
            "badge": ParagraphStyle(
                "badge", base, fontSize=8, leading=10, textColor=colors.white, spaceAfter=0
            ),
            "score": ParagraphStyle(
                "score", base, fontName=BOLD, fontSize=28, leading=32, textColor=self.accent
            ),
        }

    def _page_templates(self, cover: bool) -> list[PageTemplate]:
        frame = Frame(
            MARGIN,
            MARGIN + FOOTER,
            self.width,
            self.height,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        templates = [PageTemplate("body", [frame], onPageEnd=self._furniture)]
        if cover:
            cover_frame = Frame(
                MARGIN,
                MARGIN + FOOTER,
                self.width,
                PAGE[1] - 2 * MARGIN - FOOTER - 52 * mm,
                id="cover",
                leftPadding=0,
                rightPadding=0,
                topPadding=0,
                bottomPadding=0,
            )
            templates.insert(0, PageTemplate("cover", [cover_frame], onPageEnd=self._cover_band))
        return templates

    def _draw_logo(self, canv: Canvas, x: float, y: float, max_w: float, max_h: float) -> float:
        """Draw the logo with its bottom-left at (x, y) inside max_w x max_h; return its width."""
        logo = self.logo
        if logo is None:
            return 0.0
        if isinstance(logo, ImageReader):
            w, h = logo.getSize()
        else:
            w, h = logo.width, logo.height
        scale = min(max_w / w, max_h / h)
        if isinstance(logo, ImageReader):
            canv.drawImage(logo, x, y, w * scale, h * scale, mask="auto")
        else:
            from reportlab.graphics import renderPDF

            canv.saveState()
            canv.translate(x, y)
            canv.scale(scale, scale)
            renderPDF.draw(logo, canv, 0, 0)
            canv.restoreState()
        return float(w * scale)

    def _cover_band(self, canv: Canvas, _doc: BaseDocTemplate) -> None:
        canv.saveState()
        top = PAGE[1]
        canv.setFillColor(self.accent)
        canv.rect(0, top - 40 * mm, PAGE[0], 40 * mm, stroke=0, fill=1)
        x = MARGIN
        if self.logo is not None:
            canv.setFillColor(colors.white)
            canv.roundRect(x - 2 * mm, top - 32 * mm, 28 * mm, 24 * mm, 3, stroke=0, fill=1)
            self._draw_logo(canv, x, top - 30 * mm, 24 * mm, 20 * mm)
            x += 32 * mm
        canv.setFillColor(colors.white)
        draw_text(
            canv,
            x,
            top - 20 * mm,
            self.organisation or APP_NAME,
            size=16,
            bold=True,
            max_width=PAGE[0] - x - MARGIN,
        )
        draw_text(canv, x, top - 28 * mm, self.doc_label, size=11, max_width=PAGE[0] - x - MARGIN)
        canv.restoreState()
        self._footer(canv)

    def _furniture(self, canv: Canvas, _doc: BaseDocTemplate) -> None:
        canv.saveState()
        top = PAGE[1] - MARGIN
        x = MARGIN
        logo_w = self._draw_logo(canv, x, top - 8 * mm, 22 * mm, 8 * mm)
        if logo_w:
            x += logo_w + 3 * mm
        canv.setFillColor(colors.HexColor("#333333"))
        half = (PAGE[0] - 2 * MARGIN) / 2
        draw_text(
            canv,
            x,
            top - 6 * mm,
            self.organisation,
            size=8.5,
            bold=True,
            max_width=half - (x - MARGIN) - 4 * mm,
        )
        draw_text(
            canv,
            PAGE[0] - MARGIN,
            top - 6 * mm,
            self.context,
            size=8.5,
            align="right",
            max_width=half - 4 * mm,
        )
        canv.setStrokeColor(self.accent)
        canv.setLineWidth(1.2)
        canv.line(MARGIN, top - 10 * mm, PAGE[0] - MARGIN, top - 10 * mm)
        canv.restoreState()
        self._footer(canv)

    def _footer(self, canv: Canvas) -> None:
        canv.saveState()
        y = MARGIN
        canv.setStrokeColor(colors.HexColor("#BBBBBB"))
        canv.setLineWidth(0.5)
        canv.line(MARGIN, y + 5 * mm, PAGE[0] - MARGIN, y + 5 * mm)
        canv.setFillColor(colors.HexColor("#555555"))
        left = f"{self.doc_label} · {self.organisation} · {self.date.isoformat()}"
        draw_text(canv, MARGIN, y, left, size=7.5, max_width=self.width - 40 * mm)
        right = PAGE[0] - MARGIN - 16
        draw_text(canv, right, y, f"Page {canv.getPageNumber()} of ", size=7.5, align="right")
        canv.translate(right, y)
        canv.doForm("page_total")
        canv.restoreState()

    def _fill_forms(self, canv: Canvas) -> None:
        """Define the forms pages refer to, now that every page number is known."""
        total = canv.getPageNumber() - 1  # save() is called after the last showPage
        canv.beginForm("page_total", lowerx=0, lowery=-3, upperx=40, uppery=12)
        canv.setFont(REGULAR, 7.5)
        canv.setFillColor(colors.HexColor("#555555"))
        canv.drawString(0, 0, str(total))
        canv.endForm()
        for form in sorted(self.forms_used):
            page = self.pages.get(form.removeprefix("pg_"))
            canv.beginForm(form, lowerx=-60, lowery=-3, upperx=0, uppery=12)
            canv.setFont(REGULAR, 10)
            canv.drawRightString(0, 0, str(page) if page else "–")
            canv.endForm()

    def _canvas_class(self) -> type[Canvas]:
        renderer = self

        class _Canvas(Canvas):  # type: ignore[misc]
            def save(self) -> None:
                renderer._fill_forms(self)
                super().save()

        return _Canvas

    # --- small builders ---------------------------------------------------------------

    def p(self, text: object, style: str = "body", limit: int | None = None) -> Paragraph:
        """A Paragraph of user text (always escaped)."""
        return Para(markup(text, limit or 20_000), self._styles[style])

    def heading(
        self,
        text: str,
        key: str,
        *,
        style: str = "h1",
        level: int = 0,
        toc: bool = True,
        outline: str | None = None,
    ) -> _Heading:
        head = _Heading(markup(text, 300), self._styles[style])
        head.mark = _Mark(key, (outline or text)[:300], level, toc)
        return head

    def empty(self, what: str = NOT_DEFINED) -> Paragraph:
        return Para(markup(what), self._styles["muted"])

    def cell(self, value: object, *, style: str = "cell", width: float | None = None) -> Any:
        """A table cell: a Paragraph, or a plain string when it surely fits on one line.

        Most cells (RACI letters, dates, levels, time zones) are short; a plain string
        skips parsing and line breaking, which is most of the cost of a long table.
        """
        if isinstance(value, Flowable):
            return value
        text = "" if value is None else value
        if width is not None and not isinstance(text, Markup):
            short = fits_plain(str(text), width - 6, size=8)
            if short is not None:
                return short
        return Para(markup(text, CELL_CHARS), self._styles[style])

    def link(self, location: str) -> Paragraph:
        """A document location: clickable when it is a web, mail or file address."""
        text = markup(location, CELL_CHARS)
        lowered = location.strip().casefold()
        if location and lowered.startswith(LINK_SCHEMES) and len(location) <= 2048:
            href = plain(location.strip(), 2048).replace("&", "&amp;").replace('"', "&quot;")
            href = href.replace("<", "&lt;").replace(">", "&gt;")
            colour = self.accent.hexval().replace("0x", "#")
            text = f'<a href="{href}" color="{colour}"><u>{text}</u></a>'
        return Para(text, self._styles["cell"])

    def table(
        self,
        header: Sequence[str],
        rows: Iterable[Sequence[object]],
        widths: Sequence[float],
        *,
        extra_style: Sequence[tuple[Any, ...]] = (),
    ) -> Flowable:
        """A table with a repeated header row, wrapping cells and rows allowed to split."""
        total = sum(widths)
        col_widths = [self.width * w / total for w in widths]
        data: list[list[Flowable]] = [[Para(markup(h), self._styles["head"]) for h in header]]
        data.extend(
            [self.cell(v, width=w) for v, w in zip(row, col_widths, strict=True)] for row in rows
        )
        style = [
            ("BACKGROUND", (0, 0), (-1, 0), self.accent),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("FONTNAME", (0, 0), (-1, -1), REGULAR),
            ("FONTSIZE", (0, 0), (-1, -1), 8),
            ("LEADING", (0, 0), (-1, -1), 10),
            ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#C8C8C8")),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
        if len(data) > 2:
            style.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, self.accent_light]))
        style.extend(extra_style)
        return Table(
            data,
            colWidths=col_widths,
            repeatRows=1,
            splitInRow=1,
            style=TableStyle(style),
            hAlign="LEFT",
        )

    def fields(self, pairs: Sequence[tuple[str, object]], *, label_width: float = 0.28) -> Flowable:
        """A two-column label/value table."""
        data = [
            [Para(f"<b>{markup(label)}</b>", self._styles["cell"]), self.cell(value)]
            for label, value in pairs
        ]
        return Table(
            data,
            colWidths=[self.width * label_width, self.width * (1 - label_width)],
            splitInRow=1,
            hAlign="LEFT",
            style=TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor("#DDDDDD")),
                    ("BACKGROUND", (0, 0), (0, -1), self.accent_light),
                    ("LEFTPADDING", (0, 0), (-1, -1), 4),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ]
            ),
        )

    def name(self, person_id: str | None = None, team_id: str | None = None) -> str:
        return self.plan.name_of(person_id=person_id, team_id=team_id)

    def assignee(self, row: Any) -> str:
        if row.person_id is not None:
            return self.name(person_id=row.person_id)
        return join(self.name(team_id=row.team_id), " (team)")

    # --- builds -------------------------------------------------------------------------

    def _doc(
        self, out: BinaryIO, *, title: str, subject: str, keywords: Sequence[str], cover: bool
    ) -> _Doc:
        doc = _Doc(
            self,
            out,
            pagesize=PAGE,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN + HEADER,
            bottomMargin=MARGIN + FOOTER,
            title=title,
            author=self.actor,
            subject=subject,
            keywords=", ".join(k for k in keywords if k),
            creator=f"{APP_NAME} {__version__}",
            invariant=1,
            pageCompression=1,
            # Otherwise every page names Helvetica, a font the PDF does not embed.
            initialFontName=REGULAR,
        )
        doc.addPageTemplates(self._page_templates(cover))
        return doc

    def _build(self, doc: _Doc, story: list[Flowable]) -> int:
        if self.progress is not None:
            doc.setProgressCallBack(_LayoutProgress(self.progress))
        doc.build(story, canvasmaker=self._canvas_class())
        return int(doc.page)

    def build_pack(self, out: BinaryIO, system: SystemPlan) -> int:
        """One system's handover pack; returns the number of pages."""
        self.doc_label = "Handover pack"
        self.context = system.name
        sections = self._system_sections(system, prefix="s1")
        story: list[Flowable] = [
            _SetContext(self, system.name),
            *self._system_cover(system, key="s1", level=0, outline="Cover"),
            NextPageTemplate("body"),
            PageBreak(),
            *self._contents([(k, t, 0) for k, t in sections.titles], "Contents"),
            PageBreak(),
            *sections.story,
        ]
        doc = self._doc(
            out,
            title=f"Handover pack: {system.name}",
            subject=f"Operating model for {system.name} after the pilot",
            keywords=["handover pack", "runbook", system.name, self.organisation],
            cover=True,
        )
        return self._build(doc, story)

    def build_portfolio(self, out: BinaryIO, systems: Sequence[SystemPlan]) -> int:
        """All given systems: a portfolio summary, then each system's pack as a chapter."""
        self.doc_label = "Portfolio handover pack"
        self.context = "Portfolio"
        chapters = []
        for index, system in enumerate(systems, start=1):
            chapters.append(
                (system, f"c{index}", self._system_sections(system, prefix=f"c{index}"))
            )
        toc = [("summary", "Portfolio summary", 0)] + [
            (key, system.name, 0) for system, key, _ in chapters
        ]
        story: list[Flowable] = [
            *self._portfolio_cover(systems),
            NextPageTemplate("body"),
            PageBreak(),
            *self._contents(toc, "Contents"),
            PageBreak(),
            _SetContext(self, "Portfolio"),
            *self._portfolio_summary(systems, {s.id: k for s, k, _ in chapters}),
        ]
        for system, key, sections in chapters:
            story.append(PageBreak())
            story.append(_SetContext(self, system.name))
            # A chapter opens with the cover facts and goes straight on: a cover page per
            # system would add 200 near-empty pages to a 200-system portfolio.
            story.extend(self._system_cover(system, key=key, level=0, outline=system.name))
            story.extend(sections.story)
        names = [s.name for s in systems[:20]]
        doc = self._doc(
            out,
            title=f"Portfolio handover pack: {self.organisation or 'all systems'}",
            subject=f"Operating model of {len(systems)} AI systems after the pilot",
            keywords=["handover pack", "portfolio", self.organisation, *names],
            cover=True,
        )
        return self._build(doc, story)

    def build_oncall(self, out: BinaryIO, systems: Sequence[SystemPlan]) -> int:
        """One page per system with what someone on call needs."""
        self.doc_label = "On-call card"
        story: list[Flowable] = []
        for index, system in enumerate(systems, start=1):
            if index > 1:
                story.append(PageBreak())
            story.append(_SetContext(self, system.name))
            story.append(
                self.heading(f"On call: {system.name}", f"o{index}", outline=system.name, toc=False)
            )
            card = self._oncall_card(system)
            story.append(KeepInFrame(self.width, self.height - 26, card, mode="shrink"))
        doc = self._doc(
            out,
            title="On-call cards" if len(systems) != 1 else f"On-call card: {systems[0].name}",
            subject="Support path, escalation chains and contacts for whoever is on call",
            keywords=["on-call", "escalation", self.organisation, *(s.name for s in systems[:20])],
            cover=False,
        )
        return self._build(doc, story)

    # --- contents and covers ------------------------------------------------------------

    def _contents(self, entries: Sequence[tuple[str, str, int]], title: str) -> list[Flowable]:
        out: list[Flowable] = [self.heading(title, "contents", toc=False)]
        rows = []
        for key, text, level in entries:
            style = self._styles["toc" if level == 0 else "toc2"]
            label = Para(f'<a href="#{key}">{markup(text, 300)}</a>', style)
            rows.append([label, _FormRef(f"pg_{key}", self)])
        if rows:
            out.append(
                Table(
                    rows,
                    colWidths=[self.width - 20 * mm, 20 * mm],
                    splitInRow=1,
                    hAlign="LEFT",
                    style=TableStyle(
                        [
                            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                            ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                            ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.HexColor("#DDDDDD")),
                            ("LEFTPADDING", (0, 0), (-1, -1), 0),
                            ("TOPPADDING", (0, 0), (-1, -1), 3),
                            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                        ]
                    ),
                )
            )
        return out

    def _score_text(self, found: SystemFindings | None) -> str:
        if found is None or found.score is None:
            return "not computed"
        return f"{found.score:.0f} / 100"

    def _signoff_state(self, system: SystemPlan) -> tuple[str, str]:
        row = system.system
        recorded = {str(s.role) for s in system.sign_offs}
        required = [SignOffRole(r) for r in (self.plan.info.required_signoff_roles or [])]
        missing = [r.label for r in required if r.value not in recorded]
        if row.locked:
            when = _date(row.signed_at)
            state = f"Signed off and locked{f' on {when} UTC' if when else ''}"
        elif missing:
            state = (
                f"Not signed off: {len(missing)} of {len(required)} roles still to sign "
                f"({', '.join(missing)})"
            )
        else:
            state = "All required roles have signed; plan not yet locked"
        current = plan_hash(self.plan, system)
        if not row.signed_hash:
            digest = f"{current} (not signed yet)"
        elif row.signed_hash == current:
            digest = f"{current} (matches the signed plan)"
        else:
            digest = (
                f"{current}; signed: {row.signed_hash}. The plan has changed since it was "
                "signed off"
            )
        return state, digest

    def _system_cover(
        self, system: SystemPlan, *, key: str, level: int, outline: str
    ) -> list[Flowable]:
        row = system.system
        found = self.findings.of(system.id) if self.findings else None
        state, digest = self._signoff_state(system)
        head = _Heading(markup(system.name, 300), self._styles["title"])
        head.mark = _Mark(key, outline, level, True)
        pairs: list[tuple[str, object]] = [
            ("Organisation", self.organisation or "not set"),
            ("Lifecycle stage", _label(row.stage)),
            ("Readiness score", self._score_text(found)),
            ("Plan version", f"#{self.plan.audit_seq} (audit sequence number)"),
            ("Export date", self.date.isoformat()),
            ("Exported by", self.actor),
            ("Sign-off state", state),
            ("Content hash", digest),
        ]
        return [
            Spacer(1, 6 * mm),
            head,
            Para(
                markup(self.doc_label if level == 0 else "Handover pack"), self._styles["subtitle"]
            ),
            Spacer(1, 8 * mm),
            self.fields(pairs, label_width=0.3),
            Spacer(1, 8 * mm),
            Para(
                "This pack is the runbook for operating the system after the pilot: who owns "
                "what, how users get support, whom to call when it breaks, and where the "
                "documentation lives. Check the plan version against the workspace before "
                "relying on a printed copy.",
                self._styles["muted"],
            ),
        ]

    def _portfolio_cover(self, systems: Sequence[SystemPlan]) -> list[Flowable]:
        head = _Heading(markup(self.organisation or "AI systems"), self._styles["title"])
        head.mark = _Mark("cover", "Cover", 0, False)
        pairs: list[tuple[str, object]] = [
            ("Systems", str(len(systems))),
            ("Plan version", f"#{self.plan.audit_seq} (audit sequence number)"),
            ("Export date", self.date.isoformat()),
            ("Exported by", self.actor),
        ]
        return [
            Spacer(1, 6 * mm),
            head,
            Para("Portfolio handover pack", self._styles["subtitle"]),
            Spacer(1, 8 * mm),
            self.fields(pairs, label_width=0.3),
        ]

    def _owner(self, system: SystemPlan) -> str:
        for sign in system.sign_offs:
            if str(sign.role) == SignOffRole.BUSINESS_OWNER.value:
                return self.name(person_id=sign.person_id)
        counts = Counter(
            self.assignee(r) for r in system.raci if str(r.role) == RaciRole.ACCOUNTABLE.value
        )
        if not counts:
            return ""
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[0][0]

    def _portfolio_summary(
        self, systems: Sequence[SystemPlan], keys: dict[str, str]
    ) -> list[Flowable]:
        out: list[Flowable] = [self.heading("Portfolio summary", "summary")]
        stages = [stage for stage in LifecycleStage]
        by_stage = Counter(str(s.system.stage) for s in systems)
        out.append(self.p(f"{len(systems)} systems in this pack.", "muted"))
        out.append(
            self.table(
                ["Lifecycle stage", "Systems"],
                [[stage.label, str(by_stage.get(stage.value, 0))] for stage in stages],
                [3, 1],
            )
        )
        out.append(Spacer(1, 5 * mm))
        order = {stage.value: i for i, stage in enumerate(stages)}
        ranked = sorted(
            systems, key=lambda s: (order.get(str(s.system.stage), 99), s.name.casefold())
        )
        rows = []
        colour = self.accent.hexval().replace("0x", "#")
        for system in ranked:
            found = self.findings.of(system.id) if self.findings else None
            link = Para(
                f'<a href="#{keys[system.id]}" color="{colour}">{markup(system.name, 300)}</a>',
                self._styles["cell"],
            )
            rows.append(
                [
                    link,
                    _label(system.system.stage),
                    self._score_text(found) if found and found.score is not None else "–",
                    str(found.blockers) if found else "–",
                    self._owner(system) or "not named",
                    _label(system.system.risk_tier),
                ]
            )
        out.append(
            self.heading("Systems by stage", "summary-systems", style="h2", level=1, toc=False)
        )
        out.append(
            self.table(
                ["System", "Stage", "Score", "Blockers", "Owner", "Risk tier"],
                rows,
                [3.2, 1.6, 1.2, 1, 2.6, 1.2],
            )
        )
        if self.findings is None:
            out.append(self.p("Readiness scores were not computed for this export.", "muted"))
        return out

    # --- a system's sections ------------------------------------------------------------

    @dataclass
    class _Sections:
        titles: list[tuple[str, str]]
        story: list[Flowable]

    def _system_sections(self, system: SystemPlan, *, prefix: str) -> PackRenderer._Sections:
        builders: list[tuple[str, str, Callable[[SystemPlan, str], list[Flowable]]]] = [
            ("control", "Document control", self._document_control),
            ("summary", "Summary", self._summary),
            ("readiness", "Readiness", self._readiness),
            ("ownership", "Ownership (RACI)", self._ownership),
            ("support", "Support path", self._support),
            ("escalation", "Escalation chains", self._escalation),
            ("contacts", "Contacts", self._contacts),
            ("documents", "Documentation register", self._documents),
            ("operations", "Retraining, monitoring, review and governance", self._operations),
            ("baselines", "Baselines and readiness criteria", self._baselines),
            ("actions", "Open action items", self._actions),
            ("signoff", "Sign-off", self._signoff),
        ]
        titles: list[tuple[str, str]] = []
        story: list[Flowable] = []
        nested = prefix.startswith("c")
        for number, (slug, title, build) in enumerate(builders, start=1):
            key = f"{prefix}-{slug}"
            titles.append((key, f"{number}. {title}"))
            if slug == "signoff":
                # The signature page stands alone in a system's pack; in a portfolio it only
                # needs room for its signature lines.
                story.append(CondPageBreak(120 * mm) if nested else PageBreak())
            else:
                story.append(CondPageBreak(45 * mm))
            story.append(
                self.heading(f"{number}. {title}", key, level=1 if nested else 0, toc=not nested)
            )
            story.extend(build(system, key))
            story.append(Spacer(1, 4 * mm))
        return PackRenderer._Sections(titles, story)

    def _document_control(self, system: SystemPlan, _key: str) -> list[Flowable]:
        out: list[Flowable] = [
            self.p(
                f"Generated from plan version #{self.plan.audit_seq} on {self.date.isoformat()} "
                f"by {self.actor}. The most recent recorded changes to this system:",
            )
        ]
        events = self.audit.get(system.id, ())
        if not events:
            out.append(self.empty("No changes recorded for this system yet."))
            return out
        rows = [[str(e.seq), _date(e.at), e.actor, self._describe(e)] for e in events]
        out.append(self.table(["#", "When (UTC)", "Who", "What"], rows, [0.7, 1.9, 1.8, 5.6]))
        return out

    @staticmethod
    def _describe(event: AuditLine) -> str:
        what = event.operation.replace("_", " ").capitalize()
        entity = KINDS[event.entity_type].label if event.entity_type in KINDS else event.entity_type
        text = f"{what}: {entity.lower()}" if entity.lower() not in what.lower() else what
        return f"{text} {event.summary}".strip()

    def _summary(self, system: SystemPlan, _key: str) -> list[Flowable]:
        row = system.system
        out: list[Flowable] = [
            self.fields(
                [
                    ("Risk tier", _label(row.risk_tier)),
                    ("Regulated", "Yes" if row.regulated else "No"),
                    ("Hours of operation", _label(row.hours_required)),
                    ("Lifecycle stage", _label(row.stage)),
                    ("Planned go-live", _date(row.go_live) or "not set"),
                ]
            )
        ]
        for label, value in (
            ("Purpose", row.purpose),
            ("Workflow", row.workflow),
            ("Decision", row.decision),
            ("User roles", row.user_roles),
            ("Outcome", row.outcome),
        ):
            out.append(Para(markup(label), self._styles["h3"]))
            out.append(self.p(value) if value else self.empty())
        out.append(Para("Data sources", self._styles["h3"]))
        if not system.data_sources:
            out.append(self.empty())
        else:
            rows = [
                [
                    d.name,
                    self.name(person_id=d.owner_id) or "no owner",
                    d.refresh_cadence,
                    d.integration_point,
                    d.quality_checks,
                    d.access_rules,
                ]
                for d in system.data_sources
            ]
            out.append(
                self.table(
                    [
                        "Source",
                        "Owner",
                        "Refresh",
                        "Integration point",
                        "Quality checks",
                        "Access rules",
                    ],
                    rows,
                    [1.6, 1.4, 1.1, 1.4, 2.2, 2.2],
                )
            )
        return out

    def _readiness(self, system: SystemPlan, _key: str) -> list[Flowable]:
        found = self.findings.of(system.id) if self.findings else None
        if found is None:
            return [self.empty("Readiness analysis was not available for this export.")]
        out: list[Flowable] = [Para(markup(self._score_text(found)), self._styles["score"])]
        if not found.findings:
            out.append(self.p("No open findings."))
            return out
        ordered = sorted(found.findings, key=lambda f: (severity_rank(f.severity), f.rule_id))
        counts = Counter(f.severity.capitalize() for f in ordered)
        summary = ", ".join(count_of(n, sev.lower()) for sev, n in counts.items())
        blockers = found.blockers
        out.append(
            self.p(
                f"{len(ordered)} open findings ({summary})"
                + (f"; {blockers} block the handover." if blockers else ".")
            )
        )
        rows = [
            [
                f.severity.capitalize()
                + (" (blocks handover)" if f.blocking and f.severity != "blocker" else ""),
                f.rule_id,
                f.message,
                f.remedy or "–",
            ]
            for f in ordered
        ]
        out.append(
            self.table(["Severity", "Rule", "Finding", "Remedy"], rows, [1.3, 1.5, 3.6, 3.6])
        )
        return out

    def _ownership(self, system: SystemPlan, _key: str) -> list[Flowable]:
        if not system.raci:
            return [self.empty()]
        assignees: dict[tuple[int, str], str] = {}
        cells: dict[tuple[str, tuple[int, str]], list[str]] = {}
        for r in system.raci:
            ident = (0, r.person_id) if r.person_id is not None else (1, r.team_id)
            assignees[ident] = self.assignee(r)
            cells.setdefault((r.activity_id, ident), []).append(str(r.role))
        columns = sorted(assignees, key=lambda i: (i[0], assignees[i].casefold(), i[1]))
        used = {activity for activity, _ in cells}
        activities = [a for a in self.plan.activities if a.id in used]
        out: list[Flowable] = [
            self.p(
                "R = Responsible (does the work), A = Accountable (owns the outcome), "
                "C = Consulted, I = Informed.",
                "muted",
            ),
        ]
        no_owner = [
            a.name for a in activities if not any("A" in cells.get((a.id, c), []) for c in columns)
        ]
        # Balanced chunks (17 people: 6, 6, 5), so no table ends with one lonely column.
        count = -(-len(columns) // RACI_COLUMNS)
        size = -(-len(columns) // count)
        chunks = [columns[i : i + size] for i in range(0, len(columns), size)]
        order = "RACI"
        for number, chunk in enumerate(chunks, start=1):
            if len(chunks) > 1:
                out.append(
                    Para(
                        markup(
                            f"People and teams {(number - 1) * size + 1}–"
                            f"{(number - 1) * size + len(chunk)} of {len(columns)}"
                        ),
                        self._styles["h3"],
                    )
                )
            rows = []
            for activity in activities:
                row: list[object] = [activity.name]
                for ident in chunk:
                    roles = sorted(cells.get((activity.id, ident), []), key=order.find)
                    row.append(" ".join(roles))
                rows.append(row)
            centre = [("ALIGN", (1, 1), (-1, -1), "CENTER")]
            out.append(
                self.table(
                    ["Activity", *(assignees[i] for i in chunk)],
                    rows,
                    [2.6] + [1.0] * len(chunk),
                    extra_style=centre,
                )
            )
            out.append(Spacer(1, 3 * mm))
        if no_owner:
            out.append(self.p("No one is accountable for: " + ", ".join(no_owner) + "."))
        return out

    def _tier_rows(self, system: SystemPlan) -> list[list[object]]:
        return [
            [
                _label(t.level),
                self.name(team_id=t.team_id) if t.team_id else "no team",
                _label(t.channel),
                t.address,
                _label(t.hours),
                t.timezone,
                _hours(t.response_minutes),
            ]
            for t in system.support_tiers
        ]

    def _support(self, system: SystemPlan, _key: str) -> list[Flowable]:
        if not system.support_tiers:
            return [self.empty()]
        out: list[Flowable] = [
            self.table(
                ["Tier", "Team", "Channel", "Address", "Hours", "Time zone", "Respond within"],
                self._tier_rows(system),
                [0.8, 1.8, 1.2, 2.4, 1.2, 1.4, 1.2],
            ),
            Spacer(1, 4 * mm),
            Para("The path a user's request takes", self._styles["h3"]),
        ]
        boxes = [Box("User request", ("raised by a user of the system",))]
        for t in system.support_tiers:
            team = self.name(team_id=t.team_id) if t.team_id else "no team"
            reach = ": ".join(x for x in (_label(t.channel), str(t.address or "")) if x)
            when = " ".join(x for x in (_label(t.hours), str(t.timezone or "")) if x)
            target = f"respond within {_hours(t.response_minutes)}" if t.response_minutes else ""
            boxes.append(Box(f"{_label(t.level)} · {team}", (reach, when, target)))
        s = self._styles
        out.extend(
            flow_rows(
                boxes,
                accent=self.accent,
                styles=(s["box_title"], s["box_body"]),
                start_styles=(
                    s["box_start"],
                    ParagraphStyle("bs2", s["box_body"], textColor=colors.white),
                ),
            )
        )
        return out

    def _chains(self, system: SystemPlan) -> list[ChainPlan]:
        return sorted(system.chains, key=lambda c: (c.chain.severity.rank, c.chain.id))

    def _target_rows(self, level_no: int, targets: Sequence[Any]) -> list[list[object]]:
        rows: list[list[object]] = []
        for t in targets:
            if t.person_id is not None:
                person = self.plan.people.get(t.person_id)
                deputy = (
                    self.name(person_id=person.deputy_id) if person and person.deputy_id else ""
                )
                rows.append(
                    [
                        str(level_no),
                        self.name(person_id=t.person_id),
                        person.phone if person else "",
                        person.email if person else "",
                        person.timezone if person else "",
                        deputy,
                    ]
                )
            else:
                team = self.plan.teams.get(t.team_id)
                rows.append(
                    [
                        str(level_no),
                        join(self.name(team_id=t.team_id), " (team)"),
                        team.phone if team else "",
                        team.email if team else "",
                        "",
                        "",
                    ]
                )
        return rows

    def _escalation(self, system: SystemPlan, key: str) -> list[Flowable]:
        chains = self._chains(system)
        if not chains:
            return [self.empty()]
        out: list[Flowable] = []
        s = self._styles
        for chain in chains:
            severity = chain.chain.severity
            out.append(
                self.heading(
                    f"{severity.label}",
                    f"{key}-{severity.value}",
                    style="h2",
                    level=2 if key.startswith("c") else 1,
                    toc=False,
                )
            )
            if not chain.levels:
                out.append(self.empty("No levels defined for this severity yet."))
                continue
            loops = int(chain.chain.repeat_loops or 0)
            if loops:
                out.append(
                    self.p(
                        "If nobody responds at the last level, the chain starts again from level 1 "
                        f"(up to {loops} more time{'s' if loops != 1 else ''}).",
                        "muted",
                    )
                )
            rows: list[list[object]] = []
            for number, level in enumerate(chain.levels, start=1):
                lv = level.level
                names = [self._target_label(t) for t in level.targets]
                shown = names[:12] + ([f"and {len(names) - 12} more"] if len(names) > 12 else [])
                lines = [
                    f"respond within {_hours(lv.response_minutes)}" if lv.response_minutes else "",
                    str(lv.note or ""),
                ]
                out.append(
                    LadderStep(
                        Box(f"Level {number}", (f"after {_hours(lv.delay_minutes)}",)),
                        Box(join(*shown, sep=", ") or "nobody named", tuple(lines)),
                        accent=self.accent,
                        styles=(s["badge"], s["box_title"], s["box_body"]),
                        arrow=number > 1,
                    )
                )
                rows.extend(self._target_rows(number, level.targets))
            out.append(Spacer(1, 3 * mm))
            if rows:
                out.append(
                    self.table(
                        ["Level", "Who", "Phone", "Email", "Time zone", "Deputy"],
                        rows,
                        [0.7, 2.2, 1.7, 2.4, 1.5, 1.7],
                    )
                )
        return out

    def _target_label(self, target: Any) -> str:
        if target.person_id is not None:
            person = self.plan.people.get(target.person_id)
            name = self.name(person_id=target.person_id)
            phone = f"({person.phone})" if person is not None and person.phone else ""
            return join(name, phone, sep=" ")
        team = self.plan.teams.get(target.team_id)
        phone = f", {team.phone}" if team is not None and team.phone else ""
        return join(self.name(team_id=target.team_id), " (team)", phone)

    def named_people(self, system: SystemPlan) -> tuple[list[str], list[str]]:
        """Ids of every person and team named anywhere in a system's pack."""
        people: set[str] = set()
        teams: set[str] = set()

        def person(pid: str | None) -> None:
            if pid is not None and pid in self.plan.people:
                people.add(pid)

        for d in system.data_sources:
            person(d.owner_id)
        for row in (
            *system.raci,
            *(t for c in system.chains for lv in c.levels for t in lv.targets),
        ):
            person(row.person_id)
            if row.team_id is not None:
                teams.add(row.team_id)
        for t in system.support_tiers:
            if t.team_id is not None:
                teams.add(t.team_id)
        for doc in system.documents:
            person(doc.owner_id)
        if system.retraining is not None:
            person(system.retraining.owner_id)
            person(system.retraining.approver_id)
        for sig in system.signals:
            person(sig.alert_person_id)
            person(sig.owner_id)
            if sig.alert_team_id is not None:
                teams.add(sig.alert_team_id)
        for row in (*system.controls, *system.criteria, *system.actions):
            person(row.owner_id)
        for sign in system.sign_offs:
            person(sign.person_id)
        for pid in list(people):
            person(self.plan.people[pid].deputy_id)
        teams = {t for t in teams if t in self.plan.teams}
        by_name = self.plan.people
        return (
            sorted(people, key=lambda i: (str(by_name[i].name).casefold(), i)),
            sorted(teams, key=lambda i: (str(self.plan.teams[i].name).casefold(), i)),
        )

    def _contacts(self, system: SystemPlan, _key: str) -> list[Flowable]:
        people, teams = self.named_people(system)
        if not people and not teams:
            return [self.empty("Nobody is named in this plan yet.")]
        out: list[Flowable] = []
        if people:
            rows = []
            for pid in people:
                p = self.plan.people[pid]
                rows.append(
                    [
                        p.name + ("" if p.active else " (inactive)"),
                        p.title,
                        self.name(team_id=p.team_id) if p.team_id else "",
                        p.email,
                        p.phone,
                        p.timezone,
                        self.name(person_id=p.deputy_id) if p.deputy_id else "",
                    ]
                )
            out.append(Para("People", self._styles["h3"]))
            out.append(
                self.table(
                    ["Name", "Title", "Team", "Email", "Phone", "Time zone", "Deputy"],
                    rows,
                    [1.6, 1.2, 1.3, 2.2, 1.5, 1.8, 1.4],
                )
            )
        if teams:
            rows = [
                [t.name, t.email, t.phone, t.description]
                for t in (self.plan.teams[i] for i in teams)
            ]
            out.append(Para("Teams", self._styles["h3"]))
            out.append(
                self.table(["Team", "Email", "Phone", "Description"], rows, [2, 2.2, 1.6, 3.6])
            )
        return out

    def _documents(self, system: SystemPlan, _key: str) -> list[Flowable]:
        if not system.documents:
            return [self.empty()]
        rows = []
        flagged = 0
        docs = sorted(system.documents, key=lambda d: (_label(d.doc_type), str(d.title)))
        for d in docs:
            due = ""
            late = False
            if d.review_interval_days and d.last_reviewed:
                next_due = d.last_reviewed + dt.timedelta(days=int(d.review_interval_days))
                late = next_due < self.date
                due = next_due.isoformat() + (" OVERDUE" if late else "")
            elif d.review_interval_days:
                due, late = "never reviewed", True
            missing = d.status == DocumentStatus.MISSING
            flagged += late or missing
            rows.append(
                [
                    _label(d.doc_type),
                    d.title,
                    self.name(person_id=d.owner_id) or "no owner",
                    self.link(str(d.location)) if d.location else "not recorded",
                    self.p("MISSING", "late") if missing else _label(d.status),
                    _date(d.last_reviewed) or "–",
                    self.p(due, "late") if late else due or "–",
                ]
            )
        out: list[Flowable] = []
        if flagged:
            out.append(
                self.p(
                    f"{count_of(flagged, 'document')} missing, never reviewed or overdue for "
                    f"review on {self.date.isoformat()} (marked in red).",
                )
            )
        out.append(
            self.table(
                [
                    "Type",
                    "Title",
                    "Owner",
                    "Location",
                    "Status",
                    "Last reviewed",
                    "Next review due",
                ],
                rows,
                [1.2, 2.0, 1.2, 2.0, 0.9, 1.3, 1.4],
            )
        )
        return out

    def _operations(self, system: SystemPlan, _key: str) -> list[Flowable]:
        out: list[Flowable] = [Para("Retraining", self._styles["h2"])]
        r = system.retraining
        if r is None:
            out.append(self.empty())
        else:
            out.append(
                self.fields(
                    [
                        ("Owner", self.name(person_id=r.owner_id) or "not named"),
                        ("Approver", self.name(person_id=r.approver_id) or "not named"),
                        ("Cadence", r.cadence or "not set"),
                        (
                            "Triggers",
                            ", ".join(_label(self._enum_trigger(t)) for t in (r.triggers or []))
                            or "none",
                        ),
                        ("Last retrained", _date(r.last_retrained) or "never"),
                        ("Validation steps", r.validation_steps or NOT_DEFINED),
                        ("Rollback plan", r.rollback_plan or NOT_DEFINED),
                    ]
                )
            )
        out.append(Para("Monitoring and alert routing", self._styles["h2"]))
        if not system.signals:
            out.append(self.empty())
        else:
            rows = []
            for sig in system.signals:
                routed = [
                    self.name(person_id=sig.alert_person_id) if sig.alert_person_id else "",
                    join(self.name(team_id=sig.alert_team_id), " (team)")
                    if sig.alert_team_id
                    else "",
                ]
                rows.append(
                    [
                        _label(sig.kind),
                        sig.metric,
                        sig.threshold,
                        sig.alert_channel,
                        join(*routed, sep=", ") or "nobody",
                        self.name(person_id=sig.owner_id),
                        sig.review_cadence,
                    ]
                )
            out.append(
                self.table(
                    [
                        "Signal",
                        "Metric",
                        "Threshold",
                        "Alert channel",
                        "Alerts go to",
                        "Owner",
                        "Review",
                    ],
                    rows,
                    [1.2, 1.8, 1.4, 1.5, 1.6, 1.3, 1.1],
                )
            )
        out.append(Para("Human review rules", self._styles["h2"]))
        if not system.review_rules:
            out.append(self.empty())
        else:
            rows = [
                [
                    h.outputs,
                    h.reviewer_role,
                    h.trigger,
                    "" if h.sampling_percent is None else f"{h.sampling_percent:g}%",
                    "Yes" if h.influences_decisions else "No",
                    "Yes" if h.regulated else "No",
                ]
                for h in system.review_rules
            ]
            out.append(
                self.table(
                    [
                        "Outputs reviewed",
                        "Reviewer",
                        "Trigger",
                        "Sample",
                        "Influences decisions",
                        "Regulated",
                    ],
                    rows,
                    [2.4, 1.5, 2.4, 0.9, 1.2, 1.0],
                )
            )
        out.append(Para("Governance controls", self._styles["h2"]))
        if not system.controls:
            out.append(self.empty())
        else:
            rows = [
                [
                    _label(c.kind),
                    c.description,
                    self.name(person_id=c.owner_id) or "no owner",
                    _label(c.status),
                    c.evidence,
                ]
                for c in system.controls
            ]
            out.append(
                self.table(
                    ["Control", "Description", "Owner", "Status", "Evidence"],
                    rows,
                    [1.5, 3.0, 1.4, 1.0, 2.6],
                )
            )
        return out

    @staticmethod
    def _enum_trigger(value: object) -> object:
        from planner.domain.enums import RetrainingTrigger

        try:
            return RetrainingTrigger(str(value))
        except ValueError:
            return value

    def _baselines(self, system: SystemPlan, _key: str) -> list[Flowable]:
        out: list[Flowable] = [Para("Baselines and targets", self._styles["h2"])]
        if not system.baselines:
            out.append(self.empty())
        else:
            rows = [
                [
                    b.metric,
                    b.unit,
                    _number(b.baseline_value),
                    _number(b.target_value),
                    _number(b.current_value),
                ]
                for b in system.baselines
            ]
            out.append(
                self.table(
                    ["Metric", "Unit", "Baseline", "Target", "Current"],
                    rows,
                    [3.4, 1.2, 1.2, 1.2, 1.2],
                )
            )
        out.append(Para("Readiness criteria", self._styles["h2"]))
        if not system.criteria:
            out.append(self.empty())
        else:
            rows = [
                [
                    _label(c.area),
                    _label(c.status),
                    self.name(person_id=c.owner_id) or "no owner",
                    c.evidence or "no evidence recorded",
                ]
                for c in system.criteria
            ]
            out.append(
                self.table(["Area", "Status", "Owner", "Evidence"], rows, [1.8, 1.2, 1.5, 4.5])
            )
        return out

    def _actions(self, system: SystemPlan, _key: str) -> list[Flowable]:
        open_items = [a for a in system.actions if str(a.status) == ActionStatus.OPEN.value]
        if not open_items:
            return [self.empty("No open action items.")]
        open_items.sort(key=lambda a: (a.due is None, a.due or dt.date.min, str(a.text)))
        rows = []
        for a in open_items:
            late = a.due is not None and a.due < self.date
            rows.append(
                [
                    a.text,
                    self.name(person_id=a.owner_id) or "no owner",
                    (_date(a.due) + (" OVERDUE" if late else "")) if a.due else "no date",
                ]
            )
        return [self.table(["Action", "Owner", "Due"], rows, [5.5, 2, 1.5])]

    def _signoff(self, system: SystemPlan, _key: str) -> list[Flowable]:
        state, digest = self._signoff_state(system)
        out: list[Flowable] = [self.fields([("State", state), ("Content hash", digest)])]
        out.append(Para("Recorded sign-offs", self._styles["h2"]))
        if system.sign_offs:
            rows = [
                [
                    _label(SignOffRole(str(s.role))),
                    self.name(person_id=s.person_id),
                    _date(s.signed_on),
                    s.comment,
                ]
                for s in system.sign_offs
            ]
            out.append(self.table(["Role", "Name", "Signed on", "Comment"], rows, [1.8, 2, 1.2, 4]))
        else:
            out.append(self.empty("No sign-offs recorded yet."))
        recorded = {str(s.role) for s in system.sign_offs}
        required = [SignOffRole(r) for r in (self.plan.info.required_signoff_roles or [])]
        missing = [r for r in required if r.value not in recorded]
        if missing:
            out.append(Para("Still to sign", self._styles["h2"]))
            out.append(
                self.p(
                    "By signing, I confirm that the operating model described in this pack "
                    f"(plan version #{self.plan.audit_seq}) is agreed for {system.name}.",
                    "muted",
                )
            )
            for role in missing:
                out.append(KeepTogether([self._signature_block(role.label)]))
        return out

    def _signature_block(self, role: str) -> Flowable:
        label = self._styles["cell"]
        data = [
            [Para(f"<b>{markup(role)}</b>", label), "", "", ""],
            [Para("Name", label), "", Para("Date", label), ""],
            [Para("Signature", label), "", "", ""],
        ]
        w = self.width
        return Table(
            data,
            colWidths=[w * 0.18, w * 0.42, w * 0.1, w * 0.3],
            rowHeights=[16, 26, 30],
            hAlign="LEFT",
            style=TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                    ("SPAN", (0, 0), (-1, 0)),
                    ("BACKGROUND", (0, 0), (-1, 0), self.accent_light),
                    ("LINEBELOW", (1, 1), (1, 1), 0.6, colors.black),
                    ("LINEBELOW", (3, 1), (3, 1), 0.6, colors.black),
                    ("SPAN", (1, 2), (3, 2)),
                    ("LINEBELOW", (1, 2), (3, 2), 0.6, colors.black),
                    ("VALIGN", (0, 1), (-1, -1), "BOTTOM"),
                    ("BOX", (0, 0), (-1, -1), 0.4, colors.HexColor("#C8C8C8")),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ]
            ),
            spaceAfter=4 * mm,
        )

    # --- on-call card -------------------------------------------------------------------

    def _oncall_card(self, system: SystemPlan) -> list[Flowable]:
        row = system.system
        s = self._styles
        out: list[Flowable] = [
            self.p(
                f"Hours of operation: {_label(row.hours_required)} · "
                f"risk tier {_label(row.risk_tier)} · {_label(row.stage)} · "
                f"as of {self.date.isoformat()} (plan #{self.plan.audit_seq})",
                "muted",
            )
        ]
        runbooks = [d for d in system.documents if d.doc_type == DocumentType.RUNBOOK]
        out.append(Para("Runbook", s["h3"]))
        if runbooks:
            for d in runbooks:
                out.append(
                    self.fields(
                        [
                            (
                                str(d.title),
                                self.link(str(d.location))
                                if d.location
                                else "location not recorded",
                            )
                        ],
                        label_width=0.35,
                    )
                )
        else:
            out.append(self.empty("No runbook recorded."))
        out.append(Para("Support path", s["h3"]))
        if system.support_tiers:
            rows = [
                [r[0], r[1], ": ".join(str(x) for x in (r[2], r[3]) if x), r[4], r[6]]
                for r in self._tier_rows(system)
            ]
            out.append(
                self.table(
                    ["Tier", "Team", "Channel", "Hours", "Respond within"],
                    rows,
                    [0.8, 2.2, 3.6, 1.4, 1.2],
                )
            )
        else:
            out.append(self.empty())
        out.append(Para("Escalation", s["h3"]))
        chains = self._chains(system)
        if not chains:
            out.append(self.empty())
        for chain in chains:
            rows = []
            for number, level in enumerate(chain.levels, start=1):
                lv = level.level
                rows.append(
                    [
                        f"{number} · after {_hours(lv.delay_minutes)}",
                        join(*(self._target_label(t) for t in level.targets), sep="; ")
                        or "nobody named",
                        _hours(lv.response_minutes),
                        lv.note,
                    ]
                )
            if not rows:
                rows = [["–", "no levels defined", "", ""]]
            out.append(
                self.table(
                    [chain.chain.severity.label, "Call", "Respond within", "Note"],
                    rows,
                    [1.5, 3.5, 1.1, 3.1],
                )
            )
            out.append(Spacer(1, 2 * mm))
        out.append(Para("Contacts", s["h3"]))
        ids: list[str] = []
        for chain in chains:
            for level in chain.levels:
                for t in level.targets:
                    if (
                        t.person_id is not None
                        and t.person_id not in ids
                        and t.person_id in self.plan.people
                    ):
                        ids.append(t.person_id)
        for pid in list(ids):
            deputy = self.plan.people[pid].deputy_id
            if deputy is not None and deputy not in ids and deputy in self.plan.people:
                ids.append(deputy)
        if ids:
            people = sorted(
                (self.plan.people[i] for i in ids), key=lambda p: str(p.name).casefold()
            )
            rows = [
                [
                    p.name,
                    p.phone,
                    p.email,
                    p.timezone,
                    self.name(person_id=p.deputy_id) if p.deputy_id else "",
                ]
                for p in people
            ]
            out.append(
                self.table(
                    ["Name", "Phone", "Email", "Time zone", "Deputy"],
                    rows,
                    [1.9, 1.6, 2.5, 1.9, 1.5],
                )
            )
        else:
            out.append(self.empty("Nobody named in the escalation chains."))
        return out


def audit_summary(before: str | None, after: str | None) -> str:
    """A few words naming what an audit event touched (its name, title or changed fields)."""
    values: dict[str, Any] = {}
    for raw in (after, before):
        if not raw:
            continue
        try:
            loaded = json.loads(raw)
        except ValueError:
            continue
        if isinstance(loaded, dict):
            values = loaded
            break
    for field in ("name", "title", "text", "metric", "outputs"):
        if isinstance(values.get(field), str):
            return f"'{values[field][:80]}'"
    changed = [k for k in values if k not in ("id", "created_at", "updated_at", "system_id")]
    return f"({', '.join(sorted(changed)[:5])})" if changed and len(changed) <= 5 else ""
