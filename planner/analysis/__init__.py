"""Readiness and gap analysis: pure rules over a loaded plan, findings and scores."""

from planner.analysis.crosswalk import applicability
from planner.analysis.engine import RULES, Analysis, SystemResult, analyse, analyse_system
from planner.analysis.policy import DEFAULT_POLICY, Level, Policy
from planner.analysis.rule import Finding, Rule
from planner.domain.registry import PAGES

__all__ = [
    "DEFAULT_POLICY",
    "PAGES",
    "RULES",
    "Analysis",
    "Finding",
    "Level",
    "Policy",
    "Rule",
    "SystemResult",
    "analyse",
    "analyse_system",
    "applicability",
]
