"""Rules about who owns the work: the RACI matrix and key-person risk."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from planner.analysis.policy import Level
from planner.analysis.rule import Context, Hit, lower, rule
from planner.domain.enums import RaciRole
from planner.domain.plan import RaciAssignment, SystemPlan


def _cells_by_activity(system: SystemPlan) -> dict[str, list[RaciAssignment]]:
    cells: dict[str, list[RaciAssignment]] = defaultdict(list)
    for cell in system.raci:
        cells[cell.activity_id].append(cell)
    return cells


@rule(
    "RACI-001",
    Level.BLOCKER,
    title="Activity without an Accountable",
    explanation="""Every operating activity needs one person who answers for it. Without an
        Accountable, a failing activity (retraining that never happens, alerts nobody acts
        on) has nobody whose job it is to notice and decide.""",
    remedy="Make one person Accountable (A) for the activity in the ownership matrix.",
    page="ownership",
)
def no_accountable(ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    cells = _cells_by_activity(system)
    for activity in ctx.plan.activities:
        if not any(c.role == RaciRole.ACCOUNTABLE for c in cells.get(activity.id, ())):
            yield Hit(
                f"nobody is Accountable for {activity.name}",
                (("activity", activity.id),),
                remedy=f"Make one person Accountable (A) for {activity.name} in the ownership "
                "matrix.",
            )


@rule(
    "RACI-002",
    Level.BLOCKER,
    title="Activity with more than one Accountable",
    explanation="""Two Accountables for one activity means each can assume the other decides;
        in an incident that costs the time it takes to find out who has the final say.""",
    remedy="Keep one Accountable; make the others Responsible or Consulted.",
    page="ownership",
)
def several_accountable(ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    cells = _cells_by_activity(system)
    for activity in ctx.plan.activities:
        accountable = [c for c in cells.get(activity.id, ()) if c.role == RaciRole.ACCOUNTABLE]
        if len(accountable) > 1:
            names = ", ".join(ctx.who(c.person_id, c.team_id) for c in accountable)
            yield Hit(
                f"{len(accountable)} Accountables for {activity.name}: {names}",
                tuple(("raci", c.id) for c in accountable),
            )


@rule(
    "RACI-003",
    Level.BLOCKER,
    title="Activity without a Responsible",
    explanation="""An Accountable decides, but someone has to do the work. An activity with
        nobody Responsible is a task the plan assumes will happen by itself.""",
    remedy="Make at least one person or team Responsible (R) for the activity.",
    page="ownership",
)
def no_responsible(ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    cells = _cells_by_activity(system)
    for activity in ctx.plan.activities:
        if not any(c.role == RaciRole.RESPONSIBLE for c in cells.get(activity.id, ())):
            yield Hit(
                f"nobody is Responsible for {activity.name}",
                (("activity", activity.id),),
                remedy=f"Make at least one person or team Responsible (R) for {activity.name}.",
            )


@rule(
    "RACI-004",
    Level.BLOCKER,
    title="RACI role held by an inactive person",
    explanation="""People leave and change jobs. A role held by someone marked inactive looks
        covered in the matrix but is empty in practice.""",
    remedy="Give the role to an active person (often the leaver's deputy or successor).",
    page="ownership",
)
def inactive_assignee(ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    for cell in system.raci:
        if cell.person_id is not None and ctx.inactive(cell.person_id):
            activity = ctx.activity_names.get(cell.activity_id, "an activity")
            role = cell.role
            yield Hit(
                f"{ctx.who(cell.person_id)} is inactive but is {role.label} for {activity}",
                (("raci", cell.id), ("person", cell.person_id)),
                remedy=ctx.hand_over(cell.person_id, f"the {role.label} role for {activity}"),
            )


@rule(
    "RACI-005",
    Level.BLOCKER,
    title="Retraining approved without independence",
    explanation="""Whoever runs retraining must not be the one to approve the retrained model
        going live: a second pair of eyes is what catches a model that passed its own
        builder's tests. An Accountable who approves work someone else carried out is RACI as
        defined and fine for most systems; where the risk tier is high or critical, or the
        system is regulated, the approver must also stand outside the delivery team, so the
        retraining's Accountable may not approve it either.""",
    remedy="Name an approver of retraining who is neither its owner nor, for a high-risk or "
    "regulated system, its Accountable (model risk or a second-line reviewer).",
    page="retraining",
)
def retraining_self_approval(ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    plan = system.retraining
    if plan is None or plan.approver_id is None:
        return
    refs = (("retraining_plan", plan.id), ("person", plan.approver_id))
    if plan.approver_id == plan.owner_id:
        yield Hit(f"{ctx.who(plan.approver_id)} approves the retraining they carry out", refs)
        return
    if not ctx.high_stakes(system):
        return
    retraining = next((a for a in ctx.plan.activities if a.key == "retraining"), None)
    accountable = {
        c.person_id
        for c in system.raci
        if retraining is not None
        and c.activity_id == retraining.id
        and c.role == RaciRole.ACCOUNTABLE
    }
    if plan.approver_id in accountable:
        yield Hit(
            f"{ctx.who(plan.approver_id)} approves the retraining they are Accountable for, "
            f"and the system is {_stakes(system)}",
            refs,
        )


def _stakes(system: SystemPlan) -> str:
    """Why a system counts as high-stakes, in words."""
    row = system.system
    risk = f"{row.risk_tier} risk"
    return f"{risk} and regulated" if row.regulated else risk


@rule(
    "KEY-001",
    Level.WARNING,
    title="One person Accountable for too many activities",
    explanation="""When one person is Accountable for a large share of all activities across
        the portfolio, their holiday, illness or departure stalls everything at once, and
        they are unlikely to give each activity real attention.""",
    remedy="Spread accountability: hand some activities to other people or their deputies.",
    page="ownership",
)
def accountable_for_many_activities(ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    limit = ctx.policy.max_accountable_activities
    system_id = system.id
    for person_id in ctx.accountable_by_system.get(system_id, ()):
        per_system = ctx.accountable[person_id]
        total = sum(len(cells) for cells in per_system.values())
        if total > limit:
            yield Hit(
                f"{ctx.who(person_id)} is Accountable for {total} activities across the "
                f"portfolio (limit {limit})",
                (("person", person_id), *(("raci", c.id) for c in per_system[system_id])),
            )


@rule(
    "KEY-002",
    Level.WARNING,
    title="One person Accountable in too many systems",
    explanation="""Accountability for many systems concentrates risk in one person: a single
        absence leaves several production systems without anyone to decide.""",
    remedy="Name different Accountables for some of the systems.",
    page="ownership",
)
def accountable_in_many_systems(ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    limit = ctx.policy.max_accountable_systems
    for person_id in ctx.accountable_by_system.get(system.id, ()):
        per_system = ctx.accountable[person_id]
        if len(per_system) > limit:
            yield Hit(
                f"{ctx.who(person_id)} is Accountable in {len(per_system)} systems (limit {limit})",
                (("person", person_id),),
            )


@rule(
    "KEY-003",
    Level.WARNING,
    title="Sole escalation target without a deputy",
    explanation="""If an escalation level names one person and that person has no active
        deputy, an incident escalated while they are away reaches nobody.""",
    remedy="Give the person an active deputy, or add a second target (a team) to the level.",
    page="escalation",
)
def sole_target_without_deputy(ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    for chain in system.chains:
        for number, level in enumerate(chain.levels, 1):
            if len(level.targets) != 1 or level.targets[0].person_id is None:
                continue
            person = ctx.person(level.targets[0].person_id)
            if person is None:
                continue
            if person.deputy_id is None or ctx.inactive(person.deputy_id):
                yield Hit(
                    f"{person.name} is the only target of level {number} of the "
                    f"{chain.chain.severity.value.upper()} chain and has no active deputy",
                    (("escalation_level", level.level.id), ("person", person.id)),
                )


@rule(
    "KEY-004",
    Level.WARNING,
    title="One person Accountable for most of one system",
    explanation="""Counting across the portfolio misses the system that hangs on one person:
        when someone is Accountable for most of a single system's activities, their absence
        stops that system's operation, and when the same person also signs the plan off,
        nobody independent has accepted it.""",
    remedy="Hand some of the activities to other people (their deputies are a start).",
    page="ownership",
)
def accountable_for_most_of_system(ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    activities = len(ctx.plan.activities)
    if activities < 4:
        return
    per_person: dict[str, list[RaciAssignment]] = defaultdict(list)
    for cell in system.raci:
        if cell.role == RaciRole.ACCOUNTABLE and cell.person_id is not None:
            per_person[cell.person_id].append(cell)
    for person_id, cells in per_person.items():
        if len(cells) <= activities * ctx.policy.max_accountable_share:
            continue
        signs = sorted(lower(s.role.label) for s in system.sign_offs if s.person_id == person_id)
        also = f", and signs the plan as {' and '.join(signs)}" if signs else ""
        deputy = ctx.deputy_of(person_id)
        yield Hit(
            f"{ctx.who(person_id)} is Accountable for {len(cells)} of the {activities} "
            f"activities{also}",
            (("person", person_id), *(("raci", c.id) for c in cells)),
            remedy="Hand some of these activities to other people"
            + (f" ({deputy}, their deputy, is a start)." if deputy else "."),
        )
