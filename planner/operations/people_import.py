"""Applying an imported people directory: new teams, new people and edits, as one operation."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from planner.domain.errors import DomainError
from planner.operations.change import Change
from planner.operations.transaction import transaction
from planner.store.workspace import Workspace


class PersonEdit(Protocol):
    """Fields of one person to set; ``expected`` is what the caller saw before."""

    @property
    def person_id(self) -> str: ...
    @property
    def expected(self) -> Mapping[str, Any]: ...
    @property
    def values(self) -> Mapping[str, Any]: ...


def import_people(
    ws: Workspace,
    *,
    new_teams: Sequence[Mapping[str, Any]] = (),
    new_people: Sequence[Mapping[str, Any]] = (),
    updates: Sequence[PersonEdit] = (),
    source: str = "",
) -> Change:
    """Create the teams and people (with the ids given) and apply the edits; all or nothing.

    A new person's deputy may be another new person, so deputies are set once everyone
    exists. An edit whose person changed since the caller read them is refused.
    """
    with transaction(ws, "import_people") as tx:
        for team in new_teams:
            tx.insert("team", {"id": team["id"], "name": team["name"]})
        for person in new_people:
            tx.insert("person", {**person, "deputy_id": None})
        for person in new_people:
            if person.get("deputy_id"):
                tx.update("person", person["id"], {"deputy_id": person["deputy_id"]})
        for edit in updates:
            current = tx.require("person", edit.person_id)
            if any(current.get(k) != v for k, v in edit.expected.items()):
                raise DomainError(
                    f"People import: {current['name']} changed since the preview; "
                    "preview the file again"
                )
            tx.update("person", edit.person_id, dict(edit.values))
        return tx.done(
            f"Import people from {source or 'a file'}: {len(new_people)} new, "
            f"{len(updates)} changed",
            entity_type="person",
            after={
                "source": source,
                "new_people": [p["name"] for p in new_people],
                "new_teams": [t["name"] for t in new_teams],
                "changed": len(updates),
            },
        )
