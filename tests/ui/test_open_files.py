"""Opening files that are not usable workspaces, locked ones, and importing or exporting."""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest
from main_window_fixtures import (
    _demo_original,
    boxes,
    demo_path,
    digest,
    make_window,
    window,
    window_settings,
)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from planner.store.plan_loader import load_plan
from planner.store.workspace import create_workspace, open_workspace

__all__ = ["_demo_original", "boxes", "demo_path", "make_window", "window", "window_settings"]


def _bad_file(kind: str, tmp_path: Path) -> Path:
    path = tmp_path / f"{kind}.handover"
    if kind == "empty":
        path.write_bytes(b"")
    elif kind == "text":
        path.write_text("Meeting notes: who owns the model?\n", encoding="utf-8")
    elif kind == "other_sqlite":
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE songs (title TEXT)")
        conn.execute("INSERT INTO songs VALUES ('Blue')")
        conn.commit()
        conn.close()
    elif kind == "newer":
        create_workspace(path, actor="tester").close()
        conn = sqlite3.connect(path)
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
        conn.commit()
        conn.close()
    return path


@pytest.mark.parametrize(
    ("kind", "words"),
    [
        ("empty", "empty"),
        ("text", "not a database"),
        ("other_sqlite", "another program"),
        ("newer", "newer version"),
    ],
)
def test_bad_file_shows_the_message_and_stays_untouched(
    make_window: Any, boxes: Any, tmp_path: Path, kind: str, words: str
) -> None:
    path = _bad_file(kind, tmp_path)
    before = digest(path)
    window = make_window()
    assert not window.open_path(path)
    assert len(boxes.shown) == 1
    title, text = boxes.shown[0]
    assert title == "Cannot open workspace"
    assert words in text
    assert path.name in text
    assert "\n" not in text
    assert digest(path) == before
    assert not path.with_name(path.name + ".lock").exists()
    assert window.document is None
    assert window.pages.currentWidget() is window.welcome


def test_bad_file_keeps_the_open_workspace(window: Any, boxes: Any, tmp_path: Path) -> None:
    shown = window.document
    assert not window.open_path(_bad_file("text", tmp_path))
    assert window.document is shown


def test_locked_workspace_offers_read_only(make_window: Any, boxes: Any, demo_path: Path) -> None:
    holder = open_workspace(demo_path, actor="colleague")
    try:
        boxes.answer = QMessageBox.StandardButton.Yes
        window = make_window(demo_path)
        assert "already open by" in boxes.texts()[0]
        assert window.document.read_only
        assert "[read-only]" in window.windowTitle()
        assert "Read-only" in window.read_only_label.text()
        nav = window.navigator
        assert not nav.add_action.isEnabled()
        assert not nav.delete_action.isEnabled()
        assert not window.import_action.isEnabled()
        assert window.export_json_action.isEnabled()
        assert window.export_pdf_action.isEnabled()
    finally:
        holder.close()


def test_locked_workspace_declined(make_window: Any, boxes: Any, demo_path: Path) -> None:
    holder = open_workspace(demo_path, actor="colleague")
    try:
        boxes.answer = QMessageBox.StandardButton.Cancel
        window = make_window()
        assert not window.open_path(demo_path)
        assert window.document is None
    finally:
        holder.close()


def test_export_json_in_the_background(qtbot: Any, window: Any, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    task = window.files.export_json_file(target)
    # The task's own handler of finished marks it done, so this cannot miss a quick finish.
    qtbot.waitUntil(lambda: not task.running, timeout=10_000)
    data = json.loads(target.read_text(encoding="utf-8"))
    names = {s["name"] for s in data["systems"]}
    assert names == {s.name for s in window.document.plan}
    assert "Wrote" in window.statusBar().currentMessage()


def test_import_json_adds_systems_undoably(make_window: Any, boxes: Any, tmp_path: Path) -> None:
    from planner.export.json_export import export_json
    from planner.operations import add_system

    source = tmp_path / "portfolio.json"
    with create_workspace(tmp_path / "source.handover", actor="tester") as ws:
        add_system(ws, name="Invoice reader", template="document_extraction")
        add_system(ws, name="Sales forecast", template="forecasting_model")
        export_json(ws, source)
    target = make_window()
    assert target.create_workspace_file(tmp_path / "empty.handover")
    assert target.navigator.model.rowCount() == 0
    assert target.files.import_json_file(source)
    assert target.navigator.model.rowCount() == 2
    assert {s.name for s in load_plan(target.document.ws)} == {"Invoice reader", "Sales forecast"}
    assert "Import" in target.undo_action.text()
    assert not boxes.shown


def test_import_json_can_be_undone(make_window: Any, boxes: Any, tmp_path: Path) -> None:
    from planner.export.json_export import export_json
    from planner.operations import add_system

    source = tmp_path / "portfolio.json"
    with create_workspace(tmp_path / "source.handover", actor="tester") as ws:
        add_system(ws, name="Invoice reader", template="document_extraction")
        export_json(ws, source)
    target = make_window()
    assert target.create_workspace_file(tmp_path / "empty.handover")
    assert target.files.import_json_file(source)
    target.undo_action.trigger()
    assert not boxes.shown, boxes.texts()
    assert len(load_plan(target.document.ws).systems) == 0
    assert target.navigator.model.rowCount() == 0


def test_import_bad_json_names_the_problem(window: Any, boxes: Any, tmp_path: Path) -> None:
    source = tmp_path / "bad.json"
    source.write_text('{"format_version": 1, "systems": [{"name": NaN}]}', encoding="utf-8")
    before = len(window.document.plan.systems)
    assert not window.files.import_json_file(source)
    title, text = boxes.shown[0]
    assert title == "Cannot import"
    assert text
    assert "\n" not in text
    assert len(load_plan(window.document.ws).systems) == before


def test_export_pdf_with_progress(qtbot: Any, window: Any, tmp_path: Path) -> None:
    dialog = window.files.export_pdf()
    assert dialog.kind() == "pack"
    target = tmp_path / "pack.pdf"
    dialog.path_edit.setText(str(target))
    progress: list[str] = []
    dialog.start_export()
    dialog.task.progress.connect(lambda _d, _t, text: progress.append(text))
    assert not dialog.export_button.isEnabled()
    assert dialog.cancel_button.text() == "Cancel"
    qtbot.waitUntil(lambda: not dialog.task.running, timeout=30_000)
    assert target.read_bytes().startswith(b"%PDF")
    assert "Wrote" in dialog.status.text()
    assert dialog.cancel_button.text() == "Close"
    dialog.reject()


def test_export_pdf_cancel_writes_nothing(
    qtbot: Any, window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import planner.export.pdf.export as pdf_export

    release = threading.Event()

    def slow_render(*_args: Any, **_kwargs: Any) -> tuple[bytes, int]:
        release.wait(10)
        return b"%PDF-1.4 fake", 1

    monkeypatch.setattr(pdf_export, "render_pdf", slow_render)
    dialog = window.files.export_pdf()
    target = tmp_path / "never.pdf"
    dialog.path_edit.setText(str(target))
    dialog.start_export()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert dialog.status.text() == "Cancelling…"
    release.set()
    qtbot.waitUntil(lambda: not dialog.task.running, timeout=10_000)
    assert not target.exists()
    assert "no file was written" in dialog.status.text()
    dialog.reject()


def _damaged_content(tmp_path: Path) -> Path:
    """A sound SQLite file whose values the app cannot read back (changed by raw SQL)."""
    path = tmp_path / "damaged.handover"
    with create_workspace(path, actor="tester") as ws:
        from planner.operations import add_system

        add_system(ws, name="Claims triage")
    conn = sqlite3.connect(path)
    conn.execute("UPDATE ai_system SET stage = 'not-a-stage'")
    conn.commit()
    conn.close()
    return path


def test_damaged_content_is_one_dialog_not_a_crash(
    make_window: Any, boxes: Any, tmp_path: Path
) -> None:
    path = _damaged_content(tmp_path)
    before = digest(path)
    window = make_window()
    assert not window.open_path(path)
    ((title, text),) = boxes.shown
    assert title == "Cannot open workspace"
    assert text.startswith("damaged.handover: ")
    assert "\n" not in text
    assert window.document is None
    assert digest(path) == before
    assert not path.with_name(path.name + ".lock").exists()


def test_a_read_only_file_opens_read_only_with_a_banner_saying_why(
    make_window: Any, boxes: Any, tmp_path: Path
) -> None:
    path = tmp_path / "shared.handover"
    create_workspace(path, actor="tester").close()
    path.chmod(0o444)
    window = make_window()
    assert window.open_path(path)
    assert boxes.shown == []
    assert window.document.read_only
    assert window.read_only_label.text().startswith("Read-only (the file is read-only)")
    assert not window.import_action.isEnabled()


def test_a_crashed_change_is_rolled_back_on_open_and_the_status_bar_says_so(
    make_window: Any, boxes: Any, tmp_path: Path
) -> None:
    import subprocess
    import sys

    path = tmp_path / "crashed.handover"
    with create_workspace(path, actor="tester") as ws:
        from planner.operations import add_system

        for name in ("Claims triage", "Invoice capture", "Demand forecast"):
            add_system(ws, name=name, template="claims_review_support")
    # Dies mid-change (as kill -9) after the change has spilled into the file itself.
    script = (
        "import os, sqlite3, sys; c = sqlite3.connect(sys.argv[1], isolation_level=None);"
        "c.execute('PRAGMA cache_size=1'); c.execute('BEGIN IMMEDIATE');"
        'c.execute("UPDATE ai_system SET name = hex(randomblob(8)),'
        ' purpose = hex(randomblob(4000))"); os._exit(0)'
    )
    subprocess.run([sys.executable, "-c", script, str(path)], check=True)
    window = make_window()
    assert window.open_path(path)
    assert boxes.shown == []
    names = sorted(s.name for s in window.document.plan)
    assert names == ["Claims triage", "Demand forecast", "Invoice capture"]
    assert "rolled back" in window.statusBar().currentMessage()
