"""A refused undo or redo leaves the undo history consistent and tells the user why."""

from __future__ import annotations

from typing import Any

from planner.operations import update_entity
from planner.store.plan_loader import load_plan


def _purpose(document: Any, system_id: str) -> str:
    return load_plan(document.ws).systems[system_id].system.purpose


def _edit_elsewhere(document: Any, system_id: str, purpose: str) -> None:
    """The same row changed by another route: another writer, not this window's history."""
    update_entity(document.ws, kind_name="system", entity_id=system_id, values={"purpose": purpose})


def test_refused_undo_drops_the_step_and_redo_never_writes_the_old_value(
    document: Any, qtbot: Any
) -> None:
    system_id = next(iter(document.plan.systems))
    original = _purpose(document, system_id)
    document.run(update_entity, kind_name="system", entity_id=system_id, values={"purpose": "Mine"})
    _edit_elsewhere(document, system_id, "Theirs")
    stack = document.undo_stack
    count = stack.count()
    with qtbot.waitSignal(document.failed) as blocker:
        stack.undo()
    message = blocker.args[0]
    assert "Edit purpose" in message
    assert "changed since" in message
    assert _purpose(document, system_id) == "Theirs"
    # The refused step is gone from the history, so Redo cannot replay it backwards.
    assert stack.count() == count - 1
    assert not stack.canRedo()
    stack.redo()
    assert _purpose(document, system_id) == "Theirs"
    assert original != "Theirs"


def test_refused_undo_keeps_earlier_steps_undoable(document: Any, qtbot: Any) -> None:
    first, second = list(document.plan.systems)[:2]
    before = _purpose(document, first)
    document.run(update_entity, kind_name="system", entity_id=first, values={"purpose": "One"})
    document.run(update_entity, kind_name="system", entity_id=second, values={"purpose": "Two"})
    _edit_elsewhere(document, second, "Other")
    with qtbot.waitSignal(document.failed):
        document.undo_stack.undo()
    assert document.undo_stack.canUndo()
    document.undo_stack.undo()
    assert _purpose(document, first) == before
    assert _purpose(document, second) == "Other"


def test_refused_redo_drops_the_step(document: Any, qtbot: Any) -> None:
    system_id = next(iter(document.plan.systems))
    document.run(update_entity, kind_name="system", entity_id=system_id, values={"purpose": "Mine"})
    document.undo_stack.undo()
    restored = _purpose(document, system_id)
    _edit_elsewhere(document, system_id, "Theirs")
    with qtbot.waitSignal(document.failed) as blocker:
        document.undo_stack.redo()
    assert "redo" in blocker.args[0].lower()
    assert not document.undo_stack.canRedo()
    assert document.undo_stack.index() == 0
    assert _purpose(document, system_id) == "Theirs" != restored


def test_a_macro_that_cannot_be_undone_is_left_whole(document: Any, qtbot: Any) -> None:
    first, second = list(document.plan.systems)[:2]
    with document.macro("Two edits"):
        document.run(update_entity, kind_name="system", entity_id=first, values={"purpose": "A"})
        document.run(update_entity, kind_name="system", entity_id=second, values={"purpose": "B"})
    _edit_elsewhere(document, first, "Other")
    with qtbot.waitSignal(document.failed):
        document.undo_stack.undo()
    # Nothing half-undone: the second edit (undone first) was put back.
    assert _purpose(document, second) == "B"
    assert _purpose(document, first) == "Other"
    assert document.undo_stack.count() == 0


def test_the_board_says_why_an_undo_was_refused(document: Any, qtbot: Any) -> None:
    from PySide6.QtCore import Qt

    from planner.ui.board.board_window import BoardWindow

    system = document.plan.system_named("Colleague Copilot")
    board = BoardWindow(document, system.id)
    qtbot.addWidget(board)
    document.run(update_entity, kind_name="system", entity_id=system.id, values={"purpose": "Mine"})
    _edit_elsewhere(document, system.id, "Theirs")
    with qtbot.waitActive(board):
        board.show()
        board.activateWindow()
    board.grid.setFocus()
    qtbot.keyClick(board.grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert board.message.text().startswith("Cannot undo")
    assert _purpose(document, system.id) == "Theirs"


def test_a_refusal_keeps_an_acronym_and_a_name_as_written(document: Any, qtbot: Any) -> None:
    # The reason continues the sentence after a colon: its first word is lowered as in
    # running text, but "AI system" must not turn into "aI system".
    with qtbot.waitSignal(document.failed) as blocker:
        document.report_refused("undo", "Edit purpose", "AI system 'Claims Triage' is locked.")
    assert ": AI system 'Claims Triage' is locked, so" in blocker.args[0]
    with qtbot.waitSignal(document.failed) as blocker:
        document.report_refused("undo", "Edit purpose", "The contact 'Ana' was deleted.")
    assert ": the contact 'Ana' was deleted, so" in blocker.args[0]
