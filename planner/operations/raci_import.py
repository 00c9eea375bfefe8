"""Applying an imported RACI grid: new people and teams plus cell edits, as one operation."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from planner.domain.enums import RaciRole
from planner.domain.errors import DomainError
from planner.operations.change import Change
from planner.operations.transaction import Transaction, transaction
from planner.store.workspace import Workspace


class NewTeamLike(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def email(self) -> str: ...


class NewPersonLike(NewTeamLike, Protocol):
    @property
    def team_id(self) -> str | None: ...


class RaciCellEdit(Protocol):
    """One cell to set: ``before`` is what the caller saw there, ``role`` what it becomes."""

    @property
    def system_id(self) -> str: ...
    @property
    def activity_id(self) -> str: ...
    @property
    def person_id(self) -> str | None: ...
    @property
    def team_id(self) -> str | None: ...
    @property
    def before(self) -> RaciRole | None: ...
    @property
    def role(self) -> RaciRole | None: ...


def import_raci(
    ws: Workspace,
    *,
    cells: Sequence[RaciCellEdit],
    new_people: Sequence[NewPersonLike] = (),
    new_teams: Sequence[NewTeamLike] = (),
    source: str = "",
) -> Change:
    """Create the new teams and people, then set every cell; all of it or nothing.

    Each cell must still hold ``before``: if the workspace changed since the caller read
    it, the import is refused rather than overwriting someone's edit.
    """
    with transaction(ws, "import_raci") as tx:
        for team in new_teams:
            tx.insert("team", {"id": team.id, "name": team.name, "email": team.email})
        for person in new_people:
            tx.insert(
                "person",
                {
                    "id": person.id,
                    "name": person.name,
                    "email": person.email,
                    "team_id": person.team_id,
                },
            )
        for cell in cells:
            _apply_cell(tx, cell)
        systems = len({cell.system_id for cell in cells})
        return tx.done(
            f"Import RACI from {source or 'a spreadsheet'}: {_count(len(cells), 'cell')} in "
            f"{_count(systems, 'system')}",
            entity_type="raci",
            after={
                "source": source,
                "cells": len(cells),
                "people": [p.name for p in new_people],
                "teams": [t.name for t in new_teams],
            },
        )


def _apply_cell(tx: Transaction, cell: RaciCellEdit) -> None:
    if (cell.person_id is None) == (cell.team_id is None):
        raise DomainError("RACI import: each cell needs exactly one person or one team")
    rows = tx.rows("raci", system_id=cell.system_id, activity_id=cell.activity_id)
    existing = next(
        (r for r in rows if (r["person_id"], r["team_id"]) == (cell.person_id, cell.team_id)),
        None,
    )
    current = RaciRole(existing["role"]) if existing else None
    if current != cell.before:
        raise DomainError("RACI import: the plan changed since the preview; preview the file again")
    if existing is not None and cell.role is None:
        tx.delete("raci", existing["id"])
    elif existing is not None:
        tx.update("raci", existing["id"], {"role": cell.role})
    elif cell.role is not None:
        tx.insert(
            "raci",
            {
                "system_id": cell.system_id,
                "activity_id": cell.activity_id,
                "person_id": cell.person_id,
                "team_id": cell.team_id,
                "role": cell.role,
            },
        )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
