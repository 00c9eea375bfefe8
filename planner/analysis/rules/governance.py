"""Rules about governance controls, readiness criteria, baselines and sign-off."""

from __future__ import annotations

from collections.abc import Iterator

from planner.analysis.policy import Level
from planner.analysis.rule import Context, Hit, lower, rule
from planner.domain.enums import (
    ControlKind,
    ControlStatus,
    LifecycleStage,
    ReadinessArea,
    ReadinessStatus,
    SignOffRole,
)
from planner.store.plan_hash import plan_hash
from planner.store.snapshot import SystemPlan


def control_name(kind: ControlKind) -> str:
    """ "audit trail control", "model change control" (never "model change control control")."""
    name = lower(kind.label)
    return name if name.endswith("control") else f"{name} control"


@rule(
    "GOV-001",
    Level.BLOCKER,
    title="Required governance control missing",
    explanation="""Role-based access, an audit trail, model change control and incident
        response are the controls an auditor asks for first; each must be written down with
        an owner before the system carries real work.""",
    remedy="Add the control, describe it and name its owner.",
    page="governance",
)
def missing_control(ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    kinds = {ControlKind(c.kind) for c in system.controls}
    for kind in ctx.policy.required_controls:
        if kind not in kinds:
            yield Hit(f"no {control_name(kind)}", (("system", system.id),))


@rule(
    "GOV-002",
    Level.WARNING,
    title="Governance control without an owner",
    explanation="""A control without an owner is not operated: access is never reviewed,
        the audit trail never read.""",
    remedy="Name the person who operates and evidences this control.",
    page="governance",
)
def control_without_owner(_ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    for control in system.controls:
        if control.owner_id is None:
            yield Hit(
                f"the {control_name(ControlKind(control.kind))} has no owner",
                (("governance_control", control.id),),
            )


@rule(
    "GOV-003",
    Level.WARNING,
    title="Production system with a control still only planned",
    explanation="""In production a control must be in place, not planned: a planned access
        review protects nothing.""",
    remedy="Put the control in place and record its evidence, or leave production until it is.",
    page="governance",
)
def planned_control_in_production(_ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    if LifecycleStage(system.system.stage) != LifecycleStage.PRODUCTION:
        return
    for control in system.controls:
        if ControlStatus(control.status) == ControlStatus.PLANNED:
            yield Hit(
                f"the {control_name(ControlKind(control.kind))} is only planned",
                (("governance_control", control.id),),
            )


@rule(
    "RDY-001",
    Level.WARNING,
    title="Readiness area not assessed",
    explanation="""A readiness area nobody has assessed is a risk nobody has looked at; the
        sign-off meeting will assume it is fine.""",
    remedy="Assess the area and set its status (ready, at risk or not ready).",
    page="governance",
)
def not_assessed(_ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    if not system.criteria:
        yield Hit("no readiness areas are recorded", (("system", system.id),))
    for criterion in system.criteria:
        if ReadinessStatus(criterion.status) == ReadinessStatus.NOT_ASSESSED:
            yield Hit(
                f"{lower(ReadinessArea(criterion.area).label)} is not assessed",
                (("readiness_criterion", criterion.id),),
            )


@rule(
    "RDY-002",
    Level.WARNING,
    title="Readiness status without evidence",
    explanation="""A status without evidence is an opinion. The evidence (a test report, a
        trained user count, a signed DPIA) is what lets someone else trust it.""",
    remedy="Record the evidence behind the status.",
    page="governance",
)
def without_evidence(_ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    for criterion in system.criteria:
        assessed = ReadinessStatus(criterion.status) != ReadinessStatus.NOT_ASSESSED
        if assessed and not criterion.evidence.strip():
            yield Hit(
                f"{lower(ReadinessArea(criterion.area).label)} has no evidence",
                (("readiness_criterion", criterion.id),),
            )


@rule(
    "RDY-003",
    Level.BLOCKER,
    title="Production system with an area not ready",
    explanation="""A system in production with a readiness area marked not ready is running
        with a known, unaccepted gap.""",
    remedy="Close the gap, or record it as at risk with a mitigation and an owner.",
    page="governance",
)
def not_ready_in_production(_ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    if LifecycleStage(system.system.stage) != LifecycleStage.PRODUCTION:
        return
    for criterion in system.criteria:
        if ReadinessStatus(criterion.status) == ReadinessStatus.NOT_READY:
            yield Hit(
                f"{lower(ReadinessArea(criterion.area).label)} is not ready",
                (("readiness_criterion", criterion.id),),
            )


@rule(
    "BASE-001",
    Level.WARNING,
    title="Baseline without a baseline value or target",
    explanation="""Whether the system is worth running is judged against where things stood
        before it and where they should get to. A metric without both numbers cannot show
        either.""",
    remedy="Record the value measured before the system and the target value.",
    page="governance",
)
def incomplete_baseline(_ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    for baseline in system.baselines:
        missing = [
            name
            for name, value in (
                ("baseline value", baseline.baseline_value),
                ("target", baseline.target_value),
            )
            if value is None
        ]
        if missing:
            yield Hit(
                f"'{baseline.metric}' has no {' or '.join(missing)}", (("baseline", baseline.id),)
            )


@rule(
    "SIGN-001",
    Level.BLOCKER,
    title="Production system without the required sign-offs",
    explanation="""Production means the organisation has accepted the operating model. The
        required roles signing is the record that the business, operations, data and support
        owners agreed to run it.""",
    remedy="Collect the missing sign-offs, or move the system back to limited rollout.",
    page="signoff",
)
def production_unsigned(ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    if LifecycleStage(system.system.stage) != LifecycleStage.PRODUCTION:
        return
    signed = {SignOffRole(s.role) for s in system.sign_offs}
    required = [SignOffRole(r) for r in ctx.plan.info.required_signoff_roles]
    missing = [lower(role.label) for role in required if role not in signed]
    if missing:
        yield Hit(
            f"in production without sign-off by {', '.join(missing)}", (("system", system.id),)
        )


@rule(
    "SIGN-002",
    Level.BLOCKER,
    title="Plan changed since it was signed",
    explanation="""A signed plan is locked so that what was agreed is what runs. If the plan no
        longer matches the hash recorded at sign-off, it was changed outside the app (or the
        people it names changed their contact details), and the signatures no longer cover it.""",
    remedy="Review the changes, then reopen the system and collect the sign-offs again.",
    page="signoff",
)
def changed_since_signed(ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    if not system.system.locked:
        return
    signed = system.system.signed_hash
    if signed is None or plan_hash(ctx.plan, system) != signed:
        yield Hit("the plan no longer matches what was signed", (("system", system.id),))


@rule(
    "SIGN-003",
    Level.WARNING,
    title="Sign-off by an inactive person",
    explanation="""A sign-off by someone who has since left is a commitment nobody holds any
        more; the role should be signed again by its current holder.""",
    remedy="Reopen the system and have the role's current holder sign.",
    page="signoff",
)
def inactive_signatory(ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    for sign_off in system.sign_offs:
        if ctx.inactive(sign_off.person_id):
            role = lower(SignOffRole(sign_off.role).label)
            yield Hit(
                f"{ctx.who(sign_off.person_id)} signed as {role} but is inactive",
                (("sign_off", sign_off.id), ("person", sign_off.person_id)),
            )
