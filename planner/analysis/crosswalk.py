"""The standards crosswalk: which rules serve which items of NIST AI RMF, ISO/IEC 42001,
the EU AI Act, Google's SRE production readiness review and ITIL service acceptance.

The mapping is data (``resources/standards/crosswalk.json``); a test keeps it in step with
the rule registry. ``applicability`` turns one system's findings into a table of items and
whether each is met, open or not applicable, for the handover pack.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Any

from planner.analysis.engine import Analysis
from planner.resources import resource_path

CROSSWALK_FILE = ("standards", "crosswalk.json")
# Facts an item may be limited to, and how to say that a system lacks them.
CONDITIONS = {
    "customer_facing": "the system is not customer-facing",
    "personal_data": "the system processes no personal data",
    "high_stakes": "the system is neither high or critical risk nor regulated",
    "live": "no real users depend on the system yet (idea or pilot)",
}


# The same facts, naming the systems that have them.
APPLIES_TO = {
    "customer_facing": "customer-facing systems",
    "personal_data": "systems that process personal data",
    "high_stakes": "high- or critical-risk or regulated systems",
    "live": "systems in limited rollout or production",
}


@dataclass(frozen=True)
class Item:
    """One item of a framework and the rules that check it (none: ``unserved`` says why)."""

    framework: str
    id: str
    title: str
    rules: tuple[str, ...]
    unserved: str = ""
    applies_when: str | None = None


@dataclass(frozen=True)
class Framework:
    key: str
    title: str
    items: tuple[Item, ...]


@cache
def frameworks() -> Mapping[str, Framework]:
    """Every framework of the crosswalk by key (nist-ai-rmf, iso-42001, ...), in file order."""
    raw = json.loads(resource_path(*CROSSWALK_FILE).read_text(encoding="utf-8"))
    return {key: _framework(key, data) for key, data in raw["frameworks"].items()}


def _framework(key: str, data: dict[str, Any]) -> Framework:
    items = tuple(
        Item(
            framework=key,
            id=item["id"],
            title=item["title"],
            rules=tuple(item["rules"]),
            unserved=item.get("unserved", ""),
            applies_when=item.get("applies_when"),
        )
        for item in data["items"]
    )
    return Framework(key, data["title"], items)


def framework(name: str) -> Framework:
    """The framework called ``name``; a KeyError lists the known names."""
    known = frameworks()
    if name not in known:
        raise KeyError(f"unknown framework {name!r}; choose one of: {', '.join(known)}")
    return known[name]


def items_served(rule_id: str) -> list[Item]:
    """Every item, across frameworks, that ``rule_id`` serves."""
    return [i for f in frameworks().values() for i in f.items if rule_id in i.rules]


def served_text(rule_id: str) -> str:
    """'NIST AI RMF 1.0 GOVERN 2.1; ISO/IEC 42001:2023 Annex A A.3.2', for people."""
    titles = {f.key: f.title for f in frameworks().values()}
    return "; ".join(f"{titles[i.framework]} {i.id}" for i in items_served(rule_id))


class Status(StrEnum):
    MET = "met"
    OPEN = "open"
    NOT_APPLICABLE = "not applicable"


@dataclass(frozen=True)
class Row:
    """One line of the applicability table: the item, its status, and why."""

    item: str
    title: str
    status: Status
    why: str
    rules: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "item": self.item,
            "title": self.title,
            "status": self.status.value,
            "why": self.why,
            "rules": list(self.rules),
        }


def applicability(analysis: Analysis, system_id: str, framework_name: str) -> list[Row]:
    """For one analysed system, each item of a framework as met, open or not applicable.

    An item is open while any of its rules has a finding for the system (the findings are
    named in ``why``), met when none has, and not applicable when the system lacks the
    fact the item is limited to, or when no rule of this app checks it (``why`` says so).
    """
    result = analysis.systems[system_id]
    rows = []
    for item in framework(framework_name).items:
        if not item.rules:
            status, why = Status.NOT_APPLICABLE, f"Not checked by this plan: {item.unserved}"
        elif item.applies_when and item.applies_when not in result.facts:
            status, why = Status.NOT_APPLICABLE, f"Does not apply: {CONDITIONS[item.applies_when]}."
        elif open_ := [f for f in result.findings if f.rule_id in item.rules]:
            status = Status.OPEN
            why = "Open: " + "; ".join(f"{f.rule_id} {f.message}" for f in open_) + "."
        else:
            status = Status.MET
            why = f"Met: no findings of {', '.join(item.rules)} on {analysis.today.isoformat()}."
        rows.append(Row(item.id, item.title, status, why, item.rules))
    return rows
