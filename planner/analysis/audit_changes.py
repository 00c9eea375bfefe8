"""Audit events in words: what was done to what, and each field as "Owner: Ana → Ben".

Pure functions over an event's recorded JSON and the typed plan (to name the people,
teams, systems and activities that ids point to). The result is plain text for a view to
show as plain text.
"""

from __future__ import annotations

import dataclasses
import json
import typing
from dataclasses import dataclass
from enum import Enum
from typing import Any

from planner.domain.plan import Plan
from planner.domain.registry import KINDS, NAME_FIELDS
from planner.domain.wording import key_words

EMPTY = "—"
# Bookkeeping columns that say nothing to a reader.
_HIDDEN = frozenset({"id", "created_at", "updated_at", "system_id", "chain_id", "level_id"})
# The tamper evidence of a lock: the check verifies it; a reader learns nothing from it.
_SEAL = frozenset({"seal", "signed_seq", "signed_hash"})
_VERBS = {"create": "Add", "update": "Edit", "delete": "Delete"}
_OPERATIONS = {
    "assign_raci": "Assign RACI role",
    "unassign_raci": "Clear RACI role",
    "reassign_responsibilities": "Hand over responsibilities",
    "sign_off": "Sign off",
    "reopen_system": "Reopen signed-off plan",
    "undo": "Undo",
    "redo": "Redo",
}


@dataclass(frozen=True, slots=True)
class FieldChange:
    field: str
    before: str
    after: str

    def __str__(self) -> str:
        return f"{self.field}: {self.before} → {self.after}"


def _load(text: str | None) -> Any:
    if not text:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return text


def operation_label(operation: str) -> str:
    """ "update_document" -> "Edit document"; named operations by their own words."""
    if operation in _OPERATIONS:
        return _OPERATIONS[operation]
    verb, _, kind_name = operation.partition("_")
    if verb in _VERBS and kind_name in KINDS:
        label = KINDS[kind_name].label
        # Lower-case the noun as a sentence would, but leave an acronym ("AI system") be.
        noun = label if label[:2].isupper() else label[0].lower() + label[1:]
        return f"{_VERBS[verb]} {noun}"
    return _first_up(key_words(operation))  # "import_raci" -> "Import RACI", not "Raci"


def field_label(name: str) -> str:
    """ "owner_id" -> "Owner", "review_interval_days" -> "Review interval days"."""
    return _first_up(key_words(name.removesuffix("_id")))


def _first_up(words: str) -> str:
    return words[:1].upper() + words[1:]


def _enum_of(entity_type: str, name: str) -> type[Enum] | None:
    """The enum a field of an entity kind holds, to show its label instead of its key."""
    entity = KINDS.get(entity_type)
    field = entity.fields.model_fields.get(name) if entity is not None else None
    if field is None:
        return None
    for candidate in (field.annotation, *typing.get_args(field.annotation)):
        if isinstance(candidate, type) and issubclass(candidate, Enum):
            return candidate
        for inner in typing.get_args(candidate):  # list[RetrainingTrigger]
            if isinstance(inner, type) and issubclass(inner, Enum):
                return inner
    return None


def _label(enum: type[Enum] | None, value: Any) -> str | None:
    if enum is None:
        return None
    try:
        member = enum(value)
    except ValueError:
        return None
    return str(getattr(member, "label", member.value))


def value_text(plan: Plan, name: str, value: Any, enum: type[Enum] | None = None) -> str:
    """A recorded value as a reader knows it: names for ids, yes/no, one line for lists."""
    if value is None or value == "" or value == []:
        return EMPTY
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "; ".join(value_text(plan, name, v, enum) for v in value)
    if (label := _label(enum, value)) is not None:
        return label
    if isinstance(value, dict):
        # A lock's signatories ({"business_owner": person id}): roles and people by name.
        return ", ".join(
            f"{field_label(k)} {value_text(plan, f'{k}_id', v)}" for k, v in value.items()
        )
    text = str(value)
    if name.endswith("_id") or name in ("person", "team"):
        for names in (plan.people, plan.teams):
            if text in names:
                return str(names[text].name)
        if text in plan.systems:
            return plan.systems[text].name
        activity = next((a for a in plan.activities if a.id == text), None)
        if activity is not None:
            return str(activity.name)
    return text


def field_changes(
    plan: Plan, before: str | None, after: str | None, entity_type: str = ""
) -> list[FieldChange]:
    """Each recorded field whose value differs between before and after, in words."""
    old, new = _load(before), _load(after)
    if not isinstance(old, dict) and not isinstance(new, dict):
        if old is None and new is None:
            return []
        return [FieldChange("Value", value_text(plan, "", old), value_text(plan, "", new))]
    old = old if isinstance(old, dict) else {}
    new = new if isinstance(new, dict) else {}
    changes = []
    names = [*old, *(k for k in new if k not in old)]
    for name in names:
        if name in _HIDDEN or name in _SEAL or old.get(name) == new.get(name):
            continue
        if name.endswith("_id") and name.removesuffix("_id") in names:
            continue  # "person_id" beside "person": the name says it once

        enum = _enum_of(entity_type, name)
        before_text = value_text(plan, name, old.get(name), enum)
        after_text = value_text(plan, name, new.get(name), enum)
        if before_text != after_text:
            changes.append(FieldChange(field_label(name), before_text, after_text))
    return changes


def subject(before: str | None, after: str | None) -> str:
    """What the event was about, by its name or title when it recorded one ("" if none)."""
    for values in (_load(after), _load(before)):
        if isinstance(values, dict):
            for key in (*NAME_FIELDS, "person"):
                if isinstance(values.get(key), str) and values[key]:
                    return str(values[key])
    return ""


def entity_name(plan: Plan, entity_type: str, entity_id: str | None, system_id: str | None) -> str:
    """The current name or title of the row an event is about ("" if gone or nameless)."""
    if entity_id is None:
        return ""
    if entity_type in ("person", "team"):
        names = plan.people if entity_type == "person" else plan.teams
        return str(names[entity_id].name) if entity_id in names else ""
    system = plan.systems.get(system_id) if system_id else None
    if system is None:
        return ""
    if entity_type == "system":
        return system.name
    for part in dataclasses.fields(system):
        rows = getattr(system, part.name)
        if not isinstance(rows, tuple):
            continue
        for row in rows:
            if getattr(row, "id", None) == entity_id:
                for key in NAME_FIELDS:
                    if value := getattr(row, key, ""):
                        return str(value)
                return ""
    return ""
