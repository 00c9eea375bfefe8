"""Monitoring and governance in a demo system's plan, and its parking-lot action item."""

from __future__ import annotations

from planner.demo.builder import COMPLETE, NEARLY, PILOT, REGULATED, ROUND_CLOCK, SystemDraft
from planner.domain.enums import ActionStatus, ControlStatus, ReadinessStatus


def add_retraining(draft: SystemDraft) -> None:
    """The template's retraining plan; the pilot's owner approves their own, with no rollback."""
    if draft.template.retraining is None:
        return
    b, blank, state, c = draft.builder, draft.blank, draft.state, draft.cast
    retraining = draft.template.retraining.model_dump(mode="json")
    b.add(
        "retraining_plans",
        system_id=draft.system,
        owner_id=None if blank else c.ml_lead,
        approver_id=None if blank else (c.ml_lead if state == PILOT else c.risk),
        cadence=retraining["cadence"],
        triggers=retraining["triggers"],
        validation_steps=retraining["validation_steps"],
        rollback_plan="" if state in (PILOT,) else retraining["rollback_plan"],
        last_retrained=None if blank else b.days_ago(45),
    )


def add_monitoring(draft: SystemDraft) -> None:
    """Monitoring signals and human review rules.

    Nearly ready: the user-feedback signal has no owner; regulated: no human review rule.
    """
    b, blank, state = draft.builder, draft.blank, draft.state
    for signal in draft.template.monitoring_signals:
        no_owner = blank or (state == NEARLY and signal.kind.value == "user_feedback")
        b.add(
            "monitoring_signals",
            system_id=draft.system,
            **signal.model_dump(mode="json"),
            alert_channel="" if blank else "#ai-ops-alerts",
            alert_person_id=None if blank else draft.cast.ops_lead,
            alert_team_id=None if blank else draft.tier_teams["L2"],
            owner_id=None if no_owner else draft.cast.ml_lead,
        )
    if state != REGULATED:
        for rule in draft.template.human_review_rules:
            b.add("human_review_rules", system_id=draft.system, **rule.model_dump(mode="json"))


def add_governance(draft: SystemDraft) -> None:
    """Governance controls and readiness criteria: in place and ready only when complete."""
    b, blank, state, c = draft.builder, draft.blank, draft.state, draft.cast
    for control in draft.template.governance_controls:
        b.add(
            "governance_controls",
            system_id=draft.system,
            **control.model_dump(mode="json"),
            owner_id=None if blank else c.risk,
            status=ControlStatus.PLANNED.value if blank else ControlStatus.IN_PLACE.value,
            evidence="" if blank else "Reviewed at the go-live readiness board",
        )
    for criterion in draft.template.readiness_criteria:
        b.add(
            "readiness_criteria",
            system_id=draft.system,
            area=criterion.area.value,
            status=(
                ReadinessStatus.NOT_ASSESSED
                if blank
                else ReadinessStatus.READY
                if state == COMPLETE
                else ReadinessStatus.AT_RISK
            ).value,
            evidence="" if blank else "Signed checklist in the project folder",
            owner_id=None if blank else c.owner,
        )


def add_baselines(draft: SystemDraft) -> None:
    """Baselines; the pilot's first has no baseline value, only the complete one is measured."""
    b, blank, state = draft.builder, draft.blank, draft.state
    for number, baseline in enumerate(draft.template.baselines):
        target = baseline.target_value
        b.add(
            "baselines",
            system_id=draft.system,
            metric=baseline.metric,
            unit=baseline.unit,
            baseline_value=None
            if blank or (state == PILOT and number == 0)
            else round((target or 1) * 3.5, 2),
            target_value=target,
            current_value=None if state != COMPLETE else round((target or 1) * 1.1, 2),
        )


def add_action_item(draft: SystemDraft) -> None:
    """One parking-lot item for the owner; the 24x7 system's is overdue."""
    if draft.blank:
        return
    b, state = draft.builder, draft.state
    overdue = state == ROUND_CLOCK
    b.add(
        "action_items",
        text="Confirm weekend cover for the L2 rota"
        if overdue
        else "Agree the quarterly review date with the business owner",
        system_id=draft.system,
        owner_id=draft.cast.owner,
        due=b.days_ago(7) if overdue else b.days_ago(-21),
        status=ActionStatus.OPEN.value if state != COMPLETE else ActionStatus.DONE.value,
    )
