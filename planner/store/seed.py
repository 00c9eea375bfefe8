"""What a brand-new workspace contains before anyone edits it."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlmodel import Session

from planner.domain.activities import BUILTIN_ACTIVITIES
from planner.domain.models import Activity, WorkspaceInfo, utcnow
from planner.store.audit import append_event


def seed_new_workspace(engine: Engine, *, actor: str) -> None:
    """Workspace settings and the built-in activities, recorded as the first audit event."""
    now = utcnow()
    with Session(engine) as session, session.begin():
        session.add(WorkspaceInfo(created_at=now, updated_at=now))
        for position, (key, name, description) in enumerate(BUILTIN_ACTIVITIES):
            session.add(
                Activity(
                    key=key,
                    name=name,
                    description=description,
                    position=position,
                    builtin=True,
                    created_at=now,
                    updated_at=now,
                )
            )
        append_event(
            session,
            actor=actor,
            at=now,
            operation="create_workspace",
            entity_type="workspace_info",
        )
