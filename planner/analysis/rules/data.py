"""Rules about data sources, action items, and owners who have left."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from planner.analysis.policy import Level
from planner.analysis.rule import PAGE_OF_KIND, Context, Hit, control_name, lower, rule
from planner.domain.enums import ActionStatus
from planner.domain.plan import ActionItem, SystemPlan


@rule(
    "DATA-001",
    Level.WARNING,
    title="Data source without an owner",
    explanation="""When a source changes its format or stops arriving, someone on the data side
        has to fix it. Without a named owner, the model's team finds out from wrong outputs.""",
    remedy="Name the person who owns this data source.",
    page="overview",
)
def source_without_owner(_ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    for source in system.data_sources:
        if source.owner_id is None:
            yield Hit(f"data source '{source.name}' has no owner", (("data_source", source.id),))


@rule(
    "DATA-002",
    Level.WARNING,
    title="Data source without a refresh cadence",
    explanation="""Knowing how often a source refreshes is how operators tell stale data from a
        quiet day; without it, a stopped feed goes unnoticed.""",
    remedy="Record how often the source is refreshed (e.g. hourly, daily at 06:00).",
    page="overview",
)
def source_without_cadence(_ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    for source in system.data_sources:
        if not source.refresh_cadence.strip():
            yield Hit(
                f"data source '{source.name}' has no refresh cadence", (("data_source", source.id),)
            )


@rule(
    "DATA-003",
    Level.WARNING,
    title="Data source without quality checks",
    explanation="""A model is only as good as what it is fed. A source whose loads are never
        checked (row counts, missing values, ranges, schema) passes a broken feed straight
        into the model's outputs.""",
    remedy="Describe the checks run on each load of this source (and what happens when one fails).",
    page="overview",
)
def source_without_checks(_ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    for source in system.data_sources:
        if not source.quality_checks.strip():
            yield Hit(
                f"data source '{source.name}' has no quality checks", (("data_source", source.id),)
            )


def _overdue(ctx: Context, actions: Iterable[ActionItem]) -> Iterator[Hit]:
    for action in actions:
        if action.status == ActionStatus.OPEN and action.due is not None and action.due < ctx.today:
            owner = f" ({ctx.who(action.owner_id)})" if action.owner_id else ""
            yield Hit(
                f"'{action.text}'{owner} was due on {action.due.isoformat()}",
                (("action_item", action.id),),
            )


_OVERDUE = {
    "title": "Action item overdue",
    "explanation": """Open actions past their due date are the workshop's promises that were
        not kept; each one is a gap the plan says will be closed and is not.""",
    "remedy": "Do the action, give it a new due date, or drop it with a reason.",
    "page": "actions",
}


@rule("ACT-001", Level.WARNING, **_OVERDUE)
def overdue_action(ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    yield from _overdue(ctx, system.actions)


@rule(
    "ACT-002",
    Level.WARNING,
    scope="workspace",
    **{**_OVERDUE, "title": "General action item overdue"},
)
def overdue_general_action(ctx: Context) -> Iterator[Hit]:
    yield from _overdue(ctx, ctx.plan.general_actions)


@rule(
    "PEOPLE-001",
    Level.WARNING,
    title="Owner who is no longer active",
    explanation="""Documents, data sources, signals, controls and the retraining plan each name
        an owner. When that person is marked inactive the item is, in effect, unowned.""",
    remedy="Hand the item to an active person.",
    page="overview",
)
def inactive_owner(ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    owned: list[tuple[str, str, Any, str]] = [
        *(("document", f"the document '{d.title}'", d, "owner_id") for d in system.documents),
        *(
            ("data_source", f"the data source '{s.name}'", s, "owner_id")
            for s in system.data_sources
        ),
        *(
            ("monitoring_signal", f"the {lower(s.kind.label)} signal", s, "owner_id")
            for s in system.signals
        ),
        *(("governance_control", control_name(c.kind), c, "owner_id") for c in system.controls),
        *(
            (
                "readiness_criterion",
                f"the {lower(c.area.label)} readiness area",
                c,
                "owner_id",
            )
            for c in system.criteria
        ),
        *(("action_item", f"the action '{a.text}'", a, "owner_id") for a in system.actions),
    ]
    if system.retraining is not None:
        owned.append(("retraining_plan", "retraining", system.retraining, "owner_id"))
        owned.append(("retraining_plan", "retraining approval", system.retraining, "approver_id"))
    for kind_name, label, row, column in owned:
        person_id = getattr(row, column)
        if ctx.inactive(person_id):
            verb = "is approved" if column == "approver_id" else "is owned"
            yield Hit(
                f"{label} {verb} by {ctx.who(person_id)}, who is inactive",
                ((kind_name, row.id), ("person", person_id)),
                PAGE_OF_KIND[kind_name],
                remedy=ctx.hand_over(person_id, label),
            )
