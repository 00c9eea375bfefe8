"""What one person holds in a plan: RACI roles, escalation duties, sign-offs, ownerships."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from planner.domain.enums import RaciRole
from planner.domain.plan import Plan, SystemPlan


@dataclass(frozen=True, slots=True)
class Responsibility:
    """One thing a person holds, said for people (``what``) and addressed for code."""

    system_id: str | None  # None for what is not tied to one system (a deputy, a general action)
    system_name: str
    kind_name: str  # the entity kind holding the reference ("raci", "sign_off", ...)
    entity_id: str
    field: str  # the column naming the person ("person_id", "owner_id", "deputy_id", ...)
    what: str  # e.g. "Accountable for Model monitoring"
    # Deleting the person deletes this row (RACI cell, escalation target, sign-off); otherwise
    # the field is only left empty.
    removed_with_person: bool

    @property
    def accountable(self) -> bool:
        return self.kind_name == "raci" and self.what.startswith(RaciRole.ACCOUNTABLE.label)


def responsibilities_of(plan: Plan, person_id: str) -> list[Responsibility]:
    """Everything ``person_id`` holds in ``plan``: Accountable first, then system by system."""
    found: list[Responsibility] = []
    for system in sorted(plan.systems.values(), key=lambda s: (s.name.casefold(), s.id)):
        found.extend(_in_system(plan, system, person_id))
    for action in plan.general_actions:
        if action.owner_id == person_id:
            found.append(_entry(None, "action_item", action, "owner_id", _action(action)))
    for other in sorted(plan.people.values(), key=lambda p: (str(p.name).casefold(), p.id)):
        if other.deputy_id == person_id and other.id != person_id:
            found.append(_entry(None, "person", other, "deputy_id", f"Deputy of {other.name}"))
    found.sort(key=lambda r: not r.accountable)  # stable: keeps the system order
    return found


def _entry(
    system: SystemPlan | None,
    kind_name: str,
    row: Any,
    field: str,
    what: str,
    *,
    removed: bool = False,
) -> Responsibility:
    return Responsibility(
        system_id=system.id if system is not None else None,
        system_name=system.name if system is not None else "",
        kind_name=kind_name,
        entity_id=str(row.id),
        field=field,
        what=what,
        removed_with_person=removed,
    )


def _action(row: Any) -> str:
    return f"Owner of the action “{row.text}”"


def _in_system(plan: Plan, system: SystemPlan, person_id: str) -> Iterator[Responsibility]:
    activities = {a.id: str(a.name) for a in plan.activities}
    for row in system.raci:
        if row.person_id == person_id:
            role = row.role.label
            what = f"{role} for {activities.get(row.activity_id, 'an activity')}"
            yield _entry(system, "raci", row, "person_id", what, removed=True)
    for chain in system.chains:
        severity = chain.chain.severity.label
        for level in chain.levels:
            for target in level.targets:
                if target.person_id == person_id:
                    what = f"Escalation target at {severity}, level {level.level.position + 1}"
                    yield _entry(
                        system, "escalation_target", target, "person_id", what, removed=True
                    )
    for signed in system.sign_offs:
        if signed.person_id == person_id:
            what = f"Signs off as {signed.role.label}"
            yield _entry(system, "sign_off", signed, "person_id", what, removed=True)
    yield from _owned(system, person_id)


def _owned(system: SystemPlan, person_id: str) -> Iterator[Responsibility]:
    """The SET NULL references: owners, approvers and alert recipients."""
    named: list[tuple[str, tuple[Any, ...], str, str, str]] = [
        ("data_source", system.data_sources, "owner_id", "Owner of the data source", "name"),
        ("document", system.documents, "owner_id", "Owner of the document", "title"),
        ("monitoring_signal", system.signals, "owner_id", "Owner of the signal", "metric"),
        ("monitoring_signal", system.signals, "alert_person_id", "Alerted by the signal", "metric"),
        ("action_item", system.actions, "owner_id", "Owner of the action", "text"),
    ]
    for kind_name, rows, field, label, title in named:
        for row in rows:
            if getattr(row, field, None) == person_id:
                text = str(getattr(row, title, "") or "")
                what = f"{label} “{text}”" if text else label
                yield _entry(system, kind_name, row, field, what)
    for row in system.controls:
        if row.owner_id == person_id:
            what = f"Owner of the governance control “{row.kind.label}”"
            yield _entry(system, "governance_control", row, "owner_id", what)
    for row in system.criteria:
        if row.owner_id == person_id:
            what = f"Owner of the readiness criterion “{row.area.label}”"
            yield _entry(system, "readiness_criterion", row, "owner_id", what)
    retraining = system.retraining
    if retraining is not None:
        for field, label in (("owner_id", "Owner"), ("approver_id", "Approver")):
            if getattr(retraining, field) == person_id:
                yield _entry(
                    system, "retraining_plan", retraining, field, f"{label} of the retraining plan"
                )
