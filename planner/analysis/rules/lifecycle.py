"""Rules about keeping the model healthy: retraining, monitoring and human review."""

from __future__ import annotations

from collections.abc import Iterator

from planner.analysis.policy import Level
from planner.analysis.rule import Context, Hit, lower, rule
from planner.domain.enums import SignalKind
from planner.domain.plan import SystemPlan

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
    kinds = {SignalKind(s.kind) for s in system.signals}
    for kind in ctx.policy.required_signals:
        if kind not in kinds:
            yield Hit(f"{lower(kind.label)} is not monitored", (("system", system.id),))


@rule(
    "MON-002",
    Level.WARNING,
    title="Monitoring signal incomplete",
    explanation="""A signal is only monitoring when it has a metric, a threshold that means
        trouble, a route the alert takes and an owner who acts on it; without any one of these
        the dashboard turns red and nothing happens.""",
    remedy="Fill in the signal's metric, threshold, alert route and owner.",
    page="monitoring",
)
def incomplete_signal(_ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    for signal in system.signals:
        missing = [
            name
            for name, absent in (
                ("metric", not signal.metric.strip()),
                ("threshold", not signal.threshold.strip()),
                (
                    "alert route",
                    not signal.alert_channel.strip()
                    and signal.alert_person_id is None
                    and signal.alert_team_id is None,
                ),
                ("owner", signal.owner_id is None),
            )
            if absent
        ]
        if missing:
            yield Hit(
                f"{lower(SignalKind(signal.kind).label)} signal has no {', '.join(missing)}",
                (("monitoring_signal", signal.id),),
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
