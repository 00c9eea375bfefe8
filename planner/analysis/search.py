"""Finding anything in a plan by the words in it: systems, people, teams, rows and findings.

Pure functions over the typed plan. ``build_index`` folds every searchable text once
(case- and accent-insensitively), so each keystroke only runs substring tests; with
2,000 systems a query stays well under a frame (see tests/analysis/test_search.py).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from planner.analysis.rule import Finding
from planner.domain.plan import Plan, SystemPlan

# The page a hit about a person or a team opens (not an editor page: the directory).
DIRECTORY = "directory"

# Kinds in the order their hits are listed when they match equally well.
_KIND_ORDER = ("AI system", "Person", "Team", "Document", "Control", "Signal", "Finding")


# Combining marks left by NFKD: the accents of Latin, Greek and Cyrillic letters.
_MARKS = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold(text: str) -> str:
    """``text`` for matching: case-folded, without accents ("Chloé" matches "chloe")."""
    folded = text.casefold()
    if folded.isascii():  # most text: skip the costly normalisation
        return folded
    return _MARKS.sub("", unicodedata.normalize("NFKD", folded))


@dataclass(frozen=True, slots=True)
class Hit:
    """One thing a query found, and where to show it."""

    kind: str  # "AI system", "Person", ... (shown to the user)
    title: str
    detail: str  # the system it belongs to, a team, a severity: context for the user
    system_id: str | None
    page: str  # an editor page key, or DIRECTORY
    entity: tuple[str, str] | None  # (kind name, id) of the row to select


@dataclass(frozen=True, slots=True)
class _Entry:
    hit: Hit
    title: str  # folded
    text: str  # folded: the title and every other searchable field
    order: int


class _Blob:
    """Folded texts joined into one string, so a word is found by ``str.find`` (C speed)."""

    def __init__(self, texts: list[str], prefix: str) -> None:
        self.starts: list[int] = []
        parts: list[str] = []
        offset = 0
        for text in texts:
            part = f"{prefix}{text}"
            self.starts.append(offset)
            parts.append(part)
            offset += len(part)
        self.text = "".join(parts)

    def entries_with(self, needle: str) -> Iterator[int]:
        """Indexes of the entries containing ``needle``, in index order, each once."""
        text, starts = self.text, self.starts
        position = text.find(needle)
        while position >= 0:
            entry = bisect.bisect_right(starts, position) - 1
            yield entry
            following = starts[entry + 1] if entry + 1 < len(starts) else len(text)
            position = text.find(needle, following)


class SearchIndex:
    """Every searchable thing of one plan, folded once, in the order hits are listed."""

    def __init__(self, entries: list[_Entry]) -> None:
        entries.sort(key=lambda e: (e.order, e.title))
        self.entries = tuple(entries)
        # "\x00 " starts each title, so " word" finds a word start anywhere in a title.
        self._titles = _Blob([e.title for e in entries], "\x00 ")
        self._texts = _Blob([e.text for e in entries], "\x00")

    def __len__(self) -> int:
        return len(self.entries)

    def ranked(self, words: list[str], limit: int) -> list[Hit]:
        """Titles starting with the query, then titles with a word starting with its first
        word, then anything containing every word; each tier in kind and title order."""
        whole = " ".join(words)
        longest = max(words, key=len)
        tiers = (
            self._titles.entries_with(f"\x00 {whole}"),
            self._titles.entries_with(f" {words[0]}"),
            self._texts.entries_with(longest),
        )
        found: list[int] = []
        seen: set[int] = set()
        for tier in tiers:
            for index in tier:
                if len(found) >= limit:
                    return [self.entries[i].hit for i in found]
                if index in seen:
                    continue
                text = self.entries[index].text
                if all(word in text for word in words):
                    seen.add(index)
                    found.append(index)
        return [self.entries[i].hit for i in found]


def _label(value: Any) -> str:
    return str(getattr(value, "label", value) or "")


def _entry(hit: Hit, *fields: Any) -> _Entry:
    text = "\n".join(str(f) for f in (hit.title, *fields) if f).replace("\x00", " ")
    return _Entry(
        hit, fold(hit.title.replace("\x00", " ")), fold(text), _KIND_ORDER.index(hit.kind)
    )


def _system_entries(plan: Plan, system: SystemPlan) -> Iterator[_Entry]:
    row, sid, name = system.system, system.id, system.name
    yield _entry(
        Hit("AI system", name, _label(row.stage), sid, "overview", None),
        row.purpose,
        row.workflow,
        row.decision,
        row.user_roles,
        row.outcome,
    )
    for doc in system.documents:
        owner = plan.name_of(doc.owner_id)
        hit = Hit("Document", str(doc.title), name, sid, "documentation", ("document", doc.id))
        yield _entry(hit, _label(doc.doc_type), doc.location, owner)
    for control in system.controls:
        title = _label(control.kind)
        hit = Hit("Control", title, name, sid, "governance", ("governance_control", control.id))
        yield _entry(hit, control.description, control.evidence, plan.name_of(control.owner_id))
    for signal in system.signals:
        title = str(signal.metric) or _label(signal.kind)
        hit = Hit("Signal", title, name, sid, "monitoring", ("monitoring_signal", signal.id))
        yield _entry(
            hit,
            _label(signal.kind),
            signal.threshold,
            signal.alert_channel,
            plan.name_of(signal.owner_id),
        )


def _finding_entry(plan: Plan, finding: Finding) -> _Entry:
    system = plan.systems.get(finding.system_id) if finding.system_id else None
    where = system.name if system is not None else "Workspace"
    hit = Hit(
        "Finding",
        finding.title,
        f"{_label(finding.severity).capitalize()} · {where}",
        finding.system_id,
        finding.page,
        finding.entities[0] if finding.entities else None,
    )
    return _entry(hit, finding.message, finding.remedy, finding.rule_id)


def _directory_entries(plan: Plan) -> Iterator[_Entry]:
    for person in plan.people.values():
        team_name = plan.name_of(team_id=person.team_id) if person.team_id else ""
        detail = " · ".join(p for p in (str(person.title), team_name) if p)
        hit = Hit("Person", str(person.name), detail, None, DIRECTORY, ("person", person.id))
        yield _entry(hit, person.email, person.title, team_name)
    for team in plan.teams.values():
        hit = Hit("Team", str(team.name), str(team.description), None, DIRECTORY, ("team", team.id))
        yield _entry(hit, team.description, team.email)


def build_index(plan: Plan, findings: Iterable[Finding] = ()) -> SearchIndex:
    """Fold everything searchable in ``plan`` (and the given findings) once."""
    return IndexCache().index(plan, findings)


class IndexCache:
    """Builds indexes of successive plans, re-folding only the systems that changed.

    After an edit the plan keeps the same ``SystemPlan`` object for every untouched system,
    so with 2,000 systems reopening the search costs a fraction of the first build.
    """

    def __init__(self) -> None:
        self._systems: dict[str, tuple[SystemPlan, list[_Entry]]] = {}
        self._findings: dict[Finding, _Entry] = {}
        self._people: object = None

    def index(self, plan: Plan, findings: Iterable[Finding] = ()) -> SearchIndex:
        if plan.people is not self._people:  # owners' names are part of system entries
            self._systems, self._findings = {}, {}
            self._people = plan.people
        entries: list[_Entry] = []
        systems: dict[str, tuple[SystemPlan, list[_Entry]]] = {}
        rebuilt: set[str] = set()
        for system_id, system in plan.systems.items():
            cached = self._systems.get(system_id)
            if cached is None or cached[0] is not system:
                cached = (system, list(_system_entries(plan, system)))
                rebuilt.add(system_id)
            systems[system_id] = cached
            entries.extend(cached[1])
        self._systems = systems
        entries.extend(_directory_entries(plan))
        known: dict[Finding, _Entry] = {}
        for finding in findings:
            entry = self._findings.get(finding)
            # A finding names its system: re-fold it when that system changed (a rename).
            if entry is None or entry.hit.system_id in rebuilt:
                entry = _finding_entry(plan, finding)
            known[finding] = entry
            entries.append(entry)
        self._findings = known
        return SearchIndex(entries)


def search(index: SearchIndex, query: str, *, limit: int = 50) -> list[Hit]:
    """Hits containing every word of ``query``, best first: titles that start with it,
    then titles with a word that starts with its first word, then the rest."""
    words = fold(query).split()
    if not words or limit < 1:
        return []
    return index.ranked(words, limit)


def search_plan(
    plan: Plan, query: str, findings: Iterable[Finding] = (), *, limit: int = 50
) -> list[Hit]:
    """``search`` over a plan in one call (builds the index each time)."""
    return search(build_index(plan, findings), query, limit=limit)
