"""The operating activities every workspace starts with."""

from __future__ import annotations

BUILTIN_ACTIVITIES: tuple[tuple[str, str, str], ...] = (
    ("support", "Support", "Answer users' questions and resolve their tickets."),
    ("documentation", "Documentation", "Keep runbooks, model cards and guides current."),
    ("retraining", "Retraining", "Decide on, run and validate retraining of the model."),
    ("change_requests", "Change requests", "Assess, approve and schedule changes."),
    ("monitoring", "Monitoring", "Watch drift, quality, usage and exceptions; act on alerts."),
    ("incident_response", "Incident response", "Restore service and communicate during incidents."),
    ("data_quality", "Data quality", "Check and fix the data the system depends on."),
    ("access_control", "Access control", "Grant, review and revoke access."),
    (
        "continuous_improvement",
        "Continuous improvement",
        "Collect feedback and improve the system.",
    ),
)
