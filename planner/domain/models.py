"""The tables of a handover plan: each entity is a validating field set plus a table on top.

The ``*Fields`` classes are plain pydantic models (SQLModel without ``table=True``); they
validate user input and are reused by the JSON interchange. The table classes add the
identity and timestamps. Foreign keys declare ``ondelete``: the operations read it to
cascade or detach dependants themselves, so an undo can restore exactly what was removed.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from enum import StrEnum
from typing import Any

from pydantic import ConfigDict, field_validator, model_validator
from sqlalchemy import JSON, Column, DateTime, LargeBinary, UniqueConstraint
from sqlalchemy import Enum as SAEnum
from sqlmodel import Field, SQLModel

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
from planner.domain.severities import DEFAULT_SEVERITY_DEFINITIONS
from planner.domain.values import (
    LONG_TEXT,
    NAME_LENGTH,
    SHORT_TEXT,
    check_email,
    check_timezone,
)

_HEX_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
_ACTIVITY_KEY = re.compile(r"^[a-z0-9_]+$")


def new_id() -> str:
    """A fresh entity id (a random UUID in its canonical text form)."""
    return str(uuid.uuid4())


# Positions order a few rows in a list; the bound keeps them far inside SQLite's 64 bits.
MAX_POSITION = 1_000_000


def as_utc(value: dt.datetime) -> dt.datetime:
    """A timestamp as the naive UTC datetime a workspace stores (an offset is applied)."""
    if value.tzinfo is None:
        return value
    return value.astimezone(dt.UTC).replace(tzinfo=None)


def utcnow() -> dt.datetime:
    """Now in UTC, as a naive datetime: every timestamp in a workspace is UTC.

    Naive values load several times faster than timezone-aware ones, and loading speed
    matters more here than carrying a constant offset on every row.
    """
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def enum_type(enum: type[StrEnum]) -> SAEnum:
    """Store an enum by its value (the stable key), without a CHECK constraint.

    Validation happens in the field sets; leaving the constraint out lets a later version
    add members without rebuilding tables.
    """
    return SAEnum(
        enum,
        values_callable=lambda members: [member.value for member in members],
        native_enum=False,
        create_constraint=False,
        length=32,
    )


class Fields(SQLModel):
    """Shared configuration of every validating field set."""

    model_config = ConfigDict(  # type: ignore[assignment]  # SQLModel narrows the type
        validate_assignment=False,
        str_strip_whitespace=True,
        allow_inf_nan=False,
    )


class Entity(SQLModel):
    """Identity, timestamps and the row version shared by every table."""

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=DateTime())
    updated_at: dt.datetime = Field(default_factory=utcnow, sa_type=DateTime())
    # Raised by every write of the row; an edit made against an older version is refused
    # (optimistic concurrency, for several writers on a server workspace).
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})


# --- workspace -----------------------------------------------------------------------


DEFAULT_SIGNOFF_ROLES = (
    SignOffRole.BUSINESS_OWNER,
    SignOffRole.IT_OPERATIONS,
    SignOffRole.DATA_OWNER,
    SignOffRole.SUPPORT_LEAD,
)


class WorkspaceInfoFields(Fields):
    organisation: str = Field(default="", max_length=NAME_LENGTH)
    accent_colour: str = Field(default="#1F5FAD", max_length=7)
    logo: bytes | None = Field(default=None, sa_column=Column(LargeBinary, nullable=True))
    logo_format: str | None = Field(default=None, max_length=8)
    required_signoff_roles: list[SignOffRole] = Field(
        default_factory=lambda: list(DEFAULT_SIGNOFF_ROLES), sa_column=Column(JSON, nullable=False)
    )
    sev1_definition: str = Field(
        default=DEFAULT_SEVERITY_DEFINITIONS[Severity.SEV1], max_length=SHORT_TEXT
    )
    sev2_definition: str = Field(
        default=DEFAULT_SEVERITY_DEFINITIONS[Severity.SEV2], max_length=SHORT_TEXT
    )
    sev3_definition: str = Field(
        default=DEFAULT_SEVERITY_DEFINITIONS[Severity.SEV3], max_length=SHORT_TEXT
    )
    sev4_definition: str = Field(
        default=DEFAULT_SEVERITY_DEFINITIONS[Severity.SEV4], max_length=SHORT_TEXT
    )

    @field_validator("accent_colour")
    @classmethod
    def _colour(cls, value: str) -> str:
        if not _HEX_COLOUR.match(value):
            raise ValueError("must be a colour like #1F5FAD")
        return value.upper()

    @field_validator("logo_format")
    @classmethod
    def _logo_format(cls, value: str | None) -> str | None:
        if value is not None and value not in ("png", "svg"):
            raise ValueError("must be png or svg")
        return value

    @field_validator("logo")
    @classmethod
    def _logo_size(cls, value: bytes | None) -> bytes | None:
        if value is not None and len(value) > 2_000_000:
            raise ValueError("the logo must be under 2 MB")
        return value


class WorkspaceInfo(Entity, WorkspaceInfoFields, table=True):
    __tablename__ = "workspace_info"


# --- people --------------------------------------------------------------------------


class TeamFields(Fields):
    name: str = Field(min_length=1, max_length=NAME_LENGTH)
    description: str = Field(default="", max_length=SHORT_TEXT)
    email: str = Field(default="", max_length=NAME_LENGTH)
    phone: str = Field(default="", max_length=64)

    _email = field_validator("email")(check_email)


class Team(Entity, TeamFields, table=True):
    __tablename__ = "team"
    __table_args__ = (UniqueConstraint("name"),)


class PersonFields(Fields):
    name: str = Field(min_length=1, max_length=NAME_LENGTH)
    title: str = Field(default="", max_length=NAME_LENGTH)
    team_id: str | None = Field(default=None, foreign_key="team.id", ondelete="SET NULL")
    email: str = Field(default="", max_length=NAME_LENGTH)
    phone: str = Field(default="", max_length=64)
    timezone: str = Field(default="", max_length=64)
    active: bool = True
    deputy_id: str | None = Field(default=None, foreign_key="person.id", ondelete="SET NULL")

    _email = field_validator("email")(check_email)
    _timezone = field_validator("timezone")(check_timezone)


class Person(Entity, PersonFields, table=True):
    __tablename__ = "person"


# --- systems -------------------------------------------------------------------------


class AISystemFields(Fields):
    name: str = Field(min_length=1, max_length=NAME_LENGTH)
    purpose: str = Field(default="", max_length=LONG_TEXT)
    workflow: str = Field(default="", max_length=LONG_TEXT)
    decision: str = Field(default="", max_length=LONG_TEXT)
    user_roles: str = Field(default="", max_length=LONG_TEXT)
    outcome: str = Field(default="", max_length=LONG_TEXT)
    stage: LifecycleStage = Field(default=LifecycleStage.IDEA, sa_type=enum_type(LifecycleStage))
    risk_tier: RiskTier = Field(default=RiskTier.MEDIUM, sa_type=enum_type(RiskTier))
    regulated: bool = False
    go_live: dt.date | None = None
    hours_required: HoursOfOperation = Field(
        default=HoursOfOperation.BUSINESS_HOURS, sa_type=enum_type(HoursOfOperation)
    )
    template: str | None = Field(default=None, max_length=64)
    # Facts that decide which documents and controls the system needs.
    processes_personal_data: bool = False
    customer_facing: bool = False
    # How to switch the AI off and run the process by hand (printed on the on-call card).
    fallback_procedure: str = Field(default="", max_length=LONG_TEXT)
    # Where the monitoring dashboards are (links or paths, one a line): on call at night,
    # the signals are only useful to someone who can find them.
    dashboards: str = Field(default="", max_length=SHORT_TEXT)
    decommissioning_plan: str = Field(default="", max_length=LONG_TEXT)
    # How people who interact with the system are told they are dealing with an AI.
    transparency_notice: str = Field(default="", max_length=LONG_TEXT)
    # How long the system's logs are kept (the EU AI Act asks deployers for six months).
    log_retention_days: int | None = Field(default=None, gt=0, le=36_500)
    # Human oversight: who oversees the system, their competence and training, and whether
    # they have the authority to override its outputs and stop it.
    overseer_id: str | None = Field(default=None, foreign_key="person.id", ondelete="SET NULL")
    overseer_training: str = Field(default="", max_length=LONG_TEXT)
    overseer_can_stop: bool = False
    # Set only by the sign-off operations, never by a plain edit.
    locked: bool = False
    signed_hash: str | None = Field(default=None, max_length=64)
    signed_at: dt.datetime | None = Field(default=None, sa_type=DateTime())


class AISystem(Entity, AISystemFields, table=True):
    __tablename__ = "ai_system"
    __table_args__ = (UniqueConstraint("name"),)


class DataSourceFields(Fields):
    system_id: str = Field(foreign_key="ai_system.id", ondelete="CASCADE", index=True)
    name: str = Field(min_length=1, max_length=NAME_LENGTH)
    owner_id: str | None = Field(default=None, foreign_key="person.id", ondelete="SET NULL")
    refresh_cadence: str = Field(default="", max_length=NAME_LENGTH)
    quality_checks: str = Field(default="", max_length=LONG_TEXT)
    access_rules: str = Field(default="", max_length=LONG_TEXT)
    integration_point: str = Field(default="", max_length=SHORT_TEXT)


class DataSource(Entity, DataSourceFields, table=True):
    __tablename__ = "data_source"


# --- ownership -----------------------------------------------------------------------


class ActivityFields(Fields):
    key: str = Field(min_length=1, max_length=64)
    name: str = Field(min_length=1, max_length=NAME_LENGTH)
    description: str = Field(default="", max_length=SHORT_TEXT)
    position: int = Field(default=0, ge=0, le=MAX_POSITION)
    builtin: bool = False

    @field_validator("key")
    @classmethod
    def _slug(cls, value: str) -> str:
        # A pattern in Field() is not enforced by SQLModel, so check it here.
        if not _ACTIVITY_KEY.match(value):
            raise ValueError("use lower-case letters, digits and underscores, like data_quality")
        return value


class Activity(Entity, ActivityFields, table=True):
    __tablename__ = "activity"
    __table_args__ = (UniqueConstraint("key"),)


class AssigneeMixin(Fields):
    """Exactly one of a person or a team."""

    person_id: str | None = Field(default=None, foreign_key="person.id", ondelete="CASCADE")
    team_id: str | None = Field(default=None, foreign_key="team.id", ondelete="CASCADE")

    @model_validator(mode="after")
    def _one_assignee(self) -> Any:
        if (self.person_id is None) == (self.team_id is None):
            raise ValueError("name exactly one person or one team")
        return self


class RaciAssignmentFields(AssigneeMixin):
    system_id: str = Field(foreign_key="ai_system.id", ondelete="CASCADE", index=True)
    activity_id: str = Field(foreign_key="activity.id", ondelete="CASCADE")
    role: RaciRole = Field(sa_type=enum_type(RaciRole))


class RaciAssignment(Entity, RaciAssignmentFields, table=True):
    __tablename__ = "raci_assignment"


# --- support and escalation ----------------------------------------------------------


class SupportTierFields(Fields):
    system_id: str = Field(foreign_key="ai_system.id", ondelete="CASCADE", index=True)
    level: SupportLevel = Field(default=SupportLevel.L1, sa_type=enum_type(SupportLevel))
    position: int = Field(default=0, ge=0, le=MAX_POSITION)
    team_id: str | None = Field(default=None, foreign_key="team.id", ondelete="SET NULL")
    channel: ChannelKind | None = Field(default=None, sa_type=enum_type(ChannelKind))
    address: str = Field(default="", max_length=SHORT_TEXT)
    hours: HoursOfOperation | None = Field(default=None, sa_type=enum_type(HoursOfOperation))
    timezone: str = Field(default="", max_length=64)
    response_minutes: int | None = Field(default=None, gt=0, le=525_600)
    # How long this tier has to resolve a case, and when it passes a case up to the next tier.
    resolution_minutes: int | None = Field(default=None, gt=0, le=525_600)
    escalate_when: str = Field(default="", max_length=SHORT_TEXT)

    _timezone = field_validator("timezone")(check_timezone)


class SupportTier(Entity, SupportTierFields, table=True):
    __tablename__ = "support_tier"


class EscalationChainFields(Fields):
    system_id: str = Field(foreign_key="ai_system.id", ondelete="CASCADE", index=True)
    severity: Severity = Field(default=Severity.SEV1, sa_type=enum_type(Severity))
    repeat_loops: int = Field(default=0, ge=0, le=100)


class EscalationChain(Entity, EscalationChainFields, table=True):
    __tablename__ = "escalation_chain"
    __table_args__ = (UniqueConstraint("system_id", "severity"),)


class EscalationLevelFields(Fields):
    chain_id: str = Field(foreign_key="escalation_chain.id", ondelete="CASCADE", index=True)
    position: int = Field(default=0, ge=0, le=MAX_POSITION)
    delay_minutes: int = Field(default=0, ge=0, le=525_600)
    response_minutes: int | None = Field(default=None, gt=0, le=525_600)
    note: str = Field(default="", max_length=SHORT_TEXT)


class EscalationLevel(Entity, EscalationLevelFields, table=True):
    __tablename__ = "escalation_level"


class EscalationTargetFields(AssigneeMixin):
    level_id: str = Field(foreign_key="escalation_level.id", ondelete="CASCADE", index=True)
    position: int = Field(default=0, ge=0, le=MAX_POSITION)


class EscalationTarget(Entity, EscalationTargetFields, table=True):
    __tablename__ = "escalation_target"


# --- documentation, retraining, monitoring --------------------------------------------


class DocumentFields(Fields):
    system_id: str = Field(foreign_key="ai_system.id", ondelete="CASCADE", index=True)
    doc_type: DocumentType = Field(default=DocumentType.OTHER, sa_type=enum_type(DocumentType))
    title: str = Field(min_length=1, max_length=SHORT_TEXT)
    owner_id: str | None = Field(default=None, foreign_key="person.id", ondelete="SET NULL")
    location: str = Field(default="", max_length=2048)
    status: DocumentStatus = Field(
        default=DocumentStatus.MISSING, sa_type=enum_type(DocumentStatus)
    )
    last_reviewed: dt.date | None = None
    review_interval_days: int | None = Field(default=None, gt=0, le=3650)


class Document(Entity, DocumentFields, table=True):
    __tablename__ = "document"


class RetrainingPlanFields(Fields):
    system_id: str = Field(foreign_key="ai_system.id", ondelete="CASCADE", index=True)
    owner_id: str | None = Field(default=None, foreign_key="person.id", ondelete="SET NULL")
    approver_id: str | None = Field(default=None, foreign_key="person.id", ondelete="SET NULL")
    cadence: str = Field(default="", max_length=NAME_LENGTH)
    triggers: list[RetrainingTrigger] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
    validation_steps: str = Field(default="", max_length=LONG_TEXT)
    rollback_plan: str = Field(default="", max_length=LONG_TEXT)
    last_retrained: dt.date | None = None

    @field_validator("triggers")
    @classmethod
    def _unique_triggers(cls, value: list[RetrainingTrigger]) -> list[RetrainingTrigger]:
        return list(dict.fromkeys(value))


class RetrainingPlan(Entity, RetrainingPlanFields, table=True):
    __tablename__ = "retraining_plan"
    __table_args__ = (UniqueConstraint("system_id"),)


class MonitoringSignalFields(Fields):
    system_id: str = Field(foreign_key="ai_system.id", ondelete="CASCADE", index=True)
    kind: SignalKind = Field(sa_type=enum_type(SignalKind))
    metric: str = Field(default="", max_length=SHORT_TEXT)
    threshold: str = Field(default="", max_length=SHORT_TEXT)
    alert_channel: str = Field(default="", max_length=SHORT_TEXT)
    alert_person_id: str | None = Field(default=None, foreign_key="person.id", ondelete="SET NULL")
    alert_team_id: str | None = Field(default=None, foreign_key="team.id", ondelete="SET NULL")
    owner_id: str | None = Field(default=None, foreign_key="person.id", ondelete="SET NULL")
    review_cadence: str = Field(default="", max_length=NAME_LENGTH)


class MonitoringSignal(Entity, MonitoringSignalFields, table=True):
    __tablename__ = "monitoring_signal"


class HumanReviewRuleFields(Fields):
    system_id: str = Field(foreign_key="ai_system.id", ondelete="CASCADE", index=True)
    outputs: str = Field(min_length=1, max_length=SHORT_TEXT)
    reviewer_role: str = Field(default="", max_length=NAME_LENGTH)
    trigger: str = Field(default="", max_length=SHORT_TEXT)
    sampling_percent: float | None = Field(default=None, ge=0, le=100)
    influences_decisions: bool = True
    regulated: bool = False


class HumanReviewRule(Entity, HumanReviewRuleFields, table=True):
    __tablename__ = "human_review_rule"


# --- governance and readiness ---------------------------------------------------------


class GovernanceControlFields(Fields):
    system_id: str = Field(foreign_key="ai_system.id", ondelete="CASCADE", index=True)
    kind: ControlKind = Field(sa_type=enum_type(ControlKind))
    description: str = Field(default="", max_length=LONG_TEXT)
    owner_id: str | None = Field(default=None, foreign_key="person.id", ondelete="SET NULL")
    status: ControlStatus = Field(default=ControlStatus.PLANNED, sa_type=enum_type(ControlStatus))
    evidence: str = Field(default="", max_length=LONG_TEXT)


class GovernanceControl(Entity, GovernanceControlFields, table=True):
    __tablename__ = "governance_control"


class ReadinessCriterionFields(Fields):
    system_id: str = Field(foreign_key="ai_system.id", ondelete="CASCADE", index=True)
    area: ReadinessArea = Field(sa_type=enum_type(ReadinessArea))
    status: ReadinessStatus = Field(
        default=ReadinessStatus.NOT_ASSESSED, sa_type=enum_type(ReadinessStatus)
    )
    evidence: str = Field(default="", max_length=LONG_TEXT)
    owner_id: str | None = Field(default=None, foreign_key="person.id", ondelete="SET NULL")


class ReadinessCriterion(Entity, ReadinessCriterionFields, table=True):
    __tablename__ = "readiness_criterion"


class BaselineFields(Fields):
    system_id: str = Field(foreign_key="ai_system.id", ondelete="CASCADE", index=True)
    metric: str = Field(min_length=1, max_length=NAME_LENGTH)
    unit: str = Field(default="", max_length=64)
    baseline_value: float | None = None
    target_value: float | None = None
    current_value: float | None = None


class Baseline(Entity, BaselineFields, table=True):
    __tablename__ = "baseline"


class SignOffFields(Fields):
    system_id: str = Field(foreign_key="ai_system.id", ondelete="CASCADE", index=True)
    role: SignOffRole = Field(sa_type=enum_type(SignOffRole))
    person_id: str = Field(foreign_key="person.id", ondelete="CASCADE")
    signed_on: dt.date
    comment: str = Field(default="", max_length=SHORT_TEXT)
    # Why the plan was locked while the check still reported blockers (set only by sign_off).
    override_reason: str = Field(default="", max_length=SHORT_TEXT)


class SignOff(Entity, SignOffFields, table=True):
    __tablename__ = "sign_off"


class ActionItemFields(Fields):
    text: str = Field(min_length=1, max_length=SHORT_TEXT)
    system_id: str | None = Field(
        default=None, foreign_key="ai_system.id", ondelete="CASCADE", index=True
    )
    owner_id: str | None = Field(default=None, foreign_key="person.id", ondelete="SET NULL")
    due: dt.date | None = None
    status: ActionStatus = Field(default=ActionStatus.OPEN, sa_type=enum_type(ActionStatus))


class ActionItem(Entity, ActionItemFields, table=True):
    __tablename__ = "action_item"


# --- history -------------------------------------------------------------------------


class AuditEvent(SQLModel, table=True):
    """One audited change; ``seq`` orders the whole history of a workspace."""

    __tablename__ = "audit_event"

    seq: int | None = Field(default=None, primary_key=True)
    at: dt.datetime = Field(default_factory=utcnow, sa_type=DateTime())
    actor: str = Field(max_length=NAME_LENGTH)
    operation: str = Field(max_length=64)
    entity_type: str = Field(max_length=64)
    entity_id: str | None = Field(default=None, max_length=36)
    system_id: str | None = Field(default=None, max_length=36, index=True)
    before: str | None = None
    after: str | None = None
    app_version: str = Field(max_length=32)
    # SHA-256 over this event and the previous event's hash (see store/audit_chain.py).
    hash: str | None = Field(default=None, max_length=64)


class OfflineOrigin(SQLModel, table=True):
    """Where an offline copy came from and the state it forked from (one row, in copies only).

    ``source_seq``/``source_hash`` name the source's audit head when the copy was taken (or
    last brought back), ``copy_seq`` the copy's own head then, and ``base`` every plan row
    at that moment (zlib-compressed JSON): the common ancestor of a three-way merge. The
    ``previous_*`` columns keep the fork point before the last bring-back, which applies
    again if that bring-back is undone at the source.
    """

    __tablename__ = "offline_origin"

    id: int = Field(default=1, primary_key=True)
    source: str = Field(max_length=2048)
    source_seq: int
    source_hash: str = Field(max_length=64)
    copy_seq: int
    forked_at: dt.datetime = Field(sa_type=DateTime())
    brought_back_at: dt.datetime | None = Field(default=None, sa_type=DateTime())
    base: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    # The fork point before the last bring-back, for when that bring-back is undone.
    previous_source_seq: int | None = None
    previous_source_hash: str | None = Field(default=None, max_length=64)
    previous_copy_seq: int | None = None
    previous_base: bytes | None = Field(default=None, sa_column=Column(LargeBinary, nullable=True))
