"""Setting the RACI role of a person or team for one activity of one system."""

from __future__ import annotations

from typing import Any

from planner.domain.enums import RaciRole
from planner.domain.errors import DomainError
from planner.operations.change import Change
from planner.operations.conflicts import cleared_cell_error, conflict_error
from planner.operations.transaction import Transaction, transaction
from planner.store.workspace import Workspace


def _check_cell(
    tx: Transaction,
    existing: dict[str, Any] | None,
    expected: int,
    cell: tuple[str, dict[str, Any], dict[str, Any]],
) -> None:
    """Refuse the edit if the cell is not as the caller saw it (version 0: it was empty)."""
    if existing is not None and existing["version"] != expected:
        raise conflict_error(tx.session, "raci", existing["id"], existing)
    if existing is None and expected != 0:
        system_id, activity, assignee = cell
        raise cleared_cell_error(
            tx.session, system_id=system_id, activity_key=activity["key"], assignee=assignee["name"]
        )


def _cell(
    tx: Transaction, system_id: str, activity_id: str, assignee: tuple[str | None, str | None]
) -> dict[str, Any] | None:
    """The cell's row: the assignee's role in this activity of this system, if any."""
    rows = tx.rows("raci", system_id=system_id, activity_id=activity_id)
    return next((r for r in rows if (r["person_id"], r["team_id"]) == assignee), None)


def assign_raci(
    ws: Workspace,
    *,
    system_id: str,
    activity_id: str,
    role: RaciRole | str | None,
    person_id: str | None = None,
    team_id: str | None = None,
    expected_version: int | None = None,
) -> Change:
    """Set the cell (activity, assignee) of a system's RACI to ``role``; None clears it.

    A cell holds at most one letter, so assigning replaces the previous one.
    ``expected_version`` is the cell's version as the caller saw it, 0 for an empty cell:
    if another writer has filled, changed or cleared it since, a ConflictError says who.
    """
    if (person_id is None) == (team_id is None):
        raise DomainError("RACI assignment: name exactly one person or one team")
    try:
        letter = RaciRole(role) if role is not None else None
    except ValueError:
        raise DomainError(f"RACI assignment: {role!r} is not one of R, A, C, I") from None
    with transaction(ws, "assign_raci" if letter else "unassign_raci") as tx:
        tx.require("system", system_id)
        activity = tx.require("activity", activity_id)
        assignee = tx.require("person", person_id) if person_id else tx.require("team", team_id)  # type: ignore[arg-type]
        existing = _cell(tx, system_id, activity_id, (person_id, team_id))
        if expected_version is not None:
            _check_cell(tx, existing, expected_version, (system_id, activity, assignee))
        before = existing["role"] if existing else None
        if before == letter:
            return Change("assign_raci", "Nothing to change", seq=0)
        if existing is not None and letter is None:
            tx.delete("raci", existing["id"])
        elif existing is not None and letter is not None:
            tx.update("raci", existing["id"], {"role": letter})
        elif letter is not None:
            tx.insert(
                "raci",
                {
                    "system_id": system_id,
                    "activity_id": activity_id,
                    "person_id": person_id,
                    "team_id": team_id,
                    "role": letter,
                },
            )
        shown = letter.value if letter else "none"
        return tx.done(
            f"Set {assignee['name']} to {shown} for {activity['name']}",
            entity_type="raci",
            entity_id=existing["id"] if existing else tx.created[0].id if tx.created else None,
            system_id=system_id,
            before={"activity": activity["key"], "assignee": assignee["name"], "role": before},
            after={"activity": activity["key"], "assignee": assignee["name"], "role": letter},
        )
