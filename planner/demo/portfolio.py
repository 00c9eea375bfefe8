"""The demo portfolio assembled: systems section by section, imported, then signed off."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from planner.demo.builder import (
    IDEA,
    ROUND_CLOCK,
    STAGES,
    TEMPLATE_ORDER,
    Builder,
    Cast,
    SystemDraft,
)
from planner.demo.directory import Directory
from planner.demo.documentation import add_documents
from planner.demo.monitoring_governance import (
    add_action_item,
    add_baselines,
    add_governance,
    add_monitoring,
    add_retraining,
)
from planner.demo.ownership import add_data_sources, add_raci
from planner.demo.signoff import sign_complete_systems
from planner.demo.support import add_escalation_chains, add_support_tiers
from planner.domain.interchange import FORMAT_VERSION, InterchangeDocument
from planner.domain.templates import Template, load_templates
from planner.operations.change import Change
from planner.operations.interchange import import_workspace
from planner.store.plan_loader import load_plan
from planner.store.workspace import Workspace

ORGANISATION = "Meridian Mutual & Partners"

SYSTEM_NAMES = (
    "Invoice Capture",
    "Colleague Copilot",
    "Demand Forecast",
    "Help Centre Assistant",
    "Claims Triage",
    "Payment Anomaly Watch",
)
REGIONS = ("UK", "Nordics", "DACH", "Iberia", "APAC", "Americas", "Benelux", "CEE", "MENA")


def _system_name(index: int) -> str:
    base = SYSTEM_NAMES[index % len(SYSTEM_NAMES)]
    round_ = index // len(SYSTEM_NAMES)
    if round_ == 0:
        return base
    region = REGIONS[(round_ - 1) % len(REGIONS)]
    cycle = (round_ - 1) // len(REGIONS)
    return f"{base} {region}" + (f" {cycle + 1}" if cycle else "")


def _review_facts(template: Template, overseer: str) -> dict[str, Any]:
    """How the system is switched off, retired, logged, disclosed and overseen."""
    notice = (
        "Customers see 'You are chatting with an AI assistant' before the first answer, "
        "with a link to ask for a person"
        if template.system.customer_facing
        else ""
    )
    return {
        "fallback_procedure": "Turn the model off with the feature flag in the admin console; "
        "the work queue falls back to manual handling and the service desk tells users",
        "decommissioning_plan": "The business owner decides; the model and its features are "
        "deleted, logs are kept for their retention period, users move to the manual process",
        "log_retention_days": 400,
        "transparency_notice": notice,
        "overseer_id": overseer,
        "overseer_training": "Model oversight course (automation bias, reading the scores)",
        "overseer_can_stop": True,
    }


def _dashboards(index: int, state: int) -> str:
    """Where the system's dashboards are; the 24x7 system's plan leaves them out."""
    if state in (IDEA, ROUND_CLOCK):
        return ""
    slug = _system_name(index).lower().replace(" ", "-")
    return (
        f"Grafana, model health: https://grafana.meridian.example/d/{slug}\n"
        f"Usage and costs: https://analytics.meridian.example/{slug}/usage"
    )


def _draft_system(b: Builder, directory: Directory, index: int, template: Template) -> SystemDraft:
    """The system's own record, and what its sections share: state, cast and teams."""
    state = index % 6
    blank = state == IDEA
    cast = Cast(*directory.cast(8))
    system = b.add(
        "systems",
        name=_system_name(index),
        **template.system.model_dump(mode="json"),
        stage=STAGES[state].value,
        go_live=None if blank else b.days_ago(-30 * (state + 1)),
        template=template.key,
        locked=False,
        signed_hash=None,
        signed_at=None,
        **({} if blank else _review_facts(template, cast.risk)),
        dashboards=_dashboards(index, state),
    )
    return SystemDraft(b, system, index, state, template, cast, directory.teams)


def _add_system(
    b: Builder,
    directory: Directory,
    activities: Sequence[str],
    index: int,
    template: Template,
) -> None:
    """One system's plan, section by section (the order fixes which ids each record draws)."""
    draft = _draft_system(b, directory, index, template)
    add_data_sources(draft)
    add_raci(draft, activities, directory.inactive)
    add_support_tiers(draft)
    add_escalation_chains(draft)
    add_documents(draft)
    add_retraining(draft)
    add_monitoring(draft)
    add_governance(draft)
    add_baselines(draft)
    add_action_item(draft)


def build_demo_document(
    *,
    systems: int = 6,
    seed: int = 1,
    people: int | None = None,
    activity_ids: Sequence[str],
    now: dt.datetime,
    today: dt.date,
) -> dict[str, Any]:
    """The demo as interchange data: ``systems`` systems and (by default) 5 people each.

    Each system draws eight people of its own, so with the default head count nobody in a
    small demo carries more than one system's accountabilities.
    """
    builder = Builder(seed, now, today)
    directory = Directory(builder, people if people is not None else max(48, systems * 5))
    templates = load_templates()
    for index in range(systems):
        template = templates[TEMPLATE_ORDER[index % len(TEMPLATE_ORDER)]]
        _add_system(builder, directory, activity_ids, index, template)
    return {
        "format_version": FORMAT_VERSION,
        "generator": "Handover Planner demo",
        "workspace": {"organisation": ORGANISATION, "accent_colour": "#1F5FAD"},
        **builder.sections,
    }


def create_demo(
    ws: Workspace,
    *,
    systems: int = 6,
    seed: int = 1,
    people: int | None = None,
    today: dt.date | None = None,
) -> Change:
    """Add the demo portfolio to ``ws`` through the import operation (one audited change)."""
    plan = load_plan(ws, system_ids=())
    data = build_demo_document(
        systems=systems,
        seed=seed,
        people=people,
        activity_ids=[a.id for a in plan.activities],
        now=ws.clock(),
        today=today or dt.date.today(),
    )
    document = InterchangeDocument.model_validate(data)
    change = import_workspace(ws, document=document)
    sign_complete_systems(ws, change, today or dt.date.today())
    return change
