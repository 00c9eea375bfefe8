"""The Retraining page: the one plan for when and how the model is retrained."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from planner.domain.enums import RetrainingTrigger
from planner.domain.errors import PlannerError
from planner.operations import create_entity
from planner.ui.pages.editor_page import EditorPage
from planner.ui.widgets.entity_form import EntityForm
from planner.ui.widgets.entity_table_panel import plain_label
from planner.ui.workspace_document import WorkspaceDocument


class RetrainingPage(EditorPage):
    key = "retraining"
    title = "Retraining"

    def __init__(self, document: WorkspaceDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self.empty_label = plain_label("This system has no retraining plan yet.", self)
        self.create_button = QPushButton("Create retraining plan", self)
        self.create_button.clicked.connect(self._on_create_clicked)
        empty = QHBoxLayout()
        empty.addWidget(self.empty_label)
        empty.addWidget(self.create_button)
        empty.addStretch(1)
        self.page_layout.addLayout(empty)
        self.form = self.add_form(EntityForm(document, "retraining_plan", self))
        self.form.add_person("owner_id", "Owner", required=True)
        self.form.add_person("approver_id", "Approver", required=True)
        # A cadence is a sentence or two ("Quarterly, or sooner when drift…"), not a word.
        self.form.add_long_text("cadence", "Cadence", required=True)
        self.triggers = self.form.add_checklist(
            "triggers", "Triggers", RetrainingTrigger, required=True, columns=2
        )
        self.form.add_long_text("validation_steps", "Validation steps", required=True)
        self.form.add_long_text("rollback_plan", "Rollback plan", required=True)
        self.form.add_date("last_retrained", "Last retrained")
        self.form.put_labels_above()
        self.page_layout.addStretch(1)

    def refresh(self) -> None:
        assert self.system is not None
        plan = self.system.retraining
        has_plan = plan is not None
        self.empty_label.setVisible(not has_plan)
        self.create_button.setVisible(not has_plan)
        self.create_button.setEnabled(not self.read_only)
        self.form.setVisible(has_plan)
        self.form.set_row(plan)

    def _on_create_clicked(self) -> None:
        try:
            self.document.run(
                create_entity, kind_name="retraining_plan", values={"system_id": self.system_id()}
            )
        except PlannerError as exc:
            self.errorOccurred.emit(str(exc))
