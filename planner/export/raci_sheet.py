"""RACI spreadsheets as project managers keep them: one grid per system, xlsx or CSV.

Layout of a system's sheet: row 1 holds the system's name, row 2 the header ("Activity",
then one column per person or team), then one row per activity with R, A, C or I in the
cells. People are headed "Name (Team)" (or "Name"), teams "Name (team)". A CSV holds the
same grid for several systems at once, with a "System" column first.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from planner.domain.enums import RaciRole
from planner.domain.plan import Plan, SystemPlan
from planner.export.atomic import atomic_write

ROLE_LETTERS = "RACI"
ACTIVITY_HEADER = "Activity"
SYSTEM_HEADER = "System"
SUMMARY_TITLE = "Summary"
TEAM_SUFFIX = "(team)"
# Blank columns right of the grid that still get the drop-down, for people added by hand.
_SPARE_COLUMNS = 10
_SHEET_TITLE_LIMIT = 31
_FORBIDDEN_IN_TITLE = re.compile(r"[\[\]:*?/\\]")


@dataclass(frozen=True)
class Assignee:
    """A column of the grid: one person or one team, with the header it is shown under."""

    kind: str  # "person" or "team"
    id: str
    name: str
    header: str


def assignee_columns(plan: Plan, systems: Iterable[SystemPlan]) -> list[Assignee]:
    """The people, then the teams, holding a role in any of ``systems``, by name.

    Each gets a header that names it alone in the whole directory (the import reads it
    back against the directory): "Name (team)" for a team; for a person "Name", or
    "Name (Team)" when namesakes are in other teams, or "Name <e-mail>" otherwise.
    """
    people: set[str] = set()
    teams: set[str] = set()
    for system in systems:
        for row in system.raci:
            if row.person_id is not None:
                people.add(row.person_id)
            elif row.team_id is not None:
                teams.add(row.team_id)
    namesakes: dict[str, list[Any]] = defaultdict(list)
    for person in plan.people.values():
        namesakes[person.name.casefold()].append(person)
    emails = Counter(p.email.casefold() for p in plan.people.values() if p.email)
    columns: list[Assignee] = []
    for pid in sorted(people, key=lambda p: (plan.people[p].name.casefold(), p)):
        header = _person_header(plan, pid, namesakes, emails)
        columns.append(Assignee("person", pid, str(plan.people[pid].name), header))
    for tid in sorted(teams, key=lambda t: (plan.teams[t].name.casefold(), t)):
        name = str(plan.teams[tid].name)
        columns.append(Assignee("team", tid, name, f"{name} {TEAM_SUFFIX}"))
    return columns


def _person_header(
    plan: Plan, person_id: str, namesakes: dict[str, list[Any]], emails: Counter[str]
) -> str:
    person = plan.people[person_id]
    same_name = namesakes[person.name.casefold()]
    team = plan.teams.get(person.team_id) if person.team_id else None
    if len(same_name) == 1:
        return f"{person.name} ({team.name})" if team is not None else str(person.name)
    same_team = [p for p in same_name if p.team_id == person.team_id]
    if team is not None and len(same_team) == 1:
        return f"{person.name} ({team.name})"
    if person.email and emails[person.email.casefold()] == 1:
        return f"{person.name} <{person.email}>"
    return str(person.name)  # no header can tell them apart: the import says so


def role_grid(system: SystemPlan, columns: Sequence[Assignee]) -> dict[tuple[str, str], str]:
    """(activity id, assignee id) -> the letter in that cell."""
    wanted = {c.id for c in columns}
    grid: dict[tuple[str, str], str] = {}
    for row in system.raci:
        assignee = row.person_id if row.person_id is not None else row.team_id
        if assignee in wanted:
            grid[(row.activity_id, assignee)] = row.role.value
    return grid


def sheet_titles(names: Sequence[str]) -> list[str]:
    """Valid, distinct worksheet titles for system names (Excel: 31 characters, no []:*?/\\)."""
    taken = {SUMMARY_TITLE.casefold()}
    titles = []
    for name in names:
        base = _FORBIDDEN_IN_TITLE.sub("-", name).strip("'").strip() or "System"
        title = base[:_SHEET_TITLE_LIMIT]
        number = 2
        while title.casefold() in taken:
            suffix = f" ({number})"
            title = base[: _SHEET_TITLE_LIMIT - len(suffix)] + suffix
            number += 1
        taken.add(title.casefold())
        titles.append(title)
    return titles


def select_systems(plan: Plan, names: Sequence[str] | None) -> list[SystemPlan]:
    """The systems named (case-insensitive), or all of them; unknown names are an error."""
    from planner.domain.errors import DomainError

    if not names:
        return list(plan.systems.values())
    chosen = []
    for name in names:
        system = plan.system_named(name)
        if system is None:
            raise DomainError(f"no system named {name!r} in this workspace")
        if system not in chosen:
            chosen.append(system)
    return chosen


# --- gaps, for the summary sheet -------------------------------------------------------


def activity_gaps(system: SystemPlan, activity_id: str) -> list[str]:
    """What the RACI of one activity lacks: no A, two or more As, no R."""
    roles = [r.role for r in system.raci if r.activity_id == activity_id]
    gaps = []
    accountable = roles.count(RaciRole.ACCOUNTABLE)
    if accountable == 0:
        gaps.append("no A")
    elif accountable > 1:
        gaps.append(f"{accountable} As")
    if RaciRole.RESPONSIBLE not in roles:
        gaps.append("no R")
    return gaps


# --- CSV ---------------------------------------------------------------------------------


def write_raci_csv(plan: Plan, target: Path, systems: Sequence[SystemPlan]) -> int:
    """One table for all ``systems``: System, Activity, then a column per assignee."""
    columns = assignee_columns(plan, systems)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([SYSTEM_HEADER, ACTIVITY_HEADER, *(c.header for c in columns)])
    for system in systems:
        grid = role_grid(system, columns)
        for activity in plan.activities:
            cells = [grid.get((activity.id, c.id), "") for c in columns]
            writer.writerow([system.name, activity.name, *cells])
    # A byte-order mark makes Excel read the file as UTF-8 (names in any script survive).
    data = buffer.getvalue().encode("utf-8-sig")
    with atomic_write(target) as handle:
        handle.write(data)
    return len(data)


# --- xlsx --------------------------------------------------------------------------------


def write_raci_xlsx(plan: Plan, target: Path, systems: Sequence[SystemPlan]) -> int:
    """A summary sheet, then one formatted sheet per system; returns the bytes written."""
    from openpyxl import Workbook

    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = SUMMARY_TITLE
    titles = sheet_titles([s.name for s in systems])
    _write_summary(summary, plan, systems, titles)
    for system, title in zip(systems, titles, strict=True):
        _write_system_sheet(book.create_sheet(title), plan, system)
    buffer = io.BytesIO()
    book.save(buffer)
    data = buffer.getvalue()
    with atomic_write(target) as handle:
        handle.write(data)
    return len(data)


def _bold() -> Any:
    from openpyxl.styles import Font

    return Font(bold=True)


def _fit_widths(sheet: Any, rows: Sequence[Sequence[str]], *, minimum: int = 4) -> None:
    from openpyxl.utils import get_column_letter

    widths: dict[int, int] = {}
    for row in rows:
        for index, text in enumerate(row, start=1):
            longest = max((len(line) for line in str(text).splitlines()), default=0)
            widths[index] = max(widths.get(index, minimum), longest + 2)
    for index, width in widths.items():
        sheet.column_dimensions[get_column_letter(index)].width = min(width, 60)


def _write_summary(
    sheet: Any, plan: Plan, systems: Sequence[SystemPlan], titles: Sequence[str]
) -> None:
    header = ["System", "Stage", "Sheet", "Activities", "No A", "Two or more As", "No R"]
    sheet.append(header)
    rows: list[list[str]] = [header]
    for system, title in zip(systems, titles, strict=True):
        gaps = [activity_gaps(system, a.id) for a in plan.activities]
        row = [
            system.name,
            str(system.system.stage).replace("_", " "),
            title,
            len(plan.activities),
            sum("no A" in g for g in gaps),
            sum(any(x.endswith("As") for x in g) for g in gaps),
            sum("no R" in g for g in gaps),
        ]
        sheet.append(row)
        link = sheet.cell(row=sheet.max_row, column=3)
        link.hyperlink = f"#'{title}'!A1"
        link.style = "Hyperlink"
        rows.append([str(v) for v in row])
    for cell in sheet[1]:
        cell.font = _bold()
    sheet.freeze_panes = "A2"
    _fit_widths(sheet, rows)


def _write_system_sheet(sheet: Any, plan: Plan, system: SystemPlan) -> None:
    from openpyxl.styles import Alignment

    columns = assignee_columns(plan, [system])
    grid = role_grid(system, columns)
    sheet["A1"] = system.name
    sheet["A1"].font = _bold()
    header = [ACTIVITY_HEADER, *(c.header for c in columns)]
    sheet.append(header)
    for cell in sheet[2]:
        cell.font = _bold()
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    rows: list[list[str]] = [header]
    for activity in plan.activities:
        row = [str(activity.name), *(grid.get((activity.id, c.id), "") for c in columns)]
        sheet.append(row)
        rows.append(row)
    for row in sheet.iter_rows(min_row=3, min_col=2):
        for cell in row:
            cell.alignment = Alignment(horizontal="center")
    sheet.freeze_panes = "B3"
    _fit_widths(sheet, rows)
    _add_validation_and_gaps(sheet, len(columns), len(plan.activities))


def _add_validation_and_gaps(sheet: Any, assignees: int, activities: int) -> None:
    """Drop-downs on the grid; the activity cell turns red (no A), dark red (two As)
    or amber (no R)."""
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.styles import PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    if activities == 0:
        return
    last_row = 2 + activities
    last_col = get_column_letter(1 + assignees + _SPARE_COLUMNS)
    validation = DataValidation(
        type="list",
        formula1=f'"{",".join(ROLE_LETTERS)}"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="RACI",
        error="Use R, A, C or I (or leave the cell blank).",
    )
    validation.add(f"B3:{last_col}{last_row}")
    sheet.add_data_validation(validation)
    cells = f"$B3:${last_col}3"
    red = PatternFill(start_color="F4B6B6", end_color="F4B6B6", fill_type="solid")
    amber = PatternFill(start_color="FBE3A6", end_color="FBE3A6", fill_type="solid")
    target = f"A3:A{last_row}"
    crimson = PatternFill(start_color="E58C8C", end_color="E58C8C", fill_type="solid")
    sheet.conditional_formatting.add(
        target, FormulaRule(formula=[f'COUNTIF({cells},"A")=0'], fill=red, stopIfTrue=True)
    )
    sheet.conditional_formatting.add(
        target, FormulaRule(formula=[f'COUNTIF({cells},"A")>1'], fill=crimson, stopIfTrue=True)
    )
    sheet.conditional_formatting.add(
        target, FormulaRule(formula=[f'COUNTIF({cells},"R")=0'], fill=amber)
    )
