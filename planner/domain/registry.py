"""The catalogue of entity kinds: their tables, field sets, parents and display names."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlmodel import SQLModel

from planner.domain import models as m
from planner.domain.wording import in_running_text

# The editor's pages, in order; every kind's page and every finding's page is one of them.
PAGES = (
    "overview",
    "ownership",
    "support",
    "escalation",
    "documentation",
    "retraining",
    "monitoring",
    "governance",
    "signoff",
    "actions",
)


@dataclass(frozen=True)
class EntityKind:
    """What the generic operations and the interchange need to know about one table."""

    name: str  # stable key: used in audit events, JSON and the CLI
    label: str
    table: type[m.Entity]
    fields: type[SQLModel]
    # Column naming the parent whose lifetime bounds this row's, if any.
    parent: str | None = None
    # Columns a plain edit may not change (set by dedicated operations only).
    protected: frozenset[str] = frozenset()
    # Order rows are listed in, after the parent.
    order_by: tuple[str, ...] = ("created_at", "id")
    # The editor page that shows rows of this kind (findings jump there).
    page: str = "overview"

    @property
    def noun(self) -> str:
        """The label inside a sentence: "AI system", "escalation level" (never "ai system")."""
        return in_running_text(self.label)

    @property
    def tablename(self) -> str:
        return str(self.table.__tablename__)


_KINDS = (
    EntityKind("workspace_info", "Workspace", m.WorkspaceInfo, m.WorkspaceInfoFields),
    EntityKind("team", "Team", m.Team, m.TeamFields, order_by=("name", "id")),
    EntityKind("person", "Person", m.Person, m.PersonFields, order_by=("name", "id")),
    EntityKind(
        "activity",
        "Activity",
        m.Activity,
        m.ActivityFields,
        order_by=("position", "id"),
        page="ownership",
    ),
    EntityKind(
        "system",
        "AI system",
        m.AISystem,
        m.AISystemFields,
        protected=frozenset({"locked", "signed_hash", "signed_at"}),
        order_by=("name", "id"),
    ),
    EntityKind("data_source", "Data source", m.DataSource, m.DataSourceFields, "system_id"),
    EntityKind(
        "raci",
        "RACI assignment",
        m.RaciAssignment,
        m.RaciAssignmentFields,
        "system_id",
        page="ownership",
    ),
    EntityKind(
        "support_tier",
        "Support tier",
        m.SupportTier,
        m.SupportTierFields,
        "system_id",
        order_by=("position", "id"),
        page="support",
    ),
    EntityKind(
        "escalation_chain",
        "Escalation chain",
        m.EscalationChain,
        m.EscalationChainFields,
        "system_id",
        order_by=("severity", "id"),
        page="escalation",
    ),
    EntityKind(
        "escalation_level",
        "Escalation level",
        m.EscalationLevel,
        m.EscalationLevelFields,
        "chain_id",
        order_by=("position", "id"),
        page="escalation",
    ),
    EntityKind(
        "escalation_target",
        "Escalation target",
        m.EscalationTarget,
        m.EscalationTargetFields,
        "level_id",
        order_by=("position", "id"),
        page="escalation",
    ),
    EntityKind(
        "document", "Document", m.Document, m.DocumentFields, "system_id", page="documentation"
    ),
    EntityKind(
        "retraining_plan",
        "Retraining plan",
        m.RetrainingPlan,
        m.RetrainingPlanFields,
        "system_id",
        page="retraining",
    ),
    EntityKind(
        "monitoring_signal",
        "Monitoring signal",
        m.MonitoringSignal,
        m.MonitoringSignalFields,
        "system_id",
        page="monitoring",
    ),
    EntityKind(
        "human_review_rule",
        "Human review rule",
        m.HumanReviewRule,
        m.HumanReviewRuleFields,
        "system_id",
        page="monitoring",
    ),
    EntityKind(
        "governance_control",
        "Governance control",
        m.GovernanceControl,
        m.GovernanceControlFields,
        "system_id",
        page="governance",
    ),
    EntityKind(
        "readiness_criterion",
        "Readiness criterion",
        m.ReadinessCriterion,
        m.ReadinessCriterionFields,
        "system_id",
        page="governance",
    ),
    EntityKind(
        "baseline", "Baseline", m.Baseline, m.BaselineFields, "system_id", page="governance"
    ),
    EntityKind(
        "sign_off",
        "Sign-off",
        m.SignOff,
        m.SignOffFields,
        "system_id",
        protected=frozenset({"override_reason"}),
        page="signoff",
    ),
    EntityKind(
        "action_item", "Action item", m.ActionItem, m.ActionItemFields, "system_id", page="actions"
    ),
)

KINDS: dict[str, EntityKind] = {kind.name: kind for kind in _KINDS}
KIND_BY_TABLE: dict[str, EntityKind] = {kind.tablename: kind for kind in _KINDS}


def kind(name: str) -> EntityKind:
    """The kind called ``name``; a KeyError names the unknown kind."""
    try:
        return KINDS[name]
    except KeyError:
        raise KeyError(f"unknown entity kind {name!r}") from None


# The fields that say what a row is called, most telling first: a person's name, a
# document's title, a rule's text, a signal's metric, a retraining plan's outputs.
NAME_FIELDS = ("name", "title", "text", "metric", "outputs")


def short_name(values: Mapping[str, Any] | None, limit: int = 40) -> str:
    """A row's name for a sentence, clipped to ``limit`` characters ("" if it has none)."""
    for key in NAME_FIELDS:
        if values and (value := values.get(key)):
            text = str(value)
            return f"{text[:limit]}…" if len(text) > limit else text
    return ""
