"""Setting the RACI role of a person or team for one activity of one system."""

from __future__ import annotations

from planner.domain.enums import RaciRole
from planner.domain.errors import DomainError
from planner.operations.change import Change
from planner.operations.transaction import transaction
from planner.store.workspace import Workspace


def assign_raci(
    ws: Workspace,
    *,
    system_id: str,
    activity_id: str,
    role: RaciRole | str | None,
    person_id: str | None = None,
    team_id: str | None = None,
) -> Change:
    """Set the cell (activity, assignee) of a system's RACI to ``role``; None clears it.

    A cell holds at most one letter, so assigning replaces the previous one.
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
        existing = next(
            (
                row
                for row in tx.rows("raci", system_id=system_id, activity_id=activity_id)
                if (row["person_id"], row["team_id"]) == (person_id, team_id)
            ),
            None,
        )
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
