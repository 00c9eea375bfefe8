"""The toolbar: its buttons stay where they are while the undo history names change."""

from __future__ import annotations

from typing import Any

from main_window_fixtures import (
    _demo_original,
    boxes,
    demo_path,
    make_window,
    window,
    window_settings,
)

from planner.operations import update_entity

__all__ = ["_demo_original", "boxes", "demo_path", "make_window", "window", "window_settings"]


def _button(window: Any, name: str) -> Any:
    action = next(a for a in window.toolbar.actions() if a.objectName() == name)
    return window.toolbar.widgetForAction(action)


def test_undo_and_redo_buttons_keep_their_label_and_place(qtbot: Any, window: Any) -> None:
    undo, redo = _button(window, "toolbar_undo"), _button(window, "toolbar_redo")
    board = _button(window, "open_board")
    assert undo.text() == "Undo"
    assert not undo.isEnabled()
    place = board.geometry()
    document = window.document
    system_id = window.navigator.current_system
    document.run(
        update_entity,
        kind_name="system",
        entity_id=system_id,
        values={"purpose": "A long purpose", "workflow": "and a workflow too"},
    )
    qtbot.waitUntil(undo.isEnabled)
    # The name of the step is in the tooltip and the Edit menu, not on the button.
    assert undo.text() == "Undo"
    assert "Edit purpose, workflow" in undo.toolTip()
    assert "Edit purpose, workflow" in window.undo_action.text()
    window.toolbar.layout().activate()
    assert board.geometry() == place
    undo.click()
    assert redo.isEnabled()
    assert redo.text() == "Redo"
    assert "Edit purpose, workflow" in redo.toolTip()
    assert document.plan.systems[system_id].system.purpose != "A long purpose"
