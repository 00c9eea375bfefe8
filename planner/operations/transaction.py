"""The machinery every operation shares: validate, write in one transaction, audit.

An operation opens a ``Transaction``, makes its inserts, updates and deletes through it,
and finishes with ``tx.done(...)``, which refuses changes to locked systems, appends the
audit event and returns the ``Change``. The workspace's write transaction commits when the
operation returns and rolls back if anything raises, so a failed operation writes nothing.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from typing import Any

from pydantic import ValidationError
from sqlalchemy import Table, delete, insert, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from planner.domain.errors import DomainError, LockedError, NotFoundError
from planner.domain.registry import KIND_BY_TABLE, EntityKind, kind
from planner.domain.wording import field_label
from planner.operations.change import Change, Record
from planner.operations.conflicts import conflict_error
from planner.store.audit import append_event
from planner.store.workspace import Workspace

_TIMESTAMPS = ("created_at", "updated_at")
# Row bookkeeping that audit values leave out: timestamps and the row version.
_BOOKKEEPING = (*_TIMESTAMPS, "version")


def table_of(entity: EntityKind) -> Table:
    return entity.table.__table__  # type: ignore[attr-defined, no-any-return]


def describe_validation_error(label: str, exc: ValidationError) -> str:
    """One line naming the first offending field and what is wrong with it."""
    error = exc.errors()[0]
    where = ".".join(str(part) for part in error["loc"])
    message = str(error["msg"]).removeprefix("Value error, ")
    return f"{label}: {where}: {message}" if where else f"{label}: {message}"


def validate_fields(entity: EntityKind, values: Mapping[str, Any]) -> dict[str, Any]:
    """Validate user values against the kind's field set; return them normalised."""
    unknown = set(values) - set(entity.fields.model_fields)
    if unknown:
        raise DomainError(f"{entity.label}: unknown field {sorted(unknown)[0]!r}")
    try:
        model = entity.fields.model_validate(dict(values))
    except ValidationError as exc:
        raise DomainError(describe_validation_error(entity.label, exc)) from None
    return model.model_dump()


class Transaction:
    """One operation's write transaction and the records it has touched."""

    def __init__(
        self, ws: Workspace, session: Session, operation: str, *, allow_locked: bool = False
    ) -> None:
        self.ws = ws
        self.session = session
        self.operation = operation
        self.allow_locked = allow_locked
        self.now = ws.clock()
        self.created: list[Record] = []
        self.updated: list[tuple[Record, Record]] = []
        self.deleted: list[Record] = []
        self._system_of_chain: dict[str, str] = {}
        self._chain_of_level: dict[str, str] = {}

    # --- reading ----------------------------------------------------------------------

    def get(self, kind_name: str, entity_id: str) -> dict[str, Any] | None:
        table = table_of(kind(kind_name))
        row = self.session.execute(select(table).where(table.c.id == entity_id)).mappings().first()
        return dict(row) if row is not None else None

    def require(
        self, kind_name: str, entity_id: str, *, expected_version: int | None = None
    ) -> dict[str, Any]:
        """A row's values; with ``expected_version``, refused if someone wrote it since.

        The version is the one the caller last saw (the GUI passes the version of the row it
        shows). A row that is gone, or has another version, means another writer got there
        first: a ConflictError names who did what, and nothing is written.
        """
        values = self.get(kind_name, entity_id)
        if expected_version is not None and (
            values is None or values["version"] != expected_version
        ):
            raise conflict_error(self.session, kind_name, entity_id, values)
        if values is None:
            raise NotFoundError(f"no {kind(kind_name).noun} with id {entity_id}")
        return values

    def rows(self, kind_name: str, **where: Any) -> list[dict[str, Any]]:
        """Rows of a kind matching column values, in the kind's display order."""
        entity = kind(kind_name)
        table = table_of(entity)
        query = select(table)
        for column, value in where.items():
            query = query.where(table.c[column] == value)
        query = query.order_by(*(table.c[c] for c in entity.order_by))
        return [dict(row) for row in self.session.execute(query).mappings()]

    def system_of(self, record: Record) -> str | None:
        """The system whose plan a record belongs to, following chains and levels."""
        values = record.values
        if record.kind == "system":
            return record.id
        if "system_id" in values:
            return values["system_id"]  # type: ignore[no-any-return]
        if record.kind == "escalation_level":
            return self._chain_system(values["chain_id"])
        if record.kind == "escalation_target":
            return self._level_system(values["level_id"])
        return None

    def _current_or_deleted(self, kind_name: str, entity_id: str) -> dict[str, Any] | None:
        """A row's values, also when this transaction has deleted it."""
        return self.get(kind_name, entity_id) or next(
            (r.values for r in self.deleted if r.id == entity_id), None
        )

    def _chain_system(self, chain_id: str) -> str | None:
        if chain_id not in self._system_of_chain:
            chain = self._current_or_deleted("escalation_chain", chain_id)
            if chain is None:
                return None
            self._system_of_chain[chain_id] = chain["system_id"]
        return self._system_of_chain[chain_id]

    def _level_system(self, level_id: str) -> str | None:
        if level_id not in self._chain_of_level:
            level = self._current_or_deleted("escalation_level", level_id)
            if level is None:
                return None
            self._chain_of_level[level_id] = level["chain_id"]
        return self._chain_system(self._chain_of_level[level_id])

    # --- checks -----------------------------------------------------------------------

    def check_references(self, entity: EntityKind, values: Mapping[str, Any]) -> None:
        """Every foreign key names an existing row (a clear message instead of SQL's)."""
        for fk in table_of(entity).foreign_keys:
            value = values.get(fk.parent.name)
            if value is None:
                continue
            target = KIND_BY_TABLE[fk.column.table.name]
            if self.get(target.name, value) is None:
                field = field_label(fk.parent.name)
                raise DomainError(f"{entity.label}: {field} names no {target.noun} ({value})")

    def check_unique(self, entity: EntityKind, values: Mapping[str, Any]) -> None:
        table = table_of(entity)
        for constraint in table.constraints:
            columns = getattr(constraint, "columns", None)
            if columns is None or constraint.__class__.__name__ != "UniqueConstraint":
                continue
            query = select(table.c.id).where(table.c.id != values["id"])
            for column in columns:
                query = query.where(column == values[column.name])
            if self.session.execute(query).first() is not None:
                names = ", ".join(c.name for c in columns if c.name != "system_id")
                shown = ", ".join(str(values[c.name]) for c in columns if c.name != "system_id")
                raise DomainError(f"{entity.label}: there is already one with {names} {shown!r}")

    # --- writing ----------------------------------------------------------------------

    def insert(self, kind_name: str, values: Mapping[str, Any], *, validate: bool = True) -> Record:
        """Insert one row; ``values`` may carry id and timestamps (restores keep them)."""
        entity = kind(kind_name)
        row = dict(values)
        identity = {k: row.pop(k) for k in ("id", *_BOOKKEEPING) if k in row}
        fields = validate_fields(entity, row) if validate else row
        full = {
            "id": identity.get("id") or entity.table.model_fields["id"].default_factory(),  # type: ignore[call-arg, misc]
            **fields,
            "created_at": identity.get("created_at") or self.now,
            "updated_at": identity.get("updated_at") or self.now,
            # A row restored by an undo comes back newer than it left: a writer who saw it
            # before it was deleted must not edit it as if nothing had happened.
            "version": identity.get("version", 0) + 1,
        }
        self.check_references(entity, full)
        self.check_unique(entity, full)
        self._execute(insert(table_of(entity)).values(**full), entity)
        record = Record(kind_name, full)
        self.created.append(record)
        return record

    def update(
        self,
        kind_name: str,
        entity_id: str,
        changes: Mapping[str, Any],
        *,
        protected_ok: bool = False,
        expected_version: int | None = None,
    ) -> tuple[Record, Record] | None:
        """Change some fields of a row; None when nothing actually changed.

        The row's version goes up by one; with ``expected_version`` the edit is refused
        when the row is not at that version (see ``require``).
        """
        entity = kind(kind_name)
        before = self.require(kind_name, entity_id, expected_version=expected_version)
        if not protected_ok and (forbidden := set(changes) & entity.protected):
            raise DomainError(
                f"{entity.label}: {sorted(forbidden)[0]} is set by sign-off, not by editing"
            )
        editable = {k: v for k, v in before.items() if k in entity.fields.model_fields}
        fields = validate_fields(entity, {**editable, **changes})
        changed = {k: v for k, v in fields.items() if before.get(k) != v}
        if not changed:
            return None
        after = {**before, **changed, "updated_at": self.now, "version": before["version"] + 1}
        self.check_references(entity, after)
        self.check_unique(entity, after)
        self._write(entity, before, {**changed, "updated_at": self.now})
        pair = (Record(kind_name, before), Record(kind_name, after))
        self.updated.append(pair)
        return pair

    def set_values(self, kind_name: str, entity_id: str, values: Mapping[str, Any]) -> None:
        """Write stored values back verbatim (undo), recording the change.

        The version is the one value never written back: an undo is a new write, so it
        raises the version like any other.
        """
        entity = kind(kind_name)
        before = self.require(kind_name, entity_id)
        values = {k: v for k, v in values.items() if k != "version"}
        self._write(entity, before, values)
        after = {**before, **values, "version": before["version"] + 1}
        self.updated.append((Record(kind_name, before), Record(kind_name, after)))

    def _write(
        self, entity: EntityKind, before: Mapping[str, Any], values: Mapping[str, Any]
    ) -> None:
        """Update a row read at ``before``, raising its version; refused if it moved since.

        The version in the WHERE clause makes the check and the write one statement, so
        an edit cannot slip in between them even where the transaction would allow it.
        """
        table = table_of(entity)
        statement = (
            update(table)
            .where(table.c.id == before["id"], table.c.version == before["version"])
            .values(**values, version=before["version"] + 1)
        )
        if self._execute(statement, entity).rowcount != 1:
            current = self.get(entity.name, before["id"])
            raise conflict_error(self.session, entity.name, before["id"], current)

    def delete(
        self, kind_name: str, entity_id: str, *, expected_version: int | None = None
    ) -> Record:
        """Delete a row and, as its foreign keys declare, cascade to or detach dependants."""
        values = self.require(kind_name, entity_id, expected_version=expected_version)
        self._remove_dependants(kind(kind_name), [entity_id])
        entity = kind(kind_name)
        table = table_of(entity)
        self._execute(delete(table).where(table.c.id == entity_id), entity)
        record = Record(kind_name, values)
        self.deleted.append(record)
        return record

    def remove(self, kind_name: str, entity_id: str) -> Record | None:
        """Delete exactly one row, leaving dependants alone (reverts restore those)."""
        values = self.get(kind_name, entity_id)
        if values is None:
            return None
        entity = kind(kind_name)
        table = table_of(entity)
        self._execute(delete(table).where(table.c.id == entity_id), entity)
        record = Record(kind_name, values)
        self.deleted.append(record)
        return record

    def defer_foreign_keys(self) -> None:
        """Check foreign keys at commit, not per statement, for the rest of this transaction."""
        if self.session.get_bind().dialect.name == "sqlite":
            self.session.execute(text("PRAGMA defer_foreign_keys = ON"))
        else:  # PostgreSQL: the schema declares its foreign keys deferrable there
            self.session.execute(text("SET CONSTRAINTS ALL DEFERRED"))

    def _remove_dependants(self, entity: EntityKind, ids: list[str]) -> None:
        target = table_of(entity)
        for dependant in KIND_BY_TABLE.values():
            table = table_of(dependant)
            for fk in table.foreign_keys:
                if fk.column.table is not target:
                    continue
                column = fk.parent
                rows = [
                    dict(r)
                    for r in self.session.execute(select(table).where(column.in_(ids))).mappings()
                ]
                if not rows:
                    continue
                if fk.ondelete == "CASCADE":
                    for row in rows:
                        self.delete(dependant.name, row["id"])
                else:
                    for row in rows:
                        if row[column.name] is None:
                            continue  # already detached by an earlier step
                        self.set_values(dependant.name, row["id"], {column.name: None})

    def _execute(self, statement: Any, entity: EntityKind) -> Any:
        try:
            return self.session.execute(statement)
        except IntegrityError as exc:
            raise DomainError(f"{entity.label}: the change conflicts with existing data") from exc

    # --- finishing --------------------------------------------------------------------

    def touched_systems(self) -> frozenset[str]:
        records = [*self.created, *self.deleted]
        for before, after in self.updated:
            records.extend((before, after))
        return frozenset(s for r in records if (s := self.system_of(r)) is not None)

    def check_locks(self, system_ids: frozenset[str]) -> None:
        """Refuse the change if any system it touches was locked when it began."""
        if self.allow_locked or not system_ids:
            return
        # Systems this transaction deleted or edited are judged by their state before it.
        before: dict[str, dict[str, Any]] = {}
        for record in reversed(self.deleted):
            if record.kind == "system":
                before[record.id] = record.values
        for old, _new in reversed(self.updated):
            if old.kind == "system":
                before[old.id] = old.values
        names = [v["name"] for sid, v in before.items() if sid in system_ids and v["locked"]]
        # Systems it created were not locked before it (an import may bring signed plans).
        new = {record.id for record in self.created if record.kind == "system"}
        rest = system_ids - before.keys() - new
        if not names and rest:
            table = table_of(kind("system"))
            names = list(
                self.session.execute(
                    select(table.c.name).where(table.c.id.in_(rest), table.c.locked.is_(True))
                ).scalars()
            )
        if names:
            raise LockedError(
                f"{names[0]!r} is signed off and locked; reopen it before changing its plan"
            )

    def done(
        self,
        description: str,
        *,
        entity_type: str,
        origin: str = "",
        entity_id: str | None = None,
        before: Mapping[str, Any] | list[Any] | None = None,
        after: Mapping[str, Any] | list[Any] | None = None,
        system_id: str | None = None,
    ) -> Change:
        """Refuse locked systems, append the audit event, describe the change."""
        systems = self.touched_systems()
        self.check_locks(systems)
        if system_id is None and len(systems) == 1:
            system_id = next(iter(systems))
        seq = append_event(
            self.session,
            actor=self.ws.actor,
            at=self.now,
            operation=self.operation,
            entity_type=entity_type,
            entity_id=entity_id,
            system_id=system_id,
            before=audit_values(before),
            after=audit_values(after),
        )
        return Change(
            operation=self.operation,
            description=description,
            seq=seq,
            created=tuple(self.created),
            updated=tuple(self.updated),
            deleted=tuple(self.deleted),
            system_ids=systems,
            origin=origin,
        )


def audit_values(values: Mapping[str, Any] | list[Any] | None) -> Any:
    """Values as recorded in the audit trail: without timestamps and versions (bookkeeping)."""
    if isinstance(values, Mapping):
        return {k: v for k, v in values.items() if k not in _BOOKKEEPING}
    return values


@contextlib.contextmanager
def transaction(
    ws: Workspace, operation: str, *, allow_locked: bool = False
) -> Iterator[Transaction]:
    """Open the write transaction of one operation."""
    with ws.write() as session:
        yield Transaction(ws, session, operation, allow_locked=allow_locked)
