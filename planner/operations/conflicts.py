"""The sentence for an edit refused because another writer changed or deleted the row first."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from sqlmodel import Session

from planner.domain.errors import ConflictError
from planner.domain.models import AuditEvent
from planner.domain.registry import kind, short_name
from planner.domain.wording import actor_name, as_sentence, field_label, in_running_text, listed
from planner.store.audit import last_event_about, recent_events

_REMOVING = ("delete_", "unassign_raci", "undo", "redo")


def _named(kind_name: str, values: Mapping[str, Any] | None) -> str:
    """The row as a sentence names it: "the AI system 'Claims Copilot'"."""
    label = in_running_text(kind(kind_name).label)
    shown = short_name(values)
    return f"the {label} '{shown}'" if shown else f"the {label}"


def _who(event: AuditEvent) -> str:
    """Who wrote ``event``, to start a sentence ("Another user (no name set)" for none)."""
    return as_sentence(actor_name(event.actor), keep=(event.actor,))


def _clock(at: dt.datetime) -> str:
    """A stored (UTC) time as the user's local wall-clock time; the date if not today."""
    local = at.replace(tzinfo=dt.UTC).astimezone()
    today = dt.datetime.now(local.tzinfo).date()
    if local.date() == today:
        return f"at {local:%H:%M}"
    return f"on {local.day} {local:%b} at {local:%H:%M}"


def _fields_of(event: AuditEvent) -> str:
    after = json.loads(event.after) if event.after else None
    if not isinstance(after, dict) or not after:
        return ""
    names = [field_label(name) for name in sorted(after)]
    return f"the {listed(names)} of "


def _what(event: AuditEvent, row: str) -> str:
    """What the other writer did, as a verb phrase ("changed the purpose of ...")."""
    operation = event.operation
    if operation.startswith("update_"):
        return f"changed {_fields_of(event)}{row}"
    if operation in ("assign_raci", "unassign_raci"):
        return _raci_what(event)
    if operation.startswith("delete_"):
        return f"deleted {row}"
    if operation == "undo":
        return f"undid a change to {row}"
    if operation == "redo":
        return f"redid a change to {row}"
    return f"changed {row}"


def _raci_what(event: AuditEvent) -> str:
    after = json.loads(event.after) if event.after else {}
    assignee = after.get("assignee", "someone")
    activity = str(after.get("activity", "an activity")).replace("_", " ")
    if after.get("role"):
        return f"set {assignee} to {after['role']} for {activity}"
    return f"cleared the role of {assignee} for {activity}"


def cleared_cell_error(
    session: Session, *, system_id: str, activity_key: str, assignee: str
) -> ConflictError:
    """A RACI edit of a cell that another writer cleared since it was shown."""
    for event in recent_events(session, system_id=system_id, limit=500):
        before = json.loads(event.before) if event.before else {}
        if (
            event.operation == "unassign_raci"
            and isinstance(before, dict)
            and (before.get("activity"), before.get("assignee")) == (activity_key, assignee)
        ):
            return ConflictError(
                f"{_who(event)} {_raci_what(event)} {_clock(event.at)} while you were "
                "editing; your change was not saved and the page now shows theirs."
            )
    return ConflictError(
        f"Someone else cleared the role of {assignee} for {activity_key.replace('_', ' ')} "
        "while you were editing; your change was not saved and the page now shows theirs."
    )


def conflict_error(
    session: Session, kind_name: str, entity_id: str, current: Mapping[str, Any] | None
) -> ConflictError:
    """Why an edit of a row was refused, read from the audit trail: who changed what, when.

    ``current`` is the row as it is now (None: someone deleted it).
    """
    written = current.get("updated_at") if current is not None else None
    event = last_event_about(session, entity_id, written_at=written)
    if current is None:
        # Only an event that removes rows can have deleted it (a cascade names its root).
        removed = event if event is not None and event.operation.startswith(_REMOVING) else None
        row = _named(kind_name, _deleted_values(removed))
        who = (
            f" by {actor_name(removed.actor)} {_clock(removed.at)}"
            if removed
            else " by someone else"
        )
        return ConflictError(
            f"{row[:1].upper()}{row[1:]} was deleted{who} while you were editing; "
            "your change was not saved and the page now shows the plan without it."
        )
    row = _named(kind_name, current)
    if event is None:
        return ConflictError(
            f"Someone else changed {row} while you were editing; your change was not saved "
            "and the page now shows theirs."
        )
    return ConflictError(
        f"{_who(event)} {_what(event, row)} {_clock(event.at)} while you were editing; "
        "your change was not saved and the page now shows theirs."
    )


def changed_since_error(
    session: Session, kind_name: str, entity_id: str, current: Mapping[str, Any]
) -> ConflictError:
    """An undo or redo of a step whose row was changed since by something else."""
    event = last_event_about(session, entity_id, written_at=current.get("updated_at"))
    who = f" (by {actor_name(event.actor)} {_clock(event.at)})" if event is not None else ""
    row = _named(kind_name, current)
    return ConflictError(
        f"{row[:1].upper()}{row[1:]} was changed since{who}; this step can no longer be undone"
    )


def _deleted_values(event: AuditEvent | None) -> Mapping[str, Any] | None:
    if event is None or not event.before:
        return None
    values = json.loads(event.before)
    return values if isinstance(values, dict) else None
