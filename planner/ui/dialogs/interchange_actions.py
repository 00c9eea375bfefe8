"""The File menu's actions for other tools' formats, kept out of the main window's file."""

from __future__ import annotations

import importlib
from typing import Any

from PySide6.QtGui import QAction

_DIALOGS = "planner.ui.dialogs."
# (menu text, module under planner/ui/dialogs, function(window), tip, object name)
IMPORTS = (
    (
        "Import &spreadsheet…",
        "import_spreadsheet_dialog",
        "import_spreadsheet",
        "Read a RACI spreadsheet (xlsx or CSV), preview its changes, then import",
        "import_spreadsheet",
    ),
    (
        "Import pe&ople CSV…",
        "import_people_dialog",
        "import_people_csv",
        "Read a people directory (CSV), preview its changes, then import",
        "import_people",
    ),
)
EXPORTS = (
    (
        "Export sp&readsheet…",
        "interchange_export",
        "export_spreadsheet",
        "Write the RACI of every system as an xlsx workbook or a CSV table",
        "export_spreadsheet",
    ),
    (
        "Export people CS&V…",
        "interchange_export",
        "export_people",
        "Write the people directory as a CSV file",
        "export_people",
    ),
    (
        "Export Pager&Duty…",
        "interchange_export",
        "export_pagerduty",
        "Escalation policies, schedules, users and services for PagerDuty (or Terraform)",
        "export_pagerduty",
    ),
    (
        "Export &Backstage…",
        "interchange_export",
        "export_backstage",
        "A Backstage catalog (catalog-info.yaml) of the systems, teams and people",
        "export_backstage",
    ),
)


class InterchangeActions:
    """Import and export actions for spreadsheets, people, PagerDuty and Backstage."""

    def __init__(self, window: Any) -> None:
        self.imports = [self._action(window, *entry) for entry in IMPORTS]
        self.exports = [self._action(window, *entry) for entry in EXPORTS]

    @staticmethod
    def _action(window: Any, text: str, module: str, function: str, tip: str, name: str) -> Any:
        action = QAction(text, window)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.setObjectName(name)
        action.triggered.connect(lambda: _call(module, function, window))
        window.addAction(action)
        return action

    def actions(self) -> list[QAction]:
        return [*self.imports, *self.exports]

    def set_writable(self, writable: bool) -> None:
        for action in self.imports:
            action.setEnabled(writable)


def _call(module: str, function: str, window: Any) -> Any:
    # The dialogs import the store (pydantic, SQLAlchemy): only when used, for a fast start.
    return getattr(importlib.import_module(_DIALOGS + module), function)(window)
