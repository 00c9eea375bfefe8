"""Ownership in a demo system's plan: its data sources and its RACI."""

from __future__ import annotations

from collections.abc import Sequence

from planner.demo.builder import NEARLY, PILOT, REGULATED, SystemDraft
from planner.domain.activities import BUILTIN_ACTIVITIES


def add_data_sources(draft: SystemDraft) -> None:
    """Two data sources; the pilot leaves the second without a refresh cadence."""
    b, blank, state = draft.builder, draft.blank, draft.state
    for number, (source, cadence) in enumerate(
        (("Core policy system", "hourly"), ("Data warehouse", "daily"))
    ):
        b.add(
            "data_sources",
            system_id=draft.system,
            name=source,
            owner_id=None if blank else draft.cast.data_owner,
            refresh_cadence="" if blank or (state == PILOT and number == 1) else cadence,
            quality_checks="" if blank else "Row counts and null checks on every load",
            access_rules="" if blank else "Read-only service account; no personal data exported",
            integration_point="" if blank else f"{source} API",
        )


def _owners(draft: SystemDraft) -> dict[str, tuple[str, str]]:
    """The Accountable and the Responsible person of each built-in activity."""
    c = draft.cast
    return {
        "support": (c.support_lead, c.analyst),
        "documentation": (c.owner, c.deputy_owner),
        "retraining": (c.ml_lead, c.data_owner),
        "change_requests": (c.owner, c.ops_lead),
        "monitoring": (c.ops_lead, c.ml_lead),
        "incident_response": (c.ops_lead, c.support_lead),
        "data_quality": (c.data_owner, c.analyst),
        "access_control": (c.risk, c.ops_lead),
        "continuous_improvement": (c.deputy_owner, c.analyst),
    }


def add_raci(draft: SystemDraft, activities: Sequence[str], inactive: Sequence[str]) -> None:
    """One Accountable and one Responsible for each activity, plus an informed team.

    The regulated system still consults someone who has left (the first inactive person).
    """
    if draft.blank:
        return
    state, teams = draft.state, draft.teams
    owners = _owners(draft)
    for number, activity in enumerate(activities):
        key = BUILTIN_ACTIVITIES[number][0] if number < len(BUILTIN_ACTIVITIES) else ""
        pair = owners.get(key, (draft.cast.owner, draft.cast.analyst))
        accountable: str | None = pair[0]
        responsible = pair[1]
        if state == REGULATED and key == "access_control":
            accountable = None
        if not (state == NEARLY and key == "continuous_improvement"):
            _add_row(draft, activity, responsible, None, "R")
        if accountable is not None:
            _add_row(draft, activity, accountable, None, "A")
        _add_row(draft, activity, None, teams[number % len(teams)], "I")
    if state == REGULATED and inactive:
        _add_row(draft, activities[0], inactive[0], None, "C")


def _add_row(
    draft: SystemDraft, activity: str, person: str | None, team: str | None, role: str
) -> None:
    draft.builder.add(
        "raci",
        system_id=draft.system,
        activity_id=activity,
        person_id=person,
        team_id=team,
        role=role,
    )
