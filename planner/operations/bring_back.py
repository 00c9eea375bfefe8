"""Bringing an offline copy's changes back: a three-way merge, per row and per field.

The base is the state the copy forked from (stored in the copy, store/offline.py). A field
changed only in the copy is applied; one changed only here is kept; one changed on both
sides to different values is a conflict, and the destination's value is kept. Rows added
in the copy are inserted, rows deleted there are deleted here when nobody changed them
here. Signed-off systems here are not changed, and sign-offs made offline are not brought
back (a signature covers the plan it was given on). Everything is one operation: one
transaction, one audit event, one undo step; a dry run does the same and rolls back.

The merge is driven by the table metadata, so columns added later take part on their own;
bookkeeping columns (id, timestamps, a row ``version``) are not merged.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import SQLModel

from planner.domain.errors import DomainError
from planner.domain.models import utcnow
from planner.domain.plan import AuditEntry
from planner.domain.registry import KIND_BY_TABLE, KINDS, NAME_FIELDS, EntityKind, kind
from planner.domain.wording import count_of, field_label, in_running_text
from planner.operations.change import Change
from planner.operations.entities import check_rules
from planner.operations.transaction import Transaction, table_of, transaction
from planner.store.audit import load_events
from planner.store.audit_chain import head as chain_head
from planner.store.offline import (
    Fork,
    Origin,
    Snapshot,
    canonical,
    has_event,
    holds_event,
    move_fork,
    read_origin,
    read_snapshot,
    workspace_snapshot,
)
from planner.store.workspace import Workspace

BOOKKEEPING = frozenset({"id", "created_at", "updated_at", "version"})
# Sign-off state: a signature covers the plan it was given on, so it is never merged.
_SIGNATURE_KIND = "sign_off"
_TABLE_ORDER = {table.name: index for index, table in enumerate(SQLModel.metadata.sorted_tables)}
# Parents before children, so inserted rows find what they name.
ORDER: tuple[EntityKind, ...] = tuple(
    sorted(KINDS.values(), key=lambda entity: _TABLE_ORDER[entity.tablename])
)


@dataclass(frozen=True)
class Conflict:
    """One thing changed on both sides (or not allowed here), and what was done about it."""

    what: str
    offline: str
    here: str
    outcome: str

    def __str__(self) -> str:
        return f"{self.what}: offline {self.offline}; here {self.here}; {self.outcome}"

    def lines(self) -> list[str]:
        """The conflict over four indented lines, for reports people read."""
        return [
            f"  {self.what}",
            f"      offline: {self.offline}",
            f"      here:    {self.here}",
            f"      {self.outcome}",
        ]


@dataclass(frozen=True)
class BringBack:
    """What bringing a copy back applied (or would apply), and its conflicts."""

    copy: str
    applied: tuple[str, ...]
    conflicts: tuple[Conflict, ...]
    offline_events: int
    offline_actors: tuple[str, ...]
    dry_run: bool
    change: Change | None = None

    def report(self) -> list[str]:
        """The result as lines for people: a summary, what is applied, the conflicts."""
        if not (self.offline_events or self.applied or self.conflicts):
            return [
                f"{self.copy}: nothing changed in the copy since it was taken or last brought back"
            ]
        verb = "would apply" if self.dry_run else "applied"
        by = f" by {', '.join(self.offline_actors)}" if self.offline_actors else ""
        kept = " (the destination's version is kept)" if self.conflicts else ""
        lines = [
            f"{self.copy}: {count_of(self.offline_events, 'change')} made offline{by}; "
            f"{verb} {count_of(len(self.applied), 'change')}, "
            f"{count_of(len(self.conflicts), 'conflict')}{kept}"
        ]
        if self.applied:
            lines.append("")
            lines.append("Applied:" if not self.dry_run else "Would apply:")
            lines.extend(f"  {line}" for line in self.applied)
        if self.conflicts:
            lines.append("")
            lines.append("Conflicts:")
            for conflict in self.conflicts:
                lines.extend(conflict.lines())
        return lines


class _DryRun(Exception):
    """Raised inside the transaction of a dry run, so everything it did is rolled back."""

    def __init__(self, result: BringBack) -> None:
        super().__init__("dry run")
        self.result = result


def bring_back(ws: Workspace, *, copy: Workspace, dry_run: bool = False) -> BringBack:
    """Merge the offline changes of ``copy`` into ``ws`` (see the module docstring).

    Refuses, in one sentence, a file that is not an offline copy, a copy that was not
    taken from ``ws``, and (unless a dry run) a copy open read-only. The copy's fork point
    moves to here in the same step, so bringing the same copy back again applies nothing;
    a failure at any point leaves nothing applied here.
    """
    if _same_place(ws, copy):
        raise DomainError(f"{copy.display} is the workspace itself; choose the offline copy")
    if copy.read_only and not dry_run:
        # Said up front, in the copy's words: the copy must record what came back (below),
        # and a copy that cannot would otherwise fail only after the whole merge.
        why = f" ({copy.read_only_reason})" if copy.read_only_reason else ""
        raise DomainError(
            f"{copy.display} is open read-only{why}, so it cannot record what was brought "
            "back; copy it somewhere you can write to and bring that copy back"
        )
    origin = read_origin(copy)
    offline, copy_head = workspace_snapshot(copy)
    history = load_events(ws, limit=None)
    fork = fork_in_effect(origin, history, landed=holds_event(ws, origin.fork))
    events = [e for e in load_events(copy, limit=None) if e.seq > fork.copy_seq]
    here = [e for e in history if e.seq > fork.source_seq]
    try:
        with transaction(ws, "bring_back") as tx:
            if not has_event(tx.session, fork.source_seq, fork.source_hash):
                raise DomainError(
                    f"{copy.display} was not copied from {ws.display} "
                    f"(it came from {origin.source}); bring it back there"
                )
            merge = _Merge(tx, fork.base, offline, _Trail(events), _Trail(here))
            merge.run()
            result = _finish(tx, merge, copy, origin, events, dry_run)
            if result.change is not None:  # else no event was recorded to fork from
                # The copy records its new fork before this transaction commits: if that
                # fails, nothing is applied here; if this commit then fails, the copy's
                # fork names an event this trail never got, and the next bring-back starts
                # from the fork it used (fork_in_effect). Either way nothing applies twice.
                head = chain_head(tx.session)
                moved = Fork(head.seq, head.hash, copy_head.seq, merge.next_base(offline))
                move_fork(copy, origin=origin, used=fork, fork=moved, at=utcnow())
    except _DryRun as stop:
        return stop.result
    return result


def fork_in_effect(origin: Origin, history: list[AuditEntry], *, landed: bool) -> Fork:
    """The fork to merge from: the one before the last bring-back if that is not in effect.

    A bring-back is not in effect when it never landed here (``landed``: this trail lacks
    the event the copy's fork names, because the destination failed to commit after the
    copy recorded it) or when it was undone. Undo and redo events name the event they
    reverse (``before.seq``), so following that chain from the bring-back says which.
    """
    if origin.previous is None:
        return origin.fork
    if not landed:
        return origin.previous
    tracked, undone = origin.fork.source_seq, False
    for event in sorted(history, key=lambda e: e.seq):
        if event.seq == tracked and event.operation != "bring_back" and not undone:
            return origin.fork  # the fork is not a bring-back of ours: nothing to undo
        if event.seq <= tracked or event.operation not in ("undo", "redo"):
            continue
        reverses = json.loads(event.before or "{}")
        if isinstance(reverses, dict) and reverses.get("seq") == tracked:
            tracked, undone = event.seq, event.operation == "undo"
    return origin.previous if undone else origin.fork


def _same_place(ws: Workspace, copy: Workspace) -> bool:
    if ws.path is not None and copy.path is not None:
        return ws.path.resolve() == copy.path.resolve()
    return ws.location == copy.location


def _finish(
    tx: Transaction,
    merge: _Merge,
    copy: Workspace,
    origin: Origin,
    events: list[AuditEntry],
    dry_run: bool,
) -> BringBack:
    actors = Counter(e.actor for e in events)
    result = BringBack(
        copy=copy.display,
        applied=tuple(merge.applied),
        conflicts=tuple(merge.conflicts),
        offline_events=len(events),
        offline_actors=tuple(sorted(actors, key=str.casefold)),
        dry_run=dry_run,
    )
    if dry_run:
        raise _DryRun(result)
    if not merge.applied and not merge.conflicts:
        return result
    change = tx.done(
        f"Bring back the offline copy {copy.display} "
        f"({count_of(len(merge.applied), 'change')}, "
        f"{count_of(len(merge.conflicts), 'conflict')})",
        entity_type="workspace",
        before={"copy": copy.location, "source": origin.source},
        after={
            "offline_events": len(events),
            "offline_actors": dict(sorted(actors.items())),
            "offline_operations": dict(sorted(Counter(e.operation for e in events).items())),
            "applied": list(merge.applied),
            "conflicts": [str(c) for c in merge.conflicts],
        },
    )
    return dataclasses.replace(result, change=change)


# --- who changed what ------------------------------------------------------------------


class _Trail:
    """One side's audit events after the fork, to say who changed a row or a field."""

    def __init__(self, events: list[AuditEntry]) -> None:
        self._events = sorted(events, key=lambda e: e.seq, reverse=True)

    def who(self, entity_id: str, column: str | None, system_id: str | None) -> str:
        """The newest actor who changed the field, else the row, else its system."""
        on_row = [e for e in self._events if e.entity_id == entity_id]
        if column is not None:
            for event in on_row:
                if f'"{column}":' in (event.after or "") + (event.before or ""):
                    return event.actor
        if on_row:
            return on_row[0].actor
        on_system = [e for e in self._events if system_id and e.system_id == system_id]
        if on_system:
            return on_system[0].actor
        actors = {e.actor for e in self._events}
        return actors.pop() if len(actors) == 1 else "someone"


# --- the merge -------------------------------------------------------------------------


def _fields(entity: EntityKind) -> list[str]:
    return [c.name for c in table_of(entity).columns if c.name not in BOOKKEEPING]


def _same(entity: EntityKind, one: dict[str, Any], other: dict[str, Any]) -> bool:
    return all(canonical(one.get(f)) == canonical(other.get(f)) for f in _fields(entity))


@dataclass
class _Merge:
    """The state of one merge inside the destination's transaction."""

    tx: Transaction
    base: Snapshot
    offline: Snapshot
    trail_offline: _Trail
    trail_here: _Trail
    here: Snapshot = field(default_factory=dict)
    # Rows held back because their system is signed off here: their base row (None for a
    # row added offline) stays in the next base, so they come back once it is reopened.
    held: dict[tuple[str, str], dict[str, Any] | None] = field(default_factory=dict)
    applied: list[str] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)

    def next_base(self, offline: Snapshot) -> Snapshot:
        """The copy as it is now, except rows held back: they stay as the old base had them."""
        rows = {name: dict(by_id) for name, by_id in offline.items()}
        for (kind_name, row_id), base in self.held.items():
            if base is None:
                rows[kind_name].pop(row_id, None)
            else:
                rows[kind_name][row_id] = base
        return rows

    def run(self) -> None:
        self.here = read_snapshot(self.tx.session)
        pending = self._insert_all(list(self._new_rows()))
        for entity in ORDER:
            for row_id in sorted(self.offline[entity.name]):
                if row_id in self.base.get(entity.name, {}) and row_id in self.here[entity.name]:
                    self._merge_row(entity, row_id)
        pending = self._insert_all(pending)  # a rename here may have freed a name
        for entity, values, restored, reason in pending:
            self._refuse_insert(entity, values, restored, reason)
        for entity in reversed(ORDER):
            for row_id in sorted(self.base.get(entity.name, {})):
                if row_id not in self.offline[entity.name] and row_id in self.here[entity.name]:
                    self._delete_row(entity, row_id)

    # --- naming things as people read them ---------------------------------------------

    def _row(self, kind_name: str, row_id: Any) -> dict[str, Any] | None:
        for side in (self.here, self.offline, self.base):
            row = side.get(kind_name, {}).get(str(row_id))
            if row is not None:
                return row
        return None

    def system_of(self, entity: EntityKind, values: dict[str, Any]) -> str | None:
        if entity.name == "system":
            return str(values["id"])
        if values.get("system_id"):
            return str(values["system_id"])
        parent_kind = {
            "escalation_level": "escalation_chain",
            "escalation_target": "escalation_level",
        }
        if entity.name in parent_kind and entity.parent is not None:
            parent = self._row(parent_kind[entity.name], values.get(entity.parent))
            if parent is not None:
                return self.system_of(kind(parent_kind[entity.name]), parent)
        return None

    def name_of(self, entity: EntityKind, values: dict[str, Any]) -> str:
        """ "Claims Copilot", "Ana Ruiz", "Claims Copilot: document 'Runbook'"."""
        if entity.name == "workspace_info":
            return "Workspace settings"
        own = next((str(values[k]) for k in NAME_FIELDS if values.get(k)), "")
        if entity.name in ("system", "person", "team", "activity"):
            return own or entity.label
        detail = f" {own!r}" if own else self._references(entity, values)
        label = f"{in_running_text(entity.label)}{detail}"
        system_id = self.system_of(entity, values)
        system = self._row("system", system_id) if system_id else None
        return f"{system['name']}: {label}" if system else label[:1].upper() + label[1:]

    def _references(self, entity: EntityKind, values: dict[str, Any]) -> str:
        names = []
        for column in table_of(entity).foreign_keys:
            target = KIND_BY_TABLE[column.column.table.name]
            if target.name in ("person", "team", "activity") and values.get(column.parent.name):
                row = self._row(target.name, values[column.parent.name])
                names.append(str(row["name"]) if row else "?")
        if "severity" in values:
            names.insert(0, str(canonical(values["severity"])))
        if "position" in values and not names:
            names.append(f"#{int(values['position']) + 1}")
        return f" ({', '.join(names)})" if names else ""

    def show(self, entity: EntityKind, column: str, value: Any, against: Any = None) -> str:
        """A value as people read it: names for references, quotes for text.

        A long text is cut around where it first differs from ``against`` (the other
        side's value), or both sides of a change in the middle would read the same.
        """
        references = {fk.parent.name: fk for fk in table_of(entity).foreign_keys}
        if value is None or value == "":
            return "(empty)"
        if column in references:
            target = KIND_BY_TABLE[references[column].column.table.name]
            row = self._row(target.name, value)
            return self.name_of(target, row) if row else "(a deleted row)"
        value = canonical(value)
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, list):
            return ", ".join(str(v) for v in value) or "(empty)"
        text = str(value).replace("\n", " ")
        other = str(canonical(against)).replace("\n", " ") if isinstance(against, str) else ""
        return repr(_excerpt(text, other))

    # --- trying one step --------------------------------------------------------------

    def attempt(self, step: Callable[[], None]) -> str | None:
        """Run one step in a savepoint; None if it held, else why it was refused."""
        tx = self.tx
        marks = (len(tx.created), len(tx.updated), len(tx.deleted))
        try:
            with tx.session.begin_nested():
                step()
                tx.check_locks(self._systems_since(marks))
        except DomainError as exc:
            del tx.created[marks[0] :], tx.updated[marks[1] :], tx.deleted[marks[2] :]
            return str(exc)
        return None

    def _systems_since(self, marks: tuple[int, int, int]) -> frozenset[str]:
        records = [*self.tx.created[marks[0] :], *self.tx.deleted[marks[2] :]]
        for before, after in self.tx.updated[marks[1] :]:
            records.extend((before, after))
        return frozenset(s for r in records if (s := self.tx.system_of(r)) is not None)

    def locked_here(self, entity: EntityKind, values: dict[str, Any]) -> str | None:
        """The name of the signed-off system here that a row belongs to, if any."""
        system_id = self.system_of(entity, values)
        system = self.here["system"].get(str(system_id)) if system_id else None
        return str(system["name"]) if system is not None and system["locked"] else None

    # --- rows added or restored -------------------------------------------------------

    def _new_rows(self) -> Iterator[tuple[EntityKind, dict[str, Any], bool, str]]:
        """Rows added offline, and rows deleted here that were changed offline."""
        for entity in ORDER:
            base = self.base.get(entity.name, {})
            for row_id, values in sorted(self.offline[entity.name].items()):
                if row_id in self.here[entity.name]:
                    continue
                if row_id not in base:
                    yield entity, values, False, ""
                elif not _same(entity, values, base[row_id]):
                    yield entity, values, True, ""

    def _insert_all(
        self, rows: list[tuple[EntityKind, dict[str, Any], bool, str]]
    ) -> list[tuple[EntityKind, dict[str, Any], bool, str]]:
        """Insert what can be; retry the rest while that helps (a deputy added later)."""
        while True:
            left = []
            for entity, values, restored, _reason in rows:
                reason = self._insert(entity, values, restored)
                if reason is not None:
                    left.append((entity, values, restored, reason))
            if len(left) in (0, len(rows)):
                return left
            rows = left

    def _insert(self, entity: EntityKind, values: dict[str, Any], restored: bool) -> str | None:
        if entity.name == _SIGNATURE_KIND:
            return "sign-offs given offline are not brought back; sign off here"
        if (system := self.locked_here(entity, values)) is not None:
            self.held[entity.name, str(values["id"])] = self.base.get(entity.name, {}).get(
                str(values["id"])
            )
            return f"{system} is signed off here, so its plan was not changed"
        row = {k: v for k, v in values.items() if k not in BOOKKEEPING or k == "id"}

        def step() -> None:
            record = self.tx.insert(entity.name, row, validate=True)
            check_rules(self.tx, entity.name, record.values)

        reason = self.attempt(step)
        if reason is None:
            self.here[entity.name][str(values["id"])] = values
            who = self.trail_offline.who(str(values["id"]), None, self.system_of(entity, values))
            verb = "Restored (deleted here, changed offline)" if restored else "Added"
            self.applied.append(f"{verb} {self.name_of(entity, values)} (by {who})")
            if restored:
                self.conflicts.append(
                    Conflict(
                        self.name_of(entity, values),
                        f"changed by {who}",
                        "deleted",
                        "the changed row was kept",
                    )
                )
        return reason

    def _refuse_insert(
        self, entity: EntityKind, values: dict[str, Any], restored: bool, reason: str
    ) -> None:
        who = self.trail_offline.who(str(values["id"]), None, self.system_of(entity, values))
        offline = f"changed by {who}" if restored else f"added by {who}"
        here = "deleted" if restored else "not there"
        self.conflicts.append(
            Conflict(self.name_of(entity, values), offline, here, f"not brought back: {reason}")
        )

    # --- rows on both sides -----------------------------------------------------------

    def _merge_row(self, entity: EntityKind, row_id: str) -> None:
        base = self.base[entity.name][row_id]
        offline = self.offline[entity.name][row_id]
        here = self.here[entity.name][row_id]
        changes: dict[str, Any] = {}
        signature: list[str] = []
        for column in _fields(entity):
            o, h = canonical(offline.get(column)), canonical(here.get(column))
            # A column added after the fork (a newer version migrated both sides) counts as
            # unchanged here, so what the copy put in it is brought back.
            b = base.get(column, h)
            if o in (b, h):
                continue
            if h != b:
                self._conflict(entity, row_id, column, "kept the destination's value")
            elif column in entity.protected or entity.name == _SIGNATURE_KIND:
                signature.append(column)
            else:
                changes[column] = offline.get(column)
        if signature:  # one line for a signature, not one per signature column
            self._conflict(
                entity, row_id, signature[0], "sign-offs are not brought back; sign off here"
            )
        if not changes:
            return
        if (system := self.locked_here(entity, here)) is not None:
            self.held[entity.name, row_id] = base
            for column in changes:
                self._conflict(entity, row_id, column, f"{system} is signed off here: not changed")
            return
        if self.attempt(lambda: self._update(entity, row_id, changes)) is None:
            return
        for column, value in changes.items():  # apply what can be, one field at a time
            reason = self.attempt(functools.partial(self._update, entity, row_id, {column: value}))
            if reason is not None:
                self._conflict(entity, row_id, column, f"not brought back: {reason}")

    def _update(self, entity: EntityKind, row_id: str, changes: dict[str, Any]) -> None:
        pair = self.tx.update(entity.name, row_id, changes)
        if pair is None:
            return
        before, after = pair
        check_rules(self.tx, entity.name, after.values)
        self.here[entity.name][row_id] = after.values
        name = self.name_of(entity, after.values)
        for column in changes:
            who = self.trail_offline.who(row_id, column, self.system_of(entity, after.values))
            was, now = before.values.get(column), after.values.get(column)
            old, new = self.show(entity, column, was, now), self.show(entity, column, now, was)
            self.applied.append(f"{name}: {field_label(column)}: {old} → {new} (by {who})")

    def _conflict(self, entity: EntityKind, row_id: str, column: str, outcome: str) -> None:
        offline = self.offline[entity.name][row_id]
        here = self.here[entity.name][row_id]
        system_id = self.system_of(entity, here)
        by_offline = self.trail_offline.who(row_id, column, system_id)
        by_here = self.trail_here.who(row_id, column, system_id)
        self.conflicts.append(
            Conflict(
                f"{self.name_of(entity, here)}: {field_label(column)}",
                f"{self.show(entity, column, offline.get(column), here.get(column))} "
                f"(by {by_offline})",
                f"{self.show(entity, column, here.get(column), offline.get(column))} "
                f"(by {by_here})",
                outcome,
            )
        )

    # --- rows deleted offline ---------------------------------------------------------

    def _delete_row(self, entity: EntityKind, row_id: str) -> None:
        if self.tx.get(entity.name, row_id) is None:
            return  # went with a parent deleted just before
        here = self.here[entity.name][row_id]
        name = self.name_of(entity, here)
        system_id = self.system_of(entity, here)
        by_offline = f"deleted by {self.trail_offline.who(row_id, None, system_id)}"
        if entity.name == _SIGNATURE_KIND:
            outcome = "sign-offs are not withdrawn by a copy; reopen the system here"
            self.conflicts.append(Conflict(name, by_offline, "signed", outcome))
            return
        if not _same(entity, here, self.base[entity.name][row_id]):
            by_here = f"changed by {self.trail_here.who(row_id, None, system_id)}"
            outcome = "the changed row was kept"
            self.conflicts.append(Conflict(name, by_offline, by_here, outcome))
            return
        reason: str | None
        if (system := self.locked_here(entity, here)) is not None:
            self.held[entity.name, row_id] = self.base[entity.name][row_id]
            reason = f"{system} is signed off here, so its plan was not changed"
        else:
            reason = self.attempt(lambda: self._delete(entity, row_id))
        if reason is None:
            self.applied.append(f"Deleted {name} ({by_offline.removeprefix('deleted ')})")
        else:
            self.conflicts.append(Conflict(name, by_offline, "kept", f"not deleted: {reason}"))

    def _delete(self, entity: EntityKind, row_id: str) -> None:
        mark = len(self.tx.deleted)
        self.tx.delete(entity.name, row_id)
        # Dependants are deleted (and recorded) before the row itself.
        for record in self.tx.deleted[mark:]:
            if record.id == row_id:
                continue
            dependant = kind(record.kind)
            base = self.base.get(record.kind, {}).get(record.id)
            gone_offline = record.id not in self.offline[record.kind]
            if base is None or not gone_offline or not _same(dependant, record.values, base):
                raise DomainError(
                    f"{self.name_of(dependant, record.values)} was added or changed here "
                    "and would go with it"
                )
        for record in self.tx.deleted[mark:]:
            self.here[record.kind].pop(record.id, None)


def offline_origin_summary(origin: Origin) -> str:
    """One line about where a copy came from, for the preview."""
    when = origin.brought_back_at or origin.forked_at
    verb = "last brought back" if origin.brought_back_at else "copied"
    stamp = when.replace(tzinfo=dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return f"from {origin.source}, {verb} {stamp}"


def _excerpt(text: str, other: str, width: int = 60) -> str:
    """``text`` whole when short, else ``width`` characters from a little before where it
    first differs from ``other`` ("…" marks each cut end)."""
    if len(text) <= width:
        return text
    differs = next((i for i, (a, b) in enumerate(zip(text, other, strict=False)) if a != b), None)
    at = min(len(text), len(other)) if differs is None else differs
    start = max(0, min(at - 20, len(text) - (width - 2)))
    if start == 0:
        return text[: width - 3] + "…"
    body = text[start : start + width - 2]
    return "…" + body + ("…" if start + width - 2 < len(text) else "")
