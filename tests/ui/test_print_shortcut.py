"""Ctrl+Shift+P (Print pack) works on the People & teams page, wherever the focus is there."""

from __future__ import annotations

from typing import Any

from main_window_fixtures import _demo_original, demo_path, make_window, window, window_settings
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

__all__ = ["_demo_original", "demo_path", "make_window", "window", "window_settings"]


def _press_print(qtbot: Any, window: Any, widget: Any) -> list[str]:
    opened: list[str] = []
    window.files.export_pdf = lambda *_args: opened.append("print")
    window.activateWindow()
    widget.setFocus()
    QApplication.processEvents()
    focus = QApplication.focusWidget() or widget
    qtbot.keyClick(
        focus, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    return opened


def test_print_pack_is_bound_to_ctrl_shift_p(window: Any) -> None:
    from PySide6.QtGui import QKeySequence

    assert QKeySequence("Ctrl+Shift+P") in window.action("print").shortcuts()


def test_ctrl_shift_p_on_people_and_teams(qtbot: Any, window: Any) -> None:
    button = window.toolbar.widgetForAction(window.action("directory_view"))
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    directory = window.directory
    view = directory.people.view
    assert _press_print(qtbot, window, view) == ["print"]
    rect = view.visualRect(view.model().index(0, 1))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    editor = QApplication.focusWidget()
    assert editor is not view  # a cell editor is open
    assert _press_print(qtbot, window, editor) == ["print"]
    assert _press_print(qtbot, window, directory.teams.view) == ["print"]
    # Straight after switching pages, before any click in the page.
    qtbot.mouseClick(
        window.toolbar.widgetForAction(window.action("systems_view")), Qt.MouseButton.LeftButton
    )
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert _press_print(qtbot, window, QApplication.focusWidget() or window) == ["print"]


def test_ctrl_shift_p_on_the_workshop_board_prints_the_boards_system(
    qtbot: Any, window: Any
) -> None:
    asked: list[tuple[Any, Any]] = []
    window.files.export_pdf = lambda system_id=None, parent=None: asked.append((system_id, parent))
    window.open_board()
    board = window.board
    qtbot.waitExposed(board)
    other = window.document.plan.system_named("Colleague Copilot")
    board.switch_system(other.id)
    with qtbot.waitActive(board):
        board.activateWindow()
    board.grid.setFocus()
    qtbot.keyClick(
        board.grid,
        Qt.Key.Key_P,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert asked == [(other.id, board)]
    board.close()
