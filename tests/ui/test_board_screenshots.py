"""Renders the board as the packaging screenshots show it: light, dark, and zoomed for a projector.

Every run renders the three images into a temporary folder and checks their size; with
``BOARD_SCREENSHOTS=1`` in the environment they are written to packaging/screenshots/.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from planner.ui.board.board_window import BoardWindow
from planner.ui.workspace_document import WorkspaceDocument

pytestmark = pytest.mark.qt_log_ignore(
    "OpenType support missing", "does not support raise", "does not support grabbing"
)

SCREENSHOTS = Path(__file__).resolve().parents[2] / "packaging" / "screenshots"
MAX_BYTES = 400 * 1024


def dark_palette() -> QPalette:
    palette = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#1E2126",
        QPalette.ColorRole.WindowText: "#F2F4F7",
        QPalette.ColorRole.Base: "#15171B",
        QPalette.ColorRole.AlternateBase: "#23272E",
        QPalette.ColorRole.Text: "#F2F4F7",
        QPalette.ColorRole.Button: "#2B2F36",
        QPalette.ColorRole.ButtonText: "#F2F4F7",
        QPalette.ColorRole.Highlight: "#3D8BFD",
        QPalette.ColorRole.HighlightedText: "#000000",
        QPalette.ColorRole.PlaceholderText: "#9AA3AD",
        QPalette.ColorRole.ToolTipBase: "#2B2F36",
        QPalette.ColorRole.ToolTipText: "#F2F4F7",
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    return palette


def workshop_in_progress(qtbot: Any, board: BoardWindow) -> None:
    """A few minutes into a session: letters typed, a new person, a parked question."""
    grid = board.grid
    for row, column, key in ((1, 0, Qt.Key.Key_C), (2, 1, Qt.Key.Key_I), (5, 0, Qt.Key.Key_A)):
        grid.go_to(row, column)
        qtbot.keyClick(grid, key)
    grid.go_to(0, board.grid_model.add_column)
    grid.setFocus()
    for char in "Priya Shah":
        qtbot.keyClick(QApplication.focusWidget(), char)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    QApplication.processEvents()
    qtbot.keyClick(grid, Qt.Key.Key_R)
    board.level_entry.setFocus()
    qtbot.keyClicks(board.level_entry, "Priya Shah +20")
    qtbot.keyClick(board.level_entry, Qt.Key.Key_Return)
    board.parking_entry.setFocus()
    qtbot.keyClicks(board.parking_entry, "Who signs off the retraining budget? !2026-12-15")
    qtbot.keyClick(board.parking_entry, Qt.Key.Key_Return)
    board.cards.setCurrentIndex(board.card_model.index(0))
    grid.go_to(1, 0)
    grid.horizontalScrollBar().setValue(0)
    grid.setFocus()


@pytest.mark.parametrize(
    ("name", "dark", "zoom", "size"),
    [
        ("board.png", False, 1.0, (1600, 900)),
        ("board-dark.png", True, 1.0, (1600, 900)),
        ("board-zoomed.png", False, 1.6, (1920, 1080)),  # a projector's resolution
    ],
)
def test_board_screenshot(
    qtbot: Any,
    demo_ws: Any,
    tmp_path: Path,
    name: str,
    dark: bool,
    zoom: float,
    size: tuple[int, int],
):
    document = WorkspaceDocument(demo_ws)
    # A live system with a thin SEV1 chain, and a directory the test fonts can draw.
    system = document.plan.system_named("Help Centre Assistant")
    assert system is not None
    board = BoardWindow(document, system.id)
    qtbot.addWidget(board)
    if dark:
        board.setPalette(dark_palette())
    board.resize(*size)
    with qtbot.waitActive(board):
        board.show()
        board.activateWindow()
    board.set_zoom(zoom)
    workshop_in_progress(qtbot, board)
    QApplication.processEvents()

    folder = SCREENSHOTS if os.environ.get("BOARD_SCREENSHOTS") == "1" else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    assert board.grab().save(str(target), "PNG", 0)
    assert 0 < target.stat().st_size < MAX_BYTES
