"""Creating, editing and deleting any entity, and reverting a change (undo and redo)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlmodel import SQLModel

from planner.domain.errors import DomainError
from planner.domain.registry import kind, short_name
from planner.domain.wording import field_label, in_running_text
from planner.operations.change import Change, Record
from planner.operations.conflicts import changed_since_error, conflict_error
from planner.operations.transaction import Transaction, transaction
from planner.store.workspace import Workspace

_LOCK_OPERATIONS = frozenset({"sign_off", "reopen_system"})
_TABLE_ORDER = {table.name: index for index, table in enumerate(SQLModel.metadata.sorted_tables)}


def _parents_first(record: Record) -> int:
    return _TABLE_ORDER[kind(record.kind).tablename]


def _describe(record: Mapping[str, Any]) -> str:
    shown = short_name(record)
    return f" '{shown}'" if shown else ""


def check_rules(tx: Transaction, kind_name: str, values: Mapping[str, Any]) -> None:
    """Rules that span rows, beyond what a field set can check alone."""
    if kind_name == "person" and values.get("deputy_id") == values.get("id"):
        raise DomainError("Person: a person cannot be their own deputy")
    if kind_name == "raci":
        _check_single_cell(tx, values)
    if kind_name == "escalation_target":
        for other in tx.rows("escalation_target", level_id=values["level_id"]):
            if other["id"] != values["id"] and (
                other["person_id"],
                other["team_id"],
            ) == (values.get("person_id"), values.get("team_id")):
                raise DomainError("Escalation target: already a target of this level")


def _check_single_cell(tx: Transaction, values: Mapping[str, Any]) -> None:
    for other in tx.rows("raci", system_id=values["system_id"], activity_id=values["activity_id"]):
        same_assignee = (other["person_id"], other["team_id"]) == (
            values.get("person_id"),
            values.get("team_id"),
        )
        if other["id"] != values["id"] and same_assignee:
            raise DomainError("RACI assignment: this assignee already has a role in this activity")


def create_entity(ws: Workspace, *, kind_name: str, values: Mapping[str, Any]) -> Change:
    """Add one row of any kind (a system, a person, a document, ...)."""
    entity = kind(kind_name)
    with transaction(ws, f"create_{kind_name}") as tx:
        record = tx.insert(kind_name, values)
        check_rules(tx, kind_name, record.values)
        return tx.done(
            f"Add {in_running_text(entity.label)}{_describe(record.values)}",
            entity_type=kind_name,
            entity_id=record.id,
            after=record.values,
        )


def update_entity(
    ws: Workspace,
    *,
    kind_name: str,
    entity_id: str,
    values: Mapping[str, Any],
    expected_version: int | None = None,
) -> Change:
    """Change some fields of one row; an edit that changes nothing records nothing.

    ``expected_version`` is the row's version as the caller saw it: if another writer has
    changed or deleted the row since, a ConflictError says who, and nothing is written.
    """
    entity = kind(kind_name)
    with transaction(ws, f"update_{kind_name}") as tx:
        pair = tx.update(kind_name, entity_id, values, expected_version=expected_version)
        if pair is None:
            return Change(f"update_{kind_name}", f"Edit {in_running_text(entity.label)}", seq=0)
        before, after = pair
        check_rules(tx, kind_name, after.values)
        changed = sorted(k for k in values if before.values.get(k) != after.values.get(k))
        return tx.done(
            f"Edit {', '.join(field_label(f) for f in changed)} of {in_running_text(entity.label)}"
            f"{_describe(after.values)}",
            entity_type=kind_name,
            entity_id=entity_id,
            before={k: before.values[k] for k in changed},
            after={k: after.values[k] for k in changed},
        )


def delete_entity(
    ws: Workspace, *, kind_name: str, entity_id: str, expected_version: int | None = None
) -> Change:
    """Delete one row with what depends on it; the Change holds all of it for undo.

    With ``expected_version``, a row another writer changed or deleted since is refused.
    """
    entity = kind(kind_name)
    with transaction(ws, f"delete_{kind_name}") as tx:
        record = tx.delete(kind_name, entity_id, expected_version=expected_version)
        cascaded = len(tx.deleted) - 1
        return tx.done(
            f"Delete {in_running_text(entity.label)}{_describe(record.values)}",
            entity_type=kind_name,
            entity_id=entity_id,
            before={**record.values, "cascaded_rows": cascaded, "detached_rows": len(tx.updated)},
        )


def _rewind(tx: Transaction, before: Record, after: Record) -> None:
    """Set a row's edited fields back, unless someone has changed them since."""
    current = tx.get(after.kind, after.id)
    if current is None:  # another writer deleted it: say who
        raise conflict_error(tx.session, after.kind, after.id, None)
    # The version is not rewound (set_values raises it); other writes are judged by content.
    changed = {k for k in after.values if before.values.get(k) != after.values[k]} - {"version"}
    if any(current.get(k) != after.values[k] for k in changed - {"updated_at"}):
        raise changed_since_error(tx.session, after.kind, after.id, current)
    tx.set_values(after.kind, after.id, {k: before.values[k] for k in changed})


def _refuse_unlocking_without_reason(change: Change, origin: str) -> None:
    """A signed-off plan is unlocked by Reopen alone, which asks why and audits the reason.

    Undoing the locking sign-off would unlock it with no reason, and leave the other
    signatures standing on a plan that can change under them. Redoing a reopening is
    allowed: its reason is already in the trail.
    """
    if origin == "reopen_system":
        return
    for before, after in change.updated:
        if (
            after.kind == "system"
            and after.values.get("locked")
            and not before.values.get("locked")
        ):
            raise DomainError(
                "a signed-off plan is unlocked only by Reopen on its Sign-off page, "
                "which asks why and records the reason"
            )


def revert(ws: Workspace, *, change: Change) -> Change:
    """Undo ``change``: restore what it deleted, rewind what it edited, remove what it added.

    The result is itself a Change, so reverting it again redoes the original. A row edited
    since by something else is not overwritten: the revert is refused instead.

    Foreign keys are checked at commit, so the steps can run in the one order that never
    trips a key: references are rewound first (so removing a row detaches nothing), rows
    the change added are removed before rows it removed come back (an import may replace
    a built-in activity by the file's own, with the same key).
    """
    operation = "redo" if change.operation == "undo" else "undo"
    origin = change.origin or change.operation
    _refuse_unlocking_without_reason(change, origin)
    # Undoing a sign-off or a reopening is itself a change of the lock, allowed as those are.
    with transaction(ws, operation, allow_locked=origin in _LOCK_OPERATIONS) as tx:
        tx.defer_foreign_keys()
        # Rows the change removed after editing them are rewound once they are back.
        returning = {record.id for record in change.deleted}
        pairs = list(reversed(change.updated))
        for before, after in pairs:
            if after.id not in returning:
                _rewind(tx, before, after)
        for record in sorted(change.created, key=_parents_first, reverse=True):
            tx.remove(record.kind, record.id)
        for record in sorted(change.deleted, key=_parents_first):
            tx.insert(record.kind, record.values, validate=False)
        for before, after in pairs:
            if after.id in returning:
                _rewind(tx, before, after)
        return tx.done(
            change.description,
            entity_type="change",
            before={"seq": change.seq, "operation": origin},
            origin=origin,
        )
