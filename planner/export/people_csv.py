"""The people directory as CSV (name, title, team, e-mail, phone, time zone, deputy).

Export writes every person. Import matches rows to people by e-mail, else by a name only
one person has; it proposes new people and new teams, and changes to the fields of the
columns the file has (a blank cell clears that field; a person the file does not list is
left alone). Teams and deputies are named by name (a deputy also by e-mail). Every cell
it cannot take is an error naming its address, e.g. ``people!D5: 'x' is not an e-mail
address``.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from planner.domain.models import PersonFields, new_id
from planner.domain.plan import Plan
from planner.export.atomic import atomic_write
from planner.export.raci_sheet_import import MAX_SHEET_BYTES, Issue, SpreadsheetError, _read_csv

COLUMNS = ("name", "title", "team", "email", "phone", "timezone", "deputy")
HEADERS = ("Name", "Title", "Team", "E-mail", "Phone", "Time zone", "Deputy")
_ALIASES = {
    "name": "name",
    "fullname": "name",
    "person": "name",
    "title": "title",
    "jobtitle": "title",
    "role": "title",
    "team": "team",
    "department": "team",
    "email": "email",
    "emailaddress": "email",
    "mail": "email",
    "phone": "phone",
    "telephone": "phone",
    "mobile": "phone",
    "phonenumber": "phone",
    "timezone": "timezone",
    "tz": "timezone",
    "deputy": "deputy",
    "backup": "deputy",
    "deputyname": "deputy",
    "deputyemail": "deputy",
}
_BLANK = frozenset({"", "-", "–", "—", "n/a"})
_SIMPLE = ("title", "email", "phone", "timezone")


def _key(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.casefold())


def write_people_csv(plan: Plan, target: Path) -> int:
    """Every person, by name; UTF-8 with a byte-order mark so Excel reads any script."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADERS)
    for person in sorted(plan.people.values(), key=lambda p: (p.name.casefold(), p.id)):
        team = plan.teams.get(person.team_id) if person.team_id else None
        deputy = plan.people.get(person.deputy_id) if person.deputy_id else None
        writer.writerow(
            [
                person.name,
                person.title,
                team.name if team is not None else "",
                person.email,
                person.phone,
                person.timezone,
                _deputy_label(plan, deputy) if deputy is not None else "",
            ]
        )
    data = buffer.getvalue().encode("utf-8-sig")
    with atomic_write(target) as handle:
        handle.write(data)
    return len(data)


def _deputy_label(plan: Plan, deputy: Any) -> str:
    """The deputy's name, or their e-mail when someone else has the same name."""
    same = sum(p.name.casefold() == deputy.name.casefold() for p in plan.people.values())
    return str(deputy.email) if same > 1 and deputy.email else str(deputy.name)


@dataclass(frozen=True)
class PersonUpdate:
    """Fields of one existing person to change; ``expected`` is what the preview saw."""

    person_id: str
    name: str
    where: str
    expected: dict[str, Any]
    values: dict[str, Any]
    shown: tuple[tuple[str, str, str], ...]


@dataclass(frozen=True)
class NewPerson:
    where: str
    values: dict[str, Any]

    @property
    def name(self) -> str:
        return str(self.values["name"])


@dataclass(frozen=True)
class PeopleImportPreview:
    source: str
    new_teams: tuple[dict[str, Any], ...] = ()
    new_people: tuple[NewPerson, ...] = ()
    updates: tuple[PersonUpdate, ...] = ()
    errors: tuple[Issue, ...] = ()
    unchanged: int = 0

    @property
    def is_empty(self) -> bool:
        return not (self.new_teams or self.new_people or self.updates)

    def totals(self) -> str:
        return (
            f"{len(self.new_people)} new people, {len(self.new_teams)} new teams, "
            f"{len(self.updates)} people changed, {self.unchanged} unchanged"
        )

    def text(self) -> str:
        lines = [f"{self.source}:"]
        lines.extend(f"  new team    {t['name']}" for t in self.new_teams)
        lines.extend(f"  new person  {p.name} ({p.where})" for p in self.new_people)
        for update in self.updates:
            for column, was, now in update.shown:
                lines.append(
                    f"  ~ {update.where}  {update.name}: {column} "
                    f"{was or '(blank)'} -> {now or '(blank)'}"
                )
        lines.extend(f"  error: {error}" for error in self.errors)
        lines.append(self.totals())
        return "\n".join(lines)


# --- reading -------------------------------------------------------------------------


@dataclass
class _Row:
    index: int
    person_id: str
    new: bool
    cells: dict[str, str]


@dataclass
class _People:
    """Who the rows name: existing people and the new ones, by e-mail and by name."""

    by_email: dict[str, str] = field(default_factory=dict)
    by_name: dict[str, list[str]] = field(default_factory=dict)

    def add(self, person_id: str, name: str, email: str) -> None:
        if email:
            self.by_email[email.casefold()] = person_id
        self.by_name.setdefault(name.casefold(), []).append(person_id)


class _Reader:
    def __init__(self, plan: Plan, grid: Any) -> None:
        self.plan = plan
        self.grid = grid
        self.errors: list[Issue] = []
        self.columns: dict[str, int] = {}
        self.known = _People()
        for person in plan.people.values():
            self.known.add(person.id, person.name, person.email)
        self.teams = {t.name.casefold(): t.id for t in plan.teams.values()}
        self.new_teams: dict[str, dict[str, Any]] = {}

    def error(self, row: int, column: str, message: str) -> None:
        self.errors.append(Issue(self.grid.where(row, self.columns.get(column, 0)), message))

    def read_header(self) -> int | None:
        for row, cells in enumerate(self.grid.rows):
            if not any(cells):
                continue
            for index, text in enumerate(cells):
                column = _ALIASES.get(_key(text))
                if column is not None and column not in self.columns:
                    self.columns[column] = index
            if "name" not in self.columns:
                self.errors.append(Issue(self.grid.where(row, 0), "no Name column"))
                return None
            return row
        self.errors.append(Issue(self.grid.name, "the file is empty"))
        return None

    def rows(self, header: int) -> list[_Row]:
        found: list[_Row] = []
        seen: dict[str, int] = {}
        for row in range(header + 1, len(self.grid.rows)):
            cells = {c: self.grid.cell(row, i).strip() for c, i in self.columns.items()}
            cells = {c: "" if v.casefold() in _BLANK else v for c, v in cells.items()}
            if not any(cells.values()):
                continue
            if not cells["name"]:
                self.error(row, "name", "no name")
                continue
            person_id = self.match(row, cells)
            if person_id is None:
                continue
            if person_id in seen:
                self.error(row, "name", f"{cells['name']!r} is already on row {seen[person_id]}")
                continue
            seen[person_id] = row + 1
            new = person_id not in self.plan.people
            found.append(_Row(row, person_id, new, cells))
        for item in found:
            if item.new:
                self.known.add(item.person_id, item.cells["name"], item.cells.get("email", ""))
        return found

    def match(self, row: int, cells: dict[str, str]) -> str | None:
        email = cells.get("email", "").casefold()
        if email and email in self.known.by_email:
            return self.known.by_email[email]
        named = self.known.by_name.get(cells["name"].casefold(), [])
        if len(named) > 1:
            self.error(
                row, "name", f"{len(named)} people are called {cells['name']!r}; add the e-mail"
            )
            return None
        return str(named[0]) if named else new_id()

    def team(self, name: str) -> str | None:
        if not name:
            return None
        folded = name.casefold()
        if folded in self.teams:
            return str(self.teams[folded])
        if folded not in self.new_teams:
            self.new_teams[folded] = {"id": new_id(), "name": name}
        return str(self.new_teams[folded]["id"])

    def deputy(self, item: _Row) -> tuple[bool, str | None]:
        text = item.cells.get("deputy", "")
        if not text:
            return True, None
        found = self.known.by_email.get(text.casefold())
        named = self.known.by_name.get(text.casefold(), [])
        if found is None and len(named) == 1:
            found = named[0]
        if found is None:
            many = f"{len(named)} people are called {text!r}; use the e-mail"
            self.error(item.index, "deputy", many if named else f"no person named {text!r}")
            return False, None
        if found == item.person_id:
            self.error(item.index, "deputy", "a person cannot be their own deputy")
            return False, None
        return True, found

    def values(self, item: _Row) -> dict[str, Any] | None:
        """The person's fields after the import, validated; None when a cell is wrong."""
        current = self.plan.people.get(item.person_id)
        base: dict[str, Any] = {"name": item.cells["name"]}
        if current is not None:
            base = {f: getattr(current, f) for f in PersonFields.model_fields}
            base["name"] = item.cells["name"]
        for column in _SIMPLE:
            if column in item.cells:
                base[column] = item.cells[column]
        if "team" in item.cells:
            base["team_id"] = self.team(item.cells["team"])
        if "deputy" in item.cells:
            ok, deputy = self.deputy(item)
            if not ok:
                return None
            base["deputy_id"] = deputy
        checked = {**base, "team_id": None, "deputy_id": None}
        try:
            PersonFields.model_validate(checked)
        except ValidationError as exc:
            for problem in exc.errors():
                column = str(problem["loc"][0]) if problem["loc"] else "name"
                message = str(problem["msg"]).removeprefix("Value error, ")
                self.error(item.index, column, message)
            return None
        return base


def _shown(plan: Plan, column: str, value: Any) -> str:
    """A field's current value as the user reads it (names, not ids)."""
    if column == "team_id" and value in plan.teams:
        return str(plan.teams[value].name)
    if column == "deputy_id" and value in plan.people:
        return str(plan.people[value].name)
    return str(value or "")


def preview_people_import(plan: Plan, path: Path) -> PeopleImportPreview:
    """Read a people CSV and compare it with the directory; nothing is written."""
    from planner.export.raci_sheet_import import Grid

    if path.suffix.lower() != ".csv":
        raise SpreadsheetError(f"{path.name}: not a CSV file")
    if path.stat().st_size > MAX_SHEET_BYTES:
        raise SpreadsheetError(f"{path.name}: larger than the {MAX_SHEET_BYTES // 2**20} MiB limit")
    reader = _Reader(plan, Grid(path.stem, _read_csv(path.read_bytes())))
    header = reader.read_header()
    rows = reader.rows(header) if header is not None else []
    new_people: list[NewPerson] = []
    updates: list[PersonUpdate] = []
    unchanged = 0
    for item in rows:
        values = reader.values(item)
        if values is None:
            continue
        where = reader.grid.where(item.index, reader.columns["name"])
        if item.new:
            new_people.append(NewPerson(where, {"id": item.person_id, **values}))
            continue
        current = plan.people[item.person_id]
        changed = {k: v for k, v in values.items() if getattr(current, k) != v}
        if not changed:
            unchanged += 1
            continue
        typed = {"team_id": item.cells.get("team"), "deputy_id": item.cells.get("deputy")}
        shown = tuple(
            (
                k.removesuffix("_id"),
                _shown(plan, k, getattr(current, k)),
                typed[k] or "" if k in typed else str(v or ""),
            )
            for k, v in changed.items()
        )
        expected = {k: getattr(current, k) for k in changed}
        updates.append(
            PersonUpdate(item.person_id, str(current.name), where, expected, changed, shown)
        )
    return PeopleImportPreview(
        source=path.name,
        new_teams=tuple(reader.new_teams.values()),
        new_people=tuple(new_people),
        updates=tuple(updates),
        errors=tuple(reader.errors),
        unchanged=unchanged,
    )
