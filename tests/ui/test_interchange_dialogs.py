"""File > Import spreadsheet; Export spreadsheet, PagerDuty and Backstage; as a user would."""

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


def test_a_name_without_an_ending_gets_the_chosen_file_type(
    window: Any, boxes: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file type picked in the save dialog decides the format when the typed name has
    none of the offered endings; a name that has one keeps it (the name decides)."""
    import json

    from PySide6.QtWidgets import QFileDialog

    from planner.ui.dialogs.interchange_export import (
        export_backstage,
        export_pagerduty,
        export_people,
        export_spreadsheet,
    )

    def save_as(name: str, file_type: str) -> None:
        monkeypatch.setattr(
            QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(tmp_path / name), file_type)
        )

    save_as("oncall", "Terraform JSON (*.tf.json)")
    assert export_pagerduty(window) == tmp_path / "oncall.tf.json"
    assert "resource" in json.loads((tmp_path / "oncall.tf.json").read_text(encoding="utf-8"))
    save_as("oncall.json", "Terraform JSON (*.tf.json)")
    assert export_pagerduty(window) == tmp_path / "oncall.json"
    assert "resource" not in json.loads((tmp_path / "oncall.json").read_text(encoding="utf-8"))
    save_as("raci v1.2", "CSV files (*.csv)")
    assert export_spreadsheet(window) == tmp_path / "raci v1.2.csv"
    save_as("raci", "Excel workbooks (*.xlsx)")
    assert export_spreadsheet(window) == tmp_path / "raci.xlsx"
    save_as("team", "CSV files (*.csv)")
    assert export_people(window) == tmp_path / "team.csv"
    save_as("catalog", "YAML files (*.yaml *.yml)")
    assert export_backstage(window) == tmp_path / "catalog.yaml"
    save_as("catalog.yml", "YAML files (*.yaml *.yml)")
    assert export_backstage(window) == tmp_path / "catalog.yml"


@pytest.mark.parametrize(
    ("function", "name", "title"),
    [
        ("export_spreadsheet", "raci.xlsx", "Cannot export spreadsheet"),
        ("export_people", "people.csv", "Cannot export people"),
        ("export_pagerduty", "oncall.json", "Cannot export PagerDuty"),
        ("export_backstage", "catalog-info.yaml", "Cannot export Backstage"),
    ],
)
def test_an_export_that_cannot_be_written_says_why(
    window: Any, boxes: Any, tmp_path: Path, function: str, name: str, title: str
) -> None:
    from planner.ui.dialogs import interchange_export

    export = getattr(interchange_export, function)
    assert export(window, tmp_path / "gone" / name) is None
    assert boxes.shown == [(title, f"{name}: No such file or directory")]
