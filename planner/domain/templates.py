"""Starter templates: what a handover of a common kind of AI system needs, as data.

Templates live as JSON in ``resources/templates/``; this module reads and validates them.
Owners are left out on purpose: naming them is what the workshop is for.
"""

from __future__ import annotations

import json
from functools import cache

from pydantic import BaseModel, ConfigDict, Field

from planner.domain.enums import (
    ChannelKind,
    ControlKind,
    DocumentType,
    HoursOfOperation,
    ReadinessArea,
    RetrainingTrigger,
    RiskTier,
    Severity,
    SignalKind,
    SupportLevel,
)
from planner.resources import resource_path


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TemplateSystem(_Strict):
    purpose: str = ""
    workflow: str = ""
    decision: str = ""
    user_roles: str = ""
    outcome: str = ""
    risk_tier: RiskTier = RiskTier.MEDIUM
    regulated: bool = False
    processes_personal_data: bool = False
    customer_facing: bool = False
    hours_required: HoursOfOperation = HoursOfOperation.BUSINESS_HOURS


class TemplateDocument(_Strict):
    doc_type: DocumentType
    title: str
    review_interval_days: int | None = Field(default=None, gt=0)


class TemplateSupportTier(_Strict):
    level: SupportLevel
    channel: ChannelKind | None = None
    hours: HoursOfOperation | None = None
    response_minutes: int | None = Field(default=None, gt=0)
    resolution_minutes: int | None = Field(default=None, gt=0)
    escalate_when: str = ""


class TemplateLevel(_Strict):
    delay_minutes: int = Field(ge=0)
    response_minutes: int | None = Field(default=None, gt=0)
    note: str = ""


class TemplateChain(_Strict):
    severity: Severity
    repeat_loops: int = 0
    levels: tuple[TemplateLevel, ...]


class TemplateRetraining(_Strict):
    cadence: str = ""
    triggers: tuple[RetrainingTrigger, ...] = ()
    validation_steps: str = ""
    rollback_plan: str = ""


class TemplateSignal(_Strict):
    kind: SignalKind
    metric: str
    threshold: str = ""
    review_cadence: str = ""


class TemplateReviewRule(_Strict):
    outputs: str
    reviewer_role: str = ""
    trigger: str = ""
    sampling_percent: float | None = Field(default=None, ge=0, le=100)
    influences_decisions: bool = True
    regulated: bool = False


class TemplateControl(_Strict):
    kind: ControlKind
    description: str = ""


class TemplateCriterion(_Strict):
    area: ReadinessArea
    evidence: str = ""


class TemplateBaseline(_Strict):
    metric: str
    unit: str = ""
    target_value: float | None = None


class Template(_Strict):
    key: str = Field(pattern=r"^[a-z0-9_]+$")
    name: str
    description: str
    system: TemplateSystem
    documents: tuple[TemplateDocument, ...]
    support_tiers: tuple[TemplateSupportTier, ...] = ()
    escalation_chains: tuple[TemplateChain, ...] = ()
    retraining: TemplateRetraining | None = None
    monitoring_signals: tuple[TemplateSignal, ...] = ()
    human_review_rules: tuple[TemplateReviewRule, ...] = ()
    governance_controls: tuple[TemplateControl, ...] = ()
    readiness_criteria: tuple[TemplateCriterion, ...] = ()
    baselines: tuple[TemplateBaseline, ...] = ()

    @property
    def required_documents(self) -> frozenset[DocumentType]:
        """The document types a handover of this kind must have."""
        return frozenset(document.doc_type for document in self.documents)


@cache
def load_templates() -> dict[str, Template]:
    """Every bundled template by key, in file-name order."""
    templates: dict[str, Template] = {}
    for path in sorted(resource_path("templates").glob("*.json")):
        template = Template.model_validate(json.loads(path.read_text(encoding="utf-8")))
        templates[template.key] = template
    return templates


def get_template(key: str) -> Template:
    """The template called ``key``; KeyError lists the ones that exist."""
    templates = load_templates()
    try:
        return templates[key]
    except KeyError:
        raise KeyError(f"no template {key!r}; choose one of: {', '.join(templates)}") from None
