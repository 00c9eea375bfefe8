"""Ctrl+Z and Ctrl+Shift+Z undo and redo the workspace wherever the focus is.

The one exception is a text field holding typing not yet stored: its own undo comes first.
"""

from __future__ import annotations

from typing import Any

from main_window_fixtures import _demo_original, demo_path, make_window, window, window_settings
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

__all__ = ["_demo_original", "demo_path", "make_window", "window", "window_settings"]

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier


def _purpose_and_name(window: Any) -> tuple[Any, str]:
    system = window.document.plan.system_named("Claims Triage")
    window.navigator.select_system(system.id)
    window.editor.show_page("overview")
    QApplication.processEvents()
    return window.editor.pages["overview"], system.id


def _name(window: Any, system_id: str) -> str:
    return window.document.plan.systems[system_id].name


def _type_name(qtbot: Any, page: Any, text: str) -> Any:
    field = page.form.fields["name"].widget
    page.window().activateWindow()
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    return field


def _press(qtbot: Any, modifiers: Any) -> Any:
    focus = QApplication.focusWidget()
    assert focus is not None
    qtbot.keyClick(focus, Qt.Key.Key_Z, modifiers)
    QApplication.processEvents()
    return focus


def test_ctrl_z_after_the_toolbar_undo_undoes_the_next_step(qtbot: Any, window: Any) -> None:
    page, system_id = _purpose_and_name(window)
    _type_name(qtbot, page, "Claims Triage v2")
    _type_name(qtbot, page, "Claims Triage v3")
    assert _name(window, system_id) == "Claims Triage v3"
    twin = next(a for a in window.toolbar.actions() if a.objectName() == "toolbar_undo")
    qtbot.mouseClick(window.toolbar.widgetForAction(twin), Qt.MouseButton.LeftButton)
    assert _name(window, system_id) == "Claims Triage v2"
    focus = _press(qtbot, CTRL)
    assert _name(window, system_id) == "Claims Triage", focus.objectName()
    _press(qtbot, CTRL_SHIFT)
    assert _name(window, system_id) == "Claims Triage v2"


def test_ctrl_z_in_the_search_field_undoes_the_workspace(qtbot: Any, window: Any) -> None:
    page, system_id = _purpose_and_name(window)
    _type_name(qtbot, page, "Renamed")
    search = window.navigator.search
    search.setFocus()
    qtbot.keyClicks(search, "Cla")
    search.clear()
    _press(qtbot, CTRL)
    assert _name(window, system_id) == "Claims Triage"
    assert search.text() == ""


def test_typing_not_yet_stored_is_undone_by_its_field_first(qtbot: Any, window: Any) -> None:
    page, system_id = _purpose_and_name(window)
    _type_name(qtbot, page, "Renamed")
    field = page.form.fields["name"].widget
    qtbot.keyClicks(field, " again")
    _press(qtbot, CTRL)
    assert field.text() != "Renamed again"  # the field took back its own typing
    assert _name(window, system_id) == "Renamed"  # and the workspace kept the stored name


def test_a_refused_undo_is_told_once_in_the_editor_banner(
    qtbot: Any, window: Any, monkeypatch: Any
) -> None:
    from planner.operations import update_entity

    boxes: list[str] = []
    monkeypatch.setattr(
        "planner.ui.main_window.show_error", lambda _parent, _title, text, *_: boxes.append(text)
    )
    document = window.document
    system_id = window.editor.system_id
    document.run(update_entity, kind_name="system", entity_id=system_id, values={"purpose": "A"})
    # Another writer changes the same row: the undo is refused.
    update_entity(document.ws, kind_name="system", entity_id=system_id, values={"purpose": "B"})
    window.editor.setFocus()
    window.undo_action.trigger()
    QApplication.processEvents()
    assert window.editor.message_label.text().startswith("Cannot undo")
    assert boxes == [], "a message box on top of the banner says the same thing twice"
    # Where no banner shows it (the People & teams view), a message box still tells it.
    window.show_directory()
    document.run(update_entity, kind_name="system", entity_id=system_id, values={"purpose": "C"})
    update_entity(document.ws, kind_name="system", entity_id=system_id, values={"purpose": "D"})
    window.undo_action.trigger()
    assert len(boxes) == 1
    assert boxes[0].startswith("Cannot undo")
