"""The content hash of one system's plan: what a sign-off records and a check compares.

The hash covers a canonical JSON of the system row (without the sign-off fields and
timestamps), every row that hangs off it except the sign-offs themselves (signatures are
over the plan, not over each other), and the names and contacts of the people, teams and
activities it references: a changed phone number in an escalation chain changes what was
agreed. It lives in the domain, beside the plan it hashes: the sign-off operation, the
analysis and the PDF all need it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping
from enum import Enum
from typing import Any

from planner.domain.plan import Plan, SystemPlan

HASH_VERSION = 1
_SIGN_OFF_FIELDS = frozenset({"locked", "signed_hash", "signed_at"})
# A row's version counts writes, not content (an undo raises it too): never hashed, so a
# signature depends on what the plan says and not on how often it was edited.
_NEVER_HASHED = frozenset({"version"})
_PERSON_FIELDS = ("name", "title", "email", "phone", "team_id")
_TEAM_FIELDS = ("name", "email", "phone")
# Fields added after plans were first signed, with their defaults. While one holds its
# default it is left out of the canonical plan, so a plan signed before the field existed
# still matches its signature after an upgrade; any other value changes the hash.
LATER_FIELDS: Mapping[str, Mapping[str, object]] = {
    "system": {
        "processes_personal_data": False,
        "customer_facing": False,
        "fallback_procedure": "",
        "decommissioning_plan": "",
        "transparency_notice": "",
        "log_retention_days": None,
        "overseer_id": None,
        "overseer_training": "",
        "overseer_can_stop": False,
        "dashboards": "",
    },
    "support_tier": {"resolution_minutes": None, "escalate_when": ""},
}
_REFERENCES = (
    "overseer_id",
    "person_id",
    "team_id",
    "owner_id",
    "approver_id",
    "alert_person_id",
    "alert_team_id",
)


def _json_default(value: object) -> object:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, bytes):
        return hashlib.sha256(value).hexdigest()
    raise TypeError(f"cannot hash a {type(value).__name__}")


def _row(row: Any, kind: str, skip: frozenset[str] = frozenset()) -> dict[str, Any]:
    later = LATER_FIELDS.get(kind, {})
    values = ((f.name, getattr(row, f.name)) for f in dataclasses.fields(row))
    return {
        name: value
        for name, value in values
        if name not in skip
        and name not in _NEVER_HASHED
        and (name not in later or value != later[name])
    }


def _rows(rows: Iterable[Any], kind: str) -> list[dict[str, Any]]:
    # Sorted by id so the order rows happen to be listed in cannot change the hash.
    return sorted((_row(r, kind) for r in rows), key=lambda r: str(r["id"]))


def _referenced(rows: Iterable[Mapping[str, Any]], columns: Iterable[str]) -> set[str]:
    return {value for row in rows for c in columns if (value := row.get(c)) is not None}


def canonical_plan(plan: Plan, system: SystemPlan) -> dict[str, Any]:
    """The signed content of ``system`` as plain JSON-ready values."""
    levels = [lv for chain in system.chains for lv in chain.levels]
    content: dict[str, Any] = {
        "hash_version": HASH_VERSION,
        "system": _row(system.system, "system", _SIGN_OFF_FIELDS),
        "data_sources": _rows(system.data_sources, "data_source"),
        "raci": _rows(system.raci, "raci"),
        "support_tiers": _rows(system.support_tiers, "support_tier"),
        "escalation_chains": _rows([chain.chain for chain in system.chains], "escalation_chain"),
        "escalation_levels": _rows([lv.level for lv in levels], "escalation_level"),
        "escalation_targets": _rows([t for lv in levels for t in lv.targets], "escalation_target"),
        "documents": _rows(system.documents, "document"),
        "retraining": _rows([system.retraining] if system.retraining else [], "retraining_plan"),
        "monitoring_signals": _rows(system.signals, "monitoring_signal"),
        "human_review_rules": _rows(system.review_rules, "human_review_rule"),
        "governance_controls": _rows(system.controls, "governance_control"),
        "readiness_criteria": _rows(system.criteria, "readiness_criterion"),
        "baselines": _rows(system.baselines, "baseline"),
        "actions": _rows(system.actions, "action_item"),
    }
    children = [row for key, rows in content.items() if isinstance(rows, list) for row in rows]
    children.append(content["system"])
    person_ids = _referenced(children, _REFERENCES)
    people = {pid: plan.people[pid] for pid in sorted(person_ids) if pid in plan.people}
    team_ids = _referenced(children, ("team_id", "alert_team_id"))
    team_ids |= {p.team_id for p in people.values() if p.team_id is not None}
    activity_ids = {row["activity_id"] for row in content["raci"]}
    content["people"] = {
        pid: {f: getattr(row, f) for f in _PERSON_FIELDS} for pid, row in people.items()
    }
    content["teams"] = {
        tid: {f: getattr(plan.teams[tid], f) for f in _TEAM_FIELDS}
        for tid in sorted(team_ids)
        if tid in plan.teams
    }
    content["activities"] = {
        a.id: {"key": a.key, "name": a.name} for a in plan.activities if a.id in activity_ids
    }
    return content


def canonical_json(plan: Plan, system: SystemPlan) -> str:
    """``canonical_plan`` as compact JSON with sorted keys (the bytes that are hashed)."""
    return json.dumps(
        canonical_plan(plan, system),
        default=_json_default,
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
        allow_nan=False,
    )


def plan_hash(plan: Plan, system: SystemPlan) -> str:
    """SHA-256 (hex) of the system's canonical plan."""
    return hashlib.sha256(canonical_json(plan, system).encode("utf-8")).hexdigest()
