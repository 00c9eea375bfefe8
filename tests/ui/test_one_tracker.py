"""One tracker of findings: an edit is analysed once, however many views show findings."""

from __future__ import annotations

from typing import Any

import pytest
from main_window_fixtures import (
    _demo_original,
    boxes,
    demo_path,
    make_window,
    window,
    window_settings,
)
from PySide6.QtCore import Qt

from planner.analysis import engine
from planner.domain.enums import RaciRole
from planner.operations import assign_raci

__all__ = ["_demo_original", "boxes", "demo_path", "make_window", "window", "window_settings"]

pytestmark = pytest.mark.qt_log_ignore(
    "OpenType support missing", "does not support raise", "does not support grabbing"
)


@pytest.fixture
def analysis_runs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The id of every system analysed, as it happens (a whole analysis runs each one)."""
    runs: list[str] = []
    run_system = engine._run_system

    def counted(ctx: Any, system: Any) -> Any:
        runs.append(system.id)
        return run_system(ctx, system)

    monkeypatch.setattr(engine, "_run_system", counted)
    return runs


def _open_board(qtbot: Any, window: Any) -> Any:
    window.open_board()
    board = window.board
    qtbot.waitExposed(board)
    return board


def test_the_window_the_panel_and_the_board_share_one_tracker(qtbot: Any, window: Any) -> None:
    board = _open_board(qtbot, window)
    assert window.tracker is window.document.tracker
    assert board._tracker is window.tracker
    assert window.findings._tracker is window.tracker
    board.close()


def test_one_board_keystroke_is_analysed_once(
    qtbot: Any, window: Any, analysis_runs: list[str]
) -> None:
    board = _open_board(qtbot, window)
    analysis_runs.clear()
    grid = board.grid
    board.grid.go_to(1, 0)
    grid.setFocus()
    before = window.document.undo_stack.count()
    qtbot.keyClick(grid, Qt.Key.Key_I)
    assert window.document.undo_stack.count() == before + 1
    assert analysis_runs == [board.system_id]
    board.close()


def test_one_edit_with_every_view_open_is_analysed_once(
    qtbot: Any, window: Any, analysis_runs: list[str]
) -> None:
    board = _open_board(qtbot, window)
    document = window.document
    system = document.plan.systems[board.system_id]
    cell = next(r for r in system.raci if r.person_id and r.role != RaciRole.ACCOUNTABLE)
    analysis_runs.clear()
    document.run(
        assign_raci,
        system_id=system.id,
        activity_id=cell.activity_id,
        role="C" if cell.role != RaciRole.CONSULTED else "I",
        person_id=cell.person_id,
    )
    assert analysis_runs == [system.id]
    # ... and every view shows the result of that one run.
    score, blockers = window.tracker.readiness(system.id)
    assert window.navigator.model.row_data(system.id).score == score
    assert board.findings.blockers == blockers
    board.close()
