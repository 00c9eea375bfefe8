"""Offline copies: recording where a copy came from and reading the state it forked from.

A workspace copied to a file keeps one ``offline_origin`` row: the source's location, the
source's audit head at the fork, the copy's own head then, and every plan row at that
moment (the base of a three-way merge). Bringing the copy back (operations/bring_back.py)
compares base, copy and destination and then moves the fork point forward here.
"""

from __future__ import annotations

import datetime as dt
import json
import zlib
from dataclasses import dataclass
from enum import Enum
from typing import Any

from sqlalchemy import delete, insert, select, text
from sqlmodel import Session

from planner.domain.errors import DomainError
from planner.domain.models import OfflineOrigin, utcnow
from planner.domain.registry import KINDS
from planner.store.audit_chain import ChainHead
from planner.store.audit_chain import head as chain_head
from planner.store.workspace import Workspace

# Rows by kind name, then by id, then column -> value.
Snapshot = dict[str, dict[str, dict[str, Any]]]

_ORIGIN = OfflineOrigin.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Fork:
    """A point both sides share: the source's audit head, the copy's head, every row then."""

    source_seq: int
    source_hash: str
    copy_seq: int
    base: Snapshot


@dataclass(frozen=True)
class Origin:
    """Where an offline copy came from, its fork point, and the one before the last bring-back."""

    source: str
    fork: Fork
    previous: Fork | None
    forked_at: dt.datetime
    brought_back_at: dt.datetime | None


def canonical(value: Any) -> Any:
    """A value as both engines and the stored base agree on it (for comparing only)."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, list | tuple):
        return [canonical(v) for v in value]
    if isinstance(value, str) and value.startswith("["):
        # JSON list columns come back as text from SQLite and as lists from PostgreSQL.
        try:
            parsed = json.loads(value)
        except ValueError:
            return value
        return parsed if isinstance(parsed, list) else value
    return value


def read_snapshot(session: Session) -> Snapshot:
    """Every row of every entity kind, keyed by kind and id, with their stored values."""
    snapshot: Snapshot = {}
    for name, entity in KINDS.items():
        table = entity.table.__table__  # type: ignore[attr-defined]
        rows = session.execute(select(table)).mappings()
        snapshot[name] = {str(row["id"]): dict(row) for row in rows}
    return snapshot


def workspace_snapshot(ws: Workspace) -> tuple[Snapshot, ChainHead]:
    """A workspace's rows and its audit head, read in one transaction."""
    with ws.read() as session:
        return read_snapshot(session), chain_head(session)


def _pack(snapshot: Snapshot) -> bytes:
    rows = {
        name: {key: {c: canonical(v) for c, v in row.items()} for key, row in by_id.items()}
        for name, by_id in snapshot.items()
    }
    return zlib.compress(json.dumps(rows, sort_keys=True, ensure_ascii=False).encode(), 6)


def _unpack(data: bytes) -> Snapshot:
    rows: Snapshot = json.loads(zlib.decompress(bytes(data)).decode())
    return rows


def record_origin(
    session: Session,
    *,
    source: str,
    fork: Fork,
    previous: Fork | None = None,
    forked_at: dt.datetime,
    brought_back_at: dt.datetime | None = None,
) -> None:
    """Write (or replace) the copy's one origin row, in the caller's transaction."""
    session.execute(delete(_ORIGIN))
    session.execute(
        insert(_ORIGIN).values(
            id=1,
            source=source,
            source_seq=fork.source_seq,
            source_hash=fork.source_hash,
            copy_seq=fork.copy_seq,
            base=_pack(fork.base),
            forked_at=forked_at,
            brought_back_at=brought_back_at,
            previous_source_seq=previous.source_seq if previous else None,
            previous_source_hash=previous.source_hash if previous else None,
            previous_copy_seq=previous.copy_seq if previous else None,
            previous_base=_pack(previous.base) if previous else None,
        )
    )


def read_origin(ws: Workspace) -> Origin:
    """The origin of an offline copy; one sentence when ``ws`` is not such a copy."""
    with ws.read() as session:
        row = session.execute(select(_ORIGIN)).mappings().first()
    if row is None:
        raise DomainError(
            f"{ws.display} is not an offline copy (make one with File > Save a copy… "
            "or handover-planner copy SOURCE FILE.handover)"
        )
    fork = Fork(row["source_seq"], row["source_hash"], row["copy_seq"], _unpack(row["base"]))
    previous = None
    if row["previous_base"] is not None:
        previous = Fork(
            row["previous_source_seq"],
            row["previous_source_hash"],
            row["previous_copy_seq"],
            _unpack(row["previous_base"]),
        )
    return Origin(row["source"], fork, previous, row["forked_at"], row["brought_back_at"])


def mark_as_copy(copy: Workspace, *, source: str) -> None:
    """Record in a fresh copy that it came from ``source`` and forks at its current state."""
    with copy.write() as session:
        head = chain_head(session)
        fork = Fork(head.seq, head.hash, head.seq, read_snapshot(session))
        record_origin(session, source=source, fork=fork, forked_at=utcnow())


def has_event(session: Session, seq: int, digest: str) -> bool:
    """Whether this workspace's audit trail holds event ``seq`` with hash ``digest``."""
    found = session.execute(
        text("SELECT hash FROM audit_event WHERE seq = :seq"), {"seq": seq}
    ).scalar()
    return found is not None and str(found) == digest


def holds_event(ws: Workspace, fork: Fork) -> bool:
    """Whether ``ws``'s audit trail holds the event ``fork`` was taken at."""
    with ws.read() as session:
        return has_event(session, fork.source_seq, fork.source_hash)


def move_fork(copy: Workspace, *, origin: Origin, used: Fork, fork: Fork, at: dt.datetime) -> None:
    """For a bring-back: count the copy's changes from ``fork`` on, so none applies twice.

    Called inside the destination's transaction, before it commits. ``used`` (the fork the
    merge started from) is kept as the previous one: if the bring-back is undone at the
    source, or its commit there fails after this one, the next one starts from there
    again. Refused if the copy changed since it was read for the merge (its head moved).
    """
    with copy.write() as session:
        if chain_head(session).seq != fork.copy_seq:
            raise DomainError(
                f"{copy.display} changed while it was being brought back; bring it back again"
            )
        record_origin(
            session,
            source=origin.source,
            fork=fork,
            previous=used,
            forked_at=origin.forked_at,
            brought_back_at=at,
        )
