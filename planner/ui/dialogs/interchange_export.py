"""Exporting to other tools' formats (spreadsheet, PagerDuty, Backstage) from the File menu."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog

from planner.ui.dialogs.message_boxes import show_error


def export_spreadsheet(window: Any, path: Path | None = None) -> Path | None:
    """File > Export spreadsheet: every system, as xlsx (a sheet each) or one CSV table."""
    from planner.export.raci_sheet import write_raci_csv, write_raci_xlsx

    document = window.document
    if document is None:
        return None
    if path is None:
        suggestion = document.ws.path.with_name(document.ws.path.stem + "-raci.xlsx")
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
