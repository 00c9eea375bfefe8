"""The findings panel is wide enough to read a finding, and grows with the window."""

from __future__ import annotations

from typing import Any

from main_window_fixtures import _demo_original, demo_path, make_window, window, window_settings
from PySide6.QtWidgets import QApplication

from planner.ui.models.findings_model import MESSAGE

__all__ = ["_demo_original", "demo_path", "make_window", "window", "window_settings"]


def _message_width(window: Any) -> int:
    QApplication.processEvents()
    return window.findings.view.header().sectionSize(MESSAGE)


def test_portfolio_findings_are_readable_and_grow_with_the_window(
    make_window: Any, demo_path: Any
) -> None:
    window = make_window()
    window.resize(1366, 768)  # opened on a laptop screen
    assert window.open_path(demo_path)
    window.findings.show_portfolio(True)
    chars = window.findings.view.fontMetrics().averageCharWidth()
    at_laptop = _message_width(window)
    assert at_laptop >= 24 * chars  # on two lines: about fifty characters of each finding
    panel_at_laptop = window.findings.width()
    window.resize(1920, 1080)
    assert _message_width(window) > at_laptop
    assert window.findings.width() > panel_at_laptop


def test_findings_show_two_lines(window: Any) -> None:
    view = window.findings.view
    assert view.model().rowCount() > 0
    line = view.fontMetrics().lineSpacing()
    assert view.sizeHintForRow(0) >= 2 * line


def test_each_finding_has_a_severity_icon(window: Any) -> None:
    from PySide6.QtCore import Qt

    from planner.ui.models.findings_model import SEVERITY

    model = window.findings.view.model()
    for row in range(model.rowCount()):
        icon = model.index(row, SEVERITY).data(Qt.ItemDataRole.DecorationRole)
        assert icon is not None
        assert not icon.isNull()
