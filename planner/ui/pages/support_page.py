"""The Support path page: the tiers a user's problem passes through, in order."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from planner.domain.enums import ChannelKind, HoursOfOperation, SupportLevel
from planner.ui.models.entity_table_model import ENUM, INT, TEAM, Column
from planner.ui.pages.editor_page import EditorPage
from planner.ui.widgets.entity_table_panel import EntityTablePanel
from planner.ui.workspace_document import WorkspaceDocument

SUPPORT_TIER_COLUMNS = (
    Column("level", "Level", ENUM, SupportLevel, optional=False),
    Column("team_id", "Team", TEAM, required=True),
    Column("channel", "Channel", ENUM, ChannelKind, required=True),
    Column("address", "Address", required=True),
    Column("hours", "Hours", ENUM, HoursOfOperation, required=True),
    Column("timezone", "Time zone"),
    Column("response_minutes", "Response (min)", INT, required=True, minimum=1),
    Column("resolution_minutes", "Resolve (min)", INT, minimum=1),
    # When this tier passes a case to the next one (printed under the support table).
    Column("escalate_when", "Moves up when"),
)


class SupportPage(EditorPage):
    key = "support"
    title = "Support path"

    def __init__(self, document: WorkspaceDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self.tiers = self.add_panel(
            EntityTablePanel(
                document,
                "support_tier",
                SUPPORT_TIER_COLUMNS,
                title="Support tiers",
                new_values=self._new_tier,
                # Who and where in the table; the service levels under it, for the tier
                # selected (nine columns scrolled sideways on a 1366x768 screen).
                details=(
                    "hours",
                    "timezone",
                    "response_minutes",
                    "resolution_minutes",
                    "escalate_when",
                ),
                parent=self,
            )
        )

    def _new_tier(self) -> dict[str, Any]:
        assert self.system is not None
        tiers = self.system.support_tiers
        levels = list(SupportLevel)
        level = levels[min(len(tiers), len(levels) - 1)]
        position = max((t.position for t in tiers), default=-1) + 1
        return {"system_id": self.system_id(), "level": level, "position": position}

    def refresh(self) -> None:
        assert self.system is not None
        self.tiers.set_rows(self.system.support_tiers)
