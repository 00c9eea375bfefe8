"""Exporting a workspace to the JSON interchange format."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from planner import __version__
from planner.domain.interchange import (
    FORMAT_VERSION,
    RECORD_MODELS,
    SECTIONS,
    AuditRecord,
    WorkspaceSettings,
)
from planner.export.atomic import atomic_write
from planner.store.dump import read_dump
from planner.store.workspace import Workspace


def export_document(ws: Workspace, *, include_audit: bool = False) -> dict[str, Any]:
    """The whole workspace as an interchange document (plain JSON-ready data)."""
    dump = read_dump(ws, ["workspace_info", *SECTIONS.values()], include_audit=include_audit)
    info = dump.rows["workspace_info"][0]
    settings = WorkspaceSettings.model_validate(
        {k: v for k, v in info.items() if k in WorkspaceSettings.model_fields}
    ).model_dump(mode="json")
    document: dict[str, Any] = {
        "format_version": FORMAT_VERSION,
        "generator": f"Handover Planner {__version__}",
        "workspace": settings,
    }
    for section, kind_name in SECTIONS.items():
        model = RECORD_MODELS[kind_name]
        # Row versions belong to one workspace's history, not to the plan: not exported.
        document[section] = [
            model.model_validate({k: v for k, v in row.items() if k != "version"}).model_dump(
                mode="json"
            )
            for row in dump.rows[kind_name]
        ]
    if dump.audit is not None:
        document["audit"] = [
            AuditRecord.model_validate(
                {
                    **event,
                    "before": json.loads(event["before"]) if event["before"] else None,
                    "after": json.loads(event["after"]) if event["after"] else None,
                }
            ).model_dump(mode="json")
            for event in dump.audit
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
