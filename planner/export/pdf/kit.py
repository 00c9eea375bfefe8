"""What every part of a PDF is built from: the export's inputs and its building blocks.

A ``Kit`` is made once per export and never changes while the document is laid out; the
per-build state (page numbers of headings, header context) lives on the document.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from planner.domain.plan import Plan, SystemPlan
from planner.domain.plan_hash import plan_hash
from planner.domain.wording import UNNAMED_ACTOR
from planner.export.pdf.audit import AuditLine
from planner.export.pdf.columns import fit_columns
from planner.export.pdf.fonts import (
    MAX_FIELD_CHARS,
    REGULAR,
    Markup,
    break_identifiers,
    clip,
    fits_plain,
    join,
    markup,
    plain,
    right_to_left,
)
from planner.export.pdf.layout import (
    CELL_CHARS,
    FRAME_HEIGHT,
    FRAME_WIDTH,
    LINK_SCHEMES,
    NOT_DEFINED,
    Heading,
    Mark,
    Para,
    load_logo,
)
from planner.export.pdf.styles import Styles, right_aligned, stylesheet

if TYPE_CHECKING:
    from planner.analysis.engine import Analysis, SystemResult

_EMAIL = re.compile(r"[^\s@<>\"]+@[^\s@<>\"]+\.[^\s@<>\"]+")
# International (+44 20 7946 0039) or national with a trunk 0 (030 1234 5678); not a date,
# a score or a version number.
_PHONE = re.compile(r"(\+|0)\d[\d ()-]{5,}\d")
# Cell text is 8 pt between 3 pt paddings.
CELL_POINTS = 8.0
CELL_PADDING = 6.0
GRID = colors.HexColor("#C8C8C8")
RULE = colors.HexColor("#DDDDDD")


def _lighten(colour: colors.Color, amount: float = 0.12) -> colors.Color:
    return colors.Color(
        1 - (1 - colour.red) * amount,
        1 - (1 - colour.green) * amount,
        1 - (1 - colour.blue) * amount,
    )


class KeptRows(Table):  # type: ignore[misc]  # reportlab is untyped
    """A table that leaves no row alone at the foot or the top of a page.

    A lone row (an escalation level at a page foot, the last contact on a page of its
    own) reads as if the rest were missing. A split that would leave one behind moves
    the table on; one that would carry one over carries two. At the top of a page any
    split is taken, so a table taller than a page still flows.
    """

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        parts: list[Flowable] = super().split(avail_width, avail_height)
        if len(parts) != 2 or avail_height >= FRAME_HEIGHT - 1:
            return parts
        head = int(self.repeatRows or 0)
        kept = len(parts[0]._cellvalues) - head
        carried = len(parts[1]._cellvalues) - head
        if kept < 2:
            return []
        if carried < 2 and kept >= 3:
            last = float(self._rowHeights[len(parts[0]._cellvalues) - 1])
            return self.split(avail_width, avail_height - last)
        return parts


class Location(str):
    """A document's location: printed as a link when it is a web, mail or file address."""

    __slots__ = ()


# An auditor reads "unknown" as a gap in the record; the cover says how to close it.
EXPORTED_BY_NOT_SET = "not set (your name in Preferences, or export pdf --by NAME)"


class Kit:
    """The plan, the export's date, author, analysis and audit trail, and the blocks."""

    @property
    def exported_by(self) -> str:
        """Who exported the PDF for its cover, or how to give a name when none was given."""
        return self.actor or EXPORTED_BY_NOT_SET

    def __init__(
        self,
        plan: Plan,
        *,
        date: dt.date,
        actor: str,
        analysis: Analysis | None = None,
        audit: Mapping[str, Sequence[AuditLine]] | None = None,
        chain_head: str | None = None,
    ) -> None:
        self.plan = plan
        self.date = date
        # The app's stand-in for "no name set" is not a name to print.
        self.actor = "" if actor.strip() == UNNAMED_ACTOR else actor.strip()
        self.analysis = analysis
        self.audit = dict(audit or {})
        self.chain_head = chain_head
        info = plan.info
        self.organisation = str(info.organisation or "")
        self.accent = colors.HexColor(str(info.accent_colour or "#1F5FAD"))
        self.accent_light = _lighten(self.accent)
        self.accent_hex = self.accent.hexval().replace("0x", "#")
        self.logo = load_logo(info.logo, info.logo_format)
        self.width = FRAME_WIDTH
        self.styles: Styles = stylesheet(self.accent)
        self._hashes: dict[str, str] = {}

    # --- inputs -----------------------------------------------------------------------

    def result(self, system_id: str) -> SystemResult | None:
        """The analysis of one system; None when not analysed (retired, or no analysis)."""
        return self.analysis.systems.get(system_id) if self.analysis is not None else None

    def content_hash(self, system: SystemPlan) -> str:
        """The system's plan hash, computed once an export: the cover, the sign-off page
        and every page footer print it, and hashing reads the system's whole plan."""
        digest = self._hashes.get(system.id)
        if digest is None:
            digest = self._hashes[system.id] = plan_hash(self.plan, system)
        return digest

    def name(self, person_id: str | None = None, team_id: str | None = None) -> str:
        return self.plan.name_of(person_id=person_id, team_id=team_id)

    def assignee(self, row: Any) -> str:
        if row.person_id is not None:
            return self.name(person_id=row.person_id)
        return join(self.name(team_id=row.team_id), " (team)")

    # --- text -------------------------------------------------------------------------

    def style(self, name: str, text: object = None) -> ParagraphStyle:
        """A named style, aligned right when ``text`` starts in a right-to-left script."""
        if text is not None and right_to_left(text):
            key = f"{name}_rtl"
            if key not in self.styles:
                self.styles[key] = right_aligned(self.styles[name])
            return self.styles[key]
        return self.styles[name]

    def p(self, text: object, style: str = "body", limit: int | None = None) -> Paragraph:
        """A Paragraph of user text (always escaped); an address longer than a line breaks
        only after ``/ . @ -``."""
        chosen = self.style(style, text)
        if text is None or isinstance(text, Markup):
            return Para(markup(text, limit or MAX_FIELD_CHARS), chosen)
        value = clip(str(text), limit or MAX_FIELD_CHARS)  # says how much was left out
        room = self.width - chosen.leftIndent - chosen.rightIndent - 2 * CELL_PADDING
        value = break_identifiers(value, room, size=chosen.fontSize)
        return Para(markup(value, len(value)), chosen)

    def heading(
        self,
        text: str,
        key: str,
        *,
        style: str = "h1",
        level: int = 0,
        toc: bool = True,
        outline: str | None = None,
    ) -> Heading:
        head = Heading(markup(text, 300), self.styles[style])
        head.mark = Mark(key, (outline or text)[:300], level, toc)
        return head

    def empty(self, what: str = NOT_DEFINED) -> Paragraph:
        return Para(markup(what), self.styles["muted"])

    def cell(self, value: object, *, style: str = "cell", width: float | None = None) -> Any:
        """A table cell: a Paragraph, or a plain string when it surely fits on one line.

        Most cells (RACI letters, dates, levels, time zones) are short; a plain string
        skips parsing and line breaking, which is most of the cost of a long table.
        ``width`` is the column's: long addresses are broken to it only after ``/ . @ -``.
        """
        if isinstance(value, Flowable):
            return value
        room = None if width is None else width - CELL_PADDING
        if isinstance(value, Location):
            return self.link(value, width=room)
        text = "" if value is None else value
        if isinstance(text, str) and not isinstance(text, Markup):
            contact = self._contact_link(text, room)
            if contact is not None:
                return contact
        if room is not None and not isinstance(text, Markup):
            short = fits_plain(str(text), room, size=CELL_POINTS)
            if short is not None:
                return short
            text = self._breakable(str(text), room)
        return Para(markup(text, CELL_CHARS), self.style(style, text))

    @staticmethod
    def _breakable(text: str, room: float | None) -> str:
        """Cell text with long identifiers cut after a separator to fit ``room`` points."""
        if room is None:
            return text
        return break_identifiers(text[:CELL_CHARS], room, size=CELL_POINTS)

    def _contact_link(self, text: str, room: float | None = None) -> Paragraph | None:
        """An e-mail address or phone number alone in a cell, as a mailto: or tel: link."""
        value = text.strip()
        if len(value) > 200:
            return None
        if _EMAIL.fullmatch(value):
            href = f"mailto:{value}"
        elif _PHONE.fullmatch(value):
            href = "tel:" + "".join(ch for ch in value if ch.isdigit() or ch == "+")
        else:
            return None
        label = markup(self._breakable(value, room), 200)
        target = escape(href, {'"': "&quot;"})
        return Para(
            f'<a href="{target}" color="{self.accent_hex}">{label}</a>', self.styles["cell"]
        )

    def link(self, location: str, *, width: float | None = None) -> Paragraph:
        """A document location: clickable when it is a web, mail or file address."""
        return Para(self.link_markup(location, width=width), self.styles["cell"])

    def link_markup(self, location: str, *, width: float | None = None) -> Markup:
        """A location as markup: a link when it is a web, mail or file address."""
        text = markup(self._breakable(location, width), CELL_CHARS)
        lowered = location.strip().casefold()
        if location and lowered.startswith(LINK_SCHEMES) and len(location) <= 2048:
            href = plain(location.strip(), 2048).replace("&", "&amp;").replace('"', "&quot;")
            href = href.replace("<", "&lt;").replace(">", "&gt;")
            text = f'<a href="{href}" color="{self.accent_hex}"><u>{text}</u></a>'
        return Markup(text)

    # --- tables -----------------------------------------------------------------------

    def table(
        self,
        header: Sequence[str],
        rows: Iterable[Sequence[object]],
        widths: Sequence[float],
        *,
        extra_style: Sequence[tuple[Any, ...]] = (),
        col_widths: Sequence[float] | None = None,
    ) -> Flowable:
        """A table with a repeated header row, wrapping cells and rows allowed to split.

        Columns are sized from the content by ``widths`` as weights, unless ``col_widths``
        gives them (tables that must line up with one another).
        """
        rows = [list(row) for row in rows]
        if col_widths is None:
            col_widths = fit_columns(header, rows, widths, self.width)
        data: list[list[Flowable]] = [[Para(markup(h), self.styles["head"]) for h in header]]
        data.extend(
            [self.cell(v, width=w) for v, w in zip(row, col_widths, strict=True)] for row in rows
        )
        style = [
            ("BACKGROUND", (0, 0), (-1, 0), self.accent),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("FONTNAME", (0, 0), (-1, -1), REGULAR),
            ("FONTSIZE", (0, 0), (-1, -1), 8),
            ("LEADING", (0, 0), (-1, -1), 10),
            ("GRID", (0, 0), (-1, -1), 0.4, GRID),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
        if len(data) > 2:
            style.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, self.accent_light]))
        style.extend(extra_style)
        return KeptRows(
            data,
            colWidths=col_widths,
            repeatRows=1,
            splitInRow=1,
            style=TableStyle(style),
            hAlign="LEFT",
        )

    def fields(self, pairs: Sequence[tuple[str, object]], *, label_width: float = 0.28) -> Flowable:
        """A two-column label/value table."""
        widths = [self.width * label_width, self.width * (1 - label_width)]
        # This table pads 4 pt left and reportlab's default 6 pt right.
        room = widths[1] - 4.0
        data = [
            [Para(f"<b>{markup(label)}</b>", self.styles["cell"]), self.cell(value, width=room)]
            for label, value in pairs
        ]
        return Table(
            data,
            colWidths=widths,
            splitInRow=1,
            hAlign="LEFT",
            style=TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                    ("FONTSIZE", (0, 0), (-1, -1), CELL_POINTS),
                    ("LEADING", (0, 0), (-1, -1), 10),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
                    ("BACKGROUND", (0, 0), (0, -1), self.accent_light),
                    ("LEFTPADDING", (0, 0), (-1, -1), 4),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ]
            ),
        )
