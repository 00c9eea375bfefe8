"""File > Export… to other tools' formats: spreadsheet, people, PagerDuty, Backstage.

Every export asks for a file the same way, writes it the same way and reports the same way;
what differs between them is data (an ``ExportFormat``), and ``export_to`` is the one path.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog

from planner.domain.plan import Plan
from planner.export.backstage import write_backstage
from planner.export.pagerduty import write_pagerduty
from planner.export.people_csv import write_people_csv
from planner.export.raci_sheet import write_raci_csv, write_raci_xlsx
from planner.ui.dialogs.message_boxes import show_error
from planner.ui.workspace_paths import default_folder

# A writer: the plan and the file in, the bytes written and the warnings out.
Writer = Callable[[Plan, Path], tuple[int, list[str]]]


@dataclass(frozen=True)
class FileType:
    """One entry of the save dialog's type list, e.g. "CSV files (*.csv)"."""

    label: str
    endings: tuple[str, ...]

    @property
    def filter(self) -> str:
        return f"{self.label} ({' '.join('*' + ending for ending in self.endings)})"


@dataclass(frozen=True)
class ExportFormat:
    """What one File > Export… entry asks, writes and says."""

    what: str  # in "Cannot export {what}"
    caption: str  # the save dialog's title
    suggestion: str  # the file offered; "{workspace}" stands for the workspace's name
    file_types: tuple[FileType, ...]  # the first is the default
    write: Writer
    done: str  # the title of the box that lists what the target tool's format left out

    def target(self, path: Path, chosen: str) -> Path:
        """The file to write: a name with none of the offered endings (the name decides
        the format) gets the ending of the file type chosen in the dialog."""
        if any(path.name.lower().endswith(e) for t in self.file_types for e in t.endings):
            return path
        file_type = next((t for t in self.file_types if t.filter == chosen), self.file_types[0])
        return path.with_name(path.name + file_type.endings[0])


def _write_spreadsheet(plan: Plan, path: Path) -> tuple[int, list[str]]:
    writer = write_raci_csv if path.suffix.lower() == ".csv" else write_raci_xlsx
    return writer(plan, path, list(plan.systems.values())), []


def _write_people(plan: Plan, path: Path) -> tuple[int, list[str]]:
    return write_people_csv(plan, path), []


def _write_pagerduty(plan: Plan, path: Path) -> tuple[int, list[str]]:
    terraform = path.name.lower().endswith(".tf.json")
    return write_pagerduty(plan, path, list(plan.systems.values()), terraform=terraform)


def _write_backstage(plan: Plan, path: Path) -> tuple[int, list[str]]:
    return write_backstage(plan, path, list(plan.systems.values()))


SPREADSHEET = ExportFormat(
    what="spreadsheet",
    caption="Export spreadsheet",
    suggestion="{workspace}-raci.xlsx",
    file_types=(FileType("Excel workbooks", (".xlsx",)), FileType("CSV files", (".csv",))),
    write=_write_spreadsheet,
    done="Exported the spreadsheet",
)
PEOPLE = ExportFormat(
    what="people",
    caption="Export people",
    suggestion="{workspace}-people.csv",
    file_types=(FileType("CSV files", (".csv",)),),
    write=_write_people,
    done="Exported people",
)
PAGERDUTY = ExportFormat(
    what="PagerDuty",
    caption="Export PagerDuty",
    suggestion="{workspace}-pagerduty.json",
    file_types=(
        FileType("PagerDuty REST API JSON", (".json",)),
        FileType("Terraform JSON", (".tf.json",)),
    ),
    write=_write_pagerduty,
    done="Exported for PagerDuty",
)
BACKSTAGE = ExportFormat(
    what="Backstage",
    caption="Export Backstage catalog",
    suggestion="catalog-info.yaml",
    file_types=(FileType("YAML files", (".yaml", ".yml")),),
    write=_write_backstage,
    done="Exported for Backstage",
)


def export_to(export: ExportFormat, window: Any, path: Path | None = None) -> Path | None:
    """Ask for a file (unless ``path`` is given), write the export there and say so."""
    document = window.document
    if document is None:
        return None
    if path is None:
        folder = default_folder(document.ws, window.window_settings)
        suggestion = folder / export.suggestion.format(workspace=document.ws.name)
        name, chosen = QFileDialog.getSaveFileName(
            window,
            export.caption,
            str(suggestion),
            ";;".join(t.filter for t in export.file_types),
        )
        if not name:
            return None
        path = export.target(Path(name), chosen)
    try:
        size, warnings = export.write(document.plan, path)
    except OSError as exc:
        show_error(window, f"Cannot export {export.what}", f"{path.name}: {exc.strerror or exc}")
        return None
    show_export_result(window, export.done, path, size, warnings)
    return path


# The File menu's entries (interchange_actions.py names them).
export_spreadsheet = functools.partial(export_to, SPREADSHEET)
export_people = functools.partial(export_to, PEOPLE)
export_pagerduty = functools.partial(export_to, PAGERDUTY)
export_backstage = functools.partial(export_to, BACKSTAGE)


def show_export_result(window: Any, title: str, path: Path, size: int, warnings: list[str]) -> None:
    """Say what was written and list every warning (the CLI prints them on stderr)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    if not warnings:
        window.statusBar().showMessage(f"Wrote {path} ({size:,} bytes)", 8000)
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
