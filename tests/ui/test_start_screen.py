"""The start screen: a template, the demo, a file or a recent one, by mouse and by keyboard."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from main_window_fixtures import _demo_original, boxes, demo_path, make_window, window_settings
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QFileDialog

from planner.domain.templates import load_templates
from planner.preferences import Preferences, data_dir, default_workspace_path, workspace_to_reopen
from planner.ui.start_screen import DEMO_FILE, DETAIL_ROLE, KEY_ROLE

__all__ = ["_demo_original", "boxes", "demo_path", "make_window", "window_settings"]


@pytest.fixture
def start(make_window: Any, qtbot: Any) -> Any:
    """A window with no workspace, at the laptop size, as on the first run."""
    window = make_window()
    window.resize(1366, 768)
    qtbot.waitExposed(window)
    assert window.pages.currentWidget() is window.welcome
    return window


def _row_of(choices: Any, key: str) -> int:
    return next(r for r in range(choices.count()) if choices.item(r).data(KEY_ROLE) == key)


def _click_row(qtbot: Any, choices: Any, row: int, *, double: bool = True) -> None:
    choices.scrollToItem(choices.item(row))
    centre: QPoint = choices.visualItemRect(choices.item(row)).center()
    qtbot.mouseClick(choices.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    if double:
        qtbot.mouseDClick(choices.viewport(), Qt.MouseButton.LeftButton, pos=centre)


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
def test_every_template_is_offered_with_its_whole_description(
    start: Any, qtbot: Any, size: tuple[int, int]
) -> None:
    start.resize(*size)
    qtbot.wait(10)
    choices = start.welcome.templates
    keys = [choices.item(r).data(KEY_ROLE) for r in range(choices.count())]
    assert keys == ["empty", *load_templates()]
    metrics = choices.fontMetrics()
    width = choices.viewport().width()
    for row in range(choices.count()):
        item = choices.item(row)
        rect = choices.visualItemRect(item)
        detail = item.data(DETAIL_ROLE)
        if item.data(KEY_ROLE) != "empty":
            assert detail == load_templates()[item.data(KEY_ROLE)].description
        needed = metrics.boundingRect(0, 0, width - 20, 10_000, Qt.TextFlag.TextWordWrap, detail)
        assert rect.height() >= needed.height() + metrics.lineSpacing(), item.text()
    # All of them in view at once, no scrolling needed at either size.
    assert choices.verticalScrollBar().maximum() == 0


def test_clicking_a_template_creates_its_workspace_in_the_data_folder(
    start: Any, qtbot: Any
) -> None:
    choices = start.welcome.templates
    template = load_templates()["customer_support_assistant"]
    _click_row(qtbot, choices, _row_of(choices, template.key))
    expected = data_dir() / f"{template.name}.handover"
    assert start.ws is not None
    assert start.ws.path.resolve() == expected.resolve()
    assert [s.name for s in start.document.plan.systems.values()] == [template.name]
    assert str(expected) in start.statusBar().currentMessage()
    assert start.pages.currentWidget() is start.splitter


def test_one_click_chooses_a_template_and_the_button_under_it_starts_it(
    start: Any, qtbot: Any
) -> None:
    """A single click only selects (double-click activates on most styles): a new user
    needs a button that says what happens next."""
    welcome = start.welcome
    choices = welcome.templates
    template = load_templates()["ai_copilot"]
    _click_row(qtbot, choices, _row_of(choices, template.key), double=False)
    assert start.ws is None or start.pages.currentWidget() is not start.splitter
    button = welcome.create_button
    assert button.isVisible()
    assert button.isEnabled()
    assert template.name in button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert start.ws is not None
    assert start.ws.path.name == f"{template.name}.handover"


def test_keyboard_arrows_and_enter_start_from_a_template(start: Any, qtbot: Any) -> None:
    choices = start.welcome.templates
    start.welcome.setFocus()
    assert choices.hasFocus()
    choices.setCurrentRow(0)
    qtbot.keyClick(choices, Qt.Key.Key_Down)
    qtbot.keyClick(choices, Qt.Key.Key_Down)
    name = choices.currentItem().text()
    qtbot.keyClick(choices, Qt.Key.Key_Return)
    assert start.ws is not None
    assert start.ws.path.name == f"{name}.handover"


def test_an_existing_file_is_never_overwritten(start: Any, qtbot: Any) -> None:
    taken = data_dir() / "Handover plan.handover"
    taken.parent.mkdir(parents=True, exist_ok=True)
    taken.write_bytes(b"someone's notes")
    choices = start.welcome.templates
    _click_row(qtbot, choices, _row_of(choices, "empty"))
    assert start.ws.path.name == "Handover plan 2.handover"
    assert taken.read_bytes() == b"someone's notes"
    assert start.document.plan.systems == {}


def test_the_demo_button_makes_the_demo_once_then_opens_it(start: Any, qtbot: Any) -> None:
    assert str(data_dir() / DEMO_FILE) in " ".join(
        label.text() for label in start.welcome.findChildren(type(start.welcome.where))
    )
    qtbot.mouseClick(start.welcome.demo_button, Qt.MouseButton.LeftButton)
    assert start.ws is not None
    assert start.ws.path.resolve() == (data_dir() / DEMO_FILE).resolve()
    assert len(start.document.plan.systems) == 6
    assert "demo" in start.statusBar().currentMessage()
    start.set_document(None)
    before = (data_dir() / DEMO_FILE).stat().st_mtime_ns
    qtbot.mouseClick(start.welcome.demo_button, Qt.MouseButton.LeftButton)
    assert len(start.document.plan.systems) == 6  # the same file, not a second demo
    assert sorted(p.name for p in data_dir().glob("*.handover")) == [DEMO_FILE]
    assert (data_dir() / DEMO_FILE).stat().st_mtime_ns >= before


def test_open_a_file_asks_for_one_and_opens_it(
    start: Any, qtbot: Any, demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def choose(*args: Any) -> tuple[str, str]:
        asked.append(args[1])
        return str(demo_path), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", choose)
    qtbot.mouseClick(start.welcome.open_button, Qt.MouseButton.LeftButton)
    assert asked == ["Open workspace"]
    assert start.ws.path.resolve() == demo_path.resolve()


def test_a_recent_file_opens_with_a_click(
    make_window: Any, qtbot: Any, demo_path: Path, window_settings: Any
) -> None:
    first = make_window(demo_path)
    first.set_document(None)  # closing it leaves it in the recent list
    recent = first.welcome.recent
    assert recent.isVisibleTo(first.welcome)
    assert recent.item(0).data(KEY_ROLE) == str(demo_path.resolve())
    assert recent.item(0).text() == demo_path.stem
    _click_row(qtbot, recent, 0)
    assert first.ws.path.resolve() == demo_path.resolve()


def test_no_recent_files_says_so(start: Any) -> None:
    assert not start.welcome.recent.isVisibleTo(start.welcome)
    assert start.welcome.recent_label.text() == "No recent workspaces yet."


def test_every_choice_has_a_mnemonic_and_is_reached_by_tab(start: Any, qtbot: Any) -> None:
    welcome = start.welcome
    assert welcome.demo_button.text() == "Open the &demo"
    assert welcome.open_button.text() == "&Open a file…"
    buddies = {label.buddy() for label in welcome.findChildren(type(welcome.where))}
    assert {welcome.templates, welcome.recent} <= buddies
    welcome.setFocus()
    order = [start.focusWidget()]
    for _ in range(3):
        qtbot.keyClick(start.focusWidget(), Qt.Key.Key_Tab)
        order.append(start.focusWidget())
    assert order == [
        welcome.templates,
        welcome.create_button,
        welcome.demo_button,
        welcome.open_button,
    ]
    # Enter on a focused button takes it (the demo here).
    qtbot.keyClick(welcome.demo_button, Qt.Key.Key_Return)
    assert start.ws is not None
    assert start.ws.path.name == DEMO_FILE


def test_alt_d_opens_the_demo(start: Any, qtbot: Any) -> None:
    start.activateWindow()
    start.welcome.setFocus()
    qtbot.keyClick(start.welcome.templates, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: start.ws is not None)
    assert start.ws.path.name == DEMO_FILE


def test_the_last_workspace_is_reopened_and_the_first_run_gets_the_start_screen(
    tmp_path: Path, demo_path: Path
) -> None:
    assert workspace_to_reopen() is None  # first run: nothing to reopen
    preferences = Preferences()
    preferences.add_recent(tmp_path / "gone.handover")
    preferences.add_recent(demo_path)
    preferences.save()
    assert workspace_to_reopen() == demo_path.resolve()
    demo_path.unlink()
    assert workspace_to_reopen() is None
    default_workspace_path().parent.mkdir(parents=True, exist_ok=True)
    default_workspace_path().write_bytes(b"")
    assert workspace_to_reopen() == default_workspace_path()


def test_a_server_used_last_is_reopened_by_its_address_without_a_password(
    monkeypatch: pytest.MonkeyPatch, demo_path: Path
) -> None:
    """A team workspace is a workspace like a file: used last, it is the one reopened (the
    window connects as File > Open recent does, asking for a password if the server wants
    one), not an older file further down the list."""
    import planner.app
    from planner import cli

    started: list[object] = []
    monkeypatch.setattr(planner.app, "run", lambda path: started.append(path) or 0)
    preferences = Preferences()
    preferences.add_recent(demo_path)
    preferences.add_recent("postgresql://ana:s3cret@db.example:6543/plans")
    preferences.save()
    assert workspace_to_reopen() == "postgresql://ana@db.example:6543/plans"
    assert cli.main([]) == 0
    assert started == ["postgresql://ana@db.example:6543/plans"]
    preferences.add_recent(demo_path)
    preferences.save()
    assert workspace_to_reopen() == demo_path.resolve()


def test_the_gui_command_opens_the_start_screen_on_the_first_run(
    monkeypatch: pytest.MonkeyPatch, demo_path: Path
) -> None:
    import planner.app
    from planner import cli

    started: list[Path | None] = []
    monkeypatch.setattr(planner.app, "run", lambda path: started.append(path) or 0)
    assert cli.main([]) == 0
    assert started == [None]
    assert not default_workspace_path().exists()  # nothing made behind the user's back
    preferences = Preferences()
    preferences.add_recent(demo_path)
    preferences.save()
    assert cli.main([]) == 0
    assert started[-1] == demo_path.resolve()
