"""Support and escalation in a demo system's plan: the support path and the chains."""

from __future__ import annotations

from planner.demo.builder import ROUND_CLOCK, SystemDraft
from planner.domain.enums import ChannelKind, HoursOfOperation
from planner.domain.templates import TemplateChain

# What a support lead writes for each level: how long a case may stay open there, and
# when it is passed up to the next tier.
RESOLUTION_MINUTES = {"L1": 480, "L2": 1440, "L3": 4320, "vendor": 2880}
ESCALATE_WHEN = {
    "L1": "Not resolved within 4 hours, a suspected model or data fault, or more than "
    "5 users affected",
    "L2": "Needs a change to the model, its features or its data pipeline",
    "L3": "A defect in the vendor's platform or model, or a breach of the vendor's terms",
    "vendor": "",
}


def add_support_tiers(draft: SystemDraft) -> None:
    """The template's support path; the 24x7 system's L1 works business hours only."""
    b, blank, index = draft.builder, draft.blank, draft.index
    for position, tier in enumerate(draft.template.support_tiers):
        hours = tier.hours
        if draft.state == ROUND_CLOCK and tier.level.value == "L1":
            hours = HoursOfOperation.BUSINESS_HOURS
        b.add(
            "support_tiers",
            system_id=draft.system,
            level=tier.level.value,
            position=position,
            team_id=None if blank else draft.tier_teams[tier.level.value],
            channel=(tier.channel or ChannelKind.TICKET_QUEUE).value,
            address=""
            if blank
            else f"{tier.level.value.lower()}-{index + 1}@support.meridian.example",
            hours=hours.value if hours else None,
            timezone="" if blank else "Europe/London",
            response_minutes=tier.response_minutes,
            resolution_minutes=None if blank else RESOLUTION_MINUTES[tier.level.value],
            escalate_when="" if blank else ESCALATE_WHEN[tier.level.value],
        )


def add_escalation_chains(draft: SystemDraft) -> None:
    """Escalation chains, with people who have deputies and never the same one everywhere."""
    for chain in draft.template.escalation_chains:
        _add_chain(draft, chain)


def _add_chain(draft: SystemDraft, chain: TemplateChain) -> None:
    """One chain; the 24x7 system's SEV1 has one level and its second SEV2 level no target."""
    b, state, c = draft.builder, draft.state, draft.cast
    chain_id = b.add(
        "escalation_chains",
        system_id=draft.system,
        severity=chain.severity.value,
        repeat_loops=chain.repeat_loops,
    )
    levels = chain.levels
    if state == ROUND_CLOCK and chain.severity.value == "sev1":
        levels = levels[:1]
    people = (c.support_lead, c.ops_lead, c.owner, c.risk)
    for position, level in enumerate(levels):
        level_id = b.add(
            "escalation_levels",
            chain_id=chain_id,
            position=position,
            delay_minutes=level.delay_minutes,
            response_minutes=level.response_minutes,
            note=level.note,
        )
        if draft.blank or (
            state == ROUND_CLOCK and chain.severity.value == "sev2" and position == 1
        ):
            continue
        b.add(
            "escalation_targets",
            level_id=level_id,
            person_id=people[position % 4],
            team_id=None,
            position=0,
        )
        if position == 0:
            b.add(
                "escalation_targets",
                level_id=level_id,
                person_id=None,
                team_id=draft.tier_teams["L2"],
                position=1,
            )
