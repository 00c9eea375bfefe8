"""One log for GUI and CLI; uncaught errors and failed background work land in it in full."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from planner import logs
from planner.ui import crash_handler
from planner.ui.background_task import BackgroundTask


@pytest.fixture
def log_file() -> Iterator[Path]:
    path = logs.setup_logging()
    yield path
    logger = logging.getLogger("planner")
    if logs._handler is not None:
        logger.removeHandler(logs._handler)
        logs._handler.close()
        logs._handler = None


def _raise_deep() -> None:
    raise ValueError("first line\nsecond line of the message")


def test_the_log_lives_in_the_user_log_folder(log_file: Path) -> None:
    assert log_file.name == "handover-planner.log"
    assert "handover-planner" in str(log_file.parent)
    assert logs.setup_logging() == log_file  # a second call adds no second handler
    assert sum(h is logs._handler for h in logging.getLogger("planner").handlers) == 1


def test_uncaught_error_is_logged_and_shown_with_the_log_path(
    log_file: Path, qapp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        "planner.ui.dialogs.message_boxes.show_error",
        lambda _parent, title, text, detail="": shown.append((title, text)),
    )
    try:
        _raise_deep()
    except ValueError:
        crash_handler.handle_uncaught(*sys.exc_info())  # type: ignore[arg-type]
    text = log_file.read_text(encoding="utf-8")
    assert "Traceback" in text
    assert "_raise_deep" in text
    assert "second line of the message" in text
    assert len(shown) == 1
    assert str(log_file) in shown[0][1]
    assert "ValueError" in shown[0][1]


def test_install_replaces_the_default_hook(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.__excepthook__)
    crash_handler.install_excepthook()
    assert sys.excepthook is crash_handler.handle_uncaught


def test_failed_background_work_logs_the_whole_traceback(log_file: Path, qtbot: Any) -> None:
    def work(_control: Any) -> None:
        _raise_deep()

    task = BackgroundTask(work)
    with qtbot.waitSignal(task.failed) as blocker:
        task.start()
    assert blocker.args[0] == "first line"  # the user still reads one line
    task.wait()
    text = log_file.read_text(encoding="utf-8")
    assert "Traceback" in text
    assert "_raise_deep" in text
    assert "second line of the message" in text
