"""A plan as a Backstage software catalog: Systems, Components, Groups and Users in YAML.

Per AI system a ``System`` and a ``Component`` (owned by whoever is Accountable for the
system's support, lifecycle from its stage), a ``Group`` per team and a ``User`` per
person. The rest of the RACI is kept in annotations under ``handover-planner.io/``;
documents with a web address become links; a PagerDuty service id found on a pager
support tier becomes the ``pagerduty.com/service-id`` annotation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from planner.domain.enums import ChannelKind, LifecycleStage, RaciRole
from planner.domain.plan import Plan, SystemPlan
from planner.export.atomic import atomic_write
from planner.export.slugs import SlugRegistry, slugify

API_VERSION = "backstage.io/v1alpha1"
ANNOTATION_PREFIX = "handover-planner.io"
LIFECYCLE = {
    LifecycleStage.IDEA: "experimental",
    LifecycleStage.PILOT: "experimental",
    LifecycleStage.LIMITED_ROLLOUT: "production",
    LifecycleStage.PRODUCTION: "production",
    LifecycleStage.RETIRED: "deprecated",
}
_ROLE_WORD = {
    RaciRole.RESPONSIBLE: "responsible",
    RaciRole.ACCOUNTABLE: "accountable",
    RaciRole.CONSULTED: "consulted",
    RaciRole.INFORMED: "informed",
}
_PAGERDUTY_ID = re.compile(r"(?:service-directory/|services/|^)(P[A-Z0-9]{5,13})\b")
_URL = re.compile(r"^https?://\S+$")


@dataclass
class Catalog:
    entities: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class _Builder:
    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.catalog = Catalog()
        self.users = SlugRegistry()
        self.groups = SlugRegistry()
        self.systems = SlugRegistry()

    def user_ref(self, person_id: str) -> str:
        person = self.plan.people[person_id]
        text = person.name if slugify(person.name, fallback="") else person.email or "user"
        return f"user:default/{self.users.slug(person_id, text.split('@')[0], fallback='user')}"

    def group_ref(self, team_id: str) -> str:
        return f"group:default/{self.groups.slug(team_id, self.plan.teams[team_id].name)}"

    def ref_of(self, row: Any) -> str:
        return self.user_ref(row.person_id) if row.person_id else self.group_ref(row.team_id)

    def owner(self, system: SystemPlan) -> str | None:
        """The Accountable for support, else for the first activity that has one."""
        accountable = [r for r in system.raci if r.role == RaciRole.ACCOUNTABLE]
        order = {a.id: (a.key != "support", i) for i, a in enumerate(self.plan.activities)}
        accountable.sort(key=lambda r: order.get(r.activity_id, (True, 99)))
        if not accountable:
            return None
        first = accountable[0]
        if order.get(first.activity_id, (True, 0))[0]:
            self.catalog.warnings.append(
                f"{system.name}: nobody is Accountable for support; the owner is the "
                f"Accountable for {self.activity_name(first.activity_id)}"
            )
        return self.ref_of(first)

    def activity_name(self, activity_id: str) -> str:
        return next((str(a.name) for a in self.plan.activities if a.id == activity_id), "?")

    def annotations(self, system: SystemPlan) -> dict[str, str]:
        keys = {a.id: str(a.key).replace("_", "-") for a in self.plan.activities}
        grouped: dict[str, list[str]] = {}
        for row in system.raci:
            key = f"{ANNOTATION_PREFIX}/{keys[row.activity_id]}-{_ROLE_WORD[row.role]}"
            grouped.setdefault(key, []).append(self.ref_of(row))
        notes = {key: ", ".join(sorted(refs)) for key, refs in sorted(grouped.items())}
        notes[f"{ANNOTATION_PREFIX}/stage"] = system.system.stage.value
        for tier in system.support_tiers:
            match = _PAGERDUTY_ID.search(tier.address or "")
            if tier.channel == ChannelKind.PAGER and match is not None:
                notes["pagerduty.com/service-id"] = match.group(1)
                break
        return notes

    def links(self, system: SystemPlan) -> list[dict[str, str]]:
        links = []
        for document in system.documents:
            location = str(document.location or "").strip()
            if _URL.match(location):
                links.append({"url": location, "title": str(document.title)})
            elif location:
                self.catalog.warnings.append(
                    f"{system.name}: document {document.title!r} has no web address "
                    f"({location!r}); not linked"
                )
        return links

    def system(self, system: SystemPlan) -> None:
        owner = self.owner(system)
        if owner is None:
            self.catalog.warnings.append(
                f"{system.name}: nobody is Accountable for anything; Backstage needs an "
                "owner, so the system is left out"
            )
            return
        name = self.systems.slug(system.id, system.name, fallback="system")
        metadata: dict[str, Any] = {"name": name, "title": system.name}
        if purpose := str(system.system.purpose or "").strip():
            metadata["description"] = purpose
        if links := self.links(system):
            metadata["links"] = links
        annotations = self.annotations(system)
        self.catalog.entities.append(
            {
                "apiVersion": API_VERSION,
                "kind": "System",
                "metadata": {**metadata, "annotations": annotations},
                "spec": {"owner": owner},
            }
        )
        component_notes = {k: v for k, v in annotations.items() if k.startswith("pagerduty")}
        stage = system.system.stage
        self.catalog.entities.append(
            {
                "apiVersion": API_VERSION,
                "kind": "Component",
                "metadata": {
                    **metadata,
                    **({"annotations": component_notes} if component_notes else {}),
                },
                "spec": {
                    "type": "service",
                    "lifecycle": LIFECYCLE[stage],
                    "owner": owner,
                    "system": name,
                },
            }
        )

    def directory(self) -> None:
        for person in self.plan.people.values():
            profile = {"displayName": str(person.name)}
            if person.email:
                profile["email"] = str(person.email)
            groups = [self.group_ref(person.team_id)] if person.team_id else []
            ref = self.user_ref(person.id)
            metadata: dict[str, Any] = {"name": ref.split("/", 1)[1]}
            if person.title:
                metadata["description"] = str(person.title)
            self.catalog.entities.append(
                {
                    "apiVersion": API_VERSION,
                    "kind": "User",
                    "metadata": metadata,
                    "spec": {"profile": profile, "memberOf": groups},
                }
            )
        for team in self.plan.teams.values():
            profile = {"displayName": str(team.name)}
            if team.email:
                profile["email"] = str(team.email)
            metadata = {"name": self.group_ref(team.id).split("/", 1)[1]}
            if team.description:
                metadata["description"] = str(team.description)
            self.catalog.entities.append(
                {
                    "apiVersion": API_VERSION,
                    "kind": "Group",
                    "metadata": metadata,
                    "spec": {"type": "team", "profile": profile, "children": []},
                }
            )


def build_catalog(plan: Plan, systems: Sequence[SystemPlan]) -> Catalog:
    """Entities for ``systems`` plus every team and person of the directory."""
    builder = _Builder(plan)
    for system in systems:
        builder.system(system)
    builder.directory()
    return builder.catalog


def dump_catalog(catalog: Catalog) -> str:
    """One multi-document YAML text (block style, Unicode kept, keys in Backstage's order)."""
    import yaml

    return str(
        yaml.safe_dump_all(
            catalog.entities, allow_unicode=True, sort_keys=False, default_flow_style=False
        )
    )


def write_backstage(
    plan: Plan, target: Path, systems: Sequence[SystemPlan]
) -> tuple[int, list[str]]:
    """Write ``catalog-info.yaml``; return its size and the warnings."""
    catalog = build_catalog(plan, systems)
    data = dump_catalog(catalog).encode()
    with atomic_write(target) as handle:
        handle.write(data)
    return len(data), catalog.warnings
