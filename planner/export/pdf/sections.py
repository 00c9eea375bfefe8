"""The sections of a system's handover pack, each a function of the kit and the system."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reportlab.lib import colors
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

from planner.domain.enums import ActionStatus, DocumentStatus, RetrainingTrigger, SignOffRole
from planner.domain.plan import SystemPlan
from planner.domain.wording import count_of
from planner.export.pdf.fonts import REGULAR, join, markup
from planner.export.pdf.kit import Kit, Location
from planner.export.pdf.layout import (
    NOT_DEFINED,
    Heading,
    Mark,
    Para,
    date_text,
    label_of,
    num_text,
)
from planner.export.pdf.people import contacts, escalation, support
from planner.export.pdf.reader_facts import NOT_MEASURED, dashboards, system_hours_text
from planner.export.pdf.review import (
    fallback_and_retirement,
    human_oversight,
    reviewer_facts,
    signoff_rows,
    standards,
)

if TYPE_CHECKING:
    from planner.analysis.engine import SystemResult

RACI_COLUMNS = 8


def signoff_state(kit: Kit, system: SystemPlan) -> tuple[str, str]:
    row = system.system
    recorded = {str(s.role) for s in system.sign_offs}
    required = [SignOffRole(r) for r in (kit.plan.info.required_signoff_roles or [])]
    missing = [r.label for r in required if r.value not in recorded]
    if row.locked:
        when = date_text(row.signed_at)
        state = f"Signed off and locked{f' on {when} UTC' if when else ''}"
    elif missing:
        state = (
            f"Not signed off: {len(missing)} of {len(required)} roles still to sign "
            f"({', '.join(missing)})"
        )
    else:
        state = "All required roles have signed; plan not yet locked"
    current = kit.content_hash(system)
    if not row.signed_hash:
        digest = f"{current} (not signed yet)"
    elif row.signed_hash == current:
        digest = f"{current} (matches the signed plan)"
    else:
        digest = (
            f"{current}; signed: {row.signed_hash}. The plan has changed since it was signed off"
        )
    return state, digest


def system_cover(
    kit: Kit,
    system: SystemPlan,
    *,
    key: str,
    level: int,
    outline: str,
    label: str,
    band: Flowable | None = None,
) -> list[Flowable]:
    """A system's cover facts: stage, score, plan version, sign-off state, content hash."""
    row = system.system
    found = kit.result(system.id)
    state, digest = signoff_state(kit, system)
    head = Heading(markup(system.name, 300), kit.styles["title"])
    head.mark = Mark(key, outline, level, True)
    pairs: list[tuple[str, object]] = [
        ("Organisation", kit.organisation or "not set"),
        ("Lifecycle stage", label_of(row.stage)),
        ("Readiness score", score_text(found)),
        ("Plan version", f"#{kit.plan.audit_seq} (audit sequence number)"),
        ("Export date", kit.date.isoformat()),
        ("Exported by", kit.exported_by),
        ("Sign-off state", state),
        ("Content hash", digest),
    ]
    return [
        Spacer(1, 6 * mm),
        head,
        Para(markup(label if level == 0 else "Handover pack"), kit.styles["subtitle"]),
        *([Spacer(1, 4 * mm), band] if band is not None else []),
        Spacer(1, 8 * mm if band is None else 4 * mm),
        kit.fields(pairs, label_width=0.3),
        Spacer(1, 8 * mm),
        Para(
            "This pack is the runbook for operating the system after the pilot: who owns "
            "what, how users get support, whom to call when it breaks, and where the "
            "documentation lives. Check the plan version against the workspace before "
            "relying on a printed copy.",
            kit.styles["muted"],
        ),
    ]


@dataclass
class Sections:
    """A system's sections: (bookmark key, numbered title) of each, and the flowables."""

    titles: list[tuple[str, str]]
    story: list[Flowable]


Section = Callable[[Kit, SystemPlan, str], list[Flowable]]


def system_sections(kit: Kit, system: SystemPlan, *, prefix: str) -> Sections:
    """Every section of a system's pack, numbered; ``prefix`` keeps bookmark keys unique."""
    builders: list[tuple[str, str, Section]] = [
        ("control", "Document control", document_control),
        ("summary", "Summary", summary),
        ("readiness", "Readiness", readiness),
        ("ownership", "Ownership (RACI)", ownership),
        ("support", "Support path", support),
        ("escalation", "Escalation chains", escalation),
        ("contacts", "Contacts", contacts),
        ("documents", "Documentation register", documents),
        ("operations", "Retraining, monitoring, review and governance", operations),
        ("baselines", "Baselines and readiness criteria", baselines),
        ("standards", "Standards", standards),
        ("actions", "Open action items", actions),
        ("signoff", "Sign-off", signoff),
    ]
    if prefix.startswith("c"):
        # A portfolio stays a summary of many systems; each system's pack has the table.
        builders = [b for b in builders if b[0] != "standards"]
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
            kit.heading(f"{number}. {title}", key, level=1 if nested else 0, toc=not nested)
        )
        story.extend(build(kit, system, key))
        if number < len(builders):
            # Only between sections: after the last one, 4 mm that found no room on a
            # full page took a page of its own, blank but for the header.
            story.append(Spacer(1, 4 * mm))
    return Sections(titles, story)


def document_control(kit: Kit, system: SystemPlan, _key: str) -> list[Flowable]:
    out: list[Flowable] = [
        kit.p(
            f"Generated from plan version #{kit.plan.audit_seq} on {kit.date.isoformat()}"
            # With no name set the cover says how to set one; here it is left out.
            f"{f' by {kit.actor}' if kit.actor else ''}. "
            "The most recent recorded changes to this system:",
        )
    ]
    events = kit.audit.get(system.id, ())
    if not events:
        out.append(kit.empty("No changes recorded for this system yet."))
        return out
    rows = [[str(e.seq), date_text(e.at), e.actor, e.describe()] for e in events]
    out.append(kit.table(["#", "When (UTC)", "Who", "What"], rows, [0.7, 1.9, 1.8, 5.6]))
    return out


def summary(kit: Kit, system: SystemPlan, _key: str) -> list[Flowable]:
    row = system.system
    out: list[Flowable] = [
        kit.fields(
            [
                ("Risk tier", label_of(row.risk_tier)),
                ("Regulated", "Yes" if row.regulated else "No"),
                ("Hours of operation", system_hours_text(system)),
                ("Lifecycle stage", label_of(row.stage)),
                ("Planned go-live", date_text(row.go_live) or "not set"),
                *reviewer_facts(row),
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
        out.append(Para(markup(label), kit.styles["h3"]))
        out.append(kit.p(value) if value else kit.empty())
    out.append(Para("Data sources", kit.styles["h3"]))
    if not system.data_sources:
        out.append(kit.empty())
    else:
        rows = [
            [
                d.name,
                kit.name(person_id=d.owner_id) or "no owner",
                d.refresh_cadence,
                d.integration_point,
                d.quality_checks,
                d.access_rules,
            ]
            for d in system.data_sources
        ]
        out.append(
            kit.table(
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


def readiness(kit: Kit, system: SystemPlan, _key: str) -> list[Flowable]:
    found = kit.result(system.id)
    if found is None:
        return [kit.empty("Readiness analysis was not available for this export.")]
    out: list[Flowable] = [Para(markup(score_text(found)), kit.styles["score"])]
    if not found.findings:
        out.append(kit.p("No open findings."))
        return out
    ordered = sorted(found.findings, key=lambda f: (f.severity.rank, f.rule_id))
    counts = Counter(f.severity.capitalize() for f in ordered)
    summary = ", ".join(f"{n} {sev.lower()}" for sev, n in counts.items())
    blockers = found.blockers
    out.append(
        kit.p(
            f"{len(ordered)} open findings ({summary})"
            + (f"; {blockers} block the handover." if blockers else ".")
        )
    )
    rows = [
        [
            f.severity.capitalize(),
            f.rule_id,
            f.message,
            f.remedy or "–",
        ]
        for f in ordered
    ]
    out.append(kit.table(["Severity", "Rule", "Finding", "Remedy"], rows, [1.3, 1.5, 3.6, 3.6]))
    return out


def ownership(kit: Kit, system: SystemPlan, _key: str) -> list[Flowable]:
    if not system.raci:
        return [kit.empty()]
    assignees: dict[tuple[int, str], str] = {}
    cells: dict[tuple[str, tuple[int, str]], list[str]] = {}
    for r in system.raci:
        ident = (0, r.person_id) if r.person_id is not None else (1, r.team_id or "")
        assignees[ident] = kit.assignee(r)
        cells.setdefault((r.activity_id, ident), []).append(str(r.role))
    columns = sorted(assignees, key=lambda i: (i[0], assignees[i].casefold(), i[1]))
    used = {activity for activity, _ in cells}
    activities = [a for a in kit.plan.activities if a.id in used]
    out: list[Flowable] = [
        kit.p(
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
                    kit.styles["h3"],
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
            kit.table(
                ["Activity", *(assignees[i] for i in chunk)],
                rows,
                [2.6] + [1.0] * len(chunk),
                extra_style=centre,
            )
        )
        out.append(Spacer(1, 3 * mm))
    if no_owner:
        out.append(kit.p("No one is accountable for: " + ", ".join(no_owner) + "."))
    return out


def documents(kit: Kit, system: SystemPlan, _key: str) -> list[Flowable]:
    if not system.documents:
        return [kit.empty()]
    rows = []
    flagged = 0
    docs = sorted(system.documents, key=lambda d: (label_of(d.doc_type), str(d.title)))
    for d in docs:
        due = ""
        late = False
        if d.review_interval_days and d.last_reviewed:
            next_due = d.last_reviewed + dt.timedelta(days=int(d.review_interval_days))
            late = next_due < kit.date
            due = next_due.isoformat() + (" OVERDUE" if late else "")
        elif d.review_interval_days:
            due, late = "never reviewed", True
        missing = d.status == DocumentStatus.MISSING
        flagged += late or missing
        rows.append(
            [
                label_of(d.doc_type),
                d.title,
                kit.name(person_id=d.owner_id) or "no owner",
                Location(str(d.location)) if d.location else "not recorded",
                kit.p("MISSING", "late") if missing else label_of(d.status),
                date_text(d.last_reviewed) or "–",
                kit.p(due, "late") if late else due or "–",
            ]
        )
    out: list[Flowable] = []
    if flagged:
        out.append(
            kit.p(
                f"{count_of(flagged, 'document')} missing, never reviewed or overdue for review "
                f"on {kit.date.isoformat()} (marked MISSING or OVERDUE, in red).",
            )
        )
    out.append(
        kit.table(
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


def operations(kit: Kit, system: SystemPlan, _key: str) -> list[Flowable]:
    out: list[Flowable] = []
    for title, part in (
        ("Retraining", _retraining),
        ("Dashboards", dashboards),
        ("Monitoring and alert routing", _monitoring),
        ("Human review rules", _review_rules),
        ("Human oversight", human_oversight),
        ("Governance controls", _controls),
        ("Switching off and retiring the system", fallback_and_retirement),
    ):
        out.append(Para(title, kit.styles["h2"]))
        out.append(part(kit, system))
    return out


def _retraining(kit: Kit, system: SystemPlan) -> Flowable:
    r = system.retraining
    if r is None:
        return kit.empty()
    triggers = ", ".join(label_of(_trigger(t)) for t in (r.triggers or [])) or "none"
    return kit.fields(
        [
            ("Owner", kit.name(person_id=r.owner_id) or "not named"),
            ("Approver", kit.name(person_id=r.approver_id) or "not named"),
            ("Cadence", r.cadence or "not set"),
            ("Triggers", triggers),
            ("Last retrained", date_text(r.last_retrained) or "never"),
            ("Validation steps", r.validation_steps or NOT_DEFINED),
            ("Rollback plan", r.rollback_plan or NOT_DEFINED),
        ]
    )


def _trigger(value: object) -> object:
    try:
        return RetrainingTrigger(str(value))
    except ValueError:
        return value


def _monitoring(kit: Kit, system: SystemPlan) -> Flowable:
    if not system.signals:
        return kit.empty()
    rows = []
    for sig in system.signals:
        routed = [
            kit.name(person_id=sig.alert_person_id) if sig.alert_person_id else "",
            join(kit.name(team_id=sig.alert_team_id), " (team)") if sig.alert_team_id else "",
        ]
        rows.append(
            [
                label_of(sig.kind),
                sig.metric,
                sig.threshold,
                sig.alert_channel,
                join(*routed, sep=", ") or "nobody",
                kit.name(person_id=sig.owner_id),
                sig.review_cadence,
            ]
        )
    header = ["Signal", "Metric", "Threshold", "Alert channel", "Alerts go to", "Owner", "Review"]
    return kit.table(header, rows, [1.2, 1.8, 1.4, 1.5, 1.6, 1.3, 1.1])


def _review_rules(kit: Kit, system: SystemPlan) -> Flowable:
    if not system.review_rules:
        return kit.empty()
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
    header = ["Outputs reviewed", "Reviewer", "Trigger", "Sample", "Influences decisions"]
    return kit.table([*header, "Regulated"], rows, [2.4, 1.5, 2.4, 0.9, 1.2, 1.0])


def _controls(kit: Kit, system: SystemPlan) -> Flowable:
    if not system.controls:
        return kit.empty()
    rows = [
        [
            label_of(c.kind),
            c.description,
            kit.name(person_id=c.owner_id) or "no owner",
            label_of(c.status),
            c.evidence,
        ]
        for c in system.controls
    ]
    header = ["Control", "Description", "Owner", "Status", "Evidence"]
    return kit.table(header, rows, [1.5, 3.0, 1.4, 1.0, 2.6])


def baselines(kit: Kit, system: SystemPlan, _key: str) -> list[Flowable]:
    out: list[Flowable] = [Para("Baselines and targets", kit.styles["h2"])]
    if not system.baselines:
        out.append(kit.empty())
    else:
        rows = [
            [
                b.metric,
                b.unit,
                num_text(b.baseline_value) or "not recorded",
                num_text(b.target_value) or "not set",
                num_text(b.current_value) or NOT_MEASURED,
            ]
            for b in system.baselines
        ]
        out.append(
            kit.table(
                ["Metric", "Unit", "Baseline", "Target", "Current"],
                rows,
                [3.4, 1.2, 1.2, 1.2, 1.2],
            )
        )
    out.append(Para("Readiness criteria", kit.styles["h2"]))
    if not system.criteria:
        out.append(kit.empty())
    else:
        rows = [
            [
                label_of(c.area),
                label_of(c.status),
                kit.name(person_id=c.owner_id) or "no owner",
                c.evidence or "no evidence recorded",
            ]
            for c in system.criteria
        ]
        out.append(kit.table(["Area", "Status", "Owner", "Evidence"], rows, [1.8, 1.2, 1.5, 4.5]))
    return out


def actions(kit: Kit, system: SystemPlan, _key: str) -> list[Flowable]:
    open_items = [a for a in system.actions if str(a.status) == ActionStatus.OPEN.value]
    if not open_items:
        return [kit.empty("No open action items.")]
    open_items.sort(key=lambda a: (a.due is None, a.due or dt.date.min, str(a.text)))
    rows = []
    for a in open_items:
        late = a.due is not None and a.due < kit.date
        rows.append(
            [
                a.text,
                kit.name(person_id=a.owner_id) or "no owner",
                (date_text(a.due) + (" OVERDUE" if late else "")) if a.due else "no date",
            ]
        )
    return [kit.table(["Action", "Owner", "Due"], rows, [5.5, 2, 1.5])]


def signoff(kit: Kit, system: SystemPlan, _key: str) -> list[Flowable]:
    state, digest = signoff_state(kit, system)
    pairs: list[tuple[str, object]] = [("State", state), ("Content hash", digest)]
    if kit.chain_head:
        pairs.append(("Audit chain head at export", chain_head_text(kit.chain_head)))
    out: list[Flowable] = [kit.fields(pairs)]
    out.append(Para("Recorded sign-offs", kit.styles["h2"]))
    out.extend(signoff_rows(kit, system))
    recorded = {str(s.role) for s in system.sign_offs}
    required = [SignOffRole(r) for r in (kit.plan.info.required_signoff_roles or [])]
    missing = [r for r in required if r.value not in recorded]
    if missing:
        statement = kit.p(
            "By signing, I confirm that the operating model described in this pack "
            f"(plan version #{kit.plan.audit_seq}) is agreed for {system.name}.",
            "muted",
        )
        # What a signature confirms never sits on another page than the first signature.
        first, *rest = (signature_block(kit, role.label) for role in missing)
        out.append(KeepTogether([Para("Still to sign", kit.styles["h2"]), statement, first]))
        out.extend(KeepTogether([block]) for block in rest)
    return out


def chain_head_text(head: str) -> str:
    """The anchor line: where the audit trail stood, and how to compare it later."""
    return (
        f"#{head} (keep this to prove later that the trail was not rewritten; "
        "“handover-planner audit-head FILE” prints the current one)"
    )


def signature_block(kit: Kit, role: str) -> Flowable:
    label = kit.styles["cell"]
    data = [
        [Para(f"<b>{markup(role)}</b>", label), "", "", ""],
        [Para("Name", label), "", Para("Date", label), ""],
        [Para("Signature", label), "", "", ""],
        ["", "", "", ""],  # room below the signature line, so it is not the box's border
    ]
    w = kit.width
    return Table(
        data,
        colWidths=[w * 0.18, w * 0.42, w * 0.1, w * 0.3],
        rowHeights=[16, 26, 30, 8],
        hAlign="LEFT",
        style=TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("SPAN", (0, 0), (-1, 0)),
                ("BACKGROUND", (0, 0), (-1, 0), kit.accent_light),
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


def score_text(found: SystemResult | None) -> str:
    if found is None or found.score is None:
        return "not computed"
    return f"{found.score:.0f} / 100"
