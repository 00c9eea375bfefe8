"""What each incident severity means by default, before a workspace words its own."""

from __future__ import annotations

from planner.domain.enums import Severity

# What each severity means, as printed next to the escalation chains and on the on-call
# cards; a workspace edits its own wording, and a blank definition prints this default.
DEFAULT_SEVERITY_DEFINITIONS: dict[Severity, str] = {
    Severity.SEV1: "The service is down or giving harmful or wrong results to many users, or "
    "personal data may be exposed. Act now, day or night.",
    Severity.SEV2: "A major function is broken or degraded for many users and there is no "
    "workaround. Act within the support hours, the same day.",
    Severity.SEV3: "A minor fault, or one user affected, or a workaround exists. Handle it as "
    "an ordinary ticket.",
    Severity.SEV4: "A question, a cosmetic problem or a request for a change. No incident.",
}


def severity_field(severity: Severity) -> str:
    """The workspace_info column holding a severity's definition ("sev1_definition")."""
    return f"{severity.value}_definition"
