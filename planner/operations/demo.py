"""A deterministic demo portfolio for a fictional insurer, built through the import path.

The same seed gives the same people, systems and plans. Systems cycle through the six
templates and through six states of completeness; each state leaves out exactly these
things on purpose (the gap analysis must find them, and nothing else of note):

0. complete: production, every section filled in, nothing missing, signed off by every
   required role (so locked, with the hash of what was signed).
1. nearly ready (limited rollout): the training material is still a draft, the user
   guide is overdue for review, the user-feedback signal has no owner, and nobody is
   Responsible for continuous improvement.
2. pilot: the retraining owner approves their own retraining and is its Accountable,
   there is no rollback plan, one baseline has no baseline value, one data source has
   no refresh cadence.
3. limited rollout, 24x7: L1 support works business hours only, the SEV1 chain has a
   single level, the second SEV2 level has no target, and an action item is overdue.
4. pilot, regulated: no human review rule, the DPIA is missing (no owner, no location),
   nobody is Accountable for access control, and an inactive person is still assigned.
5. idea: the template's skeleton only; owners, contacts and evidence are all missing.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Sequence
from typing import Any

from planner.domain.activities import BUILTIN_ACTIVITIES
from planner.domain.enums import (
    ActionStatus,
    ChannelKind,
    ControlStatus,
    DocumentStatus,
    HoursOfOperation,
    LifecycleStage,
    RaciRole,
    ReadinessStatus,
)
from planner.domain.interchange import FORMAT_VERSION, InterchangeDocument
from planner.domain.templates import Template, load_templates
from planner.operations.change import Change
from planner.operations.interchange import import_workspace
from planner.operations.signoff import sign_off
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

TEAMS = (
    ("Service Desk", "First-line support for all business applications"),
    ("Data Platform", "Pipelines, warehouse and data quality"),
    ("ML Engineering", "Builds, deploys and retrains models"),
    ("IT Operations", "Runs production infrastructure around the clock"),
    ("Information Security", "Access, security reviews and incidents"),
    ("Risk & Compliance", "Model risk, privacy and regulatory affairs"),
    ("Claims Operations", "Claims handling and review"),
    ("Customer Care", "Customer contact centre"),
    ("Lumen AI (vendor)", "Supplier of the hosted language model"),
)

GIVEN = (
    "Amelia",
    "Oliver",
    "Priya",
    "Kwame",
    "Sofia",
    "Lukas",
    "Zoë",
    "Mateo",
    "Ingrid",
    "Tomás",
    "Aisha",
    "Noah",
    "Chloé",
    "Mikael",
    "Fatima",
    "Hannah",
    "Rafael",
    "Yuki",
    "Leila",
    "Jonas",
)
FAMILY = (
    "Okafor",
    "Lindqvist",
    "Raghunathan",
    "Mensah",
    "Rossi",
    "Becker",
    "O'Brien",
    "García",
    "Haugen",
    "Novák",
    "Rahman",
    "Walsh",
    "Dubois",
    "Virtanen",
    "Haddad",
    "Schmidt",
)
# Names in other scripts, so every screen and the PDF pack show they render correctly.
WORLD_NAMES = (
    "Дмитрий Волков",
    "王芳",
    "佐藤 美咲",
    "محمد العلي",
    "יעל כהן",
    "Σοφία Παπαδοπούλου",
    "김민준",
    "Ольга Смирнова",
    "李伟",
    "Nguyễn Thị Mai",
)
TITLES = (
    "Service owner",
    "Support analyst",
    "Data engineer",
    "ML engineer",
    "Operations manager",
    "Security analyst",
    "Product owner",
    "Data steward",
    "Risk officer",
    "Team lead",
)
TIMEZONES = (
    "Europe/London",
    "Europe/Stockholm",
    "Europe/Berlin",
    "Europe/Madrid",
    "Asia/Singapore",
    "America/New_York",
)

COMPLETE, NEARLY, PILOT, ROUND_CLOCK, REGULATED, IDEA = range(6)
STAGES = {
    COMPLETE: LifecycleStage.PRODUCTION,
    NEARLY: LifecycleStage.LIMITED_ROLLOUT,
    PILOT: LifecycleStage.PILOT,
    ROUND_CLOCK: LifecycleStage.LIMITED_ROLLOUT,
    REGULATED: LifecycleStage.PILOT,
    IDEA: LifecycleStage.IDEA,
}
# Which template each state uses among the first six systems: chosen so the 24x7 and the
# regulated states land on templates that are 24x7 and regulated.
TEMPLATE_ORDER = (
    "document_extraction",
    "ai_copilot",
    "forecasting_model",
    "customer_support_assistant",
    "claims_review_support",
    "anomaly_detection",
)


class _Builder:
    """Accumulates interchange records with ids drawn from one seeded generator."""

    def __init__(self, seed: int, now: dt.datetime, today: dt.date) -> None:
        self.rng = random.Random(seed)
        self.stamp = now.isoformat()
        self.today = today
        self.sections: dict[str, list[dict[str, Any]]] = {}

    def new_id(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def add(self, section: str, **values: Any) -> str:
        record_id = self.new_id()
        self.sections.setdefault(section, []).append(
            {"id": record_id, "created_at": self.stamp, "updated_at": self.stamp, **values}
        )
        return record_id

    def days_ago(self, days: int) -> str:
        return (self.today - dt.timedelta(days=days)).isoformat()


class _Directory:
    """The organisation's people and teams, and how to pick among them."""

    def __init__(self, builder: _Builder, people: int) -> None:
        self.builder = builder
        rng = builder.rng
        self.teams = [
            builder.add(
                "teams",
                name=name,
                description=about,
                email=f"{name.split()[0].lower()}@meridian.example",
            )
            for name, about in TEAMS
        ]
        extra_teams = max(0, people // 40 - len(TEAMS))
        for index in range(extra_teams):
            self.teams.append(builder.add("teams", name=f"Regional Operations {index + 1}"))
        self.people: list[str] = []
        self.team_of: dict[str, str] = {}
        self.inactive: list[str] = []
        for index in range(people):
            if index < len(WORLD_NAMES):
                name = WORLD_NAMES[index]
            else:
                name = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"
            team = self.teams[index % len(self.teams)]
            active = index % 41 != 40
            person = builder.add(
                "people",
                name=name,
                title=TITLES[index % len(TITLES)],
                team_id=team,
                email=f"person{index + 1}@meridian.example",
                phone=f"+44 20 7946 {index % 10000:04d}",
                timezone=TIMEZONES[index % len(TIMEZONES)],
                active=active,
                deputy_id=None,
            )
            self.people.append(person)
            self.team_of[person] = team
            if not active:
                self.inactive.append(person)
        self.active = [p for p in self.people if p not in set(self.inactive)]
        # Everyone active has a deputy: the next active person (a ring, so no one deputises
        # for themselves).
        records = {r["id"]: r for r in builder.sections["people"]}
        for position, person in enumerate(self.active):
            records[person]["deputy_id"] = self.active[(position + 1) % len(self.active)]
        self.cursor = 0

    def cast(self, count: int) -> list[str]:
        """``count`` distinct active people, walking the directory so load spreads evenly."""
        chosen = [self.active[(self.cursor + i) % len(self.active)] for i in range(count)]
        self.cursor = (self.cursor + count) % len(self.active)
        return chosen


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


def _add_system(
    b: _Builder,
    directory: _Directory,
    activities: Sequence[str],
    index: int,
    template: Template,
) -> None:
    state = index % 6
    blank = state == IDEA
    cast = directory.cast(8)
    owner, deputy_owner, ops_lead, data_owner, ml_lead, support_lead, risk, analyst = cast
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
        **({} if blank else _review_facts(template, risk)),
    )
    teams = directory.teams

    # Data sources
    for number, (source, cadence) in enumerate(
        (("Core policy system", "hourly"), ("Data warehouse", "daily"))
    ):
        b.add(
            "data_sources",
            system_id=system,
            name=source,
            owner_id=None if blank else data_owner,
            refresh_cadence="" if blank or (state == PILOT and number == 1) else cadence,
            quality_checks="" if blank else "Row counts and null checks on every load",
            access_rules="" if blank else "Read-only service account; no personal data exported",
            integration_point="" if blank else f"{source} API",
        )

    # RACI: one Accountable and one Responsible for each activity, plus an informed team.
    owners = {
        "support": (support_lead, analyst),
        "documentation": (owner, deputy_owner),
        "retraining": (ml_lead, data_owner),
        "change_requests": (owner, ops_lead),
        "monitoring": (ops_lead, ml_lead),
        "incident_response": (ops_lead, support_lead),
        "data_quality": (data_owner, analyst),
        "access_control": (risk, ops_lead),
        "continuous_improvement": (deputy_owner, analyst),
    }
    if not blank:
        for number, activity in enumerate(activities):
            key = BUILTIN_ACTIVITIES[number][0] if number < len(BUILTIN_ACTIVITIES) else ""
            pair = owners.get(key, (owner, analyst))
            accountable: str | None = pair[0]
            responsible = pair[1]
            if state == REGULATED and key == "access_control":
                accountable = None
            if not (state == NEARLY and key == "continuous_improvement"):
                b.add(
                    "raci",
                    system_id=system,
                    activity_id=activity,
                    person_id=responsible,
                    team_id=None,
                    role="R",
                )
            if accountable is not None:
                b.add(
                    "raci",
                    system_id=system,
                    activity_id=activity,
                    person_id=accountable,
                    team_id=None,
                    role="A",
                )
            b.add(
                "raci",
                system_id=system,
                activity_id=activity,
                person_id=None,
                team_id=teams[number % len(teams)],
                role="I",
            )
        if state == REGULATED and directory.inactive:
            b.add(
                "raci",
                system_id=system,
                activity_id=activities[0],
                person_id=directory.inactive[0],
                team_id=None,
                role="C",
            )

    # Support path
    tier_teams = {"L1": teams[0], "L2": teams[3], "L3": teams[2], "vendor": teams[8]}
    for position, tier in enumerate(template.support_tiers):
        hours = tier.hours
        if state == ROUND_CLOCK and tier.level.value == "L1":
            hours = HoursOfOperation.BUSINESS_HOURS
        b.add(
            "support_tiers",
            system_id=system,
            level=tier.level.value,
            position=position,
            team_id=None if blank else tier_teams[tier.level.value],
            channel=(tier.channel or ChannelKind.TICKET_QUEUE).value,
            address=""
            if blank
            else f"{tier.level.value.lower()}-{index + 1}@support.meridian.example",
            hours=hours.value if hours else None,
            timezone="" if blank else "Europe/London",
            response_minutes=tier.response_minutes,
        )

    # Escalation chains, with people who have deputies and never the same one everywhere.
    for chain in template.escalation_chains:
        chain_id = b.add(
            "escalation_chains",
            system_id=system,
            severity=chain.severity.value,
            repeat_loops=chain.repeat_loops,
        )
        levels = chain.levels
        if state == ROUND_CLOCK and chain.severity.value == "sev1":
            levels = levels[:1]
        people = (support_lead, ops_lead, owner, risk)
        for position, level in enumerate(levels):
            level_id = b.add(
                "escalation_levels",
                chain_id=chain_id,
                position=position,
                delay_minutes=level.delay_minutes,
                response_minutes=level.response_minutes,
                note=level.note,
            )
            if blank or (state == ROUND_CLOCK and chain.severity.value == "sev2" and position == 1):
                continue
            b.add(
                "escalation_targets",
                level_id=level_id,
                person_id=people[position % 4],
                team_id=None,
                position=0,
            )
            if position == 0:
                b.add(
                    "escalation_targets",
                    level_id=level_id,
                    person_id=None,
                    team_id=tier_teams["L2"],
                    position=1,
                )

    # Documentation
    for document in template.documents:
        doc_type = document.doc_type.value
        status = DocumentStatus.APPROVED
        reviewed: str | None = b.days_ago(30)
        if state in (PILOT, REGULATED):
            status = DocumentStatus.DRAFT
        if state == NEARLY and doc_type == "training_material":
            status = DocumentStatus.DRAFT
        if state == NEARLY and doc_type == "user_guide":
            reviewed = b.days_ago((document.review_interval_days or 365) + 20)
        missing = blank or (state == REGULATED and doc_type == "dpia")
        b.add(
            "documents",
            system_id=system,
            doc_type=doc_type,
            title=document.title,
            owner_id=None if missing else (ml_lead if "model" in doc_type else owner),
            location="" if missing else f"https://wiki.meridian.example/ai/{index + 1}/{doc_type}",
            status=DocumentStatus.MISSING.value if missing else status.value,
            last_reviewed=None if missing else reviewed,
            review_interval_days=document.review_interval_days,
        )

    # Retraining
    if template.retraining is not None:
        retraining = template.retraining.model_dump(mode="json")
        b.add(
            "retraining_plans",
            system_id=system,
            owner_id=None if blank else ml_lead,
            approver_id=None if blank else (ml_lead if state == PILOT else risk),
            cadence=retraining["cadence"],
            triggers=retraining["triggers"],
            validation_steps=retraining["validation_steps"],
            rollback_plan="" if state in (PILOT,) else retraining["rollback_plan"],
            last_retrained=None if blank else b.days_ago(45),
        )

    # Monitoring and human review
    for signal in template.monitoring_signals:
        no_owner = blank or (state == NEARLY and signal.kind.value == "user_feedback")
        b.add(
            "monitoring_signals",
            system_id=system,
            **signal.model_dump(mode="json"),
            alert_channel="" if blank else "#ai-ops-alerts",
            alert_person_id=None if blank else ops_lead,
            alert_team_id=None if blank else tier_teams["L2"],
            owner_id=None if no_owner else ml_lead,
        )
    if state != REGULATED:
        for rule in template.human_review_rules:
            b.add("human_review_rules", system_id=system, **rule.model_dump(mode="json"))

    # Governance, readiness, baselines
    for control in template.governance_controls:
        b.add(
            "governance_controls",
            system_id=system,
            **control.model_dump(mode="json"),
            owner_id=None if blank else risk,
            status=ControlStatus.PLANNED.value if blank else ControlStatus.IN_PLACE.value,
            evidence="" if blank else "Reviewed at the go-live readiness board",
        )
    for criterion in template.readiness_criteria:
        b.add(
            "readiness_criteria",
            system_id=system,
            area=criterion.area.value,
            status=(
                ReadinessStatus.NOT_ASSESSED
                if blank
                else ReadinessStatus.READY
                if state == COMPLETE
                else ReadinessStatus.AT_RISK
            ).value,
            evidence="" if blank else "Signed checklist in the project folder",
            owner_id=None if blank else owner,
        )
    for number, baseline in enumerate(template.baselines):
        target = baseline.target_value
        b.add(
            "baselines",
            system_id=system,
            metric=baseline.metric,
            unit=baseline.unit,
            baseline_value=None
            if blank or (state == PILOT and number == 0)
            else round((target or 1) * 3.5, 2),
            target_value=target,
            current_value=None if state != COMPLETE else round((target or 1) * 1.1, 2),
        )

    # Parking lot
    if not blank:
        overdue = state == ROUND_CLOCK
        b.add(
            "action_items",
            text="Confirm weekend cover for the L2 rota"
            if overdue
            else "Agree the quarterly review date with the business owner",
            system_id=system,
            owner_id=owner,
            due=b.days_ago(7) if overdue else b.days_ago(-21),
            status=ActionStatus.OPEN.value if state != COMPLETE else ActionStatus.DONE.value,
        )


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
    builder = _Builder(seed, now, today)
    directory = _Directory(builder, people if people is not None else max(48, systems * 5))
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
    _sign_complete_systems(ws, change, today or dt.date.today())
    return change


# Who signs for each role in a complete demo system: the Accountable of this activity.
SIGNERS = {
    "business_owner": "change_requests",
    "it_operations": "monitoring",
    "data_owner": "data_quality",
    "support_lead": "support",
    "risk_compliance": "access_control",
}


def _sign_complete_systems(ws: Workspace, change: Change, today: dt.date) -> None:
    """Sign off every complete system with its accountable people, which locks it."""
    created = [r.id for r in change.created if r.kind == "system"]
    complete = [
        system_id
        for index, system_id in enumerate(created)
        if index % len(TEMPLATE_ORDER) == COMPLETE
    ]
    if not complete:
        return
    plan = load_plan(ws, system_ids=complete)
    activity_key = {a.id: a.key for a in plan.activities}
    for system in plan:
        accountable = {
            activity_key[row.activity_id]: row.person_id
            for row in system.raci
            if row.role == RaciRole.ACCOUNTABLE and row.person_id is not None
        }
        for role in plan.info.required_signoff_roles:
            sign_off(
                ws,
                system_id=system.id,
                role=role,
                person_id=accountable[SIGNERS[role]],
                signed_on=today - dt.timedelta(days=3),
                comment="Approved at the go-live readiness board",
            )
