"""Appending to and reading the audit trail."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from enum import Enum
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlmodel import Session

from planner import __version__
from planner.domain.models import AuditEvent
from planner.domain.plan import AuditEntry
from planner.store.audit_chain import event_digest
from planner.store.audit_chain import head as chain_head

if TYPE_CHECKING:
    from planner.store.workspace import Workspace


def _json_default(value: object) -> object:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    raise TypeError(f"cannot record {type(value).__name__} in the audit trail")


def dump_values(values: Mapping[str, Any] | Sequence[Any] | None) -> str | None:
    """Canonical JSON of before/after values for an audit event."""
    if values is None:
        return None
    return json.dumps(values, default=_json_default, ensure_ascii=False, sort_keys=True)


def append_event(
    session: Session,
    *,
    actor: str,
    at: dt.datetime,
    operation: str,
    entity_type: str,
    entity_id: str | None = None,
    system_id: str | None = None,
    before: Mapping[str, Any] | Sequence[Any] | None = None,
    after: Mapping[str, Any] | Sequence[Any] | None = None,
) -> int:
    """Record one change in the same transaction as the change; return its sequence number.

    The event is numbered and chained here (the write transaction holds SQLite's write
    lock, so nobody can append in between): its hash covers its content and the hash of
    the event before it.
    """
    previous = chain_head(session)
    if at.tzinfo is not None:
        at = at.astimezone(dt.UTC).replace(tzinfo=None)
    event = AuditEvent(
        seq=previous.seq + 1,
        at=at,
        actor=actor,
        operation=operation,
        entity_type=entity_type,
        entity_id=entity_id,
        system_id=system_id,
        before=dump_values(before),
        after=dump_values(after),
        app_version=__version__,
    )
    event.hash = event_digest(previous.hash, event.model_dump())
    session.add(event)
    session.flush()
    assert event.seq is not None
    return event.seq


def latest_seq(session: Session, system_id: str | None = None) -> int:
    """The newest sequence number (for one system, if given); 0 for an empty trail."""
    query = select(func.max(AuditEvent.seq))
    if system_id is not None:
        query = query.where(AuditEvent.system_id == system_id)  # type: ignore[arg-type]
    return int(session.execute(query).scalar() or 0)


def recent_events(
    session: Session, *, limit: int | None = None, system_id: str | None = None
) -> list[AuditEvent]:
    """The newest events first, optionally for one system."""
    query = select(AuditEvent).order_by(AuditEvent.seq.desc())  # type: ignore[union-attr]
    if system_id is not None:
        query = query.where(AuditEvent.system_id == system_id)  # type: ignore[arg-type]
    if limit is not None:
        query = query.limit(limit)
    return list(session.execute(query).scalars())


def load_events(
    ws: Workspace,
    *,
    system_id: str | None = None,
    actor: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: int | None = 5000,
) -> list[AuditEntry]:
    """The newest events first, filtered by system, actor and an inclusive date range (UTC)."""
    table = AuditEvent.__table__  # type: ignore[attr-defined]
    query = select(table).order_by(table.c.seq.desc())
    if system_id is not None:
        query = query.where(table.c.system_id == system_id)
    if actor is not None:
        query = query.where(table.c.actor == actor)
    if since is not None:
        query = query.where(table.c.at >= dt.datetime.combine(since, dt.time()))
    if until is not None:
        end = dt.datetime.combine(until + dt.timedelta(days=1), dt.time())
        query = query.where(table.c.at < end)
    if limit is not None:
        query = query.limit(limit)
    with ws.read() as session:
        rows = session.execute(query).mappings().all()
    return [AuditEntry(**{k: row[k] for k in AuditEntry.__dataclass_fields__}) for row in rows]


def event_actors(ws: Workspace) -> list[str]:
    """Everyone who has changed the workspace, by name."""
    with ws.read() as session:
        names = session.execute(select(AuditEvent.actor).distinct()).scalars().all()  # type: ignore[call-overload]
    return sorted(names, key=str.casefold)


def last_event_about(
    session: Session, entity_id: str, *, written_at: dt.datetime | None = None
) -> AuditEvent | None:
    """The newest event that changed a row: named it, undid or redid one that did, or was
    the transaction that last stamped it (``written_at``: its ``updated_at``).

    Renumbering, cascades and undos write rows their events do not name; the last two
    routes find those, so a refused edit can say who got there first.
    """
    events = AuditEvent.__table__  # type: ignore[attr-defined]
    named = (
        session.execute(
            select(events).where(events.c.entity_id == entity_id).order_by(events.c.seq.desc())
        )
        .mappings()
        .first()
    )
    candidates = [dict(named)] if named is not None else []
    floor = named["seq"] if named is not None else 0
    if written_at is not None:
        stamped = (
            session.execute(
                select(events).where(events.c.at == written_at).order_by(events.c.seq.desc())
            )
            .mappings()
            .first()
        )
        if stamped is not None:
            candidates.append(dict(stamped))
    # Undo and redo events name the event they revert (before.seq); follow that chain.
    reverts = session.execute(
        select(events)
        .where(events.c.entity_type == "change", events.c.seq > floor)
        .order_by(events.c.seq.desc())
        .limit(200)
    ).mappings()
    for event in reverts:
        if _reverts_entity(session, dict(event), entity_id):
            candidates.append(dict(event))
            break
    if not candidates:
        return None
    newest = max(candidates, key=lambda event: event["seq"])
    return AuditEvent.model_validate(newest)


def _reverts_entity(session: Session, event: dict[str, Any], entity_id: str) -> bool:
    events = AuditEvent.__table__  # type: ignore[attr-defined]
    for _step in range(50):  # an undo of a redo of an undo ... ends at a named event
        target = json.loads(event["before"] or "{}").get("seq")
        if not isinstance(target, int):
            return False
        found = session.execute(select(events).where(events.c.seq == target)).mappings().first()
        if found is None:
            return False
        if found["entity_type"] != "change":
            return bool(found["entity_id"] == entity_id)
        event = dict(found)
    return False
