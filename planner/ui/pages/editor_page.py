"""The base of every system editor page: its system, its tables and its open findings."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from planner.domain.plan import SystemPlan
from planner.domain.wording import count_of
from planner.ui.widgets.entity_form import EntityForm
from planner.ui.widgets.entity_table_panel import EntityTablePanel, plain_label
from planner.ui.widgets.field_styles import gap_text_style
from planner.ui.workspace_document import WorkspaceDocument

# More open lines than this and the page shows the first few and a "Show N more" button.
FOLD_AFTER = 4


class EditorPage(QWidget):
    """One area of a system's plan; subclasses fill ``refresh`` from ``self.system``."""

    key = ""
    title = ""
    errorOccurred = Signal(str)

    def __init__(self, document: WorkspaceDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.system: SystemPlan | None = None
        self.read_only = False
        self.panels: list[EntityTablePanel] = []
        self.forms: list[EntityForm] = []
        # What is still open on this page: the findings tracker's findings placed here, in
        # the findings panel's words (one source of truth: the page restates no rule), and
        # what the page knows that is no finding yet (signatures still to come).
        self.missing_label = plain_label("", self)
        self.missing_label.setObjectName("missing_label")
        self.missing_label.setWordWrap(True)
        self.missing_label.setStyleSheet(gap_text_style())
        self.missing_label.hide()
        # A page of an untouched template has some twenty findings: the first few show, the
        # rest one click away, so the page's own content is not pushed off a laptop screen.
        self.more_button = QPushButton(self)
        self.more_button.setObjectName("more_findings")
        self.more_button.setFlat(True)
        self.more_button.setStyleSheet("text-align: left; text-decoration: underline;")
        self.more_button.clicked.connect(self._on_more_button_clicked)
        self.more_button.hide()
        self._expanded = False
        self._finding_lines: list[str] = []
        self.page_layout = QVBoxLayout(self)
        self.page_layout.addWidget(self.missing_label)
        self.page_layout.addWidget(self.more_button, 0, Qt.AlignmentFlag.AlignLeft)

    # --- building -----------------------------------------------------------------------

    def add_panel(self, panel: EntityTablePanel, stretch: int = 1) -> EntityTablePanel:
        panel.errorOccurred.connect(self.errorOccurred)
        self.panels.append(panel)
        self.page_layout.addWidget(panel, stretch)
        return panel

    def add_form(self, form: EntityForm) -> EntityForm:
        form.errorOccurred.connect(self.errorOccurred)
        self.forms.append(form)
        self.page_layout.addWidget(form)
        return form

    def system_id(self) -> str:
        assert self.system is not None
        return self.system.id

    # --- content ------------------------------------------------------------------------

    def set_system_plan(self, system: SystemPlan | None) -> None:
        self.system = system
        self.read_only = bool(system is not None and system.system.locked) or (
            self.document.read_only
        )
        self.setEnabled(system is not None)
        if system is not None:
            self.refresh()
        for panel in self.panels:
            panel.set_read_only(self.read_only)
        for form in self.forms:
            form.set_read_only(self.read_only)
        self.update_missing()

    def refresh(self) -> None:
        """Fill the page's tables and forms from ``self.system``."""

    def missing(self) -> list[str]:
        """What the page lacks that is no finding (yet), as short phrases; rules say the rest."""
        return []

    def update_missing(self) -> None:
        items = self.missing() if self.system is not None else []
        lines = [*self._finding_lines, *(["Missing: " + "; ".join(items)] if items else [])]
        folded = len(lines) > FOLD_AFTER and not self._expanded
        shown = lines[: FOLD_AFTER - 1] if folded else lines
        self.missing_label.setText("\n".join(shown))
        self.missing_label.setToolTip("\n".join(lines) if folded else "")
        self.missing_label.setVisible(bool(lines))
        hidden = len(lines) - len(shown)
        self.more_button.setText(
            f"Show {count_of(hidden, 'more finding')}" if folded else "Show fewer findings"
        )
        self.more_button.setVisible(len(lines) > FOLD_AFTER)

    def _on_more_button_clicked(self) -> None:
        self._expanded = not self._expanded
        self.update_missing()

    def show_findings(self, lines: list[str]) -> None:
        """The tracker's open findings placed on this page, one line each ("Blocker: ...")."""
        self._finding_lines = list(lines)
        self.update_missing()

    def select_entity(self, kind_name: str, entity_id: str) -> bool:
        """Select the row of that entity if this page shows it."""
        return any(
            panel.select_entity(entity_id) for panel in self.panels if panel.kind_name == kind_name
        )

    @staticmethod
    def rows(values: Any) -> list[Any]:
        return list(values or ())
