"""Running the rules over a plan and turning their findings into explainable scores.

Score: every analysed system starts at 100. Each finding costs the weight of its severity
(``Policy.weights``) times the system's risk factor (its risk tier, and once more if it is
regulated), but one rule costs a system at most ``Policy.rule_cap`` findings' worth;
findings past the cap are listed at cost 0. The score is 100 minus the costs, held within
the band of the system's open blockers: at most ``Policy.ceiling(n)`` with n blockers and
at least the ceiling of n + 1. A plan with more open blockers therefore never scores above
one with fewer, and among plans with as many blockers the riskier pays more for the same
gaps. The portfolio score is the mean of the system scores minus the costs of
workspace-wide findings (also capped per rule). Every finding carries its own cost and the
band shows in ``explain``, so a score can always be explained line by line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from planner.analysis.policy import DEFAULT_POLICY, Level, Policy
from planner.analysis.rule import Context, Finding, Hit, Rule, registered_rules
from planner.analysis.rules import load_all
from planner.domain.plan import Plan, SystemPlan
from planner.domain.wording import count_of

load_all()
RULES: Mapping[str, Rule] = registered_rules()
_SYSTEM_RULES = tuple(r for r in RULES.values() if r.scope == "system")
_WORKSPACE_RULES = tuple(r for r in RULES.values() if r.scope == "workspace")
MAX_SCORE = 100


def _order(finding: Finding) -> tuple[int, str]:
    return (finding.severity.rank, finding.rule_id)


@dataclass(frozen=True)
class SystemResult:
    """The findings and score of one system."""

    system_id: str
    name: str
    stage: str
    score: int
    findings: tuple[Finding, ...]
    # The facts that decide which standards' items apply (see analysis.crosswalk).
    facts: frozenset[str] = frozenset()

    def count(self, level: Level) -> int:
        return sum(1 for f in self.findings if f.severity == level)

    @property
    def blockers(self) -> int:
        return self.count(Level.BLOCKER)

    def explain(self, policy: Policy = DEFAULT_POLICY) -> list[str]:
        """The score as a sum: one line per finding that cost points, then the band."""
        lines = [f"{MAX_SCORE} starting score"]
        lines += [f"-{f.cost:>3} {f.rule_id} {f.message}" for f in self.findings if f.cost]
        raw = max(0, MAX_SCORE - sum(f.cost for f in self.findings))
        if raw != self.score:
            blockers = self.blockers
            top, bottom = policy.ceiling(blockers), policy.ceiling(blockers + 1)
            lines.append(
                f"= {raw}, held at {self.score}: with {count_of(blockers, 'open blocker')} "
                f"a system scores between {bottom} and {top}"
            )
        lines.append(f"= {self.score}")
        return lines

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.system_id,
            "name": self.name,
            "stage": self.stage,
            "score": self.score,
            "counts": {level.value: self.count(level) for level in Level},
            "findings": [f.to_json() for f in self.findings],
        }


@dataclass(frozen=True)
class Analysis:
    """The findings of a whole workspace (or of the systems asked for) and its scores."""

    today: dt.date
    systems: Mapping[str, SystemResult]
    workspace_findings: tuple[Finding, ...]
    score: int

    @property
    def findings(self) -> tuple[Finding, ...]:
        return (
            *(f for result in self.systems.values() for f in result.findings),
            *self.workspace_findings,
        )

    def count(self, level: Level) -> int:
        return sum(1 for f in self.findings if f.severity == level)

    @property
    def blockers(self) -> int:
        return self.count(Level.BLOCKER)

    def with_system(self, result: SystemResult) -> Analysis:
        """This analysis with one system's result replaced (after re-analysing it alone)."""
        systems = {**self.systems, result.system_id: result}
        return replace(
            self,
            systems=systems,
            score=_portfolio_score(systems.values(), self.workspace_findings),
        )

    def only(self, system_ids: Collection[str]) -> Analysis:
        """The analysis of just these systems (workspace-wide findings left out)."""
        systems = {k: v for k, v in self.systems.items() if k in system_ids}
        return replace(
            self,
            systems=systems,
            workspace_findings=(),
            score=_portfolio_score(systems.values(), ()),
        )

    def without_system(self, system_id: str) -> Analysis:
        """This analysis with a deleted (or retired) system left out."""
        systems = {k: v for k, v in self.systems.items() if k != system_id}
        return replace(
            self,
            systems=systems,
            score=_portfolio_score(systems.values(), self.workspace_findings),
        )


def _cost(
    rule: Rule, hits: Iterable[Hit], system_id: str | None, policy: Policy, factor: float = 1.0
) -> list[Finding]:
    level = policy.severity_overrides.get(rule.id, rule.severity)
    weight = int(policy.weight(level) * factor + 0.5)
    budget = weight * policy.rule_cap
    findings = []
    for hit in hits:
        cost = min(weight, budget)
        budget -= cost
        findings.append(
            Finding(
                rule_id=rule.id,
                severity=level,
                system_id=system_id,
                title=rule.title,
                message=hit.message,
                remedy=hit.remedy or rule.remedy,
                page=hit.page or rule.page,
                entities=hit.refs,
                cost=cost,
            )
        )
    return findings


def system_score(findings: Iterable[Finding], policy: Policy = DEFAULT_POLICY) -> int:
    """100 minus the findings' costs, held within the band of their open blockers."""
    listed = list(findings)
    blockers = sum(1 for f in listed if f.severity == Level.BLOCKER)
    raw = MAX_SCORE - sum(f.cost for f in listed)
    return max(policy.ceiling(blockers + 1), min(policy.ceiling(blockers), raw))


def _run_system(ctx: Context, system: SystemPlan) -> SystemResult:
    findings: list[Finding] = []
    row = system.system
    factor = ctx.policy.risk_factor(row.risk_tier, bool(row.regulated))
    for rule in _SYSTEM_RULES:
        findings += _cost(rule, rule.check(ctx, system), system.id, ctx.policy, factor)  # type: ignore[call-arg]
    findings.sort(key=_order)
    score = system_score(findings, ctx.policy)
    facts = {
        name
        for name, holds in (
            ("customer_facing", row.customer_facing),
            ("personal_data", row.processes_personal_data),
            ("high_stakes", ctx.high_stakes(system)),
            ("live", ctx.live(system)),
        )
        if holds
    }
    return SystemResult(
        system.id,
        system.name,
        system.system.stage.value,
        score,
        tuple(findings),
        frozenset(facts),
    )


def _portfolio_score(results: Iterable[SystemResult], workspace: Iterable[Finding]) -> int:
    scores = [r.score for r in results]
    mean = sum(scores) / len(scores) if scores else MAX_SCORE
    return max(0, round(mean) - sum(f.cost for f in workspace))


def _analysed(ctx: Context, system: SystemPlan) -> bool:
    return system.system.stage in ctx.policy.analysed_stages


def analyse(plan: Plan, *, today: dt.date, policy: Policy = DEFAULT_POLICY) -> Analysis:
    """Run every rule over every analysed system of ``plan`` (retired ones are skipped)."""
    ctx = Context(plan, today, policy)
    results = {s.id: _run_system(ctx, s) for s in plan if _analysed(ctx, s)}
    workspace: list[Finding] = []
    for rule in _WORKSPACE_RULES:
        workspace += _cost(rule, rule.check(ctx), None, policy)  # type: ignore[call-arg]
    workspace.sort(key=_order)
    return Analysis(today, results, tuple(workspace), _portfolio_score(results.values(), workspace))


def analyse_system(
    plan: Plan, system_id: str, *, today: dt.date, policy: Policy = DEFAULT_POLICY
) -> SystemResult | None:
    """Run the system rules over one system; None for a system that is not analysed (retired).

    Pass the whole plan, not one loaded for this system alone: the key-person rules count
    accountability across the portfolio. A RACI change can therefore change the findings of
    other systems too; callers re-run ``analyse`` for those (it is fast enough).
    """
    ctx = Context(plan, today, policy)
    system = plan.systems[system_id]
    return _run_system(ctx, system) if _analysed(ctx, system) else None
