"""Findings as text for people and as stable JSON for pipelines; the rules as a document.

The JSON shape is a contract (``REPORT_FORMAT`` / ``REPORT_VERSION``): fields may be added
in a later version, never renamed or removed without raising the version.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Mapping
from typing import Any

from planner.analysis.crosswalk import served_text
from planner.analysis.engine import MAX_SCORE, RULES, Analysis, SystemResult
from planner.analysis.policy import DEFAULT_POLICY, Level, Policy
from planner.analysis.rule import AREAS, Finding, Rule, lower
from planner.domain.enums import LifecycleStage, RiskTier

REPORT_FORMAT = "handover-planner-check"
REPORT_VERSION = 1


def _counts(findings: Iterable[Finding]) -> dict[str, int]:
    listed = list(findings)
    return {level.value: sum(1 for f in listed if f.severity == level) for level in Level}


def report_json(analysis: Analysis) -> dict[str, Any]:
    """The analysis as the documented JSON object of ``handover-planner check --format json``."""
    return {
        "format": REPORT_FORMAT,
        "version": REPORT_VERSION,
        "today": analysis.today.isoformat(),
        "score": analysis.score,
        "counts": _counts(analysis.findings),
        "systems": [result.to_json() for result in analysis.systems.values()],
        "workspace_findings": [f.to_json() for f in analysis.workspace_findings],
    }


def _finding_lines(finding: Finding) -> list[str]:
    cost = f" (-{finding.cost})" if finding.cost else ""
    return [f"    {finding.rule_id:<10} {finding.message}{cost}", f"{'':15}fix: {finding.remedy}"]


def _grouped(findings: Iterable[Finding]) -> list[str]:
    lines: list[str] = []
    listed = list(findings)
    for level in Level:
        of_level = [f for f in listed if f.severity == level]
        if of_level:
            lines.append(f"  {level.value}s ({len(of_level)}):")
            for finding in of_level:
                lines += _finding_lines(finding)
    return lines


def _plural(count: int, level: str) -> str:
    return f"{count} {level}" + ("s" if count != 1 and level != Level.INFO else "")


def _system_header(result: SystemResult) -> str:
    counts = _counts(result.findings)
    summary = ", ".join(_plural(n, level) for level, n in counts.items() if n) or "no findings"
    stage = LifecycleStage(result.stage).label
    return f"{result.name} [{stage}]: score {result.score}/{MAX_SCORE}, {summary}"


def report_text(analysis: Analysis) -> str:
    """Findings grouped by system, then by severity, each with its rule, message and fix."""
    lines: list[str] = []
    for result in analysis.systems.values():
        lines.append(_system_header(result))
        lines += _grouped(result.findings)
        lines.append("")
    if analysis.workspace_findings:
        lines.append("Workspace")
        lines += _grouped(analysis.workspace_findings)
        lines.append("")
    counts = _counts(analysis.findings)
    lines.append(
        f"{_plural(len(analysis.systems), 'system')} checked on {analysis.today.isoformat()}: "
        + ", ".join(_plural(n, level) for level, n in counts.items())
        + f"; portfolio score {analysis.score}/{MAX_SCORE}"
    )
    return "\n".join(lines)


def rules_text(rules: Mapping[str, Rule] = RULES) -> str:
    """Every rule with its severity, title and explanation, for ``handover-planner rules``."""
    lines: list[str] = []
    for rule in rules.values():
        lines.append(f"{rule.id:<11}{rule.severity.value:<8} {rule.title}")
        lines += textwrap.wrap(
            rule.explanation, 88, initial_indent=" " * 20, subsequent_indent=" " * 20
        )
        lines.append(f"{'':20}Fix: {rule.remedy}")
        lines += textwrap.wrap(
            f"Serves: {served_text(rule.id)}",
            88,
            initial_indent=" " * 20,
            subsequent_indent=" " * 28,
        )
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def framework_text(name: str, rules: Mapping[str, Rule] = RULES) -> str:
    """One framework's items, each with the rules that serve it (or why none does)."""
    from planner.analysis.crosswalk import APPLIES_TO, framework

    chosen = framework(name)
    lines = [f"{chosen.title} ({chosen.key})", ""]
    for item in chosen.items:
        lines.append(f"{item.id}: {item.title}")
        if item.applies_when:
            lines.append(f"{'':4}Applies only to {APPLIES_TO[item.applies_when]}")
        if not item.rules:
            lines += textwrap.wrap(
                f"Not checked: {item.unserved}",
                88,
                initial_indent=" " * 4,
                subsequent_indent=" " * 4,
            )
        for rule_id in item.rules:
            lines.append(f"{'':4}{rule_id:<11}{rules[rule_id].title}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _crosswalk_markdown() -> list[str]:
    from planner.analysis.crosswalk import APPLIES_TO, frameworks

    out = [
        "## Standards crosswalk",
        "",
        "Which rules serve which items (`resources/standards/crosswalk.json`; print one",
        "framework with `handover-planner rules --framework NAME`). An item no rule checks",
        "says why.",
        "",
    ]
    for chosen in frameworks().values():
        out += [f"### {chosen.title} (`{chosen.key}`)", "", "| Item | Rules |", "| --- | --- |"]
        for item in chosen.items:
            served = ", ".join(item.rules) or f"not checked: {item.unserved}"
            when = f" (only {APPLIES_TO[item.applies_when]})" if item.applies_when else ""
            out.append(f"| {item.id}: {item.title}{when} | {served} |")
        out.append("")
    return out


def rules_markdown(rules: Mapping[str, Rule] = RULES, policy: Policy = DEFAULT_POLICY) -> str:
    """The rules page (resources/docs/rules.md), generated so it cannot drift from the code.

    Regenerate it with ``handover-planner rules --markdown > resources/docs/rules.md``.
    """
    out = [
        "# Readiness rules",
        "",
        "<!-- Generated by planner.analysis.report.rules_markdown(); do not edit by hand. -->",
        "",
        "`handover-planner check` runs these rules over every system that is not retired.",
        "A **blocker** stands in the way of production; a **warning** should be fixed or",
        "knowingly accepted; **info** is worth knowing. `check` exits with status 1 when it",
        "finds at least one blocker.",
        "",
        *_score_markdown(policy),
        *_json_markdown(),
        *_thresholds_markdown(policy),
    ]
    out += _rule_sections(rules)
    out += _crosswalk_markdown()
    return "\n".join(out)


def _rule_sections(rules: Mapping[str, Rule]) -> list[str]:
    """One section per rule, under a heading per area."""
    out: list[str] = []
    area = None
    for rule in rules.values():
        if rule.area != area:
            area = rule.area
            out += [f"## {AREAS[area]}", ""]
        out += [
            f"### {rule.id}: {rule.title}",
            "",
            f"*Severity:* {rule.severity.value} · *Page:* {rule.page}",
            "",
            *textwrap.wrap(rule.explanation, 90),
            "",
            f"*Fix:* {rule.remedy}",
            "",
            f"*Serves:* {served_text(rule.id)}",
            "",
        ]
    return out


def _score_markdown(policy: Policy) -> list[str]:
    """How the score is computed, with the policy's weights and factors."""
    weights = ", ".join(f"{level.value} {policy.weight(level)}" for level in Level)
    factors = ", ".join(f"{tier.value} x{f:g}" for tier, f in policy.risk_factors.items())
    return [
        "## Score",
        "",
        f"Each system starts at {MAX_SCORE}. Every finding costs the weight of its severity",
        f"({weights} points) times the system's risk factor ({factors}; regulated systems",
        f"x{policy.regulated_factor} more), but one rule costs a system at most",
        f"{policy.rule_cap} findings' worth, so one gap repeated across many rows cannot hide",
        "all the others. The score is 100 minus the costs, held within the band of the",
        "system's open blockers: with none it stays between "
        + f"{policy.ceiling(1)} and {MAX_SCORE}; with n it",
        "lies between the ceilings for n + 1 and n blockers ("
        + ", ".join(f"{n}: {policy.ceiling(n)}" for n in range(1, 7))
        + ", …).",
        "So a plan with more open blockers never scores above one with fewer, whatever",
        "its risk, and among plans with as many blockers the riskier pays more for the",
        "same gaps. The portfolio score is the mean of the system scores, minus the cost of",
        "workspace-wide findings. Every finding in the text and JSON output shows what it",
        "cost.",
        "",
    ]


def _json_markdown() -> list[str]:
    """The shape of `check --format json`."""
    return [
        "## JSON output",
        "",
        "`handover-planner check PATH --format json` prints one object (format",
        f"`{REPORT_FORMAT}`, version {REPORT_VERSION}; later versions only add fields):",
        "",
        "```json",
        "{",
        f'  "format": "{REPORT_FORMAT}", "version": {REPORT_VERSION}, "today": "2026-06-01",',
        '  "score": 73,',
        '  "counts": {"blocker": 2, "warning": 5, "info": 0},',
        '  "systems": [',
        '    {"id": "…", "name": "Claims Triage", "stage": "pilot", "score": 55,',
        '     "counts": {"blocker": 2, "warning": 1, "info": 0},',
        '     "findings": [',
        '       {"rule_id": "RACI-001", "severity": "blocker", "system_id": "…",',
        '        "title": "Activity without an Accountable",',
        '        "message": "nobody is Accountable for Access control",',
        '        "remedy": "Make one person Accountable (A) …", "page": "ownership",',
        '        "entities": [{"kind": "activity", "id": "…"}], "cost": 15}]}],',
        '  "workspace_findings": []',
        "}",
        "```",
        "",
        "Findings are ordered by severity, then rule id. `entities` name rows by their kind",
        "(`raci`, `document`, `escalation_level`, …) and id; `page` is the editor page that",
        "shows them. `workspace_findings` holds findings that belong to no system. The exit",
        "status is 0 without blockers, 1 with at least one, 2 for a user error.",
        "",
    ]


def _thresholds_markdown(policy: Policy) -> list[str]:
    """The policy's thresholds, in words."""
    return [
        "## Thresholds",
        "",
        f"- Key-person risk: Accountable for more than {policy.max_accountable_activities} "
        f"activities, or in more than {policy.max_accountable_systems} systems, or for more "
        f"than {policy.max_accountable_share:.0%} of one system's activities.",
        "- Escalation chains are required in stages: "
        + ", ".join(sorted(lower(s.label) for s in policy.live_stages))
        + ".",
        "- Documents every system needs: "
        + ", ".join(sorted(lower(d.label) for d in policy.default_documents))
        + "; and, by its facts, a DPIA (personal data or regulated), a validation report "
        "(high or critical risk), a support process and training material (limited rollout "
        "or production), plus what its template lists.",
        "- High-stakes systems (independent retraining approval, an overseer, controls in "
        "place from limited rollout): "
        + ", ".join(t.value for t in sorted(policy.high_risk_tiers, key=list(RiskTier).index))
        + " risk, or regulated.",
        f"- Logs of high-stakes systems are kept at least {policy.min_log_retention_days} days.",
        "",
    ]
