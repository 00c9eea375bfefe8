"""Asking for a new AI system's name and, optionally, the starter template to fill it from."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from planner.domain.templates import load_templates


class AddSystemDialog(QDialog):
    """Name (required) and template (optional) of a system to add."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add AI system")
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName("Name of the new AI system")
        self.name_edit.setPlaceholderText("e.g. Invoice extraction")
        self.name_edit.setMaxLength(200)
        self.template_box = QComboBox()
        self.template_box.setAccessibleName("Starter template")
        self.template_box.addItem("No template (start empty)", None)
        for template in load_templates().values():
            self.template_box.addItem(template.name, template.key)
            self.template_box.setItemData(
                self.template_box.count() - 1, template.description, Qt.ItemDataRole.ToolTipRole
            )
        self.template_box.currentIndexChanged.connect(self._on_template_box_current_index_changed)
        self.description = QLabel()
        self.description.setTextFormat(Qt.TextFormat.PlainText)
        self.description.setWordWrap(True)
        self.description.setMinimumWidth(360)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Add")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.name_edit.textChanged.connect(self._on_name_edit_text_changed)
        form = QFormLayout(self)
        form.addRow("&Name:", self.name_edit)
        form.addRow("&Template:", self.template_box)
        form.addRow("", self.description)
        form.addRow(self.buttons)
        self._on_name_edit_text_changed("")
        self._on_template_box_current_index_changed(0)

    def name(self) -> str:
        return self.name_edit.text().strip()

    def template(self) -> str | None:
        key = self.template_box.currentData()
        return str(key) if key is not None else None

    def _on_name_edit_text_changed(self, _text: str) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.name()))

    def _on_template_box_current_index_changed(self, _index: int) -> None:
        key = self.template()
        if key is None:
            self.description.setText("An empty plan: you fill in every page yourself.")
            return
        template = load_templates()[key]
        self.description.setText(template.description)
        if not self.name_edit.isModified() and not self.name():
            self.name_edit.setPlaceholderText(template.name)
