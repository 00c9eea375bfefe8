"""Rules about the support model: tiers, their channels, hours and response targets."""

from __future__ import annotations

from collections.abc import Iterator

from planner.analysis.policy import Level
from planner.analysis.rule import Context, Hit, lower, rule
from planner.domain.enums import SupportLevel
from planner.domain.plan import SystemPlan


@rule(
    "SUP-001",
    Level.BLOCKER,
    title="No first-line (L1) support",
    explanation="""Users need one known place to report a problem. Without an L1 tier, questions
        and incidents go to whoever the user happens to know, usually the pilot's developers,
        who will not be there for ever.""",
    remedy="Add an L1 support tier with a team, a channel and hours.",
    page="support",
)
def no_first_line(_ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    if not any(t.level == SupportLevel.L1 for t in system.support_tiers):
        yield Hit("the support model has no L1 tier", (("system", system.id),))


@rule(
    "SUP-002",
    Level.WARNING,
    title="Support tier incomplete",
    explanation="""A tier is only usable when it says who answers (a team), how to reach them
        (a channel and its address), when (hours) and how fast (a response target). Each
        missing piece is a question a user or an L1 agent cannot answer in an incident.""",
    remedy="Fill in the tier's team, channel, address, hours and response time.",
    page="support",
)
def incomplete_tier(_ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    for tier in system.support_tiers:
        missing = [
            name
            for name, absent in (
                ("team", tier.team_id is None),
                ("channel", tier.channel is None),
                ("address", tier.channel is not None and not tier.address.strip()),
                ("hours", tier.hours is None),
                ("response target", tier.response_minutes is None),
            )
            if absent
        ]
        if missing:
            yield Hit(
                f"{tier.level.value} tier has no {', '.join(missing)}", (("support_tier", tier.id),)
            )


@rule(
    "SUP-003",
    Level.BLOCKER,
    title="Support hours do not cover the hours of operation",
    explanation="""A system needed around the clock will fail at night some day. If first-line
        support does not work those hours, users have nowhere to report the failure until the
        next morning: a 24x7 system with business-hours support is, in practice, a
        business-hours system.""",
    remedy="Extend the L1 tier's hours (or route out-of-hours calls to an on-call tier and "
    "record that as L1), or lower the system's required hours.",
    page="support",
)
def hours_not_covered(_ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    required = system.system.hours_required
    # Users reach the system through L1; an on-call L2 behind a closed service desk is
    # only reachable by people who already know its number.
    first_line = [t for t in system.support_tiers if t.level == SupportLevel.L1 and t.hours]
    if not first_line:
        return  # SUP-001 or SUP-002 already name the missing tier or its missing hours
    covered = max((t.hours for t in first_line if t.hours), key=lambda hours: hours.rank)
    if covered.rank < required.rank:
        yield Hit(
            f"the system is needed {lower(required.label)} but L1 support works "
            f"{lower(covered.label)}",
            (("system", system.id), *(("support_tier", t.id) for t in first_line)),
        )


@rule(
    "SUP-004",
    Level.WARNING,
    title="No resolution target",
    explanation="""A response target says how fast someone picks a case up; a resolution
        target says how long it may stay open. Without one, a case can sit acknowledged for
        days and nobody can say it is late, and the support lead has nothing to report
        against. It matters once real users depend on the system.""",
    remedy="Set 'Resolve within' for each support tier on the Support path page.",
    page="support",
)
def no_resolution_target(ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    if not ctx.live(system):
        return  # during a pilot the developers fix what breaks; targets come with the handover
    missing = [t for t in system.support_tiers if t.resolution_minutes is None]
    if not missing:
        return
    levels = ", ".join(dict.fromkeys(t.level.label for t in missing))
    tiers = "tier has" if len(missing) == 1 else "tiers have"
    yield Hit(
        f"the {levels} support {tiers} no resolution target",
        tuple(("support_tier", t.id) for t in missing),
        remedy=f"Set 'Resolve within' for the {levels} {tiers.split()[0]} on the Support "
        "path page (for example 8 hours for L1, 3 days for L2).",
    )


@rule(
    "SUP-005",
    Level.INFO,
    title="No rule for moving a case up a tier",
    explanation="""When a tier passes a case to the next one is a judgement each agent makes
        differently unless it is written down: cases bounce, or stay too long with a tier that
        cannot fix them. One sentence per tier ("not resolved within 4 hours, or a model
        fault") settles it.""",
    remedy="Say when a case moves up ('Escalate when') for each tier but the last.",
    page="support",
)
def no_escalation_rule(ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    if not ctx.live(system):
        return
    tiers = sorted(system.support_tiers, key=lambda t: (t.position, t.level.value))
    for tier, upper in zip(tiers, tiers[1:], strict=False):
        if not tier.escalate_when.strip():
            yield Hit(
                f"the {tier.level.label} tier does not say when a case moves up to "
                f"{upper.level.label}",
                (("support_tier", tier.id),),
            )
