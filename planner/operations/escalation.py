"""Escalation chains: adding levels with their targets and putting levels in order."""

from __future__ import annotations

from collections.abc import Sequence

from planner.domain.errors import DomainError
from planner.operations.change import Change
from planner.operations.transaction import Transaction, transaction
from planner.store.workspace import Workspace


def _renumber(tx: Transaction, order: Sequence[str]) -> None:
    for position, level_id in enumerate(order):
        tx.update("escalation_level", level_id, {"position": position})


def add_escalation_level(
    ws: Workspace,
    *,
    chain_id: str,
    delay_minutes: int = 0,
    response_minutes: int | None = None,
    note: str = "",
    person_ids: Sequence[str] = (),
    team_ids: Sequence[str] = (),
    position: int | None = None,
) -> Change:
    """Add a level to a chain (at the end unless ``position`` is given), with its targets."""
    with transaction(ws, "add_escalation_level") as tx:
        tx.require("escalation_chain", chain_id)
        levels = [row["id"] for row in tx.rows("escalation_level", chain_id=chain_id)]
        index = len(levels) if position is None else max(0, min(position, len(levels)))
        level = tx.insert(
            "escalation_level",
            {
                "chain_id": chain_id,
                "position": len(levels),
                "delay_minutes": delay_minutes,
                "response_minutes": response_minutes,
                "note": note,
            },
        )
        levels.insert(index, level.id)
        _renumber(tx, levels)
        targets = [("person_id", p) for p in person_ids] + [("team_id", t) for t in team_ids]
        if len(set(targets)) != len(targets):
            raise DomainError("Escalation level: the same target is named twice")
        for order, (column, target) in enumerate(targets):
            tx.insert(
                "escalation_target", {"level_id": level.id, column: target, "position": order}
            )
        return tx.done(
            f"Add escalation level {index + 1}",
            entity_type="escalation_level",
            entity_id=level.id,
            after={**level.values, "position": index, "targets": [t for _, t in targets]},
        )


def move_escalation_level(
    ws: Workspace, *, level_id: str, position: int, expected_version: int | None = None
) -> Change:
    """Move a level to ``position`` (0-based) in its chain; the others close up around it.

    With ``expected_version``, a level another writer changed or deleted since is refused.
    """
    with transaction(ws, "move_escalation_level") as tx:
        level = tx.require("escalation_level", level_id, expected_version=expected_version)
        order = [row["id"] for row in tx.rows("escalation_level", chain_id=level["chain_id"])]
        if not 0 <= position < len(order):
            raise DomainError(
                f"Escalation level: position {position + 1} is outside 1..{len(order)}"
            )
        old = order.index(level_id)
        order.insert(position, order.pop(old))
        _renumber(tx, order)
        return tx.done(
            f"Move escalation level {old + 1} to {position + 1}",
            entity_type="escalation_level",
            entity_id=level_id,
            before={"position": old},
            after={"position": position},
        )


def delete_escalation_level(
    ws: Workspace, *, level_id: str, expected_version: int | None = None
) -> Change:
    """Delete a level with its targets; the levels after it move up.

    With ``expected_version``, a level another writer changed or deleted since is refused.
    """
    with transaction(ws, "delete_escalation_level") as tx:
        level = tx.require("escalation_level", level_id, expected_version=expected_version)
        tx.delete("escalation_level", level_id)
        rest = [row["id"] for row in tx.rows("escalation_level", chain_id=level["chain_id"])]
        _renumber(tx, rest)
        return tx.done(
            f"Delete escalation level {level['position'] + 1}",
            entity_type="escalation_level",
            entity_id=level_id,
            before=level,
        )
