"""The Overview page: what the system is for, its stage and risk, and its data sources."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFormLayout, QWidget

from planner.domain.enums import HoursOfOperation, LifecycleStage, RiskTier
from planner.ui.models.entity_table_model import PERSON, Column
from planner.ui.pages.editor_page import EditorPage
from planner.ui.widgets.entity_form import EntityForm
from planner.ui.widgets.entity_table_panel import EntityTablePanel
from planner.ui.workspace_document import WorkspaceDocument

DATA_SOURCE_COLUMNS = (
    Column("name", "Name", required=True),
    Column("owner_id", "Owner", PERSON, required=True),
    Column("refresh_cadence", "Refresh cadence", required=True),
    Column("quality_checks", "Quality checks"),
    Column("access_rules", "Access rules"),
    Column("integration_point", "Integration point"),
)


class OverviewPage(EditorPage):
    key = "overview"
    title = "Overview"

    def __init__(self, document: WorkspaceDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self.form = EntityForm(document, "system", self)
        self.form.add_text("name", "Name", required=True)
        self.form.add_long_text("purpose", "Purpose", required=True)
        self.form.add_long_text("workflow", "Workflow", required=True)
        self.form.add_long_text("decision", "Decision supported", required=True)
        self.form.add_long_text("user_roles", "User roles", required=True)
        self.form.add_long_text("outcome", "Expected outcome", required=True)
        self.facts = EntityForm(document, "system", self)
        self.facts.add_enum("stage", "Stage", LifecycleStage)
        self.facts.add_enum("risk_tier", "Risk tier", RiskTier)
        self.facts.add_bool("regulated", "Regulated")
        self.facts.add_bool("processes_personal_data", "Processes personal data")
        self.facts.add_bool("customer_facing", "Customer-facing")
        self.facts.add_enum("hours_required", "Hours required", HoursOfOperation)
        self.facts.add_date("go_live", "Go-live", required=True)
        self.facts.layout_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        # The short facts first, then the prose at full width: side by side, the prose
        # fields were a few words wide on a 1,366 px laptop.
        for form in (self.facts, self.form):
            form.put_labels_above()  # a page is ~430 px wide at 1366x768
            form.errorOccurred.connect(self.errorOccurred)
            self.forms.append(form)
            self.page_layout.addWidget(form)
        self.sources = self.add_panel(
            EntityTablePanel(
                document,
                "data_source",
                DATA_SOURCE_COLUMNS,
                title="Data sources",
                new_values=self._new_source,
                details=("refresh_cadence", "quality_checks", "access_rules", "integration_point"),
                parent=self,
            )
        )

    def _new_source(self) -> dict[str, Any]:
        return {"system_id": self.system_id(), "name": "New data source"}

    def refresh(self) -> None:
        assert self.system is not None
        self.form.set_row(self.system.system)
        self.facts.set_row(self.system.system)
        self.sources.set_rows(self.system.data_sources)
