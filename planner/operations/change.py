"""What an operation returns: the records it touched, before and after."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Record:
    """One row of one entity kind, as plain column values."""

    kind: str
    values: dict[str, Any]

    @property
    def id(self) -> str:
        return str(self.values["id"])


@dataclass(frozen=True)
class Change:
    """The outcome of one operation, enough to refresh views and to undo it.

    ``updated`` pairs each row's values before and after. ``system_ids`` names every
    system whose plan the change touched (workspace-wide rows such as people touch none
    directly; callers re-check everything for those).
    """

    operation: str
    description: str
    seq: int
    created: tuple[Record, ...] = ()
    updated: tuple[tuple[Record, Record], ...] = ()
    deleted: tuple[Record, ...] = ()
    system_ids: frozenset[str] = field(default_factory=frozenset)
    # For an undo or redo: the operation whose effect it reverses or reapplies.
    origin: str = ""

    def records(self) -> Iterator[Record]:
        yield from self.created
        for _before, after in self.updated:
            yield after
        yield from self.deleted

    @property
    def kinds(self) -> frozenset[str]:
        return frozenset(record.kind for record in self.records())

    @property
    def is_empty(self) -> bool:
        return not (self.created or self.updated or self.deleted)

    @property
    def workspace_wide(self) -> bool:
        """True when people, teams, activities or settings changed (they affect every system)."""
        return bool(self.kinds & {"person", "team", "activity", "workspace_info"})

    def first_id(self, kind: str) -> str | None:
        """The id of the first record of ``kind`` the change created (e.g. a new row)."""
        return next((r.id for r in self.created if r.kind == kind), None)
