"""Exporting to other tools' formats (spreadsheet, PagerDuty, Backstage) from the File menu."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog

from planner.ui.dialogs.message_boxes import show_error
from planner.ui.workspace_paths import default_folder, suggested_file


def export_spreadsheet(window: Any, path: Path | None = None) -> Path | None:
    """File > Export spreadsheet: every system, as xlsx (a sheet each) or one CSV table."""
    from planner.export.raci_sheet import write_raci_csv, write_raci_xlsx

    document = window.document
    if document is None:
        return None
    if path is None:
        suggestion = suggested_file(document.ws, "-raci.xlsx")
        name, chosen = QFileDialog.getSaveFileName(
            window,
            "Export spreadsheet",
            str(suggestion),
            "Excel workbooks (*.xlsx);;CSV files (*.csv)",
        )
        if not name:
            return None
        path = Path(name)
        if path.suffix.lower() not in (".xlsx", ".csv"):
            path = path.with_suffix(".csv" if "csv" in chosen else ".xlsx")
    writer = write_raci_csv if path.suffix.lower() == ".csv" else write_raci_xlsx
    plan = document.plan
    try:
        size = writer(plan, path, list(plan.systems.values()))
    except OSError as exc:
        show_error(window, "Cannot export spreadsheet", f"{path.name}: {exc.strerror or exc}")
        return None
    window.statusBar().showMessage(f"Wrote {path} ({size:,} bytes)", 8000)
    return path


def show_export_result(window: Any, title: str, path: Path, warnings: list[str]) -> None:
    """Say what was written and list every warning (the CLI prints them on stderr)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    if not warnings:
        window.statusBar().showMessage(f"Wrote {path}", 8000)
        return
    box = QMessageBox(
        QMessageBox.Icon.Information, title, "", QMessageBox.StandardButton.Ok, window
    )
    box.setObjectName("export_warnings")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(
        f"Wrote {path.name}. {len(warnings)} things the plan does not say were left out "
        "or filled with the tool's defaults:"
    )
    box.setInformativeText("\n".join(f"• {w}" for w in warnings[:12]))
    if len(warnings) > 12:
        box.setDetailedText("\n".join(warnings))
    box.exec()


def export_pagerduty(window: Any, path: Path | None = None) -> Path | None:
    """File > Export PagerDuty: REST API bodies (.json) or Terraform (.tf.json)."""
    from planner.export.pagerduty import write_pagerduty

    document = window.document
    if document is None:
        return None
    if path is None:
        suggestion = suggested_file(document.ws, "-pagerduty.json")
        name, _chosen = QFileDialog.getSaveFileName(
            window,
            "Export PagerDuty",
            str(suggestion),
            "PagerDuty REST API JSON (*.json);;Terraform JSON (*.tf.json)",
        )
        if not name:
            return None
        path = Path(name)
    plan = document.plan
    terraform = path.name.lower().endswith(".tf.json")
    try:
        _size, warnings = write_pagerduty(
            plan, path, list(plan.systems.values()), terraform=terraform
        )
    except OSError as exc:
        show_error(window, "Cannot export PagerDuty", f"{path.name}: {exc.strerror or exc}")
        return None
    show_export_result(window, "Exported for PagerDuty", path, warnings)
    return path


def export_backstage(window: Any, path: Path | None = None) -> Path | None:
    """File > Export Backstage: the catalog as one multi-document catalog-info.yaml."""
    from planner.export.backstage import write_backstage

    document = window.document
    if document is None:
        return None
    if path is None:
        suggestion = default_folder(document.ws) / "catalog-info.yaml"
        name, _chosen = QFileDialog.getSaveFileName(
            window, "Export Backstage catalog", str(suggestion), "YAML files (*.yaml *.yml)"
        )
        if not name:
            return None
        path = Path(name)
    plan = document.plan
    try:
        _size, warnings = write_backstage(plan, path, list(plan.systems.values()))
    except OSError as exc:
        show_error(window, "Cannot export Backstage", f"{path.name}: {exc.strerror or exc}")
        return None
    show_export_result(window, "Exported for Backstage", path, warnings)
    return path


def export_people(window: Any, path: Path | None = None) -> Path | None:
    """File > Export people CSV: the whole directory, one person a row."""
    from planner.export.people_csv import write_people_csv

    document = window.document
    if document is None:
        return None
    if path is None:
        suggestion = suggested_file(document.ws, "-people.csv")
        name, _chosen = QFileDialog.getSaveFileName(
            window, "Export people", str(suggestion), "CSV files (*.csv)"
        )
        if not name:
            return None
        path = Path(name)
        if path.suffix.lower() != ".csv":
            path = path.with_suffix(".csv")
    try:
        size = write_people_csv(document.plan, path)
    except OSError as exc:
        show_error(window, "Cannot export people", f"{path.name}: {exc.strerror or exc}")
        return None
    window.statusBar().showMessage(f"Wrote {path} ({size:,} bytes)", 8000)
    return path
