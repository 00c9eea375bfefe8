"""Importing a RACI spreadsheet: a preview of every cell it changes, written only on accept.

The dialog reads the file once, shows what would be added, changed and removed (per cell,
with its sheet address), the people and teams it would create (each can be left out),
and every cell it cannot read. Import is enabled only when nothing is in error; it runs
one operation, so one Undo takes the whole import back.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
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

SPREADSHEET_FILTER = "Spreadsheets (*.xlsx *.csv);;Excel workbooks (*.xlsx);;CSV files (*.csv)"
_BY_SHEET = "Match each sheet to the system of the same name"
_KIND_LABEL = {"add": "Add", "change": "Change", "remove": "Remove"}
COLUMNS = ("Cell", "What", "System", "Activity", "Person or team", "Before", "After")


def _plain_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class ImportSpreadsheetDialog(QDialog):
    """Preview and import one spreadsheet into the document's workspace."""

    def __init__(self, document: WorkspaceDocument, path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        from planner.export.raci_sheet_import import read_grids

        self.setWindowTitle(f"Import spreadsheet — {path.name}")
        self.setObjectName("import_spreadsheet_dialog")
        self.document = document
        self.path = path
        self.grids = read_grids(path)  # raises PlannerError / OSError for the caller
        self.preview: Any = None
        self._full: Any = None
        self._build()
        self._on_system_changed()
        self.resize(980, 620)

    def _build(self) -> None:
        self.system_box = QComboBox()
        self.system_box.addItem(_BY_SHEET, None)
        for system in self.document.plan:
            self.system_box.addItem(system.name, system.name)
        self.system_box.currentIndexChanged.connect(self._on_system_changed)
        self.summary = _plain_label("")
        self.summary.setObjectName("import_summary")
        self.new_list = QListWidget()
        self.new_list.setObjectName("new_assignees")
        self.new_list.setMaximumHeight(90)
        self.new_list.itemChanged.connect(self._on_new_toggled)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("import_changes")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.problems = QPlainTextEdit()
        self.problems.setObjectName("import_problems")
        self.problems.setReadOnly(True)
        self.problems.setMaximumHeight(130)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(
            "&Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.accepted.connect(self._on_import)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Import into:", self.system_box)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(_plain_label("New people and teams (untick to leave their cells out):"))
        layout.addWidget(self.new_list)
        layout.addWidget(self.table, 1)
        layout.addWidget(_plain_label("Errors and notes:"))
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)

    # --- preview ---------------------------------------------------------------------

    def _on_system_changed(self) -> None:
        from planner.export.raci_sheet_import import preview_raci_import

        self._full = preview_raci_import(
            self.document.plan,
            self.path,
            system=self.system_box.currentData(),
            grids=self.grids,
        )
        self.new_list.blockSignals(True)
        self.new_list.clear()
        for new in (*self._full.new_people, *self._full.new_teams):
            kind = "team" if new in self._full.new_teams else "person"
            item = QListWidgetItem(f"Create {kind} “{new.name}” (header {new.where})")
            item.setData(Qt.ItemDataRole.UserRole, new.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.new_list.addItem(item)
        self.new_list.blockSignals(False)
        self._on_new_toggled()

    def _on_new_toggled(self, _item: Any = None) -> None:
        skipped = [
            self.new_list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.new_list.count())
            if self.new_list.item(i).checkState() != Qt.CheckState.Checked
        ]
        self.preview = self._full.without_new(skipped)
        self._show_preview()

    def _show_preview(self) -> None:
        preview = self.preview
        self.table.setRowCount(len(preview.changes))
        for row, change in enumerate(preview.changes):
            values = (
                change.where,
                _KIND_LABEL[change.kind],
                change.system_name,
                change.activity_name,
                change.assignee_name,
                change.before.value if change.before else "",
                change.role.value if change.role else "",
            )
            for column, text in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        systems = ", ".join(preview.systems) or "no system"
        status = f"{len(preview.errors)} errors: fix the sheet and import again. " * bool(
            preview.errors
        )
        self.summary.setText(f"{status}{systems}: {preview.totals()}.")
        lines = [f"Error: {e}" for e in preview.errors] + [f"Note: {n}" for n in preview.notes]
        self.problems.setPlainText("\n".join(lines) or "None.")
        self.import_button.setEnabled(not preview.errors and not preview.is_empty)

    # --- writing ---------------------------------------------------------------------

    def _on_import(self) -> None:
        from planner.operations.raci_import import import_raci

        preview = self.preview
        try:
            self.change = self.document.run(
                import_raci,
                cells=preview.changes,
                new_people=preview.new_people,
                new_teams=preview.new_teams,
                source=self.path.name,
            )
        except PlannerError as exc:
            show_error(self, "Cannot import", str(exc), "Nothing was imported.")
            return
        self.accept()


def import_spreadsheet(window: Any, path: Path | None = None) -> ImportSpreadsheetDialog | None:
    """File > Import spreadsheet: pick a file, then open the preview (returned for tests)."""
    return open_import_preview(
        window, ImportSpreadsheetDialog, "Import spreadsheet", SPREADSHEET_FILTER, path
    )
