"""File > Bring back an offline copy: pick the copy, read the preview, Apply, Undo."""

from __future__ import annotations

from pathlib import Path
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
from PySide6.QtWidgets import QFileDialog, QLabel

from planner.operations import update_entity
from planner.store.copying import copy_workspace
from planner.store.plan_loader import load_plan
from planner.store.workspace import create_workspace, open_workspace
from planner.ui.dialogs.bring_back_dialog import BringBackDialog

__all__ = ["_demo_original", "boxes", "demo_path", "make_window", "window", "window_settings"]


def _purpose(window: Any, name: str) -> str:
    found = load_plan(window.document.ws).system_named(name)
    assert found is not None
    return str(found.system.purpose)


@pytest.fixture
def offline(window: Any, tmp_path: Path) -> Path:
    """An offline copy of the window's workspace in which 'ana' changed two purposes."""
    path = tmp_path / "workshop.handover"
    copy_workspace(window.document.ws, path)
    with open_workspace(path, actor="ana") as copy:
        plan = load_plan(copy)
        for name, purpose in (("Claims Triage", "<b>Triage</b> & route"), ("Demand Forecast", "X")):
            found = plan.system_named(name)
            assert found is not None
            update_entity(copy, kind_name="system", entity_id=found.id, values={"purpose": purpose})
    return path


def test_preview_then_apply_is_one_undo_step(
    window: Any, offline: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    forecast = window.document.plan.system_named("Demand Forecast")
    window.document.run(
        update_entity, kind_name="system", entity_id=forecast.id, values={"purpose": "Here"}
    )
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(offline), ""))
    seen: list[BringBackDialog] = []

    def fake_exec(dialog: BringBackDialog) -> int:
        seen.append(dialog)
        dialog.apply_button.click()
        return dialog.result()

    monkeypatch.setattr(BringBackDialog, "exec", fake_exec)
    steps = window.document.undo_stack.count()
    window.bring_back_action.trigger()

    [dialog] = seen
    text = dialog.report_view.toPlainText()
    # User text is shown literally: the markup in a purpose stays visible as typed.
    assert "Claims Triage: purpose: " in text
    assert "→ '<b>Triage</b> & route' (by ana)" in text
    assert (
        "Demand Forecast: purpose\n      offline: 'X' (by ana)\n      here:    'Here' (by tester)"
        in text
    )
    assert dialog.report_view.isReadOnly()
    assert _purpose(window, "Claims Triage") == "<b>Triage</b> & route"
    assert _purpose(window, "Demand Forecast") == "Here"
    assert window.document.undo_stack.count() == steps + 1
    assert window.document.plan.system_named("Claims Triage").system.purpose.startswith("<b>")

    window.undo_action.trigger()
    assert _purpose(window, "Claims Triage") != "<b>Triage</b> & route"


def test_cancel_changes_nothing_and_a_stranger_file_is_one_sentence(
    window: Any, offline: Path, boxes: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(BringBackDialog, "exec", lambda _d: BringBackDialog.DialogCode.Rejected)
    before = _purpose(window, "Claims Triage")
    assert not window.files.bring_back_file(offline)
    assert _purpose(window, "Claims Triage") == before
    assert not window.files.bring_back_file(Path(window.document.ws.path))
    assert boxes.texts()[-1].startswith("demo.handover is this workspace")
    create_workspace(tmp_path / "stranger.handover").close()
    assert not window.files.bring_back_file(tmp_path / "stranger.handover")
    assert boxes.texts()[-1].startswith("stranger.handover is not an offline copy")
    (tmp_path / "notes.handover").write_text("not a workspace")
    assert not window.files.bring_back_file(tmp_path / "notes.handover")
    assert "not a Handover Planner workspace" in boxes.texts()[-1]
    assert window.document.undo_stack.count() == 0


def test_the_summary_label_is_plain_text(qtbot: Any, window: Any, offline: Path) -> None:
    from planner.operations.bring_back import bring_back

    with open_workspace(offline, actor="ana") as copy:
        preview = bring_back(window.document.ws, copy=copy, dry_run=True)
    dialog = BringBackDialog(preview, "from <i>somewhere</i>")
    qtbot.addWidget(dialog)
    summary = dialog.findChild(QLabel, "summary_label")
    assert summary.textFormat() == Qt.TextFormat.PlainText
    assert "<i>somewhere</i>" in summary.text()
