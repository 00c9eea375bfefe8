"""The portfolio pack: a summary of every system, then each system's pack as a chapter."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import partial

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, NextPageTemplate, PageBreak, Spacer

from planner.domain.enums import LifecycleStage, RaciRole, SignOffRole
from planner.domain.plan import SystemPlan
from planner.export.pdf.document import PdfDocument
from planner.export.pdf.fonts import markup
from planner.export.pdf.kit import Kit
from planner.export.pdf.layout import (
    Deferred,
    Heading,
    Mark,
    Para,
    Progress,
    SetContext,
    label_of,
)
from planner.export.pdf.reader_facts import go_live_band
from planner.export.pdf.sections import score_text, system_cover, system_sections


class PortfolioPack(PdfDocument):
    """Every given system: cover, contents, portfolio summary, one chapter per system."""

    label = "Portfolio handover pack"

    def __init__(
        self, kit: Kit, systems: Sequence[SystemPlan], progress: Progress | None = None
    ) -> None:
        super().__init__(kit, progress)
        self.systems = list(systems)
        self.context = "Portfolio"

    def metadata(self) -> tuple[str, str, Sequence[str]]:
        kit = self.kit
        names = [s.name for s in self.systems[:20]]
        return (
            f"Portfolio handover pack: {kit.organisation or 'all systems'}",
            f"Operating model of {len(self.systems)} AI systems after the pilot",
            ["handover pack", "portfolio", kit.organisation, *names],
        )

    def story(self) -> list[Flowable]:
        keys = {system.id: f"c{index}" for index, system in enumerate(self.systems, start=1)}
        toc = [("summary", "Portfolio summary", 0)]
        toc += [(keys[system.id], system.name, 0) for system in self.systems]
        story: list[Flowable] = [
            *self._cover(),
            NextPageTemplate("body"),
            PageBreak(),
            *self.contents(toc, "Contents"),
            PageBreak(),
            SetContext(self, "Portfolio"),
            *self._summary(keys),
        ]
        for system in self.systems:
            story.append(PageBreak())
            story.append(SetContext(self, system.name, system.id))
            # Built when the layout reaches it: memory stays flat however many systems.
            story.append(Deferred(partial(self._chapter, system, keys[system.id])))
        return story

    def _chapter(self, system: SystemPlan, key: str) -> list[Flowable]:
        # A chapter opens with the cover facts and goes straight on: a cover page per
        # system would add 200 near-empty pages to a 200-system portfolio.
        cover = system_cover(
            self.kit,
            system,
            key=key,
            level=0,
            outline=system.name,
            label=self.label,
            band=go_live_band(self.kit, system, self, f"{key}-readiness"),
        )
        return [*cover, *system_sections(self.kit, system, prefix=key).story]

    def _cover(self) -> list[Flowable]:
        kit = self.kit
        head = Heading(markup(kit.organisation or "AI systems"), self.styles["title"])
        head.mark = Mark("cover", "Cover", 0, False)
        pairs: list[tuple[str, object]] = [
            ("Systems", str(len(self.systems))),
            ("Plan version", f"#{kit.plan.audit_seq} (audit sequence number)"),
            ("Export date", kit.date.isoformat()),
            ("Exported by", kit.exported_by),
        ]
        return [
            Spacer(1, 6 * mm),
            head,
            Para("Portfolio handover pack", self.styles["subtitle"]),
            Spacer(1, 8 * mm),
            kit.fields(pairs, label_width=0.3),
        ]

    def _summary(self, keys: dict[str, str]) -> list[Flowable]:
        kit = self.kit
        systems = self.systems
        out: list[Flowable] = [kit.heading("Portfolio summary", "summary")]
        stages = list(LifecycleStage)
        by_stage = Counter(str(s.system.stage) for s in systems)
        out.append(kit.p(f"{len(systems)} systems in this pack.", "muted"))
        stage_rows = [[stage.label, str(by_stage.get(stage.value, 0))] for stage in stages]
        out.append(kit.table(["Lifecycle stage", "Systems"], stage_rows, [3, 1]))
        out.append(Spacer(1, 5 * mm))
        order = {stage.value: i for i, stage in enumerate(stages)}
        ranked = sorted(
            systems, key=lambda s: (order.get(str(s.system.stage), 99), s.name.casefold())
        )
        rows = [self._summary_row(system, keys[system.id]) for system in ranked]
        out.append(
            kit.heading("Systems by stage", "summary-systems", style="h2", level=1, toc=False)
        )
        header = ["System", "Stage", "Score", "Blockers", "Owner", "Risk tier"]
        out.append(kit.table(header, rows, [3.2, 1.6, 1.2, 1, 2.6, 1.2]))
        if kit.analysis is None:
            out.append(kit.p("Readiness scores were not computed for this export.", "muted"))
        return out

    def _summary_row(self, system: SystemPlan, key: str) -> list[object]:
        kit = self.kit
        found = kit.result(system.id)
        link = Para(
            f'<a href="#{key}" color="{kit.accent_hex}">{markup(system.name, 300)}</a>',
            self.styles["cell"],
        )
        return [
            link,
            label_of(system.system.stage),
            score_text(found) if found is not None else "–",
            str(found.blockers) if found is not None else "–",
            owner(kit, system) or "not named",
            label_of(system.system.risk_tier),
        ]


def owner(kit: Kit, system: SystemPlan) -> str:
    """The business owner who signed, else whoever is Accountable most often."""
    for sign in system.sign_offs:
        if sign.role == SignOffRole.BUSINESS_OWNER:
            return kit.name(person_id=sign.person_id)
    counts = Counter(kit.assignee(r) for r in system.raci if r.role == RaciRole.ACCOUNTABLE)
    if not counts:
        return ""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[0][0]
