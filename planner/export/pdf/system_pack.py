"""One system's handover pack: cover, contents, then every section."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable, NextPageTemplate, PageBreak

from planner.domain.plan import SystemPlan
from planner.export.pdf.document import PdfDocument
from planner.export.pdf.kit import Kit
from planner.export.pdf.layout import Progress, SetContext
from planner.export.pdf.reader_facts import go_live_band
from planner.export.pdf.sections import system_cover, system_sections


class SystemPack(PdfDocument):
    """The runbook of one system after the pilot, as handed to the people who run it."""

    label = "Handover pack"

    def __init__(self, kit: Kit, system: SystemPlan, progress: Progress | None = None) -> None:
        super().__init__(kit, progress)
        self.system = system
        self.context = system.name
        self.context_system = system.id

    def metadata(self) -> tuple[str, str, Sequence[str]]:
        name = self.system.name
        return (
            f"Handover pack: {name}",
            f"Operating model for {name} after the pilot",
            ["handover pack", "runbook", name, self.kit.organisation],
        )

    def story(self) -> list[Flowable]:
        system = self.system
        sections = system_sections(self.kit, system, prefix="s1")
        band = go_live_band(self.kit, system, self, "s1-readiness")
        cover = system_cover(
            self.kit, system, key="s1", level=0, outline="Cover", label=self.label, band=band
        )
        return [
            SetContext(self, system.name, system.id),
            *cover,
            NextPageTemplate("body"),
            PageBreak(),
            *self.contents([(k, t, 0) for k, t in sections.titles], "Contents"),
            PageBreak(),
            *sections.story,
        ]
