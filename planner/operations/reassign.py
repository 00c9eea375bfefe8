"""Handing a person's responsibilities over to another person or team, in one step.

``plan_handover`` is pure: it lists every move (RACI roles, escalation targets and the
owner fields of documents, controls, signals, data sources, criteria, action items and
retraining plans) so the dry run, the dialog and the operation all show the same list.
``reassign_responsibilities`` applies that list in one transaction with one audit event,
so it is one undo step. A team can hold a RACI role or an escalation slot; owner fields
name a person, so those stay put (and are listed as skipped) when handing over to a team.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from planner.domain.enums import RaciRole
from planner.domain.errors import DomainError, LockedError
from planner.domain.plan import Plan, SystemPlan
from planner.operations.change import Change
from planner.operations.transaction import Transaction, transaction
from planner.store.plan_loader import read_plan
from planner.store.workspace import Workspace

# How strongly a RACI letter binds: when both people hold a role on one activity, the
# stronger one survives the merge.
_STRENGTH = {RaciRole.ACCOUNTABLE: 4, RaciRole.RESPONSIBLE: 3, RaciRole.CONSULTED: 2}

# (entity kind, person column, label) of every owner-like field, per system plan attribute.
_OWNER_FIELDS = (
    ("documents", "document", "owner_id", "Owner of document"),
    ("controls", "governance_control", "owner_id", "Owner of control"),
    ("signals", "monitoring_signal", "owner_id", "Owner of signal"),
    ("signals", "monitoring_signal", "alert_person_id", "Alert recipient of signal"),
    ("data_sources", "data_source", "owner_id", "Owner of data source"),
    ("criteria", "readiness_criterion", "owner_id", "Owner of readiness criterion"),
    ("actions", "action_item", "owner_id", "Owner of action item"),
)


class MoveKind(StrEnum):
    MOVE = "move"  # the row now names the new holder
    MERGE = "merge"  # the new holder already had it: the old holder's row goes
    SKIP = "skip"  # left as it is, for the reason given


@dataclass(frozen=True)
class Move:
    """One responsibility the handover touches."""

    kind: MoveKind
    entity: str  # entity kind name, e.g. "raci"
    entity_id: str
    column: str  # the column naming the person ("person_id", "owner_id", ...)
    system_id: str | None
    system_name: str  # "" for a general action item
    what: str  # e.g. "Accountable for Model monitoring"
    note: str = ""  # why it is merged or skipped
    # For a RACI merge: the new holder's row and the role it should end up with.
    keep_id: str | None = None
    keep_role: RaciRole | None = None


@dataclass(frozen=True)
class Handover:
    """The planned moves of one handover, with who is involved."""

    from_person_id: str
    from_name: str
    to_person_id: str | None
    to_team_id: str | None
    to_name: str
    moves: tuple[Move, ...]
    # Systems with something to move that are signed off (their moves are refused or skipped).
    locked_systems: tuple[str, ...]

    @property
    def applied(self) -> tuple[Move, ...]:
        return tuple(m for m in self.moves if m.kind != MoveKind.SKIP)

    @property
    def skipped(self) -> tuple[Move, ...]:
        return tuple(m for m in self.moves if m.kind == MoveKind.SKIP)


def find_person(plan: Plan, name: str) -> str:
    """The id of the one person called ``name`` (case-insensitively)."""
    matches = [p.id for p in plan.people.values() if str(p.name).casefold() == name.casefold()]
    if not matches:
        raise DomainError(f"no person named {name!r}")
    if len(matches) > 1:
        raise DomainError(f"{len(matches)} people are named {name!r}; rename one first")
    return str(matches[0])


def find_assignee(plan: Plan, name: str) -> tuple[str | None, str | None]:
    """(person_id, team_id) of the one person or team called ``name``."""
    folded = name.casefold()
    people = [p.id for p in plan.people.values() if str(p.name).casefold() == folded]
    teams = [t.id for t in plan.teams.values() if str(t.name).casefold() == folded]
    if len(people) + len(teams) > 1:
        raise DomainError(f"{name!r} names more than one person or team; rename one first")
    if people:
        return str(people[0]), None
    if teams:
        return None, str(teams[0])
    raise DomainError(f"no person or team named {name!r}")


def plan_handover(
    plan: Plan,
    *,
    from_person_id: str,
    to_person_id: str | None = None,
    to_team_id: str | None = None,
    system_id: str | None = None,
    skip_locked: bool = False,
) -> Handover:
    """Every move a handover would make, in system order; the plan is not changed."""
    source = plan.people.get(from_person_id)
    if source is None:
        raise DomainError(f"no person with id {from_person_id}")
    _check_target(plan, from_person_id, to_person_id, to_team_id)
    if system_id is not None and system_id not in plan.systems:
        raise DomainError(f"no system with id {system_id}")
    systems = [plan.systems[system_id]] if system_id else list(plan.systems.values())
    names = {a.id: str(a.name) for a in plan.activities}
    moves: list[Move] = []
    locked: list[str] = []
    for system in systems:
        found = _person_only(
            list(_system_moves(system, names, from_person_id, to_person_id, to_team_id, plan)),
            to_team_id,
        )
        if found and system.system.locked and any(m.kind != MoveKind.SKIP for m in found):
            locked.append(system.name)
            if skip_locked:
                found = [_skip(m, "the system is signed off and locked") for m in found]
        moves.extend(found)
    if system_id is None:
        general = [
            _owner_move(row, "action_item", "owner_id", None, "", "Owner of action item")
            for row in plan.general_actions
            if row.owner_id == from_person_id
        ]
        moves.extend(_person_only(general, to_team_id))
    return Handover(
        from_person_id=from_person_id,
        from_name=str(source.name),
        to_person_id=to_person_id,
        to_team_id=to_team_id,
        to_name=plan.name_of(to_person_id, to_team_id),
        moves=tuple(moves),
        locked_systems=tuple(locked),
    )


def _check_target(
    plan: Plan, from_person_id: str, to_person_id: str | None, to_team_id: str | None
) -> None:
    if (to_person_id is None) == (to_team_id is None):
        raise DomainError("Handover: name exactly one person or one team to hand over to")
    if to_person_id == from_person_id:
        raise DomainError("Handover: choose someone other than the person handing over")
    if to_person_id is not None:
        target = plan.people.get(to_person_id)
        if target is None:
            raise DomainError(f"no person with id {to_person_id}")
        if not target.active:
            raise DomainError(f"Handover: {target.name} is inactive; choose an active person")
    if to_team_id is not None and to_team_id not in plan.teams:
        raise DomainError(f"no team with id {to_team_id}")


def _person_only(moves: list[Move], to_team_id: str | None) -> list[Move]:
    """Owner fields name a person: handing over to a team leaves them where they are."""
    if to_team_id is None:
        return moves
    note = "an owner must be a person, not a team"
    return [m if m.entity in ("raci", "escalation_target") else _skip(m, note) for m in moves]


def _skip(move: Move, note: str) -> Move:
    if move.kind == MoveKind.SKIP:
        return move
    return Move(
        MoveKind.SKIP,
        move.entity,
        move.entity_id,
        move.column,
        move.system_id,
        move.system_name,
        move.what,
        note,
    )


def _owner_move(
    row: Any, entity: str, column: str, system_id: str | None, system_name: str, label: str
) -> Move:
    title = next(
        (str(v) for key in ("title", "name", "text", "metric") if (v := getattr(row, key, ""))),
        "",
    )
    if not title and hasattr(row, "kind"):
        title = str(row.kind.label if hasattr(row.kind, "label") else row.kind)
    if not title and hasattr(row, "area"):
        title = str(row.area.label if hasattr(row.area, "label") else row.area)
    shown = f"{title[:60]}…" if len(title) > 60 else title
    what = f"{label} '{shown}'" if shown else label
    return Move(MoveKind.MOVE, entity, str(row.id), column, system_id, system_name, what)


def _system_moves(
    system: SystemPlan,
    activities: dict[str, str],
    source: str,
    to_person: str | None,
    to_team: str | None,
    plan: Plan,
) -> Iterator[Move]:
    yield from _raci_moves(system, activities, source, to_person, to_team, plan)
    yield from _escalation_moves(system, source, to_person, to_team, plan)
    sid, name = system.id, system.name
    for attribute, entity, column, label in _OWNER_FIELDS:
        for row in getattr(system, attribute):
            if getattr(row, column) == source:
                yield _owner_move(row, entity, column, sid, name, label)
    retraining = system.retraining
    if retraining is not None:
        for column, label in (("owner_id", "Owner"), ("approver_id", "Approver")):
            if getattr(retraining, column) == source:
                yield Move(
                    MoveKind.MOVE,
                    "retraining_plan",
                    str(retraining.id),
                    column,
                    sid,
                    name,
                    f"{label} of the retraining plan",
                )


def _raci_moves(
    system: SystemPlan,
    activities: dict[str, str],
    source: str,
    to_person: str | None,
    to_team: str | None,
    plan: Plan,
) -> Iterator[Move]:
    held = {
        row.activity_id: row
        for row in system.raci
        if (row.person_id, row.team_id) == (to_person, to_team)
    }
    target = plan.name_of(to_person, to_team)
    for row in system.raci:
        if row.person_id != source:
            continue
        role = row.role
        what = f"{role.label} for {activities.get(row.activity_id, '?')}"
        common = ("raci", str(row.id), "person_id", system.id, system.name, what)
        existing = held.get(row.activity_id)
        if existing is None:
            yield Move(MoveKind.MOVE, *common)
            continue
        theirs = existing.role
        stronger = max(role, theirs, key=lambda r: _STRENGTH.get(r, 1))
        if theirs == role:
            note = f"{target} is already {role.label}; this role is removed"
        else:
            note = f"{target} is {theirs.label} here; keeps {stronger.label}"
        yield Move(MoveKind.MERGE, *common, note=note, keep_id=str(existing.id), keep_role=stronger)


def _escalation_moves(
    system: SystemPlan, source: str, to_person: str | None, to_team: str | None, plan: Plan
) -> Iterator[Move]:
    target = plan.name_of(to_person, to_team)
    for chain in system.chains:
        severity = str(chain.chain.severity).upper()
        for number, level in enumerate(chain.levels, start=1):
            holders = {(t.person_id, t.team_id) for t in level.targets}
            for row in level.targets:
                if row.person_id != source:
                    continue
                what = f"Escalation target, {severity} level {number}"
                common = (
                    "escalation_target",
                    str(row.id),
                    "person_id",
                    system.id,
                    system.name,
                    what,
                )
                if (to_person, to_team) in holders:
                    note = f"{target} is already a target of this level; this one is removed"
                    yield Move(MoveKind.MERGE, *common, note=note)
                else:
                    yield Move(MoveKind.MOVE, *common)


def reassign_responsibilities(
    ws: Workspace,
    *,
    from_person_id: str,
    to_person_id: str | None = None,
    to_team_id: str | None = None,
    system_id: str | None = None,
    skip_locked: bool = False,
) -> Change:
    """Hand every responsibility of one person over, as ``plan_handover`` lists them.

    Refuses (writing nothing) when a signed-off system would change, naming every such
    system, unless ``skip_locked`` leaves them as they are.
    """
    with transaction(ws, "reassign_responsibilities") as tx:
        ids = None if system_id is None else [system_id]
        plan = read_plan(tx.session, system_ids=ids)
        handover = plan_handover(
            plan,
            from_person_id=from_person_id,
            to_person_id=to_person_id,
            to_team_id=to_team_id,
            system_id=system_id,
            skip_locked=skip_locked,
        )
        if handover.locked_systems and not skip_locked:
            raise LockedError(locked_message(handover.locked_systems))
        if not handover.applied:
            return Change("reassign_responsibilities", "Nothing to hand over", seq=0)
        for move in handover.applied:
            _apply(tx, move, to_person_id, to_team_id)
        scope = f" in '{handover.moves[0].system_name}'" if system_id else ""
        return tx.done(
            f"Hand over {len(handover.applied)} responsibilities of {handover.from_name} "
            f"to {handover.to_name}{scope}",
            entity_type="person",
            entity_id=from_person_id,
            system_id=system_id,
            before={"holder": handover.from_name},
            after={
                "holder": handover.to_name,
                "moved": [_line(m) for m in handover.applied],
                "skipped": [_line(m) for m in handover.skipped],
            },
        )


def locked_message(names: tuple[str, ...]) -> str:
    """The refusal for signed-off systems, naming them all."""
    listed = ", ".join(repr(n) for n in names)
    verb = "is" if len(names) == 1 else "are"
    return (
        f"{listed} {verb} signed off and locked; reopen {'it' if len(names) == 1 else 'them'} "
        "first, or skip signed-off systems"
    )


def _line(move: Move) -> str:
    where = f"{move.system_name}: " if move.system_name else ""
    note = f" ({move.note})" if move.note else ""
    return f"{where}{move.what}{note}"


def _apply(tx: Transaction, move: Move, to_person: str | None, to_team: str | None) -> None:
    if move.kind == MoveKind.MERGE:
        if move.keep_id is not None and move.keep_role is not None:
            tx.update("raci", move.keep_id, {"role": move.keep_role})
        tx.delete(move.entity, move.entity_id)
    elif move.entity in ("raci", "escalation_target"):
        tx.update(move.entity, move.entity_id, {"person_id": to_person, "team_id": to_team})
    else:
        tx.update(move.entity, move.entity_id, {move.column: to_person})
