"""What a PDF pack takes besides the plan: findings and score, and the recent audit trail.

The readiness analysis lives in a sibling package that export may not import; the caller
(CLI or GUI) copies its results into these plain dataclasses.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

# Most severe first; severities the analysis invents later sort after these, by name.
SEVERITY_ORDER: tuple[str, ...] = (
    "blocker",
    "critical",
    "error",
    "high",
    "warning",
    "medium",
    "low",
    "info",
)


def severity_rank(severity: str) -> tuple[int, str]:
    key = severity.casefold()
    return (SEVERITY_ORDER.index(key) if key in SEVERITY_ORDER else len(SEVERITY_ORDER), key)


@dataclass(frozen=True)
class PackFinding:
    """One open finding as printed: which rule, how bad, what is wrong and what to do."""

    rule_id: str
    severity: str
    message: str
    remedy: str = ""
    blocking: bool = False


@dataclass(frozen=True)
class SystemFindings:
    """A system's readiness score (0-100, None when not computed) and its open findings."""

    score: float | None
    findings: tuple[PackFinding, ...] = ()

    @property
    def blockers(self) -> int:
        return sum(1 for finding in self.findings if finding.blocking)


@dataclass(frozen=True)
class PackFindings:
    """Findings for the systems in a pack, by system id."""

    systems: Mapping[str, SystemFindings] = field(default_factory=dict)

    def of(self, system_id: str) -> SystemFindings | None:
        return self.systems.get(system_id)


@dataclass(frozen=True)
class AuditLine:
    """One recent change, for the document-control table."""

    seq: int
    at: dt.datetime
    actor: str
    operation: str
    entity_type: str
    summary: str = ""
