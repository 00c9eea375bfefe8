"""On-call cards: one card per system with what whoever is on call needs at 3 a.m."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer

from planner.domain.enums import DocumentType
from planner.export.pdf.document import PdfDocument
from planner.export.pdf.fonts import join
from planner.export.pdf.kit import Kit
from planner.export.pdf.layout import Para, Progress, SetContext, duration, label_of
from planner.export.pdf.people import chains, target_label, tier_rows
from planner.store.snapshot import SystemPlan


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
            story.append(SetContext(self, system.name))
            story.append(
                self.kit.heading(
                    f"On call: {system.name}", f"o{index}", outline=system.name, toc=False
                )
            )
            story.extend(card_story(self.kit, system))
        return story


def card_story(kit: Kit, system: SystemPlan) -> list[Flowable]:
    """The card of one system, top to bottom."""
    row = system.system
    out: list[Flowable] = [
        kit.p(
            f"Hours of operation: {label_of(row.hours_required)} · "
            f"risk tier {label_of(row.risk_tier)} · {label_of(row.stage)} · "
            f"as of {kit.date.isoformat()} (plan #{kit.plan.audit_seq})",
            "muted",
        )
    ]
    for title, part in (
        ("Runbook", _runbooks),
        ("Support path", _support),
        ("Escalation", _escalation),
        ("Contacts", _contacts),
    ):
        out.append(Para(title, kit.styles["h3"]))
        out.extend(part(kit, system))
    return out


def _runbooks(kit: Kit, system: SystemPlan) -> list[Flowable]:
    runbooks = [d for d in system.documents if d.doc_type == DocumentType.RUNBOOK]
    if not runbooks:
        return [kit.empty("No runbook recorded.")]
    return [
        kit.fields(
            [
                (
                    str(d.title),
                    kit.link(str(d.location)) if d.location else "location not recorded",
                )
            ],
            label_width=0.35,
        )
        for d in runbooks
    ]


def _support(kit: Kit, system: SystemPlan) -> list[Flowable]:
    if not system.support_tiers:
        return [kit.empty()]
    rows = [
        [r[0], r[1], ": ".join(str(x) for x in (r[2], r[3]) if x), r[4], r[6]]
        for r in tier_rows(kit, system)
    ]
    header = ["Tier", "Team", "Channel", "Hours", "Respond within"]
    return [kit.table(header, rows, [0.8, 2.2, 3.6, 1.4, 1.2])]


def _escalation(kit: Kit, system: SystemPlan) -> list[Flowable]:
    ordered = chains(system)
    if not ordered:
        return [kit.empty()]
    out: list[Flowable] = []
    for chain in ordered:
        rows: list[list[object]] = []
        for number, level in enumerate(chain.levels, start=1):
            lv = level.level
            rows.append(
                [
                    f"{number} · after {duration(lv.delay_minutes)}",
                    join(*(target_label(kit, t) for t in level.targets), sep="; ")
                    or "nobody named",
                    duration(lv.response_minutes),
                    lv.note,
                ]
            )
        if not rows:
            rows = [["–", "no levels defined", "", ""]]
        header = [chain.chain.severity.label, "Call", "Respond within", "Note"]
        out.append(kit.table(header, rows, [1.5, 3.5, 1.1, 3.1]))
        out.append(Spacer(1, 2 * mm))
    return out


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
            p.phone,
            p.email,
            p.timezone,
            kit.name(person_id=p.deputy_id) if p.deputy_id else "",
        ]
        for p in people
    ]
    header = ["Name", "Phone", "Email", "Time zone", "Deputy"]
    return [kit.table(header, rows, [1.9, 1.6, 2.5, 1.9, 1.5])]
