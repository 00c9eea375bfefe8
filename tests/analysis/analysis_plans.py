"""A complete plan built through the operations, and helpers to break copies of it in memory."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from planner.domain.plan import Plan, SystemPlan
from planner.operations import add_system, assign_raci, create_entity, update_entity
from planner.store.plan_loader import load_plan
from planner.store.workspace import Workspace

TODAY = dt.date(2026, 6, 1)
SYSTEM = "Claims Triage"


def build_complete(ws: Workspace, *, name: str = SYSTEM, stage: str = "limited_rollout") -> str:
    """A regulated claims system with every section filled in; returns its id."""
    desk = create_entity(
        ws, kind_name="team", values={"name": f"Service Desk {name}", "email": "desk@x.example"}
    ).first_id("team")
    people = []
    for number in range(8):
        change = create_entity(
            ws,
            kind_name="person",
            values={
                "name": f"{name} person {number}",
                "email": f"p{number}@x.example",
                "team_id": desk,
            },
        )
        people.append(change.first_id("person"))
    for number, person in enumerate(people):
        update_entity(
            ws,
            kind_name="person",
            entity_id=person,
            values={"deputy_id": people[(number + 1) % len(people)]},
        )
    system_id = add_system(ws, name=name, template="claims_review_support", stage=stage).first_id(
        "system"
    )
    plan = load_plan(ws, system_ids=[system_id])
    system = plan.systems[system_id]
    for number, activity in enumerate(plan.activities):
        accountable = people[number % 4]
        responsible = people[4 + number % 4]
        assign_raci(
            ws, system_id=system_id, activity_id=activity.id, role="A", person_id=accountable
        )
        assign_raci(
            ws, system_id=system_id, activity_id=activity.id, role="R", person_id=responsible
        )
    for number, tier in enumerate(system.support_tiers, start=1):
        values = {
            "team_id": desk,
            "address": f"{tier.level.value}@x.example",
            "resolution_minutes": 480 * number,
            "escalate_when": f"Not resolved within {8 * number} hours, or a model fault",
        }
        update_entity(ws, kind_name="support_tier", entity_id=tier.id, values=values)
    for chain in system.chains:
        for position, level in enumerate(chain.levels):
            create_entity(
                ws,
                kind_name="escalation_target",
                values={"level_id": level.level.id, "person_id": people[position]},
            )
    for document in system.documents:
        values = {
            "status": "approved",
            "owner_id": people[0],
            "location": f"https://wiki.example/{document.doc_type.value}",
            "last_reviewed": TODAY - dt.timedelta(days=10),
        }
        update_entity(ws, kind_name="document", entity_id=document.id, values=values)
    assert system.retraining is not None
    retraining = {"owner_id": people[5], "approver_id": people[6]}
    update_entity(
        ws, kind_name="retraining_plan", entity_id=system.retraining.id, values=retraining
    )
    for signal in system.signals:
        values = {"owner_id": people[1], "alert_channel": "#alerts", "threshold": "above 5%"}
        update_entity(ws, kind_name="monitoring_signal", entity_id=signal.id, values=values)
    for control in system.controls:
        values = {"owner_id": people[2], "status": "in_place", "evidence": "Reviewed"}
        update_entity(ws, kind_name="governance_control", entity_id=control.id, values=values)
    for criterion in system.criteria:
        values = {"status": "ready", "evidence": "Checklist signed", "owner_id": people[3]}
        update_entity(ws, kind_name="readiness_criterion", entity_id=criterion.id, values=values)
    for baseline in system.baselines:
        update_entity(
            ws, kind_name="baseline", entity_id=baseline.id, values={"baseline_value": 9.0}
        )
    create_entity(
        ws,
        kind_name="data_source",
        values={
            "system_id": system_id,
            "name": "Claims system",
            "owner_id": people[7],
            "refresh_cadence": "hourly",
            "quality_checks": "Row counts and null checks on every load",
        },
    )
    review_facts = {
        "fallback_procedure": "Switch scoring off in the admin console; handlers triage by hand",
        "dashboards": "https://grafana.x.example/d/claims-triage",
        "decommissioning_plan": "Model risk decides; model and features deleted, logs kept",
        "log_retention_days": 400,
        "overseer_id": people[3],
        "overseer_training": "Model oversight course, May 2026",
        "overseer_can_stop": True,
    }
    update_entity(ws, kind_name="system", entity_id=system_id, values=review_facts)
    create_entity(
        ws,
        kind_name="action_item",
        values={"system_id": system_id, "text": "Plan review", "due": TODAY + dt.timedelta(days=5)},
    )
    return system_id


def edit(row: Any, **changes: Any) -> Any:
    """A copy of a plan record with some values changed (records are immutable)."""
    return dataclasses.replace(row, **changes)


def the_system(plan: Plan) -> SystemPlan:
    return next(iter(plan.systems.values()))


def with_system(plan: Plan, **fields: Any) -> Plan:
    """``plan`` with its (first) system's plan changed: SystemPlan fields, e.g. raci=()."""
    system = the_system(plan)
    changed = dataclasses.replace(system, **fields)
    return dataclasses.replace(plan, systems={**plan.systems, system.id: changed})


def with_system_row(plan: Plan, **changes: Any) -> Plan:
    return with_system(plan, system=edit(the_system(plan).system, **changes))


def with_person(plan: Plan, person_id: str, **changes: Any) -> Plan:
    people = {**plan.people, person_id: edit(plan.people[person_id], **changes)}
    return dataclasses.replace(plan, people=people)
