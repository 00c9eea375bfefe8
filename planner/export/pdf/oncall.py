"""On-call cards: one card per system with what whoever is on call needs at 3 a.m."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Spacer,
    Table,
    TableStyle,
)

from planner.analysis.policy import Level
from planner.domain.enums import ChannelKind, DocumentType, LifecycleStage, SupportLevel
from planner.domain.plan import SystemPlan
from planner.domain.wording import in_running_text, listed
from planner.export.pdf.columns import fit_columns, needed_width
from planner.export.pdf.document import PdfDocument
from planner.export.pdf.fonts import join, markup
from planner.export.pdf.kit import Kit
from planner.export.pdf.layout import (
    FRAME_HEIGHT,
    Deferred,
    Para,
    Progress,
    SetContext,
    duration,
    is_short,
    keep_if_short,
    label_of,
)
from planner.export.pdf.people import chains, target_label, tier_rows
from planner.export.pdf.reader_facts import (
    dashboards,
    deputy_text,
    hours_text,
    moves_up,
    severities_of,
    severity_table,
    system_hours_text,
    team_contacts,
)
from planner.export.pdf.styles import ALARM


class OncallCards(PdfDocument):
    """One page per system: runbook, support path, escalation and contacts."""

    label = "On-call card"
    has_cover = False
    # A card too long for one page flows on, never shrinks: 3 a.m. is no time for 2 pt text.
    marks_continued = True

    def __init__(
        self, kit: Kit, systems: Sequence[SystemPlan], progress: Progress | None = None
    ) -> None:
        super().__init__(kit, progress)
        self.systems = list(systems)

    def metadata(self) -> tuple[str, str, Sequence[str]]:
        systems = self.systems
        title = "On-call cards" if len(systems) != 1 else f"On-call card: {systems[0].name}"
        return (
            title,
            "Support path, escalation chains and contacts for whoever is on call",
            ["on-call", "escalation", self.kit.organisation, *(s.name for s in systems[:20])],
        )

    def story(self) -> list[Flowable]:
        story: list[Flowable] = []
        for index, system in enumerate(self.systems, start=1):
            if index > 1:
                story.append(PageBreak())
            story.append(SetContext(self, system.name, system.id))
            # Built when the layout reaches it: memory stays flat however many cards.
            story.append(Deferred(partial(self._card, system, index)))
        return story

    def _card(self, system: SystemPlan, index: int) -> list[Flowable]:
        out: list[Flowable] = [
            self.kit.heading(
                f"On call: {system.name}",
                f"o{index}",
                style="card_title",
                outline=system.name,
                toc=False,
            )
        ]
        gaps = reach_gaps(self.kit, system)
        if gaps:
            out.append(not_ready_band(self.kit, gaps))
        return out + card_story(self.kit, system)


# Findings on these editor pages are about whether the people on call can be reached.
REACH_PAGES = frozenset({"support", "escalation"})
PHONE_CHANNELS = frozenset({ChannelKind.PHONE, ChannelKind.PAGER})
# Real users depend on these stages: switching the AI off must have a written way back.
LIVE_STAGES = frozenset({LifecycleStage.LIMITED_ROLLOUT, LifecycleStage.PRODUCTION})
# Findings the card lists in its own words: ESC-003 (a level naming nobody), per chain.
LISTED_BY_CARD = frozenset({"ESC-003"})
FALLBACK_HEADING = "If the AI must be switched off"
FALLBACK_MISSING = "the fallback procedure (how to switch the AI off and work by hand) is missing"


Ref = tuple[str, str]


def reach_gaps(kit: Kit, system: SystemPlan) -> list[str]:
    """Why the card cannot be trusted to reach someone: the analysis' blockers about
    support and escalation, then what the card sees itself that no finding already names
    (the analysis may be missing, or judge a gap by another rule)."""
    gaps: list[str] = []
    named: set[Ref] = set()
    result = kit.result(system.id)
    if result is not None:
        for finding in result.findings:
            if finding.page not in REACH_PAGES or finding.rule_id in LISTED_BY_CARD:
                continue
            named.update(finding.entities)
            if finding.severity == Level.BLOCKER:
                gaps.append(finding.message)
    gaps += _empty_levels(system)
    gaps += [message for message, ref in _seen_gaps(system) if ref not in named]
    if system.system.stage in LIVE_STAGES and not str(system.system.fallback_procedure).strip():
        gaps.append(FALLBACK_MISSING)
    return list(dict.fromkeys(gaps))


def _seen_gaps(system: SystemPlan) -> list[tuple[str, Ref]]:
    """(what is wrong, the row it is about) for each gap the card can see for itself."""
    gaps: list[tuple[str, Ref]] = []
    for chain in chains(system):
        severity = chain.chain.severity.label
        if not chain.levels:
            gaps.append(
                (f"the {severity} chain has no levels", ("escalation_chain", chain.chain.id))
            )
    for tier in system.support_tiers:
        if tier.channel in PHONE_CHANNELS and not str(tier.address or "").strip():
            message = f"{label_of(tier.level)} {label_of(tier.channel).lower()} has no number"
            gaps.append((message, ("support_tier", tier.id)))
    return gaps + _hours_gap(system)


def _empty_levels(system: SystemPlan) -> list[str]:
    """The levels that name nobody, one entry per chain ("levels 2 to 4 of the SEV1 chain
    name nobody"): listed level by level, a chain of empty levels buried the band's
    other gaps."""
    gaps = []
    for chain in chains(system):
        empty = [n for n, level in enumerate(chain.levels, start=1) if not level.targets]
        if empty:
            levels = "level" if len(empty) == 1 else "levels"
            verb = "names" if len(empty) == 1 else "name"
            severity = chain.chain.severity.value.upper()  # as the findings name it
            where = f"{levels} {numbers_text(empty)} of the {severity} chain"
            gaps.append(f"{where} {verb} nobody")
    return gaps


def numbers_text(numbers: Sequence[int]) -> str:
    """Ascending numbers as running text, runs of three or more as ranges: "1 to 3, 5 and 7"."""
    parts: list[str] = []
    start = 0
    while start < len(numbers):
        end = start
        while end + 1 < len(numbers) and numbers[end + 1] == numbers[end] + 1:
            end += 1
        if end - start >= 2:
            parts.append(f"{numbers[start]} to {numbers[end]}")
        else:
            parts.extend(str(n) for n in numbers[start : end + 1])
        start = end + 1
    return listed(parts)


def _hours_gap(system: SystemPlan) -> list[tuple[str, Ref]]:
    """The first line's hours when they do not cover the hours the system runs."""
    if not system.system.hours_required:
        return []
    required = system.system.hours_required
    first = [t for t in system.support_tiers if t.level == SupportLevel.L1 and t.hours]
    if not first:
        return [("no L1 support tier with hours is recorded", ("system", system.id))]
    best = max(first, key=lambda t: t.hours.rank if t.hours else -1)
    hours = best.hours
    if hours is None or hours.rank >= required.rank:
        return []
    message = f"L1 covers {in_running_text(hours.label)}, the system runs {required.label}"
    return [(message, ("support_tier", best.id))]


def not_ready_band(kit: Kit, gaps: Sequence[str]) -> Flowable:
    """A red band naming what is missing: a word and a sign as well as the colour."""
    text = "⚠ <b>NOT READY:</b> " + markup("; ".join(gaps), 2_000)
    return Table(
        [[Para(text, kit.styles["band"])]],
        colWidths=[kit.width],
        hAlign="LEFT",
        style=TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), ALARM),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        ),
        spaceAfter=3 * mm,
    )


# Denser than a pack's tables: a card is read standing up, and one page is one glance.
SECTION_ROOM = 56.0
CARD_TABLE = (
    ("TOPPADDING", (0, 0), (-1, -1), 1.5),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
)


def card_story(kit: Kit, system: SystemPlan) -> list[Flowable]:
    """The card of one system, most urgent first: who to call, the way to switch the AI
    off, then the support path, the runbook and everyone's details."""
    row = system.system
    out: list[Flowable] = [
        kit.p(
            f"Hours of operation: {system_hours_text(system)} · "
            f"risk tier {label_of(row.risk_tier)} · {label_of(row.stage)} · "
            f"as of {kit.date.isoformat()} (plan #{kit.plan.audit_seq})",
            "muted",
        ),
    ]
    for title, part in CARD_SECTIONS:
        body = part(kit, system)
        if title is None:
            out.extend(body)
            continue
        # Room for the heading, a table's header and two rows, or a new page.
        out.append(CondPageBreak(SECTION_ROOM))
        heading = Para(title, kit.styles["card_section"])
        # A short first part (a support path of three tiers with two-line rows is taller
        # than that room) goes over the page with its heading, never leaving it alone.
        if not body:
            out.append(heading)
        elif isinstance(body[0], KeepTogether):
            out.append(KeepTogether([heading, *body[0]._content]))
            out.extend(body[1:])
        elif is_short(body[:1], kit.width, FRAME_HEIGHT / 3):
            out.append(KeepTogether([heading, body[0]]))
            out.extend(body[1:])
        else:
            out.extend([heading, *body])
    return out


def fallback(kit: Kit, system: SystemPlan) -> list[Flowable]:
    """How to switch the AI off and run the process by hand, boxed so it stands out."""
    text = str(system.system.fallback_procedure).strip()
    body = kit.p(text) if text else kit.p("No fallback procedure recorded.", "late")
    return [
        Spacer(1, 1 * mm),
        Table(
            [[Para(FALLBACK_HEADING, kit.styles["card_h"])], [body]],
            colWidths=[kit.width],
            hAlign="LEFT",
            style=TableStyle(
                [
                    ("BOX", (0, 0), (-1, -1), 1.2, kit.accent),
                    ("BACKGROUND", (0, 0), (-1, -1), kit.accent_light),
                    ("LEFTPADDING", (0, 0), (-1, -1), 6),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                    ("TOPPADDING", (0, 0), (-1, 0), 0),
                    ("TOPPADDING", (0, 1), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, 0), 0),
                    ("BOTTOMPADDING", (0, -1), (-1, -1), 3),
                ]
            ),
            spaceAfter=1 * mm,
        ),
    ]


def _runbooks(kit: Kit, system: SystemPlan) -> list[Flowable]:
    """Each runbook on one line: its title, then where it is (a link when it can be)."""
    runbooks = [d for d in system.documents if d.doc_type == DocumentType.RUNBOOK]
    if not runbooks:
        return [kit.empty("No runbook recorded.")]
    out: list[Flowable] = []
    for d in runbooks:
        where = (
            kit.link_markup(str(d.location), width=kit.width)
            if d.location
            else markup("location not recorded")
        )
        out.append(Para(f"<b>{markup(d.title, 500)}</b>: {where}", kit.style("cell", d.title)))
    return out


def _support(kit: Kit, system: SystemPlan) -> list[Flowable]:
    if not system.support_tiers:
        return [kit.empty()]
    # "Business hours" kept on one line: a wrapped short value costs the row a line.
    rows = [
        [
            r[0],
            r[1],
            _channel(kit, tier),
            hours_text(tier.hours, tier.timezone),
            # As in the pack: an empty cell reads as left out by mistake.
            r[6] or "not set",
            duration(tier.resolution_minutes) or "not set",
        ]
        for r, tier in zip(tier_rows(kit, system), system.support_tiers, strict=True)
    ]
    header = ["Tier", "Team", "Channel", "Hours", f"Respond{NBSP}within", f"Resolve{NBSP}within"]
    table = kit.table(header, rows, [0.6, 1.5, 3.4, 1.8, 1.0, 1.0], extra_style=CARD_TABLE)
    steps = moves_up(kit, system)
    return [table, *([Spacer(1, 1.5 * mm), *steps] if steps else [])]


def _dashboards(kit: Kit, system: SystemPlan) -> list[Flowable]:
    return [dashboards(kit, system)]


def _severities(kit: Kit, system: SystemPlan) -> list[Flowable]:
    return [severity_table(kit, severities_of(system))]


def _channel(kit: Kit, tier: Any) -> object:
    """How to reach a tier; a phone or pager without a number says so, in red."""
    channel = label_of(tier.channel)
    address = str(tier.address or "").strip()
    if not address and tier.channel in PHONE_CHANNELS:
        return kit.p(f"{channel}: no number recorded", "late")
    return ": ".join(x for x in (channel, address) if x)


ESCALATION_WEIGHTS = (1.3, 2.6, 1.0, 4.5)
NBSP = "\u00a0"


def _escalation(kit: Kit, system: SystemPlan) -> list[Flowable]:
    """One table per severity, most severe first, with columns that line up across them.

    Each severity's table is kept whole on a page when it is short, so no level is left
    alone at the top of the next page.
    """
    ordered = chains(system)
    if not ordered:
        return [kit.empty()]
    tables = [(_severity_header(chain), _level_rows(kit, chain)) for chain in ordered]
    every_row = [row for _header, rows in tables for row in rows]
    widest_header = max(
        (header for header, _rows in tables), key=lambda h: needed_width(h[0], bold=True)
    )
    widths = fit_columns(widest_header, every_row, ESCALATION_WEIGHTS, kit.width)
    out: list[Flowable] = []
    for header, rows in tables:
        table = kit.table(
            header, rows, ESCALATION_WEIGHTS, col_widths=widths, extra_style=CARD_TABLE
        )
        out.extend(keep_if_short([table, Spacer(1, 1.5 * mm)], kit.width))
    return out


def _severity_header(chain: Any) -> list[str]:
    """The header row of one severity's table: the severity names the first column."""
    # No-break spaces: a header that wraps costs every severity's table a line.
    label = chain.chain.severity.label.replace(" ", NBSP)
    return [label, "Call", f"Respond{NBSP}within", "Note"]


def _level_rows(kit: Kit, chain: Any) -> list[list[object]]:
    rows: list[list[object]] = []
    for number, level in enumerate(chain.levels, start=1):
        lv = level.level
        rows.append(
            [
                # One piece, never broken: "2 · after 1 d 16 h".
                f"{number} · after {duration(lv.delay_minutes)}".replace(" ", NBSP),
                join(*(target_label(kit, t) for t in level.targets), sep="\n")
                or kit.p("NOBODY NAMED", "late"),
                duration(lv.response_minutes),
                lv.note,
            ]
        )
    return rows or [["–", "no levels defined", "", ""]]


def _contact_ids(kit: Kit, system: SystemPlan) -> list[str]:
    """Everyone named in the chains, then their deputies."""
    people = kit.plan.people
    ids: list[str] = []
    for chain in chains(system):
        for level in chain.levels:
            for t in level.targets:
                if t.person_id is not None and t.person_id not in ids and t.person_id in people:
                    ids.append(t.person_id)
    for pid in list(ids):
        deputy = people[pid].deputy_id
        if deputy is not None and deputy not in ids and deputy in people:
            ids.append(deputy)
    return ids


def _contacts(kit: Kit, system: SystemPlan) -> list[Flowable]:
    ids = _contact_ids(kit, system)
    if not ids:
        return [kit.empty("Nobody named in the escalation chains.")]
    people = sorted((kit.plan.people[i] for i in ids), key=lambda p: str(p.name).casefold())
    rows = [
        [
            p.name,
            p.phone or kit.p("no phone recorded", "late"),
            p.email,
            p.timezone or "not recorded",
            deputy_text(kit, p),
        ]
        for p in people
    ]
    header = ["Name", "Phone", "Email", "Time zone", "Deputy"]
    return [kit.table(header, rows, [1.9, 1.6, 2.5, 1.9, 1.5], extra_style=CARD_TABLE)]


# The card's sections in the order they are read at 3 a.m.; a title of None is untitled.
# Most urgent first. The front of the sheet answers "who do I call, how do I switch it
# off, how bad is this, where do I look"; the back holds the support path and the contacts
# (a card with the plan's full content is one sheet printed on both sides).
CARD_SECTIONS = (
    ("Who to call, in order", _escalation),
    (None, fallback),
    ("What the severities mean", _severities),
    ("Dashboards", _dashboards),
    ("Runbook", _runbooks),
    ("Support path", _support),
    ("Contacts", _contacts),
    ("Teams", team_contacts),
)
