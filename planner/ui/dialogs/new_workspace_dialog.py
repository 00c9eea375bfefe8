"""Choosing where a new workspace goes and what it starts with (empty, a template, a demo)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from planner.domain.templates import load_templates

EMPTY = "empty"
DEMO = "demo"


class NewWorkspaceDialog(QDialog):
    """A file name and a starting point; the window creates the workspace."""

    def __init__(self, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New workspace")
        self.setObjectName("new_workspace_dialog")
        self.path_edit = QLineEdit(str(free_path(folder / "Handover plan.handover")))
        self.path_edit.setAccessibleName("File of the new workspace")
        browse = QPushButton("&Browse…")
        browse.setAccessibleName("Choose where to save the new workspace")
        browse.clicked.connect(self._on_browse_clicked)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)

        self.start_box = QComboBox()
        self.start_box.setAccessibleName("What the new workspace starts with")
        self.start_box.addItem("Empty workspace", EMPTY)
        for template in load_templates().values():
            self.start_box.addItem(f"One system from template: {template.name}", template.key)
        self.start_box.addItem("Demo portfolio (fictional data, for trying things out)", DEMO)
        self.start_box.currentIndexChanged.connect(self._on_start_box_current_index_changed)
        self.description = QLabel()
        self.description.setTextFormat(Qt.TextFormat.PlainText)
        self.description.setWordWrap(True)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Create")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.path_edit.textChanged.connect(self._on_path_edit_text_changed)

        form = QFormLayout(self)
        file_label = QLabel("&File:")
        file_label.setBuddy(self.path_edit)
        form.addRow(file_label, path_row)
        form.addRow("&Start with:", self.start_box)
        form.addRow("", self.description)
        form.addRow(self.buttons)
        self.setMinimumWidth(560)
        self._on_start_box_current_index_changed(0)

    def path(self) -> Path:
        text = self.path_edit.text().strip()
        path = Path(text).expanduser()
        return path if path.suffix else path.with_suffix(".handover")

    def start(self) -> str:
        return str(self.start_box.currentData())

    def _on_browse_clicked(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, "New workspace", self.path_edit.text(), "Handover workspaces (*.handover)"
        )
        if path:
            self.path_edit.setText(path)

    def _on_path_edit_text_changed(self, text: str) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(text.strip()))

    def _on_start_box_current_index_changed(self, _index: int) -> None:
        start = self.start()
        if start == EMPTY:
            text = "No systems yet; the standard activities and sign-off roles are set up."
        elif start == DEMO:
            text = "Six fictional AI systems with people, teams and gaps to explore."
        else:
            text = load_templates()[start].description
        self.description.setText(text)
        self._fit_description()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_description()

    def _fit_description(self) -> None:
        # A word-wrapped label in a form does not ask for more lines once the dialog is
        # shown: make room for the text at the label's width, so no description is clipped.
        width = self.description.width()
        if width > 0:
            self.description.setMinimumHeight(self.description.heightForWidth(width))
            self.adjustSize()


def free_path(path: Path) -> Path:
    """``path``, or ``name 2.handover``, ``name 3.handover``… if it is taken."""
    candidate, n = path, 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem} {n}{path.suffix}")
        n += 1
    return candidate
