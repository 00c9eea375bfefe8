"""The Ownership and Sign-off pages fit a 1366x768 screen: no sideways scrolling of the page."""

from __future__ import annotations

from typing import Any

import pytest
from main_window_fixtures import _demo_original, demo_path, make_window, window, window_settings
from PySide6.QtWidgets import QApplication

__all__ = ["_demo_original", "demo_path", "make_window", "window", "window_settings"]


@pytest.mark.parametrize("key", ["ownership", "signoff"])
def test_the_page_does_not_scroll_sideways_at_1366x768(window: Any, key: str) -> None:
    window.resize(1366, 768)
    window.navigator.select_system(window.document.plan.system_named("Claims Triage").id)
    window.editor.show_page(key)
    QApplication.processEvents()
    scroller = window.editor.stack.currentWidget()
    page = window.editor.pages[key]
    assert scroller.widget() is page
    assert scroller.horizontalScrollBar().maximum() == 0, (
        page.minimumSizeHint().width(),
        scroller.viewport().width(),
    )
    assert window.width() <= 1366
