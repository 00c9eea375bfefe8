"""Rules about keeping the model healthy: retraining, monitoring and human review."""

from __future__ import annotations

from collections.abc import Iterator

from planner.analysis.policy import Level
from planner.analysis.rule import Context, Hit, lower, rule
from planner.domain.enums import HoursOfOperation, LifecycleStage
from planner.domain.plan import SystemPlan
from planner.domain.wording import count_of

_RETRAINING = "retraining"


@rule(
    "RET-001",
    Level.BLOCKER,
    title="No retraining plan",
    explanation="""Models degrade as the world they learned from changes. Without a plan for
        when and how to retrain (or, for a vendor model, re-evaluate), the first sign of
        degradation becomes a project instead of a routine.""",
    remedy="Add a retraining plan with an owner, approver, triggers, validation and rollback.",
    page=_RETRAINING,
)
def no_retraining_plan(_ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    if system.retraining is None:
        yield Hit("the system has no retraining plan", (("system", system.id),))


def _retraining_gap(system: SystemPlan, missing: bool, message: str) -> Iterator[Hit]:
    plan = system.retraining
    if plan is not None and missing:
        yield Hit(message, (("retraining_plan", plan.id),))


@rule(
    "RET-002",
    Level.BLOCKER,
    title="Retraining plan without an owner",
    explanation="""Retraining competes with every other priority; without a named owner it is
        the task that is always postponed.""",
    remedy="Name the person who runs retraining.",
    page=_RETRAINING,
)
def retraining_owner(_ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    plan = system.retraining
    yield from _retraining_gap(
        system, plan is not None and plan.owner_id is None, "retraining has no owner"
    )


@rule(
    "RET-003",
    Level.BLOCKER,
    title="Retraining plan without an approver",
    explanation="""A retrained model is a new model. Someone other than its builder must decide
        that it may replace the one in production.""",
    remedy="Name the person who approves a retrained model for production.",
    page=_RETRAINING,
)
def retraining_approver(_ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    plan = system.retraining
    yield from _retraining_gap(
        system, plan is not None and plan.approver_id is None, "retraining has no approver"
    )


@rule(
    "RET-004",
    Level.WARNING,
    title="Retraining plan without a trigger",
    explanation="""Triggers (drift, a drop in quality, a change of source data, a schedule) say
        when retraining starts. Without one, it starts when someone complains.""",
    remedy="Choose at least one retraining trigger.",
    page=_RETRAINING,
)
def retraining_trigger(_ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    plan = system.retraining
    yield from _retraining_gap(
        system, plan is not None and not plan.triggers, "retraining has no trigger"
    )


@rule(
    "RET-005",
    Level.BLOCKER,
    title="Retraining plan without a validation step",
    explanation="""Without an agreed test a retrained model must pass, a worse model can reach
        production and nobody can say it should not have.""",
    remedy="Describe the validation a retrained model must pass before release.",
    page=_RETRAINING,
)
def retraining_validation(_ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    plan = system.retraining
    yield from _retraining_gap(
        system,
        plan is not None and not plan.validation_steps.strip(),
        "retraining has no validation step",
    )


@rule(
    "RET-006",
    Level.BLOCKER,
    title="Retraining plan without a rollback plan",
    explanation="""When a retrained model misbehaves in production, the fastest fix is the
        previous model. That only works if someone planned how to go back.""",
    remedy="Describe how to restore the previous model version.",
    page=_RETRAINING,
)
def retraining_rollback(_ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    plan = system.retraining
    yield from _retraining_gap(
        system,
        plan is not None and not plan.rollback_plan.strip(),
        "retraining has no rollback plan",
    )


@rule(
    "MON-001",
    Level.BLOCKER,
    title="Signal not monitored",
    explanation="""Data drift, output quality, usage, exceptions and user feedback are the five
        ways an AI system tells its operators it is going wrong. An unwatched signal is a
        failure found by users instead of by the team.""",
    remedy="Add a monitoring signal of this kind with a metric, threshold, alert route and owner.",
    page="monitoring",
)
def unmonitored_signal(ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    kinds = {s.kind for s in system.signals}
    for kind in ctx.policy.required_signals:
        if kind not in kinds:
            yield Hit(
                f"{lower(kind.label)} is not monitored",
                (("system", system.id),),
                remedy=f"Add a {lower(kind.label)} signal with a metric, threshold, alert route "
                "and owner.",
            )


@rule(
    "MON-002",
    Level.WARNING,
    title="Monitoring signal incomplete",
    explanation="""A signal is only monitoring when it has a metric, a threshold that means
        trouble and an owner who acts on it; without any one of these the dashboard turns red
        and nothing happens. (Who receives the alert is MON-003.)""",
    remedy="Fill in the signal's metric, threshold and owner.",
    page="monitoring",
)
def incomplete_signal(_ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    for signal in system.signals:
        missing = [
            name
            for name, absent in (
                ("metric", not signal.metric.strip()),
                ("threshold", not signal.threshold.strip()),
                ("owner", signal.owner_id is None),
            )
            if absent
        ]
        if missing:
            yield Hit(
                f"{lower(signal.kind.label)} signal has no {', '.join(missing)}",
                (("monitoring_signal", signal.id),),
            )


@rule(
    "MON-003",
    Level.WARNING,
    title="Alerts reach nobody",
    explanation="""An alert needs a receiver: a person, a team or a channel someone watches.
        Deleting the person who received a signal's alerts leaves the signal firing into the
        void (the plan keeps the signal and forgets the receiver), and nobody notices until
        the failure it was meant to catch reaches the users.""",
    remedy="Choose who receives the signal's alerts: a person, a team or a channel.",
    page="monitoring",
)
def alerts_reach_nobody(_ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    for signal in system.signals:
        if (
            signal.alert_channel.strip()
            or signal.alert_person_id is not None
            or signal.alert_team_id is not None
        ):
            continue
        name = f"the {lower(signal.kind.label)} signal"
        if signal.metric.strip():
            name += f" ({signal.metric.strip()})"
        yield Hit(
            f"nobody receives the alerts of {name}",
            (("monitoring_signal", signal.id),),
            remedy=f"On the Monitoring page, choose who receives the alerts of {name}: an "
            "alert person, an alert team or an alert channel (if the person who received them "
            "was deleted, name their successor).",
        )


@rule(
    "HUM-001",
    Level.BLOCKER,
    title="Regulated system without human review of decisions",
    explanation="""Where regulation applies, outputs that influence decisions about people need
        a human who reviews them, and the plan has to say which outputs, by whom and when.""",
    remedy="Add a human review rule for the outputs that influence decisions.",
    page="monitoring",
)
def regulated_without_review(_ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    if system.system.regulated and not any(r.influences_decisions for r in system.review_rules):
        yield Hit(
            "regulated, but no human review rule covers outputs that influence decisions",
            (("system", system.id),),
        )


@rule(
    "HUM-002",
    Level.WARNING,
    title="Human review rule without a reviewer",
    explanation="""A review rule that does not say who reviews is a review nobody does.""",
    remedy="Name the role that reviews these outputs.",
    page="monitoring",
)
def review_without_reviewer(_ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    for review in system.review_rules:
        if not review.reviewer_role.strip():
            yield Hit(
                f"review of '{review.outputs}' names no reviewer",
                (("human_review_rule", review.id),),
            )


def _in_use(system: SystemPlan) -> bool:
    """Past the idea stage: a pilot already handles real cases."""
    return system.system.stage != LifecycleStage.IDEA


@rule(
    "HUM-003",
    Level.BLOCKER,
    title="High-risk or regulated system without a named overseer",
    explanation="""A high-risk or regulated system needs a person assigned to oversee it who
        can understand its outputs, interpret them, override them and stop the system (EU AI
        Act Art. 14 and 26). Review rules say which outputs people check; the overseer is
        the one who answers for the system's behaviour as a whole.""",
    remedy="Name the system's overseer on the monitoring page.",
    page="monitoring",
)
def no_overseer(ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    if ctx.high_stakes(system) and _in_use(system) and system.system.overseer_id is None:
        yield Hit("nobody is named as the system's overseer", (("system", system.id),))


@rule(
    "HUM-004",
    Level.WARNING,
    title="Overseer without recorded competence and training",
    explanation="""Oversight is only as good as the overseer's grasp of the system: its
        capacities and limits, automation bias, how to read its outputs. The plan should
        record what competence and training the overseer has (EU AI Act Art. 26(2)).""",
    remedy="Record the overseer's competence and training (course, date, what it covered).",
    page="monitoring",
)
def overseer_untrained(ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    row = system.system
    if row.overseer_id is not None and not row.overseer_training.strip():
        yield Hit(
            f"the overseer, {ctx.who(row.overseer_id)}, has no recorded competence or training",
            (("system", system.id), ("person", row.overseer_id)),
        )


@rule(
    "HUM-005",
    Level.BLOCKER,
    title="Overseer without the authority to override and stop the system",
    explanation="""An overseer who may not override an output or stop the system can only
        watch. Human oversight means the authority to disregard, reverse or halt (EU AI Act
        Art. 14(4)).""",
    remedy="Give the overseer the authority to override outputs and stop the system, and "
    "record it.",
    page="monitoring",
)
def overseer_without_authority(ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    row = system.system
    if row.overseer_id is not None and not row.overseer_can_stop:
        yield Hit(
            f"the overseer, {ctx.who(row.overseer_id)}, may not override or stop the system",
            (("system", system.id), ("person", row.overseer_id)),
        )
    if row.overseer_id is not None and ctx.inactive(row.overseer_id):
        yield Hit(
            f"the overseer, {ctx.who(row.overseer_id)}, is inactive",
            (("system", system.id), ("person", row.overseer_id)),
            remedy=ctx.hand_over(row.overseer_id, "the oversight of the system"),
        )


@rule(
    "MON-004",
    Level.WARNING,
    title="Round-the-clock system without dashboard locations",
    explanation="""Whoever is called at night for a 24x7 system first needs to see what the
        monitoring sees. If the plan does not say where the dashboards are, the on-call
        engineer spends the first minutes of an incident hunting for them, or asks the one
        person who knows and is asleep.""",
    remedy="Record where the dashboards are (links, one a line) on the Monitoring page; "
    "they print on the on-call card.",
    page="monitoring",
)
def no_dashboards(ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    row = system.system
    if (
        ctx.live(system)
        and row.hours_required == HoursOfOperation.ALWAYS
        and system.signals
        and not row.dashboards.strip()
    ):
        yield Hit(
            f"the system runs 24x7 with {count_of(len(system.signals), 'monitoring signal')} "
            "but the plan does not say where their dashboards are",
            (("system", system.id),),
        )


@rule(
    "LIFE-001",
    Level.BLOCKER,
    title="No fallback procedure",
    explanation="""Once people depend on the system, someone will one day have to switch the
        AI off (a bad model, a breach, a regulator's request) and carry on by hand. How to do
        that, and how the work continues meanwhile, must be written down before it is needed;
        it is what the on-call card prints.""",
    remedy="Describe how to switch the AI off and run the process by hand (the fallback "
    "procedure, on the governance page).",
    page="governance",
)
def no_fallback(ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    if ctx.live(system) and not system.system.fallback_procedure.strip():
        yield Hit(
            "the plan does not say how to switch the AI off and run the process by hand",
            (("system", system.id),),
        )


@rule(
    "LIFE-002",
    Level.WARNING,
    title="Production system without a decommissioning plan",
    explanation="""Every system is retired one day. Without a plan for it (who decides, what
        happens to the model, its data and its logs, how users are moved off), retirement
        leaves orphaned data and access behind.""",
    remedy="Describe how the system will be retired: decision, data and model disposal, logs "
    "kept, users moved.",
    page="governance",
)
def no_decommissioning(_ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    stage = system.system.stage
    if stage == LifecycleStage.PRODUCTION and not system.system.decommissioning_plan.strip():
        yield Hit("the plan does not say how the system will be retired", (("system", system.id),))
