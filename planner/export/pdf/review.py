"""What a reviewer or auditor looks for: the system's facts, oversight, sign-off overrides,
and the standards each item of which the plan meets or leaves open."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Spacer

from planner.analysis import applicability
from planner.analysis.crosswalk import Status, frameworks
from planner.domain.enums import SignOffRole
from planner.domain.plan import System, SystemPlan
from planner.domain.wording import count_of
from planner.export.pdf.fonts import markup
from planner.export.pdf.kit import Kit
from planner.export.pdf.layout import Para, date_text, label_of
from planner.export.pdf.styles import ALARM

# An empty field never reads as a blank that looks complete.
NOT_RECORDED = "Not recorded"
OVERRIDE = "Signed over open blockers"
ALARM_HEX = ALARM.hexval().replace("0x", "#")
STATUS_WORDS = {Status.MET: "Met", Status.OPEN: "OPEN", Status.NOT_APPLICABLE: "Not applicable"}


def _text(value: object) -> str:
    return str(value or "").strip() or NOT_RECORDED


def _yes_no(value: object) -> str:
    return "Yes" if value else "No"


def reviewer_facts(row: System) -> list[tuple[str, object]]:
    """The facts a reviewer judges the system's obligations by, for the overview table."""
    retention = row.log_retention_days
    return [
        ("Processes personal data", _yes_no(row.processes_personal_data)),
        ("Customer-facing", _yes_no(row.customer_facing)),
        ("Transparency notice", _text(row.transparency_notice)),
        ("Log retention", NOT_RECORDED if retention is None else f"{retention} days"),
    ]


def human_oversight(kit: Kit, system: SystemPlan) -> Flowable:
    row = system.system
    overseer = kit.name(person_id=row.overseer_id) if row.overseer_id else ""
    can_stop = (
        "Yes: can override the system's outputs and stop it"
        if row.overseer_can_stop
        else "No: cannot override or stop the system"
    )
    return kit.fields(
        [
            ("Overseer", _text(overseer)),
            ("Overseer's training", _text(row.overseer_training)),
            ("Can override and stop", can_stop),
        ]
    )


def fallback_and_retirement(kit: Kit, system: SystemPlan) -> Flowable:
    row = system.system
    return kit.fields(
        [
            ("Fallback procedure (if the AI must be switched off)", _text(row.fallback_procedure)),
            ("Decommissioning plan", _text(row.decommissioning_plan)),
        ],
        label_width=0.32,
    )


def signoff_rows(kit: Kit, system: SystemPlan) -> list[Flowable]:
    """The recorded sign-offs; one given over open blockers says so, with its reason."""
    if not system.sign_offs:
        return [kit.empty("No sign-offs recorded yet.")]
    rows = []
    overridden = 0
    for s in system.sign_offs:
        comment: object = s.comment
        reason = str(s.override_reason or "").strip()
        if reason:
            overridden += 1
            text = markup(s.comment, 2_000)
            note = f'<font color="{ALARM_HEX}"><b>{OVERRIDE}:</b></font> {markup(reason, 2_000)}'
            comment = Para(f"{text}<br/>{note}" if text else note, kit.styles["cell"])
        role = label_of(SignOffRole(str(s.role)))
        rows.append([role, kit.name(person_id=s.person_id), date_text(s.signed_on), comment])
    out = [kit.table(["Role", "Name", "Signed on", "Comment"], rows, [1.8, 2, 1.2, 4])]
    if overridden:
        out.insert(
            0,
            kit.p(
                f"⚠ {count_of(overridden, 'sign-off')} given while the plan still had open "
                "blockers; each names its reason below.",
                "late",
            ),
        )
    return out


def standards(kit: Kit, system: SystemPlan, _key: str) -> list[Flowable]:
    """Per framework, each item as met, open or not applicable, and why."""
    analysis = kit.analysis
    if analysis is None or kit.result(system.id) is None:
        return [kit.empty("Readiness analysis was not available for this export.")]
    out: list[Flowable] = [
        kit.p(
            "Each item of the frameworks below, judged by this plan's checks on "
            f"{analysis.today.isoformat()}: met (no findings of its rules), OPEN (findings "
            "named), or not applicable (the reason given).",
            "muted",
        )
    ]
    # Not kept with its table: a heading kept with a table moves a table that could split
    # onto the next page, leaving a near-empty one; the page break below keeps it from
    # standing alone at a page's foot.
    title = ParagraphStyle("standard", kit.styles["h3"], keepWithNext=0)
    for key, found in frameworks().items():
        rows = [
            [
                row.item,
                row.title,
                kit.p("OPEN", "late") if row.status == Status.OPEN else STATUS_WORDS[row.status],
                row.why,
            ]
            for row in applicability(analysis, system.id, key)
        ]
        out.append(CondPageBreak(30 * mm))
        out.append(Para(markup(found.title), title))
        out.append(kit.table(["Item", "Title", "Status", "Why"], rows, [1.1, 2.6, 1.1, 4.2]))
        out.append(Spacer(1, 2 * mm))
    return out
