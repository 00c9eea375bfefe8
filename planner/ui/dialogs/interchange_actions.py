"""The File menu's actions for other tools' formats, kept out of the main window's file."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QAction


class InterchangeActions:
    """Import and export actions for spreadsheets (and the other bridges) on a window."""

    def __init__(self, window: Any) -> None:
        self.imports = [
            self._action(
                window,
                "Import &spreadsheet…",
                lambda: _import_spreadsheet(window),
                "Read a RACI spreadsheet (xlsx or CSV), preview its changes, then import",
                "import_spreadsheet",
            )
        ]
        self.exports = [
            self._action(
                window,
                "Export sp&readsheet…",
                lambda: _export_spreadsheet(window),
                "Write the RACI of every system as an xlsx workbook or a CSV table",
                "export_spreadsheet",
            ),
            self._action(
                window,
                "Export Pager&Duty…",
                lambda: _export("export_pagerduty", window),
                "Escalation policies, schedules, users and services for PagerDuty (or Terraform)",
                "export_pagerduty",
            ),
            self._action(
                window,
                "Export &Backstage…",
                lambda: _export("export_backstage", window),
                "A Backstage catalog (catalog-info.yaml) of the systems, teams and people",
                "export_backstage",
            ),
        ]

    @staticmethod
    def _action(window: Any, text: str, slot: Any, tip: str, name: str) -> QAction:
        action = QAction(text, window)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.setObjectName(name)
        action.triggered.connect(slot)
        window.addAction(action)
        return action

    def actions(self) -> list[QAction]:
        return [*self.imports, *self.exports]

    def set_writable(self, writable: bool) -> None:
        for action in self.imports:
            action.setEnabled(writable)


# The dialogs import the store (pydantic, SQLAlchemy): only when used, to keep start-up fast.
def _import_spreadsheet(window: Any) -> Any:
    from planner.ui.dialogs.import_spreadsheet_dialog import import_spreadsheet

    return import_spreadsheet(window)


def _export_spreadsheet(window: Any) -> Any:
    from planner.ui.dialogs.interchange_export import export_spreadsheet

    return export_spreadsheet(window)


def _export(name: str, window: Any) -> Any:
    from planner.ui.dialogs import interchange_export

    return getattr(interchange_export, name)(window)
