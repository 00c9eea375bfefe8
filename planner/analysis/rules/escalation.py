"""Rules about escalation chains: that they exist, reach someone, and escalate sensibly."""

from __future__ import annotations

from collections.abc import Iterator

from planner.analysis.policy import Level
from planner.analysis.rule import Context, Hit, rule
from planner.domain.plan import ChainPlan, SystemPlan
from planner.domain.wording import count_of


def _name(chain: ChainPlan) -> str:
    return f"{chain.chain.severity.value.upper()} chain"


@rule(
    "ESC-001",
    Level.BLOCKER,
    title="No escalation chain for the gravest incidents",
    explanation="""Once real users depend on a system (limited rollout or production), its
        worst incident needs a written path: who is called first, and who next if they do
        not answer. Improvising that path during the incident costs the first hour.""",
    remedy="Add an escalation chain for the severity named, with at least two levels.",
    page="escalation",
)
def no_chain_for_highest(ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    if system.system.stage not in ctx.policy.live_stages:
        return
    severity = ctx.policy.highest_severity[system.system.risk_tier]
    if not any(c.chain.severity.rank <= severity.rank for c in system.chains):
        yield Hit(
            f"no escalation chain for {severity.value.upper()} incidents",
            (("system", system.id),),
        )


@rule(
    "ESC-002",
    Level.BLOCKER,
    title="Escalation chain with fewer than two levels",
    explanation="""A chain with a single level is a contact, not an escalation: if that first
        contact does not respond there is nowhere for the incident to go.""",
    remedy="Add a second level (a manager, an on-call rota or the vendor).",
    page="escalation",
)
def too_few_levels(_ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    for chain in system.chains:
        if len(chain.levels) < 2:
            yield Hit(
                f"the {_name(chain)} has {count_of(len(chain.levels), 'level')}",
                (("escalation_chain", chain.chain.id),),
            )


@rule(
    "ESC-003",
    Level.BLOCKER,
    title="Escalation level without a target",
    explanation="""A level nobody is assigned to is where an escalation silently stops.""",
    remedy="Name a person or team to be contacted at this level.",
    page="escalation",
)
def level_without_target(_ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    for chain in system.chains:
        for number, level in enumerate(chain.levels, 1):
            if not level.targets:
                yield Hit(
                    f"level {number} of the {_name(chain)} names nobody",
                    (("escalation_level", level.level.id),),
                )


@rule(
    "ESC-004",
    Level.WARNING,
    title="The same person at every escalation level",
    explanation="""Escalating means reaching someone else when the first contact cannot help or
        cannot be reached. A person at every level makes the whole chain depend on them.""",
    remedy="Replace the person at one of the levels by someone else (or their team).",
    page="escalation",
)
def same_person_everywhere(ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    for chain in system.chains:
        if len(chain.levels) < 2:
            continue
        per_level = [{t.person_id for t in lv.targets if t.person_id} for lv in chain.levels]
        for person_id in sorted(set.intersection(*per_level)):
            yield Hit(
                f"{ctx.who(person_id)} is a target at every level of the {_name(chain)}",
                (("escalation_chain", chain.chain.id), ("person", person_id)),
            )


@rule(
    "ESC-005",
    Level.WARNING,
    title="Escalation level without a delay",
    explanation="""Each level after the first says how long to wait before escalating to it.
        A zero delay pages everyone at once, which trains people to ignore the page.""",
    remedy="Give every level after the first a delay of some minutes.",
    page="escalation",
)
def no_delay(_ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    for chain in system.chains:
        for number, level in enumerate(chain.levels[1:], 2):
            if level.level.delay_minutes <= 0:
                yield Hit(
                    f"level {number} of the {_name(chain)} has no delay",
                    (("escalation_level", level.level.id),),
                )


@rule(
    "ESC-006",
    Level.WARNING,
    title="Response targets loosen as severity rises",
    explanation="""A graver incident must be answered at least as fast as a lesser one. When
        the SEV1 chain allows more time than the SEV2 chain at the same level, the targets
        were copied or mistyped.""",
    remedy="Make each level's response target of the graver chain no longer than the lesser's.",
    page="escalation",
)
def targets_loosen(_ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    chains = sorted(system.chains, key=lambda c: c.chain.severity.rank)
    for graver, lesser in zip(chains, chains[1:], strict=False):
        for number, (high, low) in enumerate(zip(graver.levels, lesser.levels, strict=False), 1):
            fast, slow = high.level.response_minutes, low.level.response_minutes
            if fast is not None and slow is not None and fast > slow:
                yield Hit(
                    f"level {number}: {_name(graver)} allows {fast} min, "
                    f"{_name(lesser)} only {slow} min",
                    (("escalation_level", high.level.id), ("escalation_level", low.level.id)),
                )


@rule(
    "ESC-007",
    Level.WARNING,
    title="Escalation level without a response target",
    explanation="""Without a response target nobody can tell whether a level has failed to
        answer and the incident should move on.""",
    remedy="Set the minutes within which this level must respond.",
    page="escalation",
)
def level_without_response(_ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    for chain in system.chains:
        for number, level in enumerate(chain.levels, 1):
            if level.level.response_minutes is None:
                yield Hit(
                    f"level {number} of the {_name(chain)} has no response target",
                    (("escalation_level", level.level.id),),
                )


@rule(
    "ESC-008",
    Level.BLOCKER,
    title="Escalation to an inactive person",
    explanation="""An escalation that pages someone who has left the organisation loses the
        time until someone notices nobody is coming.""",
    remedy="Replace the inactive person with an active one or a team.",
    page="escalation",
)
def inactive_target(ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    for chain in system.chains:
        for number, level in enumerate(chain.levels, 1):
            for target in level.targets:
                if ctx.inactive(target.person_id):
                    yield Hit(
                        f"{ctx.who(target.person_id)} (inactive) is a target at level {number} "
                        f"of the {_name(chain)}",
                        (("escalation_target", target.id), ("escalation_level", level.level.id)),
                        remedy=ctx.hand_over(
                            target.person_id, f"level {number} of the {_name(chain)}"
                        ),
                    )
