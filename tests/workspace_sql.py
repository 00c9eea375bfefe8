"""Reading and poking a workspace's tables directly, on SQLite and PostgreSQL alike.

Tests check what really landed in the database, under the operations' feet. Values come
back in SQLite's stored form on both engines (0/1 for bools, ISO text for dates, JSON text
for lists), so one assertion serves both.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import text

from planner.store.copying import content_hash
from planner.store.workspace import Workspace


def _stored(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | dict):
        return json.dumps(value)
    if isinstance(value, memoryview):
        return bytes(value)
    return value


def select_rows(
    ws: Workspace, table: str, *, order: str = "id", **where: Any
) -> list[dict[str, Any]]:
    """Rows of ``table`` whose columns equal ``where`` (None matches NULL)."""
    clause = " AND ".join(
        f"{column} IS NULL" if value is None else f"{column} = :{column}"
        for column, value in where.items()
    )
    query = f"SELECT * FROM {table} WHERE {clause or '1=1'} ORDER BY {order}"
    params = {k: v for k, v in where.items() if v is not None}
    with ws.engine.connect() as connection:
        result = connection.execute(text(query), params).mappings()
        return [{k: _stored(v) for k, v in row.items()} for row in result]


def audit_rows(ws: Workspace) -> list[dict[str, Any]]:
    """The audit trail, oldest first, with before/after parsed."""
    events = select_rows(ws, "audit_event", order="seq")
    for event in events:
        event["before"] = json.loads(event["before"]) if event["before"] else None
        event["after"] = json.loads(event["after"]) if event["after"] else None
    return events


def execute(ws: Workspace, statement: str, **params: Any) -> None:
    """Change the database behind the app's back (tampering, fault set-up)."""
    with ws.engine.begin() as connection:
        connection.execute(text(statement), params)


def query(ws: Workspace, statement: str, *args: Any) -> list[tuple[Any, ...]]:
    """Rows of a query written with ``?`` placeholders, as plain tuples."""
    parts = statement.split("?")
    named = "".join(f"{part}:p{i}" for i, part in enumerate(parts[:-1])) + parts[-1]
    with ws.engine.connect() as connection:
        result = connection.execute(text(named), {f"p{i}": arg for i, arg in enumerate(args)})
        return [tuple(_stored(value) for value in row) for row in result]


def dump(ws: Workspace, *, audit: bool = True, versions: bool = True) -> str:
    """Every row of every table: equal dumps mean nothing at all was written.

    Without ``versions`` it compares content only: an undo restores values, not versions.
    """
    return content_hash(
        ws,
        leave_out=() if audit else ("audit_event",),
        leave_out_columns=() if versions else ("version",),
    )
