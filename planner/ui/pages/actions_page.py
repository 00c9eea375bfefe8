"""The Actions page: the open points of this system's handover, with owners and due dates."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from planner.domain.enums import ActionStatus
from planner.ui.models.entity_table_model import DATE, ENUM, PERSON, Column
from planner.ui.pages.editor_page import EditorPage
from planner.ui.widgets.entity_table_panel import EntityTablePanel
from planner.ui.workspace_document import WorkspaceDocument

ACTION_COLUMNS = (
    Column("text", "Action", required=True),
    Column("owner_id", "Owner", PERSON, required=True),
    Column("due", "Due", DATE, required=True),
    Column("status", "Status", ENUM, ActionStatus, optional=False),
)


class ActionsPage(EditorPage):
    key = "actions"
    title = "Actions"

    def __init__(self, document: WorkspaceDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self.action_items = self.add_panel(
            EntityTablePanel(
                document,
                "action_item",
                ACTION_COLUMNS,
                title="Action items",
                new_values=self._new_action,
                parent=self,
            )
        )

    def _new_action(self) -> dict[str, Any]:
        return {"system_id": self.system_id(), "text": "New action"}

    def refresh(self) -> None:
        assert self.system is not None
        self.action_items.set_rows(self.system.actions)
