"""The Qt binding itself: a release that corrupts reference counts would crash long sessions."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QWidget


def test_calls_returning_nothing_keep_none_alive(qtbot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    before = sys.getrefcount(None)
    for _ in range(5_000):
        widget.setEnabled(True)
    # PySide6 6.12.0 lost one reference per call; Python 3.11 aborts when None is freed.
    assert sys.getrefcount(None) >= before - 50
