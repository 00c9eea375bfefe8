"""Closed vocabularies of a handover plan, with the labels users see."""

from __future__ import annotations

from enum import StrEnum


class LabelledEnum(StrEnum):
    """A string enum whose members carry a human label (the value is the stable key)."""

    @property
    def label(self) -> str:
        return _LABELS.get(self.value, self.value.replace("_", " ").capitalize())


class LifecycleStage(LabelledEnum):
    IDEA = "idea"
    PILOT = "pilot"
    LIMITED_ROLLOUT = "limited_rollout"
    PRODUCTION = "production"
    RETIRED = "retired"


class RiskTier(LabelledEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


class HoursOfOperation(LabelledEnum):
    BUSINESS_HOURS = "business_hours"
    EXTENDED_HOURS = "extended_hours"
    ALWAYS = "24x7"

    @property
    def rank(self) -> int:
        """How much of the week these hours cover, for comparing coverage."""
        return {"business_hours": 0, "extended_hours": 1, "24x7": 2}[self.value]


class RaciRole(LabelledEnum):
    RESPONSIBLE = "R"
    ACCOUNTABLE = "A"
    CONSULTED = "C"
    INFORMED = "I"


class SupportLevel(LabelledEnum):
    L1 = "L1"
    L2 = "L2"
    L3 = "L3"
    VENDOR = "vendor"


class ChannelKind(LabelledEnum):
    TICKET_QUEUE = "ticket_queue"
    EMAIL = "email"
    CHAT = "chat"
    PHONE = "phone"
    PAGER = "pager"


class Severity(LabelledEnum):
    """Incident severities; SEV1 is the highest."""

    SEV1 = "sev1"
    SEV2 = "sev2"
    SEV3 = "sev3"
    SEV4 = "sev4"

    @property
    def rank(self) -> int:
        """1 for the most severe."""
        return int(self.value[-1])


class DocumentType(LabelledEnum):
    RUNBOOK = "runbook"
    MODEL_CARD = "model_card"
    DATA_DICTIONARY = "data_dictionary"
    USER_GUIDE = "user_guide"
    TRAINING_MATERIAL = "training_material"
    DPIA = "dpia"
    ARCHITECTURE = "architecture"
    SUPPORT_PROCESS = "support_process"
    VALIDATION_REPORT = "validation_report"
    OTHER = "other"


class DocumentStatus(LabelledEnum):
    MISSING = "missing"
    DRAFT = "draft"
    APPROVED = "approved"


class RetrainingTrigger(LabelledEnum):
    DATA_DRIFT = "data_drift"
    PERFORMANCE_DROP = "performance_drop"
    SOURCE_DATA_CHANGE = "source_data_change"
    REGULATION_CHANGE = "regulation_change"
    SCHEDULED = "scheduled"
    USER_FEEDBACK = "user_feedback"
    VENDOR_MODEL_UPDATE = "vendor_model_update"


class SignalKind(LabelledEnum):
    DATA_DRIFT = "data_drift"
    OUTPUT_QUALITY = "output_quality"
    USAGE = "usage"
    EXCEPTIONS = "exceptions"
    USER_FEEDBACK = "user_feedback"
    COST = "cost"
    LATENCY = "latency"


class ControlKind(LabelledEnum):
    ROLE_BASED_ACCESS = "role_based_access"
    AUDIT_TRAIL = "audit_trail"
    MODEL_CHANGE_CONTROL = "model_change_control"
    INCIDENT_RESPONSE = "incident_response"
    DATA_QUALITY_CHECKS = "data_quality_checks"
    PRIVACY = "privacy"
    SECURITY_REVIEW = "security_review"
    OTHER = "other"


class ControlStatus(LabelledEnum):
    PLANNED = "planned"
    IN_PLACE = "in_place"
    VERIFIED = "verified"


class ReadinessArea(LabelledEnum):
    DATA_RELIABILITY = "data_reliability"
    SECURITY = "security"
    PRIVACY = "privacy"
    USER_READINESS = "user_readiness"
    WORKFLOW_FIT = "workflow_fit"
    INTEGRATION_DEPENDENCIES = "integration_dependencies"
    SUPPORT_OWNERSHIP = "support_ownership"
    CHANGE_MANAGEMENT = "change_management"


class ReadinessStatus(LabelledEnum):
    NOT_ASSESSED = "not_assessed"
    NOT_READY = "not_ready"
    AT_RISK = "at_risk"
    READY = "ready"


class SignOffRole(LabelledEnum):
    BUSINESS_OWNER = "business_owner"
    IT_OPERATIONS = "it_operations"
    DATA_OWNER = "data_owner"
    SUPPORT_LEAD = "support_lead"
    RISK_COMPLIANCE = "risk_compliance"


class ActionStatus(LabelledEnum):
    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"


_LABELS: dict[str, str] = {
    "limited_rollout": "Limited rollout",
    "business_hours": "Business hours",
    "extended_hours": "Extended hours",
    "24x7": "24x7",
    "R": "Responsible",
    "A": "Accountable",
    "C": "Consulted",
    "I": "Informed",
    "L1": "L1",
    "L2": "L2",
    "L3": "L3",
    "sev1": "SEV1 (critical)",
    "sev2": "SEV2 (high)",
    "sev3": "SEV3 (medium)",
    "sev4": "SEV4 (low)",
    "dpia": "DPIA",
    "it_operations": "IT operations",
    "risk_compliance": "Risk and compliance",
    "in_place": "In place",
    "role_based_access": "Role-based access",
}
