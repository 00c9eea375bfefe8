"""A plan's on-call model as PagerDuty objects: REST API v2 payloads or Terraform JSON.

Per system: one escalation policy per severity, a schedule for each team that is a target
(PagerDuty cannot page a team directly), the users with their contact methods, and a
service with support hours and an urgency rule from the hours the system needs.

Delays. A plan says when each level is called, counted from the start of the incident
(0, 30, 60 minutes); PagerDuty says how long each rule waits before escalating away from
it. So rule i waits (delay of level i+1 - delay of level i); the last rule waits for the
level's response target. What the plan has that PagerDuty cannot hold (a first level
that waits, response targets) goes into descriptions; what PagerDuty needs that the plan
lacks (an e-mail, a rotation, exact support hours) is reported as a warning.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from planner.domain.enums import HoursOfOperation
from planner.domain.plan import ChainPlan, Plan, SystemPlan
from planner.domain.wording import in_running_text
from planner.export.atomic import atomic_write
from planner.export.slugs import SlugRegistry, slugify

FORMAT = "handover-planner-pagerduty"
# PagerDuty's own default wait before escalating, used only when the plan gives none.
DEFAULT_DELAY = 30
# What "business hours" and "extended hours" are taken to mean (a warning says so).
SUPPORT_HOURS = {
    HoursOfOperation.BUSINESS_HOURS: ("09:00:00", "17:00:00", [1, 2, 3, 4, 5]),
    HoursOfOperation.EXTENDED_HOURS: ("07:00:00", "22:00:00", [1, 2, 3, 4, 5, 6]),
}
_PHONE = re.compile(r"^\+(\d{1,3})[\s.-]+([\d\s().-]+)$")


@dataclass
class User:
    ref: str
    name: str
    email: str
    time_zone: str
    job_title: str
    phone: tuple[int, str] | None


@dataclass
class Schedule:
    ref: str
    name: str
    time_zone: str
    description: str
    users: list[str]


@dataclass
class Rule:
    delay: int
    targets: list[tuple[str, str]]  # ("user" | "schedule", ref)


@dataclass
class Policy:
    ref: str
    name: str
    description: str
    num_loops: int
    rules: list[Rule]


@dataclass
class Service:
    ref: str
    name: str
    description: str
    policy: str
    hours: HoursOfOperation
    time_zone: str


@dataclass
class PagerDutyModel:
    """Everything to create in PagerDuty, by local reference, plus the warnings."""

    users: dict[str, User] = field(default_factory=dict)
    schedules: dict[str, Schedule] = field(default_factory=dict)
    policies: list[Policy] = field(default_factory=list)
    services: list[Service] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _phone(text: str) -> tuple[int, str] | None:
    """(country code, national digits) of "+44 20 7946 0000"; None when not that shape."""
    match = _PHONE.match(text.strip())
    if match is None:
        return None
    return int(match.group(1)), re.sub(r"\D", "", match.group(2))


class _Builder:
    def __init__(self, plan: Plan, start: dt.date) -> None:
        self.plan = plan
        self.start = start
        self.model = PagerDutyModel()
        self.refs = SlugRegistry(separator="_")
        self.user_of: dict[str, str | None] = {}
        self.schedule_of: dict[str, str | None] = {}

    def warn(self, text: str) -> None:
        if text not in self.model.warnings:
            self.model.warnings.append(text)

    def ref(self, key: str, text: str) -> str:
        slug = self.refs.slug(key, text, fallback="item")
        return slug if slug[0].isalpha() else f"r_{slug}"

    def user(self, person_id: str) -> str | None:
        if person_id in self.user_of:
            return self.user_of[person_id]
        person = self.plan.people[person_id]
        ref: str | None = None
        if not person.email:
            self.warn(
                f"{person.name} has no e-mail address; PagerDuty needs one, so they are left out"
            )
        else:
            # A name in a script with no Latin letters names the reference by the mailbox.
            text = person.name if slugify(person.name, fallback="") else person.email
            ref = self.ref(f"user:{person_id}", text.split("@")[0])
            phone = _phone(person.phone) if person.phone else None
            if person.phone and phone is None:
                self.warn(
                    f"{person.name}'s phone {person.phone!r} is not written as +country code "
                    "and number; no phone contact method"
                )
            self.model.users[ref] = User(
                ref, person.name, person.email, person.timezone, person.title, phone
            )
        self.user_of[person_id] = ref
        return ref

    def schedule(self, team_id: str) -> str | None:
        if team_id in self.schedule_of:
            return self.schedule_of[team_id]
        team = self.plan.teams[team_id]
        members = [p for p in self.plan.people.values() if p.team_id == team_id and p.active]
        users = [u for p in members if (u := self.user(p.id)) is not None]
        ref: str | None = None
        if not users:
            self.warn(f"team {team.name} has no member with an e-mail; it cannot be paged")
        else:
            zones = Counter(p.timezone for p in members if p.timezone)
            zone = zones.most_common(1)[0][0] if zones else "UTC"
            if not zones:
                self.warn(f"team {team.name}: no member has a time zone; its schedule uses UTC")
            self.warn(
                f"team {team.name}: the plan has no on-call rotation; its schedule rotates "
                f"weekly through its members from {self.start.isoformat()}: set the real one"
            )
            ref = self.ref(f"schedule:{team_id}", team.name)
            self.model.schedules[ref] = Schedule(
                ref, team.name, zone, f"On-call rotation of {team.name}", users
            )
        self.schedule_of[team_id] = ref
        return ref

    def policy(self, system: SystemPlan, chain: ChainPlan) -> Policy | None:
        severity = chain.chain.severity
        name = f"{system.name} {severity.value.upper()}"
        lines = [f"{severity.label} escalation of {system.name}, from Handover Planner."]
        rules: list[Rule] = []
        levels = chain.levels
        for number, level in enumerate(levels, 1):
            row = level.level
            when = "at once" if not row.delay_minutes else f"after {row.delay_minutes} min"
            respond = f", respond within {row.response_minutes} min" if row.response_minutes else ""
            lines.append(f"Level {number}: {when}{respond}." + (f" {row.note}" if row.note else ""))
            targets = self.targets(level.targets)
            if not targets:
                self.warn(f"{name}: level {number} has no one PagerDuty can page; left out")
                continue
            rules.append(Rule(self.rule_delay(name, levels, number - 1), targets))
        if levels and levels[0].level.delay_minutes:
            lines.append("PagerDuty pages the first rule at once; the plan waits first.")
            self.warn(
                f"{name}: PagerDuty cannot wait before the first level; noted in the description"
            )
        if not rules:
            return None
        ref = self.ref(f"policy:{chain.chain.id}", name)
        return Policy(ref, name, " ".join(lines), int(chain.chain.repeat_loops), rules)

    def rule_delay(self, name: str, levels: Sequence[Any], index: int) -> int:
        here = levels[index].level
        if index + 1 < len(levels):
            wait = int(levels[index + 1].level.delay_minutes - here.delay_minutes)
            if wait < 1:
                self.warn(
                    f"{name}: level {index + 2} is not later than level {index + 1}; "
                    "PagerDuty waits at least 1 minute"
                )
            return max(wait, 1)
        if here.response_minutes:
            return int(here.response_minutes)
        self.warn(
            f"{name}: the last level has no response target; PagerDuty escalates on after "
            f"{DEFAULT_DELAY} minutes (its default)"
        )
        return DEFAULT_DELAY

    def targets(self, rows: Sequence[Any]) -> list[tuple[str, str]]:
        found: list[tuple[str, str]] = []
        for row in rows:
            if row.person_id is not None:
                ref = self.user(row.person_id)
                kind = "user"
            else:
                ref = self.schedule(row.team_id)
                kind = "schedule"
            if ref is not None and (kind, ref) not in found:
                found.append((kind, ref))
        return found

    def system(self, system: SystemPlan) -> None:
        chains = sorted(system.chains, key=lambda c: c.chain.severity.rank)
        policies = [p for c in chains if (p := self.policy(system, c)) is not None]
        self.model.policies.extend(policies)
        if not policies:
            self.warn(f"{system.name}: no escalation chain anyone can be paged by; no service")
            return
        hours = system.system.hours_required
        zones = [t.timezone for t in system.support_tiers if t.timezone]
        zone = zones[0] if zones else "UTC"
        if hours in SUPPORT_HOURS:
            start, end, _days = SUPPORT_HOURS[hours]
            self.warn(
                f"{system.name}: {in_running_text(hours.label)} taken as {start[:5]}-{end[:5]} "
                f"({zone}); set the exact support hours in PagerDuty"
            )
            if not zones:
                self.warn(f"{system.name}: no support tier has a time zone; support hours in UTC")
        note = (
            ""
            if len(policies) == 1
            else (
                " PagerDuty gives a service one escalation policy: this one uses "
                f"{policies[0].name}; route other severities to theirs with event orchestration."
            )
        )
        purpose = str(system.system.purpose or "").strip()
        self.model.services.append(
            Service(
                self.ref(f"service:{system.id}", system.name),
                system.name,
                (purpose[:900] + note).strip(),
                policies[0].ref,
                hours,
                zone,
            )
        )


def build_model(plan: Plan, systems: Sequence[SystemPlan], *, start: dt.date) -> PagerDutyModel:
    """The PagerDuty objects for ``systems``; ``start`` is when team rotations would begin."""
    builder = _Builder(plan, start)
    for system in systems:
        builder.system(system)
    return builder.model


# --- REST API v2 -------------------------------------------------------------------


def _reference(kind: str, ref: str) -> dict[str, str]:
    return {"id": ref, "type": f"{kind}_reference"}


def _urgency(service: Service) -> dict[str, Any]:
    if service.hours not in SUPPORT_HOURS:
        return {"incident_urgency_rule": {"type": "constant", "urgency": "high"}}
    start, end, days = SUPPORT_HOURS[service.hours]
    return {
        "incident_urgency_rule": {
            "type": "use_support_hours",
            "during_support_hours": {"type": "constant", "urgency": "high"},
            "outside_support_hours": {"type": "constant", "urgency": "low"},
        },
        "support_hours": {
            "type": "fixed_time_per_day",
            "time_zone": service.time_zone,
            "days_of_week": days,
            "start_time": start,
            "end_time": end,
        },
        "scheduled_actions": [
            {
                "type": "urgency_change",
                "at": {"type": "named_time", "name": "support_hours_start"},
                "to_urgency": "high",
            }
        ],
    }


def _contact_methods(user: User) -> list[dict[str, Any]]:
    methods: list[dict[str, Any]] = [
        {"type": "email_contact_method", "label": "Work", "address": user.email}
    ]
    if user.phone is not None:
        code, number = user.phone
        methods.append(
            {
                "type": "phone_contact_method",
                "label": "Work",
                "country_code": code,
                "address": number,
            }
        )
    return methods


def _rest_user(user: User) -> dict[str, Any]:
    body: dict[str, Any] = {"type": "user", "name": user.name, "email": user.email}
    if user.time_zone:
        body["time_zone"] = user.time_zone
    if user.job_title:
        body["job_title"] = user.job_title
    return {"id": user.ref, "user": body, "contact_methods": _contact_methods(user)}


def _rest_schedule(schedule: Schedule, start: str) -> dict[str, Any]:
    layer = {
        "name": "Weekly rotation",
        "start": start,
        "rotation_virtual_start": start,
        "rotation_turn_length_seconds": 7 * 24 * 3600,
        "users": [{"user": _reference("user", ref)} for ref in schedule.users],
    }
    body = {
        "type": "schedule",
        "name": schedule.name,
        "time_zone": schedule.time_zone,
        "description": schedule.description,
        "schedule_layers": [layer],
    }
    return {"id": schedule.ref, "schedule": body}


def _rest_policy(policy: Policy) -> dict[str, Any]:
    rules = [
        {
            "escalation_delay_in_minutes": rule.delay,
            "targets": [_reference(kind, ref) for kind, ref in rule.targets],
        }
        for rule in policy.rules
    ]
    body = {
        "type": "escalation_policy",
        "name": policy.name,
        "description": policy.description,
        "num_loops": policy.num_loops,
        "escalation_rules": rules,
    }
    return {"id": policy.ref, "escalation_policy": body}


def _rest_service(service: Service) -> dict[str, Any]:
    body = {
        "type": "service",
        "name": service.name,
        "description": service.description,
        "escalation_policy": _reference("escalation_policy", service.policy),
        **_urgency(service),
    }
    return {"id": service.ref, "service": body}


def rest_document(model: PagerDutyModel, *, start: dt.date) -> dict[str, Any]:
    """Request bodies for PagerDuty's REST API v2, in the order to create them.

    Each entry's ``id`` is a local reference; references to it (``{"id": ..., "type":
    "user_reference"}``) use the same text, to be replaced by the id PagerDuty returns.
    """
    begins = f"{start.isoformat()}T09:00:00Z"
    return {
        "format": FORMAT,
        "version": 1,
        "users": [_rest_user(u) for u in model.users.values()],
        "schedules": [_rest_schedule(s, begins) for s in model.schedules.values()],
        "escalation_policies": [_rest_policy(p) for p in model.policies],
        "services": [_rest_service(s) for s in model.services],
        "warnings": list(model.warnings),
    }


# --- Terraform JSON ----------------------------------------------------------------


def _tf(kind: str, ref: str) -> str:
    return "${pagerduty_%s.%s.id}" % (kind, ref)  # noqa: UP031 (braces are Terraform's)


def _tf_service(service: Service) -> dict[str, Any]:
    body: dict[str, Any] = {
        "name": service.name,
        "description": service.description or "From Handover Planner",
        "escalation_policy": _tf("escalation_policy", service.policy),
    }
    rest = _urgency(service)
    rule = dict(rest["incident_urgency_rule"])
    for key in ("during_support_hours", "outside_support_hours"):
        if key in rule:
            rule[key] = [rule[key]]
    body["incident_urgency_rule"] = [rule]
    if "support_hours" in rest:
        body["support_hours"] = [rest["support_hours"]]
        body["scheduled_actions"] = [
            {**action, "at": [action["at"]]} for action in rest["scheduled_actions"]
        ]
    return body


def _tf_schedule(schedule: Schedule, begins: str) -> dict[str, Any]:
    return {
        "name": schedule.name,
        "time_zone": schedule.time_zone,
        "description": schedule.description,
        "layer": [
            {
                "name": "Weekly rotation",
                "start": begins,
                "rotation_virtual_start": begins,
                "rotation_turn_length_seconds": 7 * 24 * 3600,
                "users": [_tf("user", ref) for ref in schedule.users],
            }
        ],
    }


def _tf_policy(policy: Policy) -> dict[str, Any]:
    return {
        "name": policy.name,
        "description": policy.description,
        "num_loops": policy.num_loops,
        "rule": [
            {
                "escalation_delay_in_minutes": rule.delay,
                "target": [
                    {"type": f"{kind}_reference", "id": _tf(kind, ref)}
                    for kind, ref in rule.targets
                ],
            }
            for rule in policy.rules
        ],
    }


def terraform_document(model: PagerDutyModel, *, start: dt.date) -> dict[str, Any]:
    """The same objects as Terraform JSON (``.tf.json``) for the PagerDuty provider."""
    begins = f"{start.isoformat()}T09:00:00Z"
    users = {}
    methods = {}
    for user in model.users.values():
        users[user.ref] = {
            "name": user.name,
            "email": user.email,
            **({"time_zone": user.time_zone} if user.time_zone else {}),
            **({"job_title": user.job_title} if user.job_title else {}),
        }
        # The e-mail contact method PagerDuty makes with the user; only the phone is added.
        for method in _contact_methods(user)[1:]:
            methods[f"{user.ref}_phone"] = {"user_id": _tf("user", user.ref), **method}
    schedules = {s.ref: _tf_schedule(s, begins) for s in model.schedules.values()}
    policies = {p.ref: _tf_policy(p) for p in model.policies}
    resources: dict[str, Any] = {
        "pagerduty_user": users,
        "pagerduty_user_contact_method": methods,
        "pagerduty_schedule": schedules,
        "pagerduty_escalation_policy": policies,
        "pagerduty_service": {s.ref: _tf_service(s) for s in model.services},
    }
    return {
        "//": "Generated by Handover Planner; see the warnings it printed.",
        "terraform": {"required_providers": {"pagerduty": {"source": "PagerDuty/pagerduty"}}},
        "resource": {kind: items for kind, items in resources.items() if items},
    }


def write_pagerduty(
    plan: Plan,
    target: Path,
    systems: Sequence[SystemPlan],
    *,
    terraform: bool = False,
    start: dt.date | None = None,
) -> tuple[int, list[str]]:
    """Write the REST or Terraform document; return its size and the warnings."""
    begin = start or dt.date.today()
    model = build_model(plan, systems, start=begin)
    render = terraform_document if terraform else rest_document
    data = (json.dumps(render(model, start=begin), indent=2, ensure_ascii=False) + "\n").encode()
    with atomic_write(target) as handle:
        handle.write(data)
    return len(data), list(model.warnings)
