"""The main window's chores: Edit > Hand over responsibilities."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from main_window_fixtures import _demo_original, demo_path, make_window, window, window_settings
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from planner.store.audit import recent_events

__all__ = ["_demo_original", "demo_path", "make_window", "window", "window_settings"]


def _later(act: Any) -> None:
    def poke() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, poke)
        else:
            act(dialog)

    QTimer.singleShot(0, poke)


def test_hand_over_from_the_edit_menu_is_one_undo_step(qtbot: Any, window: Any) -> None:
    window.handover_action.trigger()
    assert window.editor_stack.currentWidget() is window.directory
    assert "Select the person" in window.statusBar().currentMessage()

    plan = window.document.plan
    source = max(
        plan.people.values(),
        key=lambda p: sum(r.person_id == p.id for s in plan for r in s.raci if not s.system.locked),
    )
    assert window.directory.people.select_entity(source.id)
    team = next(iter(plan.teams.values()))

    def hand_over(dialog: Any) -> None:
        dialog.skip_locked_box.setChecked(True)
        dialog.target_box.setCurrentIndex(dialog.target_box.findText(f"Team: {team.name}"))
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)

    _later(hand_over)
    window.handover_action.trigger()
    with window.document.ws.read() as session:
        event = recent_events(session, limit=1)[0]
    assert event.operation == "reassign_responsibilities"
    assert window.undo_action.text().startswith("&Undo Hand over")
    held = [r for s in window.document.plan if not s.system.locked for r in s.raci]
    assert not [r for r in held if r.person_id == source.id]
    window.undo_action.trigger()
    held = [r for s in window.document.plan if not s.system.locked for r in s.raci]
    assert [r for r in held if r.person_id == source.id]


def test_an_ampersand_in_the_undo_text_is_shown_not_taken_as_a_shortcut_mark(
    window: Any,
) -> None:
    from planner.operations import update_entity

    team = next(iter(window.document.plan.teams.values()))
    window.document.run(
        update_entity, kind_name="team", entity_id=team.id, values={"name": "Risk & Audit"}
    )
    # Qt reads a single & in action text as a mnemonic and hides it; && shows one &.
    assert window.undo_action.text() == "&Undo Edit name of team 'Risk && Audit'"


def _find_dialog(qtbot: Any, window: Any) -> Any:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    dialog = window._find_anything
    qtbot.waitUntil(dialog.isVisible)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.search_edit)
    return dialog


def _shown(dialog: Any) -> list[str]:
    model = dialog.result_view.model()
    return [model.index(row).data() for row in range(model.rowCount())]


def test_ctrl_k_finds_a_document_and_enter_jumps_to_its_page_and_row(
    qtbot: Any, window: Any
) -> None:
    plan = window.document.plan
    system = next(s for s in plan if len(s.documents) > 1)
    document = system.documents[1]
    other = next(s for s in plan if s.id != system.id)
    window.navigator.select_system(other.id)

    dialog = _find_dialog(qtbot, window)
    qtbot.keyClicks(dialog.search_edit, str(document.title))
    shown = _shown(dialog)
    assert shown[0] == f"{document.title} — Document · {system.name}"
    qtbot.keyClick(dialog.search_edit, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert window.navigator.current_system == system.id
    assert window.editor.current_page() == "documentation"
    panel = window.editor.pages["documentation"].panels[0]
    assert panel.current_id() == document.id


def test_arrows_choose_a_person_and_the_directory_selects_them(qtbot: Any, window: Any) -> None:
    plan = window.document.plan
    chloe = next(p for p in plan.people.values() if p.name == "Chloé Rahman")
    dialog = _find_dialog(qtbot, window)
    qtbot.keyClicks(dialog.search_edit, "rahman")
    shown = _shown(dialog)
    target = next(i for i, text in enumerate(shown) if text.startswith("Chloé Rahman — Person"))
    for _ in range(target):
        qtbot.keyClick(dialog.search_edit, Qt.Key.Key_Down)
    assert dialog.result_view.currentIndex().row() == target
    assert QApplication.focusWidget() is dialog.search_edit  # typing can go on
    qtbot.keyClick(dialog.search_edit, Qt.Key.Key_Return)
    assert window.editor_stack.currentWidget() is window.directory
    assert window.directory.people.current_id() == chloe.id


def test_nothing_found_says_so_and_esc_closes(qtbot: Any, window: Any) -> None:
    dialog = _find_dialog(qtbot, window)
    assert dialog.status_label.text().startswith("Type to find")
    qtbot.keyClicks(dialog.search_edit, "<b>zzqx</b>")
    assert _shown(dialog) == []
    assert dialog.status_label.text() == "Nothing matches “<b>zzqx</b>”."
    assert dialog.status_label.textFormat() == Qt.TextFormat.PlainText
    qtbot.keyClick(dialog.search_edit, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_a_finding_is_found_and_opens_like_a_click_in_the_findings_panel(
    qtbot: Any, window: Any
) -> None:
    qtbot.waitUntil(lambda: window.tracker.analysis is not None)
    finding = next(f for f in window.tracker.portfolio() if f.system_id and f.entities)
    dialog = _find_dialog(qtbot, window)
    qtbot.keyClicks(dialog.search_edit, finding.title)
    rows = [
        i
        for i in range(dialog.model.rowCount())
        if dialog.model.hit(i).kind == "Finding" and dialog.model.hit(i).title == finding.title
    ]
    assert rows
    dialog.result_view.setCurrentIndex(dialog.model.index(rows[0]))
    hit = dialog.model.hit(rows[0])
    qtbot.keyClick(dialog.search_edit, Qt.Key.Key_Return)
    assert window.navigator.current_system == hit.system_id
    assert window.editor.current_page() == hit.page


def test_search_hit_model(qtmodeltester: Any) -> None:
    from planner.analysis.search import Hit
    from planner.ui.models.search_hit_model import HIT_ROLE, SearchHitModel

    model = SearchHitModel()
    hit = Hit("Team", "R&D <b>", "", None, "directory", ("team", "t1"))
    model.set_hits([hit, Hit("AI system", "Claims", "Pilot", "s1", "overview", None)])
    qtmodeltester.check(model)
    assert model.index(0).data() == "R&D <b> — Team"
    assert model.index(1).data() == "Claims — AI system · Pilot"
    assert model.index(0).data(HIT_ROLE) is hit
    assert model.index(0).data(Qt.ItemDataRole.ToolTipRole) == "<qt>R&amp;D &lt;b&gt; — Team</qt>"


def _cells(dialog: Any) -> list[list[str]]:
    model = dialog.view.model()
    return [
        [model.index(row, column).data() for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def test_audit_trail_shows_readable_changes_and_filters(qtbot: Any, window: Any) -> None:
    from planner.operations import update_entity

    plan = window.document.plan
    system = next(iter(plan))
    document = min(system.documents, key=lambda d: len(d.title))  # long titles are elided
    new_owner = next(p for p in plan.people.values() if p.id != document.owner_id)
    old_owner = plan.name_of(document.owner_id) or "—"  # the trail shows nobody as a dash
    window.document.run(
        update_entity,
        kind_name="document",
        entity_id=document.id,
        values={"owner_id": new_owner.id, "title": "<i>Runbook</i> & more"},
    )
    other = next(s for s in plan if s.id != system.id)
    window.document.run(
        update_entity, kind_name="system", entity_id=other.id, values={"purpose": "Other"}
    )
    window.audit_action.trigger()
    dialog = next(
        w for w in QApplication.topLevelWidgets() if w.objectName() == "audit_trail_dialog"
    )
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "Audit trail"
    when, who, where, what, changes = _cells(dialog)[1]
    assert (who, where, what) == ("tester", system.name, "Edit document '<i>Runbook</i> & more'")
    assert changes.splitlines() == [
        f"Owner: {old_owner} → {new_owner.name}",
        f"Title: {document.title} → <i>Runbook</i> & more",
    ]
    total = dialog.model.rowCount()
    assert total > 1

    dialog.system_box.setFocus()
    dialog.system_box.setCurrentIndex(dialog.system_box.findText(other.name))
    assert dialog.windowTitle() == f"History of {other.name}"
    assert {row[2] for row in _cells(dialog)} == {other.name}

    dialog.system_box.setCurrentIndex(0)
    dialog.actor_box.setCurrentIndex(dialog.actor_box.findText("tester"))
    assert {row[1] for row in _cells(dialog)} == {"tester"}
    dialog.actor_box.setCurrentIndex(0)
    dialog.dates_box.setChecked(True)
    dialog.since_edit.setDate(dialog.since_edit.date().addYears(5))
    assert dialog.model.rowCount() == 0
    assert dialog.count_label.text() == "No changes match these filters."
    dialog.dates_box.setChecked(False)
    assert dialog.model.rowCount() == total
    dialog.close()


# A real popup menu: the offscreen platform cannot raise it or grab the keyboard for it.
@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing the keyboard")
def test_navigator_context_menu_opens_the_systems_history(qtbot: Any, window: Any) -> None:
    from planner.operations import update_entity

    system = next(iter(window.document.plan))
    window.navigator.select_system(system.id)
    window.document.run(
        update_entity, kind_name="system", entity_id=system.id, values={"purpose": "Triage"}
    )
    seen: list[Any] = []

    def choose_history() -> None:
        menu = QApplication.activePopupWidget()
        seen.append([a.text() for a in menu.actions()])
        menu.close()
        window.navigator.history_action.trigger()

    QTimer.singleShot(50, choose_history)
    view = window.navigator.view
    rect = view.visualRect(view.currentIndex())
    view.customContextMenuRequested.emit(rect.center())
    assert "Show &history…" in seen[0]
    dialog = window.navigator.history
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == f"History of {system.name}"
    rows = _cells(dialog)
    assert rows[0][3] == f"Edit AI system '{system.name}'"
    assert rows[0][4].startswith("Purpose: ")
    assert rows[0][4].endswith("→ Triage")
    assert {row[2] for row in rows} == {system.name}
    dialog.close()


def test_audit_trail_model(qtmodeltester: Any, window: Any) -> None:
    from planner.ui.models.audit_trail_model import CHANGES, WHAT, WHEN, AuditTrailModel
    from planner.ui.models.row_table_model import ROW_ROLE

    model = AuditTrailModel()
    entries = window.document.audit_events(limit=50)
    model.set_entries(window.document.plan, entries)
    assert model.rowCount() > 0
    qtmodeltester.check(model)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in (WHEN, WHAT, CHANGES)]
    assert headers == ["When (UTC)", "What", "Changes"]
    assert model.index(0, WHAT).data(ROW_ROLE).entry == entries[0]


def test_after_an_export_open_the_pdf_or_its_folder_and_the_folder_is_remembered(
    qtbot: Any, window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtGui import QDesktopServices

    opened: list[str] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True
    )
    folder = tmp_path / "exports"
    folder.mkdir()
    dialog = window.files.export_pdf()
    assert not dialog.open_pdf_button.isVisible()
    assert Path(dialog.path_edit.text()).parent == window.document.ws.path.parent
    target = folder / "pack.pdf"
    dialog.path_edit.setText(str(target))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.task.running, timeout=30_000)
    assert dialog.open_pdf_button.isVisible()
    assert dialog.open_folder_button.isVisible()
    qtbot.mouseClick(dialog.open_pdf_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.open_folder_button, Qt.MouseButton.LeftButton)
    assert opened == [str(target), str(folder)]
    dialog.reject()

    again = window.files.export_pdf()
    assert Path(again.path_edit.text()).parent == folder
    assert window.window_settings.last_export_folder() == str(folder)
    again.reject()


def test_an_export_folder_that_is_gone_falls_back_beside_the_workspace(
    window: Any, tmp_path: Path
) -> None:
    window.window_settings.set_last_export_folder(str(tmp_path / "deleted"))
    dialog = window.files.export_pdf()
    assert Path(dialog.path_edit.text()).parent == window.document.ws.path.parent
    dialog.reject()


def test_when_nothing_can_open_the_pdf_the_dialog_says_so(
    qtbot: Any, window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtGui import QDesktopServices

    monkeypatch.setattr(QDesktopServices, "openUrl", lambda _url: False)
    dialog = window.files.export_pdf()
    dialog.path_edit.setText(str(tmp_path / "card.pdf"))
    dialog.oncall_choice.click()
    dialog.path_edit.setText(str(tmp_path / "card.pdf"))
    dialog.start_export()
    qtbot.waitUntil(lambda: not dialog.task.running, timeout=30_000)
    qtbot.mouseClick(dialog.open_pdf_button, Qt.MouseButton.LeftButton)
    assert (
        dialog.status.text()
        == f"Could not open {tmp_path / 'card.pdf'}: no program is set to open it."
    )
    dialog.reject()
