"""The Governance & readiness page: controls, readiness criteria, baselines and operating."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QScrollArea, QToolBox, QVBoxLayout, QWidget

from planner.domain.enums import ControlKind, ControlStatus, ReadinessArea, ReadinessStatus
from planner.ui.models.entity_table_model import ENUM, FLOAT, PERSON, Column
from planner.ui.pages.editor_page import EditorPage
from planner.ui.widgets.entity_form import EntityForm
from planner.ui.widgets.entity_table_panel import EntityTablePanel
from planner.ui.widgets.icons import themed_icon
from planner.ui.workspace_document import WorkspaceDocument

CONTROL_COLUMNS = (
    Column("kind", "Control", ENUM, ControlKind, optional=False),
    Column("status", "Status", ENUM, ControlStatus, optional=False),
    Column("owner_id", "Owner", PERSON, required=True),
    Column("description", "Description"),
    Column("evidence", "Evidence", required=True),
)

CRITERION_COLUMNS = (
    Column("area", "Area", ENUM, ReadinessArea, optional=False),
    Column("status", "Status", ENUM, ReadinessStatus, optional=False),
    Column("owner_id", "Owner", PERSON, required=True),
    Column("evidence", "Evidence", required=True),
)

BASELINE_COLUMNS = (
    Column("metric", "Metric", required=True),
    Column("unit", "Unit"),
    Column("baseline_value", "Baseline", FLOAT, required=True, minimum=-1e12, maximum=1e12),
    Column("target_value", "Target", FLOAT, required=True, minimum=-1e12, maximum=1e12),
    Column("current_value", "Current", FLOAT, minimum=-1e12, maximum=1e12),
)


# The sections' headers (Alt+letter opens one), in order; the tables' show their row counts.
SECTIONS = ("Governance &controls", "&Readiness criteria", "&Baselines")
OPERATING = "&Operating the system"


class GovernancePage(EditorPage):
    key = "governance"
    title = "Governance & readiness"

    def __init__(self, document: WorkspaceDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self.controls = self.add_panel(
            EntityTablePanel(
                document,
                "governance_control",
                CONTROL_COLUMNS,
                title="Governance controls",
                new_values=lambda: self._new("governance_control"),
                details=("description", "evidence"),
                parent=self,
            )
        )
        self.criteria = self.add_panel(
            EntityTablePanel(
                document,
                "readiness_criterion",
                CRITERION_COLUMNS,
                title="Readiness criteria",
                new_values=lambda: self._new("readiness_criterion"),
                parent=self,
            )
        )
        self.baselines = self.add_panel(
            EntityTablePanel(
                document,
                "baseline",
                BASELINE_COLUMNS,
                title="Baselines",
                new_values=lambda: self._new("baseline"),
                parent=self,
            )
        )
        # Four collapsible sections, one open at a time with the page's whole height: stacked,
        # the three tables and the form were each a few rows behind their own scroll bars at
        # 1366x768, and tabs overflowed the column. Each header names its section and count.
        self.sections = QToolBox(self)
        self.sections.setObjectName("governance_sections")
        for panel in self.panels:
            self.page_layout.removeWidget(panel)
            panel.title_label.hide()  # the section's header says it
            panel.view.setMinimumHeight(5 * panel.view.verticalHeader().defaultSectionSize())
            self.sections.addItem(panel, "")
        self.operating = self._operating_form(document)
        self.page_layout.addWidget(self.sections, 1)
        self._make_headers_operable()

    def _make_headers_operable(self) -> None:
        """An arrow on each header (down: open, right: closed), and headers in the Tab order.

        Without the arrows the headers looked like tabs; Qt's own headers take no focus, so
        only Alt+letter reached them from the keyboard. Now Tab reaches each (the focused
        one in bold: Qt draws no focus frame on them), and Space or Enter opens it; a
        screen reader hears "expanded" or "collapsed"."""
        # Qt's header buttons, direct children of the box in the order the sections were added.
        self.section_headers = [
            b
            for b in self.sections.findChildren(
                QAbstractButton, options=Qt.FindChildOption.FindDirectChildrenOnly
            )
            if b.objectName() == "qt_toolbox_toolboxbutton"
        ]
        for header in self.section_headers:
            header.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            header.installEventFilter(self)
        # The box wraps each section in a scroll area of its own: no Tab stop of any use.
        for area in self.sections.findChildren(
            QScrollArea, options=Qt.FindChildOption.FindDirectChildrenOnly
        ):
            area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.sections.currentChanged.connect(self._on_sections_current_changed)
        self._on_sections_current_changed(self.sections.currentIndex())

    def _on_sections_current_changed(self, current: int) -> None:
        for index in range(self.sections.count()):
            is_open = index == current
            self.sections.setItemIcon(
                index, themed_icon("chevron-down" if is_open else "chevron-right")
            )
            if index < len(self.section_headers):
                header = self.section_headers[index]
                header.setAccessibleDescription("expanded" if is_open else "collapsed")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        focus = (QEvent.Type.FocusIn, QEvent.Type.FocusOut)
        if event.type() in focus and isinstance(watched, QAbstractButton):
            font = watched.font()
            font.setBold(event.type() == QEvent.Type.FocusIn)
            watched.setFont(font)
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and isinstance(watched, QAbstractButton)
            and watched in self.section_headers
        ):
            watched.click()
            return True
        return super().eventFilter(watched, event)

    def _operating_form(self, document: WorkspaceDocument) -> EntityForm:
        """How the system is switched off, run by hand, retired, logged and disclosed.

        Its own section, labels over fields: side by side beside the tables the text boxes
        were ~60 px wide on a 1366x768 screen."""
        box = QWidget(self)
        form = EntityForm(document, "system", box)
        form.add_long_text("fallback_procedure", "Fallback procedure")
        form.add_long_text("decommissioning_plan", "Decommissioning plan")
        form.add_long_text("transparency_notice", "Transparency notice")
        form.add_int("log_retention_days", "Logs kept for", maximum=36_500, suffix=" days")
        form.put_labels_above()
        form.errorOccurred.connect(self.errorOccurred)
        self.forms.append(form)
        layout = QVBoxLayout(box)
        layout.addWidget(form)
        layout.addStretch(1)
        self.sections.addItem(box, OPERATING)
        return form

    def show_section(self, widget: QWidget) -> None:
        """Bring forward the section that holds ``widget``."""
        for index in range(self.sections.count()):
            section = self.sections.widget(index)
            if section is not None and (section is widget or section.isAncestorOf(widget)):
                self.sections.setCurrentIndex(index)
                return

    def select_entity(self, kind_name: str, entity_id: str) -> bool:
        if kind_name == "system":  # the operating fields are the system's own
            self.show_section(self.operating)
            return True
        for panel in self.panels:
            if panel.kind_name == kind_name and panel.model.row_of(entity_id) >= 0:
                self.show_section(panel)
                return panel.select_entity(entity_id)
        return False

    def _new(self, kind_name: str) -> dict[str, Any]:
        assert self.system is not None
        values: dict[str, Any] = {"system_id": self.system_id()}
        if kind_name == "governance_control":
            kinds = {c.kind for c in self.system.controls}
            values["kind"] = next((k for k in ControlKind if k not in kinds), ControlKind.OTHER)
        elif kind_name == "readiness_criterion":
            assessed = {c.area for c in self.system.criteria}
            areas = list(ReadinessArea)
            values["area"] = next((a for a in areas if a not in assessed), areas[0])
        else:
            values["metric"] = "New metric"
        return values

    def refresh(self) -> None:
        assert self.system is not None
        self.operating.set_row(self.system.system)
        self.controls.set_rows(self.system.controls)
        self.criteria.set_rows(self.system.criteria)
        self.baselines.set_rows(self.system.baselines)
        counts = (len(self.system.controls), len(self.system.criteria), len(self.system.baselines))
        for index, (text, count) in enumerate(zip(SECTIONS, counts, strict=True)):
            self.sections.setItemText(index, f"{text} ({count})")
