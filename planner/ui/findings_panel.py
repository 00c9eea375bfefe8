"""The findings panel: what stands between a system (or the portfolio) and production.

Lists the tracker's findings for the current system or the whole portfolio; activating
one asks the window to open the editor page (and row) the finding is about.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from planner.domain.wording import count_of
from planner.ui.finding_words import finding_message
from planner.ui.models.findings_model import MESSAGE, SEVERITY, SYSTEM, FindingsModel
from planner.ui.readiness_tracker import ReadinessTracker
from planner.ui.widgets.entity_table_panel import make_list_view
from planner.ui.widgets.two_line_delegate import TwoLineDelegate
from planner.ui.workspace_document import WorkspaceDocument


def finding_detail(finding: Any, message: str | None = None) -> str:
    """The finding in full: what is wrong (``message``: as shown), how to fix it, and the
    standards it bears on."""
    text = f"{message or finding.message}\n\nHow to fix: {finding.remedy}"
    try:
        from planner.analysis.crosswalk import served_text
    except ImportError:  # a build without the analysis has no findings either
        return text
    served = served_text(finding.rule_id)
    return text + (f"\n\nServes: {served}" if served else "")


class FindingsPanel(QWidget):
    """Findings of the current system, or of every system, with a click-through."""

    # (system_id or None, page key, (kind_name, entity_id) or None)
    finding_activated = Signal(object, str, object)

    def __init__(
        self,
        document: WorkspaceDocument,
        tracker: ReadinessTracker,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._document = document
        self._tracker = tracker
        self._system_id: str | None = None
        self.setObjectName("findings_panel")

        title = self._build_title()
        self._build_scopes()
        self._build_view()
        self._build_remedy()
        scope_row = QHBoxLayout()
        scope_row.addWidget(self.system_scope)
        scope_row.addWidget(self.portfolio_scope)
        scope_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(title)
        layout.addLayout(scope_row)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.remedy)
        self.setTabOrder(self.system_scope, self.portfolio_scope)
        self.setTabOrder(self.portfolio_scope, self.view)

        tracker.updated.connect(self._on_tracker_updated)
        self._reload()

    def _build_title(self) -> QLabel:
        """The bold panel title."""
        title = QLabel("Findings")
        title.setObjectName("panel_title")
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        return title

    def _build_scopes(self) -> None:
        """The system/portfolio switch and the summary line under it."""
        self.system_scope = QRadioButton("This system")
        self.system_scope.setAccessibleName("Show findings of the selected system")
        self.portfolio_scope = QRadioButton("Portfolio")
        self.portfolio_scope.setAccessibleName("Show findings of every system")
        self.system_scope.setChecked(True)
        scopes = QButtonGroup(self)
        scopes.addButton(self.system_scope)
        scopes.addButton(self.portfolio_scope)
        scopes.buttonToggled.connect(self._on_scope_toggled)

        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)

    def _build_view(self) -> None:
        """The findings list, two lines a finding."""
        self.model = FindingsModel(self._system_name, self, message=self._message)
        self.view = make_list_view(self.model, "findings_view", "Findings")
        header = self.view.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(SEVERITY, QHeaderView.ResizeMode.ResizeToContents)
        header.resizeSection(SYSTEM, 110)
        # Two lines a finding, so it can be read without hovering.
        self.view.setItemDelegateForColumn(MESSAGE, TwoLineDelegate(self.view))
        self.view.setMinimumWidth(self.fontMetrics().averageCharWidth() * 48)
        self.view.clicked.connect(self._on_view_activated)
        self.view.activated.connect(self._on_view_activated)
        self.view.selectionModel().currentRowChanged.connect(self._on_current_row_changed)

    def _build_remedy(self) -> None:
        """The selected finding in full, with how to fix it."""
        self.remedy = QLabel()
        self.remedy.setObjectName("remedy")
        self.remedy.setTextFormat(Qt.TextFormat.PlainText)
        self.remedy.setWordWrap(True)
        self.remedy.setAccessibleName("The selected finding and how to fix it")
        self.remedy.setText("Select a finding to read it in full and see how to fix it.")
        self.remedy.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    # --- public --------------------------------------------------------------------

    def set_system(self, system_id: str | None) -> None:
        self._system_id = system_id
        if self.system_scope.isChecked():
            self._reload()

    def show_portfolio(self, portfolio: bool) -> None:
        (self.portfolio_scope if portfolio else self.system_scope).setChecked(True)

    # --- internals -----------------------------------------------------------------

    def _message(self, finding: Any) -> str:
        return finding_message(finding, self._document.plan)

    def _system_name(self, system_id: str | None) -> str:
        if system_id is None:
            return "(workspace)"
        system = self._document.plan.systems.get(system_id)
        return system.name if system is not None else "(deleted)"

    def _reload(self) -> None:
        portfolio = self.portfolio_scope.isChecked()
        self.view.setColumnHidden(SYSTEM, not portfolio)
        if not self._tracker.available:
            self.model.set_findings(())
            self.summary.setText(f"The readiness analysis failed: {self._tracker.error}")
            self.remedy.clear()
            return
        if self._tracker.busy and self._tracker.analysis is None:
            self.model.set_findings(())
            self.summary.setText("Analysing the portfolio…")
            self.remedy.clear()
            return
        if portfolio:
            findings: Any = self._tracker.portfolio()
        elif self._system_id is None:
            findings = ()
        else:
            findings = self._tracker.findings(self._system_id)
        self.model.set_findings(findings)
        self.summary.setText(self._summary(portfolio))
        self.remedy.setText(
            "Select a finding to read it in full and see how to fix it."
            if self.model.rowCount()
            else ""
        )
        self.view.header().setSectionResizeMode(MESSAGE, QHeaderView.ResizeMode.Stretch)

    def _summary(self, portfolio: bool) -> str:
        if not portfolio and self._system_id is None:
            return "Select an AI system to see what its handover still lacks."
        counts = self.model.counts()
        if not any(counts.values()):
            return "No findings: nothing stands in the way of production."
        parts = [
            count_of(counts["blocker"], "blocker"),
            count_of(counts["warning"], "warning"),
            f"{counts['info']} info",
        ]
        if not portfolio:
            score, _blockers = self._tracker.readiness(self._system_id or "")
            if score is not None:
                parts.insert(0, f"Readiness {score}/100")
        return ", ".join(parts)

    def _on_tracker_updated(self, system_ids: frozenset[str] | None) -> None:
        if self.portfolio_scope.isChecked() or system_ids is None or self._system_id in system_ids:
            self._reload()

    def _on_scope_toggled(self, _button: object, checked: bool) -> None:
        if checked:
            self._reload()

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        finding = self.model.finding(current.row())
        if finding is None:
            self.remedy.clear()
            return
        self.remedy.setText(finding_detail(finding, self._message(finding)))

    def _on_view_activated(self, index: QModelIndex) -> None:
        finding = self.model.finding(index.row())
        if finding is None:
            return
        entity = finding.entities[0] if finding.entities else None
        self.finding_activated.emit(finding.system_id, finding.page, entity)
