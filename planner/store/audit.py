"""Appending to and reading the audit trail."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from enum import Enum
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlmodel import Session

from planner import __version__
from planner.domain.models import AuditEvent
from planner.domain.plan import AuditEntry

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
    """Record one change in the same transaction as the change; return its sequence number."""
    event = AuditEvent(
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


def read_events(
    ws: Workspace, *, limit: int | None = None, system_id: str | None = None
) -> list[AuditEntry]:
    """The newest events first (of one system, if given), for readers above the store."""
    with ws.read() as session:
        return [_entry(event) for event in recent_events(session, limit=limit, system_id=system_id)]


def read_events_by_system(
    ws: Workspace, system_ids: Iterable[str], *, limit: int
) -> dict[str, list[AuditEntry]]:
    """The newest ``limit`` events of each system, newest first, read in one transaction."""
    with ws.read() as session:
        return {
            system_id: [
                _entry(event) for event in recent_events(session, limit=limit, system_id=system_id)
            ]
            for system_id in system_ids
        }


def _entry(event: AuditEvent) -> AuditEntry:
    return AuditEntry(
        seq=int(event.seq or 0),
        at=event.at,
        actor=event.actor,
        operation=event.operation,
        entity_type=event.entity_type,
        entity_id=event.entity_id,
        system_id=event.system_id,
        before=event.before,
        after=event.after,
        app_version=event.app_version,
    )
