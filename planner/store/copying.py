"""Copying a whole workspace between a file and a server, verified by a content hash.

Everything is copied, the audit trail with its sequence numbers included, so the copy
is the same workspace and not a re-import of it. The content hash covers every row of
every table in a canonical form that both engines produce alike; the copy is committed
(or, for a file, renamed into place) only once the destination's hash equals the source's.
A file copy also records where it came from and the state it forked from (store/offline.py),
so it can be taken offline and its changes brought back.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Table, delete, func, insert, select, text
from sqlmodel import Session, SQLModel

import planner.domain.models  # noqa: F401  (registers the tables on the metadata)
from planner.store.offline import mark_as_copy
from planner.store.workspace import Workspace, WorkspaceError, create_workspace

# Insertion order: parents before children (foreign keys are deferred anyway). An offline
# copy's origin describes that one copy, so it is never copied on (a copy of a copy gets
# its own, naming the copy it came from).
_SKIPPED = {"alembic_version", "offline_origin"}


def _tables() -> list[Table]:
    return [t for t in SQLModel.metadata.sorted_tables if t.name not in _SKIPPED]


def _canonical(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str) and value.startswith(("[", "{")):
        # JSON columns come back as text from SQLite and as lists from PostgreSQL.
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _table_rows(session: Session, table: Table) -> list[dict[str, Any]]:
    key = [c for c in table.primary_key.columns]
    result = session.execute(select(table).order_by(*key))
    return [dict(row) for row in result.mappings()]


def _hash_rows(
    rows_by_table: dict[str, list[dict[str, Any]]], leave_out_columns: Collection[str] = ()
) -> str:
    digest = hashlib.sha256()
    for name in sorted(rows_by_table):
        for row in rows_by_table[name]:
            canonical = {
                k: _canonical(v) for k, v in sorted(row.items()) if k not in leave_out_columns
            }
            line = json.dumps([name, canonical], sort_keys=True, ensure_ascii=False)
            digest.update(line.encode("utf-8") + b"\n")
    return digest.hexdigest()


def _read_all(session: Session, leave_out: Collection[str] = ()) -> dict[str, list[dict[str, Any]]]:
    return {
        table.name: _table_rows(session, table)
        for table in _tables()
        if table.name not in leave_out
    }


def content_hash(
    ws: Workspace, *, leave_out: Collection[str] = (), leave_out_columns: Collection[str] = ()
) -> str:
    """SHA-256 over every row of every table (the audit trail included, unless left out).

    ``leave_out_columns`` drops columns from every row (e.g. the row versions, to compare
    content after an undo, which restores values but raises versions).
    """
    with ws.read() as session:
        return _hash_rows(_read_all(session, leave_out), leave_out_columns)


@dataclass(frozen=True)
class CopyResult:
    destination: str
    rows: int
    digest: str


def copy_workspace(source: Workspace, destination: str | Path) -> CopyResult:
    """Copy ``source`` to a new file, or into a freshly initialised server workspace."""
    from planner.store.server import open_server_workspace
    from planner.store.server_url import is_server_url

    with source.read() as session:
        rows = _read_all(session)
    digest = _hash_rows(rows)
    count = sum(len(r) for r in rows.values())
    if isinstance(destination, str) and is_server_url(destination):
        target = open_server_workspace(destination, actor=source.actor)
        try:
            _replace(target, rows, digest)
            return CopyResult(target.location, count, digest)
        finally:
            target.close()
    path = Path(destination)
    _copy_to_file(source, path, rows, digest)
    return CopyResult(str(path), count, digest)


def _copy_to_file(
    source: Workspace, path: Path, rows: dict[str, list[dict[str, Any]]], digest: str
) -> None:
    if path.exists():
        raise WorkspaceError(f"{path.name}: a file with this name already exists")
    if source.path is not None and path.resolve() == source.path.resolve():
        raise WorkspaceError("choose another file name: this is the open workspace")
    temporary = path.with_name(f".{path.name}.copying")
    temporary.unlink(missing_ok=True)
    try:
        with create_workspace(temporary, actor=source.actor) as target:
            _replace(target, rows, digest)
            where = str(source.path.resolve()) if source.path is not None else source.location
            mark_as_copy(target, source=where)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def _is_pristine(session: Session) -> bool:
    """Only what a new workspace holds: settings, built-in activities, one audit event."""
    counts = {
        table.name: session.execute(select(func.count()).select_from(table)).scalar_one()
        for table in _tables()
    }
    seeded = {"workspace_info", "activity", "audit_event"}
    return counts["audit_event"] <= 1 and all(
        n == 0 for name, n in counts.items() if name not in seeded
    )


def _require_trail_rewrite(session: Session, target: Workspace) -> None:
    """A copy brings its own audit trail, which the app's role may not write over (server
    init grants it INSERT and SELECT only): say who can, before anything is touched."""
    allowed = session.execute(
        text("SELECT has_table_privilege('audit_event', 'DELETE')")
    ).scalar_one()
    if not allowed:
        raise WorkspaceError(
            f"{target.display}: this role may only add to the audit trail, so it cannot "
            "receive a copy; copy as the owner role given to server init (or the administrator)"
        )


def _replace(target: Workspace, rows: dict[str, list[dict[str, Any]]], digest: str) -> None:
    """Replace a new workspace's content with ``rows`` in one transaction, verified by hash."""
    with target.write() as session:
        if not _is_pristine(session):
            raise WorkspaceError(
                f"{target.display}: already holds a plan; copy into a new, empty workspace"
            )
        dialect = session.get_bind().dialect.name
        if dialect == "sqlite":
            session.execute(text("PRAGMA defer_foreign_keys = ON"))
        else:
            _require_trail_rewrite(session, target)
            session.execute(text("SET CONSTRAINTS ALL DEFERRED"))
        for table in reversed(_tables()):
            session.execute(delete(table))
        for table in _tables():
            if rows[table.name]:
                session.execute(insert(table), rows[table.name])
        if dialect == "postgresql":
            # The audit trail keeps its numbers; the next event must follow them.
            session.execute(
                text(
                    "SELECT setval(pg_get_serial_sequence('audit_event', 'seq'), "
                    "GREATEST((SELECT max(seq) FROM audit_event), 1))"
                )
            )
        copied = _hash_rows(_read_all(session))
        if copied != digest:
            raise WorkspaceError(
                f"{target.display}: the copy does not match the original "
                f"(content hash {copied[:12]} instead of {digest[:12]}); nothing was written"
            )
