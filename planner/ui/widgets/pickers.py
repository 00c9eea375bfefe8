"""Combo boxes that pick a person, a team, either, or an enum member by its label.

Item data is always a string: "" stands for "none" and assignees are "person:<id>" or
"team:<id>". Handing Python None or tuples to QComboBox item data makes PySide6 drop a
reference to None on every clear() (seen as "deallocating None" crashes after a while).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QWidget

from planner.domain.enums import LabelledEnum
from planner.domain.plan import Plan

NONE_TEXT = "—"
_NONE = ""


def _select(combo: QComboBox, value: Any) -> None:
    index = combo.findData(_NONE if value is None else str(value))
    combo.setCurrentIndex(max(index, 0))


def combo_value(combo: QComboBox) -> str | None:
    """The id or enum value chosen in a picker; None for "none" or an empty combo."""
    data = combo.currentData()
    return str(data) if data else None


def assignee_value(combo: QComboBox) -> tuple[str, str] | None:
    """("person" | "team", id) chosen in a picker filled by ``fill_assignees``."""
    data = combo_value(combo)
    if data is None:
        return None
    kind, _sep, assignee_id = data.partition(":")
    return kind, assignee_id


def fill_people(
    combo: QComboBox, plan: Plan, *, optional: bool, current: str | None = None
) -> None:
    """Offer active people by name (an inactive current choice stays listed, marked)."""
    combo.clear()
    if optional:
        combo.addItem(NONE_TEXT, _NONE)
    for person in sorted(plan.people.values(), key=lambda p: (str(p.name).casefold(), p.id)):
        if person.active:
            combo.addItem(str(person.name), str(person.id))
        elif person.id == current:
            combo.addItem(f"{person.name} (inactive)", str(person.id))
    _select(combo, current)


def fill_teams(combo: QComboBox, plan: Plan, *, optional: bool, current: str | None = None) -> None:
    combo.clear()
    if optional:
        combo.addItem(NONE_TEXT, _NONE)
    for team in sorted(plan.teams.values(), key=lambda t: (str(t.name).casefold(), t.id)):
        combo.addItem(str(team.name), str(team.id))
    _select(combo, current)


def fill_assignees(
    combo: QComboBox, plan: Plan, *, exclude: set[tuple[str, str]] | None = None
) -> None:
    """Offer active people, then teams; read the choice with ``assignee_value``."""
    taken = exclude or set()
    combo.clear()
    for person in sorted(plan.people.values(), key=lambda p: (str(p.name).casefold(), p.id)):
        if person.active and ("person", person.id) not in taken:
            combo.addItem(str(person.name), f"person:{person.id}")
    for team in sorted(plan.teams.values(), key=lambda t: (str(t.name).casefold(), t.id)):
        if ("team", team.id) not in taken:
            combo.addItem(f"{team.name} (team)", f"team:{team.id}")


def fill_enum(
    combo: QComboBox, enum: type[LabelledEnum], *, optional: bool, current: Any = None
) -> None:
    combo.clear()
    if optional:
        combo.addItem(NONE_TEXT, _NONE)
    for member in enum:
        combo.addItem(member.label, str(member.value))
    _select(combo, current.value if isinstance(current, LabelledEnum) else current)


class EnumCombo(QComboBox):
    """A combo of an enum's members, shown by label; ``value()`` is the member's value."""

    def __init__(
        self, enum: type[LabelledEnum], *, optional: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.enum = enum
        fill_enum(self, enum, optional=optional)

    def value(self) -> str | None:
        return combo_value(self)

    def set_value(self, value: Any) -> None:
        _select(self, value.value if isinstance(value, LabelledEnum) else value)
