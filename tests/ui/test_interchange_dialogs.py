"""File > Import spreadsheet; Export spreadsheet, PagerDuty and Backstage; as a user would."""

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
from openpyxl import load_workbook
from PySide6.QtCore import Qt

from planner.store.plan_loader import load_plan

__all__ = ["_demo_original", "boxes", "demo_path", "make_window", "window", "window_settings"]


def _export(window: Any, tmp_path: Path) -> Path:
    from planner.ui.dialogs.interchange_export import export_spreadsheet

    path = export_spreadsheet(window, tmp_path / "raci.xlsx")
    assert path is not None
    return path


def _roles(window: Any, system: str) -> dict[tuple[str, str], str]:
    plan = load_plan(window.document.ws)
    found = plan.system_named(system)
    assert found is not None
    return {(r.activity_id, plan.name_of(r.person_id, r.team_id)): str(r.role) for r in found.raci}


def test_file_menu_offers_spreadsheets(window: Any) -> None:
    texts = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert "Import &spreadsheet…" in texts
    assert "Export sp&readsheet…" in texts


def test_preview_lists_errors_and_changes_then_imports_as_one_undo_step(
    qtbot: Any, window: Any, boxes: Any, tmp_path: Path
) -> None:
    from planner.ui.dialogs.import_spreadsheet_dialog import import_spreadsheet

    path = _export(window, tmp_path)
    before = _roles(window, "Claims Triage")
    book = load_workbook(path)
    sheet = book["Claims Triage"]
    column = sheet.max_column + 1
    sheet.cell(row=2, column=column, value="Rosa Diaz <rosa@example.org>")
    sheet.cell(row=3, column=column, value="c")
    sheet.cell(row=4, column=column, value="Acc")
    book.save(path)

    dialog = import_spreadsheet(window, path)
    assert dialog is not None
    where = f"Claims Triage!{sheet.cell(row=4, column=column).coordinate}"
    assert f'Error: {where}: "Acc" is not one of R, A, C, I' in dialog.problems.toPlainText()
    assert not dialog.import_button.isEnabled()
    dialog.reject()

    sheet.cell(row=4, column=column, value="I")
    book.save(path)
    dialog = import_spreadsheet(window, path)
    assert dialog.table.rowCount() == 2
    assert dialog.new_list.count() == 1
    assert "Rosa Diaz" in dialog.new_list.item(0).text()
    # Leaving the new person out leaves her cells out too.
    dialog.new_list.item(0).setCheckState(Qt.CheckState.Unchecked)
    assert dialog.table.rowCount() == 0
    assert not dialog.import_button.isEnabled()
    dialog.new_list.item(0).setCheckState(Qt.CheckState.Checked)
    assert dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    after = _roles(window, "Claims Triage")
    assert sorted(v for (_a, name), v in after.items() if name == "Rosa Diaz") == ["C", "I"]
    assert "Import RACI" in window.undo_action.text()
    window.undo_action.trigger()
    assert not boxes.shown, boxes.texts()
    assert _roles(window, "Claims Triage") == before
    assert not any(p.name == "Rosa Diaz" for p in load_plan(window.document.ws).people.values())


def test_unreadable_file_says_so(window: Any, boxes: Any, tmp_path: Path) -> None:
    from planner.ui.dialogs.import_spreadsheet_dialog import import_spreadsheet

    path = tmp_path / "notes.xlsx"
    path.write_text("just text", encoding="utf-8")
    assert import_spreadsheet(window, path) is None
    title, text = boxes.shown[0]
    assert title == "Cannot import"
    assert text.startswith("notes.xlsx: not a workbook")


def test_export_pagerduty_shows_warnings(window: Any, boxes: Any, tmp_path: Path) -> None:
    import json

    from planner.ui.dialogs.interchange_export import export_pagerduty

    path = export_pagerduty(window, tmp_path / "oncall.tf.json")
    assert path is not None
    assert "pagerduty_escalation_policy" in json.loads(path.read_text(encoding="utf-8"))["resource"]
    title, text = boxes.shown[0]
    assert title == "Exported for PagerDuty"
    assert text.startswith("Wrote oncall.tf.json.")


def test_export_backstage_writes_the_catalog(window: Any, boxes: Any, tmp_path: Path) -> None:
    import yaml

    from planner.ui.dialogs.interchange_export import export_backstage

    path = export_backstage(window, tmp_path / "catalog-info.yaml")
    assert path is not None
    kinds = {d["kind"] for d in yaml.safe_load_all(path.read_text(encoding="utf-8"))}
    assert kinds == {"System", "Component", "Group", "User"}
    assert [title for title, _text in boxes.shown] == ["Exported for Backstage"]


def test_people_csv_round_trip_and_import_preview(
    qtbot: Any, window: Any, boxes: Any, tmp_path: Path
) -> None:
    from planner.ui.dialogs.import_people_dialog import import_people_csv
    from planner.ui.dialogs.interchange_export import export_people

    path = export_people(window, tmp_path / "people.csv")
    assert path is not None
    dialog = import_people_csv(window, path)
    assert dialog is not None
    assert dialog.table.rowCount() == 0
    assert not dialog.import_button.isEnabled()
    dialog.reject()
    text = path.read_text(encoding="utf-8-sig") + "Rosa Diaz,Analyst,Brand New Team,rosa@x.org,,,\n"
    path.write_text(text.replace("Europe/Madrid", "Madrid", 1), encoding="utf-8")
    dialog = import_people_csv(window, path)
    assert "is not a known time zone" in dialog.problems.toPlainText()
    assert not dialog.import_button.isEnabled()
    dialog.reject()
    path.write_text(text, encoding="utf-8")
    dialog = import_people_csv(window, path)
    shown = [dialog.table.item(r, 2).text() for r in range(dialog.table.rowCount())]
    assert shown == ["New team", "New person"]
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    names = {p.name for p in load_plan(window.document.ws).people.values()}
    assert "Rosa Diaz" in names
    window.undo_action.trigger()
    assert "Rosa Diaz" not in {p.name for p in load_plan(window.document.ws).people.values()}
    assert not boxes.shown, boxes.texts()
