"""Reading whole tables as plain values, for the interchange formats that copy a workspace."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from planner.domain.models import AuditEvent
from planner.domain.registry import KINDS
from planner.store.workspace import Workspace


@dataclass(frozen=True)
class Dump:
    """Every row of the tables asked for, as column -> value, and the audit trail if asked."""

    rows: dict[str, list[dict[str, Any]]]
    audit: list[dict[str, Any]] | None


def read_dump(ws: Workspace, kind_names: Iterable[str], *, include_audit: bool) -> Dump:
    """The rows of each kind in its listing order, read in one transaction."""
    rows: dict[str, list[dict[str, Any]]] = {}
    with ws.read() as session:
        for kind_name in kind_names:
            entity = KINDS[kind_name]
            table = entity.table.__table__  # type: ignore[attr-defined]
            order = [table.c[c] for c in entity.order_by] + [table.c.id]
            query = select(table).order_by(*order)
            rows[kind_name] = [dict(row) for row in session.execute(query).mappings()]
        audit = None
        if include_audit:
            events = session.execute(select(AuditEvent).order_by(AuditEvent.seq)).scalars()  # type: ignore[arg-type]
            audit = [event.model_dump() for event in events]
    return Dump(rows, audit)
