"""Combo boxes that pick a person, a team, either, or an enum member by its label.

Item data is always a string: "" stands for "none" and assignees are "person:<id>" or
"team:<id>". Handing Python None or tuples to QComboBox item data makes PySide6 drop a
reference to None on every clear() (seen as "deallocating None" crashes after a while).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QWidget

from planner.domain.enums import LabelledEnum
from planner.domain.plan import Plan

NONE_TEXT = "—"
_NONE = ""
# How many characters of a name a picker shows before it elides; the full name is its tip.
PICKER_CHARACTERS = 24


def fit_to_width(combo: QComboBox, characters: int = PICKER_CHARACTERS) -> None:
    """Size a combo by a fixed number of characters, never by its longest entry.

    QComboBox's default sizes itself to its widest item when first shown, so one long
    name would widen every picker, its page and the window (and stay so after it goes).
    """
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(characters)


def _add(combo: QComboBox, text: str, data: str) -> None:
    """Add an entry whose full text is also its tooltip (the combo may elide it)."""
    if combo.sizeAdjustPolicy() != QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon:
        fit_to_width(combo)
    combo.addItem(text, data)
    combo.setItemData(combo.count() - 1, text, Qt.ItemDataRole.ToolTipRole)


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
    combo: QComboBox,
    plan: Plan,
    *,
    optional: bool,
    current: str | None = None,
    exclude: str | None = None,
) -> None:
    """Offer active people by name (an inactive current choice stays listed, marked)."""
    combo.clear()
    if optional:
        _add(combo, NONE_TEXT, _NONE)
    for person in sorted(plan.people.values(), key=lambda p: (str(p.name).casefold(), p.id)):
        if person.id == exclude:
            continue
        if person.active:
            _add(combo, str(person.name), str(person.id))
        elif person.id == current:
            _add(combo, f"{person.name} (inactive)", str(person.id))
    _select(combo, current)


def fill_teams(combo: QComboBox, plan: Plan, *, optional: bool, current: str | None = None) -> None:
    combo.clear()
    if optional:
        _add(combo, NONE_TEXT, _NONE)
    for team in sorted(plan.teams.values(), key=lambda t: (str(t.name).casefold(), t.id)):
        _add(combo, str(team.name), str(team.id))
    _select(combo, current)


def fill_assignees(
    combo: QComboBox, plan: Plan, *, exclude: set[tuple[str, str]] | None = None
) -> None:
    """Offer active people, then teams; read the choice with ``assignee_value``."""
    taken = exclude or set()
    combo.clear()
    for person in sorted(plan.people.values(), key=lambda p: (str(p.name).casefold(), p.id)):
        if person.active and ("person", person.id) not in taken:
            _add(combo, str(person.name), f"person:{person.id}")
    for team in sorted(plan.teams.values(), key=lambda t: (str(t.name).casefold(), t.id)):
        if ("team", team.id) not in taken:
            _add(combo, f"{team.name} (team)", f"team:{team.id}")


def fill_enum(
    combo: QComboBox, enum: type[LabelledEnum], *, optional: bool, current: Any = None
) -> None:
    combo.clear()
    if optional:
        _add(combo, NONE_TEXT, _NONE)
    for member in enum:
        _add(combo, member.label, str(member.value))
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
