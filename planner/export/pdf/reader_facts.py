"""What the packs' readers asked for: go / no-go, severities, hours with their zone, dashboards.

Each function builds one self-contained block, so the pack, the on-call card and the
portfolio add them without reshaping their own layout.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Table, TableStyle

from planner.analysis.policy import Level
from planner.domain.enums import HoursOfOperation, LifecycleStage, Severity
from planner.domain.plan import Person, SystemPlan
from planner.domain.wording import count_of
from planner.export.pdf.fonts import BOLD, REGULAR, join, markup
from planner.export.pdf.kit import Kit
from planner.export.pdf.layout import FormRef, PageState, Para, duration, label_of
from planner.export.pdf.styles import ALARM

# A go-live band that is green must also say so in words: colour is never the only sign.
READY_GREEN = colors.HexColor("#1B6E35")
NO_ZONE = "time zone not recorded"
NOT_MEASURED = "not measured yet"


# --- go / no-go ----------------------------------------------------------------------


def go_live_statement(kit: Kit, system: SystemPlan) -> tuple[bool | None, str]:
    """(ready?, the sentence): None when the plan was not checked for this export."""
    found = kit.result(system.id)
    if system.stage == LifecycleStage.RETIRED:
        return None, "Retired: not checked for going live"
    if found is None:
        return None, "Go-live readiness not checked for this export"
    if found.blockers == 0:
        warnings = sum(1 for f in found.findings if f.severity == Level.WARNING)
        tail = f" ({count_of(warnings, 'warning')} to review)" if warnings else ""
        return True, f"Ready to go live: no blockers{tail}"
    return False, f"NOT ready to go live: {count_of(found.blockers, 'blocker')}"


def go_live_band(kit: Kit, system: SystemPlan, state: PageState, readiness_key: str) -> Flowable:
    """The cover's answer to "can we go live?", with where the blockers are listed.

    The page number is a form filled in when the file is saved, like the contents page's.
    """
    ready, text = go_live_statement(kit, system)
    style = kit.styles["band"]
    sign = "✔" if ready else "⚠"
    row: list[object] = [Para(f"{sign} <b>{markup(text)}</b>", style)]
    widths = [kit.width]
    if ready is False:
        # "… listed on page ....... 4": dot leaders, as on a contents page, run up to the
        # page number (a form drawn right-aligned when the file is saved).
        words = f"{text}, listed on page"
        used = stringWidth(words, BOLD, style.fontSize) + stringWidth(f"{sign} ", REGULAR, 10)
        first = min(used + 6 + 3, kit.width * 0.75)
        row = [
            Para(f"{sign} <b>{markup(words)}</b>", style),
            _LeaderToPage(f"pg_{readiness_key}", state),
        ]
        widths = [first, kit.width - first]
    background = {True: READY_GREEN, False: ALARM, None: colors.HexColor("#555555")}[ready]
    return Table(
        [row],
        colWidths=widths,
        hAlign="LEFT",
        style=TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("BACKGROUND", (0, 0), (-1, -1), background),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("RIGHTPADDING", (0, 0), (0, 0), 3),
                ("LEFTPADDING", (1, 0), (1, 0), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        ),
        spaceBefore=2 * mm,
        spaceAfter=2 * mm,
    )


class _LeaderToPage(FormRef):
    """White dot leaders, then a page number filled in when the file is saved.

    The number's width is not known while the page is drawn, so the leaders stop where a
    number of as many digits as the cover's own page number (plus a little) would start.
    """

    def draw(self) -> None:
        canv = self.canv
        digits = len(str(canv.getPageNumber() + 9))
        number = stringWidth("0" * digits, REGULAR, 10)
        canv.saveState()
        # Drawn, not typed: the text layer reads "listed on page 4", without the dots.
        canv.setFillColor(colors.white)
        end = self.width - number - 6
        x = 4.0
        while x < end:
            canv.circle(x, 1.6, 0.55, stroke=0, fill=1)
            x += 5.6
        super().draw()
        canv.restoreState()


# --- hours and time zones ----------------------------------------------------------


def hours_text(hours: HoursOfOperation | None, timezone: str) -> str:
    """Hours with the zone they are in; where no zone is recorded, say so."""
    if hours is None:
        return "hours not recorded"
    if hours == HoursOfOperation.ALWAYS:
        return hours.label  # all day, every day: the same in every zone
    zone = str(timezone or "").strip()
    return f"{hours.label} ({zone or NO_ZONE})"


def system_hours_text(system: SystemPlan) -> str:
    """The hours a system runs, in the zone its support tiers work in (it has none itself)."""
    hours = system.system.hours_required
    if hours == HoursOfOperation.ALWAYS:
        return hours.label
    zones = list(dict.fromkeys(z for t in system.support_tiers if (z := t.timezone.strip())))
    return f"{hours.label} ({', '.join(zones) if zones else NO_ZONE})"


# --- severities -----------------------------------------------------------------------


def severities_of(system: SystemPlan) -> list[Severity]:
    """The severities the system has chains for, highest first (all when it has none)."""
    used = sorted({c.chain.severity for c in system.chains}, key=lambda s: s.rank)
    return used or list(Severity)


def severity_table(kit: Kit, severities: Sequence[Severity]) -> Flowable:
    """What each severity means in this workspace (edited in the workspace settings)."""
    rows = [[s.label, kit.p(kit.plan.info.severity_definition(s), "cell")] for s in severities]
    return kit.table(["Severity", "What it means"], rows, [1.2, 8.8])


def severity_line(kit: Kit, severity: Severity) -> Flowable:
    """One severity's definition, under its chain's heading."""
    return kit.p(kit.plan.info.severity_definition(severity), "muted")


# --- support tiers: resolution and moving up --------------------------------------------


def support_table(kit: Kit, system: SystemPlan) -> Flowable:
    """The support tiers with hours in their zone and both targets."""
    rows = [
        [
            label_of(t.level),
            kit.name(team_id=t.team_id) if t.team_id else "no team",
            label_of(t.channel),
            t.address,
            hours_text(t.hours, t.timezone),
            duration(t.response_minutes) or "not set",
            duration(t.resolution_minutes) or "not set",
        ]
        for t in system.support_tiers
    ]
    header = ["Tier", "Team", "Channel", "Address", "Hours", "Respond within"]
    return kit.table([*header, "Resolve within"], rows, [0.7, 1.6, 1.1, 2.4, 1.8, 1.2, 1.2])


def moves_up(kit: Kit, system: SystemPlan) -> list[Flowable]:
    """When each tier passes a case to the next, one line per step up."""
    tiers = system.support_tiers
    lines = [
        f"<b>{markup(label_of(t.level))} → {markup(label_of(upper.level))}:</b> "
        + markup(t.escalate_when or "not recorded")
        for t, upper in zip(tiers, tiers[1:], strict=False)
    ]
    return [Para(line, kit.styles["cell"]) for line in lines]


# --- dashboards -----------------------------------------------------------------------


def dashboards(kit: Kit, system: SystemPlan) -> Flowable:
    """Where the dashboards are: one line each, clickable when it is an address."""
    lines = [line.strip() for line in system.system.dashboards.splitlines() if line.strip()]
    if not lines:
        return kit.empty("Where the dashboards are is not recorded.")
    rows = [[_dashboard_cell(kit, line)] for line in lines]
    return Table(
        rows,
        colWidths=[kit.width],
        hAlign="LEFT",
        style=TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        ),
    )


def _dashboard_cell(kit: Kit, line: str) -> Flowable:
    """ "Grafana: https://…" keeps its label and links the address."""
    for start in ("https://", "http://"):
        at = line.find(start)
        if at > 0:
            label = line[:at].rstrip(" :-–")
            return Table(
                [[kit.p(label + ":", "cell"), kit.link(line[at:])]],
                colWidths=[kit.width * 0.3, kit.width * 0.7],
                hAlign="LEFT",
                style=TableStyle(
                    [("FONTNAME", (0, 0), (-1, -1), REGULAR), ("LEFTPADDING", (0, 0), (-1, -1), 0)]
                ),
            )
    return kit.link(line)


# --- contacts ---------------------------------------------------------------------------


def deputy_text(kit: Kit, person: Person | None) -> str:
    """A person's deputy with the number to call them on."""
    if person is None or person.deputy_id is None:
        return ""
    deputy = kit.plan.people.get(person.deputy_id)
    name = kit.name(person_id=person.deputy_id)
    if deputy is None or not deputy.phone:
        return join(name, " (no phone recorded)")
    return join(name, f" ({deputy.phone})")


def team_contacts(kit: Kit, system: SystemPlan) -> list[Flowable]:
    """The teams the support path and the chains name, with their numbers."""
    ids = list(
        dict.fromkeys(
            [t.team_id for t in system.support_tiers if t.team_id]
            + [
                target.team_id
                for chain in system.chains
                for level in chain.levels
                for target in level.targets
                if target.team_id
            ]
        )
    )
    teams = [kit.plan.teams[i] for i in ids if i in kit.plan.teams]
    if not teams:
        return [kit.empty("No team named in the support path or the chains.")]
    rows = [
        [t.name, t.phone or kit.p("no phone recorded", "late"), t.email or "no email recorded"]
        for t in teams
    ]
    return [kit.table(["Team", "Phone", "Email"], rows, [3.0, 2.5, 4.5])]
