"""The typed, immutable plan every layer reads: one record type per entity kind, and the plan.

The store loads a ``Plan``; analysis, export, the CLI and the GUI read nothing else. Records
are frozen, slotted dataclasses whose fields are the table's columns (less the row
timestamps, which no reader of a plan needs), holding real enums, dates and bools, so
readers compare ``raci.role == RaciRole.ACCOUNTABLE`` and never strings. A test keeps each
record's fields equal to its table's columns. ``version`` is the row's version, raised by
every write: the GUI hands it back with an edit so a stale edit is refused; it is never part
of a plan hash or an export.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from planner.domain.enums import (
    ActionStatus,
    ChannelKind,
    ControlKind,
    ControlStatus,
    DocumentStatus,
    DocumentType,
    HoursOfOperation,
    LifecycleStage,
    RaciRole,
    ReadinessArea,
    ReadinessStatus,
    RetrainingTrigger,
    RiskTier,
    Severity,
    SignalKind,
    SignOffRole,
    SupportLevel,
)
from planner.domain.severities import DEFAULT_SEVERITY_DEFINITIONS, severity_field

_RECORD = {"frozen": True, "slots": True}


@dataclass(**_RECORD)
class WorkspaceInfo:
    id: str
    organisation: str
    accent_colour: str
    logo: bytes | None
    logo_format: str | None
    required_signoff_roles: tuple[SignOffRole, ...]
    sev1_definition: str
    sev2_definition: str
    sev3_definition: str
    sev4_definition: str
    version: int = 1

    def severity_definition(self, severity: Severity) -> str:
        """What ``severity`` means in this workspace (the default when left blank)."""
        text = str(getattr(self, severity_field(severity), "")).strip()
        return text or DEFAULT_SEVERITY_DEFINITIONS[severity]


@dataclass(**_RECORD)
class Team:
    id: str
    name: str
    description: str
    email: str
    phone: str
    version: int = 1


@dataclass(**_RECORD)
class Person:
    id: str
    name: str
    title: str
    team_id: str | None
    email: str
    phone: str
    timezone: str
    active: bool
    deputy_id: str | None
    version: int = 1


@dataclass(**_RECORD)
class Activity:
    id: str
    key: str
    name: str
    description: str
    position: int
    builtin: bool
    version: int = 1


@dataclass(**_RECORD)
class System:
    id: str
    name: str
    purpose: str
    workflow: str
    decision: str
    user_roles: str
    outcome: str
    stage: LifecycleStage
    risk_tier: RiskTier
    regulated: bool
    go_live: dt.date | None
    hours_required: HoursOfOperation
    template: str | None
    locked: bool
    signed_hash: str | None
    signed_at: dt.datetime | None
    processes_personal_data: bool
    customer_facing: bool
    fallback_procedure: str
    dashboards: str
    decommissioning_plan: str
    transparency_notice: str
    log_retention_days: int | None
    overseer_id: str | None
    overseer_training: str
    overseer_can_stop: bool
    version: int = 1


@dataclass(**_RECORD)
class DataSource:
    id: str
    system_id: str
    name: str
    owner_id: str | None
    refresh_cadence: str
    quality_checks: str
    access_rules: str
    integration_point: str
    version: int = 1


@dataclass(**_RECORD)
class RaciAssignment:
    id: str
    person_id: str | None
    team_id: str | None
    system_id: str
    activity_id: str
    role: RaciRole
    version: int = 1


@dataclass(**_RECORD)
class SupportTier:
    id: str
    system_id: str
    level: SupportLevel
    position: int
    team_id: str | None
    channel: ChannelKind | None
    address: str
    hours: HoursOfOperation | None
    timezone: str
    response_minutes: int | None
    resolution_minutes: int | None
    escalate_when: str
    version: int = 1


@dataclass(**_RECORD)
class EscalationChain:
    id: str
    system_id: str
    severity: Severity
    repeat_loops: int
    version: int = 1


@dataclass(**_RECORD)
class EscalationLevel:
    id: str
    chain_id: str
    position: int
    delay_minutes: int
    response_minutes: int | None
    note: str
    version: int = 1


@dataclass(**_RECORD)
class EscalationTarget:
    id: str
    person_id: str | None
    team_id: str | None
    level_id: str
    position: int
    version: int = 1


@dataclass(**_RECORD)
class Document:
    id: str
    system_id: str
    doc_type: DocumentType
    title: str
    owner_id: str | None
    location: str
    status: DocumentStatus
    last_reviewed: dt.date | None
    review_interval_days: int | None
    version: int = 1


@dataclass(**_RECORD)
class RetrainingPlan:
    id: str
    system_id: str
    owner_id: str | None
    approver_id: str | None
    cadence: str
    triggers: tuple[RetrainingTrigger, ...]
    validation_steps: str
    rollback_plan: str
    last_retrained: dt.date | None
    version: int = 1


@dataclass(**_RECORD)
class MonitoringSignal:
    id: str
    system_id: str
    kind: SignalKind
    metric: str
    threshold: str
    alert_channel: str
    alert_person_id: str | None
    alert_team_id: str | None
    owner_id: str | None
    review_cadence: str
    version: int = 1


@dataclass(**_RECORD)
class HumanReviewRule:
    id: str
    system_id: str
    outputs: str
    reviewer_role: str
    trigger: str
    sampling_percent: float | None
    influences_decisions: bool
    regulated: bool
    version: int = 1


@dataclass(**_RECORD)
class GovernanceControl:
    id: str
    system_id: str
    kind: ControlKind
    description: str
    owner_id: str | None
    status: ControlStatus
    evidence: str
    version: int = 1


@dataclass(**_RECORD)
class ReadinessCriterion:
    id: str
    system_id: str
    area: ReadinessArea
    status: ReadinessStatus
    evidence: str
    owner_id: str | None
    version: int = 1


@dataclass(**_RECORD)
class Baseline:
    id: str
    system_id: str
    metric: str
    unit: str
    baseline_value: float | None
    target_value: float | None
    current_value: float | None
    version: int = 1


@dataclass(**_RECORD)
class SignOff:
    id: str
    system_id: str
    role: SignOffRole
    person_id: str
    signed_on: dt.date
    comment: str
    override_reason: str
    version: int = 1


@dataclass(**_RECORD)
class ActionItem:
    id: str
    text: str
    system_id: str | None
    owner_id: str | None
    due: dt.date | None
    status: ActionStatus
    version: int = 1


# The record type of each entity kind (by the registry's kind name).
RECORDS: Mapping[str, type] = {
    "workspace_info": WorkspaceInfo,
    "team": Team,
    "person": Person,
    "activity": Activity,
    "system": System,
    "data_source": DataSource,
    "raci": RaciAssignment,
    "support_tier": SupportTier,
    "escalation_chain": EscalationChain,
    "escalation_level": EscalationLevel,
    "escalation_target": EscalationTarget,
    "document": Document,
    "retraining_plan": RetrainingPlan,
    "monitoring_signal": MonitoringSignal,
    "human_review_rule": HumanReviewRule,
    "governance_control": GovernanceControl,
    "readiness_criterion": ReadinessCriterion,
    "baseline": Baseline,
    "sign_off": SignOff,
    "action_item": ActionItem,
}


@dataclass(**_RECORD)
class LevelPlan:
    """One level of an escalation chain with its targets, in order."""

    level: EscalationLevel
    targets: tuple[EscalationTarget, ...]


@dataclass(**_RECORD)
class ChainPlan:
    """One escalation chain (one severity) with its levels, in order."""

    chain: EscalationChain
    levels: tuple[LevelPlan, ...]


@dataclass(**_RECORD)
class SystemPlan:
    """Everything recorded about one AI system."""

    system: System
    data_sources: tuple[DataSource, ...] = ()
    raci: tuple[RaciAssignment, ...] = ()
    support_tiers: tuple[SupportTier, ...] = ()
    chains: tuple[ChainPlan, ...] = ()
    documents: tuple[Document, ...] = ()
    retraining: RetrainingPlan | None = None
    signals: tuple[MonitoringSignal, ...] = ()
    review_rules: tuple[HumanReviewRule, ...] = ()
    controls: tuple[GovernanceControl, ...] = ()
    criteria: tuple[ReadinessCriterion, ...] = ()
    baselines: tuple[Baseline, ...] = ()
    sign_offs: tuple[SignOff, ...] = ()
    actions: tuple[ActionItem, ...] = ()

    @property
    def id(self) -> str:
        return self.system.id

    @property
    def name(self) -> str:
        return self.system.name

    @property
    def stage(self) -> LifecycleStage:
        return self.system.stage

    @property
    def levels(self) -> Iterator[LevelPlan]:
        """Every escalation level of every chain."""
        return (level for chain in self.chains for level in chain.levels)

    def people_referenced(self) -> set[str]:
        """Ids of every person this system's plan names (owners, assignees, targets, signers)."""
        return self._referenced(PERSON_COLUMNS)

    def teams_referenced(self) -> set[str]:
        """Ids of every team this system's plan names (assignees, targets, tiers, alerts)."""
        return self._referenced(TEAM_COLUMNS)

    def _referenced(self, columns: tuple[str, ...]) -> set[str]:
        rows: list[object] = [
            self.system,
            *self.data_sources,
            *self.raci,
            *self.support_tiers,
            *self.documents,
            *self.signals,
            *self.controls,
            *self.criteria,
            *self.sign_offs,
            *self.actions,
            *(target for level in self.levels for target in level.targets),
        ]
        if self.retraining is not None:
            rows.append(self.retraining)
        return {
            value
            for row in rows
            for column in columns
            if (value := getattr(row, column, None)) is not None
        }


# Columns that name a person, or a team, on any record.
PERSON_COLUMNS = ("person_id", "owner_id", "approver_id", "alert_person_id", "overseer_id")
TEAM_COLUMNS = ("team_id", "alert_team_id")


@dataclass(**_RECORD)
class Plan:
    """A workspace in memory: the shared directory plus the systems asked for."""

    info: WorkspaceInfo
    people: Mapping[str, Person]
    teams: Mapping[str, Team]
    activities: tuple[Activity, ...]
    systems: Mapping[str, SystemPlan]
    # Action items not tied to any system (the workshop's general parking lot).
    general_actions: tuple[ActionItem, ...] = ()
    # Sequence number of the last audit event this plan reflects.
    audit_seq: int = 0
    activities_by_id: Mapping[str, Activity] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        if not self.activities_by_id and self.activities:
            object.__setattr__(self, "activities_by_id", {a.id: a for a in self.activities})

    def __iter__(self) -> Iterator[SystemPlan]:
        return iter(self.systems.values())

    def name_of(self, person_id: str | None = None, team_id: str | None = None) -> str:
        """Display name of a person or a team id ("" for None, "(unknown)" if dangling)."""
        row: Person | Team | None
        if person_id is not None:
            row = self.people.get(person_id)
        elif team_id is not None:
            row = self.teams.get(team_id)
        else:
            return ""
        return row.name if row is not None else "(unknown)"

    def system_named(self, name: str) -> SystemPlan | None:
        """The system whose name matches ``name`` case-insensitively, if any."""
        folded = name.casefold()
        return next((s for s in self.systems.values() if s.name.casefold() == folded), None)

    def activity(self, activity_id: str) -> Activity | None:
        return self.activities_by_id.get(activity_id)


@dataclass(**_RECORD)
class AuditEntry:
    """One event of the audit trail as readers see it; before/after are canonical JSON text."""

    seq: int
    at: dt.datetime
    actor: str
    operation: str
    entity_type: str
    entity_id: str | None
    system_id: str | None
    before: str | None
    after: str | None
    app_version: str
