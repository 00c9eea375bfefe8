"""The numbers and lists the readiness rules judge by, in one place: weights and thresholds."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import TypeVar

from planner.domain.enums import (
    ControlKind,
    DocumentType,
    LifecycleStage,
    RiskTier,
    Severity,
    SignalKind,
)

_K = TypeVar("_K")
_V = TypeVar("_V")


class Level(StrEnum):
    """How much a finding stands in the way of production (the rule's severity)."""

    BLOCKER = "blocker"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for the gravest, for sorting."""
        return {"blocker": 0, "warning": 1, "info": 2}[self.value]


def _frozen(mapping: Mapping[_K, _V]) -> Mapping[_K, _V]:
    return MappingProxyType(dict(mapping))


@dataclass(frozen=True)
class Policy:
    """What the rules and the score use; tests and workspaces may pass a variant."""

    # Points one finding costs a system's score of 100.
    weights: Mapping[Level, int] = field(
        default_factory=lambda: _frozen({Level.BLOCKER: 15, Level.WARNING: 4, Level.INFO: 1})
    )
    # What a finding costs is multiplied by its system's risk: the same gap matters more in
    # a system that can do more harm. Regulation multiplies once more.
    risk_factors: Mapping[RiskTier, float] = field(
        default_factory=lambda: _frozen(
            {RiskTier.LOW: 1.0, RiskTier.MEDIUM: 1.25, RiskTier.HIGH: 1.5, RiskTier.CRITICAL: 2.0}
        )
    )
    regulated_factor: float = 1.25
    # The most a system with N open blockers can score (N = 1, 2, ...): each blocker lowers
    # the ceiling, and a system never scores below the ceiling of one more blocker. So a
    # plan with more open blockers never ranks above one with fewer, whatever else either
    # has; risk weighting orders plans within those bands.
    first_blocker_ceiling: int = 60
    blocker_ceiling_ratio: float = 0.75
    # One rule costs a system at most this many times its weight, so twenty findings of one
    # gap (nine activities without an Accountable, say) do not hide every other gap.
    rule_cap: int = 2
    # Overrides of a rule's built-in severity, by rule id.
    severity_overrides: Mapping[str, Level] = field(default_factory=lambda: _frozen({}))
    # Key-person risk: more Accountable cells (across the portfolio) or more systems than this.
    max_accountable_activities: int = 15
    max_accountable_systems: int = 3
    # Key-person risk within one system: one person Accountable for more than this share of
    # its activities.
    max_accountable_share: float = 0.5
    # Risk tiers that call for independent approval, oversight and controls in place early.
    high_risk_tiers: frozenset[RiskTier] = frozenset({RiskTier.HIGH, RiskTier.CRITICAL})
    # Logs of a high-risk or regulated system are kept at least this long (EU AI Act
    # Art. 26(6): at least six months).
    min_log_retention_days: int = 183
    # Stages that are analysed at all: a retired system no longer needs an operating model.
    analysed_stages: frozenset[LifecycleStage] = frozenset(
        set(LifecycleStage) - {LifecycleStage.RETIRED}
    )
    # Stages in which users depend on the system, so incidents must have somewhere to go.
    live_stages: frozenset[LifecycleStage] = frozenset(
        {LifecycleStage.LIMITED_ROLLOUT, LifecycleStage.PRODUCTION}
    )
    # The gravest incident a system of each risk tier is expected to have a chain for.
    highest_severity: Mapping[RiskTier, Severity] = field(
        default_factory=lambda: _frozen(
            {
                RiskTier.LOW: Severity.SEV2,
                RiskTier.MEDIUM: Severity.SEV1,
                RiskTier.HIGH: Severity.SEV1,
                RiskTier.CRITICAL: Severity.SEV1,
            }
        )
    )
    # Documents a system without a template must have.
    default_documents: frozenset[DocumentType] = frozenset(
        {DocumentType.RUNBOOK, DocumentType.MODEL_CARD, DocumentType.USER_GUIDE}
    )
    required_signals: tuple[SignalKind, ...] = (
        SignalKind.DATA_DRIFT,
        SignalKind.OUTPUT_QUALITY,
        SignalKind.USAGE,
        SignalKind.EXCEPTIONS,
        SignalKind.USER_FEEDBACK,
    )
    required_controls: tuple[ControlKind, ...] = (
        ControlKind.ROLE_BASED_ACCESS,
        ControlKind.AUDIT_TRAIL,
        ControlKind.MODEL_CHANGE_CONTROL,
        ControlKind.INCIDENT_RESPONSE,
    )

    def weight(self, level: Level) -> int:
        return self.weights[level]

    def risk_factor(self, risk_tier: RiskTier, regulated: bool) -> float:
        """How much more a finding costs in a system of this risk (1.0 for low, unregulated)."""
        factor = self.risk_factors[RiskTier(risk_tier)]
        return factor * self.regulated_factor if regulated else factor

    def ceiling(self, blockers: int) -> int:
        """The highest score a system with this many open blockers may have."""
        if blockers <= 0:
            return 100
        return int(self.first_blocker_ceiling * self.blocker_ceiling_ratio ** (blockers - 1))


DEFAULT_POLICY = Policy()
