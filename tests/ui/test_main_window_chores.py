"""The main window's chores: Edit > Hand over responsibilities."""

from __future__ import annotations

from typing import Any

from main_window_fixtures import _demo_original, demo_path, make_window, window, window_settings
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from planner.store.audit import recent_events

__all__ = ["_demo_original", "demo_path", "make_window", "window", "window_settings"]


def _later(act: Any) -> None:
    def poke() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, poke)
        else:
            act(dialog)

    QTimer.singleShot(0, poke)


def test_hand_over_from_the_edit_menu_is_one_undo_step(qtbot: Any, window: Any) -> None:
    window.handover_action.trigger()
    assert window.editor_stack.currentWidget() is window.directory
    assert "Select the person" in window.statusBar().currentMessage()

    plan = window.document.plan
    source = max(
        plan.people.values(),
        key=lambda p: sum(r.person_id == p.id for s in plan for r in s.raci if not s.system.locked),
    )
    assert window.directory.people.select_entity(source.id)
    team = next(iter(plan.teams.values()))

    def hand_over(dialog: Any) -> None:
        dialog.skip_locked_box.setChecked(True)
        dialog.target_box.setCurrentIndex(dialog.target_box.findText(f"Team: {team.name}"))
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)

    _later(hand_over)
    window.handover_action.trigger()
    with window.document.ws.read() as session:
        event = recent_events(session, limit=1)[0]
    assert event.operation == "reassign_responsibilities"
    assert window.undo_action.text().startswith("&Undo Hand over")
    held = [r for s in window.document.plan if not s.system.locked for r in s.raci]
    assert not [r for r in held if r.person_id == source.id]
    window.undo_action.trigger()
    held = [r for s in window.document.plan if not s.system.locked for r in s.raci]
    assert [r for r in held if r.person_id == source.id]


def test_an_ampersand_in_the_undo_text_is_shown_not_taken_as_a_shortcut_mark(
    window: Any,
) -> None:
    from planner.operations import update_entity

    team = next(iter(window.document.plan.teams.values()))
    window.document.run(
        update_entity, kind_name="team", entity_id=team.id, values={"name": "Risk & Audit"}
    )
    # Qt reads a single & in action text as a mnemonic and hides it; && shows one &.
    assert window.undo_action.text() == "&Undo Edit name of team 'Risk && Audit'"
