"""The Monitoring & human review page: signals to watch and outputs people check."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QGroupBox, QVBoxLayout, QWidget

from planner.domain.enums import SignalKind
from planner.ui.models.entity_table_model import BOOL, ENUM, FLOAT, PERSON, TEAM, Column
from planner.ui.pages.editor_page import EditorPage
from planner.ui.widgets.entity_form import EntityForm
from planner.ui.widgets.entity_table_panel import EntityTablePanel
from planner.ui.workspace_document import WorkspaceDocument

SIGNAL_COLUMNS = (
    Column("kind", "Signal", ENUM, SignalKind, optional=False),
    Column("metric", "Metric", required=True),
    Column("threshold", "Threshold", required=True),
    Column("alert_channel", "Alert channel", required=True),
    Column("alert_person_id", "Alert person", PERSON),
    Column("alert_team_id", "Alert team", TEAM),
    Column("owner_id", "Owner", PERSON, required=True),
    Column("review_cadence", "Review cadence"),
)

REVIEW_RULE_COLUMNS = (
    Column("outputs", "Outputs reviewed", required=True),
    Column("reviewer_role", "Reviewer role", required=True),
    Column("trigger", "Trigger", required=True),
    Column("sampling_percent", "Sampling %", FLOAT, maximum=100),
    Column("influences_decisions", "Influences decisions", BOOL),
    Column("regulated", "Regulated", BOOL),
)


class MonitoringPage(EditorPage):
    key = "monitoring"
    title = "Monitoring & human review"

    def __init__(self, document: WorkspaceDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self.signals = self.add_panel(
            EntityTablePanel(
                document,
                "monitoring_signal",
                SIGNAL_COLUMNS,
                title="Monitoring signals",
                new_values=self._new_signal,
                details=(
                    "threshold",
                    "alert_channel",
                    "alert_person_id",
                    "alert_team_id",
                    "review_cadence",
                ),
                parent=self,
            )
        )
        self.dashboards = self._dashboards_form(document)
        self.review_rules = self.add_panel(
            EntityTablePanel(
                document,
                "human_review_rule",
                REVIEW_RULE_COLUMNS,
                title="Human review rules",
                new_values=self._new_rule,
                details=("trigger", "sampling_percent", "influences_decisions", "regulated"),
                parent=self,
            )
        )
        box = QGroupBox("Human oversight", self)
        self.oversight = EntityForm(document, "system", box)
        self.oversight.add_person("overseer_id", "Overseer")
        self.oversight.add_text("overseer_training", "Overseer's competence and training")
        self.oversight.add_bool("overseer_can_stop", "Overseer may override and stop it")
        self.oversight.put_labels_above()
        QVBoxLayout(box).addWidget(self.oversight)
        self.oversight.errorOccurred.connect(self.errorOccurred)
        self.forms.append(self.oversight)
        self.page_layout.addWidget(box)

    def _dashboards_form(self, document: WorkspaceDocument) -> EntityForm:
        """Where the dashboards are: on call at night, the signals are no use unfound."""
        box = QGroupBox("Dashboards", self)
        form = EntityForm(document, "system", box)
        form.add_long_text("dashboards", "Where the dashboards are (one link a line)")
        form.put_labels_above()
        QVBoxLayout(box).addWidget(form)
        form.errorOccurred.connect(self.errorOccurred)
        self.forms.append(form)
        self.page_layout.addWidget(box)
        return form

    def _new_signal(self) -> dict[str, Any]:
        assert self.system is not None
        used = {s.kind for s in self.system.signals}
        kind = next((k for k in SignalKind if k.value not in used), SignalKind.OUTPUT_QUALITY)
        return {"system_id": self.system_id(), "kind": kind}

    def _new_rule(self) -> dict[str, Any]:
        return {"system_id": self.system_id(), "outputs": "New outputs to review"}

    def refresh(self) -> None:
        assert self.system is not None
        self.signals.set_rows(self.system.signals)
        self.review_rules.set_rows(self.system.review_rules)
        self.dashboards.set_row(self.system.system)
        self.oversight.set_row(self.system.system)
