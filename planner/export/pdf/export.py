"""Public entry for PDF exports: pick the systems, render in memory, write atomically."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from planner.domain.errors import PlannerError
from planner.domain.plan import Plan, SystemPlan
from planner.export.atomic import atomic_write
from planner.export.pdf.audit import AuditLine
from planner.export.pdf.document import PdfDocument
from planner.export.pdf.kit import Kit
from planner.export.pdf.layout import Progress
from planner.export.pdf.oncall import OncallCards
from planner.export.pdf.portfolio import PortfolioPack
from planner.export.pdf.system_pack import SystemPack

if TYPE_CHECKING:
    from planner.analysis.engine import Analysis

KINDS_OF_PACK = ("pack", "portfolio", "oncall")


class PdfExportError(PlannerError):
    """An export the user asked for cannot be made (no such system, wrong kind)."""


@dataclass(frozen=True)
class PdfResult:
    path: Path
    pages: int
    size: int


def select_systems(plan: Plan, names_or_ids: Sequence[str] | None) -> list[SystemPlan]:
    """The systems to export, by name (case-insensitive) or id, in plan order when all."""
    if not names_or_ids:
        return list(plan)
    chosen: list[SystemPlan] = []
    for wanted in names_or_ids:
        system = plan.systems.get(wanted) or plan.system_named(wanted)
        if system is None:
            known = ", ".join(sorted(s.name for s in plan)[:10]) or "none"
            raise PdfExportError(f"no system named {wanted!r} (systems: {known})")
        if system not in chosen:
            chosen.append(system)
    return chosen


def render_pdf(
    plan: Plan,
    *,
    kind: str = "pack",
    systems: Sequence[str] | None = None,
    date: dt.date,
    actor: str,
    analysis: Analysis | None = None,
    audit_events: Mapping[str, Sequence[AuditLine]] | None = None,
    progress: Progress | None = None,
    chain_head: str | None = None,
) -> tuple[bytes, int]:
    """The PDF as bytes and its page count (no file touched).

    ``progress`` hears how far the layout is; an exception it raises cancels the export.
    ``chain_head`` (the audit chain's "SEQ HASH" when exported) is printed on sign-off
    pages: the plan alone does not know it, the caller that opened the workspace does.
    """
    if kind not in KINDS_OF_PACK:
        raise PdfExportError(f"unknown kind {kind!r}: choose one of {', '.join(KINDS_OF_PACK)}")
    chosen = select_systems(plan, systems)
    if not chosen:
        raise PdfExportError("the workspace has no systems to export")
    if kind == "pack" and len(chosen) > 1:
        raise PdfExportError(
            "a handover pack covers one system: name it with --system, or use --kind portfolio"
        )
    kit = Kit(
        plan,
        date=date,
        actor=actor,
        analysis=analysis,
        audit=audit_events,
        chain_head=chain_head,
    )
    document: PdfDocument
    if kind == "pack":
        document = SystemPack(kit, chosen[0], progress)
    elif kind == "portfolio":
        document = PortfolioPack(kit, chosen, progress)
    else:
        document = OncallCards(kit, chosen, progress)
    buffer = io.BytesIO()
    pages = document.build(buffer)
    return buffer.getvalue(), pages


def export_pdf(
    plan: Plan,
    target: Path,
    *,
    kind: str = "pack",
    system_ids: Sequence[str] | None = None,
    date: dt.date,
    actor: str,
    analysis: Analysis | None = None,
    audit_events: Mapping[str, Sequence[AuditLine]] | None = None,
    progress: Progress | None = None,
    chain_head: str | None = None,
) -> PdfResult:
    """Render a pack and write it to ``target`` atomically.

    The whole PDF is rendered in memory first: a failure while laying out never touches
    the target, and an existing pack is replaced only by a complete new one.
    """
    data, pages = render_pdf(
        plan,
        kind=kind,
        systems=system_ids,
        date=date,
        actor=actor,
        analysis=analysis,
        audit_events=audit_events,
        progress=progress,
        chain_head=chain_head,
    )
    if progress is not None:  # the last chance to cancel before the file is replaced
        progress(1, 1, "Writing the file…")
    target = Path(target)
    with atomic_write(target) as handle:
        handle.write(data)
    return PdfResult(target, pages, len(data))
