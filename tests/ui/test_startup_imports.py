"""Start-up stays lazy: the window paints before the store, SQLModel and the analysis load."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from main_window_fixtures import _demo_original, boxes, demo_path, window_settings

from planner import APP_NAME

__all__ = ["_demo_original", "boxes", "demo_path", "window_settings"]

HEAVY = ("sqlalchemy", "sqlmodel", "pydantic", "planner.store.workspace", "planner.analysis")

PROBE = """
import sys
import planner.app
import planner.ui.main_window
heavy = {heavy!r}
print(",".join(name for name in heavy if name in sys.modules))
"""


def test_main_window_module_does_not_import_the_store() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=HEAVY)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    loaded = [name for name in result.stdout.strip().split(",") if name]
    assert loaded == [], f"imported at start-up, before the first paint: {loaded}"


def test_window_shows_opening_then_the_workspace(
    qtbot: Any, demo_path: Path, window_settings: Any
) -> None:
    from planner.app import show_window
    from planner.preferences import Preferences

    window: Any = show_window(demo_path, preferences=Preferences(), settings=window_settings)
    qtbot.addWidget(window)
    assert window.opening is not None
    assert window.pages.currentWidget() is window.opening
    assert window.opening.text() == "Opening demo.handover…"
    assert window.windowTitle() == f"demo — {APP_NAME}"
    assert not window.export_json_action.isEnabled()
    qtbot.waitUntil(lambda: window.document is not None, timeout=10_000)
    assert window.opening is None
    assert window.pages.currentWidget() is window.splitter
    assert window.navigator is not None
    assert window.findings is not None
    assert window.windowTitle().startswith("demo")
    assert window.export_json_action.isEnabled()
    window.set_document(None)


def test_window_returns_to_welcome_when_the_file_cannot_open(
    qtbot: Any, tmp_path: Path, window_settings: Any, boxes: Any
) -> None:
    from planner.app import show_window
    from planner.preferences import Preferences

    bad = tmp_path / "broken.handover"
    bad.write_bytes(b"not a workspace")
    window: Any = show_window(bad, preferences=Preferences(), settings=window_settings)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.opening is None, timeout=10_000)
    assert boxes.shown, "the refusal was explained"
    assert window.document is None
    assert window.pages.currentWidget() is window.welcome
    assert window.windowTitle() == APP_NAME
    assert bad.read_bytes() == b"not a workspace"


def test_create_on_start_creates_the_missing_file(
    qtbot: Any, tmp_path: Path, window_settings: Any
) -> None:
    from planner.app import show_window
    from planner.preferences import Preferences

    path = tmp_path / "fresh.handover"
    window: Any = show_window(
        path, create=True, preferences=Preferences(), settings=window_settings
    )
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.document is not None, timeout=10_000)
    assert path.exists()
    window.set_document(None)
