"""Exporting a workspace to the JSON interchange format."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import select

from planner import __version__
from planner.domain.interchange import (
    FORMAT_VERSION,
    RECORD_MODELS,
    SECTIONS,
    AuditRecord,
    WorkspaceSettings,
)
from planner.domain.models import AuditEvent
from planner.domain.registry import KINDS
from planner.export.atomic import atomic_write
from planner.store.workspace import Workspace


def _rows(session: Any, kind_name: str) -> list[dict[str, Any]]:
    entity = KINDS[kind_name]
    table = entity.table.__table__  # type: ignore[attr-defined]
    order = [table.c[c] for c in entity.order_by] + [table.c.id]
    return [dict(row) for row in session.execute(select(table).order_by(*order)).mappings()]


def _records(session: Any, kind_name: str) -> list[dict[str, Any]]:
    model = RECORD_MODELS[kind_name]
    return [model.model_validate(row).model_dump(mode="json") for row in _rows(session, kind_name)]


def export_document(ws: Workspace, *, include_audit: bool = False) -> dict[str, Any]:
    """The whole workspace as an interchange document (plain JSON-ready data)."""
    with ws.read() as session:
        info = _rows(session, "workspace_info")[0]
        settings = WorkspaceSettings.model_validate(
            {k: v for k, v in info.items() if k in WorkspaceSettings.model_fields}
        ).model_dump(mode="json")
        document: dict[str, Any] = {
            "format_version": FORMAT_VERSION,
            "generator": f"Handover Planner {__version__}",
            "workspace": settings,
        }
        for section, kind_name in SECTIONS.items():
            document[section] = _records(session, kind_name)
        if include_audit:
            events = session.execute(select(AuditEvent).order_by(AuditEvent.seq)).scalars()  # type: ignore[arg-type]
            document["audit"] = [
                AuditRecord.model_validate(
                    {
                        **event.model_dump(),
                        "before": json.loads(event.before) if event.before else None,
                        "after": json.loads(event.after) if event.after else None,
                    }
                ).model_dump(mode="json")
                for event in events
            ]
    return document


def dumps(document: dict[str, Any]) -> bytes:
    """Stable text: sorted keys, two-space indent, UTF-8, a final newline."""
    return (json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


def export_json(ws: Workspace, target: Path, *, include_audit: bool = False) -> int:
    """Write the workspace to ``target`` atomically; return the number of bytes written."""
    data = dumps(export_document(ws, include_audit=include_audit))
    with atomic_write(target) as handle:
        handle.write(data)
    return len(data)
