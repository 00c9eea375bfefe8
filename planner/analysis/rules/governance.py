"""Rules about governance controls, readiness criteria, baselines and sign-off."""

from __future__ import annotations

from collections.abc import Iterator

from planner.analysis.policy import Level
from planner.analysis.rule import Context, Hit, control_name, lower, rule
from planner.domain.enums import (
    ControlKind,
    ControlStatus,
    LifecycleStage,
    RaciRole,
    ReadinessStatus,
    SignOffRole,
)
from planner.domain.plan import SystemPlan
from planner.domain.plan_hash import plan_hash
from planner.domain.wording import listed


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
    kinds = {c.kind for c in system.controls}
    for kind in ctx.policy.required_controls:
        if kind not in kinds:
            yield Hit(
                f"no {control_name(kind).removeprefix('the ')}",
                (("system", system.id),),
                remedy=f"Add {control_name(kind)}, describe it and name its owner.",
            )


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
                f"{control_name(control.kind)} has no owner",
                (("governance_control", control.id),),
            )


@rule(
    "GOV-003",
    Level.WARNING,
    title="Production system with a control still only planned",
    explanation="""In production a control must be in place, not planned: a planned access
        review protects nothing. (High-risk and regulated systems are held to this earlier,
        by GOV-004.)""",
    remedy="Put the control in place and record its evidence, or leave production until it is.",
    page="governance",
)
def planned_control_in_production(ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    if system.system.stage != LifecycleStage.PRODUCTION:
        return
    if ctx.high_stakes(system):
        return  # GOV-004 reports it, as a blocker
    for control in system.controls:
        if control.status == ControlStatus.PLANNED:
            yield Hit(
                f"{control_name(control.kind)} is only planned",
                (("governance_control", control.id),),
            )


@rule(
    "GOV-004",
    Level.BLOCKER,
    title="High-risk or regulated system relying on a control that is only planned",
    explanation="""Once real users or real cases depend on a high-risk or regulated system
        (limited rollout and later), each of its controls must be in place: a planned audit
        trail records none of the decisions already being made.""",
    remedy="Put the control in place and record its evidence, or go back to pilot until it is.",
    page="governance",
)
def planned_control_high_stakes(ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    if not (ctx.live(system) and ctx.high_stakes(system)):
        return
    stage = lower(system.system.stage.label)
    for control in system.controls:
        if control.status == ControlStatus.PLANNED:
            yield Hit(
                f"{control_name(control.kind)} is only planned, in {stage}",
                (("governance_control", control.id),),
            )


@rule(
    "GOV-005",
    Level.BLOCKER,
    title="Personal data without a privacy control",
    explanation="""A system that processes personal data needs a privacy control (lawful
        basis, minimisation, retention and subject rights, operated by someone); without it
        the DPIA's promises are not carried out anywhere.""",
    remedy="Add a privacy control, describe it, name its owner and put it in place.",
    page="governance",
)
def personal_data_without_privacy(_ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    if not system.system.processes_personal_data:
        return
    if not any(c.kind == ControlKind.PRIVACY for c in system.controls):
        yield Hit(
            "the system processes personal data but has no privacy control",
            (("system", system.id),),
        )


@rule(
    "GOV-006",
    Level.BLOCKER,
    title="Customer-facing system without a transparency notice",
    explanation="""People who interact with an AI system must be told so (EU AI Act Art. 50).
        Once customers use it, the plan has to say how and where they are told.""",
    remedy="Record the transparency notice: what customers are told, where and when.",
    page="governance",
)
def no_transparency_notice(ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    row = system.system
    if row.customer_facing and ctx.live(system) and not row.transparency_notice.strip():
        yield Hit(
            "customers use the system but the plan records no transparency notice",
            (("system", system.id),),
        )


@rule(
    "GOV-007",
    Level.WARNING,
    title="Logs not kept long enough for a high-risk or regulated system",
    explanation="""Reconstructing what a high-risk or regulated system did, for an incident,
        a complaint or a regulator, needs its logs; deployers must keep them at least six
        months (EU AI Act Art. 26(6)). The plan must say how long they are kept.""",
    remedy="Record how many days the system's logs are kept (at least 183).",
    page="governance",
)
def short_log_retention(ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    if not ctx.high_stakes(system) or system.system.stage == LifecycleStage.IDEA:
        return
    days = system.system.log_retention_days
    minimum = ctx.policy.min_log_retention_days
    if days is None:
        yield Hit("the plan does not say how long logs are kept", (("system", system.id),))
    elif days < minimum:
        yield Hit(
            f"logs are kept {days} days; at least {minimum} are needed",
            (("system", system.id),),
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
        if criterion.status == ReadinessStatus.NOT_ASSESSED:
            yield Hit(
                f"{lower(criterion.area.label)} is not assessed",
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
        assessed = criterion.status != ReadinessStatus.NOT_ASSESSED
        if assessed and not criterion.evidence.strip():
            yield Hit(
                f"{lower(criterion.area.label)} has no evidence",
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
    if system.system.stage != LifecycleStage.PRODUCTION:
        return
    for criterion in system.criteria:
        if criterion.status == ReadinessStatus.NOT_READY:
            yield Hit(
                f"{lower(criterion.area.label)} is not ready",
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
    if system.system.stage != LifecycleStage.PRODUCTION:
        return
    signed = {s.role for s in system.sign_offs}
    required = [SignOffRole(r) for r in ctx.plan.info.required_signoff_roles]
    missing = [lower(role.label) for role in required if role not in signed]
    if missing:
        yield Hit(
            f"in production without sign-off by {', '.join(missing)}",
            (("system", system.id),),
            remedy=f"Collect the sign-off of the {', '.join(missing)}, or move the system "
            "back to limited rollout.",
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
            role = lower(sign_off.role.label)
            yield Hit(
                f"{ctx.who(sign_off.person_id)} signed as {role} but is inactive",
                (("sign_off", sign_off.id), ("person", sign_off.person_id)),
                remedy=f"Reopen the system and have the current {role} sign"
                + (
                    f" ({deputy}, {ctx.who(sign_off.person_id)}'s deputy, if they hold it now)."
                    if (deputy := ctx.deputy_of(sign_off.person_id))
                    else "."
                ),
            )


def _signers(system: SystemPlan) -> dict[str, list[SignOffRole]]:
    """Person id -> the roles they signed for."""
    signers: dict[str, list[SignOffRole]] = {}
    for sign_off in system.sign_offs:
        signers.setdefault(sign_off.person_id, []).append(sign_off.role)
    return signers


@rule(
    "SIGN-004",
    Level.WARNING,
    title="One person signing for several roles",
    explanation="""Each required role signs because it answers for a different part of the
        operating model. One person signing for two roles is one opinion recorded twice.""",
    remedy="Have each role signed by the person who holds it.",
    page="signoff",
)
def one_signer_many_roles(ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    for person_id, roles in _signers(system).items():
        if len(roles) > 1:
            labels = [lower(r.label) for r in roles]
            yield Hit(
                f"{ctx.who(person_id)} signed as {listed(labels)}",
                tuple(("sign_off", s.id) for s in system.sign_offs if s.person_id == person_id),
                remedy=f"Have the {listed(labels[1:])} "
                + ("role signed by the person who holds it." if len(labels) == 2 else "roles")
                + ("" if len(labels) == 2 else " signed by the people who hold them."),
            )


@rule(
    "SIGN-005",
    Level.BLOCKER,
    title="Risk and compliance sign-off that is not independent",
    explanation="""The risk and compliance signature is the second line's check on the first.
        Given by the business owner who wants the system live, or by the person who is the
        system's only Accountable, it checks nothing.""",
    remedy="Have risk and compliance signed by someone outside the system's delivery and "
    "ownership (the second line).",
    page="signoff",
)
def dependent_risk_signoff(ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    signers = _signers(system)
    risk = [p for p, roles in signers.items() if SignOffRole.RISK_COMPLIANCE in roles]
    accountable = {
        c.person_id for c in system.raci if c.role == RaciRole.ACCOUNTABLE and c.person_id
    }
    sole = next(iter(accountable)) if len(accountable) == 1 else None
    for person_id in risk:
        reasons = []
        if SignOffRole.BUSINESS_OWNER in signers[person_id]:
            reasons.append("also signed as business owner")
        if person_id == sole:
            reasons.append("is the system's only Accountable")
        if reasons:
            yield Hit(
                f"{ctx.who(person_id)} signed for risk and compliance but {' and '.join(reasons)}",
                tuple(("sign_off", s.id) for s in system.sign_offs if s.person_id == person_id),
            )


@rule(
    "SIGN-006",
    Level.WARNING,
    title="Plan signed off over open blockers",
    explanation="""A plan locked while the check still reported blockers was accepted with
        known gaps. That can be the right call, but it is a decision to revisit: the gaps
        stay open until someone closes them.""",
    remedy="Close the blockers that were overridden, then reopen and sign the plan again.",
    page="signoff",
)
def signed_with_override(ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    for sign_off in system.sign_offs:
        if sign_off.override_reason:
            role = lower(sign_off.role.label)
            yield Hit(
                f"locked over open blockers when {ctx.who(sign_off.person_id)} signed as "
                f'{role}: "{sign_off.override_reason}"',
                (("sign_off", sign_off.id),),
            )


@rule(
    "BASE-002",
    Level.WARNING,
    title="Live system without any baseline",
    explanation="""Once real users depend on a system, whether it is worth running is a
        question someone will ask. Without a single baseline (how things stood before it,
        and the target) nobody can answer it, or notice that the benefit has gone.""",
    remedy="Record at least one baseline metric with its value before the system and a target.",
    page="governance",
)
def live_without_baselines(ctx: Context, system: SystemPlan) -> Iterator[Hit]:
    if ctx.live(system) and not system.baselines:
        stage = lower(system.system.stage.label)
        yield Hit(f"in {stage} with no baselines", (("system", system.id),))
