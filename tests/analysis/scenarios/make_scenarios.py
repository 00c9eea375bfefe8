"""Writes the expert scenarios: realistic plans (interchange JSON) with planted gaps.

Run ``python tests/analysis/scenarios/make_scenarios.py`` to regenerate the JSON files
after a change of format. Each scenario starts from a plan a careful team would hand over
for that use case, then plants the gaps a production-readiness reviewer would flag first;
the gaps are written in the domain's words, and only then mapped to the rule(s) that must
catch them (``<name>.gaps.json``). The two control plans get no gaps at all.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from planner.domain.plan import SystemPlan
from planner.export.json_export import dumps, export_document
from planner.operations import (
    add_system,
    assign_raci,
    create_entity,
    delete_entity,
    sign_off,
    update_entity,
)
from planner.store.plan_loader import load_plan
from planner.store.workspace import Workspace, create_workspace

HERE = Path(__file__).resolve().parent
TODAY = dt.date(2026, 9, 1)
CLOCK = dt.datetime(2026, 9, 1, 9, 0, tzinfo=dt.UTC)

CAST = (  # key, name, title
    ("owner", "Priya Raman", "Head of Operations"),
    ("deputy_owner", "Tom Okafor", "Operations Manager"),
    ("ops", "Marta Silva", "IT Operations Lead"),
    ("ops2", "Jonas Berg", "Site Reliability Engineer"),
    ("data", "Chen Wei", "Data Owner"),
    ("ml", "Amara Diallo", "ML Engineer"),
    ("ml2", "Lukas Novak", "Data Scientist"),
    ("support", "Sofia Rossi", "Service Desk Lead"),
    ("analyst", "Ben Carter", "Business Analyst"),
    ("risk", "Hannah Fischer", "Model Risk Manager"),
    ("privacy", "Omar Haddad", "Data Protection Officer"),
    ("overseer", "Grace Liu", "Senior Process Specialist"),
)

# activity key -> (Accountable, Responsible): spread so nobody holds most of a system.
RACI = {
    "support": ("support", "analyst"),
    "documentation": ("owner", "deputy_owner"),
    "retraining": ("ml", "ml2"),
    "change_requests": ("owner", "ops"),
    "monitoring": ("ops", "ml"),
    "incident_response": ("ops", "support"),
    "data_quality": ("data", "analyst"),
    "access_control": ("risk", "ops2"),
    "continuous_improvement": ("deputy_owner", "analyst"),
}
SIGNERS = {
    "business_owner": "owner",
    "it_operations": "ops",
    "data_owner": "data",
    "support_lead": "support",
    "risk_compliance": "risk",
}


@dataclass
class Built:
    """A workspace with one system and the ids a gap needs to reach."""

    ws: Workspace
    system_id: str
    people: dict[str, str]
    desk: str
    sign: bool = True
    override: str = ""
    # Changes that happen after the board signed (people leave later).
    after: list[Callable[[], None]] = field(default_factory=list)

    def plan(self) -> SystemPlan:
        return load_plan(self.ws, system_ids=[self.system_id]).systems[self.system_id]

    def update(self, kind: str, entity_id: str, **values: Any) -> None:
        update_entity(self.ws, kind_name=kind, entity_id=entity_id, values=values)

    def system(self, **values: Any) -> None:
        self.update("system", self.system_id, **values)

    def row(self, section: str, test: Callable[[Any], bool]) -> Any:
        return next(r for r in getattr(self.plan(), section) if test(r))

    def raci(self, activity: str, role: str) -> Any:
        plan = load_plan(self.ws, system_ids=[self.system_id])
        activity_id = next(a.id for a in plan.activities if a.key == activity)
        system = plan.systems[self.system_id]
        return next(c for c in system.raci if c.activity_id == activity_id and c.role == role)


Gap = tuple[str, list[str], Callable[[Built], None]]


@dataclass
class Scenario:
    name: str
    system: str
    template: str
    stage: str
    facts: dict[str, Any] = field(default_factory=dict)
    gaps: list[Gap] = field(default_factory=list)


def _people(ws: Workspace, desk: str) -> dict[str, str]:
    people = {}
    for key, name, title in CAST:
        email = name.lower().replace(" ", ".") + "@northwind.example"
        values = {"name": name, "title": title, "email": email, "team_id": desk}
        values |= {"phone": f"+44 20 7946 {len(people):04d}", "timezone": "Europe/London"}
        people[key] = create_entity(ws, kind_name="person", values=values).first_id("person")
    keys = list(people)
    for number, key in enumerate(keys):
        deputy = people[keys[(number + 1) % len(keys)]]
        update_entity(ws, kind_name="person", entity_id=people[key], values={"deputy_id": deputy})
    return people  # type: ignore[return-value]


# Resolution target (minutes) and when a case moves up, by support level.
RESOLUTION = {
    "L1": (480, "Not resolved within 4 hours, or it needs a change to data or the model"),
    "L2": (1440, "A defect in the model or the vendor's service"),
    "L3": (4320, "A fault in the vendor's service or model"),
    "vendor": (4320, "Vendor contract terms apply"),
}


def _fill(b: Built, scenario: Scenario) -> None:
    """Everything a careful team fills in: owners, contacts, evidence, facts."""
    plan = load_plan(b.ws, system_ids=[b.system_id])
    system = plan.systems[b.system_id]
    p = b.people
    for activity in plan.activities:
        accountable, responsible = RACI[activity.key]
        for role, who in (("A", accountable), ("R", responsible)):
            assign_raci(
                b.ws, system_id=b.system_id, activity_id=activity.id, role=role, person_id=p[who]
            )
    for tier in system.support_tiers:
        address = f"{tier.level.value.lower()}-support@northwind.example"
        resolve, move_up = RESOLUTION[tier.level.value]
        b.update(
            "support_tier",
            tier.id,
            team_id=b.desk,
            address=address,
            resolution_minutes=resolve,
            escalate_when=move_up,
        )
    chain_people = (p["ops"], p["ops2"], p["owner"])
    for chain in system.chains:
        for position, level in enumerate(chain.levels):
            values = {"level_id": level.level.id, "person_id": chain_people[position % 3]}
            create_entity(b.ws, kind_name="escalation_target", values=values)
    for document in system.documents:
        b.update(
            "document",
            document.id,
            status="approved",
            owner_id=p["owner"] if document.doc_type.value != "dpia" else p["privacy"],
            location=f"https://wiki.northwind.example/{scenario.name}/{document.doc_type.value}",
            last_reviewed=TODAY - dt.timedelta(days=20),
        )
    if system.retraining is not None:
        b.update("retraining_plan", system.retraining.id, owner_id=p["ml"], approver_id=p["risk"])
    for signal in system.signals:
        b.update(
            "monitoring_signal",
            signal.id,
            owner_id=p["ml"] if signal.kind.value != "usage" else p["analyst"],
            alert_channel="#ai-ops-alerts",
            threshold=signal.threshold or "outside the agreed band for 2 days",
        )
    for control in system.controls:
        owner = p["privacy"] if control.kind.value == "privacy" else p["risk"]
        evidence = f"Evidence pack, {control.kind.label.lower()}, reviewed 2026-08"
        b.update(
            "governance_control", control.id, owner_id=owner, status="in_place", evidence=evidence
        )
    for criterion in system.criteria:
        b.update(
            "readiness_criterion",
            criterion.id,
            status="ready",
            evidence="Go-live checklist item signed off 2026-08",
            owner_id=p["deputy_owner"],
        )
    for baseline in system.baselines:
        value = baseline.target_value * 2 if baseline.target_value else 10.0
        b.update(
            "baseline", baseline.id, baseline_value=value, target_value=baseline.target_value or 5.0
        )
    for name, cadence, checks in (
        ("Core policy and claims system", "hourly", "Row counts, nulls and schema on every load"),
        ("Data warehouse", "daily at 06:00", "Freshness and reconciliation against source totals"),
    ):
        create_entity(
            b.ws,
            kind_name="data_source",
            values={
                "system_id": b.system_id,
                "name": name,
                "owner_id": p["data"],
                "refresh_cadence": cadence,
                "quality_checks": checks,
                "access_rules": "Read-only service account",
                "integration_point": f"{name} API",
            },
        )
    facts = {
        "go_live": (TODAY - dt.timedelta(days=60)),
        "fallback_procedure": "Switch the model off with the feature flag in the admin "
        "console; work returns to the manual queue; the service desk tells users",
        "dashboards": f"https://grafana.northwind.example/d/{scenario.name}",
        "decommissioning_plan": "The business owner decides with model risk; model and "
        "features deleted, logs kept for their retention period, users moved to the manual "
        "process",
        "log_retention_days": 400,
        "overseer_id": p["overseer"],
        "overseer_training": "Model oversight course 2026-06: limits, automation bias, override",
        "overseer_can_stop": True,
    }
    if scenario.facts.get("customer_facing"):
        facts["transparency_notice"] = (
            "Customers are told 'You are chatting with an AI assistant' before the first "
            "answer, and can ask for a person at any time"
        )
    b.system(**facts, **scenario.facts)


def _sign(b: Built) -> None:
    plan = load_plan(b.ws, system_ids=[b.system_id])
    for role in plan.info.required_signoff_roles:
        signed = {s.role for s in b.plan().sign_offs}
        if role in signed:
            continue
        sign_off(
            b.ws,
            system_id=b.system_id,
            role=role,
            person_id=b.people[SIGNERS[role]],
            signed_on=TODAY - dt.timedelta(days=10),
            comment="Go-live readiness board",
            open_blockers=["(recorded at the board)"] if b.override else (),
            override_reason=b.override,
        )


def build(scenario: Scenario, folder: Path) -> dict[str, Any]:
    ws = create_workspace(folder / f"{scenario.name}.handover", actor="Scenario author")
    ws.clock = lambda: CLOCK
    desk = create_entity(
        ws,
        kind_name="team",
        values={"name": "Service Desk", "email": "servicedesk@northwind.example"},
    ).first_id("team")
    assert desk is not None
    people = _people(ws, desk)
    system_id = add_system(
        ws, name=scenario.system, template=scenario.template, stage=scenario.stage
    ).first_id("system")
    assert system_id is not None
    built = Built(ws, system_id, people, desk, sign=scenario.stage == "production")
    _fill(built, scenario)
    for _gap, _rules, plant in scenario.gaps:
        plant(built)
    if built.sign:
        _sign(built)
    for change in built.after:
        change()
    document = export_document(ws)
    ws.close()
    return document


# --- the planted gaps, per use case (domain first, then the rule that must catch them) ---


def _leaver(b: Built, key: str) -> None:
    # They leave after the plan was signed (and may have signed it themselves).
    b.after.append(lambda: b.update("person", b.people[key], active=False))


def _drop_document(doc_type: str) -> Callable[[Built], None]:
    def plant(b: Built) -> None:
        row = b.row("documents", lambda d: d.doc_type.value == doc_type)
        delete_entity(b.ws, kind_name="document", entity_id=row.id)

    return plant


def _control(kind: str, **values: Any) -> Callable[[Built], None]:
    def plant(b: Built) -> None:
        row = b.row("controls", lambda c: c.kind.value == kind)
        b.update("governance_control", row.id, **values)

    return plant


def _signal(kind: str, **values: Any) -> Callable[[Built], None]:
    def plant(b: Built) -> None:
        row = b.row("signals", lambda s: s.kind.value == kind)
        b.update("monitoring_signal", row.id, **values)

    return plant


def _source(number: int, **values: Any) -> Callable[[Built], None]:
    def plant(b: Built) -> None:
        b.update("data_source", b.plan().data_sources[number].id, **values)

    return plant


def _double_signer(b: Built) -> None:
    # The IT operations lead also signs for the service desk, which reports to them.
    sign_off(
        b.ws,
        system_id=b.system_id,
        role="support_lead",
        person_id=b.people["ops"],
        signed_on=TODAY - dt.timedelta(days=10),
    )


def _concentrate(b: Built) -> None:
    for activity in (
        "support",
        "monitoring",
        "incident_response",
        "data_quality",
        "access_control",
    ):
        b.update("raci", b.raci(activity, "A").id, person_id=b.people["owner"])


def _self_approved_retraining(b: Built) -> None:
    b.update("retraining_plan", b.plan().retraining.id, approver_id=b.people["ml"])


def _accountable_approves(b: Built) -> None:
    b.update(
        "retraining_plan",
        b.plan().retraining.id,
        approver_id=b.people["ml"],
        owner_id=b.people["ml2"],
    )


def _same_everywhere(severity: str, person: str) -> Callable[[Built], None]:
    def plant(b: Built) -> None:
        chain = next(c for c in b.plan().chains if c.chain.severity.value == severity)
        for level in chain.levels:
            b.update("escalation_target", level.targets[0].id, person_id=b.people[person])

    return plant


def _single_level_chain(b: Built) -> None:
    chain = next(c for c in b.plan().chains if c.chain.severity.value == "sev1")
    for level in chain.levels[1:]:
        delete_entity(b.ws, kind_name="escalation_level", entity_id=level.level.id)


def _tier(level: str, **values: Any) -> Callable[[Built], None]:
    def plant(b: Built) -> None:
        row = b.row("support_tiers", lambda t: t.level.value == level)
        b.update("support_tier", row.id, **values)

    return plant


def _no_review_rules(b: Built) -> None:
    for rule in b.plan().review_rules:
        delete_entity(b.ws, kind_name="human_review_rule", entity_id=rule.id)


def _no_baselines(b: Built) -> None:
    for baseline in b.plan().baselines:
        delete_entity(b.ws, kind_name="baseline", entity_id=baseline.id)


def _draft(doc_type: str) -> Callable[[Built], None]:
    def plant(b: Built) -> None:
        row = b.row("documents", lambda d: d.doc_type.value == doc_type)
        b.update("document", row.id, status="draft")

    return plant


def _unsigned_role(role: str) -> Callable[[Built], None]:
    def plant(b: Built) -> None:
        plan = load_plan(b.ws, system_ids=[b.system_id])
        for other in plan.info.required_signoff_roles:
            if other != role:
                sign_off(
                    b.ws,
                    system_id=b.system_id,
                    role=other,
                    person_id=b.people[SIGNERS[other]],
                    signed_on=TODAY - dt.timedelta(days=10),
                )
        b.sign = False

    return plant


def _overdue_action(b: Built) -> None:
    create_entity(
        b.ws,
        kind_name="action_item",
        values={
            "system_id": b.system_id,
            "text": "Agree the forecast override process with Finance",
            "owner_id": b.people["analyst"],
            "due": TODAY - dt.timedelta(days=21),
        },
    )


def _remove_signal(kind: str) -> Callable[[Built], None]:
    def plant(b: Built) -> None:
        row = b.row("signals", lambda s: s.kind.value == kind)
        delete_entity(b.ws, kind_name="monitoring_signal", entity_id=row.id)

    return plant


def _criterion(area: str, **values: Any) -> Callable[[Built], None]:
    def plant(b: Built) -> None:
        row = b.row("criteria", lambda c: c.area.value == area)
        b.update("readiness_criterion", row.id, **values)

    return plant


def _remove_control(kind: str) -> Callable[[Built], None]:
    def plant(b: Built) -> None:
        row = b.row("controls", lambda c: c.kind.value == kind)
        delete_entity(b.ws, kind_name="governance_control", entity_id=row.id)

    return plant


def _set(**values: Any) -> Callable[[Built], None]:
    return lambda b: b.system(**values)


def _override(b: Built) -> None:
    b.override = "Finance needs the forecast for the Q4 budget; rollback plan due by 1 October"


def _overdue_review(b: Built) -> None:
    row = b.row("documents", lambda d: d.doc_type.value == "runbook")
    b.update("document", row.id, last_reviewed=TODAY - dt.timedelta(days=400))


def _risk_signed_by_owner(b: Built) -> None:
    for role in ("business_owner", "risk_compliance"):
        sign_off(
            b.ws,
            system_id=b.system_id,
            role=role,
            person_id=b.people["owner"],
            signed_on=TODAY - dt.timedelta(days=3),
        )


SCENARIOS = (
    Scenario(
        "document_extraction",
        "Mailroom Extraction",
        "document_extraction",
        "production",
        gaps=[
            (
                "The IT operations lead also signs for the service desk that reports to them, so "
                "the support model was never accepted by its own lead",
                ["SIGN-004"],
                _double_signer,
            ),
            (
                "The broker e-mail feed is loaded without any checks on what arrives",
                ["DATA-003"],
                _source(1, quality_checks=""),
            ),
            (
                "Nobody wrote down how to switch extraction off and go back to keying by hand",
                ["LIFE-001"],
                _set(fallback_procedure=""),
            ),
            (
                "Scanned claim forms and ID documents are processed, but no DPIA exists",
                ["DOC-001"],
                _drop_document("dpia"),
            ),
            (
                "The data owner has left the company and still owns the policy-system feed",
                ["PEOPLE-001", "RACI-004", "SIGN-003", "KEY-003"],
                lambda b: _leaver(b, "data"),
            ),
            (
                "The data-drift signal has no threshold, so it can never alert",
                ["MON-002"],
                _signal("data_drift", threshold=""),
            ),
            (
                "Nobody has planned how the system will be retired",
                ["LIFE-002"],
                _set(decommissioning_plan=""),
            ),
            (
                "The privacy control is still only planned although the system is in production",
                ["GOV-003"],
                _control("privacy", status="planned"),
            ),
        ],
    ),
    Scenario(
        "copilot",
        "Underwriting Copilot",
        "ai_copilot",
        "limited_rollout",
        gaps=[
            (
                "Nobody measured how long underwriting summaries took before the copilot, so its "
                "benefit can never be shown",
                ["BASE-002"],
                _no_baselines,
            ),
            (
                "The underwriters in the rollout have no training material",
                ["DOC-001"],
                _drop_document("training_material"),
            ),
            (
                "Broker e-mails with personal data go through the copilot but there is no privacy "
                "control at all",
                ["GOV-005"],
                _remove_control("privacy"),
            ),
            (
                "The head of operations is Accountable for most of the copilot's activities",
                ["KEY-004"],
                _concentrate,
            ),
            (
                "The ML engineer who evaluates a new vendor model version also approves it",
                ["RACI-005"],
                _self_approved_retraining,
            ),
            (
                "Nobody collects what the underwriters think of the suggestions",
                ["MON-001"],
                _remove_signal("user_feedback"),
            ),
            (
                "The L1 desk has no response target for copilot tickets",
                ["SUP-002"],
                _tier("L1", response_minutes=None),
            ),
        ],
    ),
    Scenario(
        "forecasting",
        "Claims Volume Forecast",
        "forecasting_model",
        "production",
        gaps=[
            (
                "The plan was signed off while blockers were open, on a promise to close them",
                ["SIGN-006"],
                _override,
            ),
            (
                "There is no way back to the previous model if a retrained one misbehaves",
                ["RET-006"],
                lambda b: b.update("retraining_plan", b.plan().retraining.id, rollback_plan=""),
            ),
            (
                "The model card in production is still an unreviewed draft",
                ["DOC-004"],
                _draft("model_card"),
            ),
            (
                "The warehouse extract has no owner on the data side",
                ["DATA-001"],
                _source(1, owner_id=None),
            ),
            (
                "Every level of the SEV2 chain pages the same engineer",
                ["ESC-004"],
                _same_everywhere("sev2", "ops"),
            ),
            (
                "The forecast-accuracy baseline has no 'before' value",
                ["BASE-001"],
                lambda b: b.update("baseline", b.plan().baselines[0].id, baseline_value=None),
            ),
            (
                "The action to agree the override process with Finance is three weeks overdue",
                ["ACT-001"],
                _overdue_action,
            ),
        ],
    ),
    Scenario(
        "support_assistant",
        "Help Centre Assistant",
        "customer_support_assistant",
        "limited_rollout",
        facts={"customer_facing": True},
        gaps=[
            (
                "Customers chat with the assistant but are never told it is an AI",
                ["GOV-006"],
                _set(transparency_notice=""),
            ),
            (
                "The assistant runs around the clock, but the L1 desk works business hours only",
                ["SUP-003"],
                _tier("L1", hours="business_hours"),
            ),
            (
                "The conversation audit trail is only planned although customers use it",
                ["GOV-004"],
                _control("audit_trail", status="planned"),
            ),
            (
                "Conversation logs are deleted after 90 days",
                ["GOV-007"],
                _set(log_retention_days=90),
            ),
            (
                "Nobody is named to oversee the assistant and stop it if it misbehaves",
                ["HUM-003"],
                _set(overseer_id=None),
            ),
            (
                "The second level of the SEV1 chain pages an engineer who has left",
                ["ESC-008", "RACI-004", "KEY-003"],
                lambda b: _leaver(b, "ops2"),
            ),
            (
                "No independent validation or bias testing of the answers exists",
                ["DOC-001"],
                _drop_document("validation_report"),
            ),
            (
                "Retraining is approved by the ML engineer who is Accountable for it",
                ["RACI-005"],
                _accountable_approves,
            ),
        ],
    ),
    Scenario(
        "claims_review",
        "Claims Triage",
        "claims_review_support",
        "limited_rollout",
        gaps=[
            (
                "The business owner signed for risk and compliance too",
                ["SIGN-005", "SIGN-004"],
                _risk_signed_by_owner,
            ),
            (
                "The overseer may not override a route or stop the scoring",
                ["HUM-005"],
                _set(overseer_can_stop=False),
            ),
            (
                "Nobody recorded what training the overseer has had",
                ["HUM-004"],
                _set(overseer_training=""),
            ),
            (
                "No human review is defined for the referrals to counter-fraud",
                ["HUM-001"],
                _no_review_rules,
            ),
            (
                "The handler training material is still a draft during the rollout",
                ["DOC-006"],
                _draft("training_material"),
            ),
            (
                "Nobody knows how often the warehouse extract refreshes",
                ["DATA-002"],
                _source(1, refresh_cadence=""),
            ),
            (
                "Nobody is Responsible for incident response",
                ["RACI-003"],
                lambda b: delete_entity(
                    b.ws, kind_name="raci", entity_id=b.raci("incident_response", "R").id
                ),
            ),
        ],
    ),
    Scenario(
        "anomaly_detection",
        "Payment Anomaly Watch",
        "anomaly_detection",
        "production",
        gaps=[
            (
                "Nobody wrote how to stop the model blocking payments and review them by hand",
                ["LIFE-001"],
                _set(fallback_procedure=""),
            ),
            (
                "The exceptions signal has no alert route",
                ["MON-003"],
                _signal("exceptions", alert_channel=""),
            ),
            ("The SEV1 chain has a single level", ["ESC-002"], _single_level_chain),
            (
                "The monitoring lead, Accountable for monitoring and incidents, has left",
                ["RACI-004", "ESC-008", "SIGN-003", "PEOPLE-001"],
                lambda b: _leaver(b, "ops"),
            ),
            (
                "Security is marked not ready in production",
                ["RDY-003"],
                _criterion("security", status="not_ready"),
            ),
            (
                "Model change control is only planned",
                ["GOV-004"],
                _control("model_change_control", status="planned"),
            ),
            (
                "The support lead never signed the plan",
                ["SIGN-001"],
                _unsigned_role("support_lead"),
            ),
            ("The runbook has not been reviewed for over a year", ["DOC-005"], _overdue_review),
        ],
    ),
    Scenario("control_claims", "Claims Triage (control)", "claims_review_support", "production"),
    Scenario(
        "control_forecasting", "Claims Volume Forecast (control)", "forecasting_model", "production"
    ),
)


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        for scenario in SCENARIOS:
            document = build(scenario, Path(folder))
            (HERE / f"{scenario.name}.json").write_bytes(dumps(document))
            gaps = [{"gap": text, "rules": rules} for text, rules, _ in scenario.gaps]
            (HERE / f"{scenario.name}.gaps.json").write_text(
                json.dumps({"system": scenario.system, "gaps": gaps}, indent=2) + "\n",
                encoding="utf-8",
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
