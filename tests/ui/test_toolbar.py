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


def test_every_toolbar_action_has_an_icon_and_a_tooltip_with_its_key(window: Any) -> None:
    from PySide6.QtCore import Qt

    actions = [a for a in window.toolbar.actions() if not a.isSeparator()]
    assert len(actions) >= 6
    for action in actions:
        assert not action.icon().isNull(), action.objectName()
        assert not action.icon().pixmap(24, 24).isNull(), action.objectName()
        assert action.toolTip().strip(), action.objectName()
        keys = action.shortcut().toString(action.shortcut().SequenceFormat.NativeText)
        if keys:
            assert keys in action.toolTip(), action.objectName()
    assert "Ctrl+Z" in _button(window, "toolbar_undo").toolTip()
    # Icons and words: the labels stay readable beside the icons.
    assert window.toolbar.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon


def test_toolbar_icons_follow_a_dark_palette(qtbot: Any, window_settings: Any) -> None:
    """Icons are drawn in the palette's text colour: light text on a dark palette."""
    from PySide6.QtGui import QColor, QGuiApplication, QPalette

    app = QGuiApplication.instance()
    before = app.palette()
    dark = QPalette(before)
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        dark.setColor(group, QPalette.ColorRole.ButtonText, QColor("#f0f0f0"))
        dark.setColor(group, QPalette.ColorRole.Button, QColor("#202020"))
    app.setPalette(dark)
    try:
        from planner.preferences import Preferences
        from planner.ui.main_window import MainWindow

        dark_window = MainWindow(preferences=Preferences(), settings=window_settings)
        qtbot.addWidget(dark_window)
        image = dark_window.action("board").icon().pixmap(24, 24).toImage()
        colours = {
            image.pixelColor(x, y).lightness()
            for x in range(24)
            for y in range(24)
            if image.pixelColor(x, y).alpha() > 200
        }
        assert colours
        assert min(colours) > 180
    finally:
        app.setPalette(before)
