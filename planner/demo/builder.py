"""The demo's record builder, its six states of completeness, and one system's draft."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from dataclasses import dataclass
from typing import Any

from planner.domain.enums import LifecycleStage
from planner.domain.templates import Template

# The six states of completeness, in the order systems cycle through them (see the
# package's docstring for what each leaves out on purpose).
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


class Builder:
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


@dataclass(frozen=True, slots=True)
class Cast:
    """The eight distinct people one demo system draws from the directory."""

    owner: str
    deputy_owner: str
    ops_lead: str
    data_owner: str
    ml_lead: str
    support_lead: str
    risk: str
    analyst: str


@dataclass(frozen=True, slots=True)
class SystemDraft:
    """What every section of one demo system's plan needs: its id, state, cast and teams."""

    builder: Builder
    system: str
    index: int
    state: int
    template: Template
    cast: Cast
    teams: list[str]

    @property
    def blank(self) -> bool:
        """An idea: the template's skeleton only, with no owners, contacts or evidence."""
        return self.state == IDEA

    @property
    def tier_teams(self) -> dict[str, str]:
        """The team behind each support tier (and the L2 team that monitoring alerts)."""
        teams = self.teams
        return {"L1": teams[0], "L2": teams[3], "L3": teams[2], "vendor": teams[8]}
