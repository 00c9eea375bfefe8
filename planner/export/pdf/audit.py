"""The recent audit trail a pack prints in its document-control table."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from planner.domain.registry import KINDS
from planner.domain.wording import key_words
from planner.store.audit import load_events
from planner.store.workspace import Workspace

AUDIT_LINES = 12


@dataclass(frozen=True)
class AuditLine:
    """One recent change, for the document-control table."""

    seq: int
    at: dt.datetime
    actor: str
    operation: str
    entity_type: str
    summary: str = ""

    def describe(self) -> str:
        """'Update: person 'Ana'' — what happened, in words."""
        what = key_words(self.operation)  # "import_raci" -> "import RACI", not "Import raci"
        what = what[:1].upper() + what[1:]
        entity = KINDS[self.entity_type].noun if self.entity_type in KINDS else self.entity_type
        text = f"{what}: {entity}" if entity.lower() not in what.lower() else what
        return f"{text} {self.summary}".strip()


def load_audit(
    ws: Workspace, system_ids: Collection[str], *, limit: int = AUDIT_LINES
) -> dict[str, list[AuditLine]]:
    """The newest ``limit`` audit events of each system, newest first."""
    events = {sid: load_events(ws, system_id=sid, limit=limit) for sid in system_ids}
    return {
        system_id: [
            AuditLine(
                seq=e.seq,
                at=e.at,
                actor=e.actor,
                operation=e.operation,
                entity_type=e.entity_type,
                summary=audit_summary(e.before, e.after),
            )
            for e in entries
        ]
        for system_id, entries in events.items()
    }


def audit_summary(before: str | None, after: str | None) -> str:
    """A few words naming what an audit event touched (its name, title or changed fields)."""
    values: dict[str, Any] = {}
    for raw in (after, before):
        if not raw:
            continue
        try:
            loaded = json.loads(raw)
        except ValueError:
            continue
        if isinstance(loaded, dict):
            values = loaded
            break
    for field in ("name", "title", "text", "metric", "outputs"):
        if isinstance(values.get(field), str):
            return f"'{values[field][:80]}'"
    changed = [k for k in values if k not in ("id", "created_at", "updated_at", "system_id")]
    # Field names in words: "signed_hash" is the database's name, not the reader's.
    words = [key_words(name) for name in sorted(changed)[:5]]
    return f"({', '.join(words)})" if changed and len(changed) <= 5 else ""
