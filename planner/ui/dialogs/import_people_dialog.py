"""Importing the people directory from CSV: a preview of every change, written on accept."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.domain.errors import PlannerError
from planner.ui.dialogs.import_preview import open_import_preview
from planner.ui.dialogs.message_boxes import show_error
from planner.ui.workspace_document import WorkspaceDocument

COLUMNS = ("Row", "Person", "What", "Field", "Before", "After")


class ImportPeopleDialog(QDialog):
    """Preview and import a people CSV into the document's workspace."""

    def __init__(self, document: WorkspaceDocument, path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        from planner.export.people_csv import preview_people_import

        self.setWindowTitle(f"Import people — {path.name}")
        self.setObjectName("import_people_dialog")
        self.document = document
        self.path = path
        self.preview = preview_people_import(document.plan, path)  # raises for the caller
        self.change: Any = None
        self.summary = QLabel(self.preview.totals() + ".")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("people_changes")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.problems = QPlainTextEdit()
        self.problems.setObjectName("people_problems")
        self.problems.setReadOnly(True)
        self.problems.setMaximumHeight(120)
        self.problems.setPlainText("\n".join(f"Error: {e}" for e in self.preview.errors) or "None.")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = buttons.addButton("&Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(not self.preview.errors and not self.preview.is_empty)
        buttons.accepted.connect(self._on_import)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(QLabel("Errors:"))
        layout.addWidget(self.problems)
        layout.addWidget(buttons)
        self._fill()
        self.resize(820, 520)

    def _rows(self) -> list[tuple[str, ...]]:
        preview = self.preview
        rows: list[tuple[str, ...]] = [
            ("", str(team["name"]), "New team", "", "", "") for team in preview.new_teams
        ]
        for person in preview.new_people:
            rows.append((person.where, person.name, "New person", "", "", ""))
        for update in preview.updates:
            for column, before, after in update.shown:
                rows.append((update.where, update.name, "Change", column, before, after))
        return rows

    def _fill(self) -> None:
        rows = self._rows()
        self.table.setRowCount(len(rows))
        for row, values in enumerate(rows):
            for column, text in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()

    def _on_import(self) -> None:
        from planner.operations.people_import import import_people

        preview = self.preview
        try:
            self.change = self.document.run(
                import_people,
                new_teams=preview.new_teams,
                new_people=[p.values for p in preview.new_people],
                updates=preview.updates,
                source=self.path.name,
            )
        except PlannerError as exc:
            show_error(self, "Cannot import", str(exc), "Nothing was imported.")
            return
        self.accept()


def import_people_csv(window: Any, path: Path | None = None) -> ImportPeopleDialog | None:
    """File > Import people: pick a CSV, then open the preview (returned for tests)."""
    return open_import_preview(
        window, ImportPeopleDialog, "Import people", "CSV files (*.csv)", path
    )
