"""The main window: title, menus, undo naming, preferences, help, layout memory, the board."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from main_window_fixtures import (
    _demo_original,
    boxes,
    demo_path,
    make_window,
    window,
    window_settings,
)
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QWidget

from planner.operations import update_entity
from planner.store.audit import recent_events
from planner.store.plan_loader import load_plan
from planner.store.workspace import open_workspace

__all__ = ["_demo_original", "boxes", "demo_path", "make_window", "window", "window_settings"]


def _later(act: Any) -> None:
    def poke() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, poke)
        else:
            act(dialog)

    QTimer.singleShot(0, poke)


def test_title_names_the_workspace(window: Any) -> None:
    assert window.windowTitle().startswith("demo (")
    assert window.windowTitle().endswith("— Handover Planner")
    assert "[read-only]" not in window.windowTitle()
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["&File", "&Edit", "&View", "&Help"]
    file_menu = window.menuBar().actions()[0].menu()
    texts = [a.text() for a in file_menu.actions() if not a.isSeparator()]
    assert "Open &recent" in texts
    assert not any(t.replace("&", "") == "Save" for t in texts)  # no Save: edits are committed


def test_undo_and_redo_name_the_action(qtbot: Any, window: Any) -> None:
    system_id = window.navigator.current_system
    window.document.run(
        update_entity, kind_name="system", entity_id=system_id, values={"purpose": "Sort claims"}
    )
    assert window.undo_action.isEnabled()
    assert "Edit purpose" in window.undo_action.text()
    window.activateWindow()
    window.navigator.view.setFocus()
    qtbot.keyClick(window.navigator.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert load_plan(window.document.ws).systems[system_id].system.purpose != "Sort claims"
    assert "Edit purpose" in window.redo_action.text()
    window.redo_action.trigger()
    assert load_plan(window.document.ws).systems[system_id].system.purpose == "Sort claims"


def test_preferences_set_the_actor_and_branding(qtbot: Any, window: Any, tmp_path: Path) -> None:
    from PySide6.QtGui import QColor, QImage

    logo = tmp_path / "logo.png"
    image = QImage(40, 20, QImage.Format.Format_RGB32)
    image.fill(QColor("#aa3300"))
    assert image.save(str(logo))
    (tmp_path / "notes.txt").write_text("not a logo", encoding="utf-8")

    def fill(dialog: Any) -> None:
        dialog.actor_edit.clear()
        qtbot.keyClicks(dialog.actor_edit, "Ana Workshop")
        dialog.organisation_edit.clear()
        qtbot.keyClicks(dialog.organisation_edit, "Acme <Health> & Co")
        dialog.colour_edit.setText("#aa3300")
        assert dialog.load_logo(logo)
        assert not dialog.load_logo(tmp_path / "notes.txt")
        dialog.accept()

    _later(fill)
    window.preferences_action.trigger()
    assert window.preferences.actor_name == "Ana Workshop"
    assert window.document.ws.actor == "Ana Workshop"
    info = load_plan(window.document.ws).info
    assert info.organisation == "Acme <Health> & Co"
    assert info.accent_colour == "#AA3300"
    assert info.logo == logo.read_bytes()
    assert info.logo_format == "png"
    with window.document.ws.read() as session:
        assert recent_events(session, limit=1)[0].actor == "Ana Workshop"
    assert "Acme <Health> & Co" in window.windowTitle()
    from planner.preferences import Preferences

    assert Preferences.load().actor_name == "Ana Workshop"


def test_where_is_my_workspace_file(qtbot: Any, window: Any, demo_path: Path) -> None:
    seen: dict[str, str] = {}

    def look(dialog: Any) -> None:
        seen["path"] = dialog.path_edit.text()
        qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
        dialog.reject()

    _later(look)
    window.help_action.trigger()
    assert seen["path"] == str(demo_path.resolve())
    assert QGuiApplication.clipboard().text() == str(demo_path.resolve())


def test_shortcuts_dialog_lists_the_actions(window: Any) -> None:
    seen: list[str] = []

    def look(dialog: Any) -> None:
        table = dialog.table
        seen.extend(table.item(r, 0).text() for r in range(table.rowCount()))
        dialog.reject()

    _later(look)
    window.shortcuts_action.trigger()
    assert "Undo" in seen
    assert "Workshop board" in seen
    assert "Add system" in seen


def test_layout_is_restored_on_next_start(make_window: Any, demo_path: Path) -> None:
    first = make_window(demo_path)
    first.resize(780, 560)  # inside the offscreen screen, which clamps restored geometry
    first.splitter.setSizes([250, 300, 230])
    sizes = first.splitter.sizes()
    size = first.size()
    chosen = first.navigator.model.system_id(2)
    first.navigator.select_system(chosen)
    first.close()
    second = make_window(demo_path)
    assert second.size() == size
    assert second.splitter.sizes() == sizes
    assert second.navigator.current_system == chosen


def test_new_workspace_from_a_template(make_window: Any, tmp_path: Path) -> None:
    window = make_window()
    assert window.pages.currentWidget() is window.welcome
    assert window.create_workspace_file(tmp_path / "new.handover", "document_extraction")
    plan = load_plan(window.document.ws)
    assert len(plan.systems) == 1
    assert window.navigator.model.rowCount() == 1
    assert window.windowTitle().startswith("new")
    assert str((tmp_path / "new.handover").resolve()) in window.preferences.recent_files


def test_new_workspace_from_the_demo(make_window: Any, tmp_path: Path) -> None:
    window = make_window()
    assert window.create_workspace_file(tmp_path / "demo.handover", "demo")
    plan = load_plan(window.document.ws)
    assert len(plan.systems) == 6
    complete = plan.system_named("Invoice Capture")
    assert complete is not None
    assert complete.system.locked  # signed off by its accountable people, so locked
    assert window.navigator.model.rowCount() == 6


def test_creating_over_an_existing_file_is_refused(
    make_window: Any, boxes: Any, demo_path: Path
) -> None:
    window = make_window()
    assert not window.create_workspace_file(demo_path)
    assert "already exists" in boxes.texts()[0]


def test_every_control_has_an_accessible_name(window: Any) -> None:
    mine = [window.navigator, window.findings]
    unnamed = []
    for pane in mine:
        for widget in pane.findChildren(QWidget):
            if not widget.isVisibleTo(window) or widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
                continue
            if isinstance(widget.parent(), QComboBox | QLineEdit):
                continue  # the parts of a compound control (its line edit, clear button)
            if not widget.accessibleName():
                unnamed.append(widget.objectName() or type(widget).__name__)
    assert not unnamed


def test_board_opens_and_returns_to_its_system(qtbot: Any, window: Any) -> None:
    window.board_action.trigger()
    board = window.board
    assert board is not None
    assert board.isFullScreen()
    other = window.navigator.model.system_id(3)
    if hasattr(board, "switch_system"):
        board.switch_system(other)
    else:
        other = window.navigator.current_system
    board.leave()
    assert window.board is None
    assert window.navigator.current_system == other


def test_save_a_copy_writes_a_workspace(
    window: Any, tmp_path: Path, monkeypatch: Any, boxes: Any
) -> None:
    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / "copy.handover"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    window.save_copy_action.trigger()
    with open_workspace(target, read_only=True) as copy:
        assert len(load_plan(copy).systems) == 6
    assert "Saved a copy" in window.statusBar().currentMessage()
    assert not boxes.shown


def test_open_recent_lists_and_opens(make_window: Any, demo_path: Path, tmp_path: Path) -> None:
    window = make_window(demo_path)
    assert window.create_workspace_file(tmp_path / "second.handover")
    window.recent_menu.aboutToShow.emit()
    labels = [a.text() for a in window.recent_menu.actions()]
    assert labels[0] == "&1 second.handover"
    assert labels[1] == "&2 demo.handover"
    window.recent_menu.actions()[1].trigger()
    assert window.document.ws.path == demo_path
    # Switching workspaces keeps the Edit menu whole.
    edit = [a for a in window.system_menu.actions()]
    separators = [a.isSeparator() for a in edit]
    # Undo Redo | Add Duplicate Delete | Find, Find anything | Hand over
    assert separators == [False, False, True, False, False, False, True, False, False, True, False]


def test_find_shortcut_focuses_the_search(qtbot: Any, window: Any) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.navigator.view.setFocus()
    qtbot.keyClick(window.navigator.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.navigator.search.hasFocus()
    qtbot.keyClicks(window.navigator.search, "forecast")
    assert window.navigator.model.rowCount() == 1


def test_tab_moves_through_the_navigator(qtbot: Any, window: Any) -> None:
    nav = window.navigator
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    nav.search.setFocus()
    order = [nav.search]
    for _ in range(3):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    assert order == [nav.search, nav.stage_filter, nav.owner_filter, nav.view]


def test_new_workspace_dialog_creates_from_a_template(
    qtbot: Any, make_window: Any, tmp_path: Path
) -> None:
    window = make_window()
    target = tmp_path / "Workshop.handover"

    def fill(dialog: Any) -> None:
        dialog.path_edit.setText(str(target))
        dialog.start_box.setCurrentIndex(dialog.start_box.findData("ai_copilot"))
        dialog.accept()

    _later(fill)
    window.new_action.trigger()
    assert window.document is not None
    assert window.document.ws.path == target
    assert [s.system.template for s in load_plan(window.document.ws)] == ["ai_copilot"]


def test_about_names_the_app(window: Any) -> None:
    seen: list[str] = []

    def look(dialog: Any) -> None:
        seen.append(dialog.windowTitle())
        dialog.reject()

    _later(look)
    window.about_action.trigger()
    assert seen == ["About Handover Planner"]


def test_directory_takes_the_room_and_systems_come_back(qtbot: Any, window: Any) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.editor_stack.currentWidget() is window.directory
    assert window.navigator.isHidden()
    assert window.findings.isHidden()
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.editor_stack.currentWidget() is window.editor
    assert not window.navigator.isHidden()
    assert not window.findings.isHidden()


def test_bundled_fonts_are_registered(qapp: Any) -> None:
    from PySide6.QtGui import QFontDatabase

    from planner.ui.fonts import register_fonts

    families = register_fonts()
    assert "DejaVu Sans" in families
    assert "DejaVu Sans" in QFontDatabase.families()
    assert register_fonts() == families  # once only


def test_about_says_version_format_and_where_files_live(window: Any, demo_path: Path) -> None:
    from PySide6.QtWidgets import QLabel

    from planner import __version__
    from planner.domain.interchange import FORMAT_VERSION
    from planner.preferences import config_dir, log_dir
    from planner.store.migrations import HEAD

    seen: list[str] = []

    def look(dialog: Any) -> None:
        seen.extend(label.text() for label in dialog.findChildren(QLabel))
        dialog.reject()

    _later(look)
    window.about_action.trigger()
    text = "\n".join(seen)
    assert f"Handover Planner {__version__}" in text
    assert f"schema {HEAD}; JSON format_version {FORMAT_VERSION}" in text
    assert str(demo_path.resolve()) in seen
    assert str(log_dir()) in seen
    assert str(config_dir() / "preferences.json") in seen


def test_preferences_edit_what_each_severity_means(qtbot: Any, window: Any) -> None:
    from planner.domain.enums import Severity
    from planner.domain.severities import DEFAULT_SEVERITY_DEFINITIONS

    meaning = "Claims cannot be scored: handlers work by hand. سيئ جدا"

    def fill(dialog: Any) -> None:
        edit = dialog.severity_edits[Severity.SEV1]
        assert edit.isEnabled()
        edit.setFocus()
        edit.selectAll()
        qtbot.keyClicks(edit, meaning.split(" سيئ")[0])
        edit.insertPlainText(" سيئ جدا")  # keyClicks types ASCII only, as a keyboard would map
        dialog.severity_edits[Severity.SEV3].clear()  # empty: the default prints
        dialog.accept()

    _later(fill)
    window.preferences_action.trigger()
    info = load_plan(window.document.ws).info
    assert info.sev1_definition == meaning
    assert info.sev3_definition == ""
    assert info.severity_definition(Severity.SEV3) == DEFAULT_SEVERITY_DEFINITIONS[Severity.SEV3]
    window.undo_action.trigger()
    assert load_plan(window.document.ws).info.sev1_definition != meaning


def test_a_severity_meaning_too_long_to_store_keeps_the_dialog_open(qtbot: Any) -> None:
    from types import SimpleNamespace

    from planner.domain.enums import Severity
    from planner.ui.dialogs.preferences_dialog import PreferencesDialog

    info = SimpleNamespace(organisation="", accent_colour="#1F5FAD", logo=None, logo_format=None)
    dialog = PreferencesDialog("Ana", info, False)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.severity_edits[Severity.SEV2].setPlainText("x" * 2_001)
    dialog.accept()
    assert dialog.isVisible()
    assert "shorten it to 2,000" in dialog.message.text()
    dialog.default_wording_button.click()
    assert dialog.branding_changes()["sev2_definition"].startswith("A major function")
    dialog.accept()
    assert not dialog.isVisible()
