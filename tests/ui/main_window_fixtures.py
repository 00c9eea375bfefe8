"""Fixtures shared by the main-window tests: demo workspaces, a window, message boxes."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest


def make_demo(path: Path, systems: int = 6) -> Path:
    from planner.demo import create_demo
    from planner.store.workspace import create_workspace

    with create_workspace(path, actor="tester") as ws:
        create_demo(ws, systems=systems, seed=1)
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class MessageBoxes:
    """Records every QMessageBox shown and answers it without blocking."""

    def __init__(self) -> None:
        self.shown: list[tuple[str, str]] = []
        self.answer: Any = None

    def texts(self) -> list[str]:
        return [text for _title, text in self.shown]


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> MessageBoxes:
    from PySide6.QtWidgets import QMessageBox

    record = MessageBoxes()
    record.answer = QMessageBox.StandardButton.Yes

    def fake_exec(box: QMessageBox) -> int:
        record.shown.append((box.windowTitle(), box.text()))
        return int(record.answer.value if hasattr(record.answer, "value") else record.answer)

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return record


@pytest.fixture
def window_settings(tmp_path: Path) -> Any:
    from PySide6.QtCore import QSettings

    from planner.ui.settings import WindowSettings

    return WindowSettings(QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat))


@pytest.fixture(scope="session")
def _demo_original(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_demo(tmp_path_factory.mktemp("demo") / "demo.handover")


@pytest.fixture
def demo_path(tmp_path: Path, _demo_original: Path) -> Path:
    """A private copy of the six-system demo (built once: the file is closed, so a copy is safe)."""
    import shutil

    return Path(shutil.copyfile(_demo_original, tmp_path / "demo.handover"))


@pytest.fixture
def make_window(qtbot: Any, window_settings: Any) -> Iterator[Any]:
    from planner.preferences import Preferences
    from planner.ui.main_window import MainWindow

    windows: list[MainWindow] = []

    def make(path: Path | None = None, **kwargs: Any) -> MainWindow:
        window = MainWindow(preferences=Preferences(), settings=window_settings)
        qtbot.addWidget(window)
        windows.append(window)
        if path is not None:
            assert window.open_path(path, **kwargs)
        window.show()
        return window

    yield make
    for window in windows:
        window.set_document(None)


@pytest.fixture
def window(make_window: Any, demo_path: Path) -> Any:
    return make_window(demo_path)
