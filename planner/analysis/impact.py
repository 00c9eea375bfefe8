"""Which systems' findings a change can move: the systems it touched, and those it reaches."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Protocol

from planner.domain.enums import RaciRole
from planner.domain.plan import Plan


class TouchedRow(Protocol):
    """One row a change touched (planner.operations.Record has this shape)."""

    @property
    def kind(self) -> str: ...

    @property
    def values(self) -> Mapping[str, Any]: ...


class TouchedRows(Protocol):
    """What a change touched (planner.operations.Change has this shape; analysis may not
    import operations, so it names the shape instead)."""

    @property
    def system_ids(self) -> frozenset[str]: ...

    @property
    def workspace_wide(self) -> bool: ...

    @property
    def updated(self) -> Iterable[tuple[TouchedRow, TouchedRow]]: ...

    def records(self) -> Iterator[TouchedRow]: ...


def affected_systems(plan: Plan, change: TouchedRows) -> frozenset[str] | None:
    """The systems whose findings ``change`` can move; None when it could be any of them.

    People, teams, activities and workspace settings feed rules of every system, so such a
    change (or one that names no system) answers None. Otherwise the systems it touched,
    plus, when an Accountable assignment appeared or went away, every system where the
    people involved are Accountable: the key-person rules count a person's Accountable cells
    across the whole portfolio.
    """
    if change.workspace_wide or not change.system_ids:
        return None
    ids = set(change.system_ids)
    rows = list(change.records())
    befores = [before for before, _after in change.updated]
    people = {
        str(row.values["person_id"])
        for row in rows + befores
        if row.kind == "raci" and row.values.get("person_id")
    }
    accountable = any(
        row.kind == "raci" and row.values.get("role") == RaciRole.ACCOUNTABLE
        for row in rows + befores
    )
    if people and accountable:
        for system in plan:
            if any(
                row.person_id in people and row.role == RaciRole.ACCOUNTABLE for row in system.raci
            ):
                ids.add(system.id)
    return frozenset(ids)
