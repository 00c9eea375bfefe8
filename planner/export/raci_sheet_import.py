"""Reading a RACI spreadsheet (xlsx or CSV) into a preview of the changes it would make.

Real sheets are messy, so the reader is tolerant: the header row is found by its
"Activity" cell; headers may be names, "Name (Team)", e-mail addresses or "Name <e-mail>";
cells may be lower case, combined ("A/R", "R, C"), blank or "-"; columns it cannot map to
a person or team and that hold no roles (notes, comments) are ignored. RASCI's "S"
(supports the Responsible) has no letter of its own here and is kept as C, with a note.
A cell holds one role, so a combined cell keeps the strongest (A, then R, C, I), with a
note. Every cell it cannot read is an error naming its sheet and address.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from planner.domain.enums import RaciRole
from planner.domain.errors import PlannerError
from planner.domain.models import new_id
from planner.domain.plan import Plan, SystemPlan
from planner.export.raci_sheet import ACTIVITY_HEADER, SUMMARY_TITLE, SYSTEM_HEADER, TEAM_SUFFIX

MAX_SHEET_BYTES = 20 * 2**20
_HEADER_SEARCH_ROWS = 20
_ACTIVITY_WORDS = frozenset({"activity", "activities", "task", "tasks", "process", "processes"})
_IGNORED_HEADERS = frozenset(
    {"notes", "note", "comments", "comment", "remarks", "description", "gaps", "check", "#"}
)
_BLANK = frozenset({"", "-", "–", "—", ".", "n/a", "na", "none"})
_WORDS = {
    "RESPONSIBLE": "R",
    "ACCOUNTABLE": "A",
    "CONSULTED": "C",
    "INFORMED": "I",
    "SUPPORT": "S",
    "SUPPORTS": "S",
    "SUPPORTIVE": "S",
}
_STRENGTH = "ARCI"
_EMAIL = re.compile(r"[^@\s<>()\[\],;]+@[^@\s<>()\[\],;]+\.[^@\s<>()\[\],;]+")
_PARENS = re.compile(r"(.+?)\s*\((.+)\)")


class SpreadsheetError(PlannerError):
    """A spreadsheet that cannot be read at all (not a workbook, too large, ...)."""


@dataclass(frozen=True)
class Issue:
    """Something about one place of the sheet: ``Claims!D7: "Acc" is not one of R, A, C, I``."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


@dataclass(frozen=True)
class NewPerson:
    id: str
    name: str
    email: str
    team_id: str | None
    where: str


@dataclass(frozen=True)
class NewTeam:
    id: str
    name: str
    email: str
    where: str


@dataclass(frozen=True)
class CellChange:
    """One cell whose role the import would set (``role``) or clear (``role`` None)."""

    where: str
    system_id: str
    system_name: str
    activity_id: str
    activity_name: str
    person_id: str | None
    team_id: str | None
    assignee_name: str
    before: RaciRole | None
    role: RaciRole | None

    @property
    def kind(self) -> str:
        if self.before is None:
            return "add"
        return "remove" if self.role is None else "change"

    def describe(self) -> str:
        before = self.before.value if self.before else "blank"
        after = self.role.value if self.role else "blank"
        text = after if self.kind == "add" else f"{before} -> {after}"
        return f"{self.system_name} / {self.activity_name} / {self.assignee_name}: {text}"


@dataclass(frozen=True)
class RaciImportPreview:
    """What importing a sheet would do, and what stops it; nothing is written to make it."""

    source: str
    systems: tuple[str, ...] = ()
    changes: tuple[CellChange, ...] = ()
    new_people: tuple[NewPerson, ...] = ()
    new_teams: tuple[NewTeam, ...] = ()
    errors: tuple[Issue, ...] = ()
    notes: tuple[Issue, ...] = ()
    unchanged: int = 0

    @property
    def is_empty(self) -> bool:
        return not (self.changes or self.new_people or self.new_teams)

    def count(self, kind: str) -> int:
        return sum(c.kind == kind for c in self.changes)

    def without_new(self, skipped: Iterable[str]) -> RaciImportPreview:
        """The preview without the new people or teams whose ids are in ``skipped``."""
        drop = set(skipped)
        return dataclasses.replace(
            self,
            changes=tuple(
                c for c in self.changes if c.person_id not in drop and c.team_id not in drop
            ),
            new_people=tuple(p for p in self.new_people if p.id not in drop),
            new_teams=tuple(t for t in self.new_teams if t.id not in drop),
        )

    def totals(self) -> str:
        return (
            f"{self.count('add')} to add, {self.count('change')} to change, "
            f"{self.count('remove')} to remove, {self.unchanged} unchanged"
        )

    def text(self) -> str:
        """The preview as the command line prints it."""
        lines = [f"{self.source}: {', '.join(self.systems) or 'no systems'}"]
        for person in self.new_people:
            lines.append(f"  new person  {person.name} ({person.where})")
        for team in self.new_teams:
            lines.append(f"  new team    {team.name} ({team.where})")
        marks = {"add": "+", "change": "~", "remove": "-"}
        for change in self.changes:
            lines.append(f"  {marks[change.kind]} {change.where}  {change.describe()}")
        lines.extend(f"  note: {note}" for note in self.notes)
        lines.extend(f"  error: {error}" for error in self.errors)
        lines.append(self.totals())
        return "\n".join(lines)


# --- reading files -----------------------------------------------------------------------


@dataclass(frozen=True)
class Grid:
    """One sheet's cells as text, row by row."""

    name: str
    rows: list[list[str]]

    def cell(self, row: int, column: int) -> str:
        line = self.rows[row] if row < len(self.rows) else []
        return line[column] if column < len(line) else ""

    def where(self, row: int, column: int) -> str:
        from openpyxl.utils import get_column_letter

        return f"{self.name}!{get_column_letter(column + 1)}{row + 1}"


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value).strip()


def read_grids(path: Path) -> list[Grid]:
    """Every sheet of an xlsx workbook, or the one table of a CSV file."""
    size = path.stat().st_size
    if size > MAX_SHEET_BYTES:
        raise SpreadsheetError(f"{path.name}: larger than the {MAX_SHEET_BYTES // 2**20} MiB limit")
    if path.suffix.lower() == ".csv":
        return [Grid(path.stem, _read_csv(path.read_bytes()))]
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise SpreadsheetError(f"{path.name}: not a spreadsheet (use .xlsx or .csv)")
    return _read_xlsx(path)


def _read_csv(data: bytes) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel on Windows saves "CSV" in the ANSI code page.
        text = data.decode("cp1252", errors="replace")
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), dialect)]


def _read_xlsx(path: Path) -> list[Grid]:
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise SpreadsheetError(f"{path.name}: not a workbook that can be read ({exc})") from None
    try:
        return [
            Grid(
                sheet.title, [[_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
            )
            for sheet in book.worksheets
        ]
    finally:
        book.close()


# --- cells ---------------------------------------------------------------------------


def parse_cell(text: str) -> tuple[RaciRole | None, str | None]:
    """The role a cell holds and a note about how it was read; ValueError if unreadable."""
    raw = text.strip()
    if raw.casefold() in _BLANK:
        return None, None
    letters: list[str] = []
    for part in re.split(r"[\s/,;&+|]+", raw.upper()):
        if not part:
            continue
        letter = _WORDS.get(part, part)
        if letter not in ("R", "A", "C", "I", "S"):
            raise ValueError(f'"{raw}" is not one of R, A, C, I')
        letters.append(letter)
    if not letters:  # only separators, e.g. ","
        raise ValueError(f'"{raw}" is not one of R, A, C, I')
    notes = []
    if "S" in letters:
        letters = ["C" if x == "S" else x for x in letters]
        notes.append("S (supports, from RASCI) is kept as C")
    distinct = sorted(set(letters), key=_STRENGTH.index)
    if len(distinct) > 1:
        notes.append(f"a cell holds one role; {distinct[0]} is kept")
    note = f'"{raw}": ' + "; ".join(notes) if notes else None
    return RaciRole(distinct[0]), note


# --- headers -------------------------------------------------------------------------


@dataclass
class _Column:
    """A grid column mapped to an assignee (``new`` when the import would create it)."""

    index: int
    kind: str
    id: str
    name: str
    new: NewPerson | NewTeam | None = None


class _Directory:
    """People and teams by name and e-mail, plus the new ones this import proposes."""

    def __init__(self, plan: Plan) -> None:
        self.people_by_name: dict[str, list[str]] = defaultdict(list)
        self.people_by_email: dict[str, list[str]] = defaultdict(list)
        for person in plan.people.values():
            self.people_by_name[_fold(person.name)].append(person.id)
            if person.email:
                self.people_by_email[person.email.casefold()].append(person.id)
        self.teams_by_name = {_fold(t.name): t.id for t in plan.teams.values()}
        self.teams_by_email = {t.email.casefold(): t.id for t in plan.teams.values() if t.email}
        self.plan = plan
        self.new: dict[str, NewPerson | NewTeam] = {}

    def resolve(self, header: str, where: str, index: int) -> _Column:
        """The column's assignee; ValueError with a message when the header is ambiguous."""
        text = " ".join(header.split())
        key = _fold(text)
        people = self.people_by_name.get(key, [])
        if len(people) == 1:
            return self._person(index, people[0])
        if len(people) > 1:
            raise ValueError(f'"{text}" names {len(people)} people; add the e-mail to the header')
        if key in self.teams_by_name:
            return self._team(index, self.teams_by_name[key])
        if key.endswith(f" {TEAM_SUFFIX}"):
            return self._by_parens(text[: -len(TEAM_SUFFIX)].strip(), "team", where, index)
        email = _EMAIL.search(text)
        if email is not None:
            return self._by_email(text, email.group(0), where, index)
        match = _PARENS.fullmatch(text)
        if match is not None:
            return self._by_parens(match.group(1), match.group(2), where, index)
        return self._propose(index, "person", text, "", None, where)

    def _person(self, index: int, person_id: str) -> _Column:
        return _Column(index, "person", person_id, str(self.plan.people[person_id].name))

    def _team(self, index: int, team_id: str) -> _Column:
        return _Column(index, "team", team_id, f"{self.plan.teams[team_id].name} {TEAM_SUFFIX}")

    def _by_email(self, text: str, email: str, where: str, index: int) -> _Column:
        folded = email.casefold()
        owners = self.people_by_email.get(folded, [])
        if len(owners) > 1:
            raise ValueError(f'"{email}" is the e-mail of {len(owners)} people')
        if owners:
            return self._person(index, owners[0])
        if folded in self.teams_by_email:
            return self._team(index, self.teams_by_email[folded])
        name = " ".join(text.replace(email, "").replace("<>", "").strip(" <>()[],;").split())
        return self._propose(index, "person", name or email.split("@")[0], email, None, where)

    def _by_parens(self, name: str, inner: str, where: str, index: int) -> _Column:
        if _fold(inner) == "team":
            team = self.teams_by_name.get(_fold(name))
            if team is not None:
                return self._team(index, team)
            return self._propose(index, "team", name, "", None, where)
        team_id = self.teams_by_name.get(_fold(inner))
        people = self.people_by_name.get(_fold(name), [])
        if len(people) > 1 and team_id is not None:
            people = [p for p in people if self.plan.people[p].team_id == team_id]
        if len(people) == 1:
            return self._person(index, people[0])
        if len(people) > 1:
            raise ValueError(f'"{name}" names {len(people)} people; add the e-mail to the header')
        return self._propose(index, "person", name, "", team_id, where)

    def _propose(
        self, index: int, kind: str, name: str, email: str, team_id: str | None, where: str
    ) -> _Column:
        key = f"{kind}:{_fold(name)}:{email.casefold()}"
        new = self.new.get(key)
        if new is None:
            if kind == "team":
                new = NewTeam(new_id(), name, email, where)
            else:
                new = NewPerson(new_id(), name, email, team_id, where)
            self.new[key] = new
        label = f"{name} {TEAM_SUFFIX}" if kind == "team" else name
        return _Column(index, kind, new.id, label, new)


def _fold(text: str) -> str:
    return " ".join(str(text).split()).casefold()


# --- the preview ---------------------------------------------------------------------


@dataclass
class _State:
    """What reading the sheets has found so far."""

    changes: list[CellChange] = field(default_factory=list)
    errors: list[Issue] = field(default_factory=list)
    notes: list[Issue] = field(default_factory=list)
    systems: dict[str, str] = field(default_factory=dict)
    used_new: set[str] = field(default_factory=set)
    seen_rows: dict[tuple[str, str], str] = field(default_factory=dict)
    unchanged: int = 0


class _Reader:
    def __init__(self, plan: Plan, system: str | None) -> None:
        self.plan = plan
        self.directory = _Directory(plan)
        self.override = system
        self.state = _State()
        self.activities: dict[str, Any] = {}
        for activity in plan.activities:
            self.activities[_fold(activity.name)] = activity
            self.activities.setdefault(_fold(activity.key), activity)

    def read(self, grid: Grid) -> None:
        if _fold(grid.name) == _fold(SUMMARY_TITLE) and self.plan.system_named(grid.name) is None:
            return  # the summary sheet of an exported workbook
        header_row, activity_col = _find_header(grid)
        if header_row is None:
            if grid.rows and self._system_of_sheet(grid, 0) is not None:
                self.state.errors.append(
                    Issue(grid.name, f'no header row with an "{ACTIVITY_HEADER}" column')
                )
            elif grid.rows:
                self.state.notes.append(Issue(grid.name, "skipped: not a RACI grid"))
            return
        headers = grid.rows[header_row]
        system_col = next(
            (i for i, h in enumerate(headers) if _fold(h) == _fold(SYSTEM_HEADER)), None
        )
        sheet_system = None
        if system_col is None:
            sheet_system = self._system_of_sheet(grid, header_row)
            if sheet_system is None:
                self.state.errors.append(Issue(grid.name, self._no_system_message(grid)))
                return
        columns = self._columns(grid, header_row, {activity_col, system_col})
        for row in range(header_row + 1, len(grid.rows)):
            system = sheet_system
            if system_col is not None:
                system = self._system_in_row(grid, row, system_col)
                if system is None:
                    continue
            self._read_row(grid, row, activity_col, system, columns)  # type: ignore[arg-type]

    def _no_system_message(self, grid: Grid) -> str:
        if self.override is not None:
            return f"no system named {self.override!r} in this workspace"
        return f"no system named {grid.name!r}; name the system to import into (--system)"

    def _system_of_sheet(self, grid: Grid, header_row: int) -> SystemPlan | None:
        if self.override is not None:
            return self.plan.system_named(self.override)
        candidates = [grid.name] + [grid.cell(r, 0) for r in range(header_row)]
        for name in candidates:
            if name and (system := self.plan.system_named(name)) is not None:
                return system
        # Sheet titles are cut to 31 characters: a unique system starting so will do.
        starts = [s for s in self.plan if s.name.casefold().startswith(grid.name.casefold())]
        if len(grid.name) >= 28 and len(starts) == 1:
            return starts[0]
        if len(self.plan.systems) == 1:
            return next(iter(self.plan))
        return None

    def _system_in_row(self, grid: Grid, row: int, column: int) -> SystemPlan | None:
        name = grid.cell(row, column)
        if not name:
            return None
        system = self.plan.system_named(self.override or name)
        if self.override is not None and _fold(name) != _fold(self.override):
            return None  # --system picks rows of that system from a multi-system table
        if system is None:
            self.state.errors.append(Issue(grid.where(row, column), f'no system named "{name}"'))
        return system

    def _columns(self, grid: Grid, header_row: int, skip: set[int | None]) -> list[_Column]:
        columns = []
        for index, header in enumerate(grid.rows[header_row]):
            if index in skip or not header.strip() or _fold(header) in _IGNORED_HEADERS:
                continue
            where = grid.where(header_row, index)
            try:
                column = self.directory.resolve(header, where, index)
            except ValueError as exc:
                self.state.errors.append(Issue(where, str(exc)))
                continue
            if column.new is not None and not _holds_roles(grid, header_row, index):
                self.state.notes.append(Issue(where, f'"{header}" ignored: no roles in it'))
                continue
            columns.append(column)
        return columns

    def _read_row(
        self, grid: Grid, row: int, activity_col: int, system: SystemPlan, columns: list[_Column]
    ) -> None:
        name = grid.cell(row, activity_col)
        cells = [(c, grid.cell(row, c.index)) for c in columns]
        if not any(text.strip().casefold() not in _BLANK for _c, text in cells):
            if name and _fold(name) not in self.activities:
                self.state.notes.append(Issue(grid.where(row, activity_col), "skipped: no roles"))
            if name and _fold(name) in self.activities:
                self._compare_row(grid, row, activity_col, system, [(c, None) for c in columns])
            return
        activity = self.activities.get(_fold(name))
        where = grid.where(row, activity_col)
        if activity is None:
            message = f'"{name}" is not an activity of this workspace' if name else "no activity"
            self.state.errors.append(Issue(where, message))
            return
        roles: list[tuple[_Column, RaciRole | None]] = []
        for column, text in cells:
            try:
                role, note = parse_cell(text)
            except ValueError as exc:
                self.state.errors.append(Issue(grid.where(row, column.index), str(exc)))
                continue
            if note:
                self.state.notes.append(Issue(grid.where(row, column.index), note))
            roles.append((column, role))
        self._compare_row(grid, row, activity_col, system, roles)

    def _compare_row(
        self,
        grid: Grid,
        row: int,
        activity_col: int,
        system: SystemPlan,
        roles: list[tuple[_Column, RaciRole | None]],
    ) -> None:
        activity = self.activities[_fold(grid.cell(row, activity_col))]
        where = grid.where(row, activity_col)
        first = self.state.seen_rows.setdefault((system.id, activity.id), where)
        if first != where:
            self.state.errors.append(
                Issue(where, f'"{activity.name}" of {system.name} is already on {first}')
            )
            return
        self.state.systems.setdefault(system.id, system.name)
        current = {
            (r.person_id if r.person_id is not None else r.team_id): r.role
            for r in system.raci
            if r.activity_id == activity.id
        }
        for column, role in roles:
            before = current.get(column.id)
            if before == role:
                self.state.unchanged += role is not None
                continue
            if column.new is not None:
                self.state.used_new.add(column.id)
            self.state.changes.append(
                CellChange(
                    where=grid.where(row, column.index),
                    system_id=system.id,
                    system_name=system.name,
                    activity_id=activity.id,
                    activity_name=str(activity.name),
                    person_id=column.id if column.kind == "person" else None,
                    team_id=column.id if column.kind == "team" else None,
                    assignee_name=column.name,
                    before=before,
                    role=role,
                )
            )

    def preview(self, source: str) -> RaciImportPreview:
        state = self.state
        for system_id, name in state.systems.items():
            touched = any(c.system_id == system_id for c in state.changes)
            if touched and self.plan.systems[system_id].system.locked:
                state.errors.append(
                    Issue("", f"{name!r} is signed off and locked; reopen it before importing")
                )
        new = [n for n in self.directory.new.values() if n.id in state.used_new]
        return RaciImportPreview(
            source=source,
            systems=tuple(state.systems.values()),
            changes=tuple(state.changes),
            new_people=tuple(n for n in new if isinstance(n, NewPerson)),
            new_teams=tuple(n for n in new if isinstance(n, NewTeam)),
            errors=tuple(state.errors),
            notes=tuple(state.notes),
            unchanged=state.unchanged,
        )


def _find_header(grid: Grid) -> tuple[int | None, int]:
    for row in range(min(len(grid.rows), _HEADER_SEARCH_ROWS)):
        for column, text in enumerate(grid.rows[row]):
            if _fold(text) in _ACTIVITY_WORDS:
                return row, column
    return None, 0


def _holds_roles(grid: Grid, header_row: int, column: int) -> bool:
    for row in range(header_row + 1, len(grid.rows)):
        try:
            if parse_cell(grid.cell(row, column))[0] is not None:
                return True
        except ValueError:
            continue
    return False


def preview_raci_import(
    plan: Plan, path: Path, *, system: str | None = None, grids: Sequence[Grid] | None = None
) -> RaciImportPreview:
    """Read ``path`` and compare it with ``plan``: what would be added, changed, removed.

    Only the cells of the sheet's activity rows and assignee columns are compared; a
    person or team that is not a column keeps their roles. With ``system``, every sheet
    (or, in a table with a System column, the rows of that system) goes to that system.
    """
    reader = _Reader(plan, system)
    for grid in grids if grids is not None else read_grids(path):
        reader.read(grid)
    if not reader.state.systems and not reader.state.errors:
        reader.state.errors.append(Issue(path.name, "no RACI grid found"))
    return reader.preview(path.name)
