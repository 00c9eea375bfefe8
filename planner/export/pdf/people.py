"""The sections about people: support path, escalation chains, contacts (shared by the cards)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from planner.domain.plan import ChainPlan, SystemPlan
from planner.export.pdf.diagrams import Box, LadderStep, flow_rows
from planner.export.pdf.fonts import join
from planner.export.pdf.kit import Kit
from planner.export.pdf.layout import (
    FRAME_HEIGHT,
    Para,
    duration,
    is_short,
    keep_in_pairs,
    label_of,
)
from planner.export.pdf.reader_facts import (
    deputy_text,
    hours_text,
    moves_up,
    severity_line,
    support_table,
)


def tier_rows(kit: Kit, system: SystemPlan) -> list[list[object]]:
    return [
        [
            label_of(t.level),
            kit.name(team_id=t.team_id) if t.team_id else "no team",
            label_of(t.channel),
            t.address,
            label_of(t.hours),
            t.timezone,
            duration(t.response_minutes),
        ]
        for t in system.support_tiers
    ]


def support(kit: Kit, system: SystemPlan, _key: str) -> list[Flowable]:
    if not system.support_tiers:
        return [kit.empty()]
    out: list[Flowable] = [
        support_table(kit, system),
        *_moves_up(kit, system),
        Spacer(1, 4 * mm),
    ]
    boxes = [Box("User request", ("raised by a user of the system",))]
    for t in system.support_tiers:
        team = kit.name(team_id=t.team_id) if t.team_id else "no team"
        reach = ": ".join(x for x in (label_of(t.channel), str(t.address or "")) if x)
        when = hours_text(t.hours, t.timezone)
        target = f"respond within {duration(t.response_minutes)}" if t.response_minutes else ""
        if t.resolution_minutes:
            target = join(target, f", resolve within {duration(t.resolution_minutes)}")
        boxes.append(Box(f"{label_of(t.level)} · {team}", (reach, when, target)))
    s = kit.styles
    rows = flow_rows(
        boxes,
        accent=kit.accent,
        styles=(s["box_title"], s["box_body"]),
        start_styles=(s["box_start"], s["box_start_body"]),
    )
    # One piece with its heading: a second row alone over the page has an arrow from nowhere.
    heading = Para("The path a user's request takes", kit.styles["h3"])
    out.append(KeepTogether([heading, *rows]))
    return out


def _moves_up(kit: Kit, system: SystemPlan) -> list[Flowable]:
    lines = moves_up(kit, system)
    if not lines:
        return []
    return [Spacer(1, 3 * mm), Para("When a case moves up a tier", kit.styles["h3"]), *lines]


def chains(system: SystemPlan) -> list[ChainPlan]:
    return sorted(system.chains, key=lambda c: (c.chain.severity.rank, c.chain.id))


def target_rows(kit: Kit, level_no: int, targets: Sequence[Any]) -> list[list[object]]:
    rows: list[list[object]] = []
    for t in targets:
        if t.person_id is not None:
            person = kit.plan.people.get(t.person_id)
            deputy = deputy_text(kit, person)
            rows.append(
                [
                    str(level_no),
                    kit.name(person_id=t.person_id),
                    person.phone if person else "",
                    person.email if person else "",
                    person.timezone if person else "",
                    deputy,
                ]
            )
        else:
            team = kit.plan.teams.get(t.team_id)
            rows.append(
                [
                    str(level_no),
                    join(kit.name(team_id=t.team_id), " (team)"),
                    team.phone if team else "",
                    team.email if team else "",
                    "",
                    "",
                ]
            )
    return rows


def escalation(kit: Kit, system: SystemPlan, key: str) -> list[Flowable]:
    ordered = chains(system)
    if not ordered:
        return [kit.empty()]
    out: list[Flowable] = []
    for chain in ordered:
        severity = chain.chain.severity
        heading = kit.heading(
            f"{severity.label}",
            f"{key}-{severity.value}",
            style="h2",
            level=2 if key.startswith("c") else 1,
            toc=False,
        )
        # The severity's meaning stays with its heading, above the first levels. Not a
        # KeepTogether of its own: one nested in another reports an endless height, and
        # reportlab then starts every chain on a new page.
        out.extend(_chain(kit, chain, [heading, severity_line(kit, severity)]))
    return out


def _chain(kit: Kit, chain: ChainPlan, heading: list[Flowable]) -> list[Flowable]:
    """One severity's chain: a ladder of levels, then who to call at each level."""
    if not chain.levels:
        return [KeepTogether([*heading, kit.empty("No levels defined for this severity yet.")])]
    lead: list[Flowable] = list(heading)
    loops = int(chain.chain.repeat_loops or 0)
    if loops:
        lead.append(
            kit.p(
                "If nobody responds at the last level, the chain starts again from level 1 "
                f"(up to {loops} more time{'s' if loops != 1 else ''}).",
                "muted",
            )
        )
    rows: list[list[object]] = []
    steps: list[Flowable] = []
    s = kit.styles
    for number, level in enumerate(chain.levels, start=1):
        lv = level.level
        names = [target_label(kit, t) for t in level.targets]
        shown = names[:12] + ([f"and {len(names) - 12} more"] if len(names) > 12 else [])
        lines = [
            f"respond within {duration(lv.response_minutes)}" if lv.response_minutes else "",
            str(lv.note or ""),
        ]
        steps.append(
            LadderStep(
                Box(f"Level {number}", (f"after {duration(lv.delay_minutes)}",)),
                Box(join(*shown, sep=", ") or "nobody named", tuple(lines)),
                accent=kit.accent,
                styles=(s["badge"], s["box_title"], s["box_body"]),
                arrow=number > 1,
            )
        )
        rows.extend(target_rows(kit, number, level.targets))
    if not rows:
        return keep_in_pairs(lead, steps)
    header = ["Level", "Who", "Phone", "Email", "Time zone", "Deputy"]
    table = [Spacer(1, 3 * mm), kit.table(header, rows, [0.7, 2.2, 1.7, 2.4, 1.5, 1.7])]
    # A short who-to-call table stays with the last levels it lists; a long one splits.
    if is_short(table, kit.width, FRAME_HEIGHT / 3):
        return keep_in_pairs(lead, steps, table)
    return [*keep_in_pairs(lead, steps), *table]


def target_label(kit: Kit, target: Any) -> str:
    if target.person_id is not None:
        person = kit.plan.people.get(target.person_id)
        name = kit.name(person_id=target.person_id)
        phone = f"({person.phone})" if person is not None and person.phone else ""
        return join(name, phone, sep=" ")
    team = kit.plan.teams.get(target.team_id)
    phone = f", {team.phone}" if team is not None and team.phone else ""
    return join(kit.name(team_id=target.team_id), " (team)", phone)


def named_people(kit: Kit, system: SystemPlan) -> tuple[list[str], list[str]]:
    """Ids of every person and team named anywhere in a system's pack."""
    known = kit.plan.people
    people = {pid for pid in system.people_referenced() if pid in known}
    # Deputies too: the contacts page is where a reader finds who stands in.
    people |= {d for pid in list(people) if (d := known[pid].deputy_id) is not None and d in known}
    teams = system.teams_referenced()
    teams = {t for t in teams if t in kit.plan.teams}
    by_name = kit.plan.people
    return (
        sorted(people, key=lambda i: (str(by_name[i].name).casefold(), i)),
        sorted(teams, key=lambda i: (str(kit.plan.teams[i].name).casefold(), i)),
    )


def contacts(kit: Kit, system: SystemPlan, _key: str) -> list[Flowable]:
    people, teams = named_people(kit, system)
    if not people and not teams:
        return [kit.empty("Nobody is named in this plan yet.")]
    out: list[Flowable] = []
    if people:
        rows = []
        for pid in people:
            p = kit.plan.people[pid]
            rows.append(
                [
                    p.name + ("" if p.active else " (inactive)"),
                    p.title,
                    kit.name(team_id=p.team_id) if p.team_id else "",
                    # Stacked: side by side, the two need more width than a page has.
                    # Plain text, so a long address can break after its / . @ -.
                    "\n".join(str(x) for x in (p.email, p.phone) if x),
                    p.timezone,
                    kit.name(person_id=p.deputy_id) if p.deputy_id else "",
                ]
            )
        out.append(Para("People", kit.styles["h3"]))
        header = ["Name", "Title", "Team", "Email and phone", "Time zone", "Deputy"]
        out.append(kit.table(header, rows, [1.6, 1.2, 1.3, 2.6, 1.8, 1.4]))
    if teams:
        rows = [
            [t.name, t.email, t.phone, t.description] for t in (kit.plan.teams[i] for i in teams)
        ]
        out.append(Para("Teams", kit.styles["h3"]))
        out.append(kit.table(["Team", "Email", "Phone", "Description"], rows, [2, 2.2, 1.6, 3.6]))
    return out
