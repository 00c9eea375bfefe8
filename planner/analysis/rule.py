"""What a readiness rule is, what it finds, and the context every rule reads from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from planner.analysis.policy import DEFAULT_POLICY, Level, Policy
from planner.domain.enums import RaciRole
from planner.domain.plan import Person, Plan, RaciAssignment, SystemPlan
from planner.domain.registry import KINDS, PAGES
from planner.domain.wording import in_running_text

# Which editor page shows rows of each kind (for rules whose rows live on several pages).
PAGE_OF_KIND = {kind.name: kind.page for kind in KINDS.values()}

# Areas in the order a reader meets them (rule ids start with the area).
AREAS = {
    "RACI": "Ownership (RACI)",
    "KEY": "Key-person risk",
    "SUP": "Support",
    "ESC": "Escalation",
    "DOC": "Documentation",
    "RET": "Retraining",
    "MON": "Monitoring",
    "HUM": "Human review",
    "GOV": "Governance",
    "RDY": "Readiness",
    "BASE": "Baselines",
    "SIGN": "Sign-off",
    "LIFE": "Fallback and retirement",
    "DATA": "Data sources",
    "ACT": "Action items",
    "PEOPLE": "People",
}

Ref = tuple[str, str]  # (entity kind name from planner.domain.registry, entity id)


@dataclass(frozen=True)
class Hit:
    """One thing a rule found: a message naming it and the rows it is about."""

    message: str
    refs: tuple[Ref, ...] = ()
    # The editor page, when it differs from the rule's (a rule spanning several pages).
    page: str | None = None
    # A fix naming what the plan itself offers (the leaver's deputy, the missing document),
    # when it says more than the rule's general remedy.
    remedy: str | None = None


SystemCheck = Callable[["Context", SystemPlan], Iterable[Hit]]
WorkspaceCheck = Callable[["Context"], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    """A readiness rule: stable id, severity, the why and the how-to-fix, and its check.

    A system rule is called once per analysed system; a workspace rule once per analysis,
    for rows that belong to no system (the general action items).
    """

    id: str
    severity: Level
    title: str
    explanation: str
    remedy: str
    page: str
    check: SystemCheck | WorkspaceCheck
    scope: str = "system"  # or "workspace"

    @property
    def area(self) -> str:
        return self.id.split("-")[0]


@dataclass(frozen=True)
class Finding:
    """One gap in one system (``system_id`` None for the workspace) and what it costs."""

    rule_id: str
    severity: Level
    system_id: str | None
    title: str
    message: str
    remedy: str
    page: str
    entities: tuple[Ref, ...] = ()
    cost: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "rule_id": self.rule_id,
            "severity": self.severity.value,
            "system_id": self.system_id,
            "title": self.title,
            "message": self.message,
            "remedy": self.remedy,
            "page": self.page,
            "entities": [{"kind": k, "id": i} for k, i in self.entities],
            "cost": self.cost,
        }


_REGISTRY: dict[str, Rule] = {}


def rule(
    rule_id: str,
    severity: Level,
    *,
    title: str,
    explanation: str,
    remedy: str,
    page: str,
    scope: str = "system",
) -> Callable[[Any], Any]:
    """Register the decorated function as the check of a rule."""
    if page not in PAGES:
        raise ValueError(f"{rule_id}: unknown page {page!r}")
    if rule_id.split("-")[0] not in AREAS:
        raise ValueError(f"{rule_id}: unknown area")

    def register(check: Any) -> Any:
        if rule_id in _REGISTRY:
            raise ValueError(f"rule {rule_id} is defined twice")
        _REGISTRY[rule_id] = Rule(
            rule_id, severity, title, " ".join(explanation.split()), remedy, page, check, scope
        )
        return check

    return register


def registered_rules() -> dict[str, Rule]:
    """Every registered rule by id, in area order, then by id."""
    order = list(AREAS)
    ranked = sorted(_REGISTRY.values(), key=lambda r: (order.index(r.area), r.id))
    return {r.id: r for r in ranked}


def lower(label: str) -> str:
    """A label in running text: lower case, except words that are acronyms (DPIA, L1)."""
    return in_running_text(label)


def control_name(kind: Any) -> str:
    """'the audit trail control', 'the model change control' (no 'control control')."""
    label = lower(kind.label)
    return f"the {label}" if label.endswith("control") else f"the {label} control"


@dataclass
class Context:
    """The plan under analysis, the date to judge it on, and indexes shared by rules."""

    plan: Plan
    today: dt.date
    policy: Policy = DEFAULT_POLICY

    def person(self, person_id: str | None) -> Person | None:
        return self.plan.people.get(person_id) if person_id is not None else None

    def inactive(self, person_id: str | None) -> bool:
        """True for a person who has left (a dangling id counts as gone too)."""
        if person_id is None:
            return False
        person = self.plan.people.get(person_id)
        return person is None or not person.active

    def who(self, person_id: str | None = None, team_id: str | None = None) -> str:
        return self.plan.name_of(person_id, team_id)

    def deputy_of(self, person_id: str | None) -> str | None:
        """The active deputy of a person, by name, if they have one."""
        person = self.person(person_id)
        deputy_id = getattr(person, "deputy_id", None) if person is not None else None
        if deputy_id is None or self.inactive(deputy_id):
            return None
        return self.who(deputy_id)

    def hand_over(self, person_id: str | None, what: str) -> str:
        """A remedy handing ``what`` from a leaver to their deputy, or to someone active."""
        deputy = self.deputy_of(person_id)
        if deputy is not None:
            leaver = self.who(person_id)
            return f"Hand {what} to {deputy}, {leaver}'s deputy, or to another active person."
        return f"Hand {what} to an active person ({self.who(person_id)} has no active deputy)."

    def live(self, system: SystemPlan) -> bool:
        """Real users or real cases depend on the system (limited rollout or production)."""
        return system.system.stage in self.policy.live_stages

    def high_stakes(self, system: SystemPlan) -> bool:
        """High or critical risk, or regulated: where independence and oversight matter most."""
        row = system.system
        return bool(row.regulated) or row.risk_tier in self.policy.high_risk_tiers

    @cached_property
    def accountable(self) -> dict[str, dict[str, list[RaciAssignment]]]:
        """Person id -> system id -> the Accountable cells they hold, across the portfolio."""
        # A hot loop when one system is re-analysed after an edit: every cell of the
        # portfolio is visited, so it touches as few attributes as it can.
        index: dict[str, dict[str, list[RaciAssignment]]] = {}
        accountable = RaciRole.ACCOUNTABLE
        stages = self.policy.analysed_stages
        for system in self.plan.systems.values():
            row = system.system
            if row.stage not in stages:
                continue
            system_id = row.id
            for cell in system.raci:
                if cell.role == accountable and (person := cell.person_id) is not None:
                    index.setdefault(person, {}).setdefault(system_id, []).append(cell)
        return index

    @cached_property
    def accountable_by_system(self) -> dict[str, list[str]]:
        """System id -> the people Accountable there, in the order of ``accountable``.

        Rules about one system look up only its own people here instead of scanning the
        whole portfolio's index, which made a full analysis quadratic in its size.
        """
        index: dict[str, list[str]] = {}
        for person_id, per_system in self.accountable.items():
            for system_id in per_system:
                index.setdefault(system_id, []).append(person_id)
        return index

    @cached_property
    def activity_names(self) -> dict[str, str]:
        return {a.id: str(a.name) for a in self.plan.activities}
