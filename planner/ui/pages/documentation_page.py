"""The Documentation page: runbooks, model cards, guides and who keeps them current."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from planner.domain.enums import DocumentStatus, DocumentType
from planner.ui.models.entity_table_model import DATE, ENUM, INT, PERSON, Column
from planner.ui.pages.editor_page import EditorPage
from planner.ui.widgets.entity_table_panel import EntityTablePanel
from planner.ui.workspace_document import WorkspaceDocument

DOCUMENT_COLUMNS = (
    Column("title", "Title", required=True),
    Column("doc_type", "Type", ENUM, DocumentType, optional=False),
    Column("status", "Status", ENUM, DocumentStatus, optional=False),
    Column("owner_id", "Owner", PERSON, required=True),
    Column("location", "Location", required=True),
    Column("last_reviewed", "Last reviewed", DATE),
    Column("review_interval_days", "Review every (days)", INT, minimum=1, maximum=3650),
)


class DocumentationPage(EditorPage):
    key = "documentation"
    title = "Documentation"

    def __init__(self, document: WorkspaceDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self.documents = self.add_panel(
            EntityTablePanel(
                document,
                "document",
                DOCUMENT_COLUMNS,
                title="Documents",
                new_values=self._new_document,
                details=("location", "last_reviewed", "review_interval_days"),
                parent=self,
            )
        )

    def _new_document(self) -> dict[str, Any]:
        return {"system_id": self.system_id(), "title": "New document"}

    def refresh(self) -> None:
        assert self.system is not None
        self.documents.set_rows(self.system.documents)
